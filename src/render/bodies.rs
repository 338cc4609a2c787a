//! Article bodies that were not kept in memory ([`crate::pipeline::Options::body_memory`]),
//! read again from their files ahead of the pages that show them.
//!
//! On a large archive most article pages need their body from the file. Once the
//! output written so far has pushed the sources out of the page cache, each of those
//! is a disk read, and a render thread that reads its own file waits for it: one read
//! at a time per thread. So pages are rendered in windows of [`WINDOW`], and while
//! one window renders, [`IO_THREADS`] threads read (and render to HTML) the bodies of
//! the next window's article pages, many files at a time. Sites whose bodies are all
//! in memory skip all of this.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;

use super::BodySource;
use super::plan::Page;
use crate::diagnostics::Diagnostic;
use crate::index::Site;
use crate::model::{ArticleId, Body};

/// Pages per window: enough to keep both render threads busy between windows, few
/// enough that the bodies read ahead stay a few megabytes. Unit tests use small
/// windows, so that their small sites span many.
pub(super) const WINDOW: usize = if cfg!(test) { 16 } else { 1024 };

/// Reads in flight at once. Their threads mostly wait on the disk.
const IO_THREADS: usize = 8;

/// The bodies of one window's article pages, by article.
#[derive(Default)]
pub(super) struct Bodies(HashMap<ArticleId, Result<String, Diagnostic>>);

impl Bodies {
    /// The body of article `id`, if this window read it.
    pub(super) fn get(&self, id: ArticleId) -> Option<Result<&str, Diagnostic>> {
        self.0.get(&id).map(|r| r.as_deref().map_err(Clone::clone))
    }
}

/// The threads that read bodies ahead of the render.
pub(super) struct ReadAhead<'a> {
    pool: rayon::ThreadPool,
    store: &'a dyn BodySource,
}

impl<'a> ReadAhead<'a> {
    /// `None` when every article page among `pages` has its body in memory (or the
    /// threads cannot be started: each page then reads its own body, as it can).
    pub(super) fn new(site: &Site, store: &'a dyn BodySource, pages: &[Page]) -> Option<Self> {
        pages
            .iter()
            .any(|&p| needs_read(site, p).is_some())
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(IO_THREADS)
                    .thread_name(|i| format!("broadsheet-read-{i}"))
                    .build()
                    .ok()
            })
            .flatten()
            .map(|pool| ReadAhead { pool, store })
    }

    /// The bodies `window` needs from their files.
    pub(super) fn read(&self, site: &Site, window: &[Page]) -> Bodies {
        let ids: Vec<ArticleId> = window.iter().filter_map(|&p| needs_read(site, p)).collect();
        Bodies(self.pool.install(|| {
            ids.par_iter()
                .map(|&id| {
                    let body = self.store.body(site.article(id));
                    (id, body.map(Cow::into_owned))
                })
                .collect()
        }))
    }
}

/// The article whose body `page` needs from its file.
fn needs_read(site: &Site, page: Page) -> Option<ArticleId> {
    match page {
        Page::Article(id) if matches!(site.article(id).body, Body::FromSource(_)) => Some(id),
        _ => None,
    }
}
