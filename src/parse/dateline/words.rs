//! The Urdu and Arabic words a dateline knows: month names with their variants
//! (Urdu, Egyptian/Gulf and Levantine Arabic), `یکم` (the 1st), the postpositions
//! and verbs that end a place, and the newsroom labels; each word recognised with
//! one folding pass and one hashed lookup. Also the month names credit lines print.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::agencies::Hashed;
use super::cursor::Cursor;
use super::script::{arabic_block, arabic_table};
use crate::text::{fold_loose, is_arabic_letter, is_format_char};

/// Urdu and Arabic month names with their variants, already in [`fold_loose`] form
/// where it matters (the table is folded again when compared). Arabic has two
/// families: the Egyptian/Gulf names (`يناير`) and the Levantine ones (`كانون الثاني`).
const ARABIC_MONTHS: &[(&str, u32, Lang)] = &[
    ("جنوری", 1, Lang::Ur),
    ("فروری", 2, Lang::Ur),
    ("مارچ", 3, Lang::Ur),
    ("اپریل", 4, Lang::Ur),
    ("اپریل", 4, Lang::Ur),
    ("مئی", 5, Lang::Ur),
    ("مئ", 5, Lang::Ur),
    ("مئے", 5, Lang::Ur),
    ("جون", 6, Lang::Ur),
    ("جولائی", 7, Lang::Ur),
    ("جولائ", 7, Lang::Ur),
    ("اگست", 8, Lang::Ur),
    ("ستمبر", 9, Lang::Ur),
    ("اکتوبر", 10, Lang::Ur),
    ("نومبر", 11, Lang::Ur),
    ("دسمبر", 12, Lang::Ur),
    ("يناير", 1, Lang::Ar),
    ("كانون الثاني", 1, Lang::Ar),
    ("فبراير", 2, Lang::Ar),
    ("شباط", 2, Lang::Ar),
    ("مارس", 3, Lang::Ar),
    ("آذار", 3, Lang::Ar),
    ("أبريل", 4, Lang::Ar),
    ("ابريل", 4, Lang::Ar),
    ("إبريل", 4, Lang::Ar),
    ("نيسان", 4, Lang::Ar),
    ("مايو", 5, Lang::Ar),
    ("أيار", 5, Lang::Ar),
    ("يونيو", 6, Lang::Ar),
    ("يونيه", 6, Lang::Ar),
    ("حزيران", 6, Lang::Ar),
    ("يوليو", 7, Lang::Ar),
    ("يوليه", 7, Lang::Ar),
    ("تموز", 7, Lang::Ar),
    ("أغسطس", 8, Lang::Ar),
    ("آب", 8, Lang::Ar),
    ("سبتمبر", 9, Lang::Ar),
    ("أيلول", 9, Lang::Ar),
    ("أكتوبر", 10, Lang::Ar),
    ("تشرين الأول", 10, Lang::Ar),
    ("نوفمبر", 11, Lang::Ar),
    ("تشرين الثاني", 11, Lang::Ar),
    ("ديسمبر", 12, Lang::Ar),
    ("كانون الأول", 12, Lang::Ar),
];

/// The language a month name or lead is written in, for Arabic-script leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Ur,
    Ar,
}

/// Urdu `یکم`: the first of the month.
const FIRST: &str = "یکم";

/// Words that follow a noun or end a clause, never in or right after a dateline:
/// `کے`, `کی`, `کا`, `نے`, `کو`, `ہے`, ...
const STOP_WORDS: &[&str] = &[
    "کے", "کی", "کا", "نے", "کو", "سے", "میں", "پر", "اور", "بھی", "تک", "والے", "والی", "کہ",
    "ہے", "ہیں", "تھا", "تھے", "کہا", "گیا", "في", "من", "على", "إلى", "عن", "قال", "أن", "إن",
];

/// What an Urdu or Arabic word is to a dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    Month(u32, Lang),
    /// The first word of a two-word Levantine month (`كانون`, `تشرين`).
    Levantine,
    /// `یکم`.
    First,
    /// A postposition or verb ([`STOP_WORDS`]).
    Stop,
    /// A newsroom label (`نوٹ`, [`super::arabic::LABELS`]), or the first word of one
    /// of two words (`تازہ` of `تازہ ترین`).
    Label {
        whole: bool,
    },
}

/// Folded word → what it is, keyed by [`scan_word`]'s hash of the folded word (the
/// word itself kept to confirm a hit): one pass over a word's chars and one lookup,
/// with nothing copied.
fn words() -> &'static HashMap<u64, (Word, Vec<u32>), Hashed> {
    static WORDS: OnceLock<HashMap<u64, (Word, Vec<u32>), Hashed>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = HashMap::default();
        let mut add = |word: &str, kind: Word| {
            let scan = scan_word(word).expect("listed words are Arabic-script");
            let folded: Vec<u32> = word.chars().filter_map(fold_loose).map(u32::from).collect();
            assert!(
                folded.len() <= MAX_WORD,
                "a listed word longer than MAX_WORD"
            );
            words.insert(scan.hash, (kind, folded));
        };
        for &(name, month, lang) in ARABIC_MONTHS {
            match name.split_once(' ') {
                Some((first, _)) => add(first, Word::Levantine),
                None => add(name, Word::Month(month, lang)),
            }
        }
        add(FIRST, Word::First);
        for stop in STOP_WORDS {
            add(stop, Word::Stop);
        }
        for label in super::arabic::LABELS {
            match label.split_once(' ') {
                Some((first, _)) => add(first, Word::Label { whole: false }),
                None => add(label, Word::Label { whole: true }),
            }
        }
        words
    })
}

