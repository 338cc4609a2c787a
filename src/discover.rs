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

/// The wire theme (dense, text-first agency copy), built in like the default.
pub static WIRE_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/wire");

/// Themes built into the binary, by the name `theme = "…"` gives them.
pub const BUILTIN_THEMES: [(&str, &Dir<'static>); 2] =
    [("default", &DEFAULT_THEME), ("wire", &WIRE_THEME)];

/// A built-in theme by name.
pub fn builtin_theme(name: &str) -> Option<&'static Dir<'static>> {
    BUILTIN_THEMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, dir)| *dir)
}

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
    /// Translation tables, `i18n/<lang>.toml`: the theme's (`from_theme`), then the
    /// site's, each named by its file name (`ur.toml`).
    pub translations: Vec<TemplateSource>,
    pub statics: Vec<StaticFile>,
    /// Symbolic links skipped in template and static folders.
    pub warnings: Vec<Diagnostic>,
    /// Stylesheets and scripts by path, to their fingerprinted path
    /// (`style.css` → `style.3f9a1c2e7b4d5a60.css`), so hosts can cache them forever.
    pub fingerprints: std::collections::BTreeMap<String, String>,
}

impl ThemeFiles {
    /// Adds a fingerprinted copy of every `.css` and `.js` file.
    fn fingerprint(&mut self) -> Result<(), Diagnostic> {
        let mut copies = Vec::new();
        for s in &self.statics {
            let Some((stem, ext)) = s.rel.rsplit_once('.') else {
                continue;
            };
            if ext != "css" && ext != "js" {
                continue;
            }
            let bytes: std::borrow::Cow<[u8]> = match &s.source {
                StaticSource::Embedded(b) => (*b).into(),
                StaticSource::Disk(p) => std::fs::read(p)
                    .map_err(|e| Diagnostic::error(&s.rel, 0, 0, format!("cannot read: {e}")))?
                    .into(),
            };
            let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
            let hashed = format!("{stem}.{hash:016x}.{ext}");
            self.fingerprints.insert(s.rel.clone(), hashed.clone());
            copies.push(StaticFile {
                rel: hashed,
                source: s.source.clone(),
            });
        }
        self.statics.extend(copies);
        self.statics.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(())
    }
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
        .with_help("run broadsheet in a site folder (one holding site.toml) or below one, or pass --root DIR")
    })?;
    Config::parse(&text, "site.toml")
}

/// The nearest folder holding `site.toml`, from `start` upward, as a path relative
/// to `start` (`.`, `..`, `../..`), so paths printed from it read as the user's own;
/// `None` when no folder up to the file system's root holds one.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .position(|dir| dir.join("site.toml").is_file())
        .map(|up| match up {
            0 => PathBuf::from("."),
            n => std::iter::repeat_n("..", n).collect(),
        })
}

/// Every `.md` file under `content/`, sorted by path, read in parallel.
/// Hidden files and folders are skipped; symbolic links inside are skipped with a
/// warning (so no loop and no file outside the site is ever read), and `content/`
/// itself may be a link only to a folder inside the site root.
pub fn read_content(root: &Path, max_bytes: u64) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let (paths, mut diags) = list_content(root);
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

