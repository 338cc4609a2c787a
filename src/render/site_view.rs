//! The `site` variable every template gets: the site's name and settings, the
//! navigation (topics by size, years, taxonomies, menu) and its feed links. Made
//! once per build from the site, shared by every page.

use serde::Serialize;
use tera::Value;

use super::feeds;
use super::views::{self, Urls, term_path};
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
    /// Topics by number of articles (most first): the navigation.
    topics: Vec<views::TermCount<'a>>,
    /// Years with articles, newest first.
    years: Vec<ArchiveLink>,
    taxonomies: Vec<TaxonomyLink>,
    article_count: usize,
    extra: &'a serde_json::Value,
    /// `[[menu]]` links, then pages marked `menu:`.
    menu: Vec<super::redirects::MenuLink>,
    /// The search page's URL, when the site has one.
    search: Option<String>,
}

#[derive(Serialize)]
pub(super) struct ArchiveLink {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
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

pub(super) fn site_view<'a>(site: &'a Site, urls: &'a Urls) -> SiteView<'a> {
    let mut topics: Vec<views::TermCount> = site
        .topics
        .terms
        .iter()
        .map(|t| views::TermCount {
            name: &t.name,
            slug: &t.slug,
            url: urls.url(&term_path(TaxonomyKind::Topics, &t.slug)),
            count: t.articles.len(),
        })
        .collect();
    topics.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(b.slug)));
    SiteView {
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
            .iter()
            .rev()
            .map(|(y, ids)| ArchiveLink {
                name: y.to_string(),
                url: urls.url(&format!("{y:04}/")),
                count: ids.len(),
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
        article_count: site.articles.len(),
        extra: &site.config.extra,
        menu: super::redirects::menu(site, urls),
        search: site
            .search
            .as_ref()
            .map(|_| urls.url(super::plan::SEARCH_PATH)),
    }
}
