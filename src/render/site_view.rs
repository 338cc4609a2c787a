//! The `site` variable every template gets: the site's name and settings, the
//! navigation (topics by size, years, taxonomies, menu) and its feed links. Made
//! once per build from the site, shared by every page. It holds no counts: every
//! page sees it, so anything here that changes when a story is added changes every
//! page of the site (docs/themes.md).

use serde::Serialize;
use tera::Value;

use super::feeds;
use super::views::{Urls, term_path};
use crate::index::{Scope, Site, TaxonomyKind};

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
    /// The search page's URL, when the site has one.
    search: Option<String>,
    /// Each edition's own navigation, by the `lang` of an edition at a path in
    /// another language than the site's: `{topics, years, taxonomies, search}` as
    /// above, linking that edition's pages (`/ur/topics/…/`). Templates take
    /// `site.nav[lang]` when there is one, else `site` itself.
    nav: std::collections::BTreeMap<String, Nav<'a>>,
    /// `[[editions]]`, in site.toml's order: each one's home, for the language
    /// switcher and the home pages' `hreflang` alternates. Empty without editions.
    editions: Vec<EditionLink>,
    /// The masthead of each edition's language, by its `lang` as site.toml writes
    /// it: `{title, description, url}` (the site's title and description when the
    /// edition gives none), so pages in that language show their edition's name.
    masthead: std::collections::BTreeMap<String, Masthead>,
}

/// One scope's navigation (see [`SiteView::nav`]).
#[derive(Serialize)]
pub(super) struct Nav<'a> {
    topics: Vec<NavLink<'a>>,
    years: Vec<NavLink<'a>>,
    taxonomies: Vec<TaxonomyLink>,
    search: Option<String>,
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

/// The RSS and Atom feed links every page's `page.feeds` ends with, by scope
/// ([`Site::scope`]): the site's, then each edition's at a path (`/ur/feed.xml`,
/// titled with the edition's title).
pub(super) fn site_feeds(site: &Site, urls: &Urls) -> Vec<Value> {
    (0..site.scope_count())
        .map(|s| {
            let scope = site.scope(s);
            let edition = scope.edition.map(|e| &site.config.editions[e]);
            let title = match edition.and_then(|e| e.title.as_deref()) {
                Some(t) if s > 0 => t,
                _ => &site.config.title,
            };
            Value::from_serializable(&feeds::links(urls, scope.prefix, title))
        })
        .collect()
}

/// A scope's topics by number of articles, most first (ties by slug): the
/// navigation's and the home page's order.
pub(super) fn topics_by_size(scope: Scope<'_>) -> Vec<&crate::index::Term> {
    let mut topics: Vec<&crate::index::Term> =
        scope.taxonomy(TaxonomyKind::Topics).terms.iter().collect();
    topics.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    topics
}

/// The navigation of scope `s`: its topics, years, term indexes and search page.
fn nav<'a>(site: &'a Site, urls: &Urls, s: u8) -> Nav<'a> {
    let scope = site.scope(s);
    let p = scope.prefix;
    Nav {
        topics: topics_by_size(scope)
            .into_iter()
            .map(|t| NavLink {
                name: t.name.as_str().into(),
                slug: t.slug.as_str().into(),
                url: urls.url(&format!("{p}{}", term_path(TaxonomyKind::Topics, &t.slug))),
            })
            .collect(),
        years: scope
            .years
            .keys()
            .rev()
            .map(|y| NavLink {
                name: y.to_string().into(),
                slug: y.to_string().into(),
                url: urls.url(&format!("{p}{y:04}/")),
            })
            .collect(),
        taxonomies: TaxonomyKind::ALL
            .iter()
            .map(|k| TaxonomyLink {
                key: k.key(),
                name: k.title(),
                url: urls.url(&format!("{p}{}/", k.key())),
            })
            .collect(),
        search: site
            .search
            .as_ref()
            .map(|_| urls.url(&format!("{p}{}", super::plan::SEARCH_PATH))),
    }
}

pub(super) fn site_view<'a>(site: &'a Site, urls: &'a Urls) -> SiteView<'a> {
    let (editions, masthead) = edition_views(site, urls);
    let Nav {
        topics,
        years,
        taxonomies,
        search,
    } = nav(site, urls, 0);
    let nav = (1..site.scope_count())
        .filter_map(|s| {
            let lang = super::scoped::scope_lang(site, s)?;
            Some((lang.to_string(), nav(site, urls, s)))
        })
        .collect();
    SiteView {
        editions,
        masthead,
        nav,
        topics,
        years,
        taxonomies,
        search,
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
