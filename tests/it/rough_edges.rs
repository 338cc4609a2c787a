//! The rough edges a newcomer hits first: each found on a small site built in a
//! temporary folder with the real binary, its output then read back.

use std::path::Path;
use std::process::Command;

use crate::support::{Output, TempSite};

/// A site in a fresh folder: `site.toml` with `extra` lines added, and `files`
/// (path, text) under the root.
fn site(extra: &str, files: &[(&str, &str)]) -> TempSite {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = TempSite { dir };
    site.write(
        "site.toml",
        &format!(
            "title = \"Valley Courier\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\ntimezone = \"Asia/Karachi\"\n{extra}"
        ),
    );
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// An article file: front matter lines, then the body.
fn story(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}\n")
}

#[test]
fn script_text_never_reaches_summaries_and_removed_links_leave_their_text() {
    let text = story(
        "title: \"Council meets on the bridge\"\ndate: 2017-09-22 10:00",
        "Before. <script>alert(1)</script> After, [the plan](javascript:alert(2)) was read.\n\nSecond paragraph.",
    );
    let s = site(
        "[feeds]\nfull_text = true\n",
        &[("content/bridge.md", &text)],
    );
    s.build(&[]);
    let page = s.read("2017/09/22/council-meets-on-the-bridge/index.html");
    assert!(
        page.contains("<meta name=\"description\" content=\"Before. After, the plan was read.\">"),
        "{page}"
    );
    assert!(
        page.contains("<p>Before.  After, the plan was read.</p>"),
        "{page}"
    );
    assert!(!page.contains("<a href=\"\""), "{page}");
    for file in [
        "2017/09/22/council-meets-on-the-bridge/index.html",
        "index.html",
        "feed.xml",
        "atom.xml",
    ] {
        let out = s.read(file);
        assert!(!out.contains("alert"), "{file}: {out}");
    }
    assert!(
        s.read("atom.xml")
            .contains("Before. After, the plan was read.")
    );
}

/// Runs the real binary in `dir` with `args` (no `--root` added) and `env` set;
/// colour variables are cleared unless `env` sets them.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    cmd.args(args).current_dir(dir).env("TZ", "UTC");
    for var in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().expect("run broadsheet");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const NOW: &str = "2026-01-01T00:00:00Z";

/// One published story, one draft and two scheduled (one dated later, one embargoed).
fn site_with_drafts() -> TempSite {
    let published = story("title: Out now\ndate: 2025-12-30 09:00", "Published.");
    let draft = story(
        "title: Not yet\ndate: 2025-12-30 10:00\ndraft: true",
        "A draft.",
    );
    let later = story("title: Tomorrow\ndate: 2026-01-02 09:00", "Scheduled.");
    let embargoed = story(
        "title: Embargoed\ndate: 2025-12-31 09:00\nembargo: 2026-01-03 00:00",
        "Under embargo.",
    );
    site(
        "",
        &[
            ("content/published.md", &published),
            ("content/draft.md", &draft),
            ("content/later.md", &later),
            ("content/embargoed.md", &embargoed),
        ],
    )
}

