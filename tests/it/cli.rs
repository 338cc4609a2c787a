//! The other commands: check, new, init, and a site with no themes/ folder.

use crate::support::TempSite;

#[test]
fn check_prints_counts_and_writes_nothing() {
    let site = TempSite::site("basic");
    let out = site.run(&["check", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("6 articles"), "{}", out.stdout);
    assert!(out.stdout.contains("World 3"), "{}", out.stdout);
    assert!(out.stdout.contains("AFP 1"), "{}", out.stdout);
    assert!(out.stdout.contains("2017 5, 2018 1"), "{}", out.stdout);
    assert!(!site.public().exists());
}

#[test]
fn check_fails_on_errors() {
    let site = TempSite::new("invalid", "malformed-front-matter");
    let out = site.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("bad-yaml.md"));
}

#[test]
fn build_timings_print_for_people_on_stderr_and_as_json_on_stdout() {
    let site = TempSite::site("basic");
    let text = site.build(&["--timings"]);
    assert!(
        text.stderr.contains("stage          wall ms"),
        "{}",
        text.stderr
    );
    assert!(
        text.stdout.starts_with("built 6 articles into"),
        "{}",
        text.stdout
    );
    let json = site.build(&["--timings=json"]);
    assert!(!json.stderr.contains("wall ms"), "{}", json.stderr);
    let report: serde_json::Value =
        serde_json::from_str(json.stdout.trim()).expect("one JSON object");
    assert_eq!(report["articles"], 6);
    assert_eq!(report["rendered"], 0, "nothing changed: {report}");
    assert!(report["pages"].as_u64().is_some_and(|n| n > 20), "{report}");
    // Every file but hostile.md, parsed again each time for its warning.
    assert_eq!(report["from_parse_cache"], 5, "{report}");
    let stages: Vec<&str> = report["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(stages.first(), Some(&"discover"), "{report}");
    assert_eq!(stages.last(), Some(&"copy+swap"), "{report}");
}

#[test]
fn new_writes_an_article_that_builds() {
    let site = TempSite::site("basic");
    let out = site.run(&[
        "new",
        "Floods hit Swat valley",
        "--topic",
        "Pakistan",
        "--agency",
        "APP",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = out.stdout.trim();
    assert!(path.ends_with("floods-hit-swat-valley.md"), "{path}");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("title: \"Floods hit Swat valley\""), "{text}");
    assert!(text.contains("topics: [\"Pakistan\"]"), "{text}");
    assert!(
        text.contains("+05:00"),
        "site time zone is Asia/Karachi: {text}"
    );
    // Drafts by default; builds with --drafts.
    let out = site.run(&["build", "--drafts"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Running it twice does not overwrite.
    let again = site.run(&["new", "Floods hit Swat valley"]);
    assert_eq!(again.code, 1);
}

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("newsroom");
    crate::support::broadsheet([std::ffi::OsStr::new("init"), target.as_os_str()]).assert_ok();
    assert!(target.join("site.toml").is_file());
    assert!(
        target
            .join("themes/default/templates/article.html")
            .is_file()
    );
    assert!(target.join("themes/default/static/style.css").is_file());
    crate::support::broadsheet([
        std::ffi::OsStr::new("build"),
        "--root".as_ref(),
        target.as_os_str(),
    ])
    .assert_ok();
    assert!(target.join("public/index.html").is_file());
    assert!(target.join("public/style.css").is_file());
}

#[test]
fn a_site_without_themes_uses_the_built_in_theme() {
    let site = TempSite::site("basic");
    assert!(!site.root().join("themes").exists());
    site.build(&[]);
    assert!(site.exists("style.css"));
    assert!(site.read("index.html").contains("Fixture Times"));
}

#[test]
fn a_lead_dated_differently_from_the_front_matter_is_a_warning() {
    let site = TempSite::site("basic");
    site.write(
        "content/misdated.md",
        "---\ntitle: \"Misdated lead\"\ndate: 2017-09-10T10:00:00+05:00\n---\nLAHORE, SEPT 12 (APP) – The lead says the 12th.\n",
    );
    let out = site.run(&["check", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(
        out.code, 0,
        "a warning does not fail the check: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "content/misdated.md:5:1: warning: the lead is dated SEPT 12 but `date` is 2017-09-10"
        ),
        "{}",
        out.stderr
    );
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("content/misdated.md:5:1: warning"),
        "{}",
        out.stderr
    );
}
