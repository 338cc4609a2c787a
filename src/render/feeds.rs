//! Feeds (RSS 2.0 and Atom), sitemaps, the Google News sitemap and robots.txt:
//! the views they receive and the built-in templates that render them when a theme
//! has none of its own. Input: the site. Output: template contexts; no I/O.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use tera::Value;

use crate::index::Site;
use crate::model::{Article, ArticleId};

use super::views::Urls;

/// Built-in templates: (name, text). A theme or site template of the same name wins.
pub const BUILTIN: [(&str, &str); 6] = [
    ("feeds/rss.xml", include_str!("builtin/rss.xml")),
    ("feeds/atom.xml", include_str!("builtin/atom.xml")),
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("builtin/sitemap_index.xml"),
    ),
    ("news_sitemap.xml", include_str!("builtin/news_sitemap.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
];

/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_LIMIT: usize = 50_000;
/// Google News sitemaps list at most this many articles...
pub const NEWS_LIMIT: usize = 1_000;
/// ...published within this many days before the build.
pub const NEWS_DAYS: i64 = 2;

/// One article as a feed entry. The title, permalink and summary are the article
/// card's own values (shared, not copied).
#[derive(Serialize)]
pub struct FeedItem<'a> {
    pub title: Value,
    pub permalink: Value,
    /// RFC 3339.
    pub published: String,
    pub published_rfc2822: String,
    /// Last change (updated or a correction), RFC 3339.
    pub updated: String,
    pub authors: &'a [String],
    /// Topics, then tags.
    pub categories: Vec<&'a str>,
    pub summary: Value,
    /// The whole story's HTML when `[feeds] full_text = true`, else none.
    pub content: Option<&'a str>,
    pub lang: &'a str,
}

/// `card` is the article's card value ([`super::views::card`]); `content` is the
/// body, for `[feeds] full_text = true`.
pub fn item<'a>(card: &Value, a: &'a Article, content: Option<&'a str>) -> FeedItem<'a> {
    let field = |key: &str| {
        card.get_from_path(key)
            .cloned()
            .expect("cards have a title, permalink and summary")
    };
    FeedItem {
        title: field("title"),
        permalink: field("permalink"),
        published: rfc3339(a.date),
        published_rfc2822: a.date.to_rfc2822(),
        updated: rfc3339(a.modified()),
        authors: &a.authors,
        categories: a.topics.iter().chain(&a.tags).map(String::as_str).collect(),
        summary: field("summary"),
        content,
        lang: &a.lang,
    }
}

/// RFC 3339 with seconds and `Z` for UTC, as feeds and sitemaps expect.
pub fn rfc3339(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The channel/feed element.
#[derive(Serialize)]
pub struct FeedMeta {
    pub title: String,
    pub description: String,
    /// The HTML page the feed belongs to.
    pub link: String,
    pub rss_url: String,
    pub atom_url: String,
    /// Newest change among the items (RFC 3339); the build time when empty.
    pub updated: String,
    pub updated_rfc2822: Option<String>,
    pub publisher: String,
}

/// Feed metadata for a list at `rel` (`""` for the site, `topics/world/`).
pub fn meta(site: &Site, urls: &Urls, rel: &str, title: String, ids: &[ArticleId]) -> FeedMeta {
    let newest = ids.iter().map(|&i| site.article(i).modified()).max();
    FeedMeta {
        description: if rel.is_empty() {
            site.config.description.clone()
        } else {
            format!("{title} — {}", site.config.title)
        },
        title,
        link: urls.permalink(rel),
        rss_url: urls.permalink(&format!("{rel}feed.xml")),
        atom_url: urls.permalink(&format!("{rel}atom.xml")),
        updated: rfc3339(newest.unwrap_or(site.now)),
        updated_rfc2822: newest.map(|t| t.to_rfc2822()),
        publisher: publisher_name(site).to_string(),
    }
}

pub fn publisher_name(site: &Site) -> &str {
    site.config
        .publisher
        .name
        .as_deref()
        .unwrap_or(&site.config.title)
}

/// A `<link rel="alternate">` a page head should carry.
#[derive(Serialize, Clone)]
pub struct FeedLink {
    pub title: String,
    /// `application/rss+xml` or `application/atom+xml`.
    pub kind: &'static str,
    pub url: String,
}

/// The RSS and Atom links for the list at `rel`.
pub fn links(urls: &Urls, rel: &str, title: &str) -> Vec<FeedLink> {
    vec![
        FeedLink {
            title: format!("{title} (RSS)"),
            kind: "application/rss+xml",
            url: urls.url(&format!("{rel}feed.xml")),
        },
        FeedLink {
            title: format!("{title} (Atom)"),
            kind: "application/atom+xml",
            url: urls.url(&format!("{rel}atom.xml")),
        },
    ]
}

/// One `<url>` of a sitemap.
#[derive(Serialize, Clone)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// The articles for the news sitemap: published in the last two days, newest first.
pub fn news_articles(site: &Site) -> Vec<ArticleId> {
    let from = site.now - chrono::Duration::days(NEWS_DAYS);
    site.articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.date > from && a.date <= site.now)
        .map(|(i, _)| i as ArticleId)
        .take(NEWS_LIMIT)
        .collect()
}

#[derive(Serialize)]
pub struct Publication<'a> {
    pub name: &'a str,
    pub language: &'a str,
}
