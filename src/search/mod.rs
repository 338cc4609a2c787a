//! Archive search, built with the site: the index is a by-product of parsing (each
//! article's [`Words`] are collected with its related-news terms and kept in the
//! parse cache). Input: the [`Site`]. Output: the index's files and the two URLs the
//! search page needs ([`Index`]). Pure: writes nothing, reads no clock.
//!
//! Only what the site publishes is indexed, and of that never a draft, an article
//! still under embargo, expired or withdrawn, whatever the build's flags (a preview
//! with `--drafts` shows drafts, but its index does not hold them). Documents are
//! numbered oldest first and the newest (fewer than [`encode::RECENT`]) kept in a
//! recent tier of a few files, so publishing a new story changes only those, the
//! last document block and the manifest.
//! docs/search.md describes the files and the client.

mod encode;
mod stop;
pub mod words;

use serde_json::{Value, json};

use crate::index::Site;
use crate::model::Article;
pub use encode::File;
pub use words::Words;

/// The client: dependency-free, written out as `search/search.<hash>.js`.
const SCRIPT: &str = include_str!("search.js");

/// The search index of a site.
#[derive(Debug, Clone)]
pub struct Index {
    /// Paths under the output root, as the search page links them.
    pub links: Links,
    /// Every file of the index, the script and the manifest among them.
    pub files: Vec<File>,
    /// Documents indexed.
    pub documents: usize,
}

/// What the search page loads: paths relative to the site's base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    pub manifest: String,
    pub script: String,
}

/// Whether `a` may be found by search at the build time `now`.
fn searchable(a: &Article, now: chrono::DateTime<chrono::FixedOffset>) -> bool {
    !a.draft && !a.withdrawn && a.visible_from() <= now && a.expires.is_none_or(|e| e > now)
}

/// A document number's story: `None` for one that was published and withdrawn,
/// whose number stays taken.
pub(super) type Slot<'a> = Option<&'a Article>;

/// The document slots, oldest first: every story published by now (not a draft, not
/// under embargo), `None` where search must not find it. A withdrawn story keeps its
/// number, so withdrawing one from the middle of the archive renumbers nothing: only
/// the shards of its words, its block and its facets change, not every shard holding
/// a later story.
fn documents(site: &Site) -> Vec<Slot<'_>> {
    let mut slots: Vec<Slot> = Vec::with_capacity(site.articles.len() + site.withdrawn_at.len());
    // Places in the archive newest first, withdrawn stories counted.
    let mut place = 0;
    let mut gaps = site.withdrawn_at.iter().peekable();
    for a in &site.articles {
        while gaps.next_if(|&&at| at as usize == place).is_some() {
            slots.push(None);
            place += 1;
        }
        place += 1;
        if !a.draft && a.visible_from() <= site.now {
            slots.push(searchable(a, site.now).then_some(a));
        }
    }
    slots.extend(gaps.map(|_| None));
    slots.reverse();
    slots
}

/// With `[[editions]]`, the edition each document is in, by the key an edition's
/// search page filters on ([`edition_key`]); empty without editions.
fn editions(site: &Site, docs: &[Slot]) -> Vec<String> {
    if site.scoped.is_empty() {
        return Vec::new();
    }
    let mut by_lang: std::collections::HashMap<&str, String> = Default::default();
    docs.iter()
        .map(|a| {
            let Some(a) = a else { return String::new() };
            by_lang
                .entry(a.lang.as_str())
                .or_insert_with(|| {
                    edition_key(site, crate::index::scope_of_lang(&site.config, &a.lang))
                })
                .clone()
        })
        .collect()
}

/// The value of the `edition` facet for the stories of scope `s`: its edition's
/// `lang`, else the site's language.
pub fn edition_key(site: &Site, s: u8) -> String {
    match site.scope(s).edition {
        Some(e) => site.config.editions[e].lang.clone(),
        None => site.config.language.clone(),
    }
}

/// Builds the index of `site`.
pub fn build(site: &Site) -> Index {
    let docs = documents(site);
    let tz = site.config.timezone;
    // The settled tier: documents before the last multiple of RECENT.
    let settled = docs.len() / encode::RECENT * encode::RECENT;
    let postings = encode::postings(&docs[..settled], 0);
    let shards = encode::shards(&postings);
    drop(postings);
    let recent = encode::recent(&encode::postings(&docs[settled..], settled));
    let blocks = encode::blocks(&docs, tz);
    let facets = encode::facets(&docs, tz, &editions(site, &docs), settled);
    let manifest = json!({
        "v": 2,
        "n": docs.len(),
        "base": site.config.base_path(),
        "block": encode::BLOCK,
        "w": shards.iter().map(|(p, f)| (p.clone(), json!(encode::name(f)))).collect::<serde_json::Map<_, _>>(),
        "settled": settled,
        "r": recent.iter().map(|f| f.as_ref().map(encode::name)).collect::<Vec<_>>(),
        "rf": facets.recent.as_ref().map(encode::name),
        "d": blocks.iter().map(encode::name).collect::<Vec<_>>(),
        "f": facets.kinds.iter().map(|(kind, f, values)| {
            (kind.to_string(), json!({"file": encode::name(f), "values": values}))
        }).collect::<serde_json::Map<_, _>>(),
        "stop": stop::all(),
        "latin": latin_folds(),
    });
    let manifest = encode::file("i", &serde_json::to_vec(&manifest).expect("JSON"));
    let hash = xxhash_rust::xxh3::xxh3_64(SCRIPT.as_bytes());
    let script = (
        format!("search/search.{:012x}.js", hash >> 16),
        SCRIPT.as_bytes().to_vec(),
    );
    let links = Links {
        manifest: manifest.0.clone(),
        script: script.0.clone(),
    };
    let mut files = vec![manifest, script];
    files.extend(shards.into_iter().map(|(_, f)| f));
    files.extend(recent.into_iter().flatten());
    files.extend(blocks);
    files.extend(facets.kinds.into_iter().map(|(_, f, _)| f));
    files.extend(facets.recent);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    Index {
        links,
        files,
        documents: docs.iter().flatten().count(),
    }
}

/// How Latin letters with diacritics fold (`ğ` → `g`, `ß` → `ss`), for the client
/// to fold a query exactly as the index: the folds of U+00C0–U+024F, then of
/// U+1E00–U+1EFF, each ended by `|`.
fn latin_folds() -> Value {
    let range = |from: u32, to: u32| {
        let mut out = String::new();
        for c in (from..=to).filter_map(char::from_u32) {
            crate::text::push_folded(c, crate::text::Fold::Loose, &mut out);
            out.push('|');
        }
        out
    };
    json!([range(0xc0, 0x24f), range(0x1e00, 0x1eff)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_folds_cover_both_ranges() {
        let v = latin_folds();
        let first: Vec<&str> = v[0].as_str().unwrap().split_terminator('|').collect();
        assert_eq!(first.len(), 0x24f - 0xc0 + 1);
        assert_eq!(first[0], "a"); // À
        assert_eq!(first[usize::from(b'\xdf' - 0xc0)], "ss"); // ß
        let second: Vec<&str> = v[1].as_str().unwrap().split_terminator('|').collect();
        assert_eq!(second.len(), 256);
    }
}
