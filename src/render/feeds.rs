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

/// `html` with every relative link and source made absolute against `page` (the
/// article's own address, where the HTML was written to be read): feed readers show
/// entries away from the page, and cannot resolve `#note`, `/2024/…` or `chart.png`.
/// `href`, `src`, `poster` and each `srcset` candidate are rewritten; URLs with a
/// scheme (`https:`, `mailto:`) and everything else are copied as they are.
pub fn absolute_links<'h>(html: &'h str, page: &url::Url) -> std::borrow::Cow<'h, str> {
    if !html.contains("href=") && !html.contains("src=") && !html.contains("poster=") {
        return html.into();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(rest.len(), |e| 4 + e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let tag_len = tag_end(rest);
        rewrite_tag(&rest[..tag_len], page, &mut out);
        let name: String = rest[1..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &rest[tag_len..];
        // Script and style text is no markup: copied to its end tag untouched.
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out.into()
}

/// The length of the tag starting at `tag[0] == '<'`: up to its `>` outside quotes.
fn tag_end(tag: &str) -> usize {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    tag.len()
}

/// Copies one start tag into `out`, its link attributes made absolute.
fn rewrite_tag(tag: &str, page: &url::Url, out: &mut String) {
    let bytes = tag.as_bytes();
    let mut i = 1;
    while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>') {
        i += 1;
    }
    out.push_str(&tag[..i]);
    loop {
        let start = i;
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'=')
        {
            i += 1;
        }
        let name = tag[name_start..i].to_ascii_lowercase();
        if name.is_empty() || i >= bytes.len() || bytes[i] != b'=' {
            if name.is_empty() {
                out.push_str(&tag[start..]);
                return;
            }
            out.push_str(&tag[start..i]);
            continue;
        }
        i += 1;
        let (value_start, value_end, after) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = tag[i + 1..]
                    .find(q as char)
                    .map_or(tag.len(), |e| i + 1 + e);
                (i + 1, end, (end + 1).min(tag.len()))
            }
            _ => {
                let end = tag[i..]
                    .find([' ', '\t', '\n', '\r', '>'])
                    .map_or(tag.len(), |e| i + e);
                (i, end, end)
            }
        };
        out.push_str(&tag[start..value_start]);
        let value = &tag[value_start..value_end];
        match name.as_str() {
            "href" | "src" | "poster" => out.push_str(&absolute(value, page)),
            "srcset" => {
                let candidates: Vec<String> = value
                    .split(',')
                    .map(|c| {
                        let c = c.trim();
                        match c.split_once(char::is_whitespace) {
                            Some((u, size)) => format!("{} {}", absolute(u, page), size.trim()),
                            None => absolute(c, page).into_owned(),
                        }
                    })
                    .collect();
                out.push_str(&candidates.join(", "));
            }
            _ => out.push_str(value),
        }
        out.push_str(&tag[value_end..after]);
        i = after;
    }
}

/// `url` resolved against `page`, unless it has a scheme already or is empty.
fn absolute<'u>(url: &'u str, page: &url::Url) -> std::borrow::Cow<'u, str> {
    if url.trim().is_empty() || crate::parse::sanitize::url_scheme(url).is_some() {
        return url.into();
    }
    // Attribute values are HTML-escaped; `&amp;` stays as written in the query.
    match page.join(url) {
        Ok(joined) => joined.to_string().into(),
        Err(_) => url.into(),
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
    /// The language the feed's list is in: its edition's, else the site's.
    pub language: String,
}

