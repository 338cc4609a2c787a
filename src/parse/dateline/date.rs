//! The date of a dateline: `SEPT 22`, `Oct. 20`, `22 SEPT`, `6th December, 2024`,
//! `14 مئی`, `یکم دسمبر`, `5 يناير`. Digits may be Western, Extended Arabic-Indic
//! (`۰`–`۹`) or Arabic-Indic (`٠`–`٩`).

use super::cursor::{Cursor, ascii_letters, may_start_space};
use super::words::{Lang, Word, arabic_month, word_at};

/// What a date reader found where a date may stand.
pub(super) enum DateRead {
    /// A month, with its day when the lead names one.
    Found { month: u32, day: Option<u32> },
    /// Not a date: the cursor is back where it was.
    NotDate,
    /// Reads as a date but is not one: the offset and what is wrong.
    Bad {
        offset: usize,
        what: String,
        /// The month was read (`FEB 30`), not only guessed (`SMARCH 22`).
        known_month: bool,
    },
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Full English month name, `january` for 1; empty outside 1..=12.
pub(super) fn month_name(month: u32) -> &'static str {
    match month {
        1..=12 => MONTHS[month as usize - 1],
        _ => "",
    }
}

fn check_day(month: u32, day: Option<u32>, start: usize, c: &Cursor) -> DateRead {
    match day {
        Some(d) if d == 0 || d > MONTH_DAYS[month as usize - 1] => DateRead::Bad {
            offset: start,
            what: format!(
                "`{}` is not a day of the year",
                c.s[start..c.pos].trim_end()
            ),
            known_month: true,
        },
        _ => DateRead::Found { month, day },
    }
}

/// A Latin-script date at the cursor: `SEPT 22`, `Sept. 22`, `September 22nd`,
/// `SEPT` (no day), `22 SEPT`, `6th December`, each with an optional year
/// (`March 5, 2024`). Leaves the cursor after the date.
pub(super) fn read_latin(c: &mut Cursor) -> DateRead {
    let start = c.pos;
    let (month, day) = if c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
        let Some(day) = digits(c, 2) else {
            c.pos = start;
            return DateRead::NotDate;
        };
        ordinal_suffix(c);
        if !c.spaces() {
            c.pos = start;
            return DateRead::NotDate;
        }
        match latin_month(c) {
            Some(m) => (m, Some(day)),
            None => {
                c.pos = start;
                return DateRead::NotDate;
            }
        }
    } else {
        let Some(month) = latin_month(c) else {
            let unknown = unknown_month(c, start);
            c.pos = start;
            return unknown;
        };
        let after_month = c.pos;
        c.spaces();
        if c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            let Some(day) = digits(c, 3) else {
                c.pos = start;
                return DateRead::NotDate;
            };
            ordinal_suffix(c);
            (month, Some(day))
        } else {
            c.pos = after_month;
            // A month alone only before the credit or separator: `March rains` is prose.
            let mut look = Cursor { s: c.s, pos: c.pos };
            look.spaces();
            let next = look.peek();
            if !matches!(next, Some('(' | ',' | ':' | '-' | '–' | '—' | '/')) {
                c.pos = start;
                return DateRead::NotDate;
            }
            (month, None)
        }
    };
    let read = check_day(month, day, start, c);
    if matches!(read, DateRead::Found { day: Some(_), .. }) {
        year(c, true);
    }
    read
}

/// `SMARCH 22`: a word in the place of a month, followed by a day.
fn unknown_month(c: &mut Cursor, start: usize) -> DateRead {
    c.pos = start;
    let word = c.take(|ch| ch.is_alphabetic(), 12);
    if word.chars().count() < 3 || word.chars().count() > 12 || !c.spaces() {
        return DateRead::NotDate;
    }
    match digits(c, 2) {
        Some(_) if !c.peek().is_some_and(char::is_alphanumeric) => DateRead::Bad {
            offset: start,
            what: format!("`{word}` is not a month"),
            known_month: false,
        },
        _ => DateRead::NotDate,
    }
}

