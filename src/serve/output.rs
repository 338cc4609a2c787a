//! What the preview serves right now: rendered pages and static files in memory, the
//! build status, and the events that tell open pages to reload.
//! Written by the rebuild thread, read by the HTTP server; it never touches the disk.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use tokio::sync::broadcast;

/// How many past generations are remembered, so a page that connects late still
/// learns that it changed after it was served.
const LOG_LEN: usize = 64;

/// Something open pages should hear about.
#[derive(Debug, Clone)]
pub enum Event {
    /// These output paths changed (pages, or static files other than stylesheets).
    Reload {
        generation: u64,
        keys: Arc<BTreeSet<String>>,
    },
    /// Anything may have changed (a script or image, or everything).
    ReloadAll { generation: u64 },
    /// Only these stylesheets changed (output paths); pages swap them in place.
    Css {
        generation: u64,
        keys: Arc<Vec<String>>,
    },
    /// The last change did not build; the overlay's HTML.
    Failed { overlay: Arc<str> },
    /// The site builds again.
    Fixed,
}

/// One batch of changes to what is served, applied at once.
#[derive(Debug, Default)]
pub struct Update {
    pub pages: Vec<(String, Bytes)>,
    pub removed_pages: Vec<String>,
    pub statics: Vec<(String, Bytes)>,
    pub removed_statics: Vec<String>,
    /// Every open page should reload (a full rebuild).
    pub reload_all: bool,
}

impl Update {
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
            && self.removed_pages.is_empty()
            && self.statics.is_empty()
            && self.removed_statics.is_empty()
            && !self.reload_all
    }
}

#[derive(Debug, Clone)]
enum Logged {
    Keys(Arc<BTreeSet<String>>),
    All,
}

#[derive(Default)]
struct Files {
    pages: HashMap<String, Bytes>,
    statics: HashMap<String, Bytes>,
}

struct Status {
    generation: u64,
    overlay: Option<Arc<str>>,
    log: VecDeque<(u64, Logged)>,
}

/// The served site, shared between the rebuild thread and the server.
pub struct Output {
    files: RwLock<Files>,
    status: RwLock<Status>,
    events: broadcast::Sender<Event>,
}

impl Default for Output {
    fn default() -> Self {
        Self::new()
    }
}

impl Output {
    pub fn new() -> Self {
        Output {
            files: RwLock::new(Files::default()),
            status: RwLock::new(Status {
                generation: 0,
                overlay: None,
                log: VecDeque::new(),
            }),
            events: broadcast::channel(256).0,
        }
    }

    /// A served file: static files first (they are copied over pages, as in `build`).
    pub fn get(&self, key: &str) -> Option<Bytes> {
        let files = self.files.read().expect("no panics while holding the lock");
        files
            .statics
            .get(key)
            .or_else(|| files.pages.get(key))
            .cloned()
    }

    pub fn contains(&self, key: &str) -> bool {
        let files = self.files.read().expect("no panics while holding the lock");
        files.statics.contains_key(key) || files.pages.contains_key(key)
    }

    /// A rendered page as it is served now (for comparing with a new rendering).
    pub fn page(&self, key: &str) -> Option<Bytes> {
        let files = self.files.read().expect("no panics while holding the lock");
        files.pages.get(key).cloned()
    }

    pub fn page_count(&self) -> usize {
        self.files.read().expect("no panics").pages.len()
    }

    pub fn generation(&self) -> u64 {
        self.status.read().expect("no panics").generation
    }

