//! One article file to an [`Article`]: front matter, date, dateline lead, slug, body.
//! Input: the file's text, its relative path and the site configuration.
//! Output: the article and its warnings, or every error found in the file.

use chrono::{Datelike, TimeZone};

use super::date::{self, DateError};
use super::front_matter::{self, Split};
use super::lead::{self, BodyMarkdown, CreditParts};
use super::{ParseError, markdown, sanitize, slug, terms};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, line_col};
use crate::model::{Article, Body, Correction, is_rtl_language};

/// Longest automatic summary, in characters.
const SUMMARY_CHARS: usize = 320;

/// The article with its warnings, or all of its errors (and warnings).
pub type ParseResult = Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses one article file. `source` is the path shown in messages.
#[allow(clippy::too_many_lines)] // to split by front matter field groups once issue 20's parser fixes land
pub fn parse_article(text: &str, source: &str, config: &Config) -> ParseResult {
    let whole = text.strip_prefix('\u{feff}').unwrap_or(text);
    let diag_at = |offset: usize, e: ParseError| super::diagnostic_at(whole, source, offset, e);
    let Split { yaml, body, .. } = front_matter::split(whole).map_err(|e| {
        let offset = e.offset;
        vec![diag_at(offset, e)]
    })?;
    let yaml_offset = yaml.as_ptr() as usize - whole.as_ptr() as usize;
    let body_offset = body.as_ptr() as usize - whole.as_ptr() as usize;
    let key_at = |key: &str| yaml_offset + front_matter::key_offset(yaml, key).unwrap_or(0);

    let in_yaml = |e: ParseError| {
        let offset = yaml_offset + e.offset;
        diag_at(offset, e)
    };
    // A key of the wrong kind is an error, but the other keys are still read, so
    // every problem of the file is reported in one run.
    let (mut raw, key_errors) = front_matter::read_partial(yaml)
        .map_err(|errors| errors.into_iter().map(in_yaml).collect::<Vec<_>>())?;
    let mut errors: Vec<Diagnostic> = key_errors.into_iter().map(in_yaml).collect();
    let (aliases, _menu, problems) = super::page::take_url_keys(&mut raw.extra);
    for (key, message) in problems {
        errors.push(diag_at(key_at(key), ParseError::at(0, message)));
    }
    let mut warnings = Vec::new();
    // Written, but not readable: already reported above, so not "missing" as well.
    let written = |key: &str| front_matter::key_offset(yaml, key).is_some();

    for key in raw.extra.keys() {
        if let Some(known) = front_matter::suggest_key(key) {
            warnings.push(
                diag_at(
                    key_at(key),
                    ParseError::at(
                        0,
                        format!("unknown key `{key}`: did you mean `{known}`?"),
                    )
                    .help(format!(
                        "broadsheet does not read `{key}`; it is kept for templates as `article.extra.{key}`"
                    )),
                )
                .into_warning(),
            );
        }
    }

    let title = raw.title.as_deref().map(clean_line).unwrap_or_default();
    if title.is_empty() && !(raw.title.is_none() && written("title")) {
        errors.push(diag_at(
            key_at("title"),
            ParseError::at(0, "the article has no title")
                .help("add a line such as `title: \"Pakistan seeks stronger trade ties\"`"),
        ));
    }

    let zone = config.timezone;
    let mut repeated = Vec::new();
    let mut read_date = |key: &str, value: &str| {
        let (time, twice) = date::read_date(value, zone).map_err(|e| {
            let e = match e {
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
            };
            diag_at(key_at(key), e)
        })?;
        if let Some(r) = twice {
            repeated.push(
                diag_at(
                    key_at(key),
                    ParseError::at(
                        0,
                        format!(
                            "`{key}` is `{}`, a time the clocks showed twice in {} (they went back); taking the first, {}",
                            value.trim(),
                            zone.name(),
                            r.chosen.to_rfc3339()
                        ),
                    )
                    .help(format!("for the second, write `{}`", r.later.to_rfc3339())),
                )
                .into_warning(),
            );
        }
        Ok(time)
    };
    let date = match raw.date.as_deref() {
        Some(v) => read_date("date", v).map_err(|d| errors.push(d)).ok(),
        None if written("date") => None,
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

    warnings.append(&mut repeated);

    let body_md = lead::body_markdown(body, &config.agencies);
    warnings.extend(lead::lead_warnings(
        &body_md,
        date,
        config,
        whole,
        source,
        body_offset,
    ));
    let BodyMarkdown {
        lead_start,
        lead,
        markdown: body_md,
        ..
    } = body_md;

    let place = raw
        .dateline
        .as_deref()
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .or_else(|| lead.as_ref().map(|d| clean_line(d.place)));
    // As the story wrote them, for the credit line; the agency table names them for pages.
    let written_agencies = match raw.agencies {
        Some(a) => dedupe(a.into_vec(Some('/'))),
        None => lead
            .as_ref()
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
            lead: lead.as_ref(),
            place: place.as_deref(),
            agencies: &written_agencies,
            date,
            lang: raw.lang.as_deref().map(str::trim).filter(|l| !l.is_empty()),
        },
        config,
    );
    let topics = dedupe(raw.topics.map(|t| t.into_vec(None)).unwrap_or_default());
    let tags = dedupe(raw.tags.map(|t| t.into_vec(None)).unwrap_or_default());
    let authors = dedupe(raw.author.map(|t| t.into_vec(None)).unwrap_or_default());
    // A name with no letters or digits has no page to live on.
    let mut named = |key: &str, names: Vec<String>| -> Vec<String> {
        names
            .into_iter()
            .filter(|name| {
                let keep = !slug::segment(name).is_empty();
                if !keep {
                    warnings.push(diag_at(
                        key_at(key),
                        ParseError::at(
                            0,
                            format!("`{key}` lists `{name}`, which has no letters or digits; it is left out"),
                        ),
                    ).into_warning());
                }
                keep
            })
            .collect()
    };
    let agencies = named("agencies", agencies);
    let topics = named("topics", topics);
    let tags = named("tags", tags);
    let authors = named(
        if front_matter::key_offset(yaml, "authors").is_some() {
            "authors"
        } else {
            "author"
        },
        authors,
    );

    let file_stem = source
        .rsplit('/')
        .next()
        .unwrap_or(source)
        .trim_end_matches(".md");
    let slug = match raw.slug.as_deref() {
        Some(s) => {
            let safe = slug::slugify(s, file_stem);
            if safe != s.trim() {
                warnings.push(
                    diag_at(
                        key_at("slug"),
                        ParseError::at(
                            0,
                            format!("the slug `{}` is not a plain URL segment; using `{safe}`", s.escape_debug()),
                        )
                        .help("a slug is lower-case letters, digits and hyphens, e.g. `pakistan-russia-trade`"),
                    )
                    .into_warning(),
                );
            }
            safe
        }
        None => slug::slugify(&title, file_stem),
    };
    let lang = raw
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(&config.language)
        .to_string();

    // Themes put `image` in `src` and `og:image`: a site path or an http(s) URL only.
    let image = raw.image.filter(|s| !s.trim().is_empty()).and_then(|url| {
        match sanitize::url_scheme(&url).as_deref() {
            None | Some("http" | "https") => Some(url.trim().to_string()),
            Some(scheme) => {
                warnings.push(
                    diag_at(
                        key_at("image"),
                        ParseError::at(0, format!("`image` is a `{scheme}:` URL; it is left out"))
                            .help("give a site path such as /images/x.jpg or an https:// URL"),
                    )
                    .into_warning(),
                );
                None
            }
        }
    });
    let image_focus = raw.image_focus.as_deref().and_then(|f| {
        let parsed = f.split_once(',').and_then(|(x, y)| {
            let (x, y) = (x.trim().parse::<f32>().ok()?, y.trim().parse::<f32>().ok()?);
            ((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)).then_some((x, y))
        });
        if parsed.is_none() {
            warnings.push(
                diag_at(
                    key_at("image_focus"),
                    ParseError::at(
                        0,
                        format!("cannot read `{f}` as a focus point; crops centre"),
                    )
                    .help("write two shares of the width and height, such as 0.3,0.6"),
                )
                .into_warning(),
            );
        }
        parsed
    });
    let markdown::Rendered {
        html: body_html,
        notes,
        first_paragraph,
    } = render_body(&body_md, config);
    let (summary, summary_written) = match raw.summary.as_deref().map(clean_line) {
        Some(s) if !s.is_empty() => (s, true),
        _ => (
            markdown::truncate_words(&first_paragraph, SUMMARY_CHARS),
            false,
        ),
    };
    let mut first_note = true;
    for note in notes {
        // Back to an offset in the file: the lead's dateline prefix was cut from `body_md`.
        let in_body = match &lead {
            Some(d) if note.offset >= lead_start => note.offset + d.text_start,
            _ => note.offset,
        };
        let (line, column) = line_col(whole, body_offset + in_body);
        let warning = Diagnostic::warning(source, line, column, note.message);
        // The help once per article: it is the same for every removal.
        warnings.push(if first_note {
            first_note = false;
            warning.with_help(
                "raw HTML follows `[markdown] raw_html` in site.toml (docs/errors.md); links may use http, https, mailto and tel",
            )
        } else {
            warning
        });
    }

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
    let terms = terms::count_terms(&title, &body_html);
    let article = Article {
        source: source.to_string(),
        title,
        date,
        updated,
        place,
        credit,
        agencies,
        topics,
        tags,
        authors,
        summary,
        summary_written,
        image,
        image_alt: raw.image_alt.as_deref().map(clean_line),
        image_caption: raw.image_caption.as_deref().map(clean_line),
        image_credit: raw.image_credit.as_deref().map(clean_line),
        image_focus,
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
        aliases,
        words: markdown::word_count(&body_md),
        terms,
        body: Body::InMemory(body_html),
        extra: raw.extra,
        source_hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
    };
    Ok((article, warnings))
}

