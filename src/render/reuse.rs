//! The page-reuse record, the one `build` and `serve` share: each page's fingerprint
//! (see [`super::Sink::wants`]) as last rendered, under a key of what every page
//! depends on besides its own inputs. A page whose fingerprint is unchanged under
//! the same key renders to the same bytes, so it is not rendered again. `build`
//! keeps the record in the output's manifest (`write`), `serve` in memory.
//! Input: paths and fingerprints. Output: whether a page can be reused. Pure.

use std::collections::HashMap;

/// Each page's fingerprint as last rendered, by output path.
#[derive(Debug, Default, Clone)]
pub struct PageRecord {
    key: Option<u64>,
    pages: HashMap<String, u64>,
}

impl PageRecord {
    /// An empty record under `key` (`None`: nothing made under it is ever reused).
    pub fn new(key: Option<u64>) -> Self {
        PageRecord {
            key,
            pages: HashMap::new(),
        }
    }

    pub fn key(&self) -> Option<u64> {
        self.key
    }

    /// Whether the page at `rel` was last rendered with `fingerprint` under `key`:
    /// then what was rendered then is what would be rendered now.
    pub fn unchanged(&self, key: Option<u64>, rel: &str, fingerprint: u64) -> bool {
        key.is_some() && self.key == key && self.pages.get(rel) == Some(&fingerprint)
    }

    pub fn get(&self, rel: &str) -> Option<u64> {
        self.pages.get(rel).copied()
    }

    /// Records the page at `rel` as rendered with `fingerprint`; the previous one.
    pub fn insert(&mut self, rel: &str, fingerprint: u64) -> Option<u64> {
        self.pages.insert(rel.to_string(), fingerprint)
    }

    pub fn remove(&mut self, rel: &str) -> Option<u64> {
        self.pages.remove(rel)
    }

    /// Forgets every page `keep` says no to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.pages.retain(|rel, _| keep(rel));
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
        record.retain(|rel| rel != "a/index.html");
        assert!(record.is_empty());
    }
}
