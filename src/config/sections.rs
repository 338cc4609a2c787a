//! The sections of `site.toml` besides the site's own keys: `[languages]`, `[menu]`,
//! `[dateline]`, `[markdown]`, `[feeds]`, `[search]`, `[publisher]`, `[images]` and
//! `[related]`, each with its defaults and its own checks. docs/configuration.md
//! describes every key.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

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

    pub(super) fn check(&self, file: &str) -> Result<(), Diagnostic> {
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
    pub(super) fn check(&self) -> Result<(), String> {
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
