//! Renders the [`Site`] through the theme into output files.
//! Input: the site and compiled theme. Output: `(path, bytes)` pairs handed to a
//! [`Sink`]; this module reads and writes nothing itself: bodies not kept in memory
//! come from a [`BodySource`] (the pipeline's body store), related lists as a value.

mod bodies;
mod body_pictures;
mod context;
pub mod feeds;
mod fingerprint;
pub mod i18n;
mod json_ld;
mod values;
pub use fingerprint::article_versions;
use fingerprint::fingerprint_value;
mod paginate;
mod partial;
pub use partial::PartialStats;
pub mod article_page;
mod plan;
mod reuse;
mod scoped;
pub use reuse::{PageRecord, Seen};
pub mod redirects;
mod site_view;
pub mod theme;
pub mod views;

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use rayon::prelude::*;
use tera::Value;

use crate::diagnostics::Diagnostic;
use crate::index::Site;
use crate::model::{Article, ArticleId};
use crate::timing::Counter;
use bodies::Bodies;
use context::Ctx;
use plan::{KINDS, Page, SitemapPages, plan, render_order};
use site_view::{site_feeds, site_view};
pub use theme::Theme;
use views::{TermValues, Urls};

/// Receives rendered files. `rel` is relative to the output folder, `/`-separated.
pub trait Sink: Sync {
    /// Takes the bytes of the file at `rel`; the renderer reuses its buffer.
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), String>;

    /// For incremental rebuilds (`serve`): one number per article (by [`ArticleId`])
    /// that changes whenever the article does. With `Some`, every page is first
    /// fingerprinted, each article standing for its number, and rendered only if
    /// [`Sink::wants`] says so. `None` (the default) renders every page.
    fn versions(&self) -> Option<&[u64]> {
        None
    }

    /// Called for every page when [`Sink::versions`] is `Some`: its output path, its
    /// template and a fingerprint of everything the template would see. Equal
    /// fingerprints and templates mean equal output. Pages not wanted are not `put`.
    fn wants(&self, _rel: &str, _template: &str, _fingerprint: u64) -> bool {
        true
    }

    /// For a bundle of files published together whose names say what they hold (a
    /// photo's derivatives, named by a hash of the photo and the settings), each at
    /// `prefix` followed by one of `names` (separated by single spaces: a name has
    /// none): keeps the bundle as the sink has it already (the last build left it),
    /// without its files being read or put again. False when the sink lacks any of
    /// them: then the caller puts the bundle ([`Sink::put_bundle`]). The default
    /// keeps none.
    fn keep_bundle(&self, _prefix: &str, _names: &str) -> bool {
        false
    }

    /// Puts a bundle's files, `(name, bytes)` each, at `prefix` followed by the name.
    /// The default puts each file on its own.
    fn put_bundle(&self, prefix: &str, files: &[(&str, &[u8])]) -> Result<(), String> {
        files
            .iter()
            .try_for_each(|(name, bytes)| self.put(&format!("{prefix}{name}"), bytes))
    }
}

/// Where article bodies come from: the copy in memory, or for a body not kept
/// ([`crate::model::Body::FromSource`]) its file read again. The pipeline's
/// [`crate::pipeline::BodyStore`] is the implementation; render never reads a file.
pub trait BodySource: Sync {
    /// The article's body HTML, or an error naming its file (changed or removed
    /// since it was parsed).
    fn body<'a>(&self, a: &'a Article) -> Result<Cow<'a, str>, Diagnostic>;
}

/// What the renderer counted.
#[derive(Debug, Default, Clone)]
pub struct RenderStats {
    pub pages: usize,
    /// Pages rendered: all of them, less those [`Sink::wants`] turned down.
    pub rendered: usize,
    pub bytes: u64,
    /// Thread time spent fingerprinting pages (incremental sinks only).
    pub probe: std::time::Duration,
    /// Thread time spent running templates.
    pub render: std::time::Duration,
    /// Thread time spent handing pages to the sink (writing them).
    pub write: std::time::Duration,
    /// Thread time spent running templates, by kind of page.
    pub by_kind: Vec<KindTime>,
    /// What `cached_partial` rendered and reused.
    pub partials: partial::PartialStats,
}

/// Rendering cost of one kind of page.
#[derive(Debug, Clone, Copy)]
pub struct KindTime {
    pub kind: &'static str,
    pub pages: usize,
    pub time: std::time::Duration,
}

/// Sets what every template of `site` sees: the `site` global (returned) and the
/// language dates are written in; sizes the partial cache for the site.
fn set_up_theme(theme: &mut Theme, site: &Site, urls: &Urls) -> Value {
    let global = Value::from_serializable(&site_view(site, urls));
    theme.set_global("site", global.clone());
    theme.set_language(&site.config.language, site.config.languages.digits);
    theme.fit_partials(site.articles.len());
    global
}

