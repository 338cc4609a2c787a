//! Standalone pages, aliases, the memory of published URLs, tombstones and
//! `check --redirects`: fixture sites written into temp folders, built with the binary.

use crate::support::TempSite;

/// A small site: two stories, an About page in the menu, a Terms page that is not.
fn site() -> TempSite {
    let s = TempSite {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    s.write(
        "site.toml",
        "title = \"Valley Post\"\nbase_url = \"https://valley.example/\"\n[[menu]]\nname = \"Contact\"\nurl = \"/contact/\"\n",
    );
    s.write(
        "content/2024/05/bridge.md",
        "---\ntitle: Bridge reopens in Swat\ndate: 2024-05-01\ntopics: [Roads]\naliases: [/old/bridge/, /?p=123]\n---\nSWAT, MAY 1 (APP) – The bridge reopened.\n",
    );
    s.write(
        "content/2024/05/school.md",
        "---\ntitle: School roof repaired\ndate: 2024-05-02\ntopics: [Roads]\n---\nSWAT, MAY 2 (APP) – The roof was fixed.\n",
    );
    s.write(
        "content/pages/about.md",
        "---\ntitle: About the Valley Post\nmenu: true\n---\nWe report from the valley.\n",
    );
    s.write(
        "content/legal.md",
        "---\ntitle: Terms\nkind: page\nupdated: 2025-02-01\n---\nUse the site kindly.\n",
    );
    s
}

#[test]
fn standalone_pages_are_rendered_in_the_sitemap_and_menu_and_nowhere_else() {
    let s = site();
    s.build(&[]);
    let about = s.read("about/index.html");
    assert!(about.contains("We report from the valley."), "{about}");
    assert!(s.read("legal/index.html").contains("Use the site kindly."));
    let sitemap = s.read("sitemap.xml");
    assert!(
        sitemap.contains("https://valley.example/about/"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<lastmod>2025-02-01"), "{sitemap}");
    let home = s.read("index.html");
    // In the menu: the [[menu]] link first, then the page marked `menu:`.
    let contact = home.find("href=\"/contact/\"").expect("menu link");
    let about_link = home.find("href=\"/about/\"").expect("page in menu");
    assert!(contact < about_link);
    assert!(!home.contains("href=\"/legal/\""), "not in the menu");
    for rel in [
        "feed.xml",
        "atom.xml",
        "2024/index.html",
        "topics/roads/index.html",
    ] {
        let text = s.read(rel);
        // Lists show summaries; HTML pages link the About page from the menu only.
        assert!(
            !text.contains("We report from the valley"),
            "{rel} lists a page: {text}"
        );
        let named = if rel.ends_with(".xml") { 0 } else { 1 };
        assert_eq!(
            text.matches("About the Valley Post").count(),
            named,
            "{rel}: {text}"
        );
        assert!(!text.contains("/legal/"), "{rel}");
    }
    assert!(
        !s.read("2024/05/01/bridge-reopens-in-swat/index.html")
            .contains("About the Valley Post</a></h")
    );
}

#[test]
fn aliases_become_redirect_pages_and_redirects_lines() {
    let s = site();
    s.build(&[]);
    let page = s.read("old/bridge/index.html");
    assert!(
        page.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=/2024/05/01/bridge-reopens-in-swat/\">"
        ),
        "{page}"
    );
    assert!(page.contains("<link rel=\"canonical\" href=\"https://valley.example/2024/05/01/bridge-reopens-in-swat/\">"));
    assert!(
        page.contains("<a href=\"/2024/05/01/bridge-reopens-in-swat/\">Bridge reopens in Swat</a>")
    );
    // Through the theme: its frame, the label in the site's language, noindex.
    assert!(
        page.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{page}"
    );
    assert!(
        page.contains("This page has moved") && page.contains("class=\"skip-link\""),
        "{page}"
    );
    let redirects = s.read("_redirects");
    assert!(
        redirects.contains("/old/bridge/  /2024/05/01/bridge-reopens-in-swat/  301\n"),
        "{redirects}"
    );
    assert!(
        redirects.contains("/  p=123  /2024/05/01/bridge-reopens-in-swat/  301!\n"),
        "{redirects}"
    );
    let nginx = s.read("redirects.nginx.map");
    assert!(
        nginx.contains("\"/?p=123\" \"/2024/05/01/bridge-reopens-in-swat/\";"),
        "{nginx}"
    );
}

#[test]
fn a_headline_edit_keeps_its_old_url_answering() {
    let s = site();
    s.build(&[]);
    let memory = std::fs::read_to_string(s.root().join("published-urls.txt")).unwrap();
    assert!(
        memory.contains("/2024/05/02/school-roof-repaired/\tcontent/2024/05/school.md\n"),
        "{memory}"
    );
    assert!(memory.contains("/about/\tcontent/pages/about.md\n"));
    s.write(
        "content/2024/05/school.md",
        "---\ntitle: School roof and walls repaired\ndate: 2024-05-03\ntopics: [Roads]\n---\nSWAT, MAY 2 (APP) – Fixed.\n",
    );
    s.build(&[]);
    assert!(s.exists("2024/05/03/school-roof-and-walls-repaired/index.html"));
    let old = s.read("2024/05/02/school-roof-repaired/index.html");
    assert!(
        old.contains("url=/2024/05/03/school-roof-and-walls-repaired/"),
        "{old}"
    );
    assert!(s.read("_redirects").contains(
        "/2024/05/02/school-roof-repaired/  /2024/05/03/school-roof-and-walls-repaired/  301"
    ));
    let again = std::fs::read_to_string(s.root().join("published-urls.txt")).unwrap();
    assert!(
        again.contains("/2024/05/02/school-roof-repaired/\tcontent/2024/05/school.md\n"),
        "{again}"
    );
    assert!(
        again.contains("/2024/05/03/school-roof-and-walls-repaired/\tcontent/2024/05/school.md\n")
    );
    let check = s.run(&["check", "--redirects"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // `check` never writes the memory.
    s.write(
        "content/2024/05/extra.md",
        "---\ntitle: Extra\ndate: 2024-05-04\n---\nText.\n",
    );
    s.run(&["check"]);
    let after_check = std::fs::read_to_string(s.root().join("published-urls.txt")).unwrap();
    assert_eq!(after_check, again);
}

#[test]
fn a_withdrawn_story_leaves_a_tombstone() {
    let s = site();
    s.build(&[]);
    s.write(
        "content/2024/05/school.md",
        "---\ntitle: School roof repaired\ndate: 2024-05-02\nwithdrawn: true\n---\nSWAT, MAY 2 (APP) – The roof was fixed.\n",
    );
    s.build(&[]);
    let page = s.read("2024/05/02/school-roof-repaired/index.html");
    assert!(page.contains("This story has been withdrawn"), "{page}");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!page.contains("The roof was fixed"));
    assert!(
        !page.contains("School roof repaired"),
        "not even the headline: {page}"
    );
    assert!(page.contains("class=\"skip-link\""), "themed: {page}");
    assert!(s.read("_redirects").contains(
        "/2024/05/02/school-roof-repaired/  /2024/05/02/school-roof-repaired/index.html  410!"
    ));
    assert!(!s.read("sitemap.xml").contains("school-roof"));
}

#[test]
fn alias_errors_name_both_files() {
    let cases = [
        (
            "content/2024/05/school.md",
            "---\ntitle: School roof repaired\ndate: 2024-05-02\naliases: [/old/bridge/]\n---\nText.\n",
            "`content/2024/05/bridge.md` and `content/2024/05/school.md` both claim the alias `/old/bridge/`",
        ),
        (
            "content/2024/05/school.md",
            "---\ntitle: School roof repaired\ndate: 2024-05-02\naliases: [/about/]\n---\nText.\n",
            "the alias `/about/` is a page of the site (content/pages/about.md)",
        ),
        (
            "content/2024/05/school.md",
            "---\ntitle: School roof repaired\ndate: 2024-05-02\naliases: [/2024/05/02/school-roof-repaired/]\n---\nText.\n",
            "is this page's own URL: a redirect loop",
        ),
        (
            "content/2024/05/school.md",
            "---\ntitle: School roof repaired\ndate: 2024-05-02\nid: wp-77\n---\nText.\n",
            "`content/2024/05/bridge.md` and `content/2024/05/school.md` both have the id `wp-77`",
        ),
        (
            "content/pages/about.md",
            "---\ntitle: About\naliases: [/2024/05/01/bridge-reopens-in-swat/]\n---\nText.\n",
            "a redirect loop between `content/pages/about.md` and `content/2024/05/bridge.md`",
        ),
    ];
    for (file, text, want) in cases {
        let s = site();
        if want.contains("both have the id") {
            s.write(
                "content/2024/05/bridge.md",
                "---\ntitle: Bridge reopens in Swat\ndate: 2024-05-01\nid: wp-77\n---\nText.\n",
            );
        }
        if file.ends_with("about.md") {
            s.write(
                "content/2024/05/bridge.md",
                "---\ntitle: Bridge reopens in Swat\ndate: 2024-05-01\naliases: [/about/]\n---\nText.\n",
            );
        }
        s.write(file, text);
        let out = s.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
        assert_eq!(out.code, 1, "{file}: {}", out.stderr);
        assert!(out.stderr.contains(want), "{want}\n{}", out.stderr);
        assert!(
            !s.root().join("published-urls.txt").exists(),
            "a failed build writes no memory"
        );
    }
}

#[test]
fn check_redirects_reports_a_url_that_no_longer_answers() {
    let s = site();
    s.build(&[]);
    std::fs::remove_file(s.root().join("content/2024/05/school.md")).unwrap();
    let out = s.run(&["check", "--redirects"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("/2024/05/02/school-roof-repaired/ was published by content/2024/05/school.md and no longer answers"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("bridge"), "{}", out.stderr);
}

#[test]
fn a_wordpress_import_then_a_build_answers_the_old_permalinks() {
    let s = TempSite::new("import", "site");
    let src = |rel: &str| crate::support::fixture("import", rel);
    let out = crate::support::broadsheet([
        std::ffi::OsString::from("import"),
        "wordpress".into(),
        src("wordpress/export-1.xml").into(),
        src("wordpress/export-2.xml").into(),
        "--root".into(),
        s.root().into(),
    ]);
    // The fixture export holds one post without a title, reported; the rest imports.
    assert!(out.stderr.contains("post 52"), "{}", out.stderr);
    s.build(&[]);
    let redirects = s.read("_redirects");
    assert!(redirects.contains("/  p=20  /2016/03/"), "{redirects}");
    let permalink_pages: Vec<_> = redirects
        .lines()
        .filter(|l| l.ends_with(" 301") && !l.starts_with('#'))
        .collect();
    assert!(!permalink_pages.is_empty(), "{redirects}");
    for line in permalink_pages {
        let from = line
            .split_whitespace()
            .next()
            .unwrap()
            .trim_start_matches('/');
        let file = if from.ends_with('/') || from.is_empty() {
            format!("{from}index.html")
        } else {
            from.to_string()
        };
        assert!(s.read(&file).contains("http-equiv=\"refresh\""), "{file}");
    }
}

#[test]
fn a_site_that_replaced_base_html_is_told_to_bring_page_html() {
    let s = site();
    s.write(
        "templates/base.html",
        "<!doctype html><title>{% block title %}{% endblock title %}</title>{% block description %}{% endblock description %}{% block head %}{% endblock head %}{% block content %}{% endblock content %}",
    );
    let out = s.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/pages/about.md: error: this is a standalone page, but the theme has no `page.html` to show it"),
        "{}",
        out.stderr
    );
}

#[test]
fn redirect_files_only_when_there_are_redirects() {
    let s = site();
    s.build(&[]);
    assert!(s.exists("_redirects") && s.exists("redirects.nginx.map"));
    // No aliases any more and no memory of published URLs (a site starting over):
    // neither file, and the ones the last build wrote are gone.
    std::fs::remove_file(s.root().join("published-urls.txt")).unwrap();
    s.write(
        "content/2024/05/bridge.md",
        "---\ntitle: Bridge reopens in Swat\ndate: 2024-05-01\ntopics: [Roads]\n---\nSWAT, MAY 1 (APP) – The bridge reopened.\n",
    );
    s.build(&[]);
    assert!(!s.exists("_redirects"), "a stale _redirects was left");
    assert!(!s.exists("redirects.nginx.map"));
    assert!(!s.exists("old/bridge/index.html"));
    assert!(s.exists("2024/05/01/bridge-reopens-in-swat/index.html"));
    // A withdrawn story alone: `_redirects` for its 410, no nginx map.
    s.write(
        "content/2024/05/school.md",
        "---\ntitle: School roof repaired\ndate: 2024-05-02\nwithdrawn: true\n---\nSWAT, MAY 2 (APP) – The roof was fixed.\n",
    );
    s.build(&[]);
    assert!(
        s.read("_redirects").contains("410!"),
        "{}",
        s.read("_redirects")
    );
    assert!(!s.exists("redirects.nginx.map"));
}

#[test]
fn a_story_renamed_twice_keeps_every_earlier_url_answering() {
    let s = site();
    let story = |title: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2024-05-03\nid: vp-77\naliases: [/?p=77]\n---\nSWAT, MAY 3 (APP) – Text.\n"
        )
    };
    s.write("content/2024/05/dam.md", &story("Dam opens"));
    s.build(&[]);
    let memory = std::fs::read_to_string(s.root().join("published-urls.txt")).unwrap();
    // Known by its id, and its alias remembered too.
    assert!(
        memory.contains("/2024/05/03/dam-opens/\tid:vp-77\n")
            && memory.contains("/?p=77\tid:vp-77\n"),
        "{memory}"
    );
    // The file renamed and retitled, twice; the alias dropped from the front matter.
    std::fs::remove_file(s.root().join("content/2024/05/dam.md")).unwrap();
    s.write(
        "content/2024/05/dam-power.md",
        &story("Dam opens to power the valley"),
    );
    s.build(&[]);
    std::fs::remove_file(s.root().join("content/2024/05/dam-power.md")).unwrap();
    s.write(
        "content/2024/05/final.md",
        "---\ntitle: Valley dam starts power supply\ndate: 2024-05-03\nid: vp-77\n---\nSWAT, MAY 3 (APP) – Text.\n",
    );
    s.build(&[]);
    let now = "/2024/05/03/valley-dam-starts-power-supply/";
    assert!(s.exists("2024/05/03/valley-dam-starts-power-supply/index.html"));
    for old in [
        "2024/05/03/dam-opens/index.html",
        "2024/05/03/dam-opens-to-power-the-valley/index.html",
    ] {
        let page = s.read(old);
        assert!(page.contains(&format!("url={now}\"")), "{old}: {page}");
    }
    let redirects = s.read("_redirects");
    assert!(
        redirects.contains(&format!("/  p=77  {now}  301!\n")),
        "{redirects}"
    );
    let check = s.run(&["check", "--redirects"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Without an id a story is known by its file: the same rename loses the link,
    // which `check --redirects` reports.
    s.write(
        "content/2024/05/plain.md",
        "---\ntitle: Plain story\ndate: 2024-05-04\n---\nText.\n",
    );
    s.build(&[]);
    std::fs::remove_file(s.root().join("content/2024/05/plain.md")).unwrap();
    s.write(
        "content/2024/05/plain-2.md",
        "---\ntitle: Plain story retold\ndate: 2024-05-04\n---\nText.\n",
    );
    let check = s.run(&["check", "--redirects"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains("/2024/05/04/plain-story/"),
        "{}",
        check.stderr
    );
}

#[test]
fn an_id_must_be_one_line_of_text_or_a_number() {
    let s = site();
    s.write(
        "content/2024/05/bad.md",
        "---\ntitle: Bad id\ndate: 2024-05-05\nid: [a, b]\n---\nText.\n",
    );
    let out = s.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("content/2024/05/bad.md:4:1: error: `id` is one line of text"),
        "{}",
        out.stderr
    );
}
