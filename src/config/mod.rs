//! `site.toml`: read from text into a validated [`Config`].
//! Input: the file's text. Output: the configuration or a diagnostic. Touches no disk.

use chrono_tz::Tz;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

mod sections;
pub use sections::*;

/// The whole site configuration, with defaults filled in.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub timezone: Tz,
    pub theme: String,
    pub paginate: usize,
    pub home_latest: usize,
    pub home_topic_count: usize,
    /// Hours a `breaking: true` article keeps the front-page banner after its
    /// publication or last update (0: no banner).
    pub breaking_hours: u32,
    pub related: RelatedConfig,
    pub images: ImagesConfig,
    /// Articles larger than this many bytes are an error (default 5 MiB).
    pub max_article_bytes: u64,
    pub markdown: MarkdownConfig,
    pub feeds: FeedsConfig,
    pub search: SearchConfig,
    pub publisher: PublisherConfig,
    pub dateline: DatelineConfig,
    /// Agency names as desks write them → one agency (`[agencies]` over the
    /// built-in table), for credits in any script.
    pub agencies: crate::parse::dateline::Agencies,
    /// Extra values passed to templates as `site.extra`.
    pub extra: serde_json::Value,
    /// `[[menu]]` links, in order, before the pages marked `menu:`.
    pub menu: Vec<MenuItem>,
    /// `[languages]`: how stories get a language, digits and slugs.
    pub languages: LanguagesConfig,
    /// `[[editions]]`: a front per language (English at `/`, Urdu at `/ur/`).
    pub editions: Vec<Edition>,
}

/// `[[editions]] lang = "ur", path = "ur"`: the stories in `lang` get their own home
/// page at `/<path>/` and their own feeds, in their language and direction.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub lang: String,
    /// The edition's folder under the base path; empty for the one at the root.
    #[serde(default)]
    pub path: String,
    /// Defaults to the site's title and description.
    pub title: Option<String>,
    pub description: Option<String>,
}

impl Config {
    /// The edition a story in `lang` belongs to (same primary language), if any.
    pub fn edition_of(&self, lang: &str) -> Option<usize> {
        let primary = |l: &str| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        let want = primary(lang);
        self.editions.iter().position(|e| primary(&e.lang) == want)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default = "default_home_latest")]
    home_latest: usize,
    #[serde(default = "default_home_topic_count")]
    home_topic_count: usize,
    #[serde(default = "default_breaking_hours")]
    breaking_hours: u32,
    #[serde(default)]
    related: RelatedConfig,
    #[serde(default)]
    images: ImagesConfig,
    #[serde(default = "default_max_article_bytes")]
    max_article_bytes: u64,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    feeds: FeedsConfig,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    publisher: PublisherConfig,
    #[serde(default)]
    dateline: DatelineConfig,
    #[serde(default)]
    agencies: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    extra: Option<toml::Table>,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default)]
    languages: LanguagesConfig,
    #[serde(default)]
    editions: Vec<Edition>,
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn default_home_latest() -> usize {
    20
}
fn default_home_topic_count() -> usize {
    5
}
fn default_max_article_bytes() -> u64 {
    DEFAULT_MAX_ARTICLE_BYTES
}
fn default_breaking_hours() -> u32 {
    24
}

/// `[[editions]]` with their paths trimmed of slashes; an edition without a language,
/// with a path that is not lower-case letters, digits and hyphens, or with another's
/// path is an error.
fn check_editions(
    text: &str,
    file: &str,
    mut editions: Vec<Edition>,
) -> Result<Vec<Edition>, Diagnostic> {
    let mut seen = std::collections::BTreeSet::new();
    for e in &mut editions {
        e.path = e.path.trim_matches('/').to_string();
        let valid = e.path.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        }) || e.path.is_empty();
        if !valid || e.lang.trim().is_empty() || !seen.insert(e.path.clone()) {
            return Err(error_at(
                text,
                file,
                "[[editions]]",
                format!("the edition `{}` at `/{}` needs a language and a path of its own in lower-case letters, digits and hyphens", e.lang, e.path),
            )
            .with_help("e.g. `[[editions]] lang = \"ur\", path = \"ur\"`; one edition may have `path = \"\"` (the root)"));
        }
    }
    Ok(editions)
}

