//! The output's manifest: one line per file with its hash, size and page
//! fingerprint, and one per bundle (a photo's derivatives) with its members', read
//! by the next build to leave unchanged files alone.
//! Pure text in and out; the caller reads and writes the file.

use rustc_hash::FxHashMap as HashMap;

use super::bundle::Bundle;

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
pub(super) const MANIFEST_HEADER: &str = "broadsheet manifest 3";

/// A manifest: its header line with the build key, then one line per file:
/// `hash len fingerprint path` (hex, decimal, hex or `-`, the rest of the line),
/// then one per bundle: `* len prefix members` (the size of its members in all,
/// then [`Bundle`]'s text).
pub(super) struct Manifest {
    pub(super) key: Option<u64>,
    pub(super) entries: HashMap<String, ManifestEntry>,
    pub(super) bundles: HashMap<String, Bundle>,
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
    use rayon::prelude::*;
    let (first, body) = text.split_once('\n').unwrap_or((text, ""));
    let Some(key) = first.strip_prefix(MANIFEST_HEADER) else {
        // Not a manifest this version can read: every file is written afresh.
        return Manifest {
            key: None,
            entries: HashMap::default(),
            bundles: HashMap::default(),
        };
    };
    let key = u64::from_str_radix(key.trim(), 16).ok();
    // A large site's manifest (a line per file, 80,000 with its photos) is read in
    // pieces at once, then gathered in order (a path written twice keeps its last).
    let parsed: Vec<Vec<Line>> = pieces(body, 16)
        .par_iter()
        .map(|piece| piece.lines().filter_map(parse_line).collect())
        .collect();
    let mut entries =
        HashMap::with_capacity_and_hasher(parsed.iter().map(Vec::len).sum(), Default::default());
    let mut bundles = HashMap::default();
    for line in parsed.into_iter().flatten() {
        match line {
            Line::File(rel, e) => {
                entries.insert(rel, e);
            }
            Line::Bundle(prefix, b) => {
                bundles.insert(prefix, b);
            }
        }
    }
    Manifest {
        key,
        entries,
        bundles,
    }
}

/// One line of a manifest.
enum Line {
    File(String, ManifestEntry),
    Bundle(String, Bundle),
}

/// `text` cut into about `n` pieces of whole lines.
fn pieces(text: &str, n: usize) -> Vec<&str> {
    let size = text.len() / n + 1;
    let mut out = Vec::with_capacity(n + 1);
    let mut rest = text;
    while !rest.is_empty() {
        // After a newline is always a character boundary.
        let cut = rest
            .as_bytes()
            .get(size..)
            .and_then(|after| memchr::memchr(b'\n', after))
            .map_or(rest.len(), |i| size + i + 1);
        let (piece, after) = rest.split_at(cut);
        out.push(piece);
        rest = after;
    }
    out
}

/// One line: `hash len fingerprint path`, or a bundle's `* len prefix members`.
fn parse_line(line: &str) -> Option<Line> {
    if let Some(bundle) = line.strip_prefix("* ") {
        let (len, rest) = bundle.split_once(' ')?;
        let (prefix, members) = rest.split_once(' ')?;
        let b = Bundle::parse(members, len.parse().ok()?)?;
        return Some(Line::Bundle(prefix.to_string(), b));
    }
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
    Some(Line::File(parts.next()?.to_string(), entry))
}

/// The manifest of `entries` and `bundles`, each sorted by path (prefix).
pub(super) fn manifest_text(
    key: Option<u64>,
    entries: &[(String, ManifestEntry, bool)],
    bundles: &[(String, Bundle, Vec<bool>)],
) -> String {
    use std::fmt::Write;
    let bundled: usize = bundles
        .iter()
        .map(|b| b.0.len() + b.1.text().len() + 4)
        .sum();
    let mut text = String::with_capacity(entries.len() * 80 + bundled + 40);
    let key = key.map_or("-".to_string(), |k| format!("{k:016x}"));
    let _ = writeln!(text, "{MANIFEST_HEADER} {key}");
    for (rel, e, _) in entries {
        let _ = write!(text, "{:016x} {} ", e.hash, e.len);
        let _ = match e.fingerprint {
            Some(fp) => writeln!(text, "{fp:016x} {rel}"),
            None => writeln!(text, "- {rel}"),
        };
    }
    for (prefix, b, _) in bundles {
        let _ = writeln!(text, "* {} {prefix} {}", b.len(), b.text());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_whole_however_it_is_cut() {
        let entries: Vec<(String, ManifestEntry, bool)> = (0..500u64)
            .map(|i| {
                let rel = format!("2024/{:02}/خبر {i}/index.html", i % 12);
                let fingerprint = (i % 3 != 0).then_some(i * 7);
                let entry = ManifestEntry {
                    hash: u64::MAX - i,
                    len: i * 100,
                    fingerprint,
                };
                (rel, entry, false)
            })
            .collect();
        let bundles: Vec<(String, Bundle, Vec<bool>)> = (0..40u64)
            .map(|i| {
                let members = format!("480.webp:{i:016x}:{i} crop-1x1.jpg:{:016x}:7", i + 1);
                (
                    format!("_img/{i:016x}-"),
                    Bundle::parse(&members, i + 7).unwrap(),
                    Vec::new(),
                )
            })
            .collect();
        let text = manifest_text(Some(0xabc), &entries, &bundles);
        let m = parse_manifest(&text);
        assert_eq!(m.key, Some(0xabc));
        assert_eq!(m.entries.len(), 500);
        for (rel, e, _) in &entries {
            assert_eq!(m.entries.get(rel), Some(e), "{rel}");
        }
        assert_eq!(m.bundles.len(), 40);
        for (prefix, b, _) in &bundles {
            assert_eq!(m.bundles.get(prefix), Some(b), "{prefix}");
        }
        let body = text.split_once('\n').unwrap().1;
        for n in [1, 2, 3, 16, 499, 5000] {
            let cut = pieces(body, n);
            assert_eq!(cut.concat(), body, "{n}");
            assert!(cut.iter().all(|p| p.ends_with('\n')), "whole lines, {n}");
        }
        // A later line for the same path wins, as when read in one piece.
        let twice = format!("{text}{:016x} 1 - {}\n", 5, entries[0].0);
        assert_eq!(parse_manifest(&twice).entries[&entries[0].0].hash, 5);
        assert!(
            parse_manifest("not a manifest\n1 2 - x\n")
                .entries
                .is_empty()
        );
        assert!(parse_manifest("").entries.is_empty());
    }
}
