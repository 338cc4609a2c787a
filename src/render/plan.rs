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
    /// The home page of edition `n` ([`crate::config::Config::editions`]) not at the root.
    EditionHome(u32),
    /// RSS (`false`) or Atom (`true`) of edition `n`'s stories.
    EditionFeed(u32, bool),
    NotFound,
    /// A scope's search page (`/search/`, `/ur/search/`), when the site has a
    /// search index.
    Search(u8),
    Article(ArticleId),
    /// A standalone page, by index into [`Site::pages`].
    Standalone(u32),
    /// A scope's list of its terms of a kind (`/topics/`, `/ur/topics/`).
    TermIndex(u8, TaxonomyKind),
    /// Page `p` of a list: 0 is its first page (the newest stories, at the list's
    /// own URL), `1..` its older pages numbered from the oldest ([`older_pages`]).
    List(List, usize),
    /// Page `p` as the newest-first numbering of earlier versions published it,
    /// where the numbering from the oldest has no page yet: a redirect to the list.
    Moved(List, usize),
    /// The redirect page at an old URL without a query, by index into the site's
    /// redirects ([`crate::urls::Answers::redirects`]).
    Redirect(u32),
    /// The page at a withdrawn story's URL, by index into
    /// [`crate::urls::Answers::tombstones`].
    Tombstone(u32),
    /// RSS (`false`) or Atom (`true`) for the site (`None`) or a term of a scope.
    Feed(Option<(u8, TaxonomyKind, u32)>, bool),
    /// Part `n` (0-based) of the sitemap; a single part is `sitemap.xml` itself.
    Sitemap(usize),
    SitemapIndex,
    NewsSitemap,
    Robots,
}

/// A paginated list of articles.
pub(super) use crate::index::ListKey as List;

impl List {
    /// The list's path (`topics/world/`, `2024/05/`) and its articles, newest first.
    pub(super) fn target(self, site: &Site) -> (String, &[ArticleId]) {
        match self {
            List::Term(s, kind, i) => {
                let scope = site.scope(s);
                let term = &scope.taxonomy(kind).terms[i as usize];
                (
                    format!("{}{}", scope.prefix, term_path(kind, &term.slug)),
                    &term.articles,
                )
            }
            List::Year(s, y) => {
                let scope = site.scope(s);
                (format!("{}{y:04}/", scope.prefix), &scope.years[&y])
            }
            List::Month(s, y, m) => {
                let scope = site.scope(s);
                (
                    format!("{}{y:04}/{m:02}/", scope.prefix),
                    &scope.months[&(y, m)],
                )
            }
            List::Day(s, y, m, d) => {
                let scope = site.scope(s);
                (
                    format!("{}{y:04}/{m:02}/{d:02}/", scope.prefix),
                    &scope.days[&(y, m, d)],
                )
            }
        }
    }

    /// Where withdrawn stories stood in the list ([`Site::gaps`]).
    pub(super) fn gaps(self, site: &Site) -> &[u32] {
        site.gaps.get(&self).map_or(&[], Vec::as_slice)
    }

    /// How many older pages the list has (withdrawn stories keep their places).
    pub(super) fn older_pages(self, site: &Site) -> usize {
        let n = self.target(site).1.len() + self.gaps(site).len();
        older_pages(n, site.config.paginate)
    }

    /// The articles on page `p` of the list.
    pub(super) fn page(self, site: &Site, p: usize) -> &[ArticleId] {
        page_slice(
            self.target(site).1,
            self.gaps(site),
            site.config.paginate,
            p,
        )
    }

    /// Every list of the site, scope by scope, in a stable order.
    fn all(site: &Site) -> Vec<List> {
        let mut lists = Vec::new();
        for s in 0..site.scope_count() {
            let scope = site.scope(s);
            for kind in TaxonomyKind::ALL {
                let n = scope.taxonomy(kind).terms.len() as u32;
                lists.extend((0..n).map(|i| List::Term(s, kind, i)));
            }
            lists.extend(scope.years.keys().map(|&y| List::Year(s, y)));
            lists.extend(scope.months.keys().map(|&(y, m)| List::Month(s, y, m)));
            lists.extend(scope.days.keys().map(|&(y, m, d)| List::Day(s, y, m, d)));
        }
        lists
    }
}

/// How many older pages a list of `n` articles has, `per` to a page: every full
/// page's worth of its oldest articles but the newest one, which stays on the first
/// page with the rest (so the first page holds `per` to `2 * per - 1` articles once
/// there are `per`). An older page, once made, always holds the same articles.
pub(super) fn older_pages(n: usize, per: usize) -> usize {
    (n / per).saturating_sub(1)
}

