//! The front matter's fields of one article file into values: title, dates, names
//! (dateline place, credit, agencies, topics, tags, authors), slug and image, each
//! problem a diagnostic at the key that has it. Input: the file and its front matter
//! as read ([`RawFrontMatter`]). Output: values and diagnostics; pure.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::super::date::{self, DateError};
use super::super::dateline::Dateline;
use super::super::front_matter::{self, OneOrMany, RawFrontMatter};
use super::super::lead::{self, CreditParts};
use super::super::{ParseError, sanitize, slug};
use super::{clean_line, dedupe};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::Correction;

/// One file being parsed: its text and where its parts start, to turn an offset
/// into a diagnostic at a line and column.
pub(super) struct File<'a> {
    /// The text without a byte-order mark.
    pub(super) whole: &'a str,
    pub(super) source: &'a str,
    pub(super) yaml: &'a str,
    pub(super) yaml_offset: usize,
    pub(super) body_offset: usize,
}

impl File<'_> {
    pub(super) fn diag_at(&self, offset: usize, e: ParseError) -> Diagnostic {
        super::super::diagnostic_at(self.whole, self.source, offset, e)
    }

    /// An error of the front matter, at its offset in the YAML.
    pub(super) fn in_yaml(&self, e: ParseError) -> Diagnostic {
        let offset = self.yaml_offset + e.offset;
        self.diag_at(offset, e)
    }

    /// Where `key` is written (the start of the front matter if it is not).
    pub(super) fn key_at(&self, key: &str) -> usize {
        self.yaml_offset + front_matter::key_offset(self.yaml, key).unwrap_or(0)
    }

    /// A problem with the value of `key`.
    pub(super) fn at_key(&self, key: &str, e: ParseError) -> Diagnostic {
        self.diag_at(self.key_at(key), e)
    }

    /// Whether `key` is written (though perhaps not readable: then its error is
    /// already reported, and it is not "missing" as well).
    pub(super) fn written(&self, key: &str) -> bool {
        front_matter::key_offset(self.yaml, key).is_some()
    }
}

/// The language as written (`lang`), else the site's.
pub(in crate::parse) fn read_lang(written: Option<&str>, config: &Config) -> String {
    written
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(&config.language)
        .to_string()
}

/// The title on one line; none is an error (unless it is written but could not be
/// read, which is reported already).
pub(super) fn read_title(
    file: &File,
    written: Option<&str>,
    errors: &mut Vec<Diagnostic>,
) -> String {
    let title = written.map(clean_line).unwrap_or_default();
    if title.is_empty() && !(written.is_none() && file.written("title")) {
        errors.push(
            file.at_key(
                "title",
                ParseError::at(0, "the article has no title")
                    .help("add a line such as `title: \"Pakistan seeks stronger trade ties\"`"),
            ),
        );
    }
    title
}

/// A warning for each unknown key that looks like a misspelt known one.
pub(super) fn unknown_keys(
    file: &File,
    extra: &BTreeMap<String, serde_json::Value>,
) -> Vec<Diagnostic> {
    extra
        .keys()
        .filter_map(|key| {
            let known = front_matter::suggest_key(key)?;
            let e = ParseError::at(0, format!("unknown key `{key}`: did you mean `{known}`?"))
                .help(format!(
                    "broadsheet does not read `{key}`; it is kept for templates as `article.extra.{key}`"
                ));
            Some(file.at_key(key, e).into_warning())
        })
        .collect()
}

/// Every date of the front matter, read in the site's time zone.
pub(super) struct Dates {
    /// `None` only when it is missing or unreadable (an error).
    pub(super) date: Option<DateTime<FixedOffset>>,
    pub(super) updated: Option<DateTime<FixedOffset>>,
    pub(super) embargo: Option<DateTime<FixedOffset>>,
    pub(super) expires: Option<DateTime<FixedOffset>>,
    pub(super) corrections: Vec<Correction>,
}

