//! The commit of a build: the staging folder's files become the output, either by
//! replacing the output folder whole in one atomic exchange (unchanged files carried
//! over by hard link) or, when little changed, by moving the written files into it
//! one by one under a journal. Counts what was added, changed and removed.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fs;
use std::io;
use std::path::PathBuf;

use rayon::prelude::*;

/// A file written: its path, its entry, and its entry in the current output's
/// manifest if it had one.
type Written = (String, ManifestEntry, Option<ManifestEntry>);

use super::bundle::Bundle;
use super::cleanup::{remove_empty_parents, remove_ours};
use super::manifest::{ManifestEntry, manifest_text};
use super::{
    ChangeKind, FileChange, IN_PLACE_SHARE, JOURNAL, JOURNAL_TEXT, MANIFEST, MARKER, MARKER_TEXT,
    OutputError, Staging, WriteStats, changes, io_err,
};

impl Staging {
    /// Replaces the output folder with the staging folder in one step, carrying
    /// unchanged files over by hard link. Does nothing when nothing changed.
    /// On failure the previous output is left (or put back) where it was.
    pub fn commit(self) -> Result<WriteStats, OutputError> {
        let result = self.carry_over_and_swap();
        if result.is_err() {
            remove_ours(&self.dir);
        }
        result
    }

