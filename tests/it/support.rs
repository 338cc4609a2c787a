//! Helpers: copy a fixture site into a temp folder, run the real binary, read pages.

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

pub fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
        .join(name)
}

/// A copy of a fixture site in a fresh temporary folder.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    pub fn new(kind: &str, name: &str) -> TempSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(kind, name), dir.path());
        TempSite { dir }
    }

    pub fn site(name: &str) -> TempSite {
        Self::new("sites", name)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Runs `broadsheet <args> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
        cmd.args(args).arg("--root").arg(self.root());
        // Fixed build time so "future" is stable.
        cmd.env("TZ", "UTC");
        let out = cmd.output().expect("run broadsheet");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr)
                .replace(&self.root().display().to_string(), "[ROOT]"),
        }
    }

    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        if !extra.contains(&"--now") {
            args.extend(["--now", "2026-01-01T00:00:00Z"]);
        }
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert_eq!(out.code, 0, "build failed:\n{}\n{}", out.stdout, out.stderr);
        out
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// A file of the site itself (not the output), such as `site.toml`.
    pub fn read_root(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn page(&self, rel: &str) -> Page {
        Page {
            html: Html::parse_document(&self.read(rel)),
            rel: rel.to_string(),
        }
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the real binary with `args` (no `--root` added).
pub fn broadsheet<S: AsRef<std::ffi::OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .output()
        .expect("run broadsheet");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Output {
    /// Asserts exit code 0, showing stderr otherwise.
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "{}{}", self.stdout, self.stderr);
        self
    }
}

pub struct Page {
    pub html: Html,
    pub rel: String,
}

impl Page {
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.html
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        let t = self.texts(css);
        assert!(!t.is_empty(), "{}: nothing matches {css}", self.rel);
        t[0].clone()
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.html
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    pub fn count(&self, css: &str) -> usize {
        self.texts(css).len()
    }
}

/// Copies a fixture; symbolic links are copied as links (with the same target).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_symlink() {
            let link = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Staging folders a build left in `dir` (the site root, beside `public/`).
pub fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect()
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A test whose outside tool is missing: a failure in CI (env `CI` set and not
/// empty or "false"), where `.ci/run` installs every tool, so a test never passes
/// there without testing; elsewhere it says SKIPPED. Returns only when skipping.
pub fn skip_unless_ci(what: &str, why: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "{what} cannot run in CI: {why} (.ci/run installs what it needs)"
    );
    println!("SKIPPED: {what}: {why}");
}
