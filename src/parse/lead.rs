//! The wire lead of an article body: its dateline cut from the Markdown (pages show
//! it as the credit line instead), the credit line itself, and the warnings about a
//! lead that looks like a dateline but is not read, or is dated away from `date`.
//! Input: the body, the parsed date and front matter values. Output: data and
//! diagnostics; no I/O.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, FixedOffset};

use super::dateline::{self, Agencies, Dateline, Unread};
use crate::config::{Config, DateStyle};
use crate::diagnostics::{Diagnostic, line_col};

/// The Markdown of an article's body as it is rendered: the wire lead
/// (`PLACE, MON DD (AGENCY) – text`) loses its dateline prefix.
pub struct BodyMarkdown<'a> {
    /// Offset in the body of its first non-blank character, where a lead starts.
    pub lead_start: usize,
    pub lead: Option<Dateline<'a>>,
    /// A lead that looks like a dateline but was not read (it stays in the body).
    pub unread: Option<Unread>,
    pub markdown: Cow<'a, str>,
}

pub fn body_markdown<'a>(body: &'a str, agencies: &Agencies) -> BodyMarkdown<'a> {
    let lead_start = body.len() - body.trim_start().len();
    let (lead, unread) = match dateline::read_lead(&body[lead_start..], agencies) {
        Ok(lead) => (lead, None),
        Err(unread) => (None, Some(unread)),
    };
    let markdown = match &lead {
        // The body opens with the dateline: the text after it, as it lies.
        Some(d) if lead_start == 0 => body[d.text_start..].into(),
        Some(d) => {
            let rest = &body[lead_start + d.text_start..];
            let mut text = String::with_capacity(lead_start + rest.len());
            text.push_str(&body[..lead_start]);
            text.push_str(rest);
            text.into()
        }
        None => body.into(),
    };
    BodyMarkdown {
        lead_start,
        lead,
        unread,
        markdown,
    }
}

/// What the credit line is made of, besides the configuration.
pub struct CreditParts<'a> {
    pub lead: Option<&'a Dateline<'a>>,
    /// The place shown: front matter `dateline`, else the lead's.
    pub place: Option<&'a str>,
    /// Agencies as the story wrote them (front matter or lead), before the agency
    /// table made them canonical.
    pub agencies: &'a [String],
    pub date: Option<DateTime<FixedOffset>>,
    /// Front matter `lang`, when given.
    pub lang: Option<&'a str>,
}

/// The credit line in the article's language: `NEW YORK, SEPT 22 (AFP/DNA)`,
/// `اسلام آباد، 14 مئی (اے پی پی)`. The date is the lead's as written unless the
/// site sets a house style; without a date in the lead, the month and day of `date`
/// as written. Empty without a place or an agency.
pub fn credit_line(parts: &CreditParts, config: &Config) -> String {
    if parts.place.is_none() && parts.agencies.is_empty() {
        // A date alone says no more than the published time beside it.
        return String::new();
    }
    let lang = dateline::credit_language(
        parts.lang,
        parts.lead.and_then(|d| d.lang),
        &config.language,
        parts.place,
    );
    let style = config.dateline.date_style;
    let date = match parts.lead {
        Some(Dateline {
            date: Some(written),
            ..
        }) if style == DateStyle::AsWritten => Some(clean(written)),
        Some(Dateline {
            month: Some(month),
            day,
            ..
        }) => Some(dateline::format_date(*month, *day, style, lang)),
        _ => parts
            .date
            .map(|d| dateline::format_date(d.month(), Some(d.day()), style, lang)),
    };
    dateline::format_credit(parts.place, date.as_deref(), parts.agencies, lang)
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Warnings about the lead: one that looks like a dateline but was not read, and
/// one dated two days or more away from `date` (a day either side is a time zone:
/// a Tokyo story filed late in the evening UTC).
pub fn lead_warnings(
    body: &BodyMarkdown,
    date: Option<DateTime<FixedOffset>>,
    config: &Config,
    whole: &str,
    source: &str,
    body_offset: usize,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut warn = |offset: usize, message: String, help: &str| {
        let (line, column) = line_col(whole, body_offset + body.lead_start + offset);
        warnings.push(Diagnostic::warning(source, line, column, message).with_help(help));
    };
    if let Some(unread) = &body.unread {
        warn(
            unread.offset,
            format!(
                "the lead looks like a dateline, but {}; it stays in the story",
                unread.what
            ),
            "see the dateline shapes broadsheet reads in docs/format.md",
        );
    }
    if let (Some(d), Some(date)) = (&body.lead, date)
        && let (Some(month), Some(day)) = (d.month, d.day)
        && !near(date, config, month, day)
    {
        warn(
            0,
            format!(
                "the lead is dated {} but `date` is {}",
                d.date.map(clean).unwrap_or_default(),
                date.format("%Y-%m-%d")
            ),
            "a day either side is allowed for time zones; correct the lead or `date`",
        );
    }
    warnings
}

/// Whether month/day is within a day of `date`, in its written offset or the site's zone.
fn near(date: DateTime<FixedOffset>, config: &Config, month: u32, day: u32) -> bool {
    let days = [
        date.date_naive(),
        date.with_timezone(&config.timezone).date_naive(),
    ];
    days.iter().any(|d| {
        (-1..=1).any(|k| {
            let x = *d + chrono::Duration::days(k);
            x.month() == month && x.day() == day
        })
    })
}
