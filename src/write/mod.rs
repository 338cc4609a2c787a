//! Writes the rendered site: files go into a staging folder beside the output, then
//! the staging folder replaces the output in one atomic exchange, so a failed or
//! killed build leaves the previous output as it was. Nothing is written outside the
//! output folder's parent, and nothing outside our own folders is ever deleted.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::discover::{StaticFile, StaticSource};
use crate::render::{PageRecord, Sink};

mod bundle;
mod changes;
mod cleanup;
mod commit;
mod manifest;
mod memory;
mod statics;

pub use changes::{ChangeKind, FileChange, changes_text, url_path};
use cleanup::{remove_ours, remove_stale};
pub use manifest::MANIFEST;
use manifest::{ManifestEntry, parse_manifest};
pub use memory::{Discard, Memory};
pub use statics::{Copied, StaticMemo, load as load_static_memo, save as save_static_memo};

/// Marks a folder as broadsheet output, so it may be replaced by a later build.
pub const MARKER: &str = ".broadsheet-output";
const MARKER_TEXT: &str = "This folder is written by broadsheet; a build replaces it whole.\n";

/// Why the output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("the output folder {0} would overwrite the site's own files ({1})")]
    Overlaps(String, String),
    #[error(
        "the output folder {0} is not empty and was not made by broadsheet; refusing to replace it (use --force to replace it anyway)"
    )]
    Foreign(String),
    #[error("the output path {0} is a file, not a folder; refusing to replace it")]
    NotAFolder(String),
    #[error(
        "two files would be written to `{0}` (a static file named as a photo's derivative); rename or remove it"
    )]
    Twice(String),
    #[error("cannot prepare the output folder {path}: {source}")]
    Io { path: String, source: io::Error },
}

/// A build in progress: a staging folder that becomes the output on [`Staging::commit`].
///
/// Files whose bytes match the current output (by the manifest kept in the output,
/// checked against each file's size on disk) are not written: at
/// commit they are hard-linked from the old tree, so they keep their modification
/// times and sync tools send only the difference. A rebuild that changes nothing
/// leaves the output folder untouched.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The current output's manifest: its files, and its bundles by prefix.
    old: HashMap<String, ManifestEntry>,
    old_bundles: HashMap<String, bundle::Bundle>,
    /// The current output's pages as rendered (fingerprints, under its build key).
    previous: PageRecord,
    /// A hash of the current manifest's text, to tell whether this build's differs.
    old_text_hash: u64,
    /// This build's key and article versions, when pages are fingerprinted.
    incremental: Option<(u64, Vec<u64>)>,
    /// Fingerprints of pages wanted for rendering, until they are put.
    fingerprints: Mutex<PageRecord>,
    /// Every path claimed so far (a second claim of one is an error, never an
    /// overwrite), with what the build produced there once it is recorded: the
    /// file's entry, and whether it was written (else carried over unchanged).
    files: Mutex<HashMap<String, Option<(ManifestEntry, bool)>>>,
    /// Every bundle put or kept, by prefix, with which of its members were written
    /// (none when the flags are empty).
    bundles: Mutex<HashMap<String, (bundle::Bundle, Vec<bool>)>>,
    /// File names in folders of the current output, listed when first asked
    /// ([`Sink::keep_bundle`]), each as a hash of the name ([`name_hash`]: a photo folder
    /// lists tens of thousands).
    listings: Mutex<HashMap<String, HashSet<u64>>>,
    /// Folders of the current output known to hold every file the manifest lists in
    /// them ([`Staging::trust_folder`]): not listed.
    trusted: HashSet<String>,
    /// Folders of the staging folder known to exist (made by this build): each is
    /// made with one `mkdir`, not one per file written into it.
    folders: Mutex<HashSet<PathBuf>>,
}

/// What [`Staging::copy_statics`] did, for `build --timings`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StaticCounts {
    /// Static files of the site and its theme.
    pub files: usize,
    /// Of those, files on disk read this build (the others were built into the
    /// binary, or carried over by their stamp).
    pub read: usize,
}

/// What a commit did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because their bytes changed or are new.
    pub written: usize,
    /// Files carried over unchanged from the previous output.
    pub unchanged: usize,
    /// Files of the previous output that no longer belong.
    pub removed: usize,
    pub bytes_written: u64,
    /// Size of the whole output (files written and carried over).
    pub bytes: u64,
    /// Every published file added, changed (new bytes) or removed, sorted by path;
    /// broadsheet's own `.broadsheet/` files are left out.
    pub changes: Vec<FileChange>,
}

