//! One article file to an [`Article`]: front matter, date, dateline lead, slug, body.
//! Input: the file's text, its relative path and the site configuration.
//! Output: the article and its warnings, or every error found in the file.

use chrono::{Datelike, TimeZone};

use super::front_matter::{self, RawFrontMatter, Split};
use super::lead::{self, BodyMarkdown};
use super::{ParseError, language, markdown, terms};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, line_col};
use crate::model::{Article, Body, is_rtl_language};

mod fields;

pub(super) use fields::read_lang;
use fields::{
    Dates, File, Names, read_dates, read_focus, read_image, read_names, read_slug, read_title,
    unknown_keys,
};

/// Longest automatic summary, in characters.
const SUMMARY_CHARS: usize = 320;

/// The article with its warnings, or all of its errors (and warnings).
pub type ParseResult = Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses one article file. `source` is the path shown in messages.
pub fn parse_article(text: &str, source: &str, config: &Config) -> ParseResult {
    let whole = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Split { yaml, body, .. } = front_matter::split(whole)
        .map_err(|e| vec![super::diagnostic_at(whole, source, e.offset, e)])?;
    let file = File {
        whole,
        source,
        yaml,
        yaml_offset: yaml.as_ptr() as usize - whole.as_ptr() as usize,
        body_offset: body.as_ptr() as usize - whole.as_ptr() as usize,
    };
    // A key of the wrong kind is an error, but the other keys are still read, so
    // every problem of the file is reported in one run.
    let (mut raw, key_errors) = front_matter::read_partial(yaml).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| file.in_yaml(e))
            .collect::<Vec<_>>()
    })?;
    let mut errors: Vec<Diagnostic> = key_errors.into_iter().map(|e| file.in_yaml(e)).collect();
    let super::page::UrlKeys {
        aliases,
        id,
        problems,
        ..
    } = super::page::take_url_keys(&mut raw.extra);
    for (key, message) in problems {
        errors.push(file.at_key(key, ParseError::at(0, message)));
    }
    let mut warnings = unknown_keys(&file, &raw.extra);

    let title = read_title(&file, raw.title.as_deref(), &mut errors);
    let dates = read_dates(&file, &raw, config, &mut errors, &mut warnings);

    let body_md = lead::body_markdown(body, &config.agencies);
    warnings.extend(lead::lead_warnings(
        &body_md,
        dates.date,
        config,
        whole,
        source,
        file.body_offset,
    ));
    let BodyMarkdown {
        lead_start,
        lead,
        markdown: body_md,
        ..
    } = body_md;
    let lang = story_language(raw.lang.as_deref(), source, &title, &body_md, config);
    let names = read_names(
        &file,
        &mut raw,
        (lead.as_ref(), lang.as_deref()),
        dates.date,
        config,
        &mut warnings,
    );
    let slug = read_slug(&file, raw.slug.as_deref(), &title, config, &mut warnings);
    let lang = lang.unwrap_or_else(|| config.language.clone());
    let image = read_image(&file, raw.image.take(), &mut warnings);
    let image_focus = read_focus(&file, raw.image_focus.as_deref(), &mut warnings);
    let markdown::Rendered {
        html: body_html,
        notes,
        first_paragraph,
        images: body_images,
    } = render_body(&body_md, config);
    let (summary, summary_written) = match raw.summary.as_deref().map(clean_line) {
        Some(s) if !s.is_empty() => (s, true),
        _ => (
            markdown::truncate_words(&first_paragraph, SUMMARY_CHARS),
            false,
        ),
    };
    // Back to an offset in the body: the lead's dateline prefix was cut from `body_md`.
    let cut = |offset: usize| match &lead {
        Some(d) if offset >= lead_start => offset + d.text_start,
        _ => offset,
    };
    warnings.extend(sanitizer_notes(&file, notes, cut));
    let body_images = body_image_lines(&file, body_images, cut);
    let gallery = read_gallery(&file, std::mem::take(&mut raw.images));

    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    let words = markdown::word_count(&body_md);
    let read = Read {
        title,
        dates,
        names,
        slug,
        lang,
        image,
        image_focus,
        gallery,
        body_images,
        summary,
        summary_written,
        aliases,
        id,
        body_html,
        words,
    };
    Ok((read.into_article(raw, source, text, config), warnings))
}

/// What was read from a file without errors, before it becomes an [`Article`].
struct Read {
    title: String,
    dates: Dates,
    names: Names,
    slug: String,
    lang: String,
    image: Option<String>,
    image_focus: Option<(f32, f32)>,
    gallery: Vec<crate::model::GalleryImage>,
    body_images: Vec<crate::model::BodyImage>,
    summary: String,
    summary_written: bool,
    aliases: Vec<String>,
    /// `id:` ([`Article::id`]).
    id: Option<String>,
    body_html: String,
    words: usize,
}

