//! Stop words per language: words too common to search for. A query does not say
//! its language, so the index and the client both leave out a word that is a stop
//! word in any of the lists (the client gets them in the index's manifest).

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use crate::text::{Fold, push_folded};

/// English.
const EN: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but",
    "by", "for", "from", "had", "has", "have", "he", "her", "his", "if", "in", "into", "is", "it",
    "its", "of", "on", "or", "said", "she", "that", "the", "their", "they", "this", "to", "was",
    "were", "which", "who", "will", "with",
];

/// Urdu postpositions, auxiliaries and pronouns.
const UR: &[&str] = &[
    "اس", "ان", "اور", "ایک", "بھی", "تک", "تھا", "تھی", "تھے", "جو", "سے", "لیے", "میں", "نے",
    "وہ", "پر", "کا", "کر", "کو", "کہ", "کی", "کے", "ہو", "ہی", "ہیں", "ہے", "یہ",
];

/// Arabic.
const AR: &[&str] = &[
    "في", "من", "على", "إلى", "عن", "أن", "إن", "التي", "الذي", "هذا", "هذه", "مع", "كان", "قد",
];

/// Every list, as the index compares words: folded ([`Fold::Loose`]) and sorted.
pub(super) fn all() -> &'static [String] {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut words: Vec<String> = [EN, UR, AR]
            .into_iter()
            .flatten()
            .map(|w| {
                let mut out = String::new();
                w.chars()
                    .for_each(|c| push_folded(c, Fold::Loose, &mut out));
                out
            })
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// Whether the folded word `w` is a stop word in any language.
pub(super) fn is_stop_word(w: &str) -> bool {
    // The set, and the longest stop word: longer words need no lookup.
    static SET: OnceLock<(FxHashSet<&'static str>, usize)> = OnceLock::new();
    let (set, longest) = SET.get_or_init(|| {
        let words = all();
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        (words.iter().map(String::as_str).collect(), longest)
    });
    w.len() <= *longest && set.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_and_spelling() {
        for w in ["the", "میں", "بہی", "فی", "الی"] {
            assert!(is_stop_word(w), "{w}");
        }
        assert!(!is_stop_word("karachi"));
    }
}