/// Writes the `build --changes` file (see [`changes_text`]).
pub fn put_changes(path: &Path, text: &str) -> io::Result<()> {
    fs::write(path, text)
}

/// Present in the output while a build updates it in place (see
/// [`Staging::commit`]); a build that finds it rebuilds the output whole.
pub const JOURNAL: &str = ".broadsheet/updating";
const JOURNAL_TEXT: &str = "A broadsheet build is updating this folder in place; if no build is running, the next build replaces it whole.\n";

/// Rebuilds that write or remove at most one file in this many update the output in
/// place; larger changes build a whole new tree and swap it in.
const IN_PLACE_SHARE: usize = 4;

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Checks that `output` is safe to replace and creates an empty staging folder beside it.
/// Writes the site's memory of published URLs ([`crate::urls::MEMORY_FILE`]) into
/// the site root, only when its text changed (so a build that published nothing new
/// leaves the file, and its modification time, alone).
pub fn put_published_urls(root: &Path, text: &str) -> std::io::Result<bool> {
    let path = root.join(crate::urls::MEMORY_FILE);
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    let staged = root.join(format!(".{}.tmp", crate::urls::MEMORY_FILE));
    std::fs::write(&staged, text)?;
    std::fs::rename(&staged, &path)?;
    Ok(true)
}

pub fn prepare(root: &Path, output: &Path, force: bool) -> Result<Staging, OutputError> {
    let root_abs = absolute(root);
    let out_abs = absolute(output);
    let shown = output.display().to_string();
    for protected in ["", "content", "themes", "templates", "static", "site.toml"] {
        let p = if protected.is_empty() {
            root_abs.clone()
        } else {
            root_abs.join(protected)
        };
        if p.starts_with(&out_abs) || (!protected.is_empty() && out_abs.starts_with(&p)) {
            let what = if protected.is_empty() {
                "the site root".to_string()
            } else {
                format!("{protected}/")
            };
            return Err(OutputError::Overlaps(shown, what));
        }
    }
    if out_abs.parent().is_none() {
        return Err(OutputError::Overlaps(shown, "the file system root".into()));
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).is_file() && !force {
        let empty = fs::read_dir(&out_abs)
            .map_err(io_err(&out_abs))?
            .next()
            .is_none();
        if !empty {
            return Err(OutputError::Foreign(shown));
        }
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return Err(OutputError::NotAFolder(shown));
    }
    let parent = out_abs.parent().expect("checked above").to_path_buf();
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let name = out_abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale(&parent, &name);
    let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
    }
    fs::create_dir(&dir).map_err(io_err(&dir))?;
    fs::write(dir.join(MARKER), MARKER_TEXT).map_err(io_err(&dir))?;
    let old_text = if out_abs.join(MARKER).is_file() {
        fs::read_to_string(out_abs.join(MANIFEST)).unwrap_or_default()
    } else {
        String::new()
    };
    // An update in place that never finished: the files may be old or new, so
    // nothing in the output can be trusted to match the manifest.
    let old = if out_abs.join(JOURNAL).exists() {
        parse_manifest("")
    } else {
        parse_manifest(&old_text)
    };
    let (claims, bundles) = (old.entries.len(), old.bundles.len());
    Ok(Staging {
        dir,
        output: out_abs,
        previous: old.pages(),
        old: old.entries,
        old_bundles: old.bundles,
        old_text_hash: xxhash_rust::xxh3::xxh3_64(old_text.as_bytes()),
        incremental: None,
        fingerprints: Mutex::new(PageRecord::default()),
        // Room for every file of the current output: most builds claim them all again.
        files: Mutex::new(HashMap::with_capacity_and_hasher(
            claims,
            Default::default(),
        )),
        // Room for every bundle of the current output, as for its files.
        bundles: Mutex::new(HashMap::with_capacity_and_hasher(
            bundles,
            Default::default(),
        )),
        listings: Mutex::new(HashMap::default()),
        folders: Mutex::new(HashSet::default()),
        trusted: HashSet::default(),
    })
}

/// A file name as a folder listing keeps it: 64 bits of xxh3 (two names of one
/// folder sharing a hash would take about 4 billion files).
fn name_hash(name: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(name)
}

