//! Runs an import: takes the items a reader finds, decides with the ledger what each
//! needs, converts in parallel batches (each written on a thread of its own while the
//! next is converted), and keeps the summary.
//! Input: items from one of the readers. Output: article files, copied images, the
//! ledger, and a [`Summary`]. The only part of the importers that writes to the disk.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::article::{Item, path_for, render};
use super::ledger::{self, Decision, Entry, Ledger};
pub use super::summary::Summary;

/// Converts an item once the ledger says it is wanted: most of an import's work, and
/// none of a re-import's.
pub type Make = Box<dyn FnOnce() -> Result<Item, String> + Send>;

/// An item a reader found, not converted yet.
pub struct Pending {
    pub key: String,
    pub version: String,
    /// Where it was read (`export.xml:120`), for messages.
    pub origin: String,
    pub make: Make,
}

/// Where a reader puts what it finds: the [`Importer`], or a [`Collect`] in tests and
/// fuzzing.
pub trait Sink {
    fn found(&mut self, p: Pending);
    fn skip(&mut self, origin: impl Into<String>, why: impl Into<String>);
    fn error(&mut self, origin: impl Into<String>, what: impl Into<String>);
    fn note(&mut self, note: impl Into<String>);
    /// The size of the work ahead, in bytes or files, for the progress bar.
    fn set_total(&mut self, _total: u64, _bytes: bool) {}
    fn set_position(&mut self, _position: u64) {}
    /// True when the ledger holds exactly this version of `key` (nothing to do).
    fn is_unchanged(&self, _key: &str, _version: &str) -> bool {
        false
    }
    /// Counts an item found unchanged without being handed over.
    fn count_unchanged(&mut self) {}
    /// An old address of the source site that no item claims (`/category/harbour/`)
    /// and the path of this site that now answers for it (`/topics/harbour/`), for
    /// the site's redirect list.
    fn redirect(&mut self, from: String, to: String);
}

/// Converts every item at once and keeps everything: for tests and fuzzing.
#[derive(Default)]
pub struct Collect {
    pub items: Vec<Result<Item, String>>,
    pub skipped: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    pub notes: Vec<String>,
    pub redirects: Vec<(String, String)>,
}

impl Sink for Collect {
    fn redirect(&mut self, from: String, to: String) {
        self.redirects.push((from, to));
    }
    fn found(&mut self, p: Pending) {
        self.items.push((p.make)());
    }
    fn skip(&mut self, origin: impl Into<String>, why: impl Into<String>) {
        self.skipped.push((origin.into(), why.into()));
    }
    fn error(&mut self, origin: impl Into<String>, what: impl Into<String>) {
        self.errors.push((origin.into(), what.into()));
    }
    fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }
}

/// Takes found items and writes them.
pub struct Importer {
    root: PathBuf,
    tz: Tz,
    max_bytes: u64,
    /// Shared with the reader's [`Relay`](super::relay::Relay) until the first change
    /// (copied then), so a re-import that changes nothing never copies it.
    ledger: Arc<Ledger>,
    batch: Vec<Pending>,
    /// Paths taken by the ledger or this run, so no two items share a file.
    taken: HashSet<String>,
    /// Folders known to exist, so each is made once, and whether this run made them
    /// (then every file in them is one of `taken`).
    made_dirs: HashMap<PathBuf, bool>,
    /// For the site's redirect list, in the order found.
    redirects: Vec<(String, String)>,
    /// The last batch's files being written, while the next batch is converted.
    writing: Option<std::thread::JoinHandle<Vec<Written>>>,
    pub summary: Summary,
    pub progress: ProgressBar,
}

impl Sink for Importer {
    fn set_total(&mut self, total: u64, bytes: bool) {
        set_style(&self.progress, total, bytes);
    }

