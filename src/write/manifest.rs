//! The output's manifest: one line per file with its hash, size and page
//! fingerprint, read by the next build to leave unchanged files alone.
//! Pure text in and out; the caller reads and writes the file.

use rustc_hash::FxHashMap as HashMap;

/// One file of a manifest: content hash and size, and for pages the fingerprint of
/// everything their template saw. (No times: the manifest is part of the output, and
/// the same input must build the same bytes.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ManifestEntry {
    pub(super) hash: u64,
    pub(super) len: u64,
    pub(super) fingerprint: Option<u64>,
}

/// Where the manifest lives inside the output folder.
pub const MANIFEST: &str = ".broadsheet/manifest";
/// First line of a manifest, followed by the build key.
pub(super) const MANIFEST_HEADER: &str = "broadsheet manifest 2";

/// A manifest: its header line with the build key, then one line per file:
/// `hash len fingerprint path` (hex, decimal, hex or `-`, the rest of the line).
pub(super) struct Manifest {
    pub(super) key: Option<u64>,
    pub(super) entries: HashMap<String, ManifestEntry>,
}

impl Manifest {
    /// The pages' fingerprints, the build's page-reuse record.
    pub(super) fn pages(&self) -> crate::render::PageRecord {
        let mut record = crate::render::PageRecord::new(self.key);
        for (rel, e) in &self.entries {
            if let Some(fp) = e.fingerprint {
                record.insert(rel, fp);
            }
        }
        record
    }
}

pub(super) fn parse_manifest(text: &str) -> Manifest {
    let mut lines = text.lines();
    let Some(key) = lines.next().and_then(|l| l.strip_prefix(MANIFEST_HEADER)) else {
        // Not a manifest this version can read: every file is written afresh.
        return Manifest {
            key: None,
            entries: HashMap::default(),
        };
    };
    let key = u64::from_str_radix(key.trim(), 16).ok();
    let entries = lines
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            let fingerprint = match parts.next()? {
                "-" => None,
                fp => Some(u64::from_str_radix(fp, 16).ok()?),
            };
            let entry = ManifestEntry {
                hash,
                len,
                fingerprint,
            };
            Some((parts.next()?.to_string(), entry))
        })
        .collect();
    Manifest { key, entries }
}

pub(super) fn manifest_text(key: Option<u64>, entries: &[(String, ManifestEntry, bool)]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(entries.len() * 80 + 40);
    let key = key.map_or("-".to_string(), |k| format!("{k:016x}"));
    let _ = writeln!(text, "{MANIFEST_HEADER} {key}");
    for (rel, e, _) in entries {
        let _ = write!(text, "{:016x} {} ", e.hash, e.len);
        let _ = match e.fingerprint {
            Some(fp) => writeln!(text, "{fp:016x} {rel}"),
            None => writeln!(text, "- {rel}"),
        };
    }
    text
}
