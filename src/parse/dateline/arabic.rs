//! Urdu and Arabic datelines:
//!
//! ```text
//! PLACE [، | , | ۔] [DATE] [(AGENCY[/AGENCY...])] [SEP] text
//! ```
//!
//! `اسلام آباد، 14 مئی (اے پی پی) – ...`, `ڈھاکہ ۔ یکم دسمبر (اے پی پی) ...`,
//! `میر پور(وقت نیوز)...`, `القاهرة، 5 يناير (أ ف ب) - ...`, staff `کراچی: ...`.
//! The script has no capitals, so a place is one to four words and the rest must
//! carry the weight: a date or a credit, and no Urdu postposition after a credit
//! (`وزیر اعظم (پی ایم) نے ...` is a sentence).

use super::agencies::{Agencies, CreditError, Names, read_credit};
use super::cursor::Cursor;
use super::date::{self, DateRead};
use super::script::is_arabic_only;
use super::words::{Lang, Word, word_ahead, word_at, word_kind};
use super::{Dateline, Emphasis, Sep, Unread, eat_separator, text_start};

const MAX_PLACE_CHARS: usize = 40;
const MAX_PLACE_WORDS: usize = 4;

/// Urdu and Arabic labels that open a line with a colon but name no place.
pub(super) const LABELS: &[&str] = &[
    "نوٹ",
    "اپ ڈیٹ",
    "تازہ ترین",
    "بریکنگ",
    "اعلان",
    "وضاحت",
    "تصحیح",
    "سوال",
    "جواب",
    "خبر",
    "ضروری",
    "اطلاع",
    "انتباہ",
    "عاجل",
    "تحديث",
    "ملاحظة",
    "تنبيه",
];

#[allow(clippy::too_many_lines)] // one left-to-right reading of the lead: place, date, credit and separator in turn
pub(super) fn read<'a>(
    mut c: Cursor<'a>,
    mut em: Emphasis<'a>,
    _table: &Agencies,
) -> Result<Option<Dateline<'a>>, Unread> {
    let lead = c.s;
    let place_start = c.pos;
    let Some(words) = read_place(&mut c) else {
        return Ok(None);
    };
    let place_end = c.pos;
    em.close(&mut c);
    let after_place = c.pos;
    c.spaces();
    for sep in ["،", ",", "۔", "-", "–"] {
        if c.eat(sep) {
            break;
        }
    }
    c.spaces();
    let date_start = c.pos;
    let (read, mut lang) = date::read_arabic(&mut c);
    let date = match read {
        DateRead::Found { month, day } => Some((month, day, date_start, c.pos)),
        DateRead::Bad { offset, what, .. } => return Err(Unread { offset, what }),
        DateRead::NotDate => {
            c.pos = after_place;
            None
        }
    };
    em.close(&mut c);

    let save = c.pos;
    c.spaces();
    let paren_at = c.pos;
    let mut credit = Names::default();
    if c.eat("(") {
        match read_credit(&mut c) {
            Ok(list) => credit = list,
            Err(e) if date.is_some() => {
                let what = match e {
                    CreditError::Unclosed => "the credit has no closing parenthesis",
                    CreditError::NotAgencies => {
                        "the credit in parentheses is not a list of agencies"
                    }
                };
                return Err(Unread {
                    offset: paren_at,
                    what: what.to_owned(),
                });
            }
            Err(_) => return Ok(None),
        }
    } else {
        c.pos = save;
    }
    em.close(&mut c);
    let before_sep = c.pos;
    c.spaces();
    let sep = eat_separator(&mut c);
    if sep.is_none() {
        c.pos = before_sep;
    }
    em.close(&mut c);
    if em.is_open() {
        return Ok(None);
    }
    let text_start = text_start(&mut c, sep);
    let text = &lead[text_start..];
    let after_credit = Cursor {
        s: lead,
        pos: text_start,
    };
    let postposition = matches!(word_kind(&after_credit), Some((Word::Stop, _)));
    let place_text = &lead[place_start..place_end];

    let accepted = match (date.is_some(), !credit.is_empty(), sep) {
        (true, _, Some(_)) | (true, true, None) => true,
        (true, false, None) => {
            if postposition {
                return Ok(None);
            }
            return Err(Unread {
                offset: before_sep,
                what: "no dash, colon or credit separates the dateline from the story".to_owned(),
            });
        }
        (false, true, _) => {
            !postposition
                && credit
                    .as_slice()
                    .iter()
                    .all(|a| a.split_whitespace().count() <= 4)
        }
        (false, false, Some(Sep::Colon)) => {
            words <= 3
                && !text.is_empty()
                && !label_at(&Cursor {
                    s: lead,
                    pos: place_start,
                })
        }
        (false, false, _) => false,
    };
    if !accepted {
        return Ok(None);
    }
    if lang.is_none() {
        let arabic = place_text
            .chars()
            .chain(credit.as_slice().iter().flat_map(|a| a.chars()))
            .any(is_arabic_only);
        lang = Some(if arabic { Lang::Ar } else { Lang::Ur });
    }
    Ok(Some(Dateline::new(
        lead,
        place_text,
        date,
        credit,
        Some(match lang {
            Some(Lang::Ar) => "ar",
            _ => "ur",
        }),
        text_start,
    )))
}

/// Whether a newsroom label (`نوٹ: ...`, `تازہ ترین: ...`) starts at the cursor.
fn label_at(c: &Cursor) -> bool {
    match word_at(c).0 {
        Some(Word::Label { whole: true }) => true,
        Some(Word::Label { whole: false }) => LABELS
            .iter()
            .filter(|l| l.contains(' '))
            .any(|l| word_ahead(c, l).is_some()),
        _ => false,
    }
}

/// One to four Arabic-script words, stopping before a date (`۱۴`, `یکم`, a month
/// name). Returns the number of words, the cursor after the last one.
fn read_place(c: &mut Cursor) -> Option<usize> {
    let start = c.pos;
    let mut words = 0;
    let mut end = start;
    loop {
        let (kind, len) = word_at(c);
        match kind {
            // `کراچی یکم دسمبر`: the date, where the place ends.
            Some(Word::Month(..) | Word::Levantine | Word::First) if words > 0 => break,
            // `حکومت نے کہا: ...` is a sentence, not a place.
            Some(Word::Stop) => {
                c.pos = start;
                return None;
            }
            _ => {}
        }
        if len == 0 {
            break;
        }
        c.pos += len;
        words += 1;
        end = c.pos;
        // Bytes bound chars from above: count them only when it matters.
        if words > MAX_PLACE_WORDS
            || (end - start > MAX_PLACE_CHARS && c.s[start..end].chars().count() > MAX_PLACE_CHARS)
        {
            c.pos = start;
            return None;
        }
        if !c.spaces() {
            break;
        }
    }
    c.pos = end;
    (words > 0).then_some(words)
}
