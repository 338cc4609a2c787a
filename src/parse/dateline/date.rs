//! The date of a dateline: `SEPT 22`, `Oct. 20`, `22 SEPT`, `6th December, 2024`,
//! `14 مئی`, `یکم دسمبر`, `5 يناير`. Digits may be Western, Extended Arabic-Indic
//! (`۰`–`۹`) or Arabic-Indic (`٠`–`٩`).

use super::cursor::Cursor;
use super::script::{fold_arabic, is_arabic_letter};

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

/// Urdu and Arabic month names with their variants, already in [`fold_arabic`] form
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
    let start = c.pos;
    let word = c.take(|ch| ch.is_ascii_alphabetic(), 9);
    let next_is_letter = c.peek().is_some_and(char::is_alphanumeric);
    let index = (word.len() >= 3 && !next_is_letter)
        .then(|| {
            MONTHS.iter().position(|name| {
                name.get(..word.len())
                    .is_some_and(|prefix| prefix.eq_ignore_ascii_case(word))
            })
        })
        .flatten();
    let Some(index) = index else {
        c.pos = start;
        return None;
    };
    c.eat(".");
    u32::try_from(index + 1).ok()
}

/// Whether a month name followed by a day starts at the cursor (`March 13`): where a
/// place without its comma ends (`JOHANNESBURG March 13 -`).
pub(super) fn month_day_ahead(c: &Cursor) -> bool {
    let mut look = Cursor { s: c.s, pos: c.pos };
    latin_month(&mut look).is_some()
        && look.spaces()
        && look.peek().is_some_and(|ch| ch.is_ascii_digit())
}

fn ordinal_suffix(c: &mut Cursor) {
    for suffix in ["st", "nd", "rd", "th", "ST", "ND", "RD", "TH"] {
        let mut look = Cursor { s: c.s, pos: c.pos };
        if look.eat(suffix) && !look.peek().is_some_and(char::is_alphanumeric) {
            c.pos = look.pos;
            return;
        }
    }
}

/// `, 2024` or ` 2024` after a day: four digits, not followed by another.
fn year(c: &mut Cursor, comma: bool) {
    let start = c.pos;
    if comma {
        c.eat(",");
    }
    c.spaces();
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
    while let Some(d) = c.peek().and_then(digit_value) {
        c.bump(c.peek().expect("just peeked"));
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
    let day = if let Some(d) = digits(c, 2) {
        Some(d)
    } else if word_ahead(c, FIRST).is_some() {
        c.pos += FIRST.len();
        Some(1)
    } else {
        None
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
    let Some((month, lang)) = arabic_month(c) else {
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

/// The month name at the cursor, longest match first, compared in folded form.
pub(super) fn arabic_month(c: &mut Cursor) -> Option<(u32, Lang)> {
    let mut best: Option<(usize, u32, Lang)> = None;
    for &(name, month, lang) in ARABIC_MONTHS {
        if let Some(len) = word_ahead(c, name)
            && best.is_none_or(|(b, ..)| len > b)
        {
            best = Some((len, month, lang));
        }
    }
    let (len, month, lang) = best?;
    c.pos += len;
    Some((month, lang))
}

/// Whether `word` (folded) is the next whole word at the cursor: its length in
/// the lead when it is.
pub(super) fn word_ahead(c: &Cursor, word: &str) -> Option<usize> {
    let rest = c.rest();
    let mut want = word.chars().filter_map(fold_arabic).peekable();
    let mut used = 0;
    for ch in rest.chars() {
        if want.peek().is_none() {
            break;
        }
        used += ch.len_utf8();
        let Some(got) = fold_arabic(ch) else {
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
        .find(|&ch| fold_arabic(ch).is_some() || !is_arabic_letter(ch));
    (!next.is_some_and(|ch| is_arabic_letter(ch) || ch.is_alphanumeric())).then_some(used)
}