/// Feed metadata for a list at `rel` (`""` for the site, `topics/world/`,
/// `ur/topics/world/`) of scope `s` ([`Site::scope`]).
pub fn meta(
    site: &Site,
    urls: &Urls,
    s: u8,
    rel: &str,
    title: String,
    ids: &[ArticleId],
) -> FeedMeta {
    let newest = ids.iter().map(|&i| site.article(i).modified()).max();
    let scope = site.scope(s);
    let edition = scope
        .edition
        .filter(|_| s > 0)
        .map(|e| &site.config.editions[e]);
    let site_title = edition
        .and_then(|e| e.title.as_deref())
        .unwrap_or(&site.config.title);
    FeedMeta {
        language: super::scoped::scope_lang(site, s)
            .unwrap_or(&site.config.language)
            .to_string(),
        description: if rel == scope.prefix {
            edition
                .and_then(|e| e.description.clone())
                .unwrap_or_else(|| site.config.description.clone())
        } else {
            format!("{title} — {site_title}")
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
    /// A story's language versions (`xhtml:link rel="alternate" hreflang`).
    pub alternates: Vec<super::views::Alternate>,
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

/// The publication each of `ids` appears in, for the news sitemap: its edition's
/// title (the publisher's name at the root) and the story's own language (its
/// primary subtag, as Google News asks: `ur`, `en`; `zh-cn` and `zh-tw` whole).
pub fn publications<'a>(site: &'a Site, ids: &[ArticleId]) -> Vec<Publication<'a>> {
    ids.iter()
        .map(|&id| {
            let s = site.scope_of(id);
            let edition = site.scope(s).edition.filter(|_| s > 0);
            let name = edition
                .and_then(|e| site.config.editions[e].title.as_deref())
                .unwrap_or_else(|| publisher_name(site));
            let lang = site.article(id).lang.as_str();
            let lower = lang.to_ascii_lowercase();
            let language = match lower.as_str() {
                "zh-cn" | "zh-tw" => lang,
                _ => lang.split(['-', '_']).next().unwrap_or(lang),
            };
            Publication { name, language }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_content_links_are_made_absolute() {
        let page = url::Url::parse("https://x.org/news/2024/03/10/story/").unwrap();
        let cases = [
            (
                "<p>See<sup class=\"footnote-reference\"><a href=\"#note\">1</a></sup></p>",
                "<p>See<sup class=\"footnote-reference\"><a href=\"https://x.org/news/2024/03/10/story/#note\">1</a></sup></p>",
            ),
            (
                "<a href=\"/2024/01/02/old/\">old</a> <a href=\"../../09/other/\">o</a>",
                "<a href=\"https://x.org/2024/01/02/old/\">old</a> <a href=\"https://x.org/news/2024/03/09/other/\">o</a>",
            ),
            (
                "<img src=\"chart.png\" alt=\"a &quot;b&quot;\" /><img src='/i.png' srcset=\"a.png 1x, /b.png 2x\">",
                "<img src=\"https://x.org/news/2024/03/10/story/chart.png\" alt=\"a &quot;b&quot;\" /><img src='https://x.org/i.png' srcset=\"https://x.org/news/2024/03/10/story/a.png 1x, https://x.org/b.png 2x\">",
            ),
            (
                "<a href=\"https://other.org/x\">x</a> <a href=\"mailto:desk@x.org\">m</a> <a href=\"?q=1&amp;r=2\">q</a>",
                "<a href=\"https://other.org/x\">x</a> <a href=\"mailto:desk@x.org\">m</a> <a href=\"https://x.org/news/2024/03/10/story/?q=1&amp;r=2\">q</a>",
            ),
            // Text that looks like an attribute is text.
            (
                "<p>write href=\"#x\" &lt;a href=\"y\"&gt;</p><!-- <a href=\"z\"> -->",
                "<p>write href=\"#x\" &lt;a href=\"y\"&gt;</p><!-- <a href=\"z\"> -->",
            ),
            (
                "<video poster=\"p.jpg\" controls><source src=\"v.mp4\"></video>",
                "<video poster=\"https://x.org/news/2024/03/10/story/p.jpg\" controls><source src=\"https://x.org/news/2024/03/10/story/v.mp4\"></video>",
            ),
            ("plain text, no links", "plain text, no links"),
        ];
        for (html, want) in cases {
            assert_eq!(absolute_links(html, &page), want, "{html}");
        }
    }
}