/// The paths of every `.md` file under `content/`, sorted, without reading them
/// (the rules of [`read_content`]).
pub fn list_content(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut diags = Vec::new();
    let mut paths = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", 0, 0, "the site has no content/ folder")
                .with_help("put article files under content/, e.g. content/2017/09/story.md"),
        );
        return (paths, diags);
    }
    if let Err(d) = not_linked_outside(root, "content") {
        diags.push(d);
        return (paths, diags);
    }
    // The top level in order, then each folder under it walked on its own thread,
    // its files sorted by their paths (component by component: the order of a
    // sorted walk, without sorting each folder's entries as it is read); joined in
    // the same order, this is one sorted walk of the whole tree.
    let walk = |dir: &Path, max_depth: usize| {
        WalkDir::new(dir)
            .follow_links(false)
            .max_depth(max_depth)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    };
    let mut top: Vec<_> = walk(&content, 1).collect();
    // All are `content/<name>` (or `content` itself): their paths' bytes order them
    // by name.
    top.sort_by(|a, b| match (a, b) {
        (Ok(a), Ok(b)) => a.path().as_os_str().cmp(b.path().as_os_str()),
        (a, b) => a.is_ok().cmp(&b.is_ok()),
    });
    let parts: Vec<(Vec<PathBuf>, Vec<Diagnostic>)> = top
        .into_par_iter()
        .map(|entry| {
            let mut part = (Vec::new(), Vec::new());
            match entry {
                Ok(e) if e.depth() == 1 && e.file_type().is_dir() => {
                    // The folder itself (depth 0 here) was seen at the top level.
                    let below = walk(e.path(), usize::MAX)
                        .filter(|entry| !matches!(entry, Ok(e) if e.depth() == 0));
                    for entry in below {
                        visit(root, entry, &mut part.0, &mut part.1);
                    }
                    part.0.sort_unstable();
                }
                entry => visit(root, entry, &mut part.0, &mut part.1),
            }
            part
        })
        .collect();
    paths.reserve(parts.iter().map(|(p, _)| p.len()).sum());
    for (p, d) in parts {
        paths.extend(p);
        diags.extend(d);
    }
    (paths, diags)
}