impl Read {
    /// The article, with the rest of the front matter as written (`raw`), its URL
    /// path (the date in the site's time zone, then the slug) and its words counted
    /// for related news.
    fn into_article(
        self,
        raw: RawFrontMatter,
        source: &str,
        text: &str,
        config: &Config,
    ) -> Article {
        let Read { dates, names, .. } = self;
        let date = dates.date.expect("a missing or bad date is an error");
        let local = config.timezone.from_utc_datetime(&date.naive_utc());
        let path = format!(
            "{:04}/{:02}/{:02}/{}/",
            local.year(),
            local.month(),
            local.day(),
            self.slug
        );
        Article {
            source: source.to_string(),
            terms: terms::count_terms(&self.title, &self.body_html),
            search: if config.search.enabled {
                crate::search::words::collect(
                    &self.title,
                    &self.summary,
                    &self.body_html,
                    names.topics.iter().chain(&names.tags).chain(&names.authors),
                )
            } else {
                Default::default()
            },
            title: self.title,
            date,
            updated: dates.updated,
            place: names.place,
            credit: names.credit,
            agencies: names.agencies,
            topics: names.topics,
            tags: names.tags,
            authors: names.authors,
            summary: self.summary,
            summary_written: self.summary_written,
            image: self.image,
            image_alt: raw.image_alt.as_deref().map(clean_line),
            image_caption: raw.image_caption.as_deref().map(clean_line),
            image_credit: raw.image_credit.as_deref().map(clean_line),
            image_focus: self.image_focus,
            gallery: self.gallery,
            body_images: self.body_images,
            rtl: is_rtl_language(&self.lang),
            lang: self.lang,
            slug: self.slug,
            path,
            draft: raw.draft.unwrap_or(false),
            featured: raw.featured.unwrap_or(false),
            comments: raw.comments.unwrap_or(true),
            breaking: raw.breaking.unwrap_or(false),
            embargo: dates.embargo,
            expires: dates.expires,
            withdrawn: raw.withdrawn.unwrap_or(false),
            corrections: dates.corrections,
            aliases: self.aliases,
            id: self.id,
            words: self.words,
            body: Body::InMemory(self.body_html),
            translation_key: raw
                .translation_key
                .as_deref()
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            extra: raw.extra,
            source_hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        }
    }
}

/// The body's images, each with the line of the file it is written on.
fn body_image_lines(
    file: &File,
    images: Vec<(usize, String)>,
    in_body: impl Fn(usize) -> usize,
) -> Vec<crate::model::BodyImage> {
    images
        .into_iter()
        .map(|(offset, src)| crate::model::BodyImage {
            line: line_col(file.whole, file.body_offset + in_body(offset)).0,
            src,
        })
        .collect()
}

/// The `images:` gallery, each photo with the line its path is written on (found
/// after the `images:` key) for its errors.
fn read_gallery(file: &File, raw: Vec<front_matter::RawImage>) -> Vec<crate::model::GalleryImage> {
    let mut from = file.key_at("images");
    raw.into_iter()
        .map(|r| {
            if let Some(i) = file.whole.get(from..).and_then(|t| t.find(r.src.as_str())) {
                from += i;
            }
            crate::model::GalleryImage {
                line: line_col(file.whole, from).0,
                alt: r.alt.as_deref().map(clean_line),
                caption: r.caption.as_deref().map(clean_line),
                credit: r.credit.as_deref().map(clean_line),
                src: r.src,
            }
        })
        .collect()
}

/// A warning for each thing the sanitizer removed from the body, at its place in
/// the file (`in_body` maps an offset in the rendered Markdown back to the body).
fn sanitizer_notes(
    file: &File,
    notes: Vec<markdown::Note>,
    in_body: impl Fn(usize) -> usize,
) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(notes.len());
    for note in notes {
        let (line, column) = line_col(file.whole, file.body_offset + in_body(note.offset));
        let warning = Diagnostic::warning(file.source, line, column, note.message);
        // The help once per article: it is the same for every removal.
        out.push(if out.is_empty() {
            warning.with_help(
                "raw HTML follows `[markdown] raw_html` in site.toml (docs/errors.md); links may use http, https, mailto and tel",
            )
        } else {
            warning
        });
    }
    out
}

/// The language of a story when it says or shows one: front matter `lang`, else its
/// folder's (`[languages.folders]`), else the script of its title and lead when
/// `[languages] detect` is on. `None`: the site's language.
fn story_language(
    written: Option<&str>,
    source: &str,
    title: &str,
    body: &str,
    config: &Config,
) -> Option<String> {
    if let Some(lang) = written.map(str::trim).filter(|l| !l.is_empty()) {
        return Some(lang.to_string());
    }
    if let Some(lang) = language::folder_language(source, &config.languages.folders) {
        return Some(lang.to_string());
    }
    if !config.languages.detect {
        return None;
    }
    // The title and the lead: enough letters to tell, whatever the story's length.
    let mut end = body.len().min(600);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let sample = format!("{title} {}", &body[..end]);
    language::detect(&sample)
        .filter(|detected| !same_language(detected, &config.language))
        .map(str::to_string)
}

/// Whether two tags name the same primary language (`ur` and `ur-PK`).
fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    primary(a) == primary(b)
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
    use crate::parse::slug;
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