/// A month name or any prefix of at least three letters (`SEP`, `SEPT`, `Sept.`),
/// case-insensitive, with an optional trailing dot.
pub(super) fn latin_month(c: &mut Cursor) -> Option<u32> {
    let rest = c.rest().as_bytes();
    let (mut len, _) = ascii_letters(rest);
    while len < 10 && rest.get(len).is_some_and(u8::is_ascii_alphabetic) {
        len += 1;
    }
    if !(3..=9).contains(&len) {
        return None;
    }
    // A letter (of any script) or digit right after means a longer word.
    match rest.get(len) {
        Some(b) if b.is_ascii_alphanumeric() => return None,
        Some(b) if !b.is_ascii() && c.rest()[len..].starts_with(char::is_alphanumeric) => {
            return None;
        }
        _ => {}
    }
    let index = month_index(&rest[..len])?;
    c.pos += len;
    c.eat(".");
    u32::try_from(index + 1).ok()
}

/// Whether a whole word is a month name or a prefix of one (`Sept`, `MAR.`).
pub(super) fn is_month_word(word: &str) -> bool {
    let word = word.trim_end_matches('.').as_bytes();
    (3..=9).contains(&word.len())
        && word.iter().all(u8::is_ascii_alphabetic)
        && month_index(word).is_some()
}

/// The month whose name `word` (three ASCII letters or more) begins: picked by its
/// first three letters, then the rest compared.
fn month_index(word: &[u8]) -> Option<usize> {
    let lower = |i: usize| u32::from(word[i].to_ascii_lowercase());
    let key = lower(0) << 16 | lower(1) << 8 | lower(2);
    // A perfect hash of the twelve three-letter keys into 16 slots (the multiplier
    // found by search), so a month is one lookup and one comparison, no chain of
    // branches.
    let slot = (key.wrapping_mul(0x2c4a_3699) >> 28) as usize;
    let (listed, index) = MONTH_SLOTS[slot];
    if listed != key {
        return None;
    }
    let name = MONTHS[index].as_bytes();
    (word.len() <= name.len()
        && word[3..]
            .iter()
            .zip(&name[3..])
            .all(|(x, y)| x.to_ascii_lowercase() == *y))
    .then_some(index)
}

/// Three-letter month key (as [`month_index`] makes it) and month index, by slot;
/// unused slots hold a key no word makes.
const MONTH_SLOTS: [(u32, usize); 16] = {
    let mut slots = [(u32::MAX, 0); 16];
    let mut i = 0;
    while i < 12 {
        let b = MONTHS[i].as_bytes();
        let key = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        let slot = (key.wrapping_mul(0x2c4a_3699) >> 28) as usize;
        assert!(slots[slot].0 == u32::MAX, "two months in one slot");
        slots[slot] = (key, i);
        i += 1;
    }
    slots
};

/// Whether a month name followed by a day starts at the cursor (`March 13`): where a
/// place without its comma ends (`JOHANNESBURG March 13 -`).
pub(super) fn month_day_ahead(c: &Cursor) -> bool {
    let mut look = Cursor { s: c.s, pos: c.pos };
    latin_month(&mut look).is_some()
        && look.spaces()
        && look.peek().is_some_and(|ch| ch.is_ascii_digit())
}

fn ordinal_suffix(c: &mut Cursor) {
    let b = c.s.as_bytes();
    let (Some(x), Some(y)) = (b.get(c.pos), b.get(c.pos + 1)) else {
        return;
    };
    let suffix = [x.to_ascii_lowercase(), y.to_ascii_lowercase()];
    let next_is_word = b.get(c.pos + 2).is_some_and(|n| n.is_ascii_alphanumeric());
    if matches!(&suffix, b"st" | b"nd" | b"rd" | b"th") && !next_is_word {
        c.pos += 2;
    }
}

