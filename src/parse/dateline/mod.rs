//! Wire dateline leads: `NEW YORK, SEPT 22 (DNA) – text`, staff `KARACHI: text`,
//! `SOUTH BEND, Ind., April 1 - text`, `اسلام آباد، 14 مئی (اے پی پی) – text`.
//! Input: the first paragraph of an article body (and what follows it). Output: the
//! parsed dateline, nothing, or what made a dateline-like lead unreadable.
//! Must not allocate more than the result, must never panic.
//!
//! Hand-written and bounded: the place, date and credit are capped in length, so a
//! lead costs the same whatever the length of the story behind it. Precision comes
//! before recall: a lead is only read when its place and date or credit are
//! plausible and a real separator follows, because a wrong read removes words
//! from the story. Every accepted shape is listed in docs/format.md.

mod agencies;
mod arabic;
mod cursor;
mod date;
mod format;
mod latin;
mod place;
mod script;
mod words;

pub use agencies::{Agencies, BUILT_IN, Names};
pub use format::{credit_language, format_credit, format_date, month_abbrev};

use cursor::Cursor;

/// A parsed wire lead, borrowing from it: reading one allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// Place as written, with any state or country after it: `NEW YORK`,
    /// `SOUTH BEND, Ind.`, `اسلام آباد`.
    pub place: &'a str,
    /// Month 1..=12 when the lead names one.
    pub month: Option<u32>,
    /// Day of month when the lead names one.
    pub day: Option<u32>,
    /// The date as the wire wrote it: `JUN 16`, `Oct. 20`, `14 مئی`, `یکم دسمبر`.
    pub date: Option<&'a str>,
    /// Agencies as written, in credit order: `["AFP", "APP"]`, `["اے پی پی"]`.
    pub agencies: Names<'a>,
    /// `ur` or `ar` for an Urdu or Arabic lead; `None` for a Latin-script one.
    pub lang: Option<&'static str>,
    /// Byte offset in the input where the story text starts (after the separator and spaces).
    pub text_start: usize,
}

impl<'a> Dateline<'a> {
    /// The dateline of a lead read by [`latin`] or [`arabic`]: `date` is the month,
    /// day and byte range of the date in `lead`.
    fn new(
        lead: &'a str,
        place: &'a str,
        date: Option<(u32, Option<u32>, usize, usize)>,
        agencies: Names<'a>,
        lang: Option<&'static str>,
        text_start: usize,
    ) -> Dateline<'a> {
        let (month, day, date) = match date {
            Some((month, day, start, end)) => (Some(month), day, Some(lead[start..end].trim_end())),
            None => (None, None, None),
        };
        Dateline {
            place,
            month,
            day,
            date,
            agencies,
            lang,
            text_start,
        }
    }
}

/// A lead that looks like a dateline but cannot be read as one: where, and what
/// was not understood (`` `FEB 30` is not a day of the year ``).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub offset: usize,
    pub what: String,
}

/// Reads a wire lead such as `NEW YORK, SEPT 22 (DNA) – text` with the built-in
/// agency table. `None` when the lead carries no dateline (or one not understood).
pub fn parse_dateline(lead: &str) -> Option<Dateline<'_>> {
    // One empty table for every call: making and dropping a `HashMap` per lead
    // (its random seed included) was a measurable part of a short lead's cost.
    static BUILT_IN_ONLY: std::sync::OnceLock<Agencies> = std::sync::OnceLock::new();
    read_lead(lead, BUILT_IN_ONLY.get_or_init(Agencies::default))
        .ok()
        .flatten()
}

/// Reads a wire lead with a site's agency table (its own agencies are known
/// credits). `Ok(None)` when the lead is ordinary text; `Err` when it looks like a
/// dateline that cannot be read, which stays in the story.
pub fn read_lead<'a>(lead: &'a str, agencies: &Agencies) -> Result<Option<Dateline<'a>>, Unread> {
    let mut c = Cursor::new(lead);
    c.eat("\u{feff}");
    c.whitespace();
    let emphasis = Emphasis::open(&mut c);
    match c.peek() {
        // Most leads: an ASCII capital, decided before the Arabic ranges.
        Some(ch) if ch.is_ascii_uppercase() => latin::read(c, emphasis, agencies),
        Some(ch) if crate::text::is_arabic_letter(ch) => arabic::read(c, emphasis, agencies),
        Some(ch) if ch.is_uppercase() => latin::read(c, emphasis, agencies),
        _ => Ok(None),
    }
}

/// Markdown emphasis around part of the dateline (`**NEW YORK**, ...`), which must
/// close inside it; a run of four or more `*` is a wire artefact (`****RIO`) and
/// needs no closing.
struct Emphasis<'a> {
    marker: Option<&'a str>,
}

impl<'a> Emphasis<'a> {
    fn open(c: &mut Cursor<'a>) -> Emphasis<'a> {
        let start = c.pos;
        let Some(mark @ ('*' | '_')) = c.peek() else {
            return Emphasis { marker: None };
        };
        c.skip(|ch| ch == mark);
        let run = &c.s[start..c.pos];
        if run.len() >= 4 && mark == '*' {
            c.spaces();
            return Emphasis { marker: None };
        }
        Emphasis {
            marker: (run.len() <= 3).then_some(run),
        }
    }

    fn close(&mut self, c: &mut Cursor) {
        if let Some(marker) = self.marker
            && c.eat(marker)
        {
            self.marker = None;
        }
    }

    fn is_open(&self) -> bool {
        self.marker.is_some()
    }
}

/// What ends a dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// `:`
    Colon,
    /// `–`, `—`, `-`, `--`, `---`, `.-` (EFE) or the Urdu full stop `۔`.
    Dash,
}

fn eat_separator(c: &mut Cursor) -> Option<Sep> {
    match c.peek_byte()? {
        b':' => {
            c.pos += 1;
            Some(Sep::Colon)
        }
        b'-' => {
            let hyphens = c.rest().bytes().take_while(|&b| b == b'-').count();
            (1..=3).contains(&hyphens).then(|| {
                c.pos += hyphens; // ASCII, so still on a char boundary
                Sep::Dash
            })
        }
        b'.' => c.eat(".-").then_some(Sep::Dash),
        // The dashes (`–`, `—`, `‒`, `―`, `−`) and the Urdu full stop `۔`.
        0xe2 | 0xdb => ["–", "—", "‒", "―", "−", "۔"]
            .iter()
            .any(|dash| c.eat(dash))
            .then_some(Sep::Dash),
        _ => None,
    }
}

/// Whether a separator (after optional spaces) comes next.
fn separator_ahead(c: &Cursor) -> bool {
    let mut look = Cursor { s: c.s, pos: c.pos };
    look.spaces();
    eat_separator(&mut look).is_some()
}

/// Whether text opens a sentence: a capital, a digit, a quote or an Arabic-script letter.
fn starts_sentence(text: &str) -> bool {
    text.chars().next().is_some_and(|ch| {
        ch.is_uppercase()
            || ch.is_ascii_digit()
            || matches!(ch, '"' | '“' | '‘' | '\'' | '«')
            || crate::text::is_arabic_letter(ch)
    })
}

/// After the separator: spaces and line breaks (the text may start on the next line);
/// without one: spaces only.
fn text_start(c: &mut Cursor, sep: Option<Sep>) -> usize {
    if sep.is_some() {
        c.whitespace();
    } else {
        c.spaces();
    }
    c.pos
}

#[cfg(test)]
mod format_tests;
#[cfg(test)]
mod tests;
