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
mod memo;
pub mod meta;
mod picture;
mod store;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::ImagesConfig;
use crate::diagnostics::Diagnostic;
use crate::index::Site;
use crate::render::Sink;
use derive::Settings;
pub use memo::Stamp;
pub use picture::{Photos, Picture, Pictures, Variant};
use picture::{bundle_prefix, picture};
use store::{file_name, read_listing, write_cached, write_memo};
pub use store::{published_unchanged, remember_published};

/// Where derivatives are kept between builds, under the site root.
pub const CACHE_DIR: &str = ".broadsheet/images";
/// Where derivatives go in the output: `_img/<key>-<name>.<ext>` (a folder sites
/// rarely use for their own static files).
pub const OUTPUT_DIR: &str = "_img";

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
    /// The file's stamp when it was found.
    stamp: memo::Stamp,
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
    h.update(settings_text(s).as_bytes());
    format!("{:016x}", h.digest())
}

/// Everything in the settings that shapes the derivatives, with the version of the
/// derivation (bumped when the same settings would make other pixels).
fn settings_text(s: &Settings) -> String {
    format!(
        "{:?}|{}|{}|{}|{:?}|v4",
        s.widths, s.crop_width, s.quality, s.max_pixels, s.focus
    )
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
pub fn process(
    root: &Path,
    site: &Site,
    sink: &dyn Sink,
) -> Result<(Pictures, Counts), Vec<Diagnostic>> {
    let cfg = &site.config.images;
    let mut pictures: Pictures = site
        .articles
        .iter()
        .map(|a| Photos {
            gallery: vec![None; a.gallery.len()],
            ..Photos::default()
        })
        .collect();
    let Wanted {
        sources,
        copies,
        mut errors,
    } = wanted(root, site);
    let sources: Vec<&Source> = sources.values().collect();
    let (keys, mut made, counts) = make(root, &sources, cfg, sink);
    // Each source's picture handed to its users in order: the last user of a key
    // takes it, the others a copy.
    let mut last_use: rustc_hash::FxHashMap<&str, usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for (i, k) in keys.iter().enumerate() {
        if let Ok(k) = k {
            last_use.insert(k.key.as_str(), i);
        }
    }
    for (i, (src, k)) in sources.iter().zip(&keys).enumerate() {
        let got = match k {
            Ok(k) if last_use.get(k.key.as_str()) == Some(&i) => made
                .remove(&k.key)
                .expect("every key was made")
                .map(|(p, _)| p),
            Ok(k) => made[&k.key]
                .as_ref()
                .map(|(p, _)| p.clone())
                .map_err(Clone::clone),
            Err(e) => Err(e.clone()),
        };
        match got {
            Ok(p) => {
                if let Some((last, others)) = src.users.split_last() {
                    for user in others {
                        give(&mut pictures, user, p.clone());
                    }
                    give(&mut pictures, last, p);
                }
            }
            Err(e) => {
                for (id, _, line) in &src.users {
                    errors.push(error_at(root, site, *id, *line, &src.file, &e));
                }
            }
        }
    }
    for (rel, (file, id, line)) in copies {
        let put = fs::read(&file)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| sink.put(&rel, &bytes));
        match put {
            Ok(()) => pictures[id].copied.push(rel),
            Err(e) => errors.push(error_at(root, site, id, line, &file, &e)),
        }
    }
    if errors.is_empty() {
        Ok((pictures, counts))
    } else {
        Err(errors)
    }
}

/// Gives `user` (article, use, line) its picture.
fn give(pictures: &mut Pictures, (id, what, _): &(usize, Use, usize), p: Picture) {
    let photos = &mut pictures[*id];
    match what {
        Use::Lead => photos.lead = Some(p),
        Use::Gallery(i) => photos.gallery[*i] = Some(p),
        Use::Body(s) => {
            photos.body.insert(s.clone(), p);
        }
    }
}

/// What the articles ask for: the photos to process, the images to publish as they
/// are, and the missing ones.
struct Wanted {
    /// One job per source file and focus: two stories using one photo share its work.
    /// Keyed by the path's bytes (ordered as bytes, quicker than by components).
    sources: BTreeMap<(std::ffi::OsString, (u32, u32)), Source>,
    /// Output path → (file, article, line) of the images published as they are.
    copies: BTreeMap<String, (PathBuf, usize, usize)>,
    errors: Vec<Diagnostic>,
}

/// One use of an image by an article, looked up on disk.
struct Found<'a> {
    what: Use,
    image: &'a str,
    line: usize,
    file: PathBuf,
    /// `None`: no such file.
    stamp: Option<memo::Stamp>,
}

