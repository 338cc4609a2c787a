//! Latin-script datelines. The grammar, each part optional unless said:
//!
//! ```text
//! PLACE [\[REGION\]] (, REGION){0,3} [,] DATE [, CREDIT | CREDIT | . /CREDIT/.] [(AGENCY/...)] SEP text
//! ```
//!
//! and which combinations are read (the rest is prose):
//! - a date and a separator: `Karachi, June 17 – ...`, `SOUTH BEND, Ind., April 1 - ...`;
//! - a date and a bracketed credit with no separator (PTI): `New Delhi, Dec 6 (PTI) The ...`;
//! - an upper-case place and a credit: `LONDON (Reuters) - ...`, `ISLAMABAD (Online): ...`;
//! - a title-case place and a known agency: `Berlin (dpa) - ...`;
//! - an upper-case place alone with a colon or a spaced dash: `KARACHI: ...`,
//!   `LAHORE - ...` (never a newsroom label, an acronym, or a transcript speaker).

use super::agencies::{Agencies, CreditError, Names, read_credit};
use super::cursor::Cursor;
use super::date::{self, DateRead};
use super::place::{Words, is_label, opens_sentence, read_words};
use super::{
    Dateline, Emphasis, Sep, Unread, eat_separator, separator_ahead, starts_sentence, text_start,
};

const MAX_REGIONS: usize = 3;

#[allow(clippy::too_many_lines)] // one left-to-right reading of the lead: place, date, credit and separator in turn
pub(super) fn read<'a>(
    mut c: Cursor<'a>,
    mut em: Emphasis<'a>,
    table: &Agencies,
) -> Result<Option<Dateline<'a>>, Unread> {
    let lead = c.s;
    let place_start = c.pos;
    let Some(place) = read_words(&mut c) else {
        return Ok(None);
    };
    // Title-case words then a lower-case one (`Police said ...`, `During the ...`):
    // prose, since only an upper-case place reads a date without its comma.
    if !place.caps {
        let mut look = Cursor {
            s: lead,
            pos: c.pos,
        };
        look.spaces();
        if look.peek_byte().is_some_and(|b| b.is_ascii_lowercase()) {
            return Ok(None);
        }
    }
    let mut place_end = place.end;
    let first_word = &lead[place_start..place.first_end];
    // `However, ...`, `In Karachi, March ...`, `Mr. Khan, 45, ...`: prose, and never
    // worth a warning, whatever follows.
    if opens_sentence(first_word) {
        return Ok(None);
    }
    // A warning only for a lead whose place could be one.
    let unread = |strong: bool, offset: usize, what: String| {
        if strong {
            Err(Unread { offset, what })
        } else {
            Ok(None)
        }
    };
    em.close(&mut c);
    let mut regions = 0;
    // ANI: `New Delhi [India], Dec 6 (ANI): ...`
    let save = c.pos;
    c.spaces();
    if c.eat("[") && read_words(&mut c).is_some() && c.eat("]") {
        place_end = c.pos;
        regions += 1;
    } else {
        c.pos = save;
    }

    let mut date = None;
    loop {
        let save = c.pos;
        if c.eat(",") {
            c.spaces();
            let start = c.pos;
            match date::read_latin(&mut c) {
                DateRead::Found { month, day } => {
                    date = Some((month, day, start, c.pos));
                    break;
                }
                DateRead::Bad {
                    offset,
                    what,
                    known_month,
                } => return unread(place.caps || known_month, offset, what),
                DateRead::NotDate => {}
            }
            if regions < MAX_REGIONS
                && let Some(region) = read_words(&mut c)
            {
                regions += 1;
                place_end = region.end;
                em.close(&mut c);
                continue;
            }
            c.pos = save;
            break;
        }
        // A missing comma: `JOHANNESBURG March 13 -`, Interfax's `MOSCOW. Dec 6`.
        if place.caps && regions == 0 && c.spaces() {
            let start = c.pos;
            match date::read_latin(&mut c) {
                DateRead::Found { month, day } => {
                    date = Some((month, day, start, c.pos));
                    if lead[place_start..place_end].ends_with('.')
                        && single_final_dot(&lead[place_start..place_end])
                    {
                        place_end -= 1;
                    }
                    break;
                }
                DateRead::Bad { offset, what, .. } => return unread(true, offset, what),
                DateRead::NotDate => {}
            }
        }
        c.pos = save;
        break;
    }
    em.close(&mut c);

    let mut credit = Names::default();
    let mut bracketed = false;
    if date.is_some() {
        bracketed = trailing_credit(&mut c, table, &mut credit);
    }
    let save = c.pos;
    c.spaces();
    let paren_at = c.pos;
    if credit.is_empty() && c.eat("(") {
        match read_credit(&mut c) {
            Ok(list) => {
                credit = list;
                bracketed = true;
            }
            Err(e) if date.is_some() => {
                let what = match e {
                    CreditError::Unclosed => "the credit has no closing parenthesis",
                    CreditError::NotAgencies => {
                        "the credit in parentheses is not a list of agencies"
                    }
                };
                return unread(true, paren_at, what.to_owned());
            }
            Err(_) => return Ok(None),
        }
    } else {
        c.pos = save;
    }
    em.close(&mut c);

    let before_sep = c.pos;
    let spaced_before = c.spaces();
    let sep = eat_separator(&mut c);
    if sep.is_none() {
        c.pos = before_sep;
    }
    let spaced_after = c.peek().is_some_and(char::is_whitespace);
    em.close(&mut c);
    if em.is_open() {
        return Ok(None);
    }
    let text_start = text_start(&mut c, sep);
    let text = &lead[text_start..];
    let place_text = &lead[place_start..place_end];

    let known = || credit.as_slice().iter().all(|a| table.knows(a));
    let accepted = match (date.is_some(), !credit.is_empty(), sep) {
        (true, _, Some(_)) => true,
        (true, true, None) => bracketed && starts_sentence(text),
        (true, false, None) => {
            return unread(
                place.caps,
                before_sep,
                "no dash or colon separates the dateline from the story".to_owned(),
            );
        }
        (false, true, Some(_)) if place.caps => credit
            .as_slice()
            .iter()
            .all(|a| !a.contains(char::is_whitespace) || table.knows(a)),
        (false, true, Some(_)) => {
            known() && place.words <= 3 && regions == 0 && starts_sentence(text)
        }
        (false, true, None) => {
            if place.caps && starts_sentence(text) && !known() {
                return unread(
                    true,
                    before_sep,
                    format!(
                        "no dash or colon follows the credit, and `{}` is not a known agency",
                        credit.as_slice().join("/")
                    ),
                );
            }
            place.caps && known() && starts_sentence(text)
        }
        (false, false, Some(sep)) => {
            regions == 0
                && staff_place(&place, place_text, sep, spaced_before && spaced_after)
                && starts_sentence(text)
                && !transcript(lead, text_start)
        }
        (false, false, None) => false,
    };
    if !accepted {
        return Ok(None);
    }
    Ok(Some(Dateline::new(
        lead, place_text, date, credit, None, text_start,
    )))
}

