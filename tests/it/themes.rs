//! Themes: the breaking-news window, the demo site under both themes, site
//! overrides, `init --theme` and `theme new`.

use crate::support::{Page, TempSite, copy_dir};

/// A breaking story published 2017-09-23 10:00 in Karachi (05:00 UTC).
const BREAKING: &str = "---\ntitle: \"Quake shakes Quetta\"\ndate: 2017-09-23T10:00:00+05:00\ntopics: [Pakistan]\nbreaking: true\n---\nQUETTA, SEPT 23 (APP) – A strong earthquake shook Quetta.\n";

fn banner_links(site: &TempSite) -> Vec<String> {
    site.page("index.html").attrs(".breaking-banner a", "href")
}

#[test]
fn breaking_banner_lasts_breaking_hours() {
    let site = TempSite::site("basic");
    site.write("content/2017/09/quake.md", BREAKING);
    let quake = "/2017/09/23/quake-shakes-quetta/".to_string();

    // Default window: 24 hours.
    site.build(&["--now", "2017-09-23T12:00:00+05:00"]);
    assert_eq!(banner_links(&site), vec![quake.clone()]);
    assert_eq!(
        site.read(".broadsheet/next-change").trim(),
        "2017-09-24T10:00:00+05:00",
        "the banner running out is the next change"
    );
    site.build(&["--now", "2017-09-24T09:59:00+05:00"]);
    assert_eq!(banner_links(&site), vec![quake.clone()]);
    site.build(&["--now", "2017-09-24T10:00:00+05:00"]);
    assert!(
        banner_links(&site).is_empty(),
        "24 hours later the banner is gone"
    );
    assert_eq!(site.page("index.html").count(".breaking-banner"), 0);

    // A shorter window in site.toml; the story itself stays on the page.
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace("paginate = 2", "paginate = 2\nbreaking_hours = 2"),
    );
    site.build(&["--now", "2017-09-23T11:59:00+05:00"]);
    assert_eq!(banner_links(&site), vec![quake.clone()]);
    site.build(&["--now", "2017-09-23T12:00:00+05:00"]);
    assert!(banner_links(&site).is_empty());
    assert!(
        site.page("index.html")
            .attrs(".card a.card-link, .lead-story a.card-link", "href")
            .contains(&quake)
    );

    // An update restarts the window.
    site.write(
        "content/2017/09/quake.md",
        &BREAKING.replace(
            "breaking: true",
            "breaking: true\nupdated: 2017-09-23T13:00:00+05:00",
        ),
    );
    site.build(&["--now", "2017-09-23T14:30:00+05:00"]);
    assert_eq!(banner_links(&site), vec![quake.clone()]);
    assert!(
        site.page("index.html")
            .text(".breaking-banner time")
            .starts_with("Updated 13:00")
    );

    // 0: no banner at all.
    site.write(
        "site.toml",
        &toml.replace("paginate = 2", "paginate = 2\nbreaking_hours = 0"),
    );
    site.build(&["--now", "2017-09-23T10:00:00+05:00"]);
    assert!(banner_links(&site).is_empty());
}

/// The demo site (the repository root: site.toml, content/, static/, themes/) in a
/// temporary folder, set to `theme`.
pub fn demo_site(theme: &str) -> TempSite {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "static", "themes", "i18n"] {
        copy_dir(&root.join(part), &dir.path().join(part));
    }
    // The URLs the demo published, so moved stories keep answering.
    std::fs::copy(
        root.join("published-urls.txt"),
        dir.path().join("published-urls.txt"),
    )
    .expect("demo published-urls.txt");
    let toml = std::fs::read_to_string(root.join("site.toml")).expect("demo site.toml");
    let toml = toml.replace("theme = \"default\"", &format!("theme = \"{theme}\""));
    assert!(toml.contains(&format!("theme = \"{theme}\"")));
    std::fs::write(dir.path().join("site.toml"), toml).expect("write site.toml");
    TempSite { dir }
}

/// Sets the demo's page size to `per`, so that its bigger lists have older pages
/// (a list has them from twice the page size).
pub fn paginate_by(site: &TempSite, per: usize) {
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    assert!(toml.contains("paginate = 10"));
    site.write(
        "site.toml",
        &toml.replace("paginate = 10", &format!("paginate = {per}")),
    );
}

