//! Standalone pages (About, Contact, Corrections policy, Terms) and the front matter
//! keys pages and articles share for URLs: `kind`, `aliases`, `menu`.
//! Input: a file's text, its relative path and the configuration. Output: the page
//! and its warnings, or every error found in the file.

use std::collections::BTreeMap;

use super::front_matter::{self, Split};
use super::{ParseError, date, markdown, slug};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{StandalonePage, is_rtl_language};

/// Where standalone pages live: every Markdown file below is a page.
pub const PAGES_DIR: &str = "content/pages/";

/// True when the file is a standalone page: it is under `content/pages/`, or its
/// front matter says `kind: page`.
pub fn is_page(text: &str, source: &str) -> bool {
    if source.starts_with(PAGES_DIR) {
        return true;
    }
    let whole = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(Split { yaml, .. }) = front_matter::split(whole) else {
        return false;
    };
    yaml.lines().any(|line| {
        line.strip_prefix("kind:")
            .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\''))
            == Some("page")
    })
}

/// The URL keys of an article or page's front matter.
#[derive(Debug, Default)]
pub struct UrlKeys {
    pub aliases: Vec<String>,
    /// Pages only: `menu: true` (weight 0) or a weight.
    pub menu: Option<i64>,
    /// `id:`, a string or a whole number, as text.
    pub id: Option<String>,
    /// `(key, message)` for each key that cannot be read.
    pub problems: Vec<(&'static str, String)>,
}

/// Takes the URL keys out of the keys broadsheet passes on as `extra`: `aliases`
/// (a list of site paths, each starting with `/`), `kind` (`article` or `page`),
/// `id` (the identity the memory of published URLs knows the story by) and, for
/// pages, `menu` (`true` or a weight).
pub fn take_url_keys(extra: &mut BTreeMap<String, serde_json::Value>) -> UrlKeys {
    let mut problems = Vec::new();
    let mut aliases = Vec::new();
    match extra.remove("aliases") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::String(s)) => aliases.push(s),
        Some(serde_json::Value::Array(items)) => {
            for item in items {
                match item {
                    serde_json::Value::String(s) => aliases.push(s),
                    _ => problems.push((
                        "aliases",
                        "`aliases` must be a list of paths such as `/old/path/`".to_string(),
                    )),
                }
            }
        }
        Some(_) => problems.push((
            "aliases",
            "`aliases` must be a list of paths such as `/old/path/`".to_string(),
        )),
    }
    let aliases: Vec<String> = aliases.into_iter().map(|a| a.trim().to_string()).collect();
    for a in &aliases {
        if !a.starts_with('/') || a.starts_with("//") || a.chars().any(char::is_whitespace) {
            problems.push((
                "aliases",
                format!(
                    "the alias `{a}` is not a site path: write it as `/old/path/` or `/?p=123`"
                ),
            ));
        }
    }
    match extra.remove("kind") {
        None => {}
        Some(serde_json::Value::String(k)) if k == "page" || k == "article" => {}
        Some(other) => problems.push((
            "kind",
            format!("`kind` is `article` or `page`, not {other}"),
        )),
    }
    let menu = match extra.remove("menu") {
        None | Some(serde_json::Value::Bool(false)) => None,
        Some(serde_json::Value::Bool(true)) => Some(0),
        Some(serde_json::Value::Number(n)) if n.as_i64().is_some() => n.as_i64(),
        Some(_) => {
            problems.push((
                "menu",
                "`menu` is `true` or a whole number (its place in the menu)".to_string(),
            ));
            None
        }
    };
    let id = match extra.remove("id") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() && !s.contains(['\t', '\n']) => {
            Some(s.trim().to_string())
        }
        Some(serde_json::Value::Number(n)) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        Some(_) => {
            problems.push((
                "id",
                "`id` is one line of text or a whole number that names the story for good (`id: wp-1234`)".to_string(),
            ));
            None
        }
    };
    UrlKeys {
        aliases,
        menu,
        id,
        problems,
    }
}

/// Parses one standalone page. A page needs a title; it has no date (an optional
/// `updated` goes into the sitemap). Its URL is its path under `content/pages/`
/// (`content/pages/legal/terms.md` → `/legal/terms/`), or `/<slug>/` from `slug:`.
/// The page with its warnings, or all of its errors.
pub type PageResult = Result<(StandalonePage, Vec<Diagnostic>), Vec<Diagnostic>>;