/// `p` made absolute with `..` resolved, and symbolic links resolved in the part of
/// it that exists, so an output path through a link is compared where it really is.
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    let mut existing = out.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return out,
        }
    }
}

/// `rel` as a path inside `base`, or `None` if it would leave it.
fn inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty() || rel.contains('\0') || rel.contains('\\') {
        return None;
    }
    if !rel_path
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    Some(base.join(rel_path))
}

impl Staging {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Fingerprints pages (see [`Sink::versions`]) and skips rendering those whose
    /// fingerprint matches the current output's, when that output was built under the
    /// same `key` (binary, configuration, templates, options). `versions` has one
    /// number per article that changes whenever anything the article shows does.
    pub fn incremental(&mut self, key: u64, versions: Vec<u64>) {
        self.incremental = Some((key, versions));
    }

    /// The current output's entry for `rel`, if the file is still there as recorded.
    fn reusable(&self, rel: &str) -> Option<ManifestEntry> {
        let old = self.old.get(rel)?;
        let meta = fs::symlink_metadata(self.output.join(rel)).ok()?;
        (meta.is_file() && meta.len() == old.len).then_some(*old)
    }

    /// Takes `folder` of the current output to hold every file its manifest lists
    /// there, without listing it: the caller knows nothing was added to it, removed
    /// or renamed since the last build (the images stage, by the folder's stamp).
    pub fn trust_folder(&mut self, folder: &str) {
        self.trusted.insert(folder.to_string());
    }

    /// Whether a file whose name has the hash `name` ([`name_hash`]) is in the
    /// current output's `folder`, listed when first asked.
    fn listed_hash(
        &self,
        listings: &mut HashMap<String, HashSet<u64>>,
        folder: &str,
        name: u64,
    ) -> bool {
        if let Some(names) = listings.get(folder) {
            return names.contains(&name);
        }
        let names: HashSet<u64> = fs::read_dir(self.output.join(folder))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .map(|e| name_hash(e.file_name().as_encoded_bytes()))
                    .collect()
            })
            .unwrap_or_default();
        let found = names.contains(&name);
        listings.insert(folder.to_string(), names);
        found
    }

    /// Copies static files (theme's first, then the site's over them) after the
    /// pages. A static file never replaces a page. On failure: which file, and why.
    ///
    /// A file on disk whose stamp is what `memo` (the last build's) recorded, and
    /// which is still in the output as the manifest records it, is carried over
    /// without being read (a migrated archive's `static/uploads/` holds gigabytes).
    /// Returns the counts and the memo for the next build.
    pub fn copy_statics(
        &self,
        statics: &[StaticFile],
        memo: &StaticMemo,
    ) -> Result<(StaticCounts, StaticMemo), (usize, String)> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        // Per file: whether it was read, and what to remember of it.
        let done: Vec<(bool, Option<(String, statics::Copied)>)> = statics
            .par_iter()
            .enumerate()
            .map(|(i, s)| {
                // Built-in theme files are written from the binary as they are.
                let (bytes, stamp): (std::borrow::Cow<[u8]>, _) = match &s.source {
                    StaticSource::Embedded(data) => ((*data).into(), None),
                    StaticSource::Disk(path) => {
                        // The stamp before the bytes: a write in between leaves a
                        // stamp that no longer matches, so the next build reads again.
                        let meta = fs::metadata(path)
                            .map_err(|e| (i, format!("cannot read it: {e}")))?;
                        let stamp = statics::stamp(path, &meta, now);
                        if let Some(kept) = self.keep_static(&s.rel, stamp, memo) {
                            return Ok((false, Some((s.rel.clone(), kept))));
                        }
                        let bytes = fs::read(path)
                            .map_err(|e| (i, format!("cannot read it: {e}")))?;
                        (bytes.into(), stamp)
                    }
                };
                if !self.claim(&s.rel) {
                    return Err((
                        i,
                        format!(
                            "this static file would replace the page broadsheet writes at `{}`; rename or remove it",
                            s.rel
                        ),
                    ));
                }
                let entry = self.write(&s.rel, &[&bytes]).map_err(|e| (i, e))?;
                let remembered = stamp.map(|stamp| {
                    let copied = statics::Copied {
                        stamp,
                        hash: entry.hash,
                        len: entry.len,
                    };
                    (s.rel.clone(), copied)
                });
                Ok((matches!(s.source, StaticSource::Disk(_)), remembered))
            })
            .collect::<Result<_, _>>()?;
        let counts = StaticCounts {
            files: statics.len(),
            read: done.iter().filter(|(read, _)| *read).count(),
        };
        Ok((counts, done.into_iter().filter_map(|(_, r)| r).collect()))
    }

    /// Carries the static file at `rel` over from the current output when its source's
    /// `stamp` is the one `memo` recorded and the output holds what was copied then;
    /// returns what to remember of it.
    fn keep_static(
        &self,
        rel: &str,
        stamp: Option<u64>,
        memo: &StaticMemo,
    ) -> Option<statics::Copied> {
        let copied = *memo.get(rel)?;
        if stamp != Some(copied.stamp) {
            return None;
        }
        let old = self.reusable(rel)?;
        if (old.hash, old.len) != (copied.hash, copied.len) || !self.claim(rel) {
            return None;
        }
        self.record(rel, old, false);
        Some(copied)
    }

    /// Removes the staging folder after a failed build.
    pub fn abandon(self) {
        remove_ours(&self.dir);
    }
}

