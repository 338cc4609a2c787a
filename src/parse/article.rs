//! One article file to an [`Article`]: front matter, date, dateline lead, slug, body.
//! Input: the file's text, its relative path and the site configuration.
//! Output: the article and its warnings, or every error found in the file.

use chrono::{Datelike, TimeZone};

use super::date::{self, DateError};
use super::dateline::{self, Dateline};
use super::front_matter::{self, Split};
use super::{ParseError, markdown, slug, terms};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, line_col};
use crate::model::{Article, Correction, is_rtl_language};

/// Longest automatic summary, in characters.
const SUMMARY_CHARS: usize = 320;

/// The article with its warnings, or all of its errors (and warnings).
pub type ParseResult = Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses one article file. `source` is the path shown in messages.
pub fn parse_article(text: &str, source: &str, config: &Config) -> ParseResult {
    let whole = text.strip_prefix('\u{feff}').unwrap_or(text);
    let diag_at = |offset: usize, e: ParseError| {
        let (line, column) = line_col(whole, offset);
        let d = Diagnostic::error(source, line, column, e.message);
        match e.help {
            Some(h) => d.with_help(h),
            None => d,
        }
    };
    let Split { yaml, body, .. } = front_matter::split(whole).map_err(|e| {
        let offset = e.offset;
        vec![diag_at(offset, e)]
    })?;
    let yaml_offset = yaml.as_ptr() as usize - whole.as_ptr() as usize;
    let body_offset = body.as_ptr() as usize - whole.as_ptr() as usize;
    let key_at = |key: &str| yaml_offset + front_matter::key_offset(yaml, key).unwrap_or(0);

    let raw = front_matter::read(yaml).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| {
                let offset = yaml_offset + e.offset;
                diag_at(offset, e)
            })
            .collect::<Vec<_>>()
    })?;

    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let title = raw.title.as_deref().map(clean_line).unwrap_or_default();
    if title.is_empty() {
        errors.push(diag_at(
            key_at("title"),
            ParseError::at(0, "the article has no title")
                .help("add a line such as `title: \"Pakistan seeks stronger trade ties\"`"),
        ));
    }

    let read_date = |key: &str, value: &str| {
        date::parse_date(value, config.timezone).map_err(|e| {
            let message = match e {
                DateError::Impossible => {
                    format!("`{key}` names a date that does not exist: `{value}`")
                }
                DateError::UnknownFormat => format!("cannot read `{value}` as a date in `{key}`"),
            };
            diag_at(
                key_at(key),
                ParseError::at(0, message).help(date::DATE_HELP),
            )
        })
    };
    let date = match raw.date.as_deref() {
        Some(v) => read_date("date", v).map_err(|d| errors.push(d)).ok(),
        None => {
            errors.push(diag_at(
                0,
                ParseError::at(0, "the article has no date")
                    .help("add a line such as `date: 2017-09-22 14:30`"),
            ));
            None
        }
    };
    let updated = raw
        .updated
        .as_deref()
        .and_then(|v| read_date("updated", v).map_err(|d| errors.push(d)).ok());
    let embargo = raw
        .embargo
        .as_deref()
        .and_then(|v| read_date("embargo", v).map_err(|d| errors.push(d)).ok());
    let expires = raw
        .expires
        .as_deref()
        .and_then(|v| read_date("expires", v).map_err(|d| errors.push(d)).ok());
    let corrections: Vec<Correction> = raw
        .corrections
        .iter()
        .filter_map(|c| {
            let date = read_date("corrections", &c.date)
                .map_err(|d| errors.push(d))
                .ok()?;
            Some(Correction {
                date,
                text: clean_line(&c.text),
            })
        })
        .collect();

    // The wire lead: `PLACE, MON DD (AGENCY) – text`.
    let lead_start = body.len() - body.trim_start().len();
    let lead = dateline::parse_dateline(&body[lead_start..]);
    let body_md: std::borrow::Cow<str> = match &lead {
        Some(d) => format!(
            "{}{}",
            &body[..lead_start],
            &body[lead_start + d.text_start..]
        )
        .into(),
        None => body.into(),
    };

    if let (Some(d), Some(date)) = (&lead, date)
        && let (Some(month), Some(day)) = (d.month, d.day)
    {
        let local = date.with_timezone(&config.timezone);
        let matches = |m: u32, dd: u32| m == month && dd == day;
        if !matches(date.month(), date.day()) && !matches(local.month(), local.day()) {
            let (line, column) = line_col(whole, body_offset + lead_start);
            warnings.push(Diagnostic::warning(
                source,
                line,
                column,
                format!(
                    "the lead is dated {} {} but `date` is {}",
                    dateline::month_abbrev(month),
                    day,
                    date.format("%Y-%m-%d")
                ),
            ));
        }
    }

    let place = raw
        .dateline
        .as_deref()
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .or_else(|| lead.as_ref().map(|d: &Dateline| d.place.clone()));
    let agencies = match raw.agencies {
        Some(a) => dedupe(a.into_vec(Some('/'))),
        None => lead
            .as_ref()
            .map(|d| dedupe(d.agencies.clone()))
            .unwrap_or_default(),
    };
    let topics = dedupe(raw.topics.map(|t| t.into_vec(None)).unwrap_or_default());
    let tags = dedupe(raw.tags.map(|t| t.into_vec(None)).unwrap_or_default());
    let authors = dedupe(raw.author.map(|t| t.into_vec(None)).unwrap_or_default());

    let summary = match raw.summary.as_deref().map(clean_line) {
        Some(s) if !s.is_empty() => s,
        _ => markdown::truncate_words(&markdown::first_paragraph_text(&body_md), SUMMARY_CHARS),
    };

    let file_stem = source
        .rsplit('/')
        .next()
        .unwrap_or(source)
        .trim_end_matches(".md");
    let slug = match raw.slug.as_deref() {
        Some(s) => slug::slugify(s, file_stem),
        None => slug::slugify(&title, file_stem),
    };
    let lang = raw
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(&config.language)
        .to_string();

    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    let date = date.expect("a missing or bad date is an error above");
    let local = config.timezone.from_utc_datetime(&date.naive_utc());
    let path = format!(
        "{:04}/{:02}/{:02}/{}/",
        local.year(),
        local.month(),
        local.day(),
        slug
    );
    let body_html = markdown::to_html(&body_md);
    let terms = terms::count_terms(&title, &body_html);
    let article = Article {
        source: source.to_string(),
        title,
        date,
        updated,
        place,
        agencies,
        topics,
        tags,
        authors,
        summary,
        image: raw.image.filter(|s| !s.trim().is_empty()),
        image_alt: raw.image_alt,
        rtl: is_rtl_language(&lang),
        lang,
        slug,
        path,
        draft: raw.draft.unwrap_or(false),
        featured: raw.featured.unwrap_or(false),
        comments: raw.comments.unwrap_or(true),
        breaking: raw.breaking.unwrap_or(false),
        embargo,
        expires,
        withdrawn: raw.withdrawn.unwrap_or(false),
        corrections,
        words: markdown::word_count(&body_md),
        terms,
        body_html,
        extra: raw.extra,
    };
    Ok((article, warnings))
}

/// One line of text: control characters dropped, whitespace (including
/// non-breaking spaces) collapsed.
fn clean_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Trims, collapses whitespace and drops case-insensitive repeats, keeping order.
fn dedupe(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = clean_line(&item);
        if !item.is_empty() && !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item);
        }
    }
    out
}