/// Just after the demo's breaking story, so its banner shows.
pub const DEMO_NOW: &str = "2026-11-18T12:00:00+05:00";
pub const QUAKE: &str =
    "2026/11/18/magnitude-6-1-earthquake-jolts-northern-pakistan-no-major-damage-reported/";
pub const FLOODS: &str = "2024/08/12/cloudburst-triggers-deadly-flash-floods-in-neelum-valley/";
pub const URDU: &str =
    "2024/08/14/وادی-نیلم-امدادی-کیمپوں-میں-اسہال-اور-جلدی-امراض-کے-کیسز-میں-اضافہ/";
/// Where the Urdu story was before slugs kept Urdu letters: still answered.
const URDU_BEFORE: &str = "2024/08/14/wdy-nylm-mddy-khympwn-myn-shl-wr-jldy-mrd-khy-khysz-myn-dfh/";
/// An Urdu story with `comments: false`.
const URDU_CLOSED: &str = URDU;

/// Every element that makes the browser fetch something, as (what, URL).
fn fetched(page: &Page) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (css, attr) in [
        ("[src]", "src"),
        ("link[rel~=stylesheet]", "href"),
        ("link[rel~=icon]", "href"),
        ("link[rel~=preload]", "href"),
        ("[srcset]", "srcset"),
        ("[poster]", "poster"),
    ] {
        for url in page.attrs(css, attr) {
            out.push((css.to_string(), url));
        }
    }
    out
}