/// `, 2024` or ` 2024` after a day: four digits, not followed by another.
#[inline]
fn year(c: &mut Cursor, comma: bool) {
    // Most dates have no year: a credit or separator follows, seen here on the
    // bytes before any call. Digits start with an ASCII digit or the lead byte of
    // `٠`–`٩` (0xd9) or `۰`–`۹` (0xdb).
    let bytes = c.s.as_bytes();
    let mut i = c.pos;
    if comma && bytes.get(i) == Some(&b',') {
        i += 1;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    let next = bytes.get(i);
    if matches!(next, Some(b'0'..=b'9' | 0xd9 | 0xdb)) || may_start_space(next) {
        read_year(c, comma);
    }
}

#[inline(never)]
fn read_year(c: &mut Cursor, comma: bool) {
    let start = c.pos;
    if comma {
        c.eat(",");
    }
    c.spaces();
    if !c
        .peek_byte()
        .is_some_and(|b| b.is_ascii_digit() || b == 0xd9 || b == 0xdb)
    {
        c.pos = start;
        return;
    }
    let before = c.pos;
    let n = c.take(|ch| digit_value(ch).is_some(), 4).chars().count();
    if n != 4 || before == start || c.peek().is_some_and(char::is_alphanumeric) {
        c.pos = start;
    }
}

/// The value of a digit in any of the three scripts.
pub(super) fn digit_value(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' => Some(ch as u32 - '0' as u32),
        '\u{6f0}'..='\u{6f9}' => Some(ch as u32 - 0x6f0),
        '\u{660}'..='\u{669}' => Some(ch as u32 - 0x660),
        _ => None,
    }
}

/// One to `max` digits (more is not a day) in any script, as a number.
fn digits(c: &mut Cursor, max: usize) -> Option<u32> {
    let start = c.pos;
    let mut value = 0;
    let mut n = 0;
    loop {
        // ASCII digits without decoding.
        let d = match c.peek_byte() {
            Some(b @ b'0'..=b'9') => {
                c.pos += 1;
                u32::from(b - b'0')
            }
            Some(0xd9 | 0xdb) => match c.peek().and_then(digit_value) {
                Some(d) => {
                    c.pos += 2; // `٠`–`٩` and `۰`–`۹` are two bytes
                    d
                }
                None => break,
            },
            _ => break,
        };
        value = value * 10 + d;
        n += 1;
        if n > max {
            c.pos = start;
            return None;
        }
    }
    (n > 0).then_some(value)
}

/// An Urdu or Arabic date at the cursor: `14 مئی`, `۱۴ مئی`, `یکم دسمبر`,
/// `5 يناير`, `مئی 14`, each with an optional year.
pub(super) fn read_arabic(c: &mut Cursor) -> (DateRead, Option<Lang>) {
    let start = c.pos;
    let mut first_word = None;
    let day = if let Some(d) = digits(c, 2) {
        Some(d)
    } else {
        match word_at(c) {
            (Some(Word::First), len) => {
                c.pos += len;
                Some(1)
            }
            (kind, len) => {
                first_word = Some((kind, len));
                None
            }
        }
    };
    if let Some(day) = day {
        c.spaces();
        let Some((month, lang)) = arabic_month(c) else {
            c.pos = start;
            return (DateRead::NotDate, None);
        };
        let read = check_day(month, Some(day), start, c);
        year(c, false);
        return (read, Some(lang));
    }
    let month = match first_word {
        // Looked up already: no month, or a month without a day before it.
        Some((None | Some(Word::Stop | Word::First | Word::Label { .. }), _)) => None,
        Some((Some(Word::Month(month, lang)), len)) => {
            c.pos += len;
            Some((month, lang))
        }
        _ => arabic_month(c),
    };
    let Some((month, lang)) = month else {
        return (DateRead::NotDate, None);
    };
    let after_month = c.pos;
    c.spaces();
    let day = digits(c, 2);
    if day.is_none() {
        c.pos = after_month;
    }
    let read = check_day(month, day, start, c);
    if day.is_some() {
        year(c, false);
    }
    (read, Some(lang))
}
