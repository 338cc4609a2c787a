//! Tags an article's own words name without the article carrying them.
//! Input: a [`Site`] (its tag taxonomy, each article's title and lead). Output: per
//! article, the ids of the tags its title or lead mentions (carried or not).
//! No scoring.
//!
//! Desks tag unevenly: one story of a running story carries `Murad Ali Shah`, the next
//! names him in its lead and carries nothing. The site's own tags are its editors' list
//! of the people, places and bodies they follow, in every script they write, so a tag
//! found in the words of an untagged story is evidence of the same kind. Names are
//! matched as text words are compared ([`terms::for_each_single_word`]: case, letter
//! forms, inflection), whole words in order.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::index::Site;
use crate::parse::terms;

/// The longest tag matched, in words: names and places are short.
const MAX_WORDS: usize = 4;

/// Per article: the tag ids (ascending) its title and lead mention.
pub(super) fn mentioned_tags(site: &Site) -> Vec<Vec<u32>> {
    let mut by_words: FxHashMap<Box<[u32]>, u32> = FxHashMap::default();
    for (ti, term) in site.tags.terms.iter().enumerate() {
        let mut words = Vec::new();
        terms::for_each_single_word(&term.name, &mut |_, w| words.push(w));
        if !words.is_empty() && words.len() <= MAX_WORDS {
            // Two tags spelled alike after folding: the first (by slug) stands for both.
            by_words.entry(words.into()).or_insert(ti as u32);
        }
    }
    if by_words.is_empty() {
        return vec![Vec::new(); site.articles.len()];
    }
    // The words a tag begins with: most words of a lead begin none, and need no lookup.
    let firsts: FxHashSet<u32> = by_words.keys().map(|w| w[0]).collect();
    site.articles
        .par_iter()
        .with_min_len(256)
        .map_init(Vec::new, |words: &mut Vec<u32>, a| {
            words.clear();
            terms::for_each_single_word(&a.title, &mut |_, w| words.push(w));
            // A break between title and lead: no name spans them.
            words.push(u32::MAX);
            terms::for_each_single_word(&a.summary, &mut |_, w| words.push(w));
            let mut found = Vec::new();
            for i in 0..words.len() {
                if !firsts.contains(&words[i]) {
                    continue;
                }
                for len in 1..=MAX_WORDS.min(words.len() - i) {
                    if let Some(&t) = by_words.get(&words[i..i + len]) {
                        found.push(t);
                    }
                }
            }
            found.sort_unstable();
            found.dedup();
            found
        })
        .collect()
}
