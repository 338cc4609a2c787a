//! Feeds, sitemaps, robots.txt, scheduling and reproducible builds on the fixture site.

use std::process::Command;

use crate::support::{TempSite, tree};

fn xml(site: &TempSite, rel: &str) -> String {
    let text = site.read(rel);
    roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{rel} is not well-formed XML: {e}"));
    text
}

/// The W3C feed validator's main rules for RSS 2.0, checked on the parsed tree.
fn check_rss(rel: &str, text: &str) {
    let doc = roxmltree::Document::parse(text).unwrap();
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss", "{rel}");
    assert_eq!(rss.attribute("version"), Some("2.0"), "{rel}");
    let channel = rss
        .children()
        .find(|n| n.has_tag_name("channel"))
        .expect("channel");
    for required in ["title", "link", "description"] {
        assert!(
            channel.children().any(|n| n.has_tag_name(required)),
            "{rel}: channel lacks {required}"
        );
    }
    let self_link = channel
        .children()
        .find(|n| n.tag_name().name() == "link" && n.attribute("rel") == Some("self"))
        .unwrap_or_else(|| panic!("{rel}: no atom:link rel=self"));
    assert!(self_link.attribute("href").unwrap().ends_with(rel), "{rel}");
    for item in channel.children().filter(|n| n.has_tag_name("item")) {
        let get = |name: &str| {
            item.children()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
                .unwrap_or("")
        };
        assert!(!get("title").is_empty(), "{rel}: item without title");
        assert!(
            get("link").starts_with("https://"),
            "{rel}: relative link {}",
            get("link")
        );
        assert_eq!(get("guid"), get("link"), "{rel}");
        chrono::DateTime::parse_from_rfc2822(get("pubDate"))
            .unwrap_or_else(|e| panic!("{rel}: pubDate {e}"));
    }
}

/// RFC 4287's required elements for Atom.
fn check_atom(rel: &str, text: &str) {
    let doc = roxmltree::Document::parse(text).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom"),
        "{rel}"
    );
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    for required in ["id", "title", "updated"] {
        assert!(
            child(feed, required).is_some(),
            "{rel}: feed lacks {required}"
        );
    }
    chrono::DateTime::parse_from_rfc3339(&child(feed, "updated").unwrap()).unwrap();
    for entry in feed.children().filter(|n| n.has_tag_name("entry")) {
        for required in ["id", "title", "updated", "published"] {
            let v =
                child(entry, required).unwrap_or_else(|| panic!("{rel}: entry lacks {required}"));
            if required == "updated" || required == "published" {
                chrono::DateTime::parse_from_rfc3339(&v)
                    .unwrap_or_else(|e| panic!("{rel}: {required} {v}: {e}"));
            }
        }
        assert!(
            entry.children().any(|n| n.has_tag_name("author")),
            "{rel}: entry without author"
        );
    }
}

#[test]
fn site_and_term_feeds_are_valid_and_newest_first() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let mut feeds = 0;
    for (rel, _) in tree(&site.public()) {
        if rel.ends_with("feed.xml") {
            check_rss(&rel, &xml(&site, &rel));
            feeds += 1;
        } else if rel.ends_with("atom.xml") {
            check_atom(&rel, &xml(&site, &rel));
            feeds += 1;
        }
    }
    // Site + every topic, tag, agency and author, twice.
    assert!(feeds >= 2 * (1 + 3 + 3), "{feeds}");
    let world = site.read("topics/world/feed.xml");
    let first = world.find("trade-ties-with-russia").unwrap();
    let second = world.find("un-general-assembly").unwrap();
    let third = world.find("heavy-rain-lashes-karachi").unwrap();
    assert!(first < second && second < third, "not newest first");
    // Dates keep their offsets.
    assert!(
        site.read("atom.xml")
            .contains("<published>2017-09-22T14:30:00-04:00</published>")
    );
    // Summaries by default: no body paragraphs.
    assert!(
        !site
            .read("feed.xml")
            .contains("agreed to meet again in Moscow")
    );
}

