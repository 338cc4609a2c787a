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
mod wanted;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

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
pub use wanted::beside_page;
use wanted::{Source, Use, Wanted, error_at, wanted};

/// Where derivatives are kept between builds, under the site root.
pub const CACHE_DIR: &str = ".broadsheet/images";
/// Where derivatives go in the output: `_img/<key>-<name>.<ext>` (a folder sites
/// rarely use for their own static files).
pub const OUTPUT_DIR: &str = "_img";

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
    let keys: Vec<Result<Known, String>> = sources
        .par_iter()
        .map(|src| {
            let bits = (src.focus.0.to_bits(), src.focus.1.to_bits());
            source_key(src, cfg, hashes[&bits], &memo)
        })
        .collect();
    // Every source found in the memo, and nothing else in it: the memo stays as is.
    let read = keys
        .iter()
        .filter(|k| k.as_ref().map_or(true, |k| !k.remembered))
        .count();
    let all_remembered = memo.len() == keys.len() && read == 0;
    // The memo's pictures go to the jobs (moved out of it, not copied).
    let mut memo = memo;
    let mut jobs: BTreeMap<&str, (&Source, Option<Picture>)> = BTreeMap::new();
    for (src, k) in sources.iter().zip(&keys) {
        if let Ok(k) = k {
            let job = jobs.entry(k.key.as_str()).or_insert((src, None));
            // A picture from the memo spares reading the cache entry's listing.
            if k.remembered && job.1.is_none() {
                job.1 = memo.remove(&k.id).map(|e| e.picture);
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
        write_new_memo(&cache, &keys, &made, now);
    }
    let counts = Counts {
        sources: sources.len(),
        read,
        derived: made.values().filter(|r| matches!(r, Ok((_, true)))).count(),
    };
    (keys, made, counts)
}

/// Writes the memo of this build's sources (called when the last build's did not
/// hold them all, or held others): every source made or taken from the cache, but
/// none modified too recently to be trusted.
fn write_new_memo(cache: &Path, keys: &[Result<Known, String>], made: &Made, now: i64) {
    let mut memo = memo::Memo::new();
    for k in keys.iter().flatten() {
        if k.stamp.racy(now) {
            continue;
        }
        if let Ok((picture, _)) = &made[&k.key] {
            let entry = memo::Entry {
                stamp: k.stamp,
                picture: picture.clone(),
            };
            memo.insert(k.id.clone(), entry);
        }
    }
    // A memo that cannot be written only costs the next build time.
    let _ = write_memo(cache, &memo);
}

/// Per key: the picture of its derivatives and whether they were made afresh, or
/// what went wrong.
type Made = rustc_hash::FxHashMap<String, MadeOne>;
type MadeOne = Result<(Picture, bool), String>;

/// A source's key, and what the memo knew of it.
struct Known {
    id: memo::Id,
    key: String,
    /// The file's stamp, taken before its bytes were read.
    stamp: memo::Stamp,
    /// Whether the memo had it (under `id`, with this stamp).
    remembered: bool,
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
    src: &Source,
    cfg: &ImagesConfig,
    settings_hash: u64,
    memo: &memo::Memo,
) -> Result<Known, String> {
    let id = memo::Id {
        file: src.rel.clone(),
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
            remembered: true,
        });
    }
    let bytes = fs::read(&src.file).map_err(|e| format!("cannot read: {e}"))?;
    Ok(Known {
        id,
        key: key(&bytes, &settings(cfg, src.focus)),
        stamp,
        remembered: false,
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
        let names = p.file_names();
        if sink.keep_bundle(&prefix, &names) {
            return Ok((p, false));
        }
        let dir = cache.join(key);
        let bytes: Option<Vec<Vec<u8>>> = names
            .split(' ')
            .map(|name| fs::read(dir.join(name)).ok())
            .collect();
        if let Some(bytes) = bytes {
            let files: Vec<(&str, &[u8])> = names
                .split(' ')
                .zip(&bytes)
                .map(|(n, b)| (n, b.as_slice()))
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
    let names = p.file_names();
    let files: Vec<(&str, &[u8])> = names
        .split(' ')
        .filter_map(|n| Some((n, *by_name.get(n)?)))
        .collect();
    sink.put_bundle(&prefix, &files)?;
    Ok((p, true))
}
