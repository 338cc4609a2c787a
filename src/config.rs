//! `site.toml`: read from text into a validated [`Config`].
//! Input: the file's text. Output: the configuration or a diagnostic. Touches no disk.

use chrono_tz::Tz;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

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

/// Which digits pages show in languages that have their own.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    /// `0123456789` everywhere.
    #[default]
    Western,
    /// The language's own: Extended Arabic-Indic `۰۱۲۳` for Urdu and Persian,
    /// Arabic-Indic `٠١٢٣` for Arabic; Western for the rest.
    Native,
}

/// How a story's slug is made from a title in a script other than Latin.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SlugScript {
    /// Urdu and Arabic titles keep their letters (`/2024/05/14/بجٹ-منظور/`),
    /// percent-encoded in links; Latin titles as always.
    #[default]
    Native,
    /// Every title is transliterated to ASCII (`bjt-mnzwr`).
    Transliterate,
}

/// `[languages]`: how a story without `lang:` gets one, and how languages show.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LanguagesConfig {
    /// A story without `lang:` whose title and lead are in the Arabic script is
    /// Urdu or Arabic (by their letters).
    pub detect: bool,
    /// Folders under `content/` to the language of their stories (`ur = "ur"`).
    pub folders: std::collections::BTreeMap<String, String>,
    pub digits: Digits,
    pub slugs: SlugScript,
}

impl Default for LanguagesConfig {
    fn default() -> Self {
        Self {
            detect: true,
            folders: Default::default(),
            digits: Digits::Western,
            slugs: SlugScript::Native,
        }
    }
}

/// `[[menu]] name = "About", url = "/about/"`: a site path (under the base path) or
/// a full URL.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

/// How the credit line writes the date of a story.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DateStyle {
    /// As the lead wrote it (`JUN 16` stays `JUN 16`); `upper` when the lead has none.
    #[default]
    AsWritten,
    /// `SEPT 22`, `JUNE 16`: Pakistani wire style.
    Upper,
    /// `Sept. 22`, `June 16`: AP style.
    Ap,
    /// `September 22`.
    Full,
}

/// `[dateline]`: the credit line's house style.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DatelineConfig {
    pub date_style: DateStyle,
}

/// Default for `max_article_bytes`: a wire story is a few kilobytes.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 5 * 1024 * 1024;

/// What happens to raw HTML written inside an article's Markdown.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept through an allowlist sanitizer: ordinary markup and embeds from
    /// `embed_hosts` stay; scripts, event handlers and `javascript:` URLs go.
    #[default]
    Sanitize,
    /// Passed through untouched: only for sites where every writer is trusted.
    Allow,
    /// Shown as text.
    Escape,
}

/// `[markdown]`: how article bodies are turned into HTML.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    pub raw_html: RawHtml,
    /// Hosts whose `https://` iframes a sanitized body may embed.
    pub embed_hosts: Vec<String>,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        Self {
            raw_html: RawHtml::Sanitize,
            embed_hosts: [
                "www.youtube.com",
                "www.youtube-nocookie.com",
                "player.vimeo.com",
                "www.dailymotion.com",
                "open.spotify.com",
                "w.soundcloud.com",
                "www.google.com",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// `[feeds]`: RSS and Atom feeds for the site and every topic, agency, tag and author.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct FeedsConfig {
    /// Items per feed, newest first.
    pub limit: usize,
    /// Whole stories in feeds (true) or summaries (false).
    pub full_text: bool,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        Self {
            limit: 20,
            full_text: false,
        }
    }
}

/// `[search]`: the archive search page and its index (docs/search.md).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Build the index and the `/search/` page (on unless turned off).
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// `[publisher]`: who publishes the site, for structured data and news sitemaps.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PublisherConfig {
    /// Defaults to the site title.
    pub name: Option<String>,
    /// Logo path (`/images/logo.png`) or URL, for JSON-LD `publisher.logo`.
    pub logo: Option<String>,
}