/// The articles on page `p` of `ids` (newest first): page 0 the newest, page
/// `k >= 1` the `k`-th `per` counting from the oldest. `gaps` are the places of
/// withdrawn stories among them (positions, newest first, counting the withdrawn):
/// each still takes its place, so a page that showed one shows one story fewer and
/// the others stay as they were.
pub(super) fn page_slice<'a>(
    ids: &'a [ArticleId],
    gaps: &[u32],
    per: usize,
    p: usize,
) -> &'a [ArticleId] {
    let n = ids.len() + gaps.len();
    let older = older_pages(n, per);
    let (start, end) = if p == 0 {
        (0, n - older * per)
    } else {
        let end = n.saturating_sub((p - 1) * per);
        (end.saturating_sub(per), end)
    };
    // Positions counting the withdrawn → positions in `ids`.
    let real = |i: usize| i - gaps.partition_point(|&g| (g as usize) < i);
    &ids[real(start)..real(end)]
}

/// The page numbers earlier versions (numbering pages newest first, from 2) gave a
/// list of `n` articles that the numbering from the oldest (`older` older pages)
/// does not have yet.
pub(super) fn moved_pages(older: usize, n: usize, per: usize) -> std::ops::RangeInclusive<usize> {
    (older + 1).max(2)..=n.div_ceil(per)
}

impl Page {
    /// An HTML page for the sitemap: not the 404 page, nor the search page (both
    /// `noindex`), nor a feed or other file.
    pub(super) fn is_html(self) -> bool {
        !matches!(
            self,
            Page::NotFound
                | Page::Search(_)
                | Page::Moved(..)
                | Page::Redirect(_)
                | Page::Tombstone(_)
                | Page::Feed(..)
                | Page::EditionFeed(..)
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
            Page::List(List::Term(..), _) | Page::TermIndex(..) => 1,
            Page::List(..) => 2,
            Page::Feed(..) | Page::EditionFeed(..) => 3,
            Page::Home | Page::EditionHome(_) => 4,
            _ => 5,
        }
    }
}

