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
    pub feeds: FeedsConfig,
    pub publisher: PublisherConfig,
    /// Extra values passed to templates as `site.extra`.
    pub extra: serde_json::Value,
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

/// `[publisher]`: who publishes the site, for structured data and news sitemaps.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PublisherConfig {
    /// Defaults to the site title.
    pub name: Option<String>,
    /// Logo path (`/images/logo.png`) or URL, for JSON-LD `publisher.logo`.
    pub logo: Option<String>,
}

/// `[related]`: how many related stories each article shows, and how they are scored.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RelatedConfig {
    pub count: usize,
    pub weight_tags: f64,
    pub weight_topics: f64,
    pub weight_agencies: f64,
    pub weight_dateline: f64,
    pub weight_text: f64,
    pub half_life_days: f64,
    pub min_score: f64,
    /// Only consider articles at most this many days apart (0 = no window).
    pub window_days: f64,
    pub same_language: bool,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        Self {
            count: 5,
            weight_tags: 3.0,
            weight_topics: 1.0,
            weight_agencies: 0.25,
            weight_dateline: 0.5,
            weight_text: 4.0,
            half_life_days: 30.0,
            min_score: 0.0,
            window_days: 0.0,
            same_language: true,
        }
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
    feeds: FeedsConfig,
    #[serde(default)]
    publisher: PublisherConfig,
    #[serde(default)]
    extra: Option<toml::Table>,
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
fn default_breaking_hours() -> u32 {
    24
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
            feeds: raw.feeds,
            publisher: raw.publisher,
            extra,
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
    fn bad_timezone() {
        let e = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\ntimezone = \"Mars/Base\"\n",
            "s",
        )
        .unwrap_err();
        assert!(e.message.contains("Mars/Base"));
    }
}
