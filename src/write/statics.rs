//! The memory of the site's static files, so a rebuild reads only those that changed:
//! for each output path, the stamp of the file it was copied from (a hash of its path
//! and its [`crate::images::Stamp`]) with the hash and size of its bytes.
//! Kept in the site's cache folder (`.broadsheet/statics`), not in the output: the
//! stamps are the file system's, and the output holds only what the input decides.
//! Pure text in and out, besides [`load`] and [`save`].

use rustc_hash::FxHashMap as HashMap;
use std::fs;
use std::path::Path;

/// Where the memo lives, under the site root.
pub(super) const FILE: &str = ".broadsheet/statics";
/// First line of the memo: a memo of another layout is ignored.
const HEADER: &str = "broadsheet static memo 1";

/// What a static file was when it was last copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub stamp: u64,
    pub hash: u64,
    pub len: u64,
}

/// Output path → what was copied there.
pub type StaticMemo = HashMap<String, Copied>;

/// A static file's stamp: a hash of its path and of what the system says of it
/// ([`crate::images::Stamp`], the images memo's: it changes whenever the bytes can
/// have). `None` for a file modified too close to `now` (seconds since the epoch) for
/// its stamp to be trusted ([`crate::images::Stamp::racy`]).
pub(super) fn stamp(path: &Path, meta: &fs::Metadata, now: i64) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let stamp = crate::images::Stamp::of(meta);
    if stamp.racy(now) {
        return None;
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(path.as_os_str().as_encoded_bytes());
    stamp.hash(&mut h);
    Some(h.finish())
}

/// The memo in `text`: one line per file, `stamp hash len path` (hex, hex, decimal,
/// the rest of the line). Empty when it is not a memo this version wrote.
pub(super) fn parse(text: &str) -> StaticMemo {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return StaticMemo::default();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let stamp = u64::from_str_radix(parts.next()?, 16).ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), Copied { stamp, hash, len }))
        })
        .collect()
}

/// The memo's text, sorted by path.
pub(super) fn text(memo: &StaticMemo) -> String {
    use std::fmt::Write;
    let mut rels: Vec<&String> = memo.keys().collect();
    rels.sort_unstable();
    let mut out = String::with_capacity(memo.len() * 80 + HEADER.len() + 1);
    out.push_str(HEADER);
    out.push('\n');
    for rel in rels {
        let c = memo[rel];
        let _ = writeln!(out, "{:016x} {:016x} {} {rel}", c.stamp, c.hash, c.len);
    }
    out
}

/// The site's memo; empty when there is none (or it cannot be read).
pub fn load(root: &Path) -> StaticMemo {
    parse(&fs::read_to_string(root.join(FILE)).unwrap_or_default())
}

/// Writes `memo` for the next build, unless it is `old` already. A memo that cannot
/// be written only costs the next build time.
pub fn save(root: &Path, old: &StaticMemo, memo: &StaticMemo) {
    if memo == old {
        return;
    }
    let path = root.join(FILE);
    let tmp = root.join(format!("{FILE}.tmp-{}", std::process::id()));
    let written = path
        .parent()
        .map_or(Ok(()), fs::create_dir_all)
        .and_then(|()| fs::write(&tmp, text(memo)))
        .and_then(|()| fs::rename(&tmp, &path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_round_trips_and_anything_else_is_empty() {
        let mut memo = StaticMemo::default();
        for (i, rel) in ["uploads/2019/05/a b.jpg", "style.css", "x/y/z.txt"]
            .iter()
            .enumerate()
        {
            let c = Copied {
                stamp: u64::MAX - i as u64,
                hash: i as u64,
                len: 10 * i as u64,
            };
            memo.insert((*rel).to_string(), c);
        }
        let t = text(&memo);
        assert_eq!(parse(&t), memo);
        assert!(
            t.lines().nth(1).unwrap().ends_with(" style.css"),
            "sorted: {t}"
        );
        for bad in ["", "broadsheet static memo 0\n1 2 3 a", "garbage"] {
            assert!(parse(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn a_file_modified_just_now_has_no_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "a").unwrap();
        let meta = fs::metadata(&path).unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        assert_eq!(stamp(&path, &meta, now), None);
        let later = now + 60;
        let s = stamp(&path, &meta, later).expect("old enough");
        // Another file: another stamp, though the bytes are the same.
        let other = dir.path().join("b.txt");
        fs::write(&other, "a").unwrap();
        let m2 = fs::metadata(&other).unwrap();
        assert_ne!(stamp(&other, &m2, later), Some(s));
    }
}
