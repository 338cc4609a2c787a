//! The index's files: word shards, document blocks, facet lists and the manifest
//! naming them. Input: the document slots, oldest first (a document's number is its
//! place there; an empty slot is a story no longer found, see [`super::Slot`]). Output: `(path, bytes)` under `search/`, every name a fingerprint
//! of its bytes. Pure; same articles, same bytes.
//!
//! Formats (each file gzip-compressed; the client inflates with the browser's
//! `DecompressionStream`):
//! - word shard: for each word, sorted: varint byte length, the word (UTF-8), varint
//!   document count, then per document the varint gap from the previous number and
//!   the weight byte ([`super::words`]).
//! - document block: JSON `[[path, title, credit, "YYYY-MM-DD", teaser, lang], ...]`,
//!   [`BLOCK`] documents each, in number order; an empty slot is `null`.
//! - facet: JSON `{"value": [gap, gap, ...], ...}`, the settled documents of each
//!   value; the recent facet file is `{"kind": {"value": [gap, ...]}, ...}`.
//! - recent tier: word files of the shard format, one per [`RECENT_GROUPS`] group.
//! - manifest: JSON, read first; see [`manifest`].

use std::collections::BTreeMap;
use std::io::Write;

use chrono::Datelike;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::Slot;

/// Documents per document block: a page of results fetches at most a few.
pub(super) const BLOCK: usize = 16;
/// A shard of a two-character prefix larger than this (before compression) is split
/// into shards of three-character prefixes, so a query fetches little even for the
/// commonest beginnings (`pa`, `co`).
pub(super) const SPLIT_BYTES: usize = 16 * 1024;
/// Documents are settled in runs of this many: those before the last multiple of
/// it (the settled tier) are in the word shards and facet files, the rest (the
/// recent tier, fewer than this) in a few small files that every query reads. So
/// publishing a story rewrites the recent files, not a shard for each of its words;
/// once a run is complete it moves to the shards (one publication in this many
/// rewrites the shards of the run's words).
pub(super) const RECENT: usize = 256;
/// Files of the recent tier's words: a query reads the one of each of its words.
pub(super) const RECENT_GROUPS: usize = 4;
/// Characters of a teaser.
const TEASER_CHARS: usize = 180;

/// A file of the index: path under the output root, and its bytes.
pub type File = (String, Vec<u8>);

/// Postings of every word, sorted by word: word → (document number, weight),
/// numbers ascending.
pub(super) type Postings<'a> = Vec<(&'a str, Vec<(u32, u8)>)>;

/// Every word's postings, from articles oldest first; `docs` begins at document
/// number `first`.
pub(super) fn postings<'a>(docs: &[Slot<'a>], first: usize) -> Postings<'a> {
    // Hashed while gathering (millions of words), sorted once at the end.
    let mut out: rustc_hash::FxHashMap<&'a str, Vec<(u32, u8)>> = Default::default();
    for (n, a) in docs.iter().enumerate() {
        let Some(a) = a else { continue };
        for (w, weight) in a.search.iter() {
            out.entry(w).or_default().push(((first + n) as u32, weight));
        }
    }
    let mut out: Postings<'a> = out.into_iter().collect();
    out.sort_unstable_by(|a, b| a.0.cmp(b.0));
    out
}

/// The first `n` characters of `w` (all of it when shorter).
pub(super) fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// The word shards: prefix → file. A word goes to the shard of its first character;
/// a shard larger than [`SPLIT_BYTES`] is split by one more character, down to
/// three (a word no longer than the shard's prefix stays in it). Where a word goes
/// depends only on the words sharing its prefix, so a new story rewrites only the
/// shards of its own words (and splits one when it grows past the limit).
pub(super) fn shards(postings: &Postings) -> Vec<(String, File)> {
    // By first character, in parallel: each group is split and compressed on its own.
    let mut groups: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
    for (w, list) in postings {
        groups
            .entry(prefix(w, 1))
            .or_default()
            .push((w, list.as_slice()));
    }
    let groups: Vec<(&str, Vec<Entry>)> = groups.into_iter().collect();
    groups
        .into_par_iter()
        .flat_map_iter(|(key, words)| {
            let mut out = Vec::new();
            place(key, words, 1, &mut out);
            out
        })
        .collect()
}