/// Reads `date`, `updated`, `embargo`, `expires` and each correction's date; a date
/// that cannot be read is an error, a local time the clocks showed twice a warning.
pub(super) fn read_dates(
    file: &File,
    raw: &RawFrontMatter,
    config: &Config,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Dates {
    let zone = config.timezone;
    let mut read_date = |errors: &mut Vec<Diagnostic>, key: &str, value: &str| match date::read_date(
        value, zone,
    ) {
        Err(e) => {
            errors.push(file.at_key(key, date_error(key, value, e, zone)));
            None
        }
        Ok((time, twice)) => {
            if let Some(r) = twice {
                let e = ParseError::at(
                        0,
                        format!(
                            "`{key}` is `{}`, a time the clocks showed twice in {} (they went back); taking the first, {}",
                            value.trim(),
                            zone.name(),
                            r.chosen.to_rfc3339()
                        ),
                    )
                    .help(format!("for the second, write `{}`", r.later.to_rfc3339()));
                warnings.push(file.at_key(key, e).into_warning());
            }
            Some(time)
        }
    };
    let date = match raw.date.as_deref() {
        Some(v) => read_date(errors, "date", v),
        None if file.written("date") => None,
        None => {
            errors.push(
                file.diag_at(
                    0,
                    ParseError::at(0, "the article has no date")
                        .help("add a line such as `date: 2017-09-22 14:30`"),
                ),
            );
            None
        }
    };
    let mut optional = |key: &str, value: &Option<String>| {
        value.as_deref().and_then(|v| read_date(errors, key, v))
    };
    let updated = optional("updated", &raw.updated);
    let embargo = optional("embargo", &raw.embargo);
    let expires = optional("expires", &raw.expires);
    let corrections = raw
        .corrections
        .iter()
        .filter_map(|c| {
            Some(Correction {
                date: read_date(errors, "corrections", &c.date)?,
                text: clean_line(&c.text),
            })
        })
        .collect();
    Dates {
        date,
        updated,
        embargo,
        expires,
        corrections,
    }
}

/// Why the date `value` of `key` cannot be read, and what to write instead.
fn date_error(key: &str, value: &str, e: DateError, zone: chrono_tz::Tz) -> ParseError {
    match e {
        DateError::Impossible => ParseError::at(
            0,
            format!("`{key}` names a date that does not exist: `{value}`"),
        )
        .help(date::DATE_HELP),
        DateError::UnknownFormat => {
            ParseError::at(0, format!("cannot read `{value}` as a date in `{key}`"))
                .help(date::DATE_HELP)
        }
        DateError::Skipped {
            local,
            before,
            after,
        } => ParseError::at(
            0,
            format!(
                "`{key}` is `{}`, a time that never showed on a clock in {}: the clocks went from {before} to {after} and skipped it",
                value.trim(),
                zone.name()
            ),
        )
        .help(format!(
            "write the time the clocks showed, or give its offset, e.g. `{}{before}`",
            local.format("%Y-%m-%dT%H:%M:%S")
        )),
    }
}

/// Who and where: the dateline place, the credit line, and the names the story is
/// filed under.
pub(super) struct Names {
    pub(super) place: Option<String>,
    pub(super) credit: String,
    pub(super) agencies: Vec<String>,
    pub(super) topics: Vec<String>,
    pub(super) tags: Vec<String>,
    pub(super) authors: Vec<String>,
}

/// The place and agencies (as written, else from the lead's dateline), the credit
/// line (in the story's `lang`, when it has its own), and the agencies, topics, tags and authors (each a name with a page: one
/// with no letters or digits is left out with a warning).
pub(super) fn read_names(
    file: &File,
    raw: &mut RawFrontMatter,
    (lead, lang): (Option<&Dateline>, Option<&str>),
    date: Option<DateTime<FixedOffset>>,
    config: &Config,
    warnings: &mut Vec<Diagnostic>,
) -> Names {
    let place = raw
        .dateline
        .as_deref()
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .or_else(|| lead.map(|d| clean_line(d.place)));
    // As the story wrote them, for the credit line; the agency table names them for pages.
    let written_agencies = match raw.agencies.take() {
        Some(a) => dedupe(a.into_vec(Some('/'))),
        None => lead
            .map(|d| {
                dedupe(
                    d.agencies
                        .as_slice()
                        .iter()
                        .map(|&a| a.to_owned())
                        .collect(),
                )
            })
            .unwrap_or_default(),
    };
    let agencies = dedupe(
        written_agencies
            .iter()
            .map(|a| config.agencies.canonical(a).to_owned())
            .collect(),
    );
    let credit = lead::credit_line(
        &CreditParts {
            lead,
            place: place.as_deref(),
            agencies: &written_agencies,
            date,
            lang,
        },
        config,
    );
    let agencies = named(file, "agencies", agencies, warnings);
    let mut listed = |key: &str, names: Option<OneOrMany>| -> Vec<String> {
        let names = dedupe(names.map(|t| t.into_vec(None)).unwrap_or_default());
        named(file, key, names, warnings)
    };
    let topics = listed("topics", raw.topics.take());
    let tags = listed("tags", raw.tags.take());
    let authors_key = if file.written("authors") {
        "authors"
    } else {
        "author"
    };
    let authors = listed(authors_key, raw.author.take());
    Names {
        place,
        credit,
        agencies,
        topics,
        tags,
        authors,
    }
}

/// `names` less those with no letters or digits (a name with none has no page to
/// live on), each left out with a warning at `key`.
fn named(
    file: &File,
    key: &str,
    names: Vec<String>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<String> {
    names
        .into_iter()
        .filter(|name| {
            let keep = !slug::segment(name).is_empty();
            if !keep {
                let e = ParseError::at(
                    0,
                    format!(
                        "`{key}` lists `{name}`, which has no letters or digits; it is left out"
                    ),
                );
                warnings.push(file.at_key(key, e).into_warning());
            }
            keep
        })
        .collect()
}

/// The slug as written, made a plain URL segment (with a warning when that changed
/// it), else made from the title (or the file's name).
pub(super) fn read_slug(
    file: &File,
    written: Option<&str>,
    title: &str,
    config: &Config,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let scheme = config.languages.slugs;
    let file_stem = file
        .source
        .rsplit('/')
        .next()
        .unwrap_or(file.source)
        .trim_end_matches(".md");
    let Some(s) = written else {
        return slug::slug_for(title, file_stem, scheme);
    };
    let safe = slug::slug_for(s, file_stem, scheme);
    if safe != s.trim() {
        let e = ParseError::at(
            0,
            format!(
                "the slug `{}` is not a plain URL segment; using `{safe}`",
                s.escape_debug()
            ),
        )
        .help("a slug is lower-case letters, digits and hyphens, e.g. `pakistan-russia-trade`");
        warnings.push(file.at_key("slug", e).into_warning());
    }
    safe
}

/// The image as written when it is a site path or an http(s) URL (themes put it in
/// `src` and `og:image`); any other scheme is left out with a warning.
pub(super) fn read_image(
    file: &File,
    image: Option<String>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    let url = image.filter(|s| !s.trim().is_empty())?;
    match sanitize::url_scheme(&url).as_deref() {
        None | Some("http" | "https") => Some(url.trim().to_string()),
        Some(scheme) => {
            let e = ParseError::at(0, format!("`image` is a `{scheme}:` URL; it is left out"))
                .help("give a site path such as /images/x.jpg or an https:// URL");
            warnings.push(file.at_key("image", e).into_warning());
            None
        }
    }
}

/// `image_focus: 0.3,0.6`: where crops centre, as shares of the width and height.
/// Anything else is left out with a warning (crops then centre).
pub(super) fn read_focus(
    file: &File,
    focus: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<(f32, f32)> {
    let f = focus?;
    let parsed = f.split_once(',').and_then(|(x, y)| {
        let (x, y) = (x.trim().parse::<f32>().ok()?, y.trim().parse::<f32>().ok()?);
        ((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)).then_some((x, y))
    });
    if parsed.is_none() {
        let e = ParseError::at(
            0,
            format!("cannot read `{f}` as a focus point; crops centre"),
        )
        .help("write two shares of the width and height, such as 0.3,0.6");
        warnings.push(file.at_key("image_focus", e).into_warning());
    }
    parsed
}