/// `[images]`: the derivatives made of every story photo (docs/format.md).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    /// Widths of the responsive derivatives, in pixels (never above the source's).
    pub widths: Vec<u32>,
    /// Width of the 16:9, 4:3 and 1:1 crops (JSON-LD) and of the social card.
    pub crop_width: u32,
    /// WebP and JPEG quality, 1 to 100.
    pub quality: u8,
    /// Sources with more pixels are refused (decompression bombs).
    pub max_pixels: u64,
    /// Site path or URL of the image for og:image and JSON-LD of stories without one.
    pub default_image: Option<String>,
    /// `[images.topics]`: per topic (by name or slug), the image for og:image and
    /// JSON-LD of its stories without one; before `default_image`.
    pub topics: std::collections::BTreeMap<String, String>,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        Self {
            widths: vec![480, 800, 1200, 1600],
            crop_width: 1200,
            quality: 80,
            max_pixels: 100_000_000,
            default_image: None,
            topics: std::collections::BTreeMap::new(),
        }
    }
}

impl ImagesConfig {
    /// The image standing in for a story without one: its first topic's
    /// (`[images.topics]`, by name or slug), else the site's `default_image`.
    pub fn default_for(&self, topics: &[String]) -> Option<&str> {
        let slug = |s: &str| crate::parse::slug::slugify(s, "");
        topics
            .iter()
            .find_map(|t| {
                self.topics
                    .iter()
                    .find(|(k, _)| *k == t || slug(k) == slug(t))
                    .map(|(_, v)| v.as_str())
            })
            .or(self.default_image.as_deref())
    }

    fn check(&self, file: &str) -> Result<(), Diagnostic> {
        if self.widths.is_empty() || self.widths.contains(&0) || self.crop_width == 0 {
            return Err(Diagnostic::error(
                file,
                0,
                0,
                "`[images]` widths and `crop_width` must be at least 1 pixel",
            )
            .with_help("e.g. widths = [480, 800, 1200, 1600]"));
        }
        if !(1..=100).contains(&self.quality) {
            return Err(Diagnostic::error(
                file,
                0,
                0,
                "`[images] quality` must be 1 to 100",
            ));
        }
        Ok(())
    }
}

/// `[related]`: how many related stories each article shows, and how they are scored.
/// Every key is documented, with the reasons for its default, in docs/related.md.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RelatedConfig {
    /// Related stories per article (0 turns them off).
    pub count: usize,
    /// Weight of shared tags, each counted by its rarity.
    pub weight_tags: f64,
    pub weight_topics: f64,
    pub weight_agencies: f64,
    /// Weight of the same dateline place.
    pub weight_dateline: f64,
    /// Weight of the TF-IDF similarity of title and body.
    pub weight_text: f64,
    /// A link's score halves every this many days between the two stories (0 = no decay).
    pub half_life_days: f64,
    /// Links scoring at or below this are left out, even if fewer than `count` remain.
    pub min_score: f64,
    /// Only consider articles at most this many days apart (0 = no window).
    pub window_days: f64,
    /// Only link articles in the same language (primary subtag: `en-GB` = `en`).
    pub same_language: bool,
    /// A link sharing a topic with the article scores `1 + topic_prior` times as much.
    pub topic_prior: f64,
    /// Versions of one story (rewrites, updates) filed at most this many hours apart
    /// show as one link, the newest (0 = never collapse).
    pub version_hours: f64,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        Self {
            count: 5,
            weight_tags: 3.0,
            weight_topics: 3.0,
            weight_agencies: 0.25,
            weight_dateline: 0.5,
            weight_text: 4.0,
            half_life_days: 30.0,
            min_score: 0.01,
            window_days: 0.0,
            same_language: true,
            topic_prior: 1.0,
            version_hours: 12.0,
        }
    }
}

impl RelatedConfig {
    /// Refuses values that would make scores meaningless: negative weights or days,
    /// and anything not a finite number.
    fn check(&self) -> Result<(), String> {
        let non_negative = [
            ("weight_tags", self.weight_tags),
            ("weight_topics", self.weight_topics),
            ("weight_agencies", self.weight_agencies),
            ("weight_dateline", self.weight_dateline),
            ("weight_text", self.weight_text),
            ("half_life_days", self.half_life_days),
            ("window_days", self.window_days),
            ("topic_prior", self.topic_prior),
            ("version_hours", self.version_hours),
        ];
        for (key, v) in non_negative {
            if !v.is_finite() || v < 0.0 {
                return Err(format!(
                    "`[related] {key}` must be a number of at least 0, not {v}"
                ));
            }
        }
        if !self.min_score.is_finite() {
            return Err(format!(
                "`[related] min_score` must be a number, not {}",
                self.min_score
            ));
        }
        Ok(())
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