fn wanted(root: &Path, site: &Site) -> Wanted {
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
                    let file = source_file(root, &a.source, image)?;
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
                        file,
                        stamp,
                    })
                })
                .collect()
        })
        .collect();
    for (id, (a, found)) in site.articles.iter().zip(found).enumerate() {
        for Found {
            what,
            image,
            line,
            file,
            stamp,
        } in found
        {
            let Some(stamp) = stamp else {
                w.errors.push(missing(root, &a.source, line, image, &file));
                continue;
            };
            if !processed(&file) {
                // A GIF, SVG or WebP beside the article goes beside its page as it is.
                if let Some(rel) = beside_page(&a.path, image) {
                    w.copies.entry(rel).or_insert((file, id, line));
                }
                continue;
            }
            let focus = match what {
                Use::Lead => a.image_focus.unwrap_or((0.5, 0.5)),
                _ => (0.5, 0.5),
            };
            w.sources
                .entry((
                    file.as_os_str().to_owned(),
                    (focus.0.to_bits(), focus.1.to_bits()),
                ))
                .or_insert_with(|| Source {
                    file,
                    users: Vec::new(),
                    focus,
                    stamp,
                })
                .users
                .push((id, what, line));
        }
    }
    w
}

/// Each source's key, then each distinct key's derivatives (put into `sink`), and
/// the memo updated for the next build.
fn make(
    root: &Path,
    sources: &[&Source],
    cfg: &ImagesConfig,
    sink: &dyn Sink,
) -> (Vec<Result<Known, String>>, Made, Counts) {
    let cache = root.join(CACHE_DIR);
    let memo = memo::decode(&fs::read(cache.join(memo::FILE)).unwrap_or_default());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    // The settings' hash for each focus point (most photos share the centre).
    let mut hashes: BTreeMap<(u32, u32), u64> = BTreeMap::new();
    for src in sources {
        let bits = (src.focus.0.to_bits(), src.focus.1.to_bits());
        hashes.entry(bits).or_insert_with(|| {
            xxhash_rust::xxh3::xxh3_64(settings_text(&settings(cfg, src.focus)).as_bytes())
        });
    }
    // First each source's key: from the memo when its file's stamp is unchanged,
    // else its bytes read and hashed (not kept: a thousand photos' bytes would not
    // fit the memory a build may take). Then each distinct key made once: two files
    // with the same bytes share one set of derivatives.
    let mut keys: Vec<Result<Known, String>> = sources
        .par_iter()
        .map(|src| {
            let bits = (src.focus.0.to_bits(), src.focus.1.to_bits());
            source_key(root, src, cfg, hashes[&bits], &memo)
        })
        .collect();
    // Every source found in the memo, and nothing else in it: the memo stays as is.
    let read = keys
        .iter()
        .filter(|k| k.as_ref().map_or(true, |k| k.known.is_none()))
        .count();
    let all_remembered = memo.len() == keys.len() && read == 0;
    // The memo's pictures go to the jobs (moved, not copied).
    let known: Vec<Option<Picture>> = keys
        .iter_mut()
        .map(|k| k.as_mut().ok().and_then(|k| k.known.take()))
        .collect();
    let mut jobs: BTreeMap<&str, (&Source, Option<Picture>)> = BTreeMap::new();
    for ((src, k), known) in sources.iter().zip(&keys).zip(known) {
        if let Ok(k) = k {
            let job = jobs.entry(k.key.as_str()).or_insert((src, None));
            // A picture from the memo spares reading the cache entry's listing.
            if known.is_some() {
                job.1 = known;
            }
        }
    }
    let done: Vec<(String, MadeOne)> = jobs
        .into_par_iter()
        .map(|(k, (src, known))| (k.to_string(), one(&cache, src, k, known, cfg, sink)))
        .collect();
    let mut made = Made::with_capacity_and_hasher(done.len(), Default::default());
    made.extend(done);
    if !all_remembered {
        update_memo(&cache, &memo, &keys, &made, now);
    }
    let counts = Counts {
        sources: sources.len(),
        read,
        derived: made.values().filter(|r| matches!(r, Ok((_, true)))).count(),
    };
    (keys, made, counts)
}