/// Every page of the site, in a stable order.
pub(super) fn plan(site: &Site) -> Vec<Page> {
    let per = site.config.paginate;
    let mut pages = vec![Page::Home, Page::NotFound];
    for (i, e) in site.config.editions.iter().enumerate() {
        if !e.path.is_empty() {
            pages.push(Page::EditionHome(i as u32));
            pages.extend([false, true].map(|atom| Page::EditionFeed(i as u32, atom)));
        }
    }
    if site.search.is_some() {
        pages.extend((0..site.scope_count()).map(Page::Search));
    }
    pages.extend((0..site.articles.len() as ArticleId).map(Page::Article));
    pages.extend((0..site.pages.len() as u32).map(Page::Standalone));
    for s in 0..site.scope_count() {
        pages.extend(TaxonomyKind::ALL.map(|kind| Page::TermIndex(s, kind)));
    }
    let answers = &site.answers;
    pages.extend(
        (0..answers.redirects.len() as u32)
            .filter(|&i| !answers.redirects[i as usize].has_query())
            .map(Page::Redirect),
    );
    pages.extend((0..answers.tombstones.len() as u32).map(Page::Tombstone));
    for list in List::all(site) {
        // The count earlier versions numbered by included the withdrawn stories.
        let n = list.target(site).1.len() + list.gaps(site).len();
        let older = list.older_pages(site);
        pages.extend((0..=older).map(|p| Page::List(list, p)));
        pages.extend(moved_pages(older, n, per).map(|p| Page::Moved(list, p)));
    }
    for atom in [false, true] {
        pages.push(Page::Feed(None, atom));
        for s in 0..site.scope_count() {
            for kind in TaxonomyKind::ALL {
                for i in 0..site.scope(s).taxonomy(kind).terms.len() {
                    pages.push(Page::Feed(Some((s, kind, i as u32)), atom));
                }
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
        Page::Home | Page::EditionHome(_) => 0,
        Page::Article(id) => id,
        Page::List(..) => page_target(site, page)
            .1
            .first()
            .copied()
            .unwrap_or(ArticleId::MAX),
        _ => ArticleId::MAX,
    }
}

/// The output path (relative) of a page, and the articles it lists on that page.
pub(super) fn page_target(site: &Site, page: Page) -> (String, &[ArticleId]) {
    match page {
        Page::Home => (String::new(), &[]),
        Page::EditionHome(i) => (format!("{}/", site.config.editions[i as usize].path), &[]),
        Page::Article(id) => (site.article(id).path.clone(), &[]),
        Page::Standalone(i) => (site.pages[i as usize].path.clone(), &[]),
        Page::TermIndex(s, kind) => (format!("{}{}/", site.scope(s).prefix, kind.key()), &[]),
        Page::Search(s) => (format!("{}{SEARCH_PATH}", site.scope(s).prefix), &[]),
        Page::List(list, p) => (page_path(&list.target(site).0, p), list.page(site, p)),
        Page::Moved(list, p) => (page_path(&list.target(site).0, p), &[]),
        Page::Redirect(i) => (site.answers.redirects[i as usize].from.clone(), &[]),
        Page::Tombstone(i) => (site.answers.tombstones[i as usize].path.clone(), &[]),
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
                    Page::Home | Page::EditionHome(_) | Page::TermIndex(..) => self.newest,
                    _ => ids.iter().map(|&i| site.article(i).modified()).max(),
                };
                feeds::SitemapEntry {
                    loc: urls.permalink(&rel),
                    lastmod: lastmod.map(feeds::rfc3339),
                    alternates: match page {
                        Page::Article(id) => super::views::alternates(urls, site, id),
                        _ => super::scoped::edition_alternates(site, urls, page),
                    },
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
        // Three to a list of two per page: all three on the first page; the old
        // second page redirects to it.
        for (path, listed) in [
            ("topics/floods/", 3),
            ("topics/floods/page/2/", 0),
            ("2017/09/22/", 2),
            ("2017/09/21/", 1),
        ] {
            let i = paths
                .iter()
                .position(|p| p == path)
                .unwrap_or_else(|| panic!("no {path} in {paths:?}"));
            assert_eq!(page_target(&site, pages[i]).1.len(), listed, "{path}");
        }
        // Not HTML: the 404 page, RSS and Atom for the site and the one topic,
        // robots.txt (sitemaps are added once the plan is known; no story is recent
        // enough for a news sitemap), and the redirects at the old second pages of
        // the topic, the year and the month.
        assert_eq!(pages.iter().filter(|p| !p.is_html()).count(), 9);
        assert!(!pages.iter().any(|p| matches!(p, Page::NewsSitemap)));
    }

    #[test]
    fn older_pages_count_from_the_oldest_and_never_change_once_made() {
        // (articles, per page) → older pages, first page size, old numbers moved.
        let none: Vec<usize> = Vec::new();
        for (n, per, older, first, moved) in [
            (0, 10, 0, 0, none.clone()),
            (9, 10, 0, 9, none.clone()),
            (10, 10, 0, 10, none),
            (15, 10, 0, 15, vec![2]),
            (19, 10, 0, 19, vec![2]),
            (20, 10, 1, 10, vec![2]),
            (25, 10, 1, 15, vec![2, 3]),
            (41, 10, 3, 11, vec![4, 5]),
        ] {
            let ids: Vec<ArticleId> = (0..n as ArticleId).collect();
            assert_eq!(older_pages(n, per), older, "{n}");
            assert_eq!(page_slice(&ids, &[], per, 0).len(), first, "{n}");
            assert_eq!(moved_pages(older, n, per).collect::<Vec<_>>(), moved, "{n}");
            // Every article is on exactly one page.
            let mut all: Vec<ArticleId> = (0..=older)
                .flat_map(|p| page_slice(&ids, &[], per, p).to_vec())
                .collect();
            all.sort_unstable();
            assert_eq!(all, ids, "{n}");
        }
        // Adding stories (new ids come first, newest first) leaves every older page
        // holding the same articles: ids count from the newest, so compare by age.
        for n in 20..60 {
            let old: Vec<u32> = (0..n).rev().collect();
            let new: Vec<u32> = (0..n + 1).rev().collect();
            for p in 1..=older_pages(n as usize, 10) {
                assert_eq!(
                    page_slice(&old, &[], 10, p),
                    page_slice(&new, &[], 10, p),
                    "{n} {p}"
                );
            }
        }
    }

    #[test]
    fn a_withdrawn_story_keeps_its_place_so_only_its_page_changes() {
        // 45 stories at 10 a page (ages 44..0, newest first): page 1 the oldest ten.
        let all: Vec<u32> = (0..45).rev().collect();
        for gone in [0usize, 7, 12, 30, 44] {
            let ids: Vec<u32> = all
                .iter()
                .copied()
                .filter(|&a| a as usize != gone)
                .collect();
            // Its place, newest first, counting it.
            let gaps = [(44 - gone) as u32];
            for p in 0..=older_pages(45, 10) {
                let before: Vec<u32> = page_slice(&all, &[], 10, p).to_vec();
                let after: Vec<u32> = page_slice(&ids, &gaps, 10, p).to_vec();
                let expected: Vec<u32> = before
                    .iter()
                    .copied()
                    .filter(|&a| a as usize != gone)
                    .collect();
                assert_eq!(after, expected, "withdrawn {gone}, page {p}");
            }
        }
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