    fn found(&mut self, p: Pending) {
        self.batch.push(p);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn skip(&mut self, origin: impl Into<String>, why: impl Into<String>) {
        self.summary.skipped.push((origin.into(), why.into()));
    }

    fn error(&mut self, origin: impl Into<String>, what: impl Into<String>) {
        self.summary.errors.push((origin.into(), what.into()));
    }

    fn note(&mut self, note: impl Into<String>) {
        *self.summary.notes.entry(note.into()).or_default() += 1;
    }

    fn set_position(&mut self, position: u64) {
        self.progress.set_position(position);
    }
    fn is_unchanged(&self, key: &str, version: &str) -> bool {
        self.ledger.decide(key, version) == Decision::Same
    }
    fn count_unchanged(&mut self) {
        self.summary.unchanged += 1;
    }
    fn redirect(&mut self, from: String, to: String) {
        self.redirects.push((from, to));
    }
}

/// Sets a progress bar to `total` units, bytes or files.
pub fn set_style(progress: &ProgressBar, total: u64, bytes: bool) {
    progress.set_length(total);
    let template = if bytes {
        "{bar:40} {bytes}/{total_bytes} {msg}"
    } else {
        "{bar:40} {pos}/{len} files {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        progress.set_style(style);
    }
}

/// Copies an image unless a file of the same size is already there.
fn copy(from: &Path, dest: &Path) -> std::io::Result<()> {
    let size = std::fs::metadata(from)?.len();
    if std::fs::metadata(dest).is_ok_and(|m| m.len() == size) {
        return Ok(());
    }
    std::fs::copy(from, dest)?;
    Ok(())
}

/// Writes one queued file and its images; returns whether the file was written and
/// what went wrong.
fn write_job(root: &Path, job: &Job) -> (bool, Vec<String>) {
    let mut problems = Vec::new();
    let path = root.join(&job.path);
    // A new file's path is free; an update is written only if its bytes changed.
    let same = !job.new && std::fs::read(&path).is_ok_and(|old| old == job.text.as_bytes());
    if !same && let Err(e) = std::fs::write(&path, &job.text) {
        problems.push(format!("cannot write {}: {e}", job.path));
    }
    for (from, to) in &job.copies {
        if let Err(e) = copy(from, &root.join(to)) {
            problems.push(format!("cannot copy {}: {e}", from.display()));
        }
    }
    (!same, problems)
}

/// What became of a job: where it came from, whether its file was written, and what
/// went wrong.
type Written = (String, bool, Vec<String>);

/// A file to write, decided in order and written beside the next batch's conversion.
struct Job {
    origin: String,
    path: String,
    text: String,
    copies: Vec<(PathBuf, String)>,
    notes: Vec<String>,
    /// At a path no file had: written without reading first.
    new: bool,
}

/// Items converted together: big enough to keep both cores busy, small enough that
/// memory stays flat however large the export.
const BATCH: usize = 512;

enum Prepared {
    Unchanged,
    Older(String),
    Write { item: Box<Item>, text: String },
    Failed(String),
}

impl Importer {
    pub fn new(root: &Path, tz: Tz, max_bytes: u64) -> Result<Importer, String> {
        let ledger = Ledger::load(root)?;
        let taken = ledger.items.values().map(|e| e.path.clone()).collect();
        let progress = if std::io::stderr().is_terminal() {
            ProgressBar::new(0)
        } else {
            ProgressBar::hidden()
        };
        Ok(Importer {
            root: root.to_path_buf(),
            tz,
            max_bytes,
            ledger: Arc::new(ledger),
            batch: Vec::with_capacity(BATCH),
            taken,
            made_dirs: HashMap::new(),
            redirects: Vec::new(),
            writing: None,
            summary: Summary::default(),
            progress,
        })
    }

    /// The ledger as it stands.
    pub fn ledger(&self) -> &Arc<Ledger> {
        &self.ledger
    }