/// The recent tier's files: the postings of the documents after the settled ones, in
/// [`RECENT_GROUPS`] files by the first character of the word ([`group`]); `None`
/// for a group without words. A new story rewrites these few files instead of one
/// shard per word it holds.
pub(super) fn recent(postings: &Postings) -> Vec<Option<File>> {
    let mut groups: Vec<Vec<Entry>> = vec![Vec::new(); RECENT_GROUPS];
    for (w, list) in postings {
        groups[group(w)].push((w, list.as_slice()));
    }
    groups
        .into_par_iter()
        .map(|words| (!words.is_empty()).then(|| file("w", &encode_words(&words))))
        .collect()
}

/// The recent tier's group of a word: its first character's code point modulo
/// [`RECENT_GROUPS`] (the client computes the same).
fn group(w: &str) -> usize {
    w.chars().next().map_or(0, |c| c as usize % RECENT_GROUPS)
}

/// The most characters a shard's prefix has.
const MAX_DEPTH: usize = 3;

type Entry<'a> = (&'a str, &'a [(u32, u8)]);

/// Puts the `words` beginning with `key` (of `depth` characters) into one shard, or
/// splits them by their next character.
fn place(key: &str, words: Vec<Entry>, depth: usize, out: &mut Vec<(String, File)>) {
    let bytes = encode_words(&words);
    if bytes.len() <= SPLIT_BYTES || depth >= MAX_DEPTH {
        out.push((key.to_string(), file("w", &bytes)));
        return;
    }
    let mut stay = Vec::new();
    let mut groups: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
    for (w, list) in words {
        if w.chars().nth(depth).is_none() {
            stay.push((w, list));
        } else {
            groups
                .entry(prefix(w, depth + 1))
                .or_default()
                .push((w, list));
        }
    }
    if !stay.is_empty() {
        out.push((key.to_string(), file("w", &encode_words(&stay))));
    }
    for (next, words) in groups {
        place(next, words, depth + 1, out);
    }
}