/// Renders every page of the site into `sink`, with each article's `related` list
/// (from [`crate::related::compute`]) and bodies from `store`. All template errors
/// are collected, each reported once.
#[allow(clippy::too_many_lines)] // the probe pass and the windowed render share a dozen locals
pub fn render_site(
    site: &Site,
    related: &[Vec<ArticleId>],
    store: &dyn BodySource,
    theme: &mut Theme,
    sink: &dyn Sink,
) -> Result<RenderStats, Vec<Diagnostic>> {
    let urls = Urls::new(site);
    let global = set_up_theme(theme, site, &urls);
    // Incremental: articles stand for their versions; the `site` global is hashed once.
    let global_hash = sink.versions().map(|_| fingerprint_value(&global));
    let probe: Option<(Vec<OnceLock<Value>>, u64)> =
        sink.versions().zip(global_hash).map(|(versions, global)| {
            let cards = versions
                .iter()
                .map(|&v| OnceLock::from(Value::from(v)))
                .collect();
            (cards, global)
        });
    let theme = &*theme;
    // Each article's card, shared by every list that shows it. When probing, only
    // the pages to render need cards: make them on first use.
    let terms = TermValues::new(&urls, site);
    let site_feeds = site_feeds(site, &urls);
    let cards: Vec<OnceLock<Value>> = if probe.is_some() {
        site.articles.iter().map(|_| OnceLock::new()).collect()
    } else {
        site.articles
            .par_iter()
            .enumerate()
            .map(|(id, a)| {
                let card = views::card(
                    &urls,
                    &terms,
                    site,
                    id as crate::model::ArticleId,
                    a,
                    site.now,
                );
                OnceLock::from(Value::from_serializable(&card))
            })
            .collect()
    };
    // Feed entries, made on first use: only the newest articles of each list are in feeds.
    let items: Vec<OnceLock<Value>> = site.articles.iter().map(|_| OnceLock::new()).collect();
    let mut pages = plan(site);
    let sitemap = SitemapPages::new(site, &pages);
    let parts = sitemap.parts();
    if parts == 1 {
        pages.push(Page::Sitemap(0));
    } else {
        pages.extend((0..parts).map(Page::Sitemap));
        pages.push(Page::SitemapIndex);
    }
    pages.sort_by_cached_key(|&page| render_order(site, page));
    let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    let report = |d: Diagnostic| {
        let mut errs = errors.lock().expect("no panics while holding the lock");
        if !errs.contains(&d) {
            errs.push(d);
        }
    };
    let [probe_time, render_time, write_time] = [(); 3].map(|_| Counter::default());
    let no_bodies = Bodies::default();
    // Incremental: fingerprint every page first and keep those the sink wants, so
    // that only their bodies are read ahead.
    let total = pages.len();
    if let Some((cards, global)) = &probe {
        pages = pages
            .into_par_iter()
            .map_init(Vec::new, |buf, page| {
                let started = Instant::now();
                let ctx = Ctx {
                    site,
                    related,
                    store,
                    urls: &urls,
                    terms: &terms,
                    cards,
                    items: &items,
                    bodies: &no_bodies,
                    sitemap: &sitemap,
                    site_feeds: &site_feeds,
                    versions: sink.versions(),
                    probed: Cell::new(None),
                };
                let wanted = match (ctx.render(page, theme, buf), ctx.probed.get()) {
                    (Ok(rel), Some((template, hash))) => sink.wants(&rel, template, hash ^ global),
                    _ => true,
                };
                probe_time.add(started.elapsed());
                wanted.then_some(page)
            })
            .flatten()
            .collect();
    }
    let by_kind = KINDS.map(|_| (AtomicUsize::new(0), Counter::default()));
    let render_window = |window: &[Page], bodies: &Bodies| -> u64 {
        window
            .par_iter()
            .map_init(Vec::new, |buf, &page| {
                let started = Instant::now();
                buf.clear();
                let ctx = Ctx {
                    site,
                    related,
                    store,
                    urls: &urls,
                    terms: &terms,
                    cards: &cards,
                    items: &items,
                    bodies,
                    sitemap: &sitemap,
                    site_feeds: &site_feeds,
                    versions: None,
                    probed: Cell::new(None),
                };
                let rendered_page = ctx.render(page, theme, buf);
                let done = Instant::now();
                render_time.add(done - started);
                let (count, time) = &by_kind[page.kind()];
                count.fetch_add(1, Ordering::Relaxed);
                time.add(done - started);
                let result = rendered_page.and_then(|rel| {
                    let len = buf.len() as u64;
                    sink.put(&rel, buf)
                        .map(|_| len)
                        .map_err(|e| Diagnostic::error(rel, 0, 0, e))
                });
                write_time.add(done.elapsed());
                result.unwrap_or_else(|d| {
                    report(d);
                    0
                })
            })
            .sum()
    };
    let bytes: u64 = match bodies::ReadAhead::new(site, store, &pages) {
        None => render_window(&pages, &no_bodies),
        // One window's bodies are read while the window before it renders.
        Some(reader) => std::thread::scope(|s| {
            let (send, receive) = std::sync::mpsc::sync_channel(1);
            let windows = pages.chunks(bodies::WINDOW);
            s.spawn({
                let (reader, windows) = (&reader, windows.clone());
                move || {
                    for window in windows {
                        if send.send(reader.read(site, window)).is_err() {
                            break;
                        }
                    }
                }
            });
            windows
                .map(|window| {
                    let bodies = receive.recv().expect("the reader sends every window");
                    render_window(window, &bodies)
                })
                .sum()
        }),
    };
    crate::free_in_background((cards, items, probe));
    if let Err(d) = redirects::emit(site, &urls, sink) {
        report(d);
    }
    let mut errors = errors
        .into_inner()
        .expect("no panics while holding the lock");
    if errors.is_empty() {
        Ok(RenderStats {
            pages: total,
            // The pages the sink did not want were dropped above.
            rendered: pages.len(),
            bytes,
            probe: probe_time.total(),
            render: render_time.total(),
            write: write_time.total(),
            by_kind: KINDS
                .iter()
                .zip(&by_kind)
                .map(|(kind, (pages, time))| KindTime {
                    kind,
                    pages: pages.load(Ordering::Relaxed),
                    time: time.total(),
                })
                .collect(),
            partials: theme.partial_stats(),
        })
    } else {
        crate::diagnostics::sort(&mut errors);
        Err(errors)
    }
}
