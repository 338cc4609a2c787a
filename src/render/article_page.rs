//! Single pages on request, outside [`render_site`](super::render_site): one article
//! page at a time, byte for byte as the whole-site render writes it (benchmarks use it).
//! Input: the site, its compiled theme and an article. Output: the page's bytes.

use std::cell::Cell;
use std::sync::OnceLock;

use tera::Value;

use super::context::Ctx;
use super::plan::{Page, SitemapPages};
use super::site_view::site_feeds;
use super::views::{TermValues, Urls};
use super::{Bodies, BodySource, Theme, set_up_theme};
use crate::diagnostics::Diagnostic;
use crate::index::Site;
use crate::model::ArticleId;

/// A site made ready for rendering single pages through one theme. Article cards (as
/// shown in related lists) are made on first use and kept, as a whole-site render
/// makes each card once.
pub struct ArticlePages<'a> {
    site: &'a Site,
    related: &'a [Vec<ArticleId>],
    store: &'a dyn BodySource,
    urls: Urls<'a>,
    terms: TermValues<'a>,
    site_feeds: Vec<Value>,
    cards: Vec<OnceLock<Value>>,
}

impl<'a> ArticlePages<'a> {
    /// Sets what every template sees for `site` (the `site` global, the language of
    /// dates), as `render_site` does.
    pub fn new(
        site: &'a Site,
        related: &'a [Vec<ArticleId>],
        store: &'a dyn BodySource,
        theme: &mut Theme,
    ) -> Self {
        let urls = Urls::new(site);
        set_up_theme(theme, site, &urls);
        ArticlePages {
            site,
            related,
            store,
            terms: TermValues::new(&urls, site),
            site_feeds: site_feeds(site, &urls),
            urls,
            cards: site.articles.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Renders the page of article `id`, appending it to `out`; returns its output path
    /// (relative, e.g. `2025/09/22/slug/index.html`). `theme` must be the one given to
    /// [`ArticlePages::new`].
    pub fn article(
        &self,
        theme: &Theme,
        id: ArticleId,
        out: &mut Vec<u8>,
    ) -> Result<String, Diagnostic> {
        let ctx = Ctx {
            site: self.site,
            related: self.related,
            store: self.store,
            urls: &self.urls,
            terms: &self.terms,
            cards: &self.cards,
            // Feed entries and sitemap entries: no article page shows them.
            items: &[],
            // The page reads its own body if it was not kept.
            bodies: &Bodies::default(),
            sitemap: &SitemapPages::default(),
            site_feeds: &self.site_feeds,
            versions: None,
            probed: Cell::new(None),
        };
        ctx.render(Page::Article(id), theme, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{BodyStore, Loaded, Options, load, render};
    use crate::write::Memory;

    #[test]
    fn article_pages_are_those_of_the_whole_site_render() {
        let mut opts = Options::new(env!("CARGO_MANIFEST_DIR"));
        opts.now = Some(chrono::DateTime::parse_from_rfc3339("2026-11-18T12:00:00+05:00").unwrap());
        let Loaded {
            site,
            related,
            mut theme,
            ..
        } = load(&opts).expect("the demo site loads");
        let memory = Memory::default();
        render(&site, &related, &mut theme, &memory).expect("the demo site renders");
        let files = memory.into_files();
        let store = BodyStore::new(&site.config);
        let pages = ArticlePages::new(&site, &related, &store, &mut theme);
        assert!(related.iter().any(|r| !r.is_empty()));
        for id in 0..site.articles.len() as ArticleId {
            let mut out = Vec::new();
            let rel = pages.article(&theme, id, &mut out).expect("renders");
            assert_eq!(rel, format!("{}index.html", site.article(id).path));
            assert!(
                files[&rel] == out,
                "{rel} differs from the whole-site render"
            );
        }
    }
}