/// Writes the memo of this build's sources, unless it is `old` already: every source
/// made or taken from the cache, but none modified too recently to be trusted.
fn update_memo(
    cache: &Path,
    old: &memo::Memo,
    keys: &[Result<Known, String>],
    made: &Made,
    now: i64,
) {
    let mut new_memo = memo::Memo::new();
    for k in keys.iter().flatten() {
        if k.stamp.racy(now) {
            continue;
        }
        if let Ok((picture, _)) = &made[&k.key] {
            let entry = memo::Entry {
                stamp: k.stamp,
                picture: picture.clone(),
            };
            new_memo.insert(k.id.clone(), entry);
        }
    }
    if new_memo != *old {
        // A memo that cannot be written only costs the next build time.
        let _ = write_memo(cache, &new_memo);
    }
}

/// Per key: the picture of its derivatives and whether they were made afresh, or
/// what went wrong.
type Made = rustc_hash::FxHashMap<String, MadeOne>;
type MadeOne = Result<(Picture, bool), String>;

/// A problem with `file`, used by article `id` at `line`.
fn error_at(root: &Path, site: &Site, id: usize, line: usize, file: &Path, e: &str) -> Diagnostic {
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

/// A source's key, and what the memo knew of it.
struct Known {
    id: memo::Id,
    key: String,
    /// The file's stamp, taken before its bytes were read.
    stamp: memo::Stamp,
    /// Its picture, when the memo had it.
    known: Option<Picture>,
}

/// What the images stage did, for `build --timings`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Distinct source files (and focus points) processed.
    pub sources: usize,
    /// Sources read and hashed: the others' stamps matched the memo.
    pub read: usize,
    /// Distinct photos decoded and encoded: the others came from the cache.
    pub derived: usize,
}

/// The key of a source's derivatives. A source whose stamp matches the memo's is
/// not read.
fn source_key(
    root: &Path,
    src: &Source,
    cfg: &ImagesConfig,
    settings_hash: u64,
    memo: &memo::Memo,
) -> Result<Known, String> {
    let id = memo::Id {
        file: crate::discover::rel_path(root, &src.file),
        settings: settings_hash,
    };
    let stamp = src.stamp;
    if let Some(e) = memo.get(&id)
        && stamp == e.stamp
    {
        return Ok(Known {
            id,
            key: e.picture.key().to_string(),
            stamp,
            known: Some(e.picture.clone()),
        });
    }
    let bytes = fs::read(&src.file).map_err(|e| format!("cannot read: {e}"))?;
    Ok(Known {
        id,
        key: key(&bytes, &settings(cfg, src.focus)),
        stamp,
        known: None,
    })
}

/// One source under its `key`: its derivatives, published together as a bundle, are
/// kept without being read when the sink has them all already (the output of the
/// last build); else they come from the cache entry when it has them, else the
/// source is decoded and encoded again (and cached). Returns the picture, with
/// whether the photo was derived.
fn one(
    cache: &Path,
    src: &Source,
    key: &str,
    known: Option<Picture>,
    cfg: &ImagesConfig,
    sink: &dyn Sink,
) -> Result<(Picture, bool), String> {
    let prefix = bundle_prefix(key);
    let known =
        known.or_else(|| read_listing(&cache.join(key)).and_then(|d| picture(key, &d, cfg)));
    if let Some(p) = known {
        let names: Vec<String> = p.files().map(Variant::file_name).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        if sink.keep_bundle(&prefix, &names) {
            return Ok((p, false));
        }
        let dir = cache.join(key);
        let bytes: Option<Vec<Vec<u8>>> = names
            .iter()
            .map(|name| fs::read(dir.join(name)).ok())
            .collect();
        if let Some(bytes) = bytes {
            let files: Vec<(&str, &[u8])> = names
                .iter()
                .zip(&bytes)
                .map(|(n, b)| (*n, b.as_slice()))
                .collect();
            sink.put_bundle(&prefix, &files)?;
            return Ok((p, false));
        }
        // The cache entry lost a file: made again below.
    }
    let bytes = fs::read(&src.file).map_err(|e| format!("cannot read: {e}"))?;
    let d = derive::derive(&bytes, &settings(cfg, src.focus)).map_err(|e| e.to_string())?;
    // A cache that cannot be written only costs the next build time.
    let _ = write_cached(&cache.join(key), &d);
    let p = picture(key, &d, cfg).ok_or("no derivative could be made of it")?;
    let by_name: BTreeMap<String, &[u8]> = d
        .files
        .iter()
        .map(|f| (file_name(f), f.bytes.as_slice()))
        .collect();
    let names: Vec<String> = p.files().map(Variant::file_name).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .filter_map(|n| Some((n.as_str(), *by_name.get(n)?)))
        .collect();
    sink.put_bundle(&prefix, &files)?;
    Ok((p, true))
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