impl Sink for Staging {
    fn versions(&self) -> Option<&[u64]> {
        self.incremental.as_ref().map(|(_, v)| v.as_slice())
    }

    fn wants(&self, rel: &str, _template: &str, fingerprint: u64) -> bool {
        // The fingerprint hashes the template's name with what it receives.
        if self.previous.unchanged(self.key(), rel, fingerprint)
            && let Some(old) = self.reusable(rel)
            && self.claim(rel)
        {
            self.record(rel, old, false);
            return false;
        }
        self.fingerprints
            .lock()
            .expect("no panics while holding the lock")
            .insert(rel, fingerprint);
        true
    }

    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        self.put_parts(rel, &[bytes])
    }

    fn keep_bundle(&self, prefix: &str, names: &str) -> bool {
        self.keep_bundle_as_is(prefix, names)
    }

    fn put_bundle(&self, prefix: &str, files: &[(&str, &[u8])]) -> Result<(), String> {
        self.put_bundle_files(prefix, files)
    }
}

impl Staging {
    /// Puts a file given in parts, written one after the other (a large file need not
    /// be joined into one buffer first), as [`Sink::put`] puts one of a single part.
    pub fn put_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<(), String> {
        if !self.claim(rel) {
            // Article URLs are checked for clashes before rendering; this guards the rest.
            return Err(format!(
                "two pages would be written to `{rel}`; refusing to overwrite one with the other"
            ));
        }
        self.write(rel, parts).map(|_| ())
    }

    fn key(&self) -> Option<u64> {
        self.incremental.as_ref().map(|(k, _)| *k)
    }

    /// Claims `rel` for this build; false if something was already put there.
    fn claim(&self, rel: &str) -> bool {
        let mut files = self.files.lock().expect("no panics while holding the lock");
        if files.contains_key(rel) {
            return false;
        }
        files.insert(rel.to_string(), None);
        true
    }

    /// Writes a claimed file (its parts one after the other), or records it as
    /// unchanged from the current output; returns what the manifest records of it.
    fn write(&self, rel: &str, parts: &[&[u8]]) -> Result<ManifestEntry, String> {
        let target = inside(&self.dir, rel)
            .ok_or_else(|| format!("refusing to write outside the output folder: {rel}"))?;
        let hash = match parts {
            [bytes] => xxhash_rust::xxh3::xxh3_64(bytes),
            _ => {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                parts.iter().for_each(|p| h.update(p));
                h.digest()
            }
        };
        let len = parts.iter().map(|p| p.len() as u64).sum();
        let fingerprint = self
            .fingerprints
            .lock()
            .expect("no panics while holding the lock")
            .remove(rel);
        let entry = ManifestEntry {
            hash,
            len,
            fingerprint,
        };
        if let Some(old) = self.reusable(rel)
            && old.hash == hash
        {
            self.record(rel, entry, false);
            return Ok(entry);
        }
        if let Some(parent) = target.parent() {
            self.make_folder(parent)
                .map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        write_new(&target, parts).map_err(|e| format!("{}: {e}", target.display()))?;
        self.record(rel, entry, true);
        Ok(entry)
    }

    /// Makes `folder` and its parents unless this build already has.
    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        let lock = || {
            self.folders
                .lock()
                .expect("no panics while holding the lock")
        };
        if lock().contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(folder)?;
        // Its parents exist now too: a later page in one of them (a day's archive
        // under its articles' folders) needs no `mkdir` of its own.
        let mut folders = lock();
        for made in folder.ancestors().take_while(|f| f.starts_with(&self.dir)) {
            if !folders.insert(made.to_path_buf()) {
                break;
            }
        }
        Ok(())
    }