/// The body HTML of an article file, exactly as [`parse_article`] renders it (same
/// steps, same code): builds drop each article's body after parsing and call this
/// when the article page or a full-text feed needs it again. Only the front matter's
/// fences are read; the text is expected to have parsed before.
pub fn body_html(text: &str, config: &Config) -> Result<String, ParseError> {
    let whole = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Split { body, .. } = front_matter::split(whole)?;
    Ok(render_body(
        &lead::body_markdown(body, &config.agencies).markdown,
        config,
    )
    .html)
}

/// The body's HTML, with notes on what the sanitizer removed and its first paragraph's text.
fn render_body(body_md: &str, config: &Config) -> markdown::Rendered {
    markdown::render(body_md, &config.markdown)
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
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = clean_line(&item);
        if !item.is_empty() && seen.insert(item.to_lowercase()) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn config() -> Config {
        Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\ntimezone = \"Asia/Karachi\"\n",
            "site.toml",
        )
        .expect("a valid configuration")
    }

    fn messages(r: &ParseResult) -> Vec<String> {
        match r {
            Ok((_, w)) => w.iter().map(ToString::to_string).collect(),
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn bom_crlf_and_nbsp_are_handled() {
        let text = "\u{feff}---\r\ntitle:\u{a0}\"Floods\u{a0}hit Swat\"\r\ndate: 2017-09-22\u{a0}14:30\r\ntags: [Floods,\u{a0}Swat]\r\n---\r\nSWAT, SEPT 22 (APP) \u{2013} Rain.\r\n";
        let (a, warnings) = parse_article(text, "content/a.md", &config()).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(a.title, "Floods hit Swat");
        assert_eq!(a.tags, vec!["Floods", "Swat"]);
        assert_eq!(a.path, "2017/09/22/floods-hit-swat/");
        assert_eq!(a.agencies, vec!["APP"]);
    }

    #[test]
    fn every_problem_of_a_file_at_once() {
        let text = "---\ntags: 5\ndraft: maybe\n---\nBody\n";
        let r = parse_article(text, "content/a.md", &config());
        let m = messages(&r);
        assert!(
            m.iter()
                .any(|m| m.starts_with("content/a.md:2:1: error: `tags`")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|m| m.starts_with("content/a.md:3:1: error: `draft`")),
            "{m:?}"
        );
        assert!(m.iter().any(|m| m.contains("has no title")), "{m:?}");
        assert!(m.iter().any(|m| m.contains("has no date")), "{m:?}");
        // Bad tags, no title and a bad date: all three, each once.
        let text = "---\ntags: {a: 1}\ndate: 2017-13-45\n---\nBody\n";
        let m = messages(&parse_article(text, "content/a.md", &config()));
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].starts_with("content/a.md:2:1: error: `tags`"), "{m:?}");
        assert!(m[1].contains("error: the article has no title"), "{m:?}");
        assert!(
            m[2].starts_with("content/a.md:3:1: error: `date` names a date that does not exist"),
            "{m:?}"
        );
        // A title of the wrong kind is reported as that, not also as missing.
        let text = "---\ntitle: [a]\ndate: 2017-09-22\n---\nBody\n";
        let m = messages(&parse_article(text, "content/a.md", &config()));
        assert_eq!(m.len(), 1, "{m:?}");
    }

    #[test]
    fn misspelt_keys_are_kept_with_a_suggestion() {
        let text = "---\ntitle: x\ndate: 2017-09-22\ntopicz: [Floods]\ntag: Swat\nagency: APP\nkicker: Exclusive\n---\nBody\n";
        let (a, w) = parse_article(text, "content/a.md", &config()).unwrap();
        let w: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(
            w[0].contains(
                "content/a.md:6:1: warning: unknown key `agency`: did you mean `agencies`?"
            ),
            "{w:?}"
        );
        assert!(
            w[1].contains("content/a.md:5:1: warning: unknown key `tag`: did you mean `tags`?"),
            "{w:?}"
        );
        assert!(
            w[2].contains(
                "content/a.md:4:1: warning: unknown key `topicz`: did you mean `topics`?"
            ),
            "{w:?}"
        );
        assert!(
            w[2].contains("kept for templates as `article.extra.topicz`"),
            "{w:?}"
        );
        assert!(a.topics.is_empty());
        for key in ["topicz", "tag", "agency", "kicker"] {
            assert!(a.extra.contains_key(key), "{key}");
        }
    }

    #[test]
    fn unsafe_names_are_cleaned_or_dropped() {
        let text = "---\ntitle: x\ndate: 2017-09-22\nslug: ../../etc/passwd\ntags: [\"???\", \"a/b\", \"..\", \"C\\u0007\"]\nagencies: \"AFP/../..\"\n---\nBody\n";
        let (a, w) = parse_article(text, "content/a.md", &config()).unwrap();
        assert_eq!(a.slug, "etc-passwd");
        assert_eq!(a.path, "2017/09/22/etc-passwd/");
        assert_eq!(a.tags, vec!["a/b", "C"]);
        assert_eq!(a.agencies, vec!["AFP"]);
        let w: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert!(
            w.iter()
                .any(|w| w.contains("content/a.md:4:1: warning: the slug `../../etc/passwd`")),
            "{w:?}"
        );
        assert!(w.iter().any(|w| w.contains("`tags` lists `???`")), "{w:?}");
        assert!(w.iter().any(|w| w.contains("`tags` lists `..`")), "{w:?}");
        assert!(
            w.iter().any(|w| w.contains("`agencies` lists `..`")),
            "{w:?}"
        );
    }

    #[test]
    fn markdown_warnings_point_at_their_line() {
        let text = "---\ntitle: x\ndate: 2017-09-22\n---\nKARACHI (APP) \u{2013} Lead.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n";
        let (a, w) = parse_article(text, "content/a.md", &config()).unwrap();
        let body = a.body.in_memory().unwrap();
        assert!(!body.contains("<script"), "{body}");
        let w: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert!(
            w[0].starts_with("content/a.md:7:1: warning: raw HTML: the <script> element"),
            "{w:?}"
        );
        assert!(
            w[1].starts_with("content/a.md:9:1: warning: the link to a `javascript:` URL"),
            "{w:?}"
        );
    }

    #[test]
    fn body_html_renders_the_body_as_parsing_does() {
        let text = "\u{feff}---\r\ntitle: x\r\ndate: 2017-09-22\r\n---\r\n\r\n  KARACHI, SEPT 22 (APP) \u{2013} Lead *here*.\r\n\r\n<script>x</script>\r\n\r\nMore.\r\n";
        let (a, _) = parse_article(text, "content/a.md", &config()).unwrap();
        let body = body_html(text, &config()).unwrap();
        assert_eq!(Some(body.as_str()), a.body.in_memory());
        assert!(body.starts_with("<p>Lead <em>here</em>.</p>"), "{body}");
        assert!(
            !body.contains("KARACHI") && !body.contains("script"),
            "{body}"
        );
        let plain = "---\ntitle: x\ndate: 2017-09-22\n---\nJust text.\n";
        assert_eq!(body_html(plain, &config()).unwrap(), "<p>Just text.</p>\n");
        assert!(body_html("no front matter", &config()).is_err());
    }

    /// Front matter built from the keys broadsheet knows, with hostile values.
    fn article_text() -> impl Strategy<Value = String> {
        // Every key broadsheet reads, a key it does not, and a slip for a known one.
        let mut keys = front_matter::KNOWN_KEYS.to_vec();
        keys.extend(["other", "topicz"]);
        let key = prop::sample::select(keys);
        let value = prop_oneof![
            any::<String>().prop_map(|s| format!("{s:?}")),
            "[ -~]{0,20}",
            r"\[[^\]\n]{0,20}\]",
            Just("2017-09-22".to_string()),
            Just("2017-02-30 25:61".to_string()),
            r"(\.\./|/|%2e|\\|[\x00-\x1f]){1,8}",
            Just("&a [*a, *a]".to_string()),
        ];
        (
            prop::collection::vec((key, value), 0..8),
            ".{0,60}",
            any::<bool>(),
        )
            .prop_map(|(pairs, body, closed)| {
                let yaml: String = pairs.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
                let fence = if closed { "---\n" } else { "" };
                format!("---\n{yaml}{fence}{body}")
            })
    }

    fn check_article(text: &str) {
        if let Ok((a, _)) = parse_article(text, "content/2017/x.md", &config()) {
            // What a build renders again for the article page is what parsing made.
            let again = body_html(text, &config()).expect("it parsed");
            assert_eq!(Some(again.as_str()), a.body.in_memory());
            let base = std::path::Path::new("/out");
            let page = base.join(format!("{}index.html", a.path));
            assert!(page.components().all(|c| matches!(
                c,
                std::path::Component::RootDir | std::path::Component::Normal(_)
            )));
            assert_eq!(page.components().count(), 7, "{}", a.path);
            for name in a
                .tags
                .iter()
                .chain(&a.topics)
                .chain(&a.agencies)
                .chain(&a.authors)
            {
                let s = slug::slugify(name, "term");
                assert!(
                    !s.is_empty() && !s.contains(['/', '.', '\\']),
                    "{name:?} -> {s:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in any::<String>()) {
            check_article(&text);
        }

        #[test]
        fn never_panics_and_stays_inside_on_article_like_text(text in article_text()) {
            check_article(&text);
        }

        #[test]
        fn front_matter_reader_never_panics(yaml in any::<String>()) {
            let _ = front_matter::split(&yaml);
            let _ = front_matter::read(&yaml);
        }
    }
}
