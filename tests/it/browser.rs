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
    let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = Command::new("node")
        .current_dir(&runner)
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
        ])
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{theme} theme in Chromium:\n{stderr}\n{stdout}"
    );
    // `missing` found Chromium, so the runner must have too.
    assert!(
        !stdout.contains("SKIPPED"),
        "{theme} theme: the browser runner skipped:\n{stdout}"
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
