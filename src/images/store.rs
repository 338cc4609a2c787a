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
