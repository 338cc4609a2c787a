//! The page-reuse record, the one `build` and `serve` share: each page's fingerprint
//! (see [`super::Sink::wants`]) as last rendered, under a key of what every page
//! depends on besides its own inputs. A page whose fingerprint is unchanged under
//! the same key renders to the same bytes, so it is not rendered again. `build`
//! keeps the record in the output's manifest (`write`), `serve` in memory.
//! Input: paths and fingerprints. Output: whether a page can be reused. Pure.

use rustc_hash::FxHashMap as HashMap;

/// Each page's fingerprint as last rendered, by output path, and the number of the
/// last render that had the page (to find the pages a render no longer has).
#[derive(Debug, Default, Clone)]
pub struct PageRecord {
    key: Option<u64>,
    pages: HashMap<String, (u64, u64)>,
}

/// What [`PageRecord::see`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// The page has the fingerprint it had.
    Same,
    /// A new fingerprint, recorded; the previous one (`None`: a new page).
    Changed(Option<u64>),
}

impl PageRecord {
    /// An empty record under `key` (`None`: nothing made under it is ever reused).
    pub fn new(key: Option<u64>) -> Self {
        PageRecord {
            key,
            pages: HashMap::default(),
        }
    }

    pub fn key(&self) -> Option<u64> {
        self.key
    }

    /// Whether the page at `rel` was last rendered with `fingerprint` under `key`:
    /// then what was rendered then is what would be rendered now.
    pub fn unchanged(&self, key: Option<u64>, rel: &str, fingerprint: u64) -> bool {
        key.is_some() && self.key == key && self.get(rel) == Some(fingerprint)
    }

    pub fn get(&self, rel: &str) -> Option<u64> {
        self.pages.get(rel).map(|&(fingerprint, _)| fingerprint)
    }

    /// Records the page at `rel` as rendered with `fingerprint`; the previous one.
    pub fn insert(&mut self, rel: &str, fingerprint: u64) -> Option<u64> {
        self.pages
            .insert(rel.to_string(), (fingerprint, 0))
            .map(|(old, _)| old)
    }

    pub fn remove(&mut self, rel: &str) -> Option<u64> {
        self.pages.remove(rel).map(|(old, _)| old)
    }

    /// Render number `round` has the page at `rel` with `fingerprint`: marks it seen
    /// and records the fingerprint (one lookup; a preview render asks for every page).
    pub fn see(&mut self, rel: &str, fingerprint: u64, round: u64) -> Seen {
        match self.pages.get_mut(rel) {
            Some((old, seen)) => {
                *seen = round;
                if *old == fingerprint {
                    Seen::Same
                } else {
                    Seen::Changed(Some(std::mem::replace(old, fingerprint)))
                }
            }
            None => {
                self.pages.insert(rel.to_string(), (fingerprint, round));
                Seen::Changed(None)
            }
        }
    }

    /// Forgets every page render `round` did not see, handing each to `gone`.
    pub fn forget_unseen(&mut self, round: u64, mut gone: impl FnMut(&str)) {
        self.pages.retain(|rel, &mut (_, seen)| {
            let keep = seen == round;
            if !keep {
                gone(rel);
            }
            keep
        });
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_unchanged_only_under_the_same_key_with_the_same_fingerprint() {
        let mut record = PageRecord::new(Some(1));
        assert_eq!(record.insert("a/index.html", 7), None);
        let cases = [
            (Some(1), "a/index.html", 7, true),
            (Some(1), "a/index.html", 8, false),
            (Some(2), "a/index.html", 7, false),
            (None, "a/index.html", 7, false),
            (Some(1), "b/index.html", 7, false),
        ];
        for (key, rel, fp, want) in cases {
            assert_eq!(record.unchanged(key, rel, fp), want, "{key:?} {rel} {fp}");
        }
        // No key: nothing is ever reused, even the same fingerprint.
        let mut keyless = PageRecord::new(None);
        keyless.insert("a/index.html", 7);
        assert!(!keyless.unchanged(None, "a/index.html", 7));
        assert_eq!(record.insert("a/index.html", 9), Some(7));
        record.remove("a/index.html");
        assert!(record.is_empty());
    }

    #[test]
    fn pages_a_render_did_not_see_are_forgotten() {
        let mut record = PageRecord::new(Some(0));
        assert_eq!(record.see("a", 1, 1), Seen::Changed(None));
        assert_eq!(record.see("b", 2, 1), Seen::Changed(None));
        assert_eq!(record.see("a", 1, 2), Seen::Same);
        assert_eq!(record.see("c", 3, 2), Seen::Changed(None));
        let mut gone = Vec::new();
        record.forget_unseen(2, |rel| gone.push(rel.to_string()));
        assert_eq!(gone, ["b"]);
        assert_eq!(
            (record.get("a"), record.get("b"), record.get("c")),
            (Some(1), None, Some(3))
        );
        assert_eq!(record.see("a", 5, 3), Seen::Changed(Some(1)));
    }
}
