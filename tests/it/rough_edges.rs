//! The rough edges a newcomer hits first: each found on a small site built in a
//! temporary folder with the real binary, its output then read back.

use crate::support::TempSite;

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
