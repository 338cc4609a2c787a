//! One imported story or page, in broadsheet's terms, and the article file it becomes.
//! Input: what an importer read. Output: the file's text (front matter as docs/format.md
//! describes it, then Markdown) and where it goes in the site. Writes nothing itself.

use chrono::{DateTime, Datelike, FixedOffset};
use chrono_tz::Tz;

/// A story (or standalone page) read from another system.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// The ledger key: the source's own id, prefixed by the source kind.
    pub key: String,
    /// The source's version of the item (a number or a modification time).
    pub version: String,
    /// Written under `content/pages/` with `kind: page` rather than as a dated story.
    pub page: bool,
    pub title: String,
    pub date: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// The source gave no first-publication time, so `date` is this version's time: an
    /// update keeps the date the story was first imported with (and its URL).
    pub date_from_version: bool,
    pub slug: String,
    pub dateline: Option<String>,
    pub agencies: Vec<String>,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub lang: Option<String>,
    pub draft: bool,
    pub featured: bool,
    /// `Some(false)` when comments were closed at the source.
    pub comments: Option<bool>,
    pub embargo: Option<DateTime<FixedOffset>>,
    pub withdrawn: bool,
    pub corrections: Vec<(DateTime<FixedOffset>, String)>,
    /// Old URL paths of the item (`/2016/03/10/old-slug/`, `/?p=12`).
    pub aliases: Vec<String>,
    /// Other keys passed through to templates (`format: video`).
    pub extra: Vec<(String, String)>,
    /// The story in Markdown.
    pub body: String,
    /// Files to copy into the site: (source path, path under the site root).
    pub copies: Vec<(std::path::PathBuf, String)>,
    /// Things worth telling the user about this item (a shortcode left as text).
    pub notes: Vec<String>,
}

/// Where the item's file goes, relative to the site root, for a given slug.
pub fn path_for(item: &Item, slug: &str, tz: Tz) -> String {
    match (item.page, item.date) {
        (false, Some(d)) => {
            let local = d.with_timezone(&tz);
            format!("content/{:04}/{:02}/{slug}.md", local.year(), local.month())
        }
        _ => format!("content/pages/{slug}.md"),
    }
}

/// The article file for `item`, with `slug` as its slug.
pub fn render(item: &Item, slug: &str) -> String {
    let mut out = String::with_capacity(item.body.len() + 512);
    out.push_str("---\n");
    let mut kv = |key: &str, value: &str| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(value);
        out.push('\n');
    };
    kv("title", &quote(&item.title));
    if let Some(d) = item.date {
        kv("date", &d.to_rfc3339());
    }
    if let Some(d) = item.updated {
        kv("updated", &d.to_rfc3339());
    }
    kv("slug", &quote(slug));
    if let Some(id) = stable_id(&item.key) {
        kv("id", &quote(id));
    }
    if item.page {
        kv("kind", "page");
    }
    if let Some(d) = &item.dateline {
        kv("dateline", &quote(d));
    }
    for (key, list) in [
        ("agencies", &item.agencies),
        ("topics", &item.topics),
        ("tags", &item.tags),
        ("author", &item.authors),
    ] {
        if !list.is_empty() {
            kv(key, &quote_list(list));
        }
    }
    if let Some(s) = &item.summary {
        kv("summary", &quote(s));
    }
    if let Some(s) = &item.image {
        kv("image", &quote(s));
    }
    if let Some(s) = &item.image_alt {
        kv("image_alt", &quote(s));
    }
    if let Some(s) = &item.lang {
        kv("lang", &quote(s));
    }
    if item.draft {
        kv("draft", "true");
    }
    if item.featured {
        kv("featured", "true");
    }
    if item.comments == Some(false) {
        kv("comments", "false");
    }
    if let Some(d) = item.embargo {
        kv("embargo", &d.to_rfc3339());
    }
    if item.withdrawn {
        kv("withdrawn", "true");
    }
    if !item.aliases.is_empty() {
        kv("aliases", &quote_list(&item.aliases));
    }
    for (k, v) in &item.extra {
        kv(k, &quote(v));
    }
    if !item.corrections.is_empty() {
        out.push_str("corrections:\n");
        for (date, text) in &item.corrections {
            out.push_str("  - date: ");
            out.push_str(&date.to_rfc3339());
            out.push_str("\n    text: ");
            out.push_str(&quote(text));
            out.push('\n');
        }
    }
    out.push_str("---\n");
    let body = item.body.trim();
    out.push_str(body);
    if !body.is_empty() {
        out.push('\n');
    }
    out
}

