//! Content and output safety: hostile articles cannot get a script into any output
//! file; the output folder is never one of the site's own, never a stranger's, and a
//! killed build leaves the old or the new output, never a mix.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::{Duration, Instant};

use scraper::Html;

use crate::support::{TempSite, copy_dir, fixture, staging_leftovers, tree};

/// Fails if any output file could run a script: a `<script>` that is not JSON-LD,
/// an event handler attribute, a `javascript:` (or `vbscript:`, `data:`) URL, or an
/// iframe from a host not allowed.
fn assert_no_script(out: &Path) {
    let files = tree(out);
    assert!(!files.is_empty());
    for (path, bytes) in files {
        if path.starts_with(".broadsheet/") {
            // Bookkeeping, never uploaded (docs/deploy.md). The parse cache holds the
            // articles' raw text, hostile or not, as a binary file: no browser takes it
            // for HTML (it starts with no HTML signature and has NUL bytes in its first
            // 512, the MIME sniffing standard's test for binary data).
            assert!(!bytes.starts_with(b"<"), "{path}");
            if path == ".broadsheet/parsed" {
                assert!(bytes.starts_with(b"broadsheet parse cache"));
                assert!(bytes[..bytes.len().min(512)].contains(&0), "{path}");
            }
            continue;
        }
        if path.starts_with("search/") && path.ends_with(".bin") {
            // The search index: compressed data (titles, teasers, words) that search.js
            // puts into the page as text only (checked below), never as markup.
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        if path.starts_with("search/search.") && path.ends_with(".js") {
            // Our own script, the only one: it writes nothing as HTML.
            for sink in [
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
            ] {
                assert!(!text.contains(sink), "{path} uses {sink}");
            }
            continue;
        }
        if !path.ends_with(".html") {
            assert!(
                !text.to_ascii_lowercase().contains("<script"),
                "{path} carries a script"
            );
            continue;
        }
        let html = Html::parse_document(&text);
        for node in html.tree.nodes() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            if el.name() == "script" && path == "search/index.html" {
                let src = el.attr("src").unwrap_or_default();
                assert!(
                    src.starts_with("/search/search."),
                    "{path}: <script src={src:?}>"
                );
                continue;
            }
            if el.name() == "script" {
                assert_eq!(
                    el.attr("type"),
                    Some("application/ld+json"),
                    "{path}: a live <script>"
                );
                let json: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                serde_json::from_str::<serde_json::Value>(&json)
                    .unwrap_or_else(|e| panic!("{path}: JSON-LD broken ({e}): {json}"));
            }
            for (name, value) in el.attrs() {
                assert!(
                    !name.to_ascii_lowercase().starts_with("on"),
                    "{path}: <{} {name}={value:?}>",
                    el.name()
                );
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                    assert!(
                        !squeezed.starts_with(scheme)
                            || !matches!(name, "href" | "src" | "action" | "formaction"),
                        "{path}: <{} {name}={value:?}>",
                        el.name()
                    );
                }
            }
            if el.name() == "iframe"
                && let Some(src) = el.attr("src")
            {
                assert!(
                    src.starts_with("https://www.youtube.com/"),
                    "{path}: iframe from {src}"
                );
            }
            // The search page's form (GET to itself) is the one form of the site.
            let search_form = path == "search/index.html" && el.attr("action") == Some("/search/");
            assert!(
                search_form || !matches!(el.name(), "form" | "svg" | "object" | "embed" | "base"),
                "{path}: <{}>",
                el.name()
            );
        }
    }
}

fn hostile_site(policy: &str, every_field: bool) -> TempSite {
    let site = TempSite::new("invalid", "hostile-html");
    // The basic site's own hostile story too: markup in a title and a tag.
    copy_dir(
        &fixture("sites", "basic").join("content/2017/09"),
        &site.root().join("content/basic"),
    );
    if every_field {
        copy_dir(
            &fixture("templates", "every-field"),
            &site.root().join("templates"),
        );
    }
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{toml}\n[markdown]\nraw_html = \"{policy}\"\n"),
    );
    site
}