/// One entry of the content walk: an article file is listed, a symbolic link or an
/// unreadable entry reported, anything else passed over.
fn visit(
    root: &Path,
    entry: walkdir::Result<walkdir::DirEntry>,
    paths: &mut Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    match entry {
        Ok(e) if e.file_type().is_symlink() => diags.push(symlink_skipped(root, e.path())),
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

/// `content/`, `templates/` and `static/` may be symbolic links only to folders
/// inside the site root: what is outside is never read (nor copied into the output).
fn not_linked_outside(root: &Path, folder: &str) -> Result<(), Diagnostic> {
    let path = root.join(folder);
    if !path.is_symlink() || points_inside(root, &path) {
        return Ok(());
    }
    Err(Diagnostic::error(
        folder,
        0,
        0,
        format!(
            "{folder}/ is a symbolic link to {}, outside the site root; broadsheet does not follow it",
            link_target(&path)
        ),
    )
    .with_help(format!(
        "move the files into the site's {folder}/ folder, or run broadsheet in the folder that holds them"
    )))
}

/// The warning for a symbolic link found where broadsheet reads files.
fn symlink_skipped(root: &Path, link: &Path) -> Diagnostic {
    let where_to = if points_inside(root, link) {
        String::new()
    } else {
        " (it points outside the site root)".to_string()
    };
    Diagnostic::warning(
        rel_path(root, link),
        0,
        0,
        format!(
            "symbolic link to {} skipped{where_to}: broadsheet reads only real files",
            link_target(link)
        ),
    )
    .with_help("copy the file into the site instead of linking to it")
}

/// What a symbolic link points to, as written in the link.
fn link_target(link: &Path) -> String {
    std::fs::read_link(link)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "an unreadable target".into())
}

/// True when `link` resolves to a path inside `root` (both fully resolved).
fn points_inside(root: &Path, link: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(link)) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

fn size_error(rel: &str, size: Option<u64>, max_bytes: u64) -> Diagnostic {
    let size = size
        .map(|n| format!("{n} bytes"))
        .unwrap_or_else(|| "larger".into());
    Diagnostic::error(
        rel,
        0,
        0,
        format!("the file is {size}, above the limit of {max_bytes} bytes"),
    )
    .with_help("split the story, or raise `max_article_bytes` in site.toml")
}

/// The site's memory of published URLs ([`crate::urls::MEMORY_FILE`]): empty when
/// the site has none yet.
pub fn read_published_urls(root: &Path) -> Result<crate::urls::Memory, Vec<Diagnostic>> {
    read_site_list(root, crate::urls::MEMORY_FILE, crate::urls::read_memory)
}

/// Reads the site's redirect list (`redirects.txt`); an absent one is empty.
pub fn read_redirect_list(root: &Path) -> Result<Vec<crate::urls::list::Listed>, Vec<Diagnostic>> {
    read_site_list(root, crate::urls::list::FILE, crate::urls::list::read)
}

/// Reads a list kept in the site root with `parse`; an absent file is an empty list.
fn read_site_list<T: Default>(
    root: &Path,
    file: &str,
    parse: fn(&str) -> (T, Vec<Diagnostic>),
) -> Result<T, Vec<Diagnostic>> {
    match std::fs::read_to_string(root.join(file)) {
        Ok(text) => match parse(&text) {
            (list, diags) if diags.is_empty() => Ok(list),
            (_, diags) => Err(diags),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(vec![Diagnostic::error(
            file,
            0,
            0,
            format!("cannot read: {e}"),
        )]),
    }
}

/// Reads one article file, refusing files above `max_bytes` and text that is not UTF-8.
pub fn read_one(root: &Path, path: &Path, max_bytes: u64) -> Result<SourceFile, Diagnostic> {
    let rel = rel_path(root, path);
    let cannot = |e: std::io::Error| Diagnostic::error(&rel, 0, 0, format!("cannot read: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > max_bytes {
        return Err(size_error(&rel, Some(size), max_bytes));
    }
    // Read one byte past the limit: a file that grows while we read is still caught.
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, max_bytes + 1), &mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        return Err(size_error(&rel, None, max_bytes));
    }
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
    let mut warnings = Vec::new();
    let theme_dir = root.join("themes").join(theme);
    if theme_dir.is_dir() {
        let prefix = format!("themes/{theme}/templates");
        for (name, path) in list_files(root, &theme_dir.join("templates"), &mut warnings) {
            files.templates.push(TemplateSource {
                text: read_template(&path, &format!("{prefix}/{name}"))?,
                origin: format!("{prefix}/{name}"),
                name,
                from_theme: true,
            });
        }
        for (rel, path) in list_files(root, &theme_dir.join("static"), &mut warnings) {
            files.statics.push(StaticFile {
                rel,
                source: StaticSource::Disk(path),
            });
        }
        let tables = &theme_dir.join("i18n");
        read_tables(
            root,
            tables,
            &format!("themes/{theme}/i18n"),
            true,
            &mut files,
            &mut warnings,
        )?;
    } else if let Some(dir) = builtin_theme(theme) {
        embedded(theme, dir, &mut files);
    } else {
        return Err(Diagnostic::error(
            "site.toml",
            0,
            0,
            format!("the theme `{theme}` is not in themes/{theme}/"),
        )
        .with_help(
            "set theme = \"default\" or \"wire\" for a built-in theme, or add the theme folder (`broadsheet theme new NAME` starts one)",
        ));
    }
    not_linked_outside(root, "templates")?;
    not_linked_outside(root, "static")?;
    not_linked_outside(root, "i18n")?;
    read_tables(
        root,
        &root.join("i18n"),
        "i18n",
        false,
        &mut files,
        &mut warnings,
    )?;
    for (name, path) in list_files(root, &root.join("templates"), &mut warnings) {
        let origin = format!("templates/{name}");
        let text = read_template(&path, &origin)?;
        files.templates.push(TemplateSource {
            name,
            origin,
            text,
            from_theme: false,
        });
    }
    // The site's own static files replace the theme's of the same path: one pass over
    // each list (a site can hold tens of thousands, an archive's uploads).
    let site: Vec<StaticFile> = list_files(root, &root.join("static"), &mut warnings)
        .into_iter()
        .map(|(rel, path)| StaticFile {
            rel,
            source: StaticSource::Disk(path),
        })
        .collect();
    {
        let replaced: std::collections::HashSet<&str> =
            site.iter().map(|s| s.rel.as_str()).collect();
        files.statics.retain(|s| !replaced.contains(s.rel.as_str()));
    }
    files.statics.extend(site);
    files.statics.sort_by(|a, b| a.rel.cmp(&b.rel));
    files.warnings = warnings;
    files.fingerprint()?;
    Ok(files)
}

fn embedded(theme: &str, dir: &'static Dir<'static>, files: &mut ThemeFiles) {
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
        // Templates and translation tables: text files, named within their folder.
        let text = |name: &str| TemplateSource {
            name: name.to_string(),
            origin: format!("(built-in {theme} theme)/{path}"),
            text: f
                .contents_utf8()
                .expect("built-in templates and tables are UTF-8")
                .to_string(),
            from_theme: true,
        };
        if let Some(name) = path.strip_prefix("templates/") {
            files.templates.push(text(name));
        } else if let Some(rel) = path.strip_prefix("static/") {
            files.statics.push(StaticFile {
                rel: rel.to_string(),
                source: StaticSource::Embedded(f.contents()),
            });
        } else if let Some(name) = path.strip_prefix("i18n/")
            && name.ends_with(".toml")
        {
            files.translations.push(text(name));
        }
    }
    files.templates.sort_by(|a, b| a.name.cmp(&b.name));
    files.translations.sort_by(|a, b| a.name.cmp(&b.name));
}

