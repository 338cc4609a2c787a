//! Themes: the breaking-news window, the demo site under both themes, site
//! overrides, `init --theme` and `theme new`.

use crate::support::TempSite;

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
