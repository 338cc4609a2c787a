//! The images cache folder on disk (`.broadsheet/images/` in the site root): one
//! entry per key (the derivatives' files, `info` listing them, `meta` with what the
//! photo says of itself) and the [`super::memo`] file.
//! Input/output: [`Derived`] listings and bytes; a failure to write only costs the
//! next build time, so callers may ignore it.

use std::fs;
use std::path::Path;

use super::derive::{Derived, Encoded, Format};
use super::{memo, meta};

pub(super) fn file_name(f: &Encoded) -> String {
    format!("{}.{}", f.name, f.ext)
}

/// Where the stamp of an output's derivatives folder `dir` ([`published_dir`]) is
/// kept ([`published_unchanged`]): in the images cache folder, one file per output
/// folder (a site built into two, its preview with drafts and its deploy, keeps
/// both trusted).
fn published_file(root: &Path, dir: &Path) -> std::path::PathBuf {
    let id = xxhash_rust::xxh3::xxh3_64(dir.as_os_str().as_encoded_bytes());
    root.join(super::CACHE_DIR)
        .join(format!("published-{id:016x}"))
}

/// `output`'s derivatives folder, by its full path once the output exists: an
/// output named two ways (`--output public`, `--output /site/public`) is one folder.
fn published_dir(output: &Path) -> std::path::PathBuf {
    fs::canonicalize(output)
        .unwrap_or_else(|_| output.to_path_buf())
        .join(super::OUTPUT_DIR)
}

/// The stamp of an output's derivatives folder `dir` ([`memo::Stamp`]: the system
/// moves its times whenever a file is added to it, removed or renamed) and its text
/// as kept beside the memo, with the folder's path. `None` when there is no such
/// folder.
fn folder_stamp(dir: &Path) -> Option<(String, memo::Stamp)> {
    let m = fs::symlink_metadata(dir).ok().filter(|m| m.is_dir())?;
    let stamp = memo::Stamp::of(&m);
    // Compared for equality only, by the binary that wrote it: its debug form serves.
    Some((format!("{}\n{stamp:?}\n", dir.display()), stamp))
}

/// Whether the output's derivatives folder is as the last build left it (its stamp
/// is the one [`remember_published`] recorded): then every derivative the output's
/// manifest lists there is still there, and the folder need not be listed (at 10,000
/// photos, 70,000 names).
pub fn published_unchanged(root: &Path, output: &Path) -> bool {
    let dir = published_dir(output);
    let Ok(recorded) = fs::read_to_string(published_file(root, &dir)) else {
        return false;
    };
    folder_stamp(&dir).is_some_and(|(now, _)| now == recorded)
}

/// Records the stamp of the output's derivatives folder after a build that `ran` so
/// long, unless the stamp is racy ([`memo::Stamp::racy`] at the build's start: a
/// change in the same clock tick would leave it as it is); then the next build lists
/// the folder. A stamp that cannot be written only costs the next build a listing.
pub fn remember_published(root: &Path, output: &Path, ran: std::time::Duration) {
    let started = std::time::SystemTime::now()
        .checked_sub(ran)
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    let dir = published_dir(output);
    let file = published_file(root, &dir);
    match folder_stamp(&dir) {
        Some((text, stamp)) if !stamp.racy(started) => {
            if fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
                let _ = fs::create_dir_all(root.join(super::CACHE_DIR));
                let tmp = file.with_extension("tmp");
                let _ = fs::write(&tmp, text).and_then(|()| fs::rename(&tmp, &file));
            }
        }
        _ => {
            let _ = fs::remove_file(&file);
        }
    }
}

pub(super) fn write_memo(cache: &Path, memo: &memo::Memo) -> std::io::Result<()> {
    fs::create_dir_all(cache)?;
    let tmp = cache.join(format!("{}.tmp-{}", memo::FILE, std::process::id()));
    fs::write(&tmp, memo::encode(memo))?;
    fs::rename(tmp, cache.join(memo::FILE))
}

/// The cache entry: `info` ([`info_text`]) beside the files and `meta`
/// ([`meta::Sidecar`]), `info` written last.
pub(super) fn write_cached(dir: &Path, d: &Derived) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    for f in &d.files {
        fs::write(dir.join(file_name(f)), &f.bytes)?;
    }
    fs::write(dir.join("meta"), d.meta.to_lines())?;
    let tmp = dir.join("info.tmp");
    fs::write(&tmp, info_text(d))?;
    fs::rename(tmp, dir.join("info"))
}

/// `width height format colour`, then one line per file: `name ext width height`.
pub(super) fn info_text(d: &Derived) -> String {
    let mut info = format!("{} {} {} {}\n", d.width, d.height, d.format.ext(), d.colour);
    for f in &d.files {
        info.push_str(&format!("{} {} {} {}\n", f.name, f.ext, f.width, f.height));
    }
    info
}

/// A cache entry's listing (its files without their bytes).
pub(super) fn read_listing(dir: &Path) -> Option<Derived> {
    let info = fs::read_to_string(dir.join("info")).ok()?;
    parse_listing(&info, &fs::read_to_string(dir.join("meta")).ok()?)
}

/// Read back from [`info_text`] and [`meta::Sidecar::to_lines`]; files without bytes.
pub(super) fn parse_listing(info: &str, meta: &str) -> Option<Derived> {
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
        files.push(Encoded {
            name,
            ext,
            width: w,
            height: h,
            bytes: Vec::new(),
        });
    }
    if files.is_empty() {
        return None;
    }
    Some(Derived {
        width,
        height,
        format,
        colour,
        meta: meta::Sidecar::from_lines(meta),
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_named_two_ways_is_one_published_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("public"));
        let img = out.join(super::super::OUTPUT_DIR);
        fs::create_dir_all(&img).unwrap();
        fs::create_dir_all(&root).unwrap();
        // As if the folder had last changed long ago (a recent stamp is not kept).
        fs::File::open(&img)
            .unwrap()
            .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000))
            .unwrap();
        assert!(!published_unchanged(&root, &out), "nothing recorded yet");
        remember_published(&root, &out, std::time::Duration::ZERO);
        assert!(published_unchanged(&root, &out));
        assert!(published_unchanged(
            &root,
            &dir.path().join("site/../public")
        ));
        // A file added: the folder is not as recorded.
        fs::write(img.join("x.webp"), b"x").unwrap();
        assert!(!published_unchanged(&root, &out));
        assert!(!published_unchanged(
            &root,
            &dir.path().join("site/../public")
        ));
    }
}
