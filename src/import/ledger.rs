//! The import ledger, `import-ledger.json` in the site root: for every imported item,
//! keyed by the source's own id, the version imported, the file written and a hash of
//! that file as written. It is what makes an import repeatable: the same version is
//! left alone, a newer one updates its file, a file edited by hand is never overwritten.
//! Input and output: the ledger file (read once, written only when it changed).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub const FILE: &str = "import-ledger.json";

/// Marks a version that is a hash of the source file (Jekyll, Hugo, Zola): any other
/// hash is a newer version, as a file's content has no order.
pub const HASH_VERSION: &str = "xxh3:";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub version: String,
    /// The article file, relative to the site root.
    pub path: String,
    /// xxh3 of the file as the import wrote it (16 hex digits).
    pub hash: String,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Ledger {
    #[serde(default)]
    pub items: BTreeMap<String, Entry>,
}

/// What to do with an item of a given version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Not imported before.
    New,
    /// The version already imported.
    Same,
    /// A newer version than the one imported.
    Newer,
    /// An older version than the one imported (the string is the imported version).
    Older(String),
}

impl Ledger {
    /// Reads the ledger in `root`; an absent one is empty.
    pub fn load(root: &Path) -> Result<Ledger, String> {
        let path = root.join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| format!("{FILE}: cannot read the import ledger: {e}")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Ledger::default()),
            Err(e) => Err(format!("{FILE}: cannot read the import ledger: {e}")),
        }
    }

    /// The ledger as written: sorted by key, one entry per line, so it diffs well.
    pub fn to_text(&self) -> String {
        // Written straight into one buffer sized for the lot (about 180 bytes an
        // entry): at 100,000 entries, growing it and a string per entry cost more than
        // the writing.
        let mut out: Vec<u8> = Vec::with_capacity(32 + self.items.len() * 192);
        out.extend_from_slice(b"{\n  \"items\": {");
        let mut first = true;
        for (key, e) in &self.items {
            out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
            first = false;
            serde_json::to_writer(&mut out, key).expect("strings serialize");
            out.extend_from_slice(b": ");
            serde_json::to_writer(&mut out, e).expect("entries serialize");
        }
        out.extend_from_slice(if first { b"}\n}\n" } else { b"\n  }\n}\n" });
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// Writes the ledger unless the file already holds exactly this; true if written.
    pub fn save(&self, root: &Path) -> std::io::Result<bool> {
        let text = self.to_text();
        let path = root.join(FILE);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(false);
        }
        std::fs::write(&path, text)?;
        Ok(true)
    }

    pub fn decide(&self, key: &str, version: &str) -> Decision {
        match self.items.get(key) {
            None => Decision::New,
            Some(e) if version.starts_with(HASH_VERSION) && version != e.version => Decision::Newer,
            Some(e) => match compare_versions(version, &e.version) {
                Ordering::Equal => Decision::Same,
                Ordering::Greater => Decision::Newer,
                Ordering::Less => Decision::Older(e.version.clone()),
            },
        }
    }
}

/// Separates the parts of a version made of several (`3@2024-03-03T14:05:00Z`, a
/// number and then a time), compared part by part.
pub const PART: char = '@';

/// Versions compare part by part (see [`PART`]); each part as a number when both are
/// numbers (`10` after `9`), otherwise as text, which orders the ISO times WordPress
/// and the agencies write. A version with a further part is after one without.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let mut left = a.split(PART);
    let mut right = b.split(PART);
    loop {
        let order = match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (Some(_), None) => return Ordering::Greater,
            (None, Some(_)) => return Ordering::Less,
            (Some(x), Some(y)) => match (x.trim().parse::<u64>(), y.trim().parse::<u64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                _ => x.cmp(y),
            },
        };
        if order != Ordering::Equal {
            return order;
        }
    }
}

/// The hash the ledger keeps for a file's bytes.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_numbers_or_times() {
        let cases = [
            ("10", "9", Ordering::Greater),
            ("2", "2", Ordering::Equal),
            (
                "2024-01-02 10:00:00",
                "2024-01-02 09:59:59",
                Ordering::Greater,
            ),
            ("1", "2", Ordering::Less),
            (
                "3@2024-03-03T15:00:00Z",
                "3@2024-03-03T14:05:00Z",
                Ordering::Greater,
            ),
            (
                "10@2024-01-01T00:00:00Z",
                "9@2024-05-01T00:00:00Z",
                Ordering::Greater,
            ),
            ("3@2024-03-03T14:05:00Z", "3", Ordering::Greater),
            (
                "2@2024-03-03T14:05:00Z",
                "2@2024-03-03T14:05:00Z",
                Ordering::Equal,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(compare_versions(a, b), want, "{a} vs {b}");
        }
    }

    #[test]
    fn the_ledger_round_trips_sorted_and_is_not_rewritten_when_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = Ledger::default();
        for k in ["b", "a"] {
            l.items.insert(
                k.into(),
                Entry {
                    version: "1".into(),
                    path: format!("content/{k}.md"),
                    hash: hash(k.as_bytes()),
                },
            );
        }
        assert!(l.save(dir.path()).unwrap());
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(text.find("\"a\"").unwrap() < text.find("\"b\"").unwrap());
        let back = Ledger::load(dir.path()).unwrap();
        assert_eq!(back.items, l.items);
        assert!(!back.save(dir.path()).unwrap());
        assert_eq!(back.decide("a", "2"), Decision::Newer);
        assert_eq!(back.decide("a", "0"), Decision::Older("1".into()));
        assert_eq!(back.decide("c", "0"), Decision::New);
        assert_eq!(Ledger::default().to_text(), "{\n  \"items\": {}\n}\n");
        assert!(serde_json::from_str::<Ledger>(&Ledger::default().to_text()).is_ok());
    }
}
