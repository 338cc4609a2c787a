//! The images stage's memory of its sources, so a rebuild with unchanged photos reads
//! none of them: for each source file (its path under the site root, and a hash of
//! the settings it was made with) the file's size, modification time, change time and
//! inode when it was last read, with the [`Picture`] made from it (its cache key,
//! sizes, colour and credits).
//! Input: the memo file's bytes and each source's metadata. Output: the memo's entries,
//! and its bytes to write back. No disk: the images stage reads and writes the file.
//!
//! A source whose stamp is what the memo recorded is taken as unchanged, as `make` and
//! `git` take a file whose stamp is unchanged. The change time and inode are set by
//! the system on every write or replacement (a program cannot set them back), so a
//! photo edited in place, replaced by a copy, or touched back to its old modification
//! time is read again. A stamp recorded while its file may still be in the middle of
//! being written (modified within [`RACY_SECS`] of the build's start) is not kept.
//! (Only the modification time is checked for that: a copy that keeps the original's
//! modification time sets it after writing the bytes, so a stamp taken in between
//! is a recent one.)

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;

use serde::{Deserialize, Serialize};

use super::Picture;

/// Where the memo is kept, under the images cache folder.
pub(super) const FILE: &str = "memo";
/// A file modified this recently when the build started is read again next time:
/// file systems keep times in ticks (a few milliseconds, up to two seconds), so a
/// write in the same tick as the recorded one would leave the stamp as it was.
pub(super) const RACY_SECS: i64 = 3;
/// First bytes of the memo file: a memo of another layout is ignored.
const HEADER: &[u8] = b"broadsheet image memo 2\n";

/// Which source, made with which settings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(super) struct Id {
    /// The file's path under the site root, `/`-separated.
    pub(super) file: String,
    /// A hash of the settings (widths, quality, focus…).
    pub(super) settings: u64,
}

/// What the system says of a file: changes whenever its bytes can have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub(super) len: u64,
    pub(super) modified: (i64, i64),
    pub(super) changed: (i64, i64),
    pub(super) inode: u64,
    pub(super) device: u64,
}

impl Stamp {
    pub fn of(m: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: m.len(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
            device: m.dev(),
        }
    }

    /// Whether the file was modified so close to `now` (seconds since the epoch)
    /// that another write could still share its stamp.
    pub fn racy(&self, now: i64) -> bool {
        self.modified.0 > now - RACY_SECS
    }
}

/// One remembered source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Entry {
    pub(super) stamp: Stamp,
    /// What was made of it, under the cache key of its derivatives (a hash of its
    /// bytes and the settings).
    pub(super) picture: Picture,
}

pub(super) type Memo = BTreeMap<Id, Entry>;

/// The memo in `bytes`; empty when they are not a memo this version wrote.
pub(super) fn decode(bytes: &[u8]) -> Memo {
    let Some(body) = bytes.strip_prefix(HEADER) else {
        return Memo::new();
    };
    bincode::serde::decode_from_slice(body, bincode::config::standard())
        .map(|(m, _)| m)
        .unwrap_or_default()
}

pub(super) fn encode(memo: &Memo) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    // A map of plain data always encodes.
    let body = bincode::serde::encode_to_vec(memo, bincode::config::standard())
        .expect("a memo of strings and numbers encodes");
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The picture of an 800×600 JPEG made into one width.
    fn picture(key: &str) -> Picture {
        let listing = "800 600 jpg #101010\n800 webp 800 600\n800 jpg 800 600\n";
        let d = super::super::store::parse_listing(listing, "AFP\n\n\n\n").unwrap();
        let cfg = crate::config::ImagesConfig::default();
        super::super::picture::picture(key, &d, &cfg).unwrap()
    }

    fn entry(key: &str, modified: i64) -> Entry {
        Entry {
            stamp: Stamp {
                len: 10,
                modified: (modified, 5),
                changed: (modified, 7),
                inode: 3,
                device: 1,
            },
            picture: picture(key),
        }
    }

    #[test]
    fn a_memo_round_trips_and_garbage_is_an_empty_memo() {
        let mut memo = Memo::new();
        let id = Id {
            file: "content/a/photo.jpg".into(),
            settings: 42,
        };
        memo.insert(id.clone(), entry("00ff", 1_700_000_000));
        assert_eq!(decode(&encode(&memo)), memo);
        for bad in [
            &b""[..],
            b"broadsheet image memo 0\n\x01",
            HEADER,
            b"\xff\xff",
        ] {
            assert!(decode(bad).is_empty());
        }
        let mut cut = encode(&memo);
        cut.truncate(cut.len() - 3);
        assert!(decode(&cut).is_empty());
    }

    #[test]
    fn a_stamp_is_racy_near_the_build_start() {
        let now = 1_700_000_000;
        assert!(!entry("k", now - 10).stamp.racy(now));
        assert!(entry("k", now - 1).stamp.racy(now));
        assert!(entry("k", now + 60).stamp.racy(now), "a time in the future");
    }
}