    fn carry_over_and_swap(&self) -> Result<WriteStats, OutputError> {
        let files =
            std::mem::take(&mut *self.files.lock().expect("no panics while holding the lock"));
        let mut entries = Vec::with_capacity(files.len());
        // A claim without a record failed, and so did the build: none get here.
        entries.extend(
            files
                .into_iter()
                .filter_map(|(rel, done)| done.map(|(entry, written)| (rel, entry, written))),
        );
        let mut bundles: Vec<(String, Bundle, Vec<bool>)> = std::mem::take(
            &mut *self
                .bundles
                .lock()
                .expect("no panics while holding the lock"),
        )
        .into_iter()
        .map(|(prefix, (b, written))| (prefix, b, written))
        .collect();
        self.no_file_in_a_bundle(&entries, &bundles)?;
        // The old files no longer current: none, when every old path is among this
        // build's and every old bundle is this build's as it was (the usual rebuild:
        // counted by lookups, not by comparing paths).
        let (kept_old, all_as_recorded) = self.against_old(&entries);
        let (same_bundles, bundles_as_recorded) = self.bundles_against_old(&bundles);
        let mut stale: Vec<String> =
            if kept_old == self.old.len() && same_bundles == self.old_bundles.len() {
                Vec::new()
            } else {
                self.stale(&entries, &bundles)
            };
        // Nothing written, nothing gone, every file as the manifest records it under
        // the same key: the output and its manifest stay as they are (a no-change
        // rebuild costs a lookup per file, not a new manifest).
        let same = stale.is_empty()
            && self.output.is_dir()
            && self.previous.key() == self.key()
            && all_as_recorded
            && bundles_as_recorded;
        let total = entries.len() + bundles.iter().map(|b| b.1.count()).sum::<usize>();
        let bytes = entries.iter().map(|e| e.1.len).sum::<u64>()
            + bundles.iter().map(|b| b.1.len()).sum::<u64>();
        if same {
            remove_ours(&self.dir);
            return Ok(WriteStats {
                unchanged: total,
                bytes,
                ..WriteStats::default()
            });
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        bundles.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        stale.sort();
        let removed = stale.len();
        let (written, changes) = self.written(&entries, &bundles, &stale);
        let stats = WriteStats {
            written: written.len(),
            unchanged: total - written.len(),
            removed,
            bytes_written: written.iter().map(|e| e.1.len).sum(),
            bytes,
            changes,
        };
        let manifest = manifest_text(self.key(), &entries, &bundles);
        let small = (written.len() + removed) * IN_PLACE_SHARE <= total;
        if self.output.is_dir() && !(self.old.is_empty() && self.old_bundles.is_empty()) && small {
            self.update_in_place(&written, stale, &manifest)?;
            remove_ours(&self.dir);
            return Ok(stats);
        }
        self.carry_over(&entries, &bundles)?;
        let manifest_path = self.dir.join(MANIFEST);
        fs::create_dir_all(manifest_path.parent().expect("manifest has a folder"))
            .map_err(io_err(&self.dir))?;
        fs::write(&manifest_path, manifest).map_err(io_err(&manifest_path))?;

        self.swap()?;
        Ok(stats)
    }

    /// Every file written, a bundle's members among them, with what it was before;
    /// and what a deploy sees changed: those files added or given new bytes, and
    /// the `stale` ones removed.
    fn written(
        &self,
        entries: &[(String, ManifestEntry, bool)],
        bundles: &[(String, Bundle, Vec<bool>)],
        stale: &[String],
    ) -> (Vec<Written>, Vec<FileChange>) {
        let mut written: Vec<Written> = entries
            .iter()
            .filter(|e| e.2)
            .map(|(rel, e, _)| (rel.clone(), *e, self.old.get(rel).copied()))
            .collect();
        for (prefix, b, flags) in bundles {
            let old = self.old_bundles.get(prefix);
            for ((name, e), _) in b.members().zip(flags).filter(|(_, w)| **w) {
                let rel = format!("{prefix}{name}");
                let before = old
                    .and_then(|o| o.member(name))
                    .or_else(|| self.old.get(&rel).copied());
                written.push((rel, e, before));
            }
        }
        let mut changes: Vec<FileChange> = written
            .iter()
            .filter(|(rel, _, _)| changes::is_published(rel))
            .filter_map(|(rel, entry, before)| {
                let kind = match before {
                    None => ChangeKind::Added,
                    Some(old) if old.hash != entry.hash => ChangeKind::Changed,
                    // Written again only because the old file was not as recorded.
                    Some(_) => return None,
                };
                Some(FileChange {
                    path: rel.clone(),
                    kind,
                })
            })
            .collect();
        changes.extend(
            stale
                .iter()
                .filter(|k| changes::is_published(k))
                .map(|k| FileChange {
                    path: k.clone(),
                    kind: ChangeKind::Removed,
                }),
        );
        changes.sort();
        (written, changes)
    }

    /// Hard-links the files not written (bundles' members among them) from the
    /// current output into the staging folder.
    fn carry_over(
        &self,
        entries: &[(String, ManifestEntry, bool)],
        bundles: &[(String, Bundle, Vec<bool>)],
    ) -> Result<(), OutputError> {
        let mut carried: Vec<std::borrow::Cow<str>> = entries
            .iter()
            .filter(|e| !e.2)
            .map(|e| e.0.as_str().into())
            .collect();
        for (prefix, b, flags) in bundles {
            let mut flags = flags.iter();
            for (name, _) in b.members() {
                if !flags.next().copied().unwrap_or(false) {
                    carried.push(format!("{prefix}{name}").into());
                }
            }
        }
        carried
            .par_iter()
            .try_for_each(|rel| {
                let from = self.output.join(rel.as_ref());
                let to = self.dir.join(rel.as_ref());
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::hard_link(&from, &to).or_else(|_| fs::copy(&from, &to).map(|_| ()))
            })
            .map_err(io_err(&self.dir))
    }

    /// How many of `entries` the current output's manifest has, and whether each of
    /// them is there, carried over unchanged, as it records (one lookup per file).
    fn against_old(&self, entries: &[(String, ManifestEntry, bool)]) -> (usize, bool) {
        let mut kept_old = 0;
        let mut all_as_recorded = true;
        for (rel, e, written) in entries {
            match self.old.get(rel) {
                Some(old) => {
                    kept_old += 1;
                    all_as_recorded &= !written && old == e;
                }
                None => all_as_recorded = false,
            }
        }
        (kept_old, all_as_recorded)
    }

    /// How many of `bundles` the current output's manifest has as they are, and
    /// whether all of them are so and carried over (none of their members written).
    fn bundles_against_old(&self, bundles: &[(String, Bundle, Vec<bool>)]) -> (usize, bool) {
        let mut same = 0;
        let mut all_as_recorded = true;
        for (prefix, b, written) in bundles {
            if self.old_bundles.get(prefix) == Some(b) {
                same += 1;
                all_as_recorded &= !written.contains(&true);
            } else {
                all_as_recorded = false;
            }
        }
        (same, all_as_recorded)
    }

    /// The current output's files that this build does not make: its own files and
    /// its bundles' members, each of them looked for among this build's files and
    /// bundle members.
    fn stale(
        &self,
        entries: &[(String, ManifestEntry, bool)],
        bundles: &[(String, Bundle, Vec<bool>)],
    ) -> Vec<String> {
        let mut current: HashSet<std::borrow::Cow<str>> =
            entries.iter().map(|e| e.0.as_str().into()).collect();
        for (prefix, b, _) in bundles {
            current.extend(
                b.members()
                    .map(|(name, _)| format!("{prefix}{name}").into()),
            );
        }
        let mut stale: Vec<String> = self
            .old
            .keys()
            .filter(|k| !current.contains(k.as_str()))
            .cloned()
            .collect();
        let new_bundles: HashMap<&str, &Bundle> =
            bundles.iter().map(|(p, b, _)| (p.as_str(), b)).collect();
        for (prefix, old) in &self.old_bundles {
            if new_bundles.get(prefix.as_str()) == Some(&old) {
                continue;
            }
            stale.extend(
                old.members()
                    .map(|(name, _)| format!("{prefix}{name}"))
                    .filter(|rel| !current.contains(rel.as_str())),
            );
        }
        stale
    }

    /// Fails when a file of this build is also a bundle's member (a static file
    /// named as a photo's derivative): one would overwrite the other. Only files in
    /// a folder that holds bundles are looked at.
    fn no_file_in_a_bundle(
        &self,
        entries: &[(String, ManifestEntry, bool)],
        bundles: &[(String, Bundle, Vec<bool>)],
    ) -> Result<(), OutputError> {
        fn folder(p: &str) -> &str {
            p.rsplit_once('/').map_or("", |(f, _)| f)
        }
        let folders: HashSet<&str> = bundles.iter().map(|b| folder(&b.0)).collect();
        let mut suspects = entries
            .iter()
            .filter(|e| folders.contains(folder(&e.0)))
            .peekable();
        if suspects.peek().is_none() {
            return Ok(());
        }
        let members: HashSet<String> = bundles
            .iter()
            .flat_map(|(p, b, _)| b.members().map(move |(n, _)| format!("{p}{n}")))
            .collect();
        match suspects.find(|e| members.contains(&e.0)) {
            Some(e) => Err(OutputError::Twice(e.0.clone())),
            None => Ok(()),
        }
    }

    /// Moves the files written into the output one by one (each `rename` replaces a
    /// page whole) and removes those that no longer belong: work in proportion to the
    /// change, not to the site. A journal file marks the update while it runs; a build
    /// that finds it (this one was killed half-way) trusts nothing in the output and
    /// replaces it whole.
    fn update_in_place(
        &self,
        written: &[Written],
        stale: Vec<String>,
        manifest: &str,
    ) -> Result<(), OutputError> {
        let journal = self.output.join(JOURNAL);
        let any_change = !written.is_empty() || !stale.is_empty();
        if any_change {
            fs::write(&journal, JOURNAL_TEXT).map_err(io_err(&journal))?;
        }
        for (rel, _, _) in written {
            let to = self.output.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            fs::rename(self.dir.join(rel), &to).map_err(io_err(&to))?;
        }
        for rel in &stale {
            let path = self.output.join(rel);
            match fs::remove_file(&path) {
                Ok(()) => remove_empty_parents(&self.output, &path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(&path)(e)),
            }
        }
        if xxhash_rust::xxh3::xxh3_64(manifest.as_bytes()) != self.old_text_hash {
            let path = self.output.join(MANIFEST);
            let tmp = self.output.join(format!("{MANIFEST}.new"));
            fs::write(&tmp, manifest)
                .and_then(|_| fs::rename(&tmp, &path))
                .map_err(io_err(&path))?;
        }
        if any_change {
            fs::remove_file(&journal).map_err(io_err(&journal))?;
        }
        Ok(())
    }

    fn swap(&self) -> Result<(), OutputError> {
        if !self.output.exists() {
            return fs::rename(&self.dir, &self.output).map_err(io_err(&self.output));
        }
        let exchanged = rustix::fs::renameat_with(
            rustix::fs::CWD,
            &self.dir,
            rustix::fs::CWD,
            &self.output,
            rustix::fs::RenameFlags::EXCHANGE,
        );
        if exchanged.is_ok() {
            // `self.dir` now holds the previous output. Mark it ours first (a folder
            // replaced with --force had no marker), so a build killed during this
            // removal leaves something the next build recognises and clears.
            let _ = fs::write(self.dir.join(MARKER), MARKER_TEXT);
            remove_ours(&self.dir);
            return Ok(());
        }
        // No atomic exchange on this file system: two renames, putting the old
        // output back if the second fails.
        let mut old = self.dir.clone().into_os_string();
        old.push("-old");
        let old = PathBuf::from(old);
        fs::rename(&self.output, &old).map_err(io_err(&self.output))?;
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            let _ = fs::rename(&old, &self.output);
            return Err(io_err(&self.output)(e));
        }
        remove_ours(&old);
        Ok(())
    }
}
