//! The demo site in a real browser: Debian's headless Chromium, driven by
//! tests/browser/check.mjs (playwright-core and axe-core). Home, an article, an
//! Urdu article and a topic, tag and agency page, 1280, 375 and 360 px wide: no console
//! errors, no request elsewhere, no horizontal overflow, the right text direction,
//! no serious or critical axe-core violation in light or dark. Screenshots are kept
//! under target/tmp/browser/<theme>/ (or $BROADSHEET_ARTIFACTS/<theme>/).
//!
//! Needs /usr/bin/chromium (or $CHROMIUM_PATH), node, and `npm ci` in
//! tests/browser; without them the test says SKIPPED and passes, except in CI
//! (env `CI`), where it fails. `.ci/run` installs all three.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::themes::{DEMO_NOW, FLOODS, URDU, demo_site};

/// Why the browser test cannot run here, if it cannot.
fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "no Chromium at {chromium} (apt-get install chromium, or set CHROMIUM_PATH)"
        ));
    }
    let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    for package in ["playwright-core", "axe-core"] {
        if !runner.join("node_modules").join(package).is_dir() {
            return Some(format!(
                "{package} is not installed: run `npm ci` in tests/browser"
            ));
        }
    }
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => None,
        _ => Some("no `node` on PATH".into()),
    }
}

fn artifacts(theme: &str) -> PathBuf {
    std::env::var_os("BROADSHEET_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser"))
        .join(theme)
}

fn check_in_chromium(theme: &str) {
    if let Some(why) = missing() {
        crate::support::skip_unless_ci(&format!("browser test of the {theme} theme"), &why);
        return;
    }
    let site = demo_site(theme);
    site.build(&["--now", DEMO_NOW]);
    let out_dir = artifacts(theme);
    let _ = std::fs::remove_dir_all(&out_dir);
    let stdout = run_node(
        "check.mjs",
        Command::new("node")
            .arg("check.mjs")
            .arg("--site")
            .arg(site.public())
            .arg("--artifacts")
            .arg(&out_dir)
            // 360 px: the narrowest phone the themes promise to fit without scrolling sideways.
            .args(["--widths", "1280,390,375,360"])
            .args([
                "home=/,dir=ltr,axe".to_string(),
                format!("article=/{FLOODS},dir=ltr,axe"),
                format!("urdu=/{URDU},dir=rtl,axe"),
                "urdu-home=/ur/,dir=rtl,axe".into(),
                "topic=/topics/pakistan/,dir=ltr,axe".into(),
                "tag=/tags/neelum-floods-2024/,dir=ltr,axe".into(),
                "agency=/agencies/app/,dir=ltr,axe".into(),
            ]),
        theme,
    );
    for name in ["home", "article", "urdu", "urdu-home"] {
        for width in [1280, 390, 375] {
            let shot = out_dir.join(format!("{name}-{width}.png"));
            assert!(shot.is_file(), "no screenshot {}", shot.display());
        }
    }
    println!(
        "{theme}: {} (screenshots in {})",
        stdout.trim(),
        out_dir.display()
    );
}

#[test]
fn default_theme_in_chromium() {
    check_in_chromium("default");
}

#[test]
fn wire_theme_in_chromium() {
    check_in_chromium("wire");
}

/// The search page of the search fixture in Chromium (tests/browser/search.mjs): a
/// query from the URL lists the right story, the Urdu story is found by its words
/// typed with Arabic letter forms and by its year in Western or Arabic-Indic digits
/// (4 of 4 variant pairs), no query finds an embargoed, draft, expired, withdrawn or
/// scheduled story's word, and the page works by keyboard, axe-clean.
fn search_in_chromium(theme: &str) {
    if let Some(why) = missing() {
        crate::support::skip_unless_ci(&format!("search in the {theme} theme"), &why);
        return;
    }
    let site = crate::support::TempSite::site("search");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("theme = \"{theme}\"\n{toml}"));
    // 300 stories more, so the index has both tiers (docs/search.md): older than the
    // fixture's in one theme (its stories then recent), newer in the other (settled).
    let year = if theme == "wire" { 2019 } else { 2016 };
    for n in 0..300 {
        site.write(
            &format!("content/{year}/01/session-{n}.md"),
            &format!(
                "---\ntitle: \"Assembly session {n} in Karachi\"\ndate: {year}-01-{:02}T{:02}:00:00+05:00\ntopics: [Pakistan]\n---\nThe Sindh assembly met in Karachi for session {n}.\n",
                1 + n % 28,
                n % 24
            ),
        );
    }
    site.build(&["--drafts", "--future"]);
    run_node(
        "search.mjs",
        Command::new("node")
            .arg("search.mjs")
            .arg("--site")
            .arg(site.public())
            .args([
                "flood karachi=>Flood waters rise",
                // A word in both tiers: the fillers' and the fixture's stories.
                "karachi record=>Flood waters rise",
                "assembly session 299=>Assembly session 299 in Karachi",
                // A facet with no words: the year's documents of either tier.
                "?year=2017=>Smog season",
                // Arabic kaf and yeh for Urdu keheh and farsi yeh.
                "كراچي=>کراچی میں",
                // Arabic heh for Urdu heh goal.
                "خدشه=>کراچی میں",
                // Arabic heh for do-chashmi heh.
                "سنده=>کراچی میں",
                // The year the story writes in Urdu digits (۲۰۱۷), in Western and Arabic-Indic ones.
                "2017 منصوبہ=>کراچی میں",
                "٢٠١٧ منصوبہ=>کراچی میں",
                // The last word typed is a prefix.
                "lahore sm=>Smog season",
            ])
            .args(HIDDEN_WORDS.iter().flat_map(|w| ["--absent", w])),
        theme,
    );
}

/// Runs a script of tests/browser (`command`, its arguments given) there; fails with
/// its output unless it succeeded, and never lets it skip (`missing` found Chromium,
/// so the runner must have too). Returns what it printed.
fn run_node(script: &str, command: &mut Command, theme: &str) -> String {
    let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = command.current_dir(&runner).output().expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{script}, {theme} theme, in Chromium:\n{stderr}\n{stdout}"
    );
    assert!(
        !stdout.contains("SKIPPED"),
        "{script}, {theme} theme: the browser runner skipped:\n{stdout}"
    );
    stdout
}

/// A word of each story the search fixture keeps out of the index.
const HIDDEN_WORDS: [&str; 5] = [
    "zebrafinch",
    "quokkapie",
    "marmotgold",
    "tapirhush",
    "okapibloom",
];

#[test]
fn search_in_chromium_default_theme() {
    search_in_chromium("default");
}

#[test]
fn search_in_chromium_wire_theme() {
    search_in_chromium("wire");
}
