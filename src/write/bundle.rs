//! Bundles: files published together under one prefix whose names say what they
//! hold (a photo's derivatives, `_img/<key>-480.webp` and the rest), recorded in the
//! manifest as one line and carried over as one, so a rebuild with ten thousand
//! unchanged photos costs a lookup per photo, not per derivative. Commit, changes
//! and stale files see a bundle's members as the files they are.

use std::fmt::Write as _;
use std::sync::Arc;

use super::manifest::ManifestEntry;
use super::{Staging, inside, write_new};

/// A bundle's members as the manifest records them: `name:hash:len` each (hash in
/// hex, length in decimal), separated by spaces, in the order they were put. Kept as
/// that text, shared (a kept bundle is carried over without a copy), and read
/// member by member only when a build needs them one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bundle {
    text: Arc<str>,
    /// The size of all its members (kept beside the text, so a build's size is
    /// summed without reading each member's).
    len: u64,
}

impl Bundle {
    /// The manifest's text of a bundle whose members hold `len` bytes in all;
    /// `None` when it is empty.
    pub(super) fn parse(text: &str, len: u64) -> Option<Bundle> {
        (!text.is_empty()).then(|| Bundle {
            text: text.into(),
            len,
        })
    }

    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// Each member's name and entry (a member the text cannot be read for is left
    /// out: the manifest was damaged, and a later build writes the bundle again).
    pub(super) fn members(&self) -> impl Iterator<Item = (&str, ManifestEntry)> {
        self.text.split(' ').filter_map(|m| {
            let mut parts = m.rsplitn(3, ':');
            let len = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let entry = ManifestEntry {
                hash,
                len,
                fingerprint: None,
            };
            Some((parts.next()?, entry))
        })
    }

    /// Whether its members are `names` (separated by single spaces), in that order,
    /// each well formed as [`Bundle::members`] reads it: one pass over both texts'
    /// bytes, no number parsed (a rebuild checks one bundle per photo).
    fn named(&self, names: &str) -> bool {
        let (mut text, mut names) = (self.text.as_bytes(), names.as_bytes());
        loop {
            let (name, rest) = names.split_at(memchr::memchr(b' ', names).unwrap_or(names.len()));
            // `name:hash:len`: the hash in 1 to 16 hex digits, the length in 1 to 19
            // decimal ones.
            let Some(entry) = text.strip_prefix(name).and_then(|r| r.strip_prefix(b":")) else {
                return false;
            };
            let hash = entry.iter().take_while(|b| b.is_ascii_hexdigit()).count();
            if !(1..=16).contains(&hash) || entry.get(hash) != Some(&b':') {
                return false;
            }
            let len = &entry[hash + 1..];
            let digits = len.iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=19).contains(&digits) {
                return false;
            }
            text = &len[digits..];
            match (rest.split_first(), text.split_first()) {
                (None, None) => return true,
                (Some((b' ', more_names)), Some((b' ', more_text))) => {
                    (names, text) = (more_names, more_text);
                }
                _ => return false,
            }
        }
    }

    /// The entry of the member `name`.
    pub(super) fn member(&self, name: &str) -> Option<ManifestEntry> {
        self.members().find(|(m, _)| *m == name).map(|(_, e)| e)
    }

    /// How many members it has (one more than the spaces between them).
    pub(super) fn count(&self) -> usize {
        memchr::memchr_iter(b' ', self.text.as_bytes()).count() + 1
    }

    /// The size of all its members.
    pub(super) fn len(&self) -> u64 {
        self.len
    }
}

/// A member's name: one file name, with nothing the manifest's text separates on.
fn valid_member(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains([' ', '\n', '\r', '/', '\\', '\0'])
}

/// A prefix: a path inside the output, then the start of its members' names.
fn valid_prefix(prefix: &str) -> bool {
    !prefix.contains([' ', '\n', '\r'])
}

impl Staging {
    /// See [`crate::render::Sink::keep_bundle`]: the current output's bundle at
    /// `prefix`, with the members `names` and each still there, is carried over.
    pub(super) fn keep_bundle_as_is(&self, prefix: &str, names: &str) -> bool {
        let Some(old) = self.old_bundles.get(prefix) else {
            return false;
        };
        if !old.named(names) {
            return false;
        }
        // Present: in their folder's listing (read once for all the site's photos),
        // unless the folder is known to be as the last build left it.
        let (folder, stem) = prefix.rsplit_once('/').unwrap_or(("", prefix));
        if !self.trusted.contains(folder) {
            let mut listings = self
                .listings
                .lock()
                .expect("no panics while holding the lock");
            let all_there = names.split(' ').all(|name| {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                h.update(stem.as_bytes());
                h.update(name.as_bytes());
                self.listed_hash(&mut listings, folder, h.digest())
            });
            if !all_there {
                return false;
            }
        }
        let mut bundles = self
            .bundles
            .lock()
            .expect("no panics while holding the lock");
        if bundles.contains_key(prefix) {
            return false;
        }
        // No member written: no flags.
        bundles.insert(prefix.to_string(), (old.clone(), Vec::new()));
        true
    }