/// `MOSCOW.` (Interfax): the place's last word has one dot, at its end.
fn single_final_dot(place: &str) -> bool {
    let last = place.rsplit(' ').next().unwrap_or(place);
    last.matches('.').count() == 1 && last.chars().count() > 3
}

/// A credit after the date, not in brackets: `ROME, March 13, Reuter - `,
/// `TOKYO, Dec. 6 Kyodo - ` (a known agency only), TASS's `December 6. /TASS/. `.
/// True for TASS's, which is delimited like a bracketed credit.
fn trailing_credit<'a>(c: &mut Cursor<'a>, table: &Agencies, credit: &mut Names<'a>) -> bool {
    let save = c.pos;
    // The usual case, a bracketed credit next, decided at once.
    c.spaces();
    let next = c.peek_byte();
    c.pos = save;
    if next == Some(b'(') {
        return false;
    }
    // TASS
    c.eat(".");
    c.spaces();
    if c.eat("/") {
        let name = c.take(|ch| ch.is_alphanumeric() || ch == ' ' || ch == '-', 40);
        if super::agencies::is_agency_name(name.trim()) && c.eat("/") {
            c.eat(".");
            return credit.push(name.trim());
        }
    }
    c.pos = save;
    let comma = c.eat(",");
    if !c.spaces() && !comma {
        c.pos = save;
        return false;
    }
    let start = c.pos;
    if let Some(Words { end, words, .. }) = read_words(c) {
        let name = &c.s[start..end];
        if words <= 4
            && separator_ahead(c)
            && (comma || table.knows(name))
            && super::agencies::is_agency_name(name)
        {
            credit.push(name);
            return false;
        }
    }
    c.pos = save;
    false
}

/// `KARACHI: ` or `LAHORE - `: an upper-case place of one to three words and three
/// letters or more, no dots, no label or acronym, then a colon or a dash with
/// spaces around it.
fn staff_place(place: &Words, place_text: &str, sep: Sep, spaced_dash: bool) -> bool {
    place.caps
        && place.words <= 3
        && (sep == Sep::Colon || spaced_dash)
        && place_text.chars().filter(|ch| ch.is_alphabetic()).count() >= 3
        && !place_text.contains('.')
        && !place_text.split(' ').any(is_label)
}

/// Whether the next line also opens with `NAME:`: an interview transcript, whose
/// first speaker is not a place, or a list (`KARACHI: 45°C` / `LAHORE: 47°C`).
fn transcript(lead: &str, text_start: usize) -> bool {
    let rest = &lead[text_start..];
    let Some(end) = rest.find('\n') else {
        return false;
    };
    let next = rest[end..].trim_start();
    let mut c = Cursor::new(next);
    matches!(read_words(&mut c), Some(w) if w.caps) && c.eat(":")
}
