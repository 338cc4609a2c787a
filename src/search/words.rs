//! The words of one article as search indexes them, collected at parse time so the
//! parse cache keeps them and a rebuild need not read bodies again. Input: title,
//! summary (the lead) and body HTML. Output: [`Words`]. Pure.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use super::stop;
use crate::text;

/// A word of the title.
pub const TITLE: u8 = 0x80;
/// A word of the lead (the summary: a standfirst or the first paragraph).
pub const LEAD: u8 = 0x40;
/// The low bits: how often the word occurs in the body, at most this.
pub const MAX_COUNT: u8 = 0x3f;
/// Longer words (URLs, runs of digits) are not worth a place in the index.
const MAX_WORD_BYTES: usize = 48;

/// An article's distinct words, folded ([`text::for_each_word`]) and sorted, stop
/// words left out, each with a weight byte: [`TITLE`], [`LEAD`] and a body count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// The words, each followed by `\n` (no word holds one).
    pub list: Box<str>,
    pub weights: Box<[u8]>,
}

impl Words {
    /// Each word with its weight.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.list
            .split_terminator('\n')
            .zip(self.weights.iter().copied())
    }
}

/// Collects the words of an article: its title, summary (the lead), body, and the
/// names it is filed under (topics, tags, authors), which count as lead words.
pub fn collect<'a>(
    title: &str,
    summary: &str,
    body_html: &str,
    names: impl IntoIterator<Item = &'a String>,
) -> Words {
    // Each distinct word with its weight, or `STOP` when it is a stop word (looked
    // up once per distinct word, not per occurrence).
    const STOP: u16 = 0x100;
    let mut found: FxHashMap<String, u16> =
        FxHashMap::with_capacity_and_hasher(256, Default::default());
    let mut add = |w: &str, flag: u8| {
        if w.len() > MAX_WORD_BYTES {
            return;
        }
        let weight = match found.get_mut(w) {
            Some(weight) => weight,
            None => found
                .entry(w.to_string())
                .or_insert(if stop::is_stop_word(w) { STOP } else { 0 }),
        };
        if *weight == STOP {
            return;
        }
        if flag == 0 {
            if *weight & u16::from(MAX_COUNT) < u16::from(MAX_COUNT) {
                *weight += 1;
            }
        } else {
            *weight |= u16::from(flag);
        }
    };
    text::for_each_word(title, &mut |w, _| add(w, TITLE));
    text::for_each_word(summary, &mut |w, _| add(w, LEAD));
    for name in names {
        text::for_each_word(name, &mut |w, _| add(w, LEAD));
    }
    text::for_each_html_text(body_html, &mut |t| {
        text::for_each_word(t, &mut |w, _| add(w, 0));
    });
    let mut words: Vec<(String, u8)> = found
        .into_iter()
        .filter(|&(_, weight)| weight != STOP)
        .map(|(w, weight)| (w, weight as u8))
        .collect();
    words.sort_unstable();
    let mut list = String::with_capacity(words.iter().map(|(w, _)| w.len() + 1).sum());
    for (w, _) in &words {
        list.push_str(w);
        list.push('\n');
    }
    Words {
        list: list.into_boxed_str(),
        weights: words.into_iter().map(|(_, n)| n).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_lead_and_counts() {
        let w = collect(
            "Floods in Karachi",
            "Rain flooded the city.",
            "<p>Rain fell. More rain &amp; floods.</p>",
            &["Sindh".to_string()],
        );
        let got: Vec<(&str, u8)> = w.iter().collect();
        assert_eq!(
            got,
            [
                ("city", LEAD),
                ("fell", 1),
                ("flooded", LEAD),
                ("floods", TITLE | 1),
                ("karachi", TITLE),
                ("more", 1),
                ("rain", LEAD | 2),
                ("sindh", LEAD),
            ]
        );
    }

    #[test]
    fn urdu_digits_and_letter_forms_are_folded() {
        let a = collect("كراچي ميں سيلاب ۲۰۱۷", "", "", []);
        let b = collect("کراچی میں سیلاب 2017", "", "", []);
        assert_eq!(a, b);
        assert!(a.iter().any(|(w, _)| w == "2017"));
        assert!(!a.iter().any(|(w, _)| w == "میں"), "a stop word");
    }
}
