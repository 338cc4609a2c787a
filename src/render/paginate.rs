//! Pagination of lists: the path of each page and the paginator a list page's
//! template gets. Pages are numbered from the oldest, so a full page never changes.

use serde::Serialize;

use super::views::Urls;

/// Links and position for a paginated list. Pages are numbered from the oldest, so
/// an older page never changes once full: it names only itself, older pages and the
/// next newer one, never how many pages or articles the list has now.
#[derive(Serialize)]
pub struct Paginator {
    /// This page's number: 1 is the oldest page; the first page (the list's newest
    /// articles, at the list's own URL) has the highest.
    pub current: usize,
    /// True on the list's first page.
    pub first: bool,
    /// On the first page only (`none` on older pages, which would otherwise change
    /// with every story added): how many pages and articles the list has.
    pub total_pages: Option<usize>,
    pub total_items: Option<usize>,
    /// The first page (newest articles) and the oldest page.
    pub first_url: String,
    pub last_url: String,
    /// The next newer page (`prev`) and the next older one (`next`).
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// This page and up to eight older ones, newest first.
    pub pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Path of page `n` of a list whose first page is at `rel`: page 0 is the list's
/// own path, page `n >= 1` is `page/n/` under it.
pub fn page_path(rel: &str, n: usize) -> String {
    if n == 0 {
        rel.to_string()
    } else {
        format!("{rel}page/{n}/")
    }
}

/// The paginator of page `p` (0: the first page) of a list at `rel` with `older`
/// older pages and `items` articles.
pub fn paginator(urls: &Urls, rel: &str, p: usize, older: usize, items: usize) -> Paginator {
    let first = p == 0;
    let current = if first { older + 1 } else { p };
    let link = |n: usize| urls.url(&page_path(rel, if n > older { 0 } else { n }));
    Paginator {
        current,
        first,
        total_pages: first.then_some(older + 1),
        total_items: first.then_some(items),
        first_url: urls.url(rel),
        last_url: link(1),
        prev_url: (!first).then(|| link(current + 1)),
        next_url: (current > 1).then(|| link(current - 1)),
        pages: (current.saturating_sub(8).max(1)..=current)
            .rev()
            .map(|n| PageLink {
                number: n,
                url: link(n),
                current: n == current,
            })
            .collect(),
    }
}