#[test]
fn a_hostile_article_cannot_get_a_script_into_any_output_file() {
    for policy in ["sanitize", "escape"] {
        for every_field in [false, true] {
            let site = hostile_site(policy, every_field);
            let out = site.build(&[]);
            assert!(
                out.stderr.contains("warning"),
                "{policy}: the writer is told what was removed\n{}",
                out.stderr
            );
            assert_no_script(&site.public());
        }
    }
}

#[test]
fn hostile_values_are_shown_as_text_not_dropped() {
    let site = hostile_site("sanitize", true);
    site.build(&[]);
    let page = site.page("2017/09/22/script-alert-title-script-hostile/index.html");
    assert_eq!(
        page.text("h1.headline"),
        "<script>alert('title')</script> Hostile"
    );
    assert_eq!(
        page.attrs("h1.headline", "title"),
        vec!["<script>alert('title')</script> Hostile"]
    );
    assert_eq!(
        page.attrs("article.story > a[data-name]", "data-name"),
        vec!["<img src=x onerror=alert('tag')>"]
    );
    // JSON-LD reads back exactly, `</script>` and all.
    let json: String = page.texts("script[type='application/ld+json']").concat();
    let ld: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(ld["headline"], "<script>alert('title')</script> Hostile");
    assert_eq!(ld["description"], "\"><script>alert('summary')</script>");
    assert_eq!(
        ld["about"][0]["name"],
        "</script><script>alert('topic')</script>"
    );
    // The allowed embed stays, sandboxed; the image with a javascript: URL is left out.
    let iframes = page.attrs(".story-body iframe", "src");
    assert_eq!(iframes, vec!["https://www.youtube.com/embed/abc123"]);
    assert_eq!(page.count(".story img[alt]"), 0);
    // Under `escape` the raw HTML is shown as text.
    let site = hostile_site("escape", true);
    site.build(&[]);
    let page = site.page("2017/09/22/script-alert-title-script-hostile/index.html");
    assert!(
        page.text(".story-body")
            .contains("<script>alert('body')</script>")
    );
}

#[test]
fn raw_html_allow_passes_markup_through() {
    let site = hostile_site("allow", true);
    site.build(&[]);
    let body = site.read("2017/09/22/script-alert-title-script-hostile/index.html");
    assert!(body.contains("<script>alert('body')</script>"));
    // Front matter values are still escaped: `allow` is about the body only.
    assert!(!body.contains("<script>alert('title')"));
}

#[test]
fn unsafe_names_stay_inside_the_output_folder() {
    // The site in a folder of its own, so other tests' temporary folders coming and
    // going beside it cannot be taken for something this build wrote.
    let outer = tempfile::tempdir().expect("temp dir");
    let site = TempSite {
        dir: tempfile::tempdir_in(outer.path()).expect("temp dir"),
    };
    copy_dir(&fixture("invalid", "unsafe-names"), site.root());
    let outer = outer.path().to_path_buf();
    let before: Vec<_> = std::fs::read_dir(&outer)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    site.build(&[]);
    let paths: Vec<String> = tree(&site.public()).into_iter().map(|(p, _)| p).collect();
    for want in [
        "2017/09/22/tmp-evil/index.html",
        "topics/world/index.html",
        "topics/bell/index.html",
        "tags/a-b/index.html",
        "tags/c-windows/index.html",
        "agencies/afp/index.html",
        "authors/script-alert-1-script/index.html",
    ] {
        assert!(paths.contains(&want.to_string()), "{want} in {paths:?}");
    }
    for p in &paths {
        assert!(!p.contains(".."), "{p}");
    }
    let after: Vec<_> = std::fs::read_dir(&outer)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "nothing written beside the site");
}

#[test]
fn symbolic_links_are_not_followed() {
    let site = TempSite::new("invalid", "symlinks");
    site.build(&[]);
    for (path, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("root:x:0:0"), "{path} carries /etc/passwd");
        assert!(!text.contains("Linked from notes"), "{path}");
    }
}