    /// Records what became of a claimed path.
    fn record(&self, rel: &str, entry: ManifestEntry, written: bool) {
        let mut files = self.files.lock().expect("no panics while holding the lock");
        match files.get_mut(rel) {
            Some(slot) => *slot = Some((entry, written)),
            None => {
                files.insert(rel.to_string(), Some((entry, written)));
            }
        }
    }
}

/// Writes a file that must not exist yet: the output never silently loses a file.
fn write_new(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    parts
        .iter()
        .try_for_each(|p| io::Write::write_all(&mut file, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_rejects_escapes() {
        let base = Path::new("/tmp/out");
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../b",
            "",
            "a\\b",
            "a\0b",
            "./a",
        ] {
            assert!(inside(base, bad).is_none(), "{bad}");
        }
        assert_eq!(
            inside(base, "a/b/index.html").unwrap(),
            base.join("a/b/index.html")
        );
    }

    /// Builds `files` into `out` under `key`, fingerprinting nothing.
    fn build(root: &Path, out: &Path, key: u64, files: &[(&str, &str)]) -> WriteStats {
        let mut staging = prepare(root, out, false).expect("prepares");
        staging.incremental(key, Vec::new());
        for (rel, text) in files {
            staging.put(rel, text.as_bytes()).expect("puts");
        }
        staging.commit().expect("commits")
    }

    #[test]
    fn commits_count_what_was_written_kept_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("out"));
        fs::create_dir(&root).unwrap();
        let files = [
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/index.html", "b"),
        ];
        let first = build(&root, &out, 1, &files);
        assert_eq!((first.written, first.unchanged, first.removed), (3, 0, 0));
        assert_eq!(first.bytes, 6);
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();

        // The same bytes under the same key: nothing is touched.
        let same = build(&root, &out, 1, &files);
        assert_eq!((same.written, same.unchanged, same.removed), (0, 3, 0));
        assert_eq!(fs::read_to_string(out.join(MANIFEST)).unwrap(), manifest);
        // Under another key only the manifest changes.
        build(&root, &out, 2, &files);
        let rekeyed = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_ne!(rekeyed, manifest);
        assert_eq!(
            rekeyed.lines().skip(1).collect::<Vec<_>>(),
            manifest.lines().skip(1).collect::<Vec<_>>()
        );

        // One page changed, one gone.
        let changed = build(
            &root,
            &out,
            2,
            &[("index.html", "home"), ("a/index.html", "A!")],
        );
        assert_eq!(
            (changed.written, changed.unchanged, changed.removed),
            (1, 1, 1)
        );
        assert_eq!((changed.bytes_written, changed.bytes), (2, 6));
        assert!(!out.join("b/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A!");
    }

    #[test]
    fn a_file_put_in_parts_is_the_parts_joined() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("site"), dir.path().join("out"));
        fs::create_dir(&root).unwrap();
        let mut staging = prepare(&root, &out, false).expect("prepares");
        staging.incremental(1, Vec::new());
        let big = vec![b'x'; 300_000];
        staging
            .put_parts(".broadsheet/cache", &[b"head ", &big, b"", b" tail"])
            .expect("puts");
        let first = staging.commit().expect("commits");
        let bytes = fs::read(out.join(".broadsheet/cache")).unwrap();
        assert_eq!(bytes, [&b"head "[..], &big, b" tail"].concat());
        assert_eq!(first.bytes, bytes.len() as u64);
        // The same bytes put whole: the same hash, so unchanged and not written again.
        let mut staging = prepare(&root, &out, false).expect("prepares");
        staging.incremental(1, Vec::new());
        staging.put(".broadsheet/cache", &bytes).expect("puts");
        let again = staging.commit().expect("commits");
        assert_eq!((again.written, again.unchanged), (0, 1));
    }

    #[test]
    fn a_path_is_put_once() {
        let dir = tempfile::tempdir().unwrap();
        let staging = prepare(dir.path(), &dir.path().join("out"), false).unwrap();
        staging.put("x/index.html", b"1").unwrap();
        let e = staging.put("x/index.html", b"2").unwrap_err();
        assert!(
            e.contains("two pages would be written to `x/index.html`"),
            "{e}"
        );
        staging.abandon();
    }
}
