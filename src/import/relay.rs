//! Reading beside converting: a reader runs on its own thread and hands what it finds
//! to the [`Importer`] through a bounded channel, so parsing the export (one core)
//! overlaps converting and writing the items found before (the other cores).
//! Input: a reader and an Importer. Output: the Importer's summary, the same as if
//! the reader had called the Importer directly (messages keep their order).

use std::sync::Arc;
use std::sync::mpsc::{SyncSender, sync_channel};

use indicatif::ProgressBar;

use super::ledger::{Decision, Ledger};
use super::run::{Importer, Pending, Sink, set_style};

/// Messages in flight at most: about two batches, so memory stays flat when the
/// reader is faster than the writers.
const CAPACITY: usize = 1024;

/// What a reader reported, in the order it reported it.
enum Message {
    Found(Pending),
    Skip(String, String),
    Error(String, String),
    Note(String),
    Redirect(String, String),
    Unchanged,
}

/// The reader's side: forwards everything to the Importer's thread.
pub struct Relay {
    to: SyncSender<Message>,
    /// The ledger as it was when the run began, to let the reader skip the bodies of
    /// unchanged items. The Importer decides every item handed over again.
    ledger: Arc<Ledger>,
    progress: ProgressBar,
}

impl Relay {
    fn send(&self, m: Message) {
        // The receiver lives until every sender is gone, unless the Importer's thread
        // panicked, and then the scope below passes that panic on.
        let _ = self.to.send(m);
    }
}

impl Sink for Relay {
    fn found(&mut self, p: Pending) {
        self.send(Message::Found(p));
    }
    fn skip(&mut self, origin: impl Into<String>, why: impl Into<String>) {
        self.send(Message::Skip(origin.into(), why.into()));
    }
    fn error(&mut self, origin: impl Into<String>, what: impl Into<String>) {
        self.send(Message::Error(origin.into(), what.into()));
    }
    fn note(&mut self, note: impl Into<String>) {
        self.send(Message::Note(note.into()));
    }
    fn set_total(&mut self, total: u64, bytes: bool) {
        set_style(&self.progress, total, bytes);
    }
    fn set_position(&mut self, position: u64) {
        self.progress.set_position(position);
    }
    fn is_unchanged(&self, key: &str, version: &str) -> bool {
        self.ledger.decide(key, version) == Decision::Same
    }
    fn count_unchanged(&mut self) {
        self.send(Message::Unchanged);
    }
    fn redirect(&mut self, from: String, to: String) {
        self.send(Message::Redirect(from, to));
    }
}

/// Runs `read` on a thread of its own, feeding `imp` on this one, and finishes the
/// import.
pub fn run(mut imp: Importer, read: impl FnOnce(&mut Relay) + Send) -> super::run::Summary {
    let (to, from) = sync_channel(CAPACITY);
    let mut relay = Relay {
        to,
        ledger: Arc::clone(imp.ledger()),
        progress: imp.progress.clone(),
    };
    std::thread::scope(|scope| {
        // The relay is dropped when the reader is done, which ends the loop below.
        scope.spawn(move || read(&mut relay));
        for m in from {
            match m {
                Message::Found(p) => imp.found(p),
                Message::Skip(origin, why) => imp.skip(origin, why),
                Message::Error(origin, what) => imp.error(origin, what),
                Message::Note(note) => imp.note(note),
                Message::Redirect(from, to) => imp.redirect(from, to),
                Message::Unchanged => imp.count_unchanged(),
            }
        }
    });
    imp.finish()
}