    /// See [`crate::render::Sink::put_bundle`]: each member whose bytes the current
    /// output holds already (by the manifest, checked against its size on disk) is
    /// carried over, the others written.
    pub(super) fn put_bundle_files(
        &self,
        prefix: &str,
        files: &[(&str, &[u8])],
    ) -> Result<(), String> {
        if files.is_empty()
            || !valid_prefix(prefix)
            || !files.iter().all(|(name, _)| valid_member(name))
        {
            return Err(format!(
                "cannot publish files under `{prefix}`: a bundle's file names must be plain names without spaces"
            ));
        }
        {
            let mut bundles = self
                .bundles
                .lock()
                .expect("no panics while holding the lock");
            if bundles.contains_key(prefix) {
                return Err(format!(
                    "two sets of files would be written under `{prefix}`; refusing to overwrite one with the other"
                ));
            }
            // Claimed now, recorded below.
            bundles.insert(prefix.to_string(), (Bundle::empty(), Vec::new()));
        }
        let old = self.old_bundles.get(prefix);
        let mut text = String::with_capacity(files.len() * 40);
        let mut written = Vec::with_capacity(files.len());
        let mut total = 0;
        for (name, bytes) in files {
            let rel = format!("{prefix}{name}");
            let target = inside(&self.dir, &rel)
                .ok_or_else(|| format!("refusing to write outside the output folder: {rel}"))?;
            let hash = xxhash_rust::xxh3::xxh3_64(bytes);
            let len = bytes.len() as u64;
            // Recorded in the last build's bundle, or as a file of its own (a
            // file published alone before).
            let before = old
                .and_then(|b| b.member(name))
                .or_else(|| self.old.get(&rel).copied());
            let there = before.is_some_and(|o| (o.hash, o.len) == (hash, len))
                && std::fs::symlink_metadata(self.output.join(&rel))
                    .is_ok_and(|m| m.is_file() && m.len() == len);
            if !there {
                if let Some(parent) = target.parent() {
                    self.make_folder(parent)
                        .map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                write_new(&target, &[bytes]).map_err(|e| format!("{}: {e}", target.display()))?;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            let _ = write!(text, "{name}:{hash:016x}:{len}");
            written.push(!there);
            total += len;
        }
        let bundle = Bundle {
            text: text.into(),
            len: total,
        };
        self.bundles
            .lock()
            .expect("no panics while holding the lock")
            .insert(prefix.to_string(), (bundle, written));
        Ok(())
    }
}

impl Bundle {
    /// A bundle claimed but not yet recorded.
    fn empty() -> Bundle {
        Bundle {
            text: "".into(),
            len: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundles_members_read_back_from_its_text() {
        let b = Bundle::parse("480.webp:00000000000000ff:12 crop-1x1.jpg:0a:3", 15).unwrap();
        let members: Vec<(&str, u64, u64)> = b.members().map(|(m, e)| (m, e.hash, e.len)).collect();
        assert_eq!(members, [("480.webp", 0xff, 12), ("crop-1x1.jpg", 0xa, 3)]);
        assert!(b.named("480.webp crop-1x1.jpg"));
        assert!(!b.named("480.webp"));
        assert!(!b.named("480.webp crop-1x1.jpg x"));
        assert!(!b.named("480.webp crop-1x1.jpg "));
        assert!(!b.named("crop-1x1.jpg 480.webp"));
        assert!(!b.named("480 crop-1x1.jpg"), "a name is whole");
        assert!(!b.named("480.webp  crop-1x1.jpg"));
        assert!(!b.named(""));
        // A damaged member is not a member by that name.
        let damaged = Bundle::parse("a:zz:1 b:01:2 c:01", 3).unwrap();
        assert!(!damaged.named("a b c"));
        assert!(!damaged.named("b"));
        for bad in [
            "a:01:1x",
            "a:0123456789abcdef0:1",
            "a:01:",
            "a::1",
            "a:01:1 ",
            "a:01:12345678901234567890",
            "a:0g:1",
            "a;01:1",
        ] {
            let b = Bundle::parse(bad, 1).unwrap();
            assert!(!b.named("a"), "{bad}");
        }
        assert!(
            Bundle::parse("a:0123456789abcdef:1234567890123456789", 1)
                .unwrap()
                .named("a")
        );
        assert_eq!((b.count(), b.len()), (2, 15));
        assert_eq!(b.member("crop-1x1.jpg").map(|e| e.len), Some(3));
        assert_eq!(b.member("800.webp"), None);
        assert!(Bundle::parse("", 0).is_none());
        // A damaged member is left out, not misread.
        let damaged = Bundle::parse("a:zz:1 b:01:2 c:01", 3).unwrap();
        assert_eq!(damaged.members().map(|(m, _)| m).collect::<Vec<_>>(), ["b"]);
        for bad in ["", ".", "..", "a b", "a/b", "a\nb"] {
            assert!(!valid_member(bad), "{bad:?}");
        }
        assert!(valid_member("800.webp"));
        // The streamed hash of a stem and a name is the name's hash.
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(b"0123abcd-");
        h.update(b"800.webp");
        assert_eq!(h.digest(), super::super::name_hash(b"0123abcd-800.webp"));
    }

    use crate::render::Sink;
    use std::fs;
    use std::path::Path;

    /// What one build puts: plain files, and bundles as `(prefix, [(name, text)])`.
    type Put<'a> = (
        &'a [(&'a str, &'a str)],
        &'a [(&'a str, &'a [(&'a str, &'a str)])],
    );

    /// Builds into `out`: each bundle kept when the output has it, else put.
    fn build(root: &Path, out: &Path, (files, bundles): Put) -> crate::write::WriteStats {
        let mut staging = crate::write::prepare(root, out, false).expect("prepares");
        staging.incremental(1, Vec::new());
        for (rel, text) in files {
            staging.put(rel, text.as_bytes()).expect("puts");
        }
        for (prefix, members) in bundles {
            let names: Vec<&str> = members.iter().map(|m| m.0).collect();
            if !staging.keep_bundle(prefix, &names.join(" ")) {
                let files: Vec<(&str, &[u8])> =
                    members.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
                staging.put_bundle(prefix, &files).expect("puts the bundle");
            }
        }
        staging.commit().expect("commits")
    }

    fn changes(stats: &crate::write::WriteStats) -> Vec<String> {
        stats
            .changes
            .iter()
            .map(|c| format!("{} {}", c.kind.name(), c.path))
            .collect()
    }

    const PAGES: &[(&str, &str)] = &[
        ("index.html", "home"),
        ("a/index.html", "a"),
        ("b/index.html", "b"),
        ("c/index.html", "c"),
        ("d/index.html", "d"),
        ("e/index.html", "e"),
    ];
    const FLOOD: &[(&str, &str)] = &[
        ("480.webp", "w480"),
        ("800.jpg", "j800"),
        ("crop-1x1.jpg", "sq"),
    ];

    #[test]
    fn a_bundle_is_kept_whole_and_a_lost_member_is_written_again_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("out"));
        fs::create_dir(&root).unwrap();
        let first = build(&root, &out, (PAGES, &[("_img/00aa-", FLOOD)]));
        assert_eq!((first.written, first.unchanged), (9, 0));
        assert!(changes(&first).contains(&"added _img/00aa-crop-1x1.jpg".to_string()));
        assert_eq!(
            fs::read_to_string(out.join("_img/00aa-800.jpg")).unwrap(),
            "j800"
        );
        let manifest = fs::read_to_string(out.join(crate::write::MANIFEST)).unwrap();
        assert_eq!(
            manifest
                .lines()
                .filter(|l| l.starts_with("* 10 _img/00aa- "))
                .count(),
            1,
            "one line for the bundle:\n{manifest}"
        );
        assert!(!manifest.contains(" _img/00aa-800.jpg"));
        assert!(manifest.contains("* 10 _img/00aa- 480.webp:"), "{manifest}");

        // Nothing changed: kept, nothing written, the manifest as it was.
        let same = build(&root, &out, (PAGES, &[("_img/00aa-", FLOOD)]));
        assert_eq!((same.written, same.unchanged, same.removed), (0, 9, 0));
        assert_eq!(same.bytes, first.bytes);
        assert_eq!(
            fs::read_to_string(out.join(crate::write::MANIFEST)).unwrap(),
            manifest
        );

        // A member lost from the output: the bundle is put again, and only that
        // member is written; it is no change to a deploy.
        fs::remove_file(out.join("_img/00aa-480.webp")).unwrap();
        let repaired = build(&root, &out, (PAGES, &[("_img/00aa-", FLOOD)]));
        assert_eq!(
            (repaired.written, repaired.unchanged, repaired.removed),
            (1, 8, 0)
        );
        assert!(repaired.changes.is_empty(), "{:?}", repaired.changes);
        assert_eq!(
            fs::read_to_string(out.join("_img/00aa-480.webp")).unwrap(),
            "w480"
        );
        assert_eq!(
            fs::read_to_string(out.join(crate::write::MANIFEST)).unwrap(),
            manifest
        );
    }

    #[test]
    fn a_bundle_gone_takes_its_members_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("out"));
        fs::create_dir(&root).unwrap();
        let fire: &[(&str, &str)] = &[("480.webp", "f480"), ("800.jpg", "f800")];
        build(
            &root,
            &out,
            (PAGES, &[("_img/00aa-", FLOOD), ("_img/00bb-", fire)]),
        );
        // The flood photo replaced by another (a new key), the fire photo kept.
        let storm: &[(&str, &str)] = &[("480.webp", "s480"), ("800.jpg", "s800")];
        let next = build(
            &root,
            &out,
            (PAGES, &[("_img/00bb-", fire), ("_img/00cc-", storm)]),
        );
        assert_eq!((next.written, next.removed), (2, 3));
        assert_eq!(
            changes(&next),
            [
                "removed _img/00aa-480.webp",
                "removed _img/00aa-800.jpg",
                "removed _img/00aa-crop-1x1.jpg",
                "added _img/00cc-480.webp",
                "added _img/00cc-800.jpg",
            ]
        );
        let mut names: Vec<String> = fs::read_dir(out.join("_img"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "00bb-480.webp",
                "00bb-800.jpg",
                "00cc-480.webp",
                "00cc-800.jpg"
            ]
        );
        // Fewer members under the same prefix: the one left out goes.
        let fewer = build(
            &root,
            &out,
            (PAGES, &[("_img/00bb-", &fire[..1]), ("_img/00cc-", storm)]),
        );
        assert_eq!(changes(&fewer), ["removed _img/00bb-800.jpg"]);
        assert!(!out.join("_img/00bb-800.jpg").exists());
        // No bundle at all (a site without photos): the folder goes.
        build(&root, &out, (PAGES, &[]));
        assert!(!out.join("_img").exists());
    }

    #[test]
    fn a_file_becoming_a_bundle_member_is_carried_over_and_a_clash_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("out"));
        fs::create_dir(&root).unwrap();
        let mut files = PAGES.to_vec();
        files.push(("_img/00aa-480.webp", "w480"));
        build(&root, &out, (&files, &[]));
        // The same bytes now as a bundle's member: not written, not removed.
        let bundled = build(&root, &out, (PAGES, &[("_img/00aa-", FLOOD)]));
        assert_eq!((bundled.written, bundled.removed), (2, 0));
        assert_eq!(
            changes(&bundled),
            ["added _img/00aa-800.jpg", "added _img/00aa-crop-1x1.jpg"]
        );
        // One build making a file and a bundle member of one path fails, naming it,
        // and leaves the output as it was.
        let before = fs::read_to_string(out.join(crate::write::MANIFEST)).unwrap();
        let staging = crate::write::prepare(&root, &out, false).unwrap();
        staging.put("_img/00aa-800.jpg", b"mine").unwrap();
        let members: Vec<(&str, &[u8])> = FLOOD.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
        if !staging.keep_bundle("_img/00aa-", "480.webp 800.jpg crop-1x1.jpg") {
            staging.put_bundle("_img/00aa-", &members).unwrap();
        }
        let e = staging.commit().unwrap_err().to_string();
        assert!(e.contains("`_img/00aa-800.jpg`"), "{e}");
        assert_eq!(
            fs::read_to_string(out.join(crate::write::MANIFEST)).unwrap(),
            before
        );
        assert_eq!(
            fs::read_to_string(out.join("_img/00aa-800.jpg")).unwrap(),
            "j800"
        );
        // Names the manifest could not keep, and a second bundle at one prefix.
        let staging = crate::write::prepare(&root, &out, false).unwrap();
        for bad in ["a b.webp", "", "x/y.jpg", "..", "a\nb"] {
            assert!(
                staging.put_bundle("_img/00dd-", &[(bad, b"x")]).is_err(),
                "{bad:?}"
            );
        }
        assert!(staging.put_bundle("_img/0 1-", &[("1.jpg", b"x")]).is_err());
        staging.put_bundle("_img/00ee-", &members).unwrap();
        let e = staging.put_bundle("_img/00ee-", &members).unwrap_err();
        assert!(e.contains("`_img/00ee-`"), "{e}");
        staging.abandon();
    }
}
