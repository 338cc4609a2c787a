//! Golden output: the `basic` fixture built at a fixed time, and a representative
//! page of every kind, each feed format and both sitemaps compared byte for byte
//! with the stored snapshots. A refactor must leave them unchanged; a theme or
//! template change shows its diff here (accept with `INSTA_UPDATE=always cargo test`
//! after reading it).

use crate::support::TempSite;

/// One page of each kind, and the site-wide files.
const GOLDEN: &[(&str, &str)] = &[
    ("home", "index.html"),
    (
        "article",
        "2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/index.html",
    ),
    ("article-rtl", "2017/09/20/کراچی-میں-شدید-بارش/index.html"),
    ("topic", "topics/pakistan/index.html"),
    ("moved-page", "topics/pakistan/page/2/index.html"),
    ("topics", "topics/index.html"),
    ("tag", "tags/karachi/index.html"),
    ("agency", "agencies/app/index.html"),
    ("author", "authors/amina-shah/index.html"),
    ("archive-day", "2017/09/22/index.html"),
    ("archive-month", "2017/09/index.html"),
    ("archive-month-older", "2017/09/page/1/index.html"),
    ("archive-year", "2017/index.html"),
    ("not-found", "404.html"),
    ("rss", "feed.xml"),
    ("atom", "atom.xml"),
    ("topic-rss", "topics/pakistan/feed.xml"),
    ("topic-atom", "topics/pakistan/atom.xml"),
    ("sitemap", "sitemap.xml"),
    ("news-sitemap", "news-sitemap.xml"),
    ("robots", "robots.txt"),
];

/// Built the day after the newest published story, so the news sitemap lists it.
fn built() -> TempSite {
    let site = TempSite::site("basic");
    site.build(&["--now", "2018-05-03T00:00:00Z"]);
    site
}

#[test]
fn the_basic_site_builds_to_its_golden_files() {
    let site = built();
    for (name, rel) in GOLDEN {
        insta::assert_snapshot!(format!("golden-{name}"), site.read(rel));
    }
}

/// FNV-1a: a fixed, dependency-free hash, so the list below changes only with bytes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Every file but the build's own records (`.broadsheet/`, whose keys hold the
/// binary's build id), with its size and hash: no byte anywhere changes unseen.
#[test]
fn the_basic_site_builds_exactly_the_golden_list_of_files() {
    let site = built();
    let files: Vec<String> = crate::support::tree(&site.public())
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(".broadsheet"))
        .map(|(rel, bytes)| format!("{:016x} {:>6} {rel}", fnv1a(&bytes), bytes.len()))
        .collect();
    insta::assert_snapshot!("golden-files", files.join("\n"));
}