    /// Converts and writes the batch.
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        let ledger = &self.ledger;
        let prepared: Vec<(String, String, String, Prepared)> = batch
            .into_par_iter()
            .map(|p| {
                let prepared = match ledger.decide(&p.key, &p.version) {
                    Decision::Same => Prepared::Unchanged,
                    Decision::Older(v) => Prepared::Older(v),
                    Decision::New | Decision::Newer => match (p.make)() {
                        Ok(item) => {
                            let text = render(&item, &item.slug);
                            Prepared::Write {
                                item: Box::new(item),
                                text,
                            }
                        }
                        Err(e) => Prepared::Failed(e),
                    },
                };
                (p.key, p.version, p.origin, prepared)
            })
            .collect();
        // Decided in order (paths, the ledger) once the last batch's files are written
        // (a later version of a story reads its file); written on a thread of their
        // own while the next batch is converted (files of one folder are made one at a
        // time anyway: the kernel locks the folder); recorded in order.
        self.wait_for_writes();
        let mut jobs: Vec<Job> = Vec::new();
        let mut planned: HashMap<String, usize> = HashMap::new();
        for (key, version, origin, prepared) in prepared {
            self.plan(key, version, origin, prepared, &mut jobs, &mut planned);
        }
        for job in &mut jobs {
            for n in std::mem::take(&mut job.notes) {
                self.note(n);
            }
        }
        if !jobs.is_empty() {
            let root = self.root.clone();
            self.writing = Some(std::thread::spawn(move || {
                jobs.into_iter()
                    .map(|j| {
                        let (changed, problems) = write_job(&root, &j);
                        (j.origin, changed, problems)
                    })
                    .collect()
            }));
        }
        self.progress
            .set_message(format!("{} imported", self.summary.imported));
    }

    /// Decides where an item goes (and whether it may be written at all), updates the
    /// ledger and counts, and queues the file.
    #[allow(clippy::too_many_lines)] // the ledger, the counts and the queue are updated together, item by item
    fn plan(
        &mut self,
        key: String,
        version: String,
        origin: String,
        prepared: Prepared,
        jobs: &mut Vec<Job>,
        planned: &mut HashMap<String, usize>,
    ) {
        let older =
            |v: String| format!("older than the version already imported ({v}); not written");
        let (item, text) = match prepared {
            Prepared::Failed(e) => return self.error(origin, e),
            Prepared::Unchanged => {
                self.summary.unchanged += 1;
                return;
            }
            Prepared::Older(v) => return self.skip(origin, older(v)),
            Prepared::Write { item, text } => (item, text),
        };
        let mut item = item;
        // Decided again: an earlier item of this batch may have been the same story.
        let decision = self.ledger.decide(&key, &version);
        let mut found_same = false;
        // The article as it stands, for an update.
        let mut before: Option<String> = None;
        let (path, slug) = match decision {
            Decision::Same => {
                self.summary.unchanged += 1;
                return;
            }
            Decision::Older(v) => return self.skip(origin, older(v)),
            Decision::Newer => {
                let entry = self.ledger.items[&key].clone();
                // A story queued earlier in this batch is replaced, not read back.
                if let Some(&i) = planned.get(&key) {
                    before = Some(jobs[i].text.clone());
                } else {
                    match std::fs::read(self.root.join(&entry.path)) {
                        Err(_) => {
                            return self.skip(
                                origin,
                                format!(
                                    "{} was removed since it was imported; not written again (remove its entry from {} to import it anew)",
                                    entry.path,
                                    ledger::FILE
                                ),
                            );
                        }
                        Ok(bytes) if ledger::hash(&bytes) != entry.hash => {
                            return self.skip(
                                origin,
                                format!(
                                    "edited by hand since it was imported; {} not overwritten with version {version}",
                                    entry.path
                                ),
                            );
                        }
                        Ok(bytes) => before = Some(String::from_utf8_lossy(&bytes).into_owned()),
                    }
                }
                // The URL is a promise: an update keeps the file and slug it had.
                let slug = Path::new(&entry.path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| item.slug.clone());
                (entry.path, slug)
            }
            Decision::New => {
                let (path, slug, same) = self.free_path(&item, &text);
                found_same = same;
                (path, slug)
            }
        };
        // A date that is only this version's time moves to the first one imported:
        // the story was published then, and its URL says so.
        let first = before.as_deref().and_then(super::article::written_date);
        let mut redated = false;
        if let (true, Some(first)) = (item.date_from_version, first)
            && item.date != Some(first)
        {
            item.updated = item.date.filter(|d| *d > first).or(item.updated);
            item.date = Some(first);
            redated = true;
        }
        let text = if slug == item.slug && !redated {
            text
        } else {
            render(&item, &slug)
        };
        if text.len() as u64 > self.max_bytes {
            return self.error(
                origin,
                format!(
                    "the article would be {} bytes, above max_article_bytes ({}); not written",
                    text.len(),
                    self.max_bytes
                ),
            );
        }
        // Folders are made here, in order, so the parallel writes only create files.
        let mut problems = Vec::new();
        for dir in std::iter::once(path.as_str())
            .chain(item.copies.iter().map(|(_, to)| to.as_str()))
            .filter_map(|p| Path::new(p).parent())
        {
            if !self.made_dirs.contains_key(dir) {
                let existed = self.root.join(dir).is_dir();
                match std::fs::create_dir_all(self.root.join(dir)) {
                    Ok(()) => {
                        self.made_dirs.insert(dir.to_path_buf(), !existed);
                    }
                    Err(e) => problems.push(format!("cannot make {}: {e}", dir.display())),
                }
            }
        }
        if !problems.is_empty() {
            return problems
                .into_iter()
                .for_each(|p| self.error(origin.clone(), p));
        }
        if decision == Decision::New {
            self.summary.imported += 1;
        } else {
            self.summary.updated += 1;
        }
        self.taken.insert(path.clone());
        Arc::make_mut(&mut self.ledger).items.insert(
            key.clone(),
            Entry {
                version,
                hash: ledger::hash(text.as_bytes()),
                path: path.clone(),
            },
        );
        let job = Job {
            origin,
            path,
            text,
            copies: item.copies,
            notes: item.notes,
            // A new file at a free path is written without reading first; a file
            // found holding the same bytes is compared, so it is left as it is.
            new: decision == Decision::New && !found_same,
        };
        match planned.get(&key) {
            Some(&i) => {
                jobs[i] = Job {
                    new: jobs[i].new,
                    ..job
                }
            }
            None => {
                planned.insert(key, jobs.len());
                jobs.push(job);
            }
        }
    }

