//! What the articles ask of the images stage: every photo each article uses (its
//! story photo, gallery and body images), found on disk with its stamp, grouped into
//! one job per source file and focus point; the images published as they are; and
//! the diagnostics naming the article, its line and the file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::memo;
use crate::diagnostics::Diagnostic;
use crate::index::Site;

/// Where an article uses a photo.
#[derive(Debug, Clone)]
pub(super) enum Use {
    Lead,
    Gallery(usize),
    Body(String),
}

/// A source to process: its file and where articles (by id) use it.
pub(super) struct Source {
    pub(super) file: PathBuf,
    /// The file under the site root, `/`-separated.
    pub(super) rel: String,
    pub(super) users: Vec<(usize, Use, usize)>,
    pub(super) focus: (f32, f32),
    /// The file's stamp when it was found.
    pub(super) stamp: memo::Stamp,
}

/// Where an article's `image` is, under the site root (`/`-separated): a site path
/// (`/images/x.jpg`) under `static/`, anything else beside the article's file (a
/// page bundle). `None` for a full URL (not ours to process) or a path leaving the
/// site. Formed as one string (a rebuild forms one per photo, thousands).
pub(super) fn source_rel(article_source: &str, image: &str) -> Option<String> {
    if image.contains("://") || image.starts_with("//") {
        return None;
    }
    let (base, rel) = match image.strip_prefix('/') {
        Some(rest) => ("static", rest),
        None => (
            article_source.rsplit_once('/').map_or("", |(dir, _)| dir),
            image,
        ),
    };
    // A query or fragment is not part of the file's name.
    let rel = rel.split(['?', '#']).next().unwrap_or(rel);
    let rel = percent_encoding::percent_decode_str(rel).decode_utf8_lossy();
    let mut out = String::with_capacity(base.len() + rel.len() + 1);
    out.push_str(base);
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return None;
                }
                out.truncate(out.rfind('/').unwrap_or(0));
            }
            name => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(name);
            }
        }
    }
    Some(out)
}

/// Where an image written relative to an article (`chart.svg`, `./img/a.gif`) is
/// published: at the same path under the article's page (`page_path`, as
/// [`crate::model::Article::path`]), so the path as written works from the page.
/// `None` for a site path, a full URL, or a path leaving the article's folder.
pub fn beside_page(page_path: &str, image: &str) -> Option<String> {
    if image.starts_with('/') || image.contains("://") {
        return None;
    }
    let rel = image.split(['?', '#']).next().unwrap_or(image);
    let rel = percent_encoding::percent_decode_str(rel).decode_utf8_lossy();
    let mut parts = Vec::new();
    for c in Path::new(rel.as_ref()).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| format!("{page_path}{}", parts.join("/")))
}

/// Every photo an article uses, with the line it is written on (0: find `image:`).
fn uses(a: &crate::model::Article) -> Vec<(Use, &str, usize)> {
    let lead = a.image.as_deref().map(|i| (Use::Lead, i, 0));
    let gallery = a
        .gallery
        .iter()
        .enumerate()
        .map(|(i, g)| (Use::Gallery(i), g.src.as_str(), g.line));
    let body = a
        .body_images
        .iter()
        .map(|b| (Use::Body(b.src.clone()), b.src.as_str(), b.line));
    lead.into_iter().chain(gallery).chain(body).collect()
}

/// What the articles ask for: the photos to process, the images to publish as they
/// are, and the missing ones.
pub(super) struct Wanted {
    /// One job per source file and focus: two stories using one photo share its work.
    /// Keyed by the path's bytes (ordered as bytes, quicker than by components).
    pub(super) sources: BTreeMap<(std::ffi::OsString, (u32, u32)), Source>,
    /// Output path → (file, article, line) of the images published as they are.
    pub(super) copies: BTreeMap<String, (PathBuf, usize, usize)>,
    pub(super) errors: Vec<Diagnostic>,
}

/// One use of an image by an article, looked up on disk.
struct Found<'a> {
    what: Use,
    image: &'a str,
    line: usize,
    rel: String,
    file: PathBuf,
    /// `None`: no such file.
    stamp: Option<memo::Stamp>,
}

pub(super) fn wanted(root: &Path, site: &Site) -> Wanted {
    let mut w = Wanted {
        sources: BTreeMap::new(),
        copies: BTreeMap::new(),
        errors: Vec::new(),
    };
    // The files are looked up in parallel (a site's photos are thousands of `stat`s),
    // then gathered in article order.
    let found: Vec<Vec<Found>> = site
        .articles
        .par_iter()
        .map(|a| {
            uses(a)
                .into_iter()
                .filter_map(|(what, image, line)| {
                    let rel = source_rel(&a.source, image)?;
                    let file = root.join(&rel);
                    // The stamp before the bytes: a write in between leaves a stamp
                    // that no longer matches, so the next build reads the file again.
                    let stamp = match fs::metadata(&file) {
                        Ok(m) if m.is_file() => Some(memo::Stamp::of(&m)),
                        _ => None,
                    };
                    Some(Found {
                        what,
                        image,
                        line,
                        rel,
                        file,
                        stamp,
                    })
                })
                .collect()
        })
        .collect();
    for (id, (a, found)) in site.articles.iter().zip(found).enumerate() {
        for f in found {
            let Some(stamp) = f.stamp else {
                w.errors
                    .push(missing(root, &a.source, f.line, f.image, &f.file));
                continue;
            };
            if !processed(&f.file) {
                // A GIF, SVG or WebP beside the article goes beside its page as it is.
                if let Some(rel) = beside_page(&a.path, f.image) {
                    w.copies.entry(rel).or_insert((f.file, id, f.line));
                }
                continue;
            }
            let focus = match f.what {
                Use::Lead => a.image_focus.unwrap_or((0.5, 0.5)),
                _ => (0.5, 0.5),
            };
            w.sources
                .entry((
                    f.file.as_os_str().to_owned(),
                    (focus.0.to_bits(), focus.1.to_bits()),
                ))
                .or_insert_with(|| Source {
                    file: f.file,
                    rel: f.rel,
                    users: Vec::new(),
                    focus,
                    stamp,
                })
                .users
                .push((id, f.what, f.line));
        }
    }
    w
}

