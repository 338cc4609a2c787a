//! Which pages an incremental render renders: the preview's [`PageRecord`] (every
//! page's fingerprint as last published) and the [`Sink`] that compares new
//! fingerprints with it. Input: fingerprints from the renderer. Output: rendered
//! pages, the updated record and the pages this render saw.

use std::sync::Mutex;

use super::templates::Reach;
use crate::render::{PageRecord, Seen, Sink};

/// The preview's record is kept under one key: what the build key covers in `build`
/// (configuration, templates) makes the preview render everything or the pages a
/// template reaches instead.
pub const PREVIEW_KEY: Option<u64> = Some(0);

/// The sink of an incremental render: decides from fingerprints which pages to
/// render, updates the page record in place (remembering old values, to undo them
/// if the render fails) and keeps what was rendered.
pub struct PreviewSink<'a> {
    pub versions: Vec<u64>,
    /// The number of this render (pages it does not see are gone).
    pub round: u64,
    pub reach: &'a Reach,
    pub everything: bool,
    pub records: Mutex<Records<'a>>,
    pub rendered: Mutex<Vec<(String, Vec<u8>)>>,
}

pub struct Records<'a> {
    pub pages: &'a mut PageRecord,
    /// Previous fingerprints of pages whose fingerprint changed (`None`: new page).
    pub undo: Vec<(String, Option<u64>)>,
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
        match records.pages.see(rel, fingerprint, self.round) {
            Seen::Same => forced,
            Seen::Changed(before) => {
                records.undo.push((rel.to_string(), before));
                true
            }
        }
    }
}