/// The translation tables (`<lang>.toml`) directly in `dir`, shown as `prefix/<file>`.
fn read_tables(
    root: &Path,
    dir: &Path,
    prefix: &str,
    from_theme: bool,
    files: &mut ThemeFiles,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    for (name, path) in list_files(root, dir, warnings) {
        if name.ends_with(".toml") && !name.contains('/') {
            let origin = format!("{prefix}/{name}");
            files.translations.push(TemplateSource {
                text: read_template(&path, &origin)?,
                origin,
                name,
                from_theme,
            });
        }
    }
    Ok(())
}

fn read_template(path: &Path, origin: &str) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(origin, 0, 0, format!("cannot read template: {e}")))
}

/// Regular files under `dir` (recursively, sorted), as (`/`-separated relative path, path).
/// Symbolic links inside are not followed: each is a warning in `warnings`.
fn list_files(root: &Path, dir: &Path, warnings: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for e in WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
    {
        if e.depth() > 0 && e.file_type().is_symlink() {
            warnings.push(symlink_skipped(root, e.path()));
        } else if e.file_type().is_file() {
            files.push((rel_path(dir, e.path()), e.into_path()));
        }
    }
    files
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_listed_in_name_order_without_hidden_files_or_other_kinds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = [
            "z.md",
            "a.md",
            "2024/09/b.md",
            "2024/09/notes.txt",
            "2024/c.md",
            "2023/d.md",
            ".drafts/e.md",
            "2024/.f.md",
            "2024/09/.hidden/g.md",
            // Folders and files whose names share a start: a folder's files come where
            // its name sorts (`a`, `a b`, `a-b.md`, `a.md`, by their bytes).
            "2024/a/x.md",
            "2024/a-b.md",
            "2024/a b/y.md",
            "2024/a.md",
        ];
        for f in files {
            let path = dir.path().join("content").join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let (paths, diags) = list_content(dir.path());
        assert!(diags.is_empty(), "{diags:?}");
        let listed: Vec<String> = paths.iter().map(|p| rel_path(dir.path(), p)).collect();
        let want = [
            "content/2023/d.md",
            "content/2024/09/b.md",
            "content/2024/a/x.md",
            "content/2024/a b/y.md",
            "content/2024/a-b.md",
            "content/2024/a.md",
            "content/2024/c.md",
            "content/a.md",
            "content/z.md",
        ];
        assert_eq!(listed, want);
    }

    #[test]
    fn the_sites_static_files_replace_the_themes_of_the_same_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut ours = vec!["style.css".to_string()];
        ours.extend((0..300).map(|i| format!("uploads/2019/{i:03}.jpg")));
        for f in &ours {
            let path = dir.path().join("static").join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "site").unwrap();
        }
        let files = load_theme(dir.path(), "default").unwrap();
        let rels: Vec<&str> = files.statics.iter().map(|s| s.rel.as_str()).collect();
        let mut sorted = rels.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(rels, sorted, "sorted, each path once");
        for f in &ours {
            let s = files.statics.iter().find(|s| &s.rel == f).expect(f);
            assert!(
                matches!(s.source, StaticSource::Disk(_)),
                "{f} is the site's"
            );
        }
        // The theme's other files stay, and its stylesheet's fingerprinted copy is
        // made from the site's.
        let icon = files
            .statics
            .iter()
            .find(|s| s.rel == "favicon.svg")
            .unwrap();
        assert!(matches!(icon.source, StaticSource::Embedded(_)));
        let css = files.fingerprints.get("style.css").expect("fingerprinted");
        let copy = files.statics.iter().find(|s| &s.rel == css).unwrap();
        assert!(matches!(copy.source, StaticSource::Disk(_)));
    }
}
