//! The images stage: every story photo made responsive and ready for search and
//! social cards.
//! Input: the indexed [`Site`] (each article's `image`, alt, caption, credit and focus),
//! the site root and the `[images]` settings. Output: [`Pictures`] (per article, the
//! derivatives' URLs and sizes, crops, placeholder colour, credit) and the derivative
//! files, put into the output being staged. Must not render pages.
//!
//! Besides `discover` and `write`, this stage reads the disk (the image sources, and
//! its cache under `.broadsheet/images/` in the site root) and writes its cache:
//! decoding and encoding photos is the one job of a build worth remembering across
//! builds. A source's derivatives are keyed by a hash of its bytes and the settings,
//! so an unchanged photo is never decoded again; the output names carry that key.

pub mod derive;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::ImagesConfig;
use crate::diagnostics::Diagnostic;
use crate::index::Site;
use crate::render::Sink;
use derive::{Derived, Encoded, Format, Settings};

/// Where derivatives are kept between builds, under the site root.
pub const CACHE_DIR: &str = ".broadsheet/images";
/// Where derivatives go in the output: `_img/<key>-<name>.<ext>` (a folder sites
/// rarely use for their own static files).
pub const OUTPUT_DIR: &str = "_img";

/// One derivative as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Variant {
    /// Site path (`_img/3f…-800.webp`), without the base path.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// A processed story photo.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Picture {
    /// The source's size.
    pub width: u32,
    pub height: u32,
    /// `image/jpeg` or `image/png`: the type of `fallback`.
    pub mime: &'static str,
    /// `#rrggbb`, shown while the photo loads.
    pub colour: String,
    /// Every width in WebP, then in the source's format, narrowest first.
    pub webp: Vec<Variant>,
    pub fallback: Vec<Variant>,
    /// `16x9`, `4x3`, `1x1` crops in the source format (for JSON-LD), in that order.
    pub crops: Vec<Variant>,
    /// The social-card image: the fallback closest to `crop_width` wide.
    pub card: Variant,
}

/// One article's processed photos. A photo not processed (a full URL, a GIF or SVG)
/// has none: templates show it as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Photos {
    /// The story photo (`image:`).
    pub lead: Option<Picture>,
    /// The `images:` gallery, in its order.
    pub gallery: Vec<Option<Picture>>,
    /// The body's images, by their path as written in the Markdown.
    pub body: BTreeMap<String, Picture>,
}

impl Photos {
    /// Every processed photo of the article.
    pub fn all(&self) -> impl Iterator<Item = &Picture> {
        self.lead
            .iter()
            .chain(self.gallery.iter().flatten())
            .chain(self.body.values())
    }
}

/// Per article ([`crate::model::ArticleId`] order): its processed photos.
pub type Pictures = Vec<Photos>;

/// Where an article uses a photo.
#[derive(Debug, Clone)]
enum Use {
    Lead,
    Gallery(usize),
    Body(String),
}

/// A source to process: its file and where articles (by id) use it.
struct Source {
    file: PathBuf,
    users: Vec<(usize, Use, usize)>,
    focus: (f32, f32),
}

/// Where an article's `image` is on disk: a site path (`/images/x.jpg`) under
/// `static/`, anything else beside the article's file (a page bundle). `None` for a
/// full URL (not ours to process) or a path leaving the site.
pub fn source_file(root: &Path, article_source: &str, image: &str) -> Option<PathBuf> {
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
    // A query or fragment is not part of the file's name.
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
    Some(root.join(out))
}

fn settings(cfg: &ImagesConfig, focus: (f32, f32)) -> Settings {
    Settings {
        widths: cfg.widths.clone(),
        crop_width: cfg.crop_width,
        quality: cfg.quality,
        max_pixels: cfg.max_pixels,
        focus,
    }
}