/// An error at the first place `needle` stands in the file's text.
fn error_at(text: &str, file: &str, needle: &str, message: String) -> Diagnostic {
    let (line, col) = text
        .find(needle)
        .map(|i| crate::diagnostics::line_col(text, i))
        .unwrap_or((0, 0));
    Diagnostic::error(file, line, col, message)
}

impl Config {
    /// Parses `site.toml`. `file` is the path used in diagnostics.
    pub fn parse(text: &str, file: &str) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::diagnostics::line_col(text, s.start))
                .unwrap_or((0, 0));
            Diagnostic::error(file, line, col, e.message().to_string())
        })?;
        let timezone: Tz = raw.timezone.parse().map_err(|_| {
            Diagnostic::error(file, 0, 0, format!("unknown time zone `{}`", raw.timezone))
                .with_help("use an IANA name such as `Asia/Karachi`, `Europe/London` or `UTC`")
        })?;
        if raw.paginate == 0 {
            return Err(Diagnostic::error(
                file,
                0,
                0,
                "`paginate` must be at least 1",
            ));
        }
        if raw.max_article_bytes == 0 {
            return Err(Diagnostic::error(
                file,
                0,
                0,
                "`max_article_bytes` must be at least 1",
            ));
        }
        let mut markdown = raw.markdown;
        for host in &mut markdown.embed_hosts {
            let clean = host.trim().to_ascii_lowercase();
            let valid = !clean.is_empty()
                && clean
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            if !valid {
                return Err(error_at(
                    text,
                    file,
                    host,
                    format!("`embed_hosts` lists `{host}`, which is not a host name"),
                )
                .with_help(
                    "write bare host names such as \"www.youtube.com\", without https:// or a path",
                ));
            }
            *host = clean;
        }
        raw.related.check().map_err(|m| {
            Diagnostic::error(file, 0, 0, m)
                .with_help("see docs/related.md for every `[related]` key")
        })?;
        for (written, agency) in &raw.agencies {
            if written.trim().is_empty() || crate::parse::slug::segment(agency).is_empty() {
                return Err(error_at(
                    text,
                    file,
                    &format!("\"{written}\""),
                    format!("`[agencies]` maps `{written}` to `{agency}`, which cannot be an agency"),
                )
                .with_help("write `\"credit as written\" = \"Agency\"`, e.g. `\"وقت نیوز\" = \"Waqt News\"`"));
            }
        }
        let editions = check_editions(text, file, raw.editions)?;
        let agencies = crate::parse::dateline::Agencies::new(
            raw.agencies.iter().map(|(w, a)| (w.as_str(), a.as_str())),
        );
        raw.images.check(file)?;
        let mut base_url = raw.base_url.trim().to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let extra = match raw.extra {
            Some(t) => serde_json::to_value(t).expect("TOML tables serialize to JSON"),
            None => serde_json::Value::Object(Default::default()),
        };
        Ok(Config {
            title: raw.title,
            description: raw.description,
            base_url,
            language: raw.language,
            timezone,
            theme: raw.theme,
            paginate: raw.paginate,
            home_latest: raw.home_latest,
            home_topic_count: raw.home_topic_count,
            breaking_hours: raw.breaking_hours,
            related: raw.related,
            images: raw.images,
            max_article_bytes: raw.max_article_bytes,
            markdown,
            feeds: raw.feeds,
            search: raw.search,
            publisher: raw.publisher,
            dateline: raw.dateline,
            agencies,
            extra,
            menu: raw.menu,
            languages: raw.languages,
            editions,
        })
    }

    /// The path part of `base_url`, always starting and ending with `/` (e.g. `/news/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(&self.base_url);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }

    /// A warning when `base_url` has a path (`https://example.org/news/`): robots.txt is
    /// written to `/news/robots.txt`, but crawlers read it only at the host's root, so
    /// they never find the sitemaps it names. Says what to put at the root instead.
    pub fn robots_out_of_reach(&self, from_flag: bool) -> Option<Diagnostic> {
        let path = self.base_path();
        if path == "/" {
            return None;
        }
        let host_root = &self.base_url[..self.base_url.len() - path.len() + 1];
        let mut lines = format!("`Sitemap: {}sitemap.xml`", self.base_url);
        lines.push_str(&format!(
            " (and `Sitemap: {}news-sitemap.xml` while recent stories make one)",
            self.base_url
        ));
        let origin = if from_flag { "--base-url" } else { "site.toml" };
        Some(
            Diagnostic::warning(
                origin,
                0,
                0,
                format!(
                    "`base_url` {} has a path, so robots.txt is written to {path}robots.txt, where crawlers never look (they read only {host_root}robots.txt)",
                    self.base_url
                ),
            )
            .with_help(format!(
                "add to the robots.txt at {host_root} the line {lines}; see docs/deploy.md"
            )),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_in() {
        let c = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/news\"\n",
            "site.toml",
        )
        .unwrap();
        assert_eq!(c.base_url, "https://x.org/news/");
        assert_eq!(c.base_path(), "/news/");
        assert_eq!(c.paginate, 20);
        assert_eq!(c.related.count, 5);
        assert_eq!(c.breaking_hours, 24);
        assert_eq!(c.timezone, chrono_tz::UTC);
    }

    #[test]
    fn unknown_key_names_line() {
        let e =
            Config::parse("title = \"T\"\nbase_url = \"/\"\nbogus = 1\n", "site.toml").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("bogus"), "{}", e.message);
    }

    #[test]
    fn markdown_policy() {
        let c = Config::parse("title = \"T\"\nbase_url = \"/\"\n", "s").unwrap();
        assert_eq!(c.markdown.raw_html, RawHtml::Sanitize);
        assert!(c.markdown.embed_hosts.contains(&"www.youtube.com".into()));
        assert_eq!(c.max_article_bytes, DEFAULT_MAX_ARTICLE_BYTES);
        let c = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\nmax_article_bytes = 1000\n[markdown]\nraw_html = \"escape\"\nembed_hosts = [\"Example.org \"]\n",
            "s",
        )
        .unwrap();
        assert_eq!(c.markdown.raw_html, RawHtml::Escape);
        assert_eq!(c.markdown.embed_hosts, vec!["example.org"]);
        assert_eq!(c.max_article_bytes, 1000);
        let e = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\n[markdown]\nraw_html = \"trust\"\n",
            "s",
        )
        .unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("trust"), "{e}");
        let e = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\n[markdown]\nembed_hosts = [\"https://x.org/\"]\n",
            "s",
        )
        .unwrap_err();
        assert!(e.message.contains("not a host name"), "{e}");
    }

    #[test]
    fn related_keys() {
        let c = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\n[related]\ncount = 3\nhalf_life_days = 7\nsame_language = false\n",
            "s",
        )
        .unwrap();
        assert_eq!(c.related.count, 3);
        assert_eq!(c.related.half_life_days, 7.0);
        assert!(!c.related.same_language);
        assert_eq!(c.related.weight_text, RelatedConfig::default().weight_text);
        let cases = [
            ("weight_tags = -1.0", "weight_tags"),
            ("half_life_days = -3.0", "half_life_days"),
            ("window_days = nan", "window_days"),
            ("min_score = inf", "min_score"),
        ];
        for (line, key) in cases {
            let text = format!("title = \"T\"\nbase_url = \"/\"\n[related]\n{line}\n");
            let e = Config::parse(&text, "s").unwrap_err();
            assert!(e.message.contains(key), "{line}: {}", e.message);
        }
        let e = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\n[related]\nweight = 1\n",
            "s",
        )
        .unwrap_err();
        assert!(e.message.contains("weight"), "{}", e.message);
    }

    #[test]
    fn bad_timezone() {
        let e = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\ntimezone = \"Mars/Base\"\n",
            "s",
        )
        .unwrap_err();
        assert!(e.message.contains("Mars/Base"));
    }
}