/// The `id:` an imported story carries: its ledger key (`wordpress:https://example.org/?p=12`,
/// `ninjs:<uri>`, `newsml:<guid>`), which the memory of published URLs knows it by, so
/// an edited headline or a renamed file keeps its old URLs answering. `None` for a key
/// `id:` cannot hold (empty, or with a line break or tab).
pub fn stable_id(key: &str) -> Option<&str> {
    let id = key.trim();
    (!id.is_empty() && !id.contains(['\t', '\n', '\r'])).then_some(id)
}

/// The `date:` an article file written by [`render`] holds.
pub fn written_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let front = text.strip_prefix("---\n")?;
    let front = &front[..front.find("\n---\n")?];
    front
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .and_then(|d| DateTime::parse_from_rfc3339(d.trim()).ok())
}

/// A YAML double-quoted string. Every character YAML would refuse or fold (controls,
/// line separators, a byte-order mark) is written as an escape.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quote_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Trims, drops empties and repeats (first spelling wins), keeping order.
pub fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty() && seen.insert(s.to_lowercase()))
        .collect()
}

/// Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the common HTML entities and numeric references; others stay as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32)
                    .filter(|c| *c != '\0'),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_yaml_would_refuse() {
        let cases = [
            ("plain", "\"plain\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("a\\b", "\"a\\\\b\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("\u{85}\u{feff}", "\"\\u0085\\ufeff\""),
            ("Ürdü: ok", "\"Ürdü: ok\""),
        ];
        for (input, want) in cases {
            assert_eq!(quote(input), want, "{input:?}");
        }
    }

    #[test]
    fn rendered_front_matter_reads_back_with_the_article_parser() {
        let item = Item {
            title: "Floods: \"worst\" in a decade\n".into(),
            date: Some(DateTime::parse_from_rfc3339("2016-03-10T10:00:00+00:00").unwrap()),
            tags: vec!["rain".into(), "Sindh: south".into()],
            page: false,
            aliases: vec!["/?p=12".into()],
            extra: vec![("format".into(), "video".into())],
            body: "Text.".into(),
            ..Item::default()
        };
        let text = render(&item, "floods");
        let split = crate::parse::front_matter::split(&text).unwrap();
        let raw = crate::parse::front_matter::read(split.yaml).unwrap();
        assert_eq!(
            raw.title.as_deref(),
            Some("Floods: \"worst\" in a decade\n")
        );
        assert_eq!(raw.extra["aliases"], serde_json::json!(["/?p=12"]));
        assert_eq!(raw.extra["format"], serde_json::json!("video"));
        assert_eq!(split.body, "Text.\n");
    }

    proptest::proptest! {
        /// Whatever text a source holds, the file written reads back with it.
        #[test]
        fn any_title_and_tags_read_back(title in "\\PC{1,80}", tag in "\\PC{1,20}", alias in "[ -~]{1,30}") {
            // The article parser reads non-breaking spaces as spaces, on purpose.
            let nbsp = ['\u{a0}', '\u{202f}'];
            let (title, tag) = (title.replace(nbsp, "x"), tag.replace(nbsp, "x"));
            let item = Item {
                title: title.clone(),
                tags: vec![tag.clone()],
                aliases: vec![alias.clone()],
                body: "Text.".into(),
                ..Item::default()
            };
            let text = render(&item, "s");
            let split = crate::parse::front_matter::split(&text).unwrap();
            let raw = crate::parse::front_matter::read(split.yaml)
                .unwrap_or_else(|e| panic!("{e:?} in {text}"));
            proptest::prop_assert_eq!(raw.title.as_deref(), Some(title.as_str()));
            let tags = raw.tags.map(|t| t.into_vec(None)).unwrap_or_default();
            if !tag.trim().is_empty() {
                proptest::prop_assert_eq!(tags, vec![tag.trim().to_string()]);
            }
            proptest::prop_assert_eq!(&raw.extra["aliases"], &serde_json::json!([alias]));
        }
    }

    #[test]
    fn entities_and_tags_become_plain_text() {
        assert_eq!(
            plain_text("<p>Tom &amp; Jerry&#8217;s  <b>day</b></p>"),
            "Tom & Jerry’s day"
        );
        assert_eq!(decode_entities("a &bogus; b &"), "a &bogus; b &");
    }
}