/// The Arabic-script word at the start of `rest`: each of its chars folded
/// ([`fold_loose`]) handed to `each` (marks and joiners are part of the word but
/// fold to nothing), and the bytes it takes.
fn fold_word(rest: &str, mut each: impl FnMut(u32)) -> usize {
    let bytes = rest.as_bytes();
    let table = arabic_table();
    let mut used = 0;
    loop {
        // The Arabic block from a table; other chars decoded.
        match arabic_block(table, &bytes[used..]) {
            Some(0) => break,
            Some(1) => {}
            Some(folded) => each(u32::from(folded)),
            None => {
                let Some(ch) = rest[used..].chars().next() else {
                    break;
                };
                if !(is_arabic_letter(ch) || is_format_char(ch)) {
                    break;
                }
                if let Some(folded) = fold_loose(ch) {
                    each(u32::from(folded));
                }
                used += ch.len_utf8();
                continue;
            }
        }
        used += 2;
    }
    used
}

/// The most folded chars a listed word has (checked when the table is built).
const MAX_WORD: usize = 12;

/// A word read by [`scan_word`].
struct Scan {
    /// FNV-1a of its folded chars.
    hash: u64,
    /// Bytes it takes.
    len: usize,
    /// Its first folded chars, to confirm a hash hit without reading it again.
    folded: [u32; MAX_WORD],
    /// How many folded chars it has (more than `folded` holds for a long word).
    chars: usize,
}

/// The word at the start of `rest` ([`fold_word`]), hashed and kept folded in one
/// pass. `None` when no letter, mark or joiner starts it.
fn scan_word(rest: &str) -> Option<Scan> {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut folded = [0; MAX_WORD];
    let mut chars = 0;
    let len = fold_word(rest, |ch| {
        hash = (hash ^ u64::from(ch)).wrapping_mul(0x0100_0000_01b3);
        if let Some(slot) = folded.get_mut(chars) {
            *slot = ch;
        }
        chars += 1;
    });
    (len > 0).then_some(Scan {
        hash,
        len,
        folded,
        chars,
    })
}

/// What the Arabic-script word at the cursor is to a dateline, if anything, and
/// its length in bytes (0 when no word starts there; a word may be marks alone).
pub(super) fn word_at(c: &Cursor) -> (Option<Word>, usize) {
    let Some(scan) = scan_word(c.rest()) else {
        return (None, 0);
    };
    // A hash hit is confirmed on the folded chars themselves; a word longer than
    // any listed is none of them.
    let kind = scan
        .folded
        .get(..scan.chars)
        .and_then(|word| match words().get(&scan.hash) {
            Some((kind, listed)) if listed.as_slice() == word => Some(*kind),
            _ => None,
        });
    (kind, scan.len)
}

/// The kind of the Arabic-script word at the cursor and its length in bytes.
pub(super) fn word_kind(c: &Cursor) -> Option<(Word, usize)> {
    match word_at(c) {
        (Some(kind), len) => Some((kind, len)),
        (None, _) => None,
    }
}

/// Urdu month names for credit lines, January first.
pub(super) const URDU_MONTHS: [&str; 12] = [
    "جنوری",
    "فروری",
    "مارچ",
    "اپریل",
    "مئی",
    "جون",
    "جولائی",
    "اگست",
    "ستمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
];
/// Arabic month names for credit lines, January first.
pub(super) const ARABIC_MONTH_NAMES: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// The month name at the cursor: one word, or a Levantine pair (`تشرين الأول`).
pub(super) fn arabic_month(c: &mut Cursor) -> Option<(u32, Lang)> {
    match word_kind(c)? {
        (Word::Month(month, lang), len) => {
            c.pos += len;
            Some((month, lang))
        }
        (Word::Levantine, _) => {
            let (len, month, lang) = ARABIC_MONTHS
                .iter()
                .filter(|(name, ..)| name.contains(' '))
                .filter_map(|&(name, month, lang)| Some((word_ahead(c, name)?, month, lang)))
                .max_by_key(|&(len, ..)| len)?;
            c.pos += len;
            Some((month, lang))
        }
        _ => None,
    }
}

/// Whether `word` (folded) is the next whole word at the cursor: its length in
/// the lead when it is.
pub(super) fn word_ahead(c: &Cursor, word: &str) -> Option<usize> {
    let rest = c.rest();
    let mut want = word.chars().filter_map(fold_loose).peekable();
    let mut used = 0;
    for ch in rest.chars() {
        if want.peek().is_none() {
            break;
        }
        used += ch.len_utf8();
        let Some(got) = fold_loose(ch) else {
            continue; // a mark or joiner inside the word
        };
        if want.next() != Some(got) {
            return None;
        }
    }
    if want.peek().is_some() {
        return None;
    }
    // A whole word: what follows may be a mark, but no further letter.
    let after = &rest[used..];
    let next = after
        .chars()
        .find(|&ch| fold_loose(ch).is_some() || !is_arabic_letter(ch));
    (!next.is_some_and(|ch| is_arabic_letter(ch) || ch.is_alphanumeric())).then_some(used)
}
