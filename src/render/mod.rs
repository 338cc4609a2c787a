//! Renders the [`Site`] through the theme into output files.
//! Input: the site and compiled theme. Output: `(path, bytes)` pairs handed to a
//! [`Sink`]; this module writes nothing itself, and reads only the article files
//! whose bodies were not kept in memory ([`discover::article_body`]).

mod bodies;
pub mod feeds;
mod partial;
pub mod redirects;
pub use partial::PartialStats;
pub mod single;
pub mod theme;
pub mod views;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostics::Diagnostic;
use crate::discover;
use crate::index::{Site, TaxonomyKind};
use crate::model::ArticleId;
use crate::timing::Counter;
use bodies::Bodies;
pub use theme::Theme;
use views::{TermValues, Urls, page_path, paginator, term_path};

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

    /// With [`Sink::versions`]: true when no page can be reused (a cold build), so
    /// [`Sink::wants`] will want every page. Pages are then fingerprinted as they
    /// render, not in a pass of their own first.
    fn renders_everything(&self) -> bool {
        false
    }
}

/// One number per article that changes whenever anything its views show does: its
/// text and path decide everything but whether it is still scheduled at build time.
pub fn article_versions(site: &Site) -> Vec<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    site.articles
        .iter()
        .map(|a| {
            let mut h = DefaultHasher::new();
            (a.source_hash, &a.source, &a.path).hash(&mut h);
            (a.visible_from() > site.now).hash(&mut h);
            h.finish()
        })
        .collect()
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Page {
    Home,
    NotFound,
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
    fn is_html(self) -> bool {
        !matches!(
            self,
            Page::NotFound
                | Page::Feed(..)
                | Page::Sitemap(_)
                | Page::SitemapIndex
                | Page::NewsSitemap
                | Page::Robots
        )
    }
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

/// Page kinds as `--timings` reports them.
const KINDS: [&str; 6] = ["article", "term", "archive", "feed", "home", "other"];

impl Page {
    /// Index into [`KINDS`].
    fn kind(self) -> usize {
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

#[derive(Serialize)]
struct SiteView<'a> {
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
    menu: Vec<redirects::MenuLink>,
}

#[derive(Serialize)]
struct ArchiveLink {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TaxonomyLink {
    key: &'static str,
    name: &'static str,
    url: String,
}

#[derive(Serialize)]
struct PageMeta {
    /// `home`, `article`, `terms`, `term`, `archive` or `404`.
    kind: &'static str,
    title: String,
    /// For `<meta name="description">`: the article summary, else the site description.
    description: String,
    url: String,
    permalink: String,
    /// Feeds for `<link rel="alternate">`: the list's own, then the site's.
    feeds: Value,
}

/// Sets what every template of `site` sees: the `site` global (returned) and the
/// language dates are written in; sizes the partial cache for the site.
fn set_up_theme(theme: &mut Theme, site: &Site, urls: &Urls) -> Value {
    let global = Value::from_serializable(&site_view(site, urls));
    theme.set_global("site", global.clone());
    theme.set_language(&site.config.language);
    theme.fit_partials(site.articles.len());
    global
}

/// Renders every page of the site into `sink`. All template errors are collected,
/// each reported once.
pub fn render_site(
    site: &Site,
    theme: &mut Theme,
    sink: &dyn Sink,
) -> Result<RenderStats, Vec<Diagnostic>> {
    let urls = Urls::new(site);
    let global = set_up_theme(theme, site, &urls);
    // Incremental: articles stand for their versions; the `site` global is hashed once.
    // A cold build wants every page: each is fingerprinted while it renders
    // (`fused`), with the articles' values standing for their versions there too.
    let global_hash = sink.versions().map(|_| fingerprint_value(&global));
    let fused = sink.versions().filter(|_| sink.renders_everything());
    let probe: Option<(Vec<OnceLock<Value>>, u64)> = sink
        .versions()
        .filter(|_| fused.is_none())
        .zip(global_hash)
        .map(|(versions, global)| {
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
            .map(|a| {
                let card = views::card(&urls, &terms, a, site.now);
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
                    urls: &urls,
                    terms: &terms,
                    cards,
                    items: &items,
                    bodies: &no_bodies,
                    sitemap: &sitemap,
                    site_feeds: &site_feeds,
                    versions: sink.versions(),
                    fingerprint_with: None,
                    handed: RefCell::default(),
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
                    urls: &urls,
                    terms: &terms,
                    cards: &cards,
                    items: &items,
                    bodies,
                    sitemap: &sitemap,
                    site_feeds: &site_feeds,
                    versions: None,
                    fingerprint_with: fused,
                    handed: RefCell::default(),
                    probed: Cell::new(None),
                };
                let rendered_page = ctx.render(page, theme, buf);
                // Fingerprinted while rendering (only cold builds set `probed` here):
                // the sink records the fingerprint and, being cold, wants the page.
                let rendered_page =
                    rendered_page.map(|rel| match (ctx.probed.get(), global_hash) {
                        (Some((template, hash)), Some(global)) => {
                            sink.wants(&rel, template, hash ^ global).then_some(rel)
                        }
                        _ => Some(rel),
                    });
                let done = Instant::now();
                render_time.add(done - started);
                let (count, time) = &by_kind[page.kind()];
                count.fetch_add(1, Ordering::Relaxed);
                time.add(done - started);
                let result = rendered_page.and_then(|rel| match rel {
                    Some(rel) => {
                        let len = buf.len() as u64;
                        sink.put(&rel, buf)
                            .map(|_| len)
                            .map_err(|e| Diagnostic::error(rel, 0, 0, e))
                    }
                    None => Ok(0),
                });
                write_time.add(done.elapsed());
                result.unwrap_or_else(|d| {
                    report(d);
                    0
                })
            })
            .sum()
    };
    let bytes: u64 = match bodies::ReadAhead::new(site, &pages) {
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

/// The site's RSS and Atom feed links, as every page's `page.feeds` ends.
fn site_feeds(site: &Site, urls: &Urls) -> Value {
    Value::from_serializable(&feeds::links(urls, "", &site.config.title))
}

fn site_view<'a>(site: &'a Site, urls: &'a Urls) -> SiteView<'a> {
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
        menu: redirects::menu(site, urls),
    }
}

/// Number of pages a list of `n` items needs (at least one, so empty lists still render).
fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page).max(1)
}

/// Every page of the site, in a stable order.
fn plan(site: &Site) -> Vec<Page> {
    let per = site.config.paginate;
    let mut pages = vec![Page::Home, Page::NotFound];
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
fn render_order(site: &Site, page: Page) -> ArticleId {
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
fn page_target(site: &Site, page: Page) -> (String, &[ArticleId]) {
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
struct SitemapPages {
    pages: Vec<Page>,
    /// The newest change of any article: when the home and term index pages changed.
    newest: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl SitemapPages {
    fn new(site: &Site, pages: &[Page]) -> Self {
        SitemapPages {
            pages: pages.iter().copied().filter(|p| p.is_html()).collect(),
            newest: site.articles.iter().map(|a| a.modified()).max(),
        }
    }

    /// How many sitemap files there are (at least one).
    fn parts(&self) -> usize {
        self.pages.len().div_ceil(feeds::SITEMAP_LIMIT).max(1)
    }

    /// The entries of sitemap file `part` (0-based).
    fn entries(&self, site: &Site, urls: &Urls, part: usize) -> Vec<feeds::SitemapEntry> {
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

struct Ctx<'a> {
    site: &'a Site,
    urls: &'a Urls<'a>,
    terms: &'a TermValues<'a>,
    cards: &'a [OnceLock<Value>],
    items: &'a [OnceLock<Value>],
    /// Bodies read ahead for the pages being rendered.
    bodies: &'a Bodies,
    sitemap: &'a SitemapPages,
    /// The site's own feed links ([`site_feeds`]), listed on every page.
    site_feeds: &'a Value,
    /// When set, pages are fingerprinted instead of rendered (see [`Sink::versions`]).
    versions: Option<&'a [u64]>,
    /// When set (cold builds), pages are rendered and also fingerprinted as the probe
    /// would: every card, feed entry and article value handed to the page is
    /// remembered with its article's version, and hashed as that version.
    fingerprint_with: Option<&'a [u64]>,
    /// Those values (kept alive, so no other value can take their address while the
    /// page is fingerprinted) and their versions.
    handed: RefCell<Vec<(Value, u64)>>,
    /// The template and fingerprint of the page just probed.
    probed: Cell<Option<(&'static str, u64)>>,
}

/// A page's template variables, with their names in the order they were set, so a
/// page can be fingerprinted by hashing the values themselves.
#[derive(Default)]
struct Vars {
    ctx: Context,
    names: Vec<&'static str>,
}

impl Vars {
    fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.insert_value(name, Value::from_serializable(value));
    }

    fn insert_value(&mut self, name: &'static str, value: Value) {
        if !self.ctx.contains_key(name) {
            self.names.push(name);
        }
        self.ctx.insert_value(name, value);
    }

    fn contains_key(&self, name: &str) -> bool {
        self.ctx.contains_key(name)
    }

    /// A stable hash of `template` and every variable (kept in the output's manifest
    /// between builds, so xxh3 over the values' contents: the same on every platform).
    fn fingerprint(&self, template: &str) -> u64 {
        self.fingerprint_with(template, &|_| None)
    }

    /// [`Vars::fingerprint`] with some maps hashed as the value `stand_in` gives
    /// for them.
    fn fingerprint_with(&self, template: &str, stand_in: &dyn Fn(&Value) -> Option<Value>) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        partial::hash_str(&mut h, template);
        for &name in &self.names {
            partial::hash_str(&mut h, name);
            if let Some(value) = self.ctx.get(name) {
                partial::hash_value_with(&mut h, value, stand_in);
            }
        }
        h.digest()
    }
}

/// Where a map value's contents live: the same for every clone of the value.
fn map_address(value: &Value) -> Option<usize> {
    value.as_map().map(|m| std::ptr::from_ref(m) as usize)
}

/// A stable hash of one value (the `site` global), as [`Vars::fingerprint`] hashes.
fn fingerprint_value(value: &Value) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    partial::hash_value(&mut h, value);
    h.digest()
}

#[derive(Serialize)]
struct ListMeta<'a> {
    /// `topic`, `tag`, `agency`, `author`, `year`, `month` or `day`.
    kind: &'static str,
    name: &'a str,
    url: String,
    /// Feed-less for now; the whole list's size.
    count: usize,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Ctx<'_> {
    /// Renders `template`, or when probing only records its name and fingerprint.
    fn emit(
        &self,
        theme: &Theme,
        template: &'static str,
        vars: &Vars,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        if self.versions.is_some() {
            self.probed
                .set(Some((template, vars.fingerprint(template))));
            return Ok(());
        }
        if self.fingerprint_with.is_some() {
            let handed = self.handed.borrow();
            let mut stand_ins: Vec<(usize, u64)> = handed
                .iter()
                .filter_map(|(value, v)| Some((map_address(value)?, *v)))
                .collect();
            stand_ins.sort_unstable();
            let stand_in = |value: &Value| {
                let address = map_address(value)?;
                let i = stand_ins.binary_search_by_key(&address, |&(a, _)| a).ok()?;
                Some(Value::from(stand_ins[i].1))
            };
            self.probed
                .set(Some((template, vars.fingerprint_with(template, &stand_in))));
        }
        theme.render(template, &vars.ctx, out)
    }

    /// An article's feed entry, or its version when probing (feeds change exactly
    /// when one of their articles does). Entries are made once per article, on first
    /// use; full-text entries are not kept (most articles are in some feed, and
    /// keeping their bodies would hold the corpus's HTML): the body is read again for
    /// each feed that lists the article.
    fn item(&self, id: ArticleId) -> Result<Value, Diagnostic> {
        if let Some(v) = self.versions {
            return Ok(Value::from(v[id as usize]));
        }
        let a = self.site.article(id);
        let item = if self.site.config.feeds.full_text {
            let body = discover::article_body(a, &self.site.config)?;
            let permalink = self.urls.permalink(&a.path);
            let body = match url::Url::parse(&permalink) {
                Ok(page) => feeds::absolute_links(&body, &page).into_owned(),
                Err(_) => body.into_owned(),
            };
            Value::from_serializable(&feeds::item(self.card(id), a, Some(&body)))
        } else {
            self.items[id as usize]
                .get_or_init(|| Value::from_serializable(&feeds::item(self.card(id), a, None)))
                .clone()
        };
        Ok(self.hand(id, item))
    }

    /// Feed entries of `ids`, as one list value.
    fn items_of(&self, ids: &[ArticleId]) -> Result<Value, Diagnostic> {
        let items = ids.iter().map(|&i| self.item(i));
        Ok(Value::from(items.collect::<Result<Vec<_>, _>>()?))
    }

    /// An article page's main value, or its version when probing: the article's
    /// card (made once, shared with every list showing it) extended with the fields
    /// only its page shows.
    fn full(&self, id: ArticleId) -> Result<Value, Diagnostic> {
        if let Some(v) = self.versions {
            return Ok(Value::from(v[id as usize]));
        }
        let body = match self.bodies.get(id) {
            Some(body) => Cow::Borrowed(body?),
            None => discover::article_body(self.site.article(id), &self.site.config)?,
        };
        let more =
            Value::from_serializable(&views::full(self.urls, self.terms, self.site, id, body));
        let mut map = self.card(id).as_map().cloned().unwrap_or_default();
        if let Some(more) = more.as_map() {
            map.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Ok(self.hand(id, Value::from(map)))
    }

    /// An article's card, made on first use.
    fn card(&self, id: ArticleId) -> &Value {
        let card = self.cards[id as usize].get_or_init(|| {
            let a = self.site.article(id);
            Value::from_serializable(&views::card(self.urls, self.terms, a, self.site.now))
        });
        if self.fingerprint_with.is_some() {
            self.hand(id, card.clone());
        }
        card
    }

    /// Remembers `value` as article `id`'s when pages are fingerprinted as they
    /// render (see [`Ctx::fingerprint_with`]); returns it.
    fn hand(&self, id: ArticleId, value: Value) -> Value {
        if let Some(versions) = self.fingerprint_with {
            self.handed
                .borrow_mut()
                .push((value.clone(), versions[id as usize]));
        }
        value
    }

    fn cards_of(&self, ids: &[ArticleId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.card(i).clone())
                .collect::<Vec<_>>(),
        )
    }

    fn meta(&self, kind: &'static str, title: String, rel: &str) -> Value {
        self.meta_with(kind, title, rel, None, None)
    }

    /// Page metadata; `description` defaults to the site's, and the site feeds are
    /// always linked, after the list's own (`list_feed`: the list's path and title).
    fn meta_with(
        &self,
        kind: &'static str,
        title: String,
        rel: &str,
        description: Option<&str>,
        list_feed: Option<(&str, &str)>,
    ) -> Value {
        // The site's feeds are the same on every page: made once, shared.
        let links = match list_feed {
            Some((feed_rel, feed_title)) => {
                let own = feeds::links(self.urls, feed_rel, feed_title);
                let mut links: Vec<Value> = own.iter().map(Value::from_serializable).collect();
                links.extend(self.site_feeds.as_array().into_iter().flatten().cloned());
                Value::from(links)
            }
            None => self.site_feeds.clone(),
        };
        Value::from_serializable(&PageMeta {
            kind,
            title,
            description: description
                .unwrap_or(&self.site.config.description)
                .to_string(),
            url: self.urls.url(rel),
            permalink: self.urls.permalink(rel),
            feeds: links,
        })
    }

    /// Feeds, sitemaps and robots.txt.
    fn render_meta_file(
        &self,
        page: Page,
        theme: &Theme,
        out: &mut Vec<u8>,
    ) -> Result<String, Diagnostic> {
        let site = self.site;
        let mut ctx = Vars::default();
        let (template, rel) = match page {
            Page::Feed(scope, atom) => {
                let (rel, title, ids): (String, String, &[ArticleId]) = match scope {
                    None => (String::new(), site.config.title.clone(), &[]),
                    Some((kind, i)) => {
                        let term = &site.taxonomy(kind).terms[i as usize];
                        (
                            term_path(kind, &term.slug),
                            format!(
                                "{}: {} — {}",
                                kind.singular_title(),
                                term.name,
                                site.config.title
                            ),
                            &term.articles,
                        )
                    }
                };
                let all: Vec<ArticleId>;
                let ids = if scope.is_none() {
                    all = (0..site.articles.len() as ArticleId).collect();
                    &all[..]
                } else {
                    ids
                };
                let ids = &ids[..ids.len().min(site.config.feeds.limit)];
                ctx.insert("feed", &feeds::meta(site, self.urls, &rel, title, ids));
                ctx.insert_value("items", self.items_of(ids)?);
                if atom {
                    ("feeds/atom.xml", format!("{rel}atom.xml"))
                } else {
                    ("feeds/rss.xml", format!("{rel}feed.xml"))
                }
            }
            Page::Sitemap(part) => {
                ctx.insert("entries", &self.sitemap.entries(site, self.urls, part));
                let rel = if self.sitemap.parts() == 1 {
                    "sitemap.xml".to_string()
                } else {
                    format!("sitemap-{}.xml", part + 1)
                };
                ("sitemap.xml", rel)
            }
            Page::SitemapIndex => {
                let parts: Vec<feeds::SitemapEntry> = (0..self.sitemap.parts())
                    .map(|part| {
                        let entries = self.sitemap.entries(site, self.urls, part);
                        feeds::SitemapEntry {
                            loc: self.urls.permalink(&format!("sitemap-{}.xml", part + 1)),
                            lastmod: entries.into_iter().filter_map(|e| e.lastmod).max(),
                        }
                    })
                    .collect();
                ctx.insert("parts", &parts);
                ("sitemap_index.xml", "sitemap.xml".to_string())
            }
            Page::NewsSitemap => {
                let ids = feeds::news_articles(site);
                ctx.insert_value("items", self.items_of(&ids)?);
                ctx.insert(
                    "publication",
                    &feeds::Publication {
                        name: feeds::publisher_name(site),
                        language: &site.config.language,
                    },
                );
                ("news_sitemap.xml", "news-sitemap.xml".to_string())
            }
            Page::Robots => {
                let news = !feeds::news_articles(site).is_empty();
                ctx.insert(
                    "news_sitemap",
                    &news.then(|| self.urls.permalink("news-sitemap.xml")),
                );
                ("robots.txt", "robots.txt".to_string())
            }
            _ => unreachable!("only feed, sitemap and robots pages come here"),
        };
        self.emit(theme, template, &ctx, out)?;
        Ok(rel)
    }

    /// Renders `page` into `out`; returns the output path.
    fn render(&self, page: Page, theme: &Theme, out: &mut Vec<u8>) -> Result<String, Diagnostic> {
        let site = self.site;
        let per = site.config.paginate;
        let mut ctx = Vars::default();
        let (template, rel) = match page {
            Page::Feed(..)
            | Page::Sitemap(_)
            | Page::SitemapIndex
            | Page::NewsSitemap
            | Page::Robots => {
                return self.render_meta_file(page, theme, out);
            }
            Page::Home => {
                self.home(&mut ctx);
                ctx.insert_value("page", self.meta("home", site.config.title.clone(), ""));
                ("index.html", String::new())
            }
            Page::NotFound => {
                ctx.insert_value(
                    "page",
                    self.meta("404", "Page not found".into(), "404.html"),
                );
                return self
                    .emit(theme, "404.html", &ctx, out)
                    .map(|_| "404.html".to_string());
            }
            Page::Article(id) => {
                let a = site.article(id);
                ctx.insert_value("article", self.full(id)?);
                ctx.insert_value("related", self.cards_of(&site.related[id as usize]));
                ctx.insert_value(
                    "page",
                    self.meta_with("article", a.title.clone(), &a.path, Some(&a.summary), None),
                );
                ("article.html", a.path.clone())
            }
            Page::Standalone(i) => {
                let p = &site.pages[i as usize];
                if !theme.has("page.html") {
                    return Err(Diagnostic::error(
                        &p.source,
                        0,
                        0,
                        "this is a standalone page, but the theme has no `page.html` to show it",
                    )
                    .with_help("add templates/page.html (a site that replaces base.html brings its own page.html too); see docs/themes.md"));
                }
                ctx.insert("standalone", &redirects::page_view(p, self.urls));
                ctx.insert_value(
                    "page",
                    self.meta_with("page", p.title.clone(), &p.path, Some(&p.summary), None),
                );
                ("page.html", p.path.clone())
            }
            Page::TermIndex(kind) => {
                let rel = format!("{}/", kind.key());
                let mut terms: Vec<views::TermCount> = site
                    .taxonomy(kind)
                    .terms
                    .iter()
                    .map(|t| views::TermCount {
                        name: &t.name,
                        slug: &t.slug,
                        url: self.urls.url(&term_path(kind, &t.slug)),
                        count: t.articles.len(),
                    })
                    .collect();
                terms.sort_by(|a, b| {
                    a.name
                        .to_lowercase()
                        .cmp(&b.name.to_lowercase())
                        .then_with(|| a.slug.cmp(b.slug))
                });
                ctx.insert("terms", &terms);
                ctx.insert(
                    "taxonomy",
                    &views::TermLink {
                        name: kind.title(),
                        url: self.urls.url(&rel),
                    },
                );
                ctx.insert("taxonomy_key", kind.key());
                ctx.insert_value("page", self.meta("terms", kind.title().to_string(), &rel));
                ("terms.html", rel)
            }
            Page::Term(kind, i, p) => {
                let term = &site.taxonomy(kind).terms[i as usize];
                let rel = term_path(kind, &term.slug);
                let title = format!("{}: {}", kind.singular_title(), term.name);
                self.list(
                    &mut ctx,
                    kind.singular(),
                    &term.name,
                    &rel,
                    &term.articles,
                    p,
                    per,
                );
                ctx.insert_value(
                    "page",
                    self.meta_with(
                        "term",
                        title.clone(),
                        &page_path(&rel, p),
                        None,
                        Some((&rel, &title)),
                    ),
                );
                ("list.html", page_path(&rel, p))
            }
            Page::Year(y, p) => {
                let rel = format!("{y:04}/");
                let name = y.to_string();
                self.list(&mut ctx, "year", &name, &rel, &site.years[&y], p, per);
                let children: Vec<ArchiveLink> = site
                    .months
                    .range((y, 1)..=(y, 12))
                    .rev()
                    .map(|(&(y, m), ids)| ArchiveLink {
                        name: format!("{} {y}", MONTHS[m as usize - 1]),
                        url: self.urls.url(&format!("{y:04}/{m:02}/")),
                        count: ids.len(),
                    })
                    .collect();
                ctx.insert("children", &children);
                ctx.insert_value("page", self.meta("archive", name, &page_path(&rel, p)));
                ("list.html", page_path(&rel, p))
            }
            Page::Month(y, m, p) => {
                let rel = format!("{y:04}/{m:02}/");
                let name = format!("{} {y}", MONTHS[m as usize - 1]);
                self.list(
                    &mut ctx,
                    "month",
                    &name,
                    &rel,
                    &site.months[&(y, m)],
                    p,
                    per,
                );
                let children: Vec<ArchiveLink> = site
                    .days
                    .range((y, m, 1)..=(y, m, 31))
                    .rev()
                    .map(|(&(y, m, d), ids)| ArchiveLink {
                        name: format!("{d} {} {y}", MONTHS[m as usize - 1]),
                        url: self.urls.url(&format!("{y:04}/{m:02}/{d:02}/")),
                        count: ids.len(),
                    })
                    .collect();
                ctx.insert("children", &children);
                ctx.insert_value("page", self.meta("archive", name, &page_path(&rel, p)));
                ("list.html", page_path(&rel, p))
            }
            Page::Day(y, m, d, p) => {
                let rel = format!("{y:04}/{m:02}/{d:02}/");
                let name = format!("{d} {} {y}", MONTHS[m as usize - 1]);
                self.list(&mut ctx, "day", &name, &rel, &site.days[&(y, m, d)], p, per);
                ctx.insert("children", &Vec::<ArchiveLink>::new());
                ctx.insert_value("page", self.meta("archive", name, &page_path(&rel, p)));
                ("list.html", page_path(&rel, p))
            }
        };
        self.emit(theme, template, &ctx, out)?;
        Ok(format!("{rel}index.html"))
    }

    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        ctx: &mut Vars,
        kind: &'static str,
        name: &str,
        rel: &str,
        ids: &[ArticleId],
        p: usize,
        per: usize,
    ) {
        let total = page_count(ids.len(), per);
        let start = (p - 1) * per;
        let slice = &ids[start.min(ids.len())..(start + per).min(ids.len())];
        ctx.insert_value("articles", self.cards_of(slice));
        ctx.insert(
            "list",
            &ListMeta {
                kind,
                name,
                url: self.urls.url(rel),
                count: ids.len(),
            },
        );
        ctx.insert("paginator", &paginator(self.urls, rel, p, total, ids.len()));
        if !ctx.contains_key("children") {
            ctx.insert("children", &Vec::<ArchiveLink>::new());
        }
    }

    fn home(&self, ctx: &mut Vars) {
        let site = self.site;
        let all: Vec<ArticleId> = (0..site.articles.len() as ArticleId).collect();
        let featured: Vec<ArticleId> = all
            .iter()
            .copied()
            .filter(|&i| site.article(i).featured)
            .take(5)
            .collect();
        let latest: Vec<ArticleId> = all
            .iter()
            .copied()
            .filter(|i| !featured.contains(i))
            .take(site.config.home_latest)
            .collect();
        let mut order: Vec<&crate::index::Term> = site.topics.terms.iter().collect();
        order.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let sections: Vec<Value> = order
            .iter()
            .map(|t| {
                let ids: Vec<ArticleId> = t
                    .articles
                    .iter()
                    .copied()
                    .take(site.config.home_topic_count)
                    .collect();
                let mut m = tera::Map::new();
                m.insert("name".into(), Value::from(t.name.as_str()));
                m.insert(
                    "url".into(),
                    Value::from(self.urls.url(&term_path(TaxonomyKind::Topics, &t.slug))),
                );
                m.insert("count".into(), Value::from(t.articles.len()));
                m.insert("articles".into(), self.cards_of(&ids));
                Value::from(m)
            })
            .collect();
        // Breaking news within `breaking_hours` of the build time, newest first.
        let breaking: Vec<ArticleId> = all
            .iter()
            .copied()
            .filter(|&i| {
                site.article(i)
                    .is_breaking_at(site.now, site.config.breaking_hours)
            })
            .take(3)
            .collect();
        ctx.insert_value("featured", self.cards_of(&featured));
        ctx.insert_value("latest", self.cards_of(&latest));
        ctx.insert_value("sections", Value::from(sections));
        ctx.insert_value("breaking", self.cards_of(&breaking));
    }
}