#[allow(clippy::too_many_lines)] // one walk through the demo site's pages, a few assertions per page
fn check_demo(theme: &str) {
    let site = demo_site(theme);
    paginate_by(&site, 5);
    site.build(&["--now", DEMO_NOW]);
    let file = |url: &str| format!("{url}index.html");

    // No request leaves the site, no script but JSON-LD, and the CSS stays small.
    let pages = [
        "index.html".to_string(),
        file(QUAKE),
        file(FLOODS),
        file(URDU),
        "topics/pakistan/index.html".into(),
        "topics/pakistan/page/1/index.html".into(),
        "tags/index.html".into(),
        "agencies/app/index.html".into(),
        "authors/raja-imran/index.html".into(),
        "2024/08/index.html".into(),
        "404.html".into(),
    ];
    let mut css = std::collections::BTreeSet::new();
    for rel in &pages {
        let page = site.page(rel);
        for (what, url) in fetched(&page) {
            assert!(
                url.starts_with('/') && !url.starts_with("//") || url.starts_with("data:"),
                "{theme} {rel}: {what} fetches {url}, outside the site"
            );
            if what.contains("stylesheet") {
                css.insert(url);
            }
        }
        let scripts = page.attrs("script", "type");
        assert_eq!(
            page.count("script"),
            scripts
                .iter()
                .filter(|t| *t == "application/ld+json")
                .count(),
            "{theme} {rel}: only JSON-LD scripts"
        );
        assert_eq!(
            page.count("main#main"),
            1,
            "{theme} {rel}: one main landmark"
        );
        assert_eq!(
            page.attrs("a[href=\"#main\"]", "href").len(),
            1,
            "{theme} {rel}: a skip link"
        );
        assert_eq!(page.count("h1"), 1, "{theme} {rel}: one h1");
        assert_eq!(
            page.attrs("link[rel=canonical]", "href").len(),
            1,
            "{theme} {rel}: canonical"
        );
        assert!(!page.attrs("meta[name=description]", "content")[0].is_empty());
    }
    let mut css_bytes = 0;
    for url in &css {
        assert!(
            url.rsplit('/')
                .next()
                .unwrap()
                .split('.')
                .nth(1)
                .is_some_and(|h| h.len() == 16),
            "{theme}: stylesheet {url} is fingerprinted"
        );
        css_bytes += std::fs::metadata(site.public().join(url.trim_start_matches('/')))
            .unwrap_or_else(|e| panic!("{theme}: {url}: {e}"))
            .len();
    }
    assert!(!css.is_empty());
    assert!(css_bytes < 30_000, "{theme}: {css_bytes} bytes of CSS");

    // Front page: breaking banner, the latest river, topic sections, feeds.
    let home = site.page("index.html");
    assert_eq!(
        home.attrs("aside[aria-label=\"Breaking news\"] a", "href"),
        vec![format!("/{QUAKE}")]
    );
    assert!(home.count(".latest .card a.card-link") >= 10, "{theme}");
    assert!(home.count("section.topic-section") >= 5, "{theme}");
    assert_eq!(
        home.attrs("link[rel=alternate][type]", "href"),
        vec!["/feed.xml", "/atom.xml"]
    );
    assert_eq!(home.attrs("html", "lang"), vec!["en"]);
    // The demo's two editions: the Urdu front at /ur/, in Urdu, with Urdu stories only.
    assert_eq!(
        home.attrs("link[rel=alternate][hreflang]", "href"),
        vec![
            "https://demo.broadsheet.news/",
            "https://demo.broadsheet.news/",
            "https://demo.broadsheet.news/ur/"
        ]
    );
    assert!(
        home.attrs(".card", "lang").iter().all(|l| l != "ur"),
        "{theme}"
    );
    let urdu_home = site.page("ur/index.html");
    assert_eq!(urdu_home.attrs("html", "lang"), vec!["ur"]);
    assert_eq!(urdu_home.attrs("html", "dir"), vec!["rtl"]);
    let urdu_cards = urdu_home.attrs(".card", "lang");
    assert!(urdu_cards.len() >= 10, "{theme}: {urdu_cards:?}");
    assert!(urdu_cards.iter().all(|l| l == "ur"), "{theme}");
    assert_eq!(urdu_home.texts("nav.editions a"), ["English", "اردو"]);

    // An article: every part the issue lists.
    let story = site.page(&file(FLOODS));
    assert_eq!(story.attrs("article.story", "lang"), vec!["en"]);
    assert_eq!(story.attrs("article.story", "dir"), vec!["ltr"]);
    assert_eq!(
        story.text("h1.headline"),
        "Cloudburst triggers deadly flash floods in Neelum Valley"
    );
    assert!(
        story
            .text(".standfirst")
            .starts_with("At least 23 people were killed")
    );
    assert_eq!(
        story.text(".story .credit"),
        "MUZAFFARABAD, AUG 12 (APP/DNA)"
    );
    assert_eq!(story.texts(".byline a"), vec!["Raja Imran", "Bilal Ahmed"]);
    assert_eq!(
        story.attrs("time.published", "datetime"),
        vec!["2024-08-12T14:15:00+05:00"]
    );
    assert_eq!(
        story.attrs(".story img", "alt"),
        vec![
            "Simplified map of the Neelum River valley showing Muzaffarabad, Athmuqam, Sharda and Kel"
        ]
    );
    assert!(
        story
            .text(".story-body")
            .starts_with("At least 23 people were killed and around 40")
    );
    assert_eq!(
        story.texts(".story .topics a"),
        vec!["Pakistan", "Environment"]
    );
    assert_eq!(story.count(".story .tags a"), 5);
    let related = story.attrs("section.related .card a.card-link", "href");
    assert!(
        !related.is_empty() && related.len() <= 5,
        "{theme}: {related:?}"
    );
    assert_eq!(
        story.count("section.related .card a.read-more"),
        related.len()
    );
    assert_eq!(story.count(".comments-closed"), 0);
    let json: serde_json::Value = serde_json::from_str(
        &story
            .html
            .select(&scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap())
            .next()
            .expect("JSON-LD")
            .inner_html(),
    )
    .expect("JSON-LD parses");
    assert_eq!(json["@type"], "NewsArticle");
    assert_eq!(
        story.attrs("meta[property=\"og:image\"]", "content"),
        vec!["https://demo.broadsheet.news/images/neelum-valley-map.svg"]
    );
    let quake = site.page(&file(QUAKE));
    assert_eq!(
        quake.attrs("time.updated", "datetime"),
        vec!["2026-11-18T15:20:00+05:00"]
    );

    // Right to left: the Urdu story and its page.
    let urdu = site.page(&file(URDU));
    assert_eq!(urdu.attrs("html", "dir"), vec!["rtl"]);
    assert_eq!(urdu.attrs("article.story", "dir"), vec!["rtl"]);
    assert_eq!(urdu.attrs("article.story", "lang"), vec!["ur"]);
    assert_eq!(site.page(&file(URDU_CLOSED)).count(".comments-closed"), 1);
    assert!(
        site.read(&file(URDU_BEFORE))
            .contains("http-equiv=\"refresh\"")
    );

    // Lists: pagination both ways, in the head too; terms; archives.
    // Pakistan: 12 stories in the English edition (its Urdu ones are on the Urdu
    // edition's /ur/topics/pakistan/) at 5 a page, counted from the oldest: page 1
    // holds the oldest 5, the first page the newest 7.
    let first = site.page("topics/pakistan/index.html");
    assert_eq!(
        first.attrs("nav.pagination a[rel=next]", "href"),
        vec!["/topics/pakistan/page/1/"]
    );
    assert_eq!(
        first.attrs("link[rel=next]", "href"),
        vec!["/topics/pakistan/page/1/"]
    );
    assert_eq!(first.count(".card a.card-link"), 7);
    let oldest = site.page("topics/pakistan/page/1/index.html");
    assert_eq!(
        oldest.attrs("nav.pagination a[rel=prev]", "href"),
        vec!["/topics/pakistan/"]
    );
    assert_eq!(oldest.count(".card a.card-link"), 5);
    let urdu_list = site.page("ur/topics/pakistan/index.html");
    assert_eq!(urdu_list.attrs("html", "lang"), vec!["ur"]);
    assert!(urdu_list.count(".card a.card-link") >= 3);
    assert_eq!(
        first.attrs("link[rel=alternate]", "href")[..2],
        ["/topics/pakistan/feed.xml", "/topics/pakistan/atom.xml"]
    );
    let tags = site.page("tags/index.html");
    let tag_dirs = std::fs::read_dir(site.public().join("tags"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(tags.count("ul.terms li a"), tag_dirs);
    assert!(
        site.page("agencies/app/index.html")
            .count(".card a.card-link")
            >= 1
    );
    // August 2024: three English stories here, the Urdu one in the Urdu edition's.
    assert_eq!(
        site.page("2024/08/index.html").count(".card a.card-link"),
        3
    );
    assert_eq!(
        site.page("ur/2024/08/index.html")
            .count(".card a.card-link"),
        1
    );
    assert_eq!(
        site.page("404.html").attrs("meta[name=robots]", "content"),
        vec!["noindex"]
    );
}

#[test]
fn demo_site_with_the_default_theme() {
    check_demo("default");
}

#[test]
fn demo_site_with_the_wire_theme() {
    check_demo("wire");
}

#[test]
fn the_themes_share_no_template_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let files = |theme: &str| -> Vec<(String, String)> {
        walkdir::WalkDir::new(root.join(theme))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(root.join(theme))
                        .unwrap()
                        .display()
                        .to_string(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let default = files("default");
    let wire = files("wire");
    for (name, text) in &wire {
        assert!(
            !default.iter().any(|(_, d)| d == text),
            "wire/{name} is a copy of a default theme file"
        );
        for borrowed in [
            "base.html",
            "partials/card.html",
            "partials/pagination.html",
            "style.css",
        ] {
            assert!(
                !text.contains(borrowed),
                "wire/{name} refers to the default theme's {borrowed}"
            );
        }
    }
    // Both provide every page template.
    for required in [
        "index.html",
        "article.html",
        "list.html",
        "terms.html",
        "404.html",
    ] {
        for (theme, list) in [("default", &default), ("wire", &wire)] {
            assert!(
                list.iter()
                    .any(|(n, _)| *n == format!("templates/{required}")),
                "{theme} lacks {required}"
            );
        }
    }
}

#[test]
fn switching_theme_is_one_line_even_without_a_themes_folder() {
    // The basic fixture has no themes/: both themes come from the binary.
    let site = TempSite::site("basic");
    site.build(&[]);
    let css = site
        .page("index.html")
        .attrs("link[rel=stylesheet]", "href");
    assert!(css[0].starts_with("/style."), "{css:?}");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("theme = \"wire\"\n{toml}"));
    let out = site.build(&[]);
    assert!(out.stdout.contains("built 6 articles"), "{}", out.stdout);
    let home = site.page("index.html");
    let css = home.attrs("link[rel=stylesheet]", "href");
    assert!(css[0].starts_with("/wire."), "{css:?}");
    assert!(home.count(".latest .card") >= 1);
    // The same class hooks as the default theme.
    let russia = site.page("2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/index.html");
    assert_eq!(
        russia.text(".story .credit"),
        "NEW YORK, SEPT 22 (AFP/APP/DNA)"
    );
    assert_eq!(russia.texts(".story .topics a"), vec!["World", "Diplomacy"]);
    let unga = site.page("2017/09/21/prime-minister-addresses-un-general-assembly/index.html");
    assert_eq!(unga.texts(".byline a"), vec!["Amina Shah", "Bilal Ahmed"]);
    assert_eq!(unga.count(".comments-closed"), 1);
    let month = site.page("2017/09/index.html");
    assert_eq!(
        month.attrs("nav.pagination a[rel=next]", "href"),
        vec!["/2017/09/page/1/"]
    );
}

#[test]
fn a_site_template_overrides_one_template_of_either_theme() {
    for theme in ["default", "wire"] {
        let site = demo_site(theme);
        site.write(
            "templates/article.html",
            "{% extends \"theme/article.html\" %}{% block title %}SITE OVERRIDE {{ article.title }}{% endblock title %}",
        );
        site.build(&["--now", DEMO_NOW]);
        let story = site.read(&format!("{FLOODS}index.html"));
        assert!(story.contains("<title>SITE OVERRIDE Cloudburst"), "{theme}");
        // The rest of the article and every other page still come from the theme.
        let page = site.page(&format!("{FLOODS}index.html"));
        assert_eq!(page.count("h1.headline"), 1, "{theme}");
        assert!(
            !site.read("index.html").contains("SITE OVERRIDE"),
            "{theme}"
        );
    }
}

#[test]
fn init_starts_a_site_on_either_theme() {
    let dir = tempfile::tempdir().unwrap();
    for theme in ["default", "wire"] {
        let target = dir.path().join(theme);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(["init", target.to_str().unwrap(), "--theme", theme])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let toml = std::fs::read_to_string(target.join("site.toml")).unwrap();
        assert!(toml.contains(&format!("theme = \"{theme}\"")), "{toml}");
        assert!(
            target
                .join(format!("themes/{theme}/templates/article.html"))
                .is_file()
        );
        let site = TempSite {
            dir: tempfile::TempDir::new_in(dir.path()).unwrap(),
        };
        copy_dir(&target, site.root());
        // The first story is stamped with the clock: build after it.
        site.build(&["--now", "2999-01-01T00:00:00Z"]);
        let links = site.page("index.html").attrs("a.card-link", "href");
        assert!(
            links
                .iter()
                .any(|l| l.ends_with("/newsroom-opens-its-first-edition/")),
            "{theme}: {links:?}"
        );
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args([
            "init",
            dir.path().join("x").to_str().unwrap(),
            "--theme",
            "glossy",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no built-in theme `glossy`") && err.contains("`wire`"),
        "{err}"
    );
    assert!(!dir.path().join("x/site.toml").exists());
}

#[test]
fn theme_new_scaffolds_a_theme_that_builds() {
    let site = TempSite::site("basic");
    let out = site.run(&["theme", "new", "paper"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for required in [
        "index.html",
        "article.html",
        "list.html",
        "terms.html",
        "404.html",
    ] {
        let text =
            std::fs::read_to_string(site.root().join("themes/paper/templates").join(required))
                .unwrap_or_else(|e| panic!("{required}: {e}"));
        assert!(text.contains("{#-"), "{required} explains its variables");
    }
    // Every variable of the contract is named in the skeleton's comments.
    let all: String = walkdir::WalkDir::new(site.root().join("themes/paper/templates"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for var in [
        "site.title",
        "site.base_path",
        "site.topics",
        "site.years",
        "site.taxonomies",
        "site.dir",
        "page.kind",
        "page.permalink",
        "page.feeds",
        "card.credit",
        "card.reading_minutes",
        "card.image_alt",
        "article.body",
        "article.json_ld",
        "article.corrections",
        "related",
        "featured",
        "latest",
        "sections",
        "breaking",
        "paginator",
        "children",
        "list.kind",
        "taxonomy_key",
        "terms",
    ] {
        assert!(all.contains(var), "the skeleton does not mention {var}");
    }
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("theme = \"paper\"\n{toml}"));
    site.build(&[]);
    let russia = site.page("2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/index.html");
    assert_eq!(
        russia.text(".story .credit"),
        "NEW YORK, SEPT 22 (AFP/APP/DNA)"
    );
    assert!(site.page("index.html").count(".latest .card") >= 1);
    // The skeleton has no redirect.html nor withdrawn.html: the built-in ones answer.
    site.write("redirects.txt", "/old-front/  /\n");
    site.build(&[]);
    let moved = site.read("old-front/index.html");
    assert!(
        moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=/\">")
            && moved.contains("This page has moved:"),
        "{moved}"
    );

    // A second time, or a bad name: an error, nothing overwritten.
    let again = site.run(&["theme", "new", "paper"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let bad = site.run(&["theme", "new", "../up"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("cannot name a theme"), "{}", bad.stderr);
}

#[test]
fn cached_partials_render_each_call_with_its_own_arguments_only() {
    let site = demo_site("default");
    site.write(
        "templates/partials/teaser.html",
        "<p class=\"teaser\" data-level=\"{{ level }}\">{{ card.title }}\
         {% if page is defined or articles is defined %} SEES-THE-PAGE{% endif %}</p>",
    );
    site.write(
        "templates/list.html",
        "<h1>{{ list.name }}</h1>{% for card in articles %}\
         {{ cached_partial(template=\"partials/teaser.html\", card=card, level=2) }}\
         {{ cached_partial(template=\"partials/teaser.html\", card=card, level=3) }}\
         {% endfor %}",
    );
    site.build(&["--now", DEMO_NOW]);
    let teasers = |rel: &str| {
        let page = site.page(rel);
        let titles = page.texts("p.teaser");
        let levels = page.attrs("p.teaser", "data-level");
        titles.into_iter().zip(levels).collect::<Vec<_>>()
    };
    let topic = teasers("topics/pakistan/index.html");
    assert!(topic.len() >= 4, "{topic:?}");
    for pair in topic.chunks(2) {
        // The same card twice, each with its own level: the second call is not
        // served the first one's HTML.
        assert_eq!(pair[0].0, pair[1].0);
        assert_eq!((pair[0].1.as_str(), pair[1].1.as_str()), ("2", "3"));
        assert!(!pair[0].0.contains("SEES-THE-PAGE"), "{}", pair[0].0);
    }
    let titles: Vec<&String> = topic.iter().map(|(t, _)| t).collect();
    assert_eq!(titles.len(), {
        let mut distinct = titles.clone();
        distinct.dedup();
        distinct.len() * 2
    });
    // Another list showing one of the same articles shows the same teaser.
    let day = teasers(&format!("{}index.html", &FLOODS[..11]));
    let floods = day
        .iter()
        .find(|(t, _)| t.starts_with("Cloudburst"))
        .expect("the floods story on its day");
    assert!(topic.contains(floods) || teasers("topics/environment/index.html").contains(floods));

    // An error inside the partial names the partial.
    site.write(
        "templates/partials/teaser.html",
        "<p>{{ card.no_such_field }}</p>",
    );
    let out = site.run(&["build", "--now", DEMO_NOW]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("partials/teaser.html"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_topics_aside_marks_the_topic_of_its_own_page_only() {
    // The default theme renders the aside once per variant (`cached_partial`): each
    // topic's pages must get their own, every other list page the plain one.
    let site = demo_site("default");
    paginate_by(&site, 5);
    site.build(&["--now", DEMO_NOW]);
    let current = |rel: &str| {
        let page = site.page(rel);
        assert_eq!(page.count("aside.list-aside"), 1, "{rel}: one aside");
        page.attrs(".topic-counts a[aria-current=page]", "href")
    };
    for topic in ["pakistan", "world", "business"] {
        assert_eq!(
            current(&format!("topics/{topic}/index.html")),
            [format!("/topics/{topic}/")],
            "{topic}"
        );
    }
    assert_eq!(
        current("topics/pakistan/page/1/index.html"),
        ["/topics/pakistan/"]
    );
    for rel in [
        "agencies/app/index.html",
        "authors/raja-imran/index.html",
        "2024/08/index.html",
    ] {
        assert!(current(rel).is_empty(), "{rel}");
    }
}
