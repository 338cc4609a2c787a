//! Which pages an incremental render renders: every page's fingerprint as last
//! published, and the [`Sink`] that compares new fingerprints with them.
//! Input: fingerprints from the renderer. Output: rendered pages and updated records.

use std::collections::HashMap;
use std::sync::Mutex;

use super::templates::Reach;
use crate::render::Sink;

/// A page as last published: the fingerprint of its template and inputs, and the
/// number of the render that last saw it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRecord {
    pub fingerprint: u64,
    pub seen: u64,
}

/// The sink of an incremental render: decides from fingerprints which pages to
/// render, updates the page records in place (remembering old values, to undo them
/// if the render fails) and keeps what was rendered.
pub struct PreviewSink<'a> {
    pub versions: Vec<u64>,
    pub reach: &'a Reach,
    pub everything: bool,
    pub render: u64,
    pub records: Mutex<Records<'a>>,
    pub rendered: Mutex<Vec<(String, Vec<u8>)>>,
}

pub struct Records<'a> {
    pub pages: &'a mut HashMap<String, PageRecord>,
    /// Previous records of pages whose fingerprint changed (`None`: new page).
    pub undo: Vec<(String, Option<PageRecord>)>,
}

impl Sink for PreviewSink<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        self.rendered
            .lock()
            .expect("no panics while holding the lock")
            .push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }

    fn versions(&self) -> Option<&[u64]> {
        Some(&self.versions)
    }

    fn wants(&self, rel: &str, template: &str, fingerprint: u64) -> bool {
        let forced = self.everything || self.reach.contains(template);
        let mut records = self
            .records
            .lock()
            .expect("no panics while holding the lock");
        let record = PageRecord {
            fingerprint,
            seen: self.render,
        };
        match records.pages.get_mut(rel) {
            Some(old) if old.fingerprint == fingerprint => {
                old.seen = self.render;
                forced
            }
            Some(old) => {
                let before = *old;
                *old = record;
                records.undo.push((rel.to_string(), Some(before)));
                true
            }
            None => {
                records.pages.insert(rel.to_string(), record);
                records.undo.push((rel.to_string(), None));
                true
            }
        }
    }
}
