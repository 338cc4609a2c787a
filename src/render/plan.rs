//! What pages the site has and in what order they render: one [`Page`] per output
//! file, the articles each lists, and the sitemap's view of them. Input: the site.
//! Output: page values and paths; nothing here renders.

use rayon::prelude::*;

use super::feeds;
use super::views::{Urls, page_path, term_path};
use crate::index::{Site, TaxonomyKind};
use crate::model::ArticleId;

/// Where the search page goes.
pub(super) const SEARCH_PATH: &str = "search/";

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub(super) enum Page {
    Home,
    NotFound,
    /// `/search/`, when the site has a search index.
    Search,
    Article(ArticleId),
    /// A standalone page, by index into [`Site::pages`].
    Standalone(u32),
    TermIndex(TaxonomyKind),
    Term(TaxonomyKind, u32, usize),
    Year(i32, usize),
    Month(i32, u32, usize),
    Day(i32, u32, u32, usize),
    /// RSS (`false`) or Atom (`true`) for the site (`None`) or a term.
    Feed(Option<(TaxonomyKind, u32)>, bool),
    /// Part `n` (0-based) of the sitemap; a single part is `sitemap.xml` itself.
    Sitemap(usize),
    SitemapIndex,
    NewsSitemap,
    Robots,
}

impl Page {
    /// An HTML page for the sitemap: not the 404 page, nor the search page (both
    /// `noindex`), nor a feed or other file.
    pub(super) fn is_html(self) -> bool {
        !matches!(
            self,
            Page::NotFound
                | Page::Search
                | Page::Feed(..)
                | Page::Sitemap(_)
                | Page::SitemapIndex
                | Page::NewsSitemap
                | Page::Robots
        )
    }
}

/// Page kinds as `--timings` reports them.
pub(super) const KINDS: [&str; 6] = ["article", "term", "archive", "feed", "home", "other"];

impl Page {
    /// Index into [`KINDS`].
    pub(super) fn kind(self) -> usize {
        match self {
            Page::Article(_) => 0,
            Page::Term(..) | Page::TermIndex(_) => 1,
            Page::Year(..) | Page::Month(..) | Page::Day(..) => 2,
            Page::Feed(..) => 3,
            Page::Home => 4,
            _ => 5,
        }
    }
}

/// Number of pages a list of `n` items needs (at least one, so empty lists still render).
pub(super) fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page).max(1)
}

/// Every page of the site, in a stable order.
pub(super) fn plan(site: &Site) -> Vec<Page> {
    let per = site.config.paginate;
    let mut pages = vec![Page::Home, Page::NotFound];
    if site.search.is_some() {
        pages.push(Page::Search);
    }
    pages.extend((0..site.articles.len() as ArticleId).map(Page::Article));
    pages.extend((0..site.pages.len() as u32).map(Page::Standalone));
    for kind in TaxonomyKind::ALL {
        pages.push(Page::TermIndex(kind));
        for (i, term) in site.taxonomy(kind).terms.iter().enumerate() {
            for p in 1..=page_count(term.articles.len(), per) {
                pages.push(Page::Term(kind, i as u32, p));
            }
        }
    }
    for (&y, ids) in &site.years {
        pages.extend((1..=page_count(ids.len(), per)).map(|p| Page::Year(y, p)));
    }
    for (&(y, m), ids) in &site.months {
        pages.extend((1..=page_count(ids.len(), per)).map(|p| Page::Month(y, m, p)));
    }
    for (&(y, m, d), ids) in &site.days {
        pages.extend((1..=page_count(ids.len(), per)).map(|p| Page::Day(y, m, d, p)));
    }
    for atom in [false, true] {
        pages.push(Page::Feed(None, atom));
        for kind in TaxonomyKind::ALL {
            for i in 0..site.taxonomy(kind).terms.len() {
                pages.push(Page::Feed(Some((kind, i as u32)), atom));
            }
        }
    }
    // The sitemaps.org schema wants at least one `<url>`: no recent story, no file.
    if !feeds::news_articles(site).is_empty() {
        pages.push(Page::NewsSitemap);
    }
    pages.push(Page::Robots);
    pages
}

/// Where a page goes in the rendering order: pages go by the newest article they
/// show (ids are newest first), so an article's page, its archive and term pages and
/// its neighbours' pages (related news is mostly close in time) are rendered close
/// together, and `cached_partial` finds its card while it is still kept however
/// large the site. The home page goes first; pages listing no article by page
/// (feeds, sitemaps, the term indexes, the 404 page) go last, in planned order.
pub(super) fn render_order(site: &Site, page: Page) -> ArticleId {
    match page {
        Page::Home => 0,
        Page::Article(id) => id,
        Page::Term(..) | Page::Year(..) | Page::Month(..) | Page::Day(..) => {
            page_target(site, page)
                .1
                .first()
                .copied()
                .unwrap_or(ArticleId::MAX)
        }
        _ => ArticleId::MAX,
    }
}

