//! What the preview serves besides pages: the site's photo derivatives and the
//! theme's and site's static files, each refreshed from what changed since the last
//! rebuild (new and changed files served, vanished ones dropped).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

use axum::body::Bytes;

use super::output::Update;
use super::state::{Preview, StaticStamp};
use crate::diagnostics::Diagnostic;
use crate::discover::{self, StaticSource, ThemeFiles};
use crate::index::Site;

/// Where the preview's photo derivatives go: those served already are kept (their
/// names carry a hash of the photo, so a served name never needs new bytes) without
/// being read again; new ones are kept in memory to be served.
struct Photos<'a> {
    served: &'a BTreeSet<String>,
    kept: Mutex<BTreeSet<String>>,
    new: crate::write::Memory,
}

impl crate::render::Sink for Photos<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        self.new.put(rel, bytes)
    }

    fn keep_bundle(&self, prefix: &str, names: &str) -> bool {
        let rels: Vec<String> = names.split(' ').map(|n| format!("{prefix}{n}")).collect();
        let mut kept = self.kept.lock().expect("no panics while holding the lock");
        if !rels
            .iter()
            .all(|rel| self.served.contains(rel) && !kept.contains(rel))
        {
            return false;
        }
        kept.extend(rels);
        true
    }
}

impl Preview {
    /// Processes the site's photos as a build does (unchanged ones come from the
    /// images cache), serves the derivatives not served yet and stops serving those
    /// no page uses any more. Their names carry a hash of the photo: a served name
    /// never needs new bytes.
    pub(super) fn refresh_photos(
        &mut self,
        root: &Path,
        site: &mut Site,
        update: &mut Update,
    ) -> Result<(), Vec<Diagnostic>> {
        let made = Photos {
            served: &self.photos,
            kept: Mutex::default(),
            new: crate::write::Memory::default(),
        };
        site.pictures = crate::images::process(root, site, &made)?.0;
        let mut served = made
            .kept
            .into_inner()
            .expect("no panics while holding the lock");
        for (rel, bytes) in made.new.into_files() {
            update.statics.push((rel.clone(), Bytes::from(bytes)));
            served.insert(rel);
        }
        for rel in &self.photos {
            if !served.contains(rel) {
                update.removed_statics.push(rel.clone());
            }
        }
        self.photos = served;
        Ok(())
    }

    /// Puts new and changed static files into `update`, and removes vanished ones.
    pub(super) fn refresh_statics(
        &mut self,
        files: &ThemeFiles,
        update: &mut Update,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut now: BTreeMap<String, StaticStamp> = BTreeMap::new();
        for s in &files.statics {
            let stamp = match &s.source {
                StaticSource::Embedded(b) => StaticStamp::Embedded(b.as_ptr() as usize, b.len()),
                StaticSource::Disk(p) => {
                    let meta = std::fs::metadata(p).ok();
                    StaticStamp::Disk(
                        p.clone(),
                        meta.as_ref().map_or(0, |m| m.len()),
                        meta.and_then(|m| m.modified().ok()),
                    )
                }
            };
            if self.statics.get(&s.rel) != Some(&stamp) {
                let bytes = match &s.source {
                    StaticSource::Embedded(b) => Bytes::from_static(b),
                    StaticSource::Disk(p) => Bytes::from(std::fs::read(p).map_err(|e| {
                        vec![Diagnostic::error(
                            discover::rel_path(&self.settings.root, p),
                            0,
                            0,
                            format!("cannot read static file: {e}"),
                        )]
                    })?),
                };
                update.statics.push((s.rel.clone(), bytes));
            }
            now.insert(s.rel.clone(), stamp);
        }
        for rel in self.statics.keys() {
            if !now.contains_key(rel) {
                update.removed_statics.push(rel.clone());
            }
        }
        self.statics = now;
        Ok(())
    }
}