#[test]
fn feeds_carry_full_text_when_configured() {
    let site = TempSite::site("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{toml}\n[feeds]\nlimit = 1\nfull_text = true\n"),
    );
    site.build(&[]);
    let atom = site.read("atom.xml");
    assert_eq!(atom.matches("<entry").count(), 1, "limit = 1");
    // The newest story's whole body, as escaped HTML.
    assert!(
        atom.contains("<content type=\"html\">&lt;p&gt;The election commission on Wednesday"),
        "{atom}"
    );
}

#[test]
fn feeds_parse_in_python_feedparser_without_bozo() {
    let probe = Command::new("python3")
        .args(["-c", "import feedparser"])
        .output();
    if !matches!(probe, Ok(ref o) if o.status.success()) {
        crate::support::skip_unless_ci(
            "feedparser test",
            "python3 with feedparser is not installed (pip install feedparser)",
        );
        return;
    }
    let site = TempSite::site("basic");
    site.build(&[]);
    let script = r#"
import feedparser, sys, pathlib
bad = []
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.xml')):
    if p.name not in ('feed.xml', 'atom.xml'):
        continue
    n += 1
    d = feedparser.parse(str(p))
    if d.bozo:
        bad.append(f'{p}: {d.bozo_exception}')
    elif not d.entries and p.parent.name != 'public':
        bad.append(f'{p}: no entries')
print(n)
print('\n'.join(bad))
sys.exit(1 if bad else 0)
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(site.public())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sitemap_lists_every_page_with_lastmod_and_robots_points_to_it() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let text = xml(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let locs: Vec<(String, Option<String>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .map(|u| {
            let get = |name| {
                u.children()
                    .find(|c| c.has_tag_name(name))
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            (get("loc").unwrap(), get("lastmod"))
        })
        .collect();
    let html_pages = tree(&site.public())
        .iter()
        .filter(|(p, bytes)| {
            // Redirects (a list's old page numbers) are not pages to index, nor is the
            // search page (`noindex`).
            p.ends_with("index.html")
                && p != "search/index.html"
                && !String::from_utf8_lossy(bytes).contains("http-equiv")
        })
        .count();
    assert_eq!(locs.len(), html_pages, "one <url> per page");
    assert!(!locs.iter().any(|(l, _)| l.ends_with("/search/")));
    let unga = locs
        .iter()
        .find(|(l, _)| l.ends_with("/prime-minister-addresses-un-general-assembly/"))
        .unwrap();
    assert_eq!(unga.1.as_deref(), Some("2017-09-21T11:00:00-04:00"));
    assert!(
        locs.iter()
            .all(|(l, m)| l.starts_with("https://example.org/") && m.is_some())
    );
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"));
    // Built long after the last story: no news sitemap, and nothing points to one.
    assert!(!site.exists("news-sitemap.xml"));
    assert!(!robots.contains("news-sitemap"), "{robots}");
}

#[test]
fn news_sitemap_holds_only_the_last_two_days() {
    let site = TempSite::site("basic");
    // Build "now" is a day after the Russia story: it and the UNGA speech qualify (the
    // rain story is 2.4 days old by then).
    site.build(&["--now", "2017-09-23T12:00:00+05:00"]);
    let text = xml(&site, "news-sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "title")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Pakistan seeks stronger trade ties with Russia",
            "Prime minister addresses UN General Assembly"
        ]
    );
    assert!(text.contains("<news:name>Fixture Times</news:name>"));
    assert!(text.contains("<news:language>en</news:language>"));
    assert!(
        text.contains("<news:publication_date>2017-09-22T14:30:00-04:00</news:publication_date>")
    );
    let robots = site.read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/news-sitemap.xml\n"),
        "{robots}"
    );
    // A week on, the window is empty: the file goes (an empty `<urlset>` is invalid).
    site.build(&["--now", "2017-09-30T12:00:00+05:00"]);
    assert!(!site.exists("news-sitemap.xml"));
    assert!(!site.read("robots.txt").contains("news-sitemap"));
}

#[test]
fn source_date_epoch_sets_the_build_time() {
    let site = TempSite::site("basic");
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("SOURCE_DATE_EPOCH", "1506100000") // 2017-09-22T17:06:40Z
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The Russia story (18:30 UTC that day) is still in the future, so it is left out.
    assert!(!site.exists("2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/index.html"));
    assert!(site.exists("2017/09/21/prime-minister-addresses-un-general-assembly/index.html"));
}

#[test]
fn embargo_expiry_and_withdrawal_take_articles_out_of_everything() {
    let site = TempSite::site("basic");
    site.write(
        "content/embargoed.md",
        "---\ntitle: \"Budget details under embargo\"\ndate: 2017-09-22T09:00:00+05:00\nembargo: 2017-09-25T09:00:00+05:00\ntopics: [World]\ntags: [UNGA]\n---\nISLAMABAD, SEPT 22 (APP) – Details.\n",
    );
    site.write(
        "content/expiring.md",
        "---\ntitle: \"Traffic advisory for Friday\"\ndate: 2017-09-21T09:00:00+05:00\nexpires: 2017-09-24T00:00:00+05:00\ntopics: [World]\n---\nKARACHI, SEPT 21 (APP) – Roads closed.\n",
    );
    site.write(
        "content/withdrawn.md",
        "---\ntitle: \"Story withdrawn by the agency\"\ndate: 2017-09-21T08:00:00+05:00\nwithdrawn: true\ntopics: [World]\n---\nKARACHI, SEPT 21 (APP) – Withdrawn.\n",
    );
    let corpus = |site: &TempSite| -> String {
        tree(&site.public())
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect()
    };
    let out = site.build(&["--now", "2017-09-23T12:00:00+05:00"]);
    let all = corpus(&site);
    assert!(
        !all.contains("Budget details under embargo"),
        "embargoed story leaked"
    );
    assert!(all.contains("Traffic advisory for Friday"));
    assert!(!all.contains("Story withdrawn by the agency"));
    assert!(
        out.stderr.contains("2017-09-24T00:00:00+05:00"),
        "next change is the expiry: {}",
        out.stderr
    );
    assert_eq!(
        site.read(".broadsheet/next-change").trim(),
        "2017-09-24T00:00:00+05:00"
    );

    // After the expiry and the embargo: the advisory's page is gone, the budget story is in.
    site.build(&["--now", "2017-09-26T12:00:00+05:00"]);
    let all = corpus(&site);
    assert!(all.contains("Budget details under embargo"));
    assert!(!all.contains("Traffic advisory for Friday"));
    assert!(!site.exists("2017/09/21/traffic-advisory-for-friday/index.html"));
    // Next: the fixture's 2018 election story, still in the future at this build time.
    assert_eq!(
        site.read(".broadsheet/next-change").trim(),
        "2018-05-02T00:00:00+05:00"
    );
}

#[test]
fn corrections_render_and_set_date_modified() {
    let site = TempSite::site("basic");
    site.write(
        "content/corrected.md",
        "---\ntitle: \"Cabinet approves wheat import\"\ndate: 2017-09-18T09:00:00+05:00\nupdated: 2017-09-18T12:00:00+05:00\ncorrections:\n  - date: 2017-09-19T10:00:00+05:00\n    text: \"An earlier version gave the wrong tonnage.\"\ntopics: [Pakistan]\n---\nISLAMABAD, SEPT 18 (APP) – The cabinet approved imports.\n",
    );
    site.build(&[]);
    let page = site.page("2017/09/18/cabinet-approves-wheat-import/index.html");
    assert!(
        page.text(".corrections")
            .contains("An earlier version gave the wrong tonnage.")
    );
    assert_eq!(
        page.attrs("time.updated", "datetime"),
        vec!["2017-09-18T12:00:00+05:00"]
    );
    let ld = page.texts("script[type='application/ld+json']");
    let json: serde_json::Value = serde_json::from_str(&ld[0]).unwrap();
    assert_eq!(json["dateModified"], "2017-09-19T10:00:00+05:00");
}

#[test]
fn a_rebuild_writes_only_what_changed_and_removes_what_no_longer_belongs() {
    use std::os::unix::fs::MetadataExt;
    let site = TempSite::site("basic");
    site.build(&[]);
    let stamp = |rel: &str| {
        std::fs::metadata(site.public().join(rel)).map(|m| (m.ino(), m.mtime_nsec(), m.mtime()))
    };
    let home = stamp("index.html").unwrap();
    let unga = stamp("2017/09/21/prime-minister-addresses-un-general-assembly/index.html").unwrap();
    let before = tree(&site.public());

    // Nothing changed: nothing is written, the tree is identical.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build(&[]);
    assert_eq!(stamp("index.html").unwrap(), home);
    assert_eq!(before, tree(&site.public()));

    // One story retitled: its old page goes, the new one comes, untouched pages keep
    // their modification time.
    let path = site.root().join("content/2018/elections.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "Election commission announces polling date",
            "Polling date announced",
        ),
    )
    .unwrap();
    site.build(&[]);
    // The old URL keeps answering: with a redirect to the new one.
    let old = site.read("2018/05/02/election-commission-announces-polling-date/index.html");
    assert!(
        old.contains("url=/2018/05/02/polling-date-announced/"),
        "{old}"
    );
    assert!(site.exists("2018/05/02/polling-date-announced/index.html"));
    assert!(site.read("feed.xml").contains("Polling date announced"));
    let untouched = "2017/09/21/prime-minister-addresses-un-general-assembly/index.html";
    assert_eq!(
        stamp(untouched).unwrap(),
        unga,
        "an unrelated page was rewritten"
    );
}