/// The output path (relative) of a page, and the articles it lists on that page.
pub(super) fn page_target(site: &Site, page: Page) -> (String, &[ArticleId]) {
    let per = site.config.paginate;
    let slice = |ids: &'_ [ArticleId], p: usize| -> (usize, usize) {
        let start = ((p - 1) * per).min(ids.len());
        (start, (start + per).min(ids.len()))
    };
    match page {
        Page::Home => (String::new(), &[]),
        Page::Article(id) => (site.article(id).path.clone(), &[]),
        Page::Standalone(i) => (site.pages[i as usize].path.clone(), &[]),
        Page::TermIndex(kind) => (format!("{}/", kind.key()), &[]),
        Page::Search => (SEARCH_PATH.to_string(), &[]),
        Page::Term(kind, i, p) => {
            let term = &site.taxonomy(kind).terms[i as usize];
            let (a, b) = slice(&term.articles, p);
            (
                page_path(&term_path(kind, &term.slug), p),
                &term.articles[a..b],
            )
        }
        Page::Year(y, p) => {
            let ids = &site.years[&y];
            let (a, b) = slice(ids, p);
            (page_path(&format!("{y:04}/"), p), &ids[a..b])
        }
        Page::Month(y, m, p) => {
            let ids = &site.months[&(y, m)];
            let (a, b) = slice(ids, p);
            (page_path(&format!("{y:04}/{m:02}/"), p), &ids[a..b])
        }
        Page::Day(y, m, d, p) => {
            let ids = &site.days[&(y, m, d)];
            let (a, b) = slice(ids, p);
            (page_path(&format!("{y:04}/{m:02}/{d:02}/"), p), &ids[a..b])
        }
        _ => (String::new(), &[]),
    }
}

/// What the sitemap lists: every HTML page, in plan order. Entries (URL and last
/// change) are made for one sitemap file at a time, when it renders, rather than
/// kept for every page of the site.
#[derive(Default)]
pub(super) struct SitemapPages {
    pages: Vec<Page>,
    /// The newest change of any article: when the home and term index pages changed.
    newest: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl SitemapPages {
    pub(super) fn new(site: &Site, pages: &[Page]) -> Self {
        SitemapPages {
            pages: pages.iter().copied().filter(|p| p.is_html()).collect(),
            newest: site.articles.iter().map(|a| a.modified()).max(),
        }
    }

    /// How many sitemap files there are (at least one).
    pub(super) fn parts(&self) -> usize {
        self.pages.len().div_ceil(feeds::SITEMAP_LIMIT).max(1)
    }

    /// The entries of sitemap file `part` (0-based).
    pub(super) fn entries(
        &self,
        site: &Site,
        urls: &Urls,
        part: usize,
    ) -> Vec<feeds::SitemapEntry> {
        let start = (part * feeds::SITEMAP_LIMIT).min(self.pages.len());
        let end = (start + feeds::SITEMAP_LIMIT).min(self.pages.len());
        self.pages[start..end]
            .par_iter()
            .map(|&page| {
                let (rel, ids) = page_target(site, page);
                let lastmod = match page {
                    Page::Article(id) => Some(site.article(id).modified()),
                    Page::Standalone(i) => site.pages[i as usize].updated,
                    Page::Home | Page::TermIndex(_) => self.newest,
                    _ => ids.iter().map(|&i| site.article(i).modified()).max(),
                };
                feeds::SitemapEntry {
                    loc: urls.permalink(&rel),
                    lastmod: lastmod.map(feeds::rfc3339),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::config::Config;
    use crate::index::{self, Selection};
    use crate::parse::article::parse_article;

    /// Three stories over two days, one topic, two to a page.
    fn site() -> Site {
        let config = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\npaginate = 2\n",
            "site.toml",
        )
        .expect("a valid configuration");
        let articles = [("a", 21), ("b", 22), ("c", 22)]
            .iter()
            .map(|(name, day)| {
                let text = format!(
                    "---\ntitle: Story {name}\ndate: 2017-09-{day}T10:00:00Z\ntopics: [Floods]\n---\nText.\n"
                );
                let rel = format!("content/{name}.md");
                parse_article(&text, &rel, &config).expect("parses").0
            })
            .collect();
        let selection = Selection {
            drafts: false,
            future: false,
            now: DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").expect("a time"),
        };
        index::build_site(config, articles, selection).expect("indexes")
    }

    #[test]
    fn every_list_has_a_page_per_page_of_articles_and_every_page_a_path() {
        let site = site();
        let pages = plan(&site);
        let paths: Vec<String> = pages.iter().map(|&p| page_target(&site, p).0).collect();
        for (path, listed) in [
            ("topics/floods/", 2),
            ("topics/floods/page/2/", 1),
            ("2017/09/22/", 2),
            ("2017/09/21/", 1),
        ] {
            let i = paths
                .iter()
                .position(|p| p == path)
                .unwrap_or_else(|| panic!("no {path} in {paths:?}"));
            assert_eq!(page_target(&site, pages[i]).1.len(), listed, "{path}");
        }
        // Not HTML: the 404 page, RSS and Atom for the site and the one topic, and
        // robots.txt (sitemaps are added once the plan is known; no story is recent
        // enough for a news sitemap).
        assert_eq!(pages.iter().filter(|p| !p.is_html()).count(), 6);
        assert!(!pages.iter().any(|p| matches!(p, Page::NewsSitemap)));
        assert_eq!(
            (page_count(0, 2), page_count(4, 2), page_count(5, 2)),
            (1, 2, 3)
        );
    }

    #[test]
    fn pages_render_in_the_order_of_the_newest_article_they_show() {
        let site = site();
        let mut pages = plan(&site);
        pages.sort_by_cached_key(|&p| render_order(&site, p));
        assert!(matches!(pages[0], Page::Home));
        assert!(matches!(pages[1], Page::Article(0)));
        let order: Vec<ArticleId> = pages.iter().map(|&p| render_order(&site, p)).collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        // Lists showing no article by page (feeds, the 404 page) go last.
        assert!(matches!(pages.last(), Some(Page::Robots)), "{pages:?}");
    }
}