#[test]
fn the_summary_line_says_what_was_left_out_and_how_to_include_it() {
    let s = site_with_drafts();
    let out = s.build(&[]);
    assert!(
        out.stdout.starts_with("built 1 article into "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.trim_end().ends_with(
            "(public), leaving out 1 draft (--drafts) and 2 scheduled articles (--future)"
        ) || out
            .stdout
            .contains("), leaving out 1 draft (--drafts) and 2 scheduled articles (--future)"),
        "{}",
        out.stdout
    );
    let out = s.build(&["--drafts"]);
    assert!(
        out.stdout.starts_with("built 2 articles into "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(", leaving out 2 scheduled articles (--future)\n"),
        "{}",
        out.stdout
    );
    let out = s.build(&["--drafts", "--future"]);
    assert!(
        out.stdout.starts_with("built 4 articles into "),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("leaving out"), "{}", out.stdout);
    let out = s.run(&["check", "--now", NOW]);
    assert!(
        out.stdout.starts_with("1 article, ")
            && out
                .stdout
                .lines()
                .next()
                .unwrap()
                .ends_with(", leaving out 1 draft (--drafts) and 2 scheduled articles (--future)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\n0 warnings\n"), "{}", out.stdout);
}

#[test]
fn quiet_prints_errors_only_and_verbose_prints_the_stages() {
    let text = story("title: x\ndate: 2025-12-30\ntopicz: [A]", "Body.");
    let s = site("", &[("content/a.md", &text)]);
    let normal = s.build(&[]);
    assert!(
        normal.stderr.contains("did you mean `topics`?"),
        "{}",
        normal.stderr
    );
    assert!(
        normal.stdout.starts_with("built 1 article into"),
        "{}",
        normal.stdout
    );
    for quiet in ["-q", "--quiet"] {
        let out = s.build(&[quiet]);
        assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
        let out = s.run(&["check", quiet, "--now", NOW]);
        assert_eq!(
            (out.code, out.stdout.as_str(), out.stderr.as_str()),
            (0, "", "")
        );
    }
    for verbose in ["-v", "--verbose"] {
        let out = s.build(&[verbose]);
        assert!(
            out.stderr.contains("stage          wall ms"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.starts_with("built 1 article"), "{}", out.stdout);
        let out = s.run(&["check", verbose, "--now", NOW]);
        assert!(
            out.stderr.contains("stage          wall ms"),
            "{}",
            out.stderr
        );
    }
    // Errors are printed however quiet.
    s.write("content/b.md", "---\ntitle: y\n---\nNo date.\n");
    let out = s.run(&["build", "--quiet", "--now", NOW]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "content/b.md:1:1: error: the article has no date\n  help: add a line such as `date: 2017-09-22 14:30`\nerror: build failed with 1 error and 1 warning (hidden by --quiet); the output folder was left as it was\n"
    );
    assert!(s.run(&["build", "-q", "-v"]).code == 2);
    // Every command takes them: the result is still printed, the chatter is not.
    let out = run_in(s.root(), &["new", "-q", "Quiet story"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("./content/"), "{}", out.stdout);
    let out = run_in(s.root(), &["init", "--quiet", "fresh"], &[]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let out = run_in(s.root(), &["init", "-v", "fresh-2"], &[]);
    assert!(
        out.stdout.starts_with("created a new site in fresh-2 ("),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(" files)\n"), "{}", out.stdout);
    let out = run_in(s.root(), &["related", "-q", "x"], &[]);
    assert_eq!(out.code, 1);
}

#[test]
fn colour_only_in_a_terminal_and_never_with_no_color() {
    let s = site("", &[("content/a.md", "---\ntitle: x\n---\nNo date.\n")]);
    let root = s.root();
    let plain = run_in(root, &["check"], &[]);
    assert_eq!(plain.code, 1);
    assert!(!plain.stderr.contains('\u{1b}'), "{:?}", plain.stderr);
    assert!(
        plain
            .stderr
            .contains("content/a.md:1:1: error: the article has no date")
    );
    // As in a terminal.
    let coloured = run_in(root, &["check"], &[("CLICOLOR_FORCE", "1")]);
    assert!(
        coloured
            .stderr
            .contains("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m the article has no date"),
        "{:?}",
        coloured.stderr
    );
    let no_color = run_in(
        root,
        &["check"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert_eq!(no_color.stderr, plain.stderr);
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _broadsheet"),
        ("zsh", "#compdef broadsheet"),
        ("fish", "complete -c broadsheet"),
    ] {
        let out = run_in(dir.path(), &["completions", shell], &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell}: {}", out.stdout);
        for word in [
            "build",
            "check",
            "base-url",
            "quiet",
            "drafts",
            "completions",
        ] {
            assert!(out.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    assert_eq!(run_in(dir.path(), &["completions", "tcsh"], &[]).code, 2);
}

#[test]
fn commands_find_the_site_root_upward_and_root_still_wins() {
    let text = story("title: Found from below\ndate: 2025-12-30", "Body.");
    let s = site("", &[("content/2025/12/a.md", &text)]);
    let deep = s.root().join("content/2025/12");
    let out = run_in(&deep, &["build", "--now", NOW], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("(../../../public)"), "{}", out.stdout);
    assert!(s.exists("2025/12/30/found-from-below/index.html"));
    let out = run_in(&s.root().join("content"), &["check", "--now", NOW], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("1 article, "), "{}", out.stdout);
    let out = run_in(&deep, &["new", "Written from below"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("../../../content/"),
        "{}",
        out.stdout
    );
    let out = run_in(&deep, &["related", "found-from-below"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // --root wins over the folder found upward.
    let other = site("", &[]);
    let out = run_in(
        &deep,
        &["check", "--root", other.root().to_str().unwrap()],
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content: error: the site has no content/ folder"),
        "{}",
        out.stderr
    );
    // With no site.toml anywhere above, the help says where to run it.
    let nowhere = tempfile::tempdir().unwrap();
    let out = run_in(nowhere.path(), &["check"], &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("or below one, or pass --root DIR"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_takes_base_url_and_names_the_markdown_line_of_a_broken_link() {
    let text = story(
        "title: Ferry timetable\ndate: 2025-12-30",
        "The new timetable is out.\n\nSee [the old one](/2017/01/01/old/) and\n[the notice](notice.pdf).",
    );
    let s = site("", &[("content/ferry.md", &text)]);
    let out = s.run(&["check", "--links", "--now", NOW]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/ferry.md:7:19: error: broken link `/2017/01/01/old/`: nothing is written at /2017/01/01/old/ (on the page 2025/12/30/ferry-timetable/index.html)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("content/ferry.md:8:14: error: broken link `notice.pdf`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("checked "), "{}", out.stderr);
    assert!(out.stderr.contains(" internal links on "), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(": 2 broken\nerror: check failed with 2 errors\n"),
        "{}",
        out.stderr
    );
    // Fixed: the check counts what it looked at.
    s.write(
        "content/ferry.md",
        &story("title: Ferry timetable\ndate: 2025-12-30", "Fine."),
    );
    let out = s.run(&["check", "--links", "--now", NOW]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(": none broken\n"), "{}", out.stdout);
    // --base-url as for build: links under the new path are checked against it.
    let out = s.run(&[
        "check",
        "--links",
        "--base-url",
        "https://preview.example/pr-7",
        "--now",
        NOW,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = s.run(&[
        "check",
        "--base-url",
        "https://preview.example/pr-7/",
        "--now",
        NOW,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_sub_path_base_url_warns_that_crawlers_never_read_its_robots_txt() {
    let text = story("title: Bridge reopens\ndate: 2025-12-31 09:00", "Body.");
    let s = site("", &[("content/a.md", &text)]);
    s.write(
        "site.toml",
        "title = \"Valley Courier\"\nbase_url = \"https://example.org/news/\"\nlanguage = \"en\"\n",
    );
    let out = s.build(&[]);
    assert!(
        out.stderr.contains(
            "site.toml: warning: `base_url` https://example.org/news/ has a path, so robots.txt is written to /news/robots.txt, where crawlers never look (they read only https://example.org/robots.txt)\n  help: add to the robots.txt at https://example.org/ the line `Sitemap: https://example.org/news/sitemap.xml`"
        ),
        "{}",
        out.stderr
    );
    assert!(
        s.read("robots.txt")
            .contains("Sitemap: https://example.org/news/sitemap.xml")
    );
    // The same from --base-url, and nothing at a host's root.
    let out = s.build(&["--base-url", "https://preview.example/pr-7/"]);
    assert!(
        out.stderr
            .contains("--base-url: warning: `base_url` https://preview.example/pr-7/ has a path"),
        "{}",
        out.stderr
    );
    let out = s.build(&["--base-url", "https://example.org"]);
    assert!(!out.stderr.contains("robots.txt"), "{}", out.stderr);
}

#[test]
fn feeds_carry_absolute_links_and_no_empty_subtitle() {
    let text = story(
        "title: Flood levels\ndate: 2025-12-31 09:00",
        "The river crested overnight.[^1] See [last year](/2024/07/01/flood/) and ![the chart](chart.png).\n\n[^1]: Gauge at the old bridge.",
    );
    let s = site(
        "[feeds]\nfull_text = true\n",
        &[("content/flood.md", &text)],
    );
    // The chart beside the story: a body photo, linked in feeds at its largest
    // derivative, absolute and with its size.
    let chart = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 60, 40]));
    chart.save(s.root().join("content/chart.png")).unwrap();
    s.build(&[]);
    let page = "https://example.org/2025/12/31/flood-levels/";
    for feed in ["feed.xml", "atom.xml"] {
        let xml = s.read(feed);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let content: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("content") || n.has_tag_name("description"))
            .filter_map(|n| n.text())
            .collect();
        assert!(
            content.contains(&format!("href=\"{page}#1\"")),
            "{feed}: {content}"
        );
        assert!(
            content.contains("href=\"https://example.org/2024/07/01/flood/\""),
            "{feed}: {content}"
        );
        assert!(
            content.contains("src=\"https://example.org/_img/")
                && content.contains("-64.png\" width=\"64\" height=\"48\" alt=\"the chart\""),
            "{feed}: {content}"
        );
        for relative in ["href=\"#", "href=\"/", "src=\"chart"] {
            assert!(
                !content.contains(relative),
                "{feed}: {relative} in {content}"
            );
        }
    }
    // The page itself keeps its links as written.
    let html = s.read("2025/12/31/flood-levels/index.html");
    assert!(html.contains("href=\"#1\""), "{html}");
    // No description: no empty <subtitle>.
    let atom = s.read("atom.xml");
    assert!(!atom.contains("<subtitle"), "{atom}");
    s.write(
        "site.toml",
        "title = \"Valley Courier\"\ndescription = \"News from the valley\"\nbase_url = \"https://example.org/\"\n",
    );
    s.build(&[]);
    assert!(
        s.read("atom.xml")
            .contains("<subtitle>News from the valley</subtitle>")
    );
}

#[test]
fn a_standfirst_only_when_written_in_both_themes() {
    let lead = "Water rose above the arches of the old bridge before dawn.";
    let plain = story(
        "title: River rises\ndate: 2025-12-31 09:00\nauthor: Sana Qureshi",
        &format!("{lead}\n\nCrews closed the road."),
    );
    let written = story(
        "title: Road reopens\ndate: 2025-12-31 10:00\nsummary: Traffic moves again after a night of closures.",
        "The road reopened at noon.",
    );
    for theme in ["default", "wire"] {
        let s = site(
            "",
            &[("content/river.md", &plain), ("content/road.md", &written)],
        );
        if theme == "wire" {
            let out = run_in(s.root(), &["init", "w", "--theme", "wire"], &[]);
            assert_eq!(out.code, 0, "{}", out.stderr);
            crate::support::copy_dir(&s.root().join("w/themes"), &s.root().join("themes"));
            let toml = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
            s.write("site.toml", &format!("theme = \"wire\"\n{toml}"));
        }
        s.build(&[]);
        let page = s.page("2025/12/31/river-rises/index.html");
        assert_eq!(page.count(".standfirst"), 0, "{theme}");
        let html = s.read("2025/12/31/river-rises/index.html");
        // Shown once (as the body's opening), not again as a standfirst.
        assert_eq!(
            html.matches(&format!(">{lead}")).count(),
            1,
            "{theme}: the lead once\n{html}"
        );
        // The automatic summary still describes the page.
        assert!(
            html.contains(&format!("<meta name=\"description\" content=\"{lead}\">")),
            "{theme}"
        );
        let page = s.page("2025/12/31/road-reopens/index.html");
        assert_eq!(
            page.text(".standfirst"),
            "Traffic moves again after a night of closures.",
            "{theme}"
        );
        // JSON-LD names the author's page, which exists.
        let river = s.read("2025/12/31/river-rises/index.html");
        let start = river.find("application/ld+json\">").unwrap() + 21;
        let end = start + river[start..].find("</script>").unwrap();
        let doc: serde_json::Value = serde_json::from_str(&river[start..end]).unwrap();
        assert_eq!(
            doc["author"],
            serde_json::json!([{"@type": "Person", "name": "Sana Qureshi", "url": "https://example.org/authors/sana-qureshi/"}]),
            "{theme}"
        );
        assert!(s.exists("authors/sana-qureshi/index.html"));
    }
}

#[test]
fn serve_finds_the_site_upward_and_is_quiet_when_asked() {
    use std::io::{BufRead, BufReader, Read};
    let text = story("title: Served from below\ndate: 2025-12-30", "Body.");
    let s = site("", &[("content/a.md", &text)]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["serve", "--quiet", "--port", "0", "--now", NOW])
        .current_dir(s.root().join("content"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start serve");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first.trim().strip_prefix("serving ").unwrap_or_else(|| {
        let _ = child.kill();
        panic!("{first:?}")
    });
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let page = agent
        .get(&format!("{url}2025/12/30/served-from-below/"))
        .call()
        .map(|mut r| {
            (
                r.status().as_u16(),
                r.body_mut().read_to_string().unwrap_or_default(),
            )
        });
    child.kill().expect("stop serve");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let _ = child.wait();
    let (status, body) = page.expect("the preview answers");
    assert_eq!(status, 200);
    assert!(body.contains("Served from below"), "{body}");
    assert_eq!(err, "", "quiet: nothing but errors");
}