fn encode_words(words: &[(&str, &[(u32, u8)])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (w, list) in words {
        varint(&mut out, w.len() as u32);
        out.extend_from_slice(w.as_bytes());
        varint(&mut out, list.len() as u32);
        let mut last = 0;
        for &(n, weight) in *list {
            varint(&mut out, n - last);
            out.push(weight);
            last = n;
        }
    }
    out
}

/// LEB128: seven bits a byte, low first.
fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The document blocks, in order.
pub(super) fn blocks(docs: &[Slot], tz: chrono_tz::Tz) -> Vec<File> {
    docs.par_chunks(BLOCK)
        .map(|chunk| {
            let rows: Vec<Value> = chunk
                .iter()
                .map(|a| {
                    let Some(a) = a else { return Value::Null };
                    let d = a.date.with_timezone(&tz);
                    json!([
                        a.path,
                        a.title,
                        a.credit,
                        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
                        crate::parse::markdown::truncate_words(&a.summary, TEASER_CHARS),
                        a.lang,
                    ])
                })
                .collect();
            file("d", &serde_json::to_vec(&rows).expect("JSON of strings"))
        })
        .collect()
}

/// The facets of a site's documents: per kind, the settled tier's file and the
/// values with their counts over both tiers; and the recent tier's file, every kind
/// in one.
pub(super) struct Facets {
    /// Kind → (file of the settled documents, values with their counts, most
    /// documents first).
    pub kinds: Vec<(&'static str, File, Value)>,
    /// JSON `{"kind": {"value": [gap, ...]}}` of the documents from `settled` on;
    /// `None` when there are none.
    pub recent: Option<File>,
}

/// The facets of `docs`: topic, agency, year and author, and with `editions` (one
/// value per document: the `lang` of the edition it is in) the edition, which an
/// edition's search page keeps to. Documents before `settled` go to one file per
/// kind, the others to the recent file.
pub(super) fn facets(
    docs: &[Slot],
    tz: chrono_tz::Tz,
    editions: &[String],
    settled: usize,
) -> Facets {
    type Values = BTreeMap<String, Vec<u32>>;
    let mut kinds: Vec<(&str, Values)> = vec![
        ("topic", Values::new()),
        ("agency", Values::new()),
        ("year", Values::new()),
        ("author", Values::new()),
    ];
    if !editions.is_empty() {
        kinds.push(("edition", Values::new()));
    }
    for (n, a) in docs.iter().enumerate() {
        let Some(a) = a else { continue };
        let year = a.date.with_timezone(&tz).year().to_string();
        let lists: [&[String]; 5] = [
            &a.topics,
            &a.agencies,
            std::slice::from_ref(&year),
            &a.authors,
            editions.get(n).map_or(&[], std::slice::from_ref),
        ];
        let n = n as u32;
        for ((_, values), names) in kinds.iter_mut().zip(lists) {
            for name in names {
                let ids = values.entry(name.clone()).or_default();
                // An article naming one value twice is one document of it.
                if ids.last() != Some(&n) {
                    ids.push(n);
                }
            }
        }
    }
    // Each value's documents as gaps, of those in `range` only (values without any
    // left out).
    let gaps = |values: &Values, range: std::ops::Range<u32>| -> serde_json::Map<String, Value> {
        values
            .iter()
            .filter_map(|(name, ids)| {
                let mut last = 0;
                let gaps: Vec<u32> = ids
                    .iter()
                    .filter(|n| range.contains(n))
                    .map(|&n| {
                        let g = n - last;
                        last = n;
                        g
                    })
                    .collect();
                (!gaps.is_empty()).then(|| (name.clone(), json!(gaps)))
            })
            .collect()
    };
    let settled = settled as u32;
    let recent: serde_json::Map<String, Value> = kinds
        .iter()
        .filter_map(|(kind, values)| {
            let g = gaps(values, settled..u32::MAX);
            (!g.is_empty()).then(|| (kind.to_string(), Value::Object(g)))
        })
        .collect();
    let recent = (!recent.is_empty())
        .then(|| file("f", &serde_json::to_vec(&recent).expect("JSON of numbers")));
    let kinds = kinds
        .into_iter()
        .map(|(kind, values)| {
            let mut counts: Vec<(&String, usize)> =
                values.iter().map(|(name, ids)| (name, ids.len())).collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let bytes = serde_json::to_vec(&gaps(&values, 0..settled)).expect("JSON of numbers");
            (kind, file("f", &bytes), json!(counts))
        })
        .collect();
    Facets { kinds, recent }
}

/// A compressed file under `search/<dir>/`, named by a hash of its bytes.
pub(super) fn file(dir: &str, raw: &[u8]) -> File {
    let bytes = gzip(raw);
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    (format!("search/{dir}/{:012x}.bin", hash >> 16), bytes)
}

/// gzip at a fixed level, with no name or time in the header: same input, same bytes.
pub(super) fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new().mtime(0).write(
        Vec::with_capacity(raw.len() / 3),
        flate2::Compression::new(6),
    );
    enc.write_all(raw).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// The name of a file without `search/`: what the manifest lists.
pub(super) fn name(f: &File) -> &str {
    f.0.strip_prefix("search/").unwrap_or(&f.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX] {
            varint(&mut out, v);
        }
        assert_eq!(
            out,
            [0, 1, 127, 0x80, 1, 0xac, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]
        );
    }

    #[test]
    fn prefixes_count_characters() {
        assert_eq!(prefix("karachi", 2), "ka");
        assert_eq!(prefix("کراچی", 3), "کرا");
        assert_eq!(prefix("a", 3), "a");
    }

    #[test]
    fn a_large_shard_splits_by_one_more_character() {
        let many: Vec<(u32, u8)> = (0..3000).map(|n| (n * 3, 1)).collect();
        let mut p: Postings = ["p", "pa", "pakistan", "party", "parliament", "flood"]
            .map(|w| (w, many.clone()))
            .into();
        p.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let prefixes: Vec<String> = shards(&p).into_iter().map(|(k, _)| k).collect();
        // `f` is small; `p` and `pa` are split, keeping the words they are.
        assert_eq!(prefixes, ["f", "p", "pa", "pak", "par"]);
    }

    #[test]
    fn gzip_is_deterministic() {
        assert_eq!(gzip(b"flood karachi"), gzip(b"flood karachi"));
        assert_eq!(file("w", b"x").0, file("w", b"x").0);
        assert_ne!(file("w", b"x").0, file("w", b"y").0);
    }
}
