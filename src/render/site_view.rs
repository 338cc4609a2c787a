//! The `site` variable every template gets: the site's name and settings, the
//! navigation (topics by size, years, taxonomies, menu) and its feed links. Made
//! once per build from the site, shared by every page. It holds no counts: every
//! page sees it, so anything here that changes when a story is added changes every
//! page of the site (docs/themes.md).

use serde::Serialize;
use tera::Value;

use super::feeds;
use super::views::{Urls, term_path};
use crate::index::{Site, TaxonomyKind};

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    /// `rtl` when the site language is written right to left, else `ltr`.
    dir: &'static str,
    timezone: String,
    /// Topics by number of articles (most first), without the numbers: the navigation.
    topics: Vec<NavLink<'a>>,
    /// Years with articles, newest first.
    years: Vec<NavLink<'a>>,
    taxonomies: Vec<TaxonomyLink>,
    extra: &'a serde_json::Value,
    /// `[[menu]]` links, then pages marked `menu:`.
    menu: Vec<super::redirects::MenuLink>,
    /// `[[editions]]`, in site.toml's order: each one's home, for the language
    /// switcher and the home pages' `hreflang` alternates. Empty without editions.
    editions: Vec<EditionLink>,
    /// The masthead of each edition's language, by its `lang` as site.toml writes
    /// it: `{title, description, url}` (the site's title and description when the
    /// edition gives none), so pages in that language show their edition's name.
    masthead: std::collections::BTreeMap<String, Masthead>,
}

#[derive(Serialize)]
struct Masthead {
    title: String,
    description: String,
    url: String,
}

#[derive(Serialize)]
struct EditionLink {
    lang: String,
    dir: &'static str,
    url: String,
    permalink: String,
    /// The root edition (else the first): the home pages' `x-default`.
    default: bool,
}

#[derive(Serialize)]
pub(super) struct ArchiveLink {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
}

/// A link of the site's navigation: `{name, slug, url}` (a year's slug is the year).
#[derive(Serialize)]
pub(super) struct NavLink<'a> {
    name: std::borrow::Cow<'a, str>,
    slug: std::borrow::Cow<'a, str>,
    url: String,
}

#[derive(Serialize)]
struct TaxonomyLink {
    key: &'static str,
    name: &'static str,
    url: String,
}

/// The site's RSS and Atom feed links, as every page's `page.feeds` ends.
pub(super) fn site_feeds(site: &Site, urls: &Urls) -> Value {
    Value::from_serializable(&feeds::links(urls, "", &site.config.title))
}

/// The topics by number of articles, most first (ties by slug): the navigation's
/// and the home page's order.
pub(super) fn topics_by_size(site: &Site) -> Vec<&crate::index::Term> {
    let mut topics: Vec<&crate::index::Term> = site.topics.terms.iter().collect();
    topics.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    topics
}

pub(super) fn site_view<'a>(site: &'a Site, urls: &'a Urls) -> SiteView<'a> {
    let topics = topics_by_size(site)
        .into_iter()
        .map(|t| NavLink {
            name: t.name.as_str().into(),
            slug: t.slug.as_str().into(),
            url: urls.url(&term_path(TaxonomyKind::Topics, &t.slug)),
        })
        .collect();
    let (editions, masthead) = edition_views(site, urls);
    SiteView {
        editions,
        masthead,
        title: &site.config.title,
        description: &site.config.description,
        base_url: &site.config.base_url,
        base_path: &urls.base_path,
        language: &site.config.language,
        dir: if crate::model::is_rtl_language(&site.config.language) {
            "rtl"
        } else {
            "ltr"
        },
        timezone: site.config.timezone.name().to_string(),
        topics,
        years: site
            .years
            .keys()
            .rev()
            .map(|y| NavLink {
                name: y.to_string().into(),
                slug: y.to_string().into(),
                url: urls.url(&format!("{y:04}/")),
            })
            .collect(),
        taxonomies: TaxonomyKind::ALL
            .iter()
            .map(|k| TaxonomyLink {
                key: k.key(),
                name: k.title(),
                url: urls.url(&format!("{}/", k.key())),
            })
            .collect(),
        extra: &site.config.extra,
        menu: super::redirects::menu(site, urls),
    }
}

/// The editions' links and their mastheads by language (see [`SiteView`]).
fn edition_views(
    site: &Site,
    urls: &Urls,
) -> (
    Vec<EditionLink>,
    std::collections::BTreeMap<String, Masthead>,
) {
    let root = site
        .config
        .editions
        .iter()
        .position(|e| e.path.is_empty())
        .unwrap_or(0);
    let editions = site
        .config
        .editions
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let rel = if e.path.is_empty() {
                String::new()
            } else {
                format!("{}/", e.path)
            };
            EditionLink {
                lang: e.lang.clone(),
                dir: if crate::model::is_rtl_language(&e.lang) {
                    "rtl"
                } else {
                    "ltr"
                },
                url: urls.url(&rel),
                permalink: urls.permalink(&rel),
                default: i == root,
            }
        })
        .collect();
    let masthead = site
        .config
        .editions
        .iter()
        .map(|e| {
            let rel = if e.path.is_empty() {
                String::new()
            } else {
                format!("{}/", e.path)
            };
            let title = e.title.clone().unwrap_or_else(|| site.config.title.clone());
            let description = e
                .description
                .clone()
                .unwrap_or_else(|| site.config.description.clone());
            (
                e.lang.clone(),
                Masthead {
                    title,
                    description,
                    url: urls.url(&rel),
                },
            )
        })
        .collect();
    (editions, masthead)
}
