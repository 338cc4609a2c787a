//! Credit lines: `NEW YORK, SEPT 22 (AFP/APP/DNA)`, `اسلام آباد، 14 مئی (اے پی پی)`,
//! in the article's language, with the date as the wire wrote it or in the site's
//! house style (`[dateline] date_style` in site.toml).

use std::fmt::Write as _;

use super::date::month_name;
use super::words::{ARABIC_MONTH_NAMES, URDU_MONTHS};
use crate::config::DateStyle;
use crate::text::is_arabic_letter;

/// Wire-style month as used in Pakistani agency copy (`SEPT 22`, `JUNE 16`);
/// empty for a month outside 1..=12.
pub fn month_abbrev(month: u32) -> &'static str {
    match month {
        1 => "JAN",
        2 => "FEB",
        3 => "MARCH",
        4 => "APRIL",
        5 => "MAY",
        6 => "JUNE",
        7 => "JULY",
        8 => "AUG",
        9 => "SEPT",
        10 => "OCT",
        11 => "NOV",
        12 => "DEC",
        _ => "",
    }
}

/// AP style: `Jan.`, `Feb.`, `March`, ... `Sept.`, ... `Dec.`.
fn month_ap(month: u32) -> &'static str {
    match month {
        1 => "Jan.",
        2 => "Feb.",
        3 => "March",
        4 => "April",
        5 => "May",
        6 => "June",
        7 => "July",
        8 => "Aug.",
        9 => "Sept.",
        10 => "Oct.",
        11 => "Nov.",
        12 => "Dec.",
        _ => "",
    }
}

/// The language a credit line is written in: `ur`, `ar` or anything else (English forms).
fn primary(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// Whether a credit in `lang` is written the Urdu/Arabic way (`،`, Urdu or Arabic months).
fn arabic_script(lang: &str) -> bool {
    matches!(primary(lang), "ur" | "ar")
}

/// The language of an article's credit line: its `lang` when the front matter
/// gives one; else the language of an Urdu or Arabic lead; else the site's. The
/// place's script has the last word, so a credit is never half in one script: a
/// Latin place (`QUETTA`, the wire's own form in an Urdu story) gets an English
/// credit, an Arabic-script place in an English story an Urdu (or Arabic) one.
pub fn credit_language<'a>(
    front_matter: Option<&'a str>,
    lead: Option<&'static str>,
    site: &'a str,
    place: Option<&str>,
) -> &'a str {
    let lang = front_matter.or(lead).unwrap_or(site);
    let place_arabic = place
        .and_then(|p| p.chars().find(|ch| ch.is_alphabetic()))
        .map(is_arabic_letter);
    match (place_arabic, arabic_script(lang)) {
        (Some(false), true) => "en",
        (Some(true), false) => lead.unwrap_or("ur"),
        _ => lang,
    }
}

/// A month and day in a credit line's language and a house style: `SEPT 22`
/// (upper, and `as-written` when the lead gave no date), `Sept. 22` (ap),
/// `September 22` (full); `22 ستمبر` in Urdu and `22 سبتمبر` in Arabic whatever the
/// style. Empty for a month outside 1..=12.
pub fn format_date(month: u32, day: Option<u32>, style: DateStyle, lang: &str) -> String {
    if !(1..=12).contains(&month) {
        return String::new();
    }
    let name = match primary(lang) {
        "ur" => URDU_MONTHS[month as usize - 1],
        "ar" => ARABIC_MONTH_NAMES[month as usize - 1],
        _ => "",
    };
    if !name.is_empty() {
        return match day {
            Some(day) => format!("{day} {name}"),
            None => name.to_owned(),
        };
    }
    let mut out = match style {
        DateStyle::AsWritten | DateStyle::Upper => month_abbrev(month).to_owned(),
        DateStyle::Ap => month_ap(month).to_owned(),
        DateStyle::Full => {
            let full = month_name(month);
            let mut chars = full.chars();
            chars
                .next()
                .map(|f| f.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        }
    };
    if let Some(day) = day {
        write!(out, " {day}").expect("writing to a String cannot fail");
    }
    out
}

/// Writes a credit line: `NEW YORK, SEPT 22 (AFP/APP/DNA)`, or for an Urdu or Arabic
/// `lang` `اسلام آباد، 14 مئی (اے پی پی)`. Empty or missing parts are left out with
/// their punctuation; nothing at all gives an empty string.
pub fn format_credit(
    place: Option<&str>,
    date: Option<&str>,
    agencies: &[String],
    lang: &str,
) -> String {
    let mut out = String::new();
    if let Some(place) = place.map(str::trim) {
        out.push_str(place);
    }
    if let Some(date) = date.map(str::trim).filter(|d| !d.is_empty()) {
        if !out.is_empty() {
            out.push_str(if arabic_script(lang) { "، " } else { ", " });
        }
        out.push_str(date);
    }
    let mut agencies = agencies.iter().map(|a| a.trim()).filter(|a| !a.is_empty());
    if let Some(first) = agencies.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('(');
        out.push_str(first);
        for agency in agencies {
            out.push('/');
            out.push_str(agency);
        }
        out.push(')');
    }
    out
}