/// A problem with `file`, used by article `id` at `line`.
pub(super) fn error_at(
    root: &Path,
    site: &Site,
    id: usize,
    line: usize,
    file: &Path,
    e: &str,
) -> Diagnostic {
    let a = &site.articles[id];
    let (line, col) = at_line(root, &a.source, line);
    let shown = crate::discover::rel_path(root, file);
    Diagnostic::error(&a.source, line, col, format!("image `{shown}`: {e}"))
}

/// `line` (column 1), or for the story photo (line 0) where `image:` is written.
fn at_line(root: &Path, article: &str, line: usize) -> (usize, usize) {
    if line > 0 {
        (line, 1)
    } else {
        line_of(root, article, "image:")
    }
}

fn missing(root: &Path, article: &str, line: usize, image: &str, file: &Path) -> Diagnostic {
    let (line, col) = at_line(root, article, line);
    Diagnostic::error(
        article,
        line,
        col,
        format!(
            "image `{image}` not found (looked for {})",
            crate::discover::rel_path(root, file)
        ),
    )
    .with_help("a path without a leading / is beside the article's file; /images/x.jpg is static/images/x.jpg")
}

/// Line and column of the first `needle` in the article's file, for a diagnostic.
fn line_of(root: &Path, article: &str, needle: &str) -> (usize, usize) {
    fs::read_to_string(root.join(article))
        .ok()
        .and_then(|t| t.find(needle).map(|i| crate::diagnostics::line_col(&t, i)))
        .unwrap_or((0, 0))
}

/// Whether a file is one this stage must process: a JPEG or PNG by its name. Other
/// images (GIF, SVG, WebP) are published as they are, as static files always were.
fn processed(file: &Path) -> bool {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["jpg", "jpeg", "png"]
        .iter()
        .any(|x| ext.eq_ignore_ascii_case(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path as `std::path` forms it, component by component: what
    /// [`source_rel`] forms as one string.
    fn by_components(article_source: &str, image: &str) -> Option<PathBuf> {
        if image.contains("://") || image.starts_with("//") {
            return None;
        }
        let (base, rel) = match image.strip_prefix('/') {
            Some(rest) => (PathBuf::from("static"), rest),
            None => (
                Path::new(article_source)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default(),
                image,
            ),
        };
        let rel = rel.split(['?', '#']).next().unwrap_or(rel);
        let rel = percent_encoding::percent_decode_str(rel).decode_utf8_lossy();
        let mut out = base;
        for c in Path::new(rel.as_ref()).components() {
            match c {
                Component::Normal(p) => out.push(p),
                Component::CurDir => {}
                Component::ParentDir => {
                    if !out.pop() {
                        return None;
                    }
                }
                Component::RootDir | Component::Prefix(_) => return None,
            }
        }
        Some(out)
    }

    proptest::proptest! {
        #[test]
        fn a_source_path_is_the_one_std_path_forms(
            article in proptest::collection::vec(
                proptest::sample::select(vec!["content", "2024", "a b", "x.md", "ü"]),
                1..5,
            ),
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "", ".", "..", "pics", "x.jpg", "a%2Fb.png", "a%20b.jpg", "%2e%2e",
                    "y.jpg?v=1", "z.jpg#f", "ü.jpg", "c:d",
                ]),
                0..6,
            ),
            lead in proptest::sample::select(vec!["", "/", "./", "//"]),
        ) {
            let article = article.join("/");
            let image = format!("{lead}{}", parts.join("/"));
            let root = Path::new("/site");
            proptest::prop_assert_eq!(
                source_file(root, &article, &image),
                by_components(&article, &image).map(|p| root.join(p)),
                "{} {}", article, image
            );
        }
    }

    /// [`source_rel`] under `root`.
    fn source_file(root: &Path, article_source: &str, image: &str) -> Option<PathBuf> {
        source_rel(article_source, image).map(|rel| root.join(rel))
    }

    #[test]
    fn sources_beside_the_article_or_under_static() {
        let root = Path::new("/site");
        let cases = [
            (
                "content/2024/08/flood/index.md",
                "flood.jpg",
                Some("/site/content/2024/08/flood/flood.jpg"),
            ),
            (
                "content/a.md",
                "/images/x.jpg",
                Some("/site/static/images/x.jpg"),
            ),
            (
                "content/a.md",
                "./pics/../x.png",
                Some("/site/content/x.png"),
            ),
            ("content/a.md", "https://cdn.example/x.jpg", None),
            ("content/a.md", "../../../etc/passwd", None),
            (
                "content/a/b.md",
                "./x%20y.jpg?v=2#top",
                Some("/site/content/a/x y.jpg"),
            ),
            (
                "content/a/b.md",
                "pics//x.jpg",
                Some("/site/content/a/pics/x.jpg"),
            ),
            ("content/a/b.md", "//cdn.example/x.jpg", None),
            ("content/a.md", "/../x.jpg", Some("/site/x.jpg")),
            ("content/a.md", "/../../x.jpg", None),
        ];
        for (article, image, want) in cases {
            assert_eq!(
                source_file(root, article, image),
                want.map(PathBuf::from),
                "{image}"
            );
        }
    }
}