#[test]
fn the_output_folder_is_never_one_of_the_sites_own() {
    let site = TempSite::site("basic");
    site.write("templates/extra.html", "kept");
    site.write("static/kept.txt", "kept");
    site.write("themes/mine/templates/x.html", "kept");
    std::os::unix::fs::symlink(site.root().join("content"), site.root().join("alias")).unwrap();
    let before = tree(site.root());
    let parent = site.root().parent().unwrap().display().to_string();
    for bad in [
        ".",
        "content",
        "content/2017/new",
        "templates",
        "static",
        "themes",
        "themes/mine/out",
        "alias",
        "alias/new",
    ] {
        let out = site.run(&[
            "build",
            "--force",
            "--output",
            &site.root().join(bad).display().to_string(),
        ]);
        assert_eq!(out.code, 1, "{bad}: {}", out.stderr);
        assert!(
            out.stderr.contains("would overwrite"),
            "{bad}: {}",
            out.stderr
        );
    }
    let out = site.run(&["build", "--force", "--output", &parent]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("the site root"), "{}", out.stderr);
    assert_eq!(before, tree(site.root()), "nothing changed in the site");
}

#[test]
fn a_file_or_a_strangers_folder_is_refused() {
    let site = TempSite::site("basic");
    site.write("out.txt", "not a folder");
    let out = site.run(&[
        "build",
        "--output",
        &site.root().join("out.txt").display().to_string(),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("is a file, not a folder"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("out.txt")).unwrap(),
        "not a folder"
    );

    site.write("public/precious.txt", "keep me");
    let out = site.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("not empty and was not made by broadsheet"),
        "{}",
        out.stderr
    );
    assert!(site.public().join("precious.txt").is_file());
    // --force replaces it; the next build needs no --force (the marker is there).
    site.build(&["--force"]);
    assert!(!site.public().join("precious.txt").exists());
    assert!(site.public().join(".broadsheet-output").is_file());
    site.build(&[]);
    // An empty folder is fine without --force.
    let empty = site.root().join("empty-out");
    std::fs::create_dir(&empty).unwrap();
    let out = site.run(&["build", "--output", &empty.display().to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_failed_render_or_copy_leaves_the_previous_output_exactly() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let before = tree(&site.public());
    // Render stage: a template error.
    site.write("templates/list.html", "{{ nope }}");
    assert_eq!(site.run(&["build"]).code, 1);
    assert_eq!(before, tree(&site.public()));
    std::fs::remove_file(site.root().join("templates/list.html")).unwrap();
    // Copy stage: a static file clashing with a page.
    site.write("static/404.html", "mine");
    assert_eq!(site.run(&["build"]).code, 1);
    assert_eq!(before, tree(&site.public()));
    let leftovers = staging_leftovers(site.root());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Writes `n` articles spread over two years, with topics, tags and agencies.
fn generate(root: &Path, n: usize, edition: &str) {
    let content = root.join("content");
    let _ = std::fs::remove_dir_all(&content);
    // The memory of published URLs is an input too (each edition's old URLs would
    // redirect): every edition starts without one, so its tree is always the same.
    let _ = std::fs::remove_file(root.join("published-urls.txt"));
    let topics = [
        "World", "Pakistan", "Business", "Sport", "Science", "Health",
    ];
    let agencies = ["APP", "AFP", "Reuters", "DNA", "PPI"];
    for i in 0..n {
        let day = i % 672;
        let (year, rest) = (2016 + day / 336, day % 336);
        let (month, dom) = (1 + rest / 28, 1 + rest % 28);
        let dir = content.join(format!("{year}/{month:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        let text = format!(
            "---\ntitle: \"{edition} story {i} on {topic}\"\ndate: {year}-{month:02}-{dom:02} {h:02}:{m:02}\ntopics: [{topic}, {topic2}]\ntags: [Tag {t1}, Tag {t2}]\nagencies: {agency}\nauthor: Writer {w}\n---\nKARACHI, {mon} {dom} ({agency}) – {edition} lead paragraph for story {i}.\n\nA second paragraph with *some* text and a [link](/{year}/).\n",
            topic = topics[i % topics.len()],
            topic2 = topics[(i / 7) % topics.len()],
            t1 = i % 40,
            t2 = (i * 7) % 53,
            agency = agencies[i % agencies.len()],
            w = i % 25,
            h = i % 24,
            m = (i * 13) % 60,
            mon = [
                "JAN", "FEB", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUG", "SEPT", "OCT", "NOV",
                "DEC"
            ][month - 1],
        );
        std::fs::write(dir.join(format!("story-{i}.md")), text).unwrap();
    }
}

fn hashed(dir: &Path) -> Vec<(String, u64)> {
    tree(dir)
        .into_iter()
        .map(|(p, b)| {
            let mut h = DefaultHasher::new();
            b.hash(&mut h);
            (p, h.finish())
        })
        .collect()
}

fn build_args(output: &Path) -> Vec<String> {
    ["build", "--now", "2026-01-01T00:00:00Z", "--output"]
        .iter()
        .map(|s| s.to_string())
        .chain([output.display().to_string()])
        .collect()
}

/// Kill builds of a large site at several points: the output is always exactly the
/// old tree or the new one.
#[test]
fn a_killed_build_leaves_the_old_or_the_new_output_never_a_mix() {
    let site = TempSite::site("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let out = site.public();
    let editions = ["First", "Second"];
    let n = 120;
    let run = |args: &[String]| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    // The two trees, built whole; the second also has a page fewer and a new title.
    let mut trees = Vec::new();
    let mut took = Duration::MAX;
    for (i, edition) in editions.iter().enumerate() {
        generate(site.root(), n - i, edition);
        let target = elsewhere.path().join(edition);
        let start = Instant::now();
        run(&build_args(&target));
        took = took.min(start.elapsed());
        trees.push(hashed(&target));
    }
    assert_ne!(trees[0], trees[1]);
    generate(site.root(), n, editions[0]);
    run(&build_args(&out));
    let mut current = 0;
    assert_eq!(hashed(&out), trees[current]);

    let mut interrupted = 0;
    let mut outcomes = Vec::new();
    for fraction in [0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.6] {
        let next = 1 - current;
        generate(site.root(), n - next, editions[next]);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(build_args(&out))
            .arg("--root")
            .arg(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(took.mul_f64(fraction));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.code().is_none() {
            interrupted += 1;
        }
        let now = hashed(&out);
        current = trees
            .iter()
            .position(|t| *t == now)
            .unwrap_or_else(|| panic!("killed at {fraction}: the output is a mix"));
        outcomes.push(if current == next { "new" } else { "old" });
    }
    eprintln!("build took {took:?}; {interrupted} of 8 builds killed mid-way: {outcomes:?}");
    assert!(
        interrupted >= 3,
        "only {interrupted} builds were killed mid-way"
    );
    // The next build clears what killed builds left beside the output.
    run(&build_args(&out));
    let leftovers = staging_leftovers(site.root());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn check_links_finds_nothing_broken_in_the_demo_site() {
    crate::support::broadsheet(["check", "--links", "--root", env!("CARGO_MANIFEST_DIR")])
        .assert_ok();
}

#[test]
fn check_links_follows_the_base_path() {
    let site = TempSite::site("basic");
    let out = site.run(&["check", "--links"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    site.write(
        "templates/404.html",
        "<a href=\"/news/2018/\">x</a> <a href=\"/2018/\">y</a>",
    );
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace("https://example.org/", "https://example.org/news/"),
    );
    let out = site.run(&["check", "--links"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "404.html:1: error: broken link `/2018/`: it is outside the site's base path /news/"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("`/news/2018/`"), "{}", out.stderr);
}