/// The cache key of a source: its bytes and everything that shapes its derivatives.
fn key(bytes: &[u8], s: &Settings) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(bytes);
    h.update(
        format!(
            "{:?}|{}|{}|{}|{:?}|v1",
            s.widths, s.crop_width, s.quality, s.max_pixels, s.focus
        )
        .as_bytes(),
    );
    format!("{:016x}", h.digest())
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

/// Processes every article's photos and puts the derivatives into `sink`. All problems
/// of all photos are reported together, each naming the article, its line and the file.
pub fn process(root: &Path, site: &Site, sink: &dyn Sink) -> Result<Pictures, Vec<Diagnostic>> {
    let cfg = &site.config.images;
    let mut pictures: Pictures = vec![Photos::default(); site.articles.len()];
    let mut errors = Vec::new();
    // One job per source file and focus: two stories using one photo share its work.
    let mut sources: BTreeMap<(PathBuf, String), Source> = BTreeMap::new();
    for (id, a) in site.articles.iter().enumerate() {
        pictures[id].gallery = vec![None; a.gallery.len()];
        for (what, image, line) in uses(a) {
            let Some(file) = source_file(root, &a.source, image) else {
                continue;
            };
            if !file.is_file() {
                errors.push(missing(root, &a.source, line, image, &file));
                continue;
            }
            let focus = match what {
                Use::Lead => a.image_focus.unwrap_or((0.5, 0.5)),
                _ => (0.5, 0.5),
            };
            sources
                .entry((file.clone(), format!("{focus:?}")))
                .or_insert_with(|| Source {
                    file,
                    users: Vec::new(),
                    focus,
                })
                .users
                .push((id, what, line));
        }
    }
    let cache = root.join(CACHE_DIR);
    let sources: Vec<&Source> = sources.values().collect();
    // First each source's key (its bytes read and hashed, not kept: a thousand
    // photos' bytes would not fit the memory a build may take), then each distinct
    // key made once: two files with the same bytes share one set of derivatives.
    let keys: Vec<Result<Option<String>, String>> =
        sources.par_iter().map(|src| source_key(src, cfg)).collect();
    let mut jobs: BTreeMap<&str, &Source> = BTreeMap::new();
    for (src, k) in sources.iter().zip(&keys) {
        if let Ok(Some(k)) = k {
            jobs.entry(k.as_str()).or_insert(src);
        }
    }
    let made: BTreeMap<&str, Result<Picture, String>> = jobs
        .into_par_iter()
        .map(|(k, src)| (k, one(&cache, src, k, cfg, sink)))
        .collect();
    let done = sources.iter().zip(&keys).map(|(src, k)| {
        let result = match k {
            Ok(Some(k)) => made[k.as_str()].clone().map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e.clone()),
        };
        (src, result)
    });
    for (src, result) in done {
        match result {
            Ok(p) => {
                for (id, what, _) in &src.users {
                    let photos = &mut pictures[*id];
                    match (what, p.clone()) {
                        (_, None) => {}
                        (Use::Lead, p) => photos.lead = p,
                        (Use::Gallery(i), p) => photos.gallery[*i] = p,
                        (Use::Body(s), Some(p)) => {
                            photos.body.insert(s.clone(), p);
                        }
                    }
                }
            }
            Err(e) => {
                for (id, _, line) in &src.users {
                    let a = &site.articles[*id];
                    let (line, col) = at_line(root, &a.source, *line);
                    errors.push(Diagnostic::error(
                        &a.source,
                        line,
                        col,
                        format!(
                            "image `{}`: {e}",
                            crate::discover::rel_path(root, &src.file)
                        ),
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(pictures)
    } else {
        Err(errors)
    }
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

/// The key of a source's derivatives; `None` for a file not processed.
fn source_key(src: &Source, cfg: &ImagesConfig) -> Result<Option<String>, String> {
    if !processed(&src.file) {
        return Ok(None);
    }
    let bytes = fs::read(&src.file).map_err(|e| format!("cannot read: {e}"))?;
    Ok(Some(key(&bytes, &settings(cfg, src.focus))))
}

/// One source under its `key`: from the cache when the key is there, else decoded
/// and encoded (and cached); every derivative put into the output.
fn one(
    cache: &Path,
    src: &Source,
    key: &str,
    cfg: &ImagesConfig,
    sink: &dyn Sink,
) -> Result<Picture, String> {
    let dir = cache.join(key);
    let derived = match read_cached(&dir) {
        Some(d) => d,
        None => {
            let bytes = fs::read(&src.file).map_err(|e| format!("cannot read: {e}"))?;
            let d = derive::derive(&bytes, &settings(cfg, src.focus)).map_err(|e| e.to_string())?;
            // A cache that cannot be written only costs the next build time.
            let _ = write_cached(&dir, &d);
            d
        }
    };
    for f in &derived.files {
        sink.put(&output_path(key, f), &f.bytes)?;
    }
    Ok(picture(key, &derived, cfg))
}

fn output_path(key: &str, f: &Encoded) -> String {
    format!("{OUTPUT_DIR}/{key}-{}.{}", f.name, f.ext)
}

fn picture(key: &str, d: &Derived, cfg: &ImagesConfig) -> Picture {
    let variant = |f: &Encoded| Variant {
        path: output_path(key, f),
        width: f.width,
        height: f.height,
    };
    let sized = |ext: &str| -> Vec<Variant> {
        let mut v: Vec<Variant> = d
            .files
            .iter()
            .filter(|f| f.ext == ext && !f.name.starts_with("crop-"))
            .map(variant)
            .collect();
        v.sort_by_key(|v| v.width);
        v
    };
    let fallback = sized(d.format.ext());
    let crops = derive::CROPS
        .iter()
        .filter_map(|(name, _, _)| {
            d.files
                .iter()
                .find(|f| f.ext == d.format.ext() && f.name == format!("crop-{name}"))
                .map(variant)
        })
        .collect();
    let card = fallback
        .iter()
        .min_by_key(|v| v.width.abs_diff(cfg.crop_width))
        .cloned()
        .expect("every source has at least one width");
    Picture {
        width: d.width,
        height: d.height,
        mime: d.format.mime(),
        colour: d.colour.clone(),
        webp: sized("webp"),
        fallback,
        crops,
        card,
    }
}

/// The cache entry: `info` (`width height format colour`, then one line per file:
/// `name ext width height`) beside the files, `info` written last.
fn write_cached(dir: &Path, d: &Derived) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut info = format!("{} {} {} {}\n", d.width, d.height, d.format.ext(), d.colour);
    for f in &d.files {
        fs::write(dir.join(format!("{}.{}", f.name, f.ext)), &f.bytes)?;
        info.push_str(&format!("{} {} {} {}\n", f.name, f.ext, f.width, f.height));
    }
    let tmp = dir.join("info.tmp");
    fs::write(&tmp, info)?;
    fs::rename(tmp, dir.join("info"))
}

fn read_cached(dir: &Path) -> Option<Derived> {
    let info = fs::read_to_string(dir.join("info")).ok()?;
    let mut lines = info.lines();
    let mut head = lines.next()?.split(' ');
    let width = head.next()?.parse().ok()?;
    let height = head.next()?.parse().ok()?;
    let format = match head.next()? {
        "jpg" => Format::Jpeg,
        "png" => Format::Png,
        _ => return None,
    };
    let colour = head.next()?.to_string();
    let mut files = Vec::new();
    for line in lines {
        let mut f = line.split(' ');
        let name = f.next()?.to_string();
        let ext = match f.next()? {
            "webp" => "webp",
            "jpg" => "jpg",
            "png" => "png",
            _ => return None,
        };
        let (w, h) = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
        let bytes = fs::read(dir.join(format!("{name}.{ext}"))).ok()?;
        files.push(Encoded {
            name,
            ext,
            width: w,
            height: h,
            bytes,
        });
    }
    Some(Derived {
        width,
        height,
        format,
        colour,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