    /// Waits for the files of the batch being written, and records what became of them.
    fn wait_for_writes(&mut self) {
        let Some(writing) = self.writing.take() else {
            return;
        };
        let written = writing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        for (origin, changed, problems) in written {
            self.summary.written += usize::from(changed);
            for p in problems {
                self.error(origin.clone(), p);
            }
        }
    }

    /// A path and slug for a new item that no other file has.
    /// A file already holding exactly what would be written (an import stopped before
    /// it wrote its ledger) is taken as this item's, not doubled as `slug-2`.
    fn free_path(&self, item: &Item, text: &str) -> (String, String, bool) {
        let mut slug = item.slug.clone();
        let mut n = 1;
        loop {
            let path = path_for(item, &slug, self.tz);
            // In a folder this run made, only the files it wrote can be there.
            let made = Path::new(&path)
                .parent()
                .is_some_and(|d| self.made_dirs.get(d) == Some(&true));
            if !self.taken.contains(&path) {
                if made {
                    return (path, slug, false);
                }
                match std::fs::read(self.root.join(&path)) {
                    Err(_) => return (path, slug, false),
                    Ok(bytes) if n == 1 && bytes == text.as_bytes() => return (path, slug, true),
                    Ok(_) => {}
                }
            }
            n += 1;
            slug = format!("{}-{n}", item.slug);
        }
    }

    /// Adds the redirects found to the site's redirect list, keeping every line it
    /// has (a person's edits too); writes it only when something was added.
    fn save_redirects(&mut self) {
        use crate::urls::list;
        if self.redirects.is_empty() {
            return;
        }
        let path = self.root.join(list::FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return self
                    .summary
                    .errors
                    .push((list::FILE.to_string(), format!("cannot read: {e}")));
            }
        };
        if let Some(merged) = list::merge(&text, &self.redirects) {
            match std::fs::write(&path, merged) {
                Ok(()) => self.summary.written += 1,
                Err(e) => self
                    .summary
                    .errors
                    .push((list::FILE.to_string(), format!("cannot write: {e}"))),
            }
        }
    }

    /// Writes what is left and the ledger; returns the summary.
    pub fn finish(mut self) -> Summary {
        self.flush();
        self.wait_for_writes();
        self.progress.finish_and_clear();
        self.save_redirects();
        match self.ledger.save(&self.root) {
            Ok(true) => self.summary.written += 1,
            Ok(false) => {}
            Err(e) => self
                .summary
                .errors
                .push((ledger::FILE.to_string(), format!("cannot write: {e}"))),
        }
        self.summary
    }
}