/// The issue's proof on the demo site itself: links and assets resolve, every feed and
/// sitemap parses, every article page carries complete NewsArticle JSON-LD.
#[test]
fn the_demo_site_is_ready_for_static_hosting() {
    let site = crate::themes::demo_site("default");
    let out = site.run(&["check", "--links", "--now", crate::themes::DEMO_NOW]);
    assert_eq!(
        out.code, 0,
        "broken links on the demo site:\n{}",
        out.stderr
    );
    site.build(&["--now", crate::themes::DEMO_NOW]);
    let files = tree(&site.public());
    let mut articles = 0;
    for (rel, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if rel.ends_with(".xml") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            if rel.ends_with("feed.xml") {
                check_rss(rel, &text);
            } else if rel.ends_with("atom.xml") {
                check_atom(rel, &text);
            }
        }
        // Article pages: /YYYY/MM/DD/slug/index.html (not the redirect pages left
        // at URLs the demo published before, per published-urls.txt).
        let is_article = rel.ends_with("/index.html")
            && !text.contains("http-equiv=\"refresh\"")
            && !text.contains("class=\"page-withdrawn\"")
            && rel.split('/').count() == 5
            && rel
                .split('/')
                .next()
                .is_some_and(|y| y.parse::<u32>().is_ok());
        if is_article {
            articles += 1;
            let page = site.page(rel);
            let ld = page.texts("script[type='application/ld+json']");
            assert_eq!(ld.len(), 1, "{rel}");
            let json: serde_json::Value =
                serde_json::from_str(&ld[0]).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert_eq!(json["@type"], "NewsArticle", "{rel}");
            for key in [
                "headline",
                "datePublished",
                "dateModified",
                "author",
                "publisher",
                "articleSection",
                "keywords",
            ] {
                assert!(!json[key].is_null(), "{rel}: JSON-LD lacks {key}");
            }
            chrono::DateTime::parse_from_rfc3339(json["datePublished"].as_str().unwrap()).unwrap();
            assert_eq!(
                page.attrs("meta[property='og:type']", "content"),
                vec!["article"],
                "{rel}"
            );
            assert_eq!(page.attrs("link[rel=canonical]", "href").len(), 1, "{rel}");
            assert!(
                !page.attrs("link[rel=alternate]", "href").is_empty(),
                "{rel}"
            );
        }
    }
    assert!(articles >= 40, "{articles} article pages");
    assert!(files.iter().any(|(p, _)| p == "sitemap.xml"));
    assert!(files.iter().any(|(p, _)| p == "news-sitemap.xml"));
}