    /// The error overlay while the last change does not build.
    pub fn overlay(&self) -> Option<Arc<str>> {
        self.status.read().expect("no panics").overlay.clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// Whether any of `keys` changed after `generation` (true when too old to tell).
    pub fn changed_since(&self, generation: u64, keys: &[&str]) -> bool {
        let status = self.status.read().expect("no panics");
        if generation >= status.generation {
            return false;
        }
        let oldest = status.log.front().map_or(u64::MAX, |(g, _)| *g);
        if generation + 1 < oldest {
            return true;
        }
        status
            .log
            .iter()
            .filter(|(g, _)| *g > generation)
            .any(|(_, logged)| match logged {
                Logged::All => true,
                Logged::Keys(set) => keys.iter().any(|k| set.contains(*k)),
            })
    }

    /// Applies `update`, bumps the generation and tells open pages.
    /// Returns the new generation.
    pub fn publish(&self, update: Update) -> u64 {
        let mut page_keys: BTreeSet<String> = BTreeSet::new();
        let mut css: Vec<String> = Vec::new();
        let mut all = update.reload_all;
        {
            let mut files = self
                .files
                .write()
                .expect("no panics while holding the lock");
            for k in update.removed_pages {
                files.pages.remove(&k);
                page_keys.insert(k);
            }
            for (k, v) in update.pages {
                files.pages.insert(k.clone(), v);
                page_keys.insert(k);
            }
            for k in update.removed_statics {
                files.statics.remove(&k);
                all = true;
            }
            for (k, v) in update.statics {
                if k.ends_with(".css") {
                    css.push(k.clone());
                } else {
                    all = true;
                }
                files.statics.insert(k, v);
            }
        }
        let mut status = self
            .status
            .write()
            .expect("no panics while holding the lock");
        status.generation += 1;
        let generation = status.generation;
        let logged = if all {
            Logged::All
        } else {
            let mut keys = page_keys.clone();
            keys.extend(css.iter().cloned());
            Logged::Keys(Arc::new(keys))
        };
        status.log.push_back((generation, logged));
        while status.log.len() > LOG_LEN {
            status.log.pop_front();
        }
        drop(status);
        // Nobody listening is fine: sends fail only without receivers.
        if all {
            let _ = self.events.send(Event::ReloadAll { generation });
        } else {
            if !page_keys.is_empty() {
                let _ = self.events.send(Event::Reload {
                    generation,
                    keys: Arc::new(page_keys),
                });
            }
            if !css.is_empty() {
                let _ = self.events.send(Event::Css {
                    generation,
                    keys: Arc::new(css),
                });
            }
        }
        generation
    }

    /// The site builds again: hides the overlay.
    pub fn fixed(&self) {
        if self
            .status
            .write()
            .expect("no panics")
            .overlay
            .take()
            .is_some()
        {
            let _ = self.events.send(Event::Fixed);
        }
    }

    /// Keeps serving the last good site and shows `overlay` on every page.
    pub fn fail(&self, overlay: String) {
        let overlay: Arc<str> = overlay.into();
        self.status.write().expect("no panics").overlay = Some(overlay.clone());
        let _ = self.events.send(Event::Failed { overlay });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(k: &str) -> (String, Bytes) {
        (k.to_string(), Bytes::from_static(b"x"))
    }

    #[test]
    fn statics_shadow_pages_and_generations_log_changes() {
        let out = Output::new();
        let g1 = out.publish(Update {
            pages: vec![page("a/index.html"), page("style.css")],
            ..Update::default()
        });
        let g2 = out.publish(Update {
            statics: vec![("style.css".into(), Bytes::from_static(b"css"))],
            ..Update::default()
        });
        assert_eq!(out.get("style.css").unwrap(), Bytes::from_static(b"css"));
        assert!(out.changed_since(g1, &["style.css"]));
        assert!(!out.changed_since(g1, &["a/index.html"]));
        assert!(!out.changed_since(g2, &["style.css"]));
        assert!(out.changed_since(0, &["a/index.html"]));
    }

    #[test]
    fn publish_tells_listeners_what_changed() {
        let out = Output::new();
        let mut rx = out.subscribe();
        out.fail("<p>broken</p>".into());
        assert!(out.overlay().is_some());
        out.fixed();
        out.publish(Update {
            pages: vec![page("a/index.html")],
            statics: vec![("s.css".into(), Bytes::from_static(b""))],
            ..Update::default()
        });
        assert!(out.overlay().is_none());
        assert!(matches!(rx.try_recv(), Ok(Event::Failed { .. })));
        assert!(matches!(rx.try_recv(), Ok(Event::Fixed)));
        match rx.try_recv() {
            Ok(Event::Reload { keys, .. }) => assert!(keys.contains("a/index.html")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(rx.try_recv(), Ok(Event::Css { .. })));
    }
}