pub fn parse_page(text: &str, source: &str, config: &Config) -> PageResult {
    let whole = text.strip_prefix('\u{feff}').unwrap_or(text);
    let diag_at = |offset: usize, e: ParseError| super::diagnostic_at(whole, source, offset, e);
    let Split { yaml, body, .. } = front_matter::split(whole).map_err(|e| {
        let offset = e.offset;
        vec![diag_at(offset, e)]
    })?;
    let yaml_offset = yaml.as_ptr() as usize - whole.as_ptr() as usize;
    let key_at = |key: &str| yaml_offset + front_matter::key_offset(yaml, key).unwrap_or(0);
    let (mut raw, key_errors) = front_matter::read_partial(yaml).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| diag_at(yaml_offset + e.offset, e))
            .collect::<Vec<_>>()
    })?;
    let mut errors: Vec<Diagnostic> = key_errors
        .into_iter()
        .map(|e| diag_at(yaml_offset + e.offset, e))
        .collect();
    let UrlKeys {
        aliases,
        menu,
        id,
        problems,
    } = take_url_keys(&mut raw.extra);
    for (key, message) in problems {
        errors.push(diag_at(key_at(key), ParseError::at(0, message)));
    }
    let title = raw
        .title
        .as_deref()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if title.is_empty() {
        errors.push(diag_at(
            key_at("title"),
            ParseError::at(0, "the page has no title")
                .help("add a line such as `title: \"Corrections policy\"`"),
        ));
    }
    let updated = raw.updated.as_deref().and_then(|v| {
        date::read_date(v, config.timezone)
            .map(|(t, _)| t)
            .map_err(|_| {
                errors.push(diag_at(
                    key_at("updated"),
                    ParseError::at(0, format!("cannot read `{v}` as a date in `updated`"))
                        .help(date::DATE_HELP),
                ))
            })
            .ok()
    });
    let path = page_path(source, raw.slug.as_deref());
    if !errors.is_empty() {
        return Err(errors);
    }
    let rendered = markdown::render(body, &config.markdown);
    let summary = raw
        .summary
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| markdown::truncate_words(&rendered.first_paragraph, 320));
    let lang = super::article::read_lang(raw.lang.as_deref(), config);
    Ok((
        StandalonePage {
            source: source.to_string(),
            title,
            path,
            updated,
            summary,
            rtl: is_rtl_language(&lang),
            lang,
            menu,
            aliases,
            id,
            body: rendered.html,
            extra: raw.extra,
        },
        Vec::new(),
    ))
}

/// `content/pages/legal/terms.md` → `legal/terms/`; a `slug:` replaces the whole path.
fn page_path(source: &str, slug_key: Option<&str>) -> String {
    let stem = source
        .strip_prefix(PAGES_DIR)
        .or_else(|| source.strip_prefix("content/"))
        .unwrap_or(source);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    if let Some(s) = slug_key.filter(|s| !s.trim().is_empty()) {
        return format!("{}/", slug::slugify(s, "page"));
    }
    let parts: Vec<String> = stem
        .split('/')
        .filter(|p| !p.is_empty())
        .map(|p| slug::slugify(p, "page"))
        .collect();
    format!("{}/", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths() {
        for (source, slug, want) in [
            ("content/pages/about.md", None, "about/"),
            ("content/pages/legal/Terms.md", None, "legal/terms/"),
            ("content/pages/about.md", Some("About us"), "about-us/"),
            ("content/misc/contact.md", None, "misc/contact/"),
        ] {
            assert_eq!(page_path(source, slug), want, "{source}");
        }
    }

    #[test]
    fn kind_page_anywhere_and_pages_folder() {
        assert!(is_page("no front matter", "content/pages/a.md"));
        assert!(is_page("---\ntitle: A\nkind: page\n---\n", "content/a.md"));
        assert!(is_page("---\nkind: \"page\"\n---\n", "content/a.md"));
        assert!(!is_page(
            "---\ntitle: A\nkind: article\n---\n",
            "content/a.md"
        ));
    }

    #[test]
    fn aliases_must_be_site_paths() {
        let mut extra = BTreeMap::new();
        extra.insert(
            "aliases".into(),
            serde_json::json!(["/old/", "/?p=1", "http://x/", 3]),
        );
        let UrlKeys {
            aliases, problems, ..
        } = take_url_keys(&mut extra);
        assert_eq!(aliases, ["/old/", "/?p=1", "http://x/"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(extra.is_empty());
    }
}
