//! Finds and reads the site's files: `site.toml`, `content/**/*.md`, the theme's
//! templates and static files. One of the few modules that reads the disk; it never writes.
//! Output: text and bytes in memory, plus a diagnostic for every file it could not read.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// The default theme, built into the binary so a site needs no `themes/` folder.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One article file as read from disk.
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated (`content/2017/09/x.md`).
    pub rel: String,
    pub text: String,
}

/// A template's text and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Name used by `extends` and `include` (`article.html`).
    pub name: String,
    /// Where it was read from, for messages (`themes/default/templates/article.html`).
    pub origin: String,
    pub text: String,
    /// True for the theme's own templates (also reachable as `theme/<name>`).
    pub from_theme: bool,
}

/// A file to copy into the output as it is.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Output path relative to the output folder.
    pub rel: String,
    pub source: StaticSource,
}

/// Templates (site's replacing the theme's) and static files (site's over the theme's).
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    pub templates: Vec<TemplateSource>,
    pub statics: Vec<StaticFile>,
}

/// Reads and parses `site.toml` in `root`.
pub fn load_config(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join("site.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error(
            "site.toml",
            0,
            0,
            format!("cannot read the site configuration: {e}"),
        )
        .with_help("run broadsheet in a site folder (one holding site.toml), or pass --root DIR")
    })?;
    Config::parse(&text, "site.toml")
}

/// Every `.md` file under `content/`, sorted by path, read in parallel.
/// Hidden files and folders are skipped; symbolic links are not followed.
pub fn read_content(root: &Path, max_bytes: u64) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut diags = Vec::new();
    let mut paths = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", 0, 0, "the site has no content/ folder")
                .with_help("put article files under content/, e.g. content/2017/09/story.md"),
        );
        return (Vec::new(), diags);
    }
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_symlink() => diags.push(Diagnostic::warning(
                rel_path(root, e.path()),
                0,
                0,
                "symbolic link skipped: broadsheet reads only real files under content/",
            )),
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                paths.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                e.path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| "content".into()),
                0,
                0,
                format!("cannot read: {e}"),
            )),
        }
    }
    let read: Vec<Result<SourceFile, Diagnostic>> = paths
        .par_iter()
        .map(|path| read_one(root, path, max_bytes))
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

/// Reads one article file, refusing files above `max_bytes` and text that is not UTF-8.
pub fn read_one(root: &Path, path: &Path, max_bytes: u64) -> Result<SourceFile, Diagnostic> {
    let rel = rel_path(root, path);
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(&rel, 0, 0, format!("cannot read: {e}")))?;
    if meta.len() > max_bytes {
        return Err(Diagnostic::error(
            &rel,
            0,
            0,
            format!(
                "the file is {} bytes, above the limit of {max_bytes}",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&rel, 0, 0, format!("cannot read: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile { rel, text }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..offset]).expect("valid up to here");
            let (line, column) = crate::diagnostics::line_col(valid, offset);
            Err(
                Diagnostic::error(&rel, line, column, "the file is not valid UTF-8 text")
                    .with_help("save the file as UTF-8"),
            )
        }
    }
}

/// The theme's templates and static files, with the site's own folders over them.
/// `theme = "default"` without a `themes/default` folder uses the built-in copy.
pub fn load_theme(root: &Path, theme: &str) -> Result<ThemeFiles, Diagnostic> {
    let mut files = ThemeFiles::default();
    let theme_dir = root.join("themes").join(theme);
    if theme_dir.is_dir() {
        let prefix = format!("themes/{theme}/templates");
        for (name, path) in list_files(&theme_dir.join("templates")) {
            files.templates.push(TemplateSource {
                text: read_template(&path, &format!("{prefix}/{name}"))?,
                origin: format!("{prefix}/{name}"),
                name,
                from_theme: true,
            });
        }
        for (rel, path) in list_files(&theme_dir.join("static")) {
            files.statics.push(StaticFile {
                rel,
                source: StaticSource::Disk(path),
            });
        }
    } else if theme == "default" {
        embedded(&DEFAULT_THEME, &mut files);
    } else {
        return Err(Diagnostic::error(
            "site.toml",
            0,
            0,
            format!("the theme `{theme}` is not in themes/{theme}/"),
        )
        .with_help("set theme = \"default\" for the built-in theme, or add the theme folder"));
    }
    for (name, path) in list_files(&root.join("templates")) {
        let origin = format!("templates/{name}");
        let text = read_template(&path, &origin)?;
        files.templates.push(TemplateSource {
            name,
            origin,
            text,
            from_theme: false,
        });
    }
    for (rel, path) in list_files(&root.join("static")) {
        files.statics.retain(|s| s.rel != rel);
        files.statics.push(StaticFile {
            rel,
            source: StaticSource::Disk(path),
        });
    }
    files.statics.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(files)
}

fn embedded(dir: &'static Dir<'static>, files: &mut ThemeFiles) {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut all = Vec::new();
    walk(dir, &mut all);
    for f in all {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            files.templates.push(TemplateSource {
                name: name.to_string(),
                origin: format!("(built-in default theme)/{path}"),
                text: f
                    .contents_utf8()
                    .expect("built-in templates are UTF-8")
                    .to_string(),
                from_theme: true,
            });
        } else if let Some(rel) = path.strip_prefix("static/") {
            files.statics.push(StaticFile {
                rel: rel.to_string(),
                source: StaticSource::Embedded(f.contents()),
            });
        }
    }
    files.templates.sort_by(|a, b| a.name.cmp(&b.name));
}

fn read_template(path: &Path, origin: &str) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(origin, 0, 0, format!("cannot read template: {e}")))
}

/// Regular files under `dir` (recursively, sorted), as (`/`-separated relative path, path).
fn list_files(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| (rel_path(dir, e.path()), e.into_path()))
        .collect()
}

/// `path` relative to `base`, `/`-separated.
pub fn rel_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
