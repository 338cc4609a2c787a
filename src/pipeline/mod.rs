//! The build from start to end: config → discover → parse → index → related →
//! render → write. `check` is the same without the write.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use crate::cache;
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::discover;
use crate::index::{self, Selection, Site};
use crate::model::{Article, ArticleId, StandalonePage, Withdrawn};
use crate::render::{self, Theme};
use crate::timing::Clock;
use crate::write;

mod bodies;
mod outcome;
mod output;
pub mod sources;

use output::{output_failure, put_other_files, remember, stage, static_origin};

pub use bodies::BodyStore;
pub use outcome::{Failure, Report};
pub use sources::Sources;

/// Inside the output folder but linked from no page: when the published set next
/// changes by itself (RFC 3339), for schedulers. Absent when nothing is scheduled.
pub const NEXT_CHANGE_FILE: &str = ".broadsheet/next-change";

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    /// The build time; defaults to the clock.
    pub now: Option<DateTime<FixedOffset>>,
    /// Replace an output folder broadsheet did not create.
    pub force: bool,
    /// `check` only: also report internal links and assets that resolve to nothing.
    pub check_links: bool,
    /// `check` only: also report every remembered URL that no longer answers.
    pub check_redirects: bool,
    /// Rendered article bodies are kept in memory between parse and render up to this
    /// many bytes in all; the others are rendered again from their files when their
    /// page needs them, so a large archive's bodies are never all held at once.
    pub body_memory: u64,
    /// Build the search index (`build --no-search` turns it off; so does
    /// `[search] enabled = false`).
    pub search: bool,
}

/// [`Options::body_memory`] by default: every body of a site of some tens of
/// thousands of articles stays in memory, a larger archive's mostly do not.
pub const BODY_MEMORY: u64 = 256 << 20;

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            now: None,
            force: false,
            check_links: false,
            check_redirects: false,
            body_memory: BODY_MEMORY,
            search: true,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The build time: `--now`, else `SOURCE_DATE_EPOCH` (reproducible builds), else the clock.
pub fn build_time(now: Option<DateTime<FixedOffset>>) -> Result<DateTime<FixedOffset>, Diagnostic> {
    if let Some(now) = now {
        return Ok(now);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .map(|t| t.fixed_offset())
            .ok_or_else(|| {
                Diagnostic::error(
                    "SOURCE_DATE_EPOCH",
                    0,
                    0,
                    format!("`{v}` is not a count of seconds since 1970"),
                )
            }),
        _ => Ok(Utc::now().fixed_offset()),
    }
}

/// The configuration from `site.toml`, with `base_url` replaced when given
/// (`--base-url`, or the preview's own address).
pub fn configure(root: &Path, base_url: Option<&str>) -> Result<Config, Diagnostic> {
    let mut config = discover::load_config(root)?;
    if let Some(url) = base_url {
        config.base_url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
    }
    Ok(config)
}

/// The index stage: the published articles into a [`Site`], with the standalone
/// pages and what answers at every old URL (aliases, the memory of published URLs,
/// tombstones of `withdrawn` stories).
pub fn index(
    config: Config,
    articles: Vec<Article>,
    pages: Vec<StandalonePage>,
    withdrawn: &[Withdrawn],
    selection: Selection,
    root: &Path,
) -> Result<Site, Vec<Diagnostic>> {
    let mut site = index::build_site(config, articles, selection)?;
    site.pages = pages;
    let memory = discover::read_published_urls(root)?;
    let listed = discover::read_redirect_list(root)?;
    site.answers = crate::urls::answers(&site, withdrawn, &memory, &listed)?;
    site.answers.remembered = memory;
    Ok(site)
}

/// The render stage: every page of `site` into `sink`, bodies not kept in memory
/// read through the [`BodyStore`]. `build`, `check` and `serve` render through here.
pub fn render(
    site: &Site,
    related: &[Vec<ArticleId>],
    theme: &mut Theme,
    sink: &dyn render::Sink,
) -> Result<render::RenderStats, Vec<Diagnostic>> {
    let store = BodyStore::new(&site.config);
    render::render_site(site, related, &store, theme, sink)
}

/// What [`load`] returns: the site and its related lists, the compiled theme and
/// its files, the warnings so far and the clock.
pub struct Loaded {
    pub site: Site,
    /// Each article's related stories, best first (by [`ArticleId`]).
    pub related: Vec<Vec<ArticleId>>,
    pub theme: Theme,
    pub theme_files: discover::ThemeFiles,
    pub warnings: Vec<Diagnostic>,
    pub clock: Clock,
}

/// Reads, parses and indexes the site, ranks related news and compiles its theme,
/// taking what did not change from the caches the last build left in the output.
pub fn load(opts: &Options) -> Result<Loaded, Failure> {
    let mut clock = Clock::new();
    let mut config = configure(&opts.root, opts.base_url.as_deref())?;
    // `--no-search` as if configured: parsing then collects no search words, and the
    // parse cache (keyed by the configuration) holds words only for builds that index.
    config.search.enabled &= opts.search;
    let theme_files = discover::load_theme(&opts.root, &config.theme)?;
    let output = opts.output_dir();
    // Files unchanged since the last build into this output are not parsed again.
    let cache = cache::parsed::read(&output, &config, &opts.root);
    let sources = Sources::scan(&opts.root, &config, cache, opts.body_memory, &mut clock);
    let mut diags = theme_files.warnings.clone();
    diags.extend(config.robots_out_of_reach(opts.base_url.is_some()));
    let withdrawn = sources.withdrawn();
    let (articles, pages) = sources.into_parts(&mut diags);
    clock.lap("read+parse");
    let theme = Theme::compile(
        &theme_files.templates,
        &theme_files.translations,
        config.timezone,
        &config.base_path(),
        &theme_files.fingerprints,
    );
    let theme = match theme {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return Err(diags.into());
        }
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags.into());
    }
    let now = build_time(opts.now)?;
    let selection = Selection {
        drafts: opts.drafts,
        future: opts.future,
        now,
    };
    let mut site = match index(config, articles, pages, &withdrawn, selection, &opts.root) {
        Ok(site) => site,
        Err(errors) => {
            diags.extend(errors);
            return Err(diags.into());
        }
    };
    diags.append(&mut site.answers.warnings);
    clock.lap("index");
    // Nothing related news depends on changed since the last build: take its lists.
    let related = match cache::related::read(&output, &site) {
        Some(lists) => {
            clock.related_kept = true;
            lists
        }
        None => crate::related::compute(&site),
    };
    clock.lap("related");
    diagnostics::sort(&mut diags);
    Ok(Loaded {
        site,
        related,
        theme,
        theme_files,
        warnings: diags,
        clock,
    })
}

/// Frees every article's words ([`Article::terms`]): only related news reads them,
/// and it is done, while rendering is about to need the memory.
fn forget_words(site: &mut Site) {
    for a in &mut site.articles {
        a.terms = Default::default();
        a.search = Default::default();
    }
}

/// What every page of a build depends on besides its articles: this binary, the
/// configuration, the build options and the theme. Pages are reused from the last
/// build only under the same key.
fn build_key(site: &Site, opts: &Options, theme: &discover::ThemeFiles) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    env!("BROADSHEET_BUILD_ID").hash(&mut h);
    format!("{:?}", site.config).hash(&mut h);
    (opts.drafts, opts.future).hash(&mut h);
    for t in &theme.templates {
        (&t.name, &t.text, t.from_theme).hash(&mut h);
    }
    theme.fingerprints.hash(&mut h);
    h.finish()
}

/// The search index and the photos' derivatives, made side by side: neither reads
/// what the other makes, and a rebuild's thousands of `stat`s of photos fill the
/// core the index leaves idle. The search page is planned when the theme has a
/// `search.html` to show it.
fn search_and_photos(
    opts: &Options,
    site: &mut Site,
    theme: &Theme,
    staging: &write::Staging,
    warnings: &[Diagnostic],
    clock: &mut Clock,
) -> (
    Option<crate::search::Index>,
    Result<crate::images::Counts, Failure>,
) {
    let (search, pictures) = rayon::join(
        || timed(|| search_index(site)),
        || timed(|| crate::images::process(&opts.root, site, staging)),
    );
    clock.lap("search+images");
    clock.work("search", search.1);
    clock.work("images", pictures.1);
    if let Some(index) = &search.0 {
        site.search = theme.has("search.html").then(|| index.links.clone());
    }
    (search.0, take_pictures(site, pictures.0, warnings))
}

/// The search index, unless `build --no-search` or `[search] enabled = false`; the
/// search page is planned when the theme has a `search.html` to show it (the index
/// is written either way).
fn search_index(site: &Site) -> Option<crate::search::Index> {
    site.config
        .search
        .enabled
        .then(|| crate::search::build(site))
}

/// `f`'s result and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let started = std::time::Instant::now();
    let out = f();
    (out, started.elapsed())
}

/// The site's photos processed into `sink` ([`take_pictures`]).
fn pictures(
    opts: &Options,
    site: &mut Site,
    sink: &dyn render::Sink,
    warnings: &[Diagnostic],
) -> Result<crate::images::Counts, Failure> {
    let made = crate::images::process(&opts.root, site, sink);
    take_pictures(site, made, warnings)
}

/// Gives the site the pictures the images stage made; on failure, its diagnostics
/// with the build's warnings.
fn take_pictures(
    site: &mut Site,
    made: Result<(crate::images::Pictures, crate::images::Counts), Vec<Diagnostic>>,
    warnings: &[Diagnostic],
) -> Result<crate::images::Counts, Failure> {
    let (pictures, counts) = made.map_err(|mut e| {
        e.extend(warnings.iter().cloned());
        Failure::from(e)
    })?;
    site.pictures = pictures;
    Ok(counts)
}

/// Builds the site into the output folder, replacing it only when everything succeeded.
pub fn build(opts: &Options) -> Result<Report, Failure> {
    let Loaded {
        mut site,
        related,
        mut theme,
        theme_files,
        warnings,
        mut clock,
    } = load(opts)?;
    let output = opts.output_dir();
    let output_error = |e, warnings| output_failure(&output, e, warnings);
    let mut staging = match stage(opts, &output) {
        Ok(s) => s,
        Err(e) => return Err(output_error(e, warnings)),
    };
    // The caches for the next build; then the search index and the photos'
    // derivatives side by side (neither reads what the other makes: a rebuild's
    // thousands of `stat`s of photos fill the core the index leaves idle).
    let staged = cache::put(&site, &related, &warnings, &staging).map_err(Failure::from);
    clock.lap("caches");
    let (search, staged) = match staged {
        Ok(()) => search_and_photos(opts, &mut site, &theme, &staging, &warnings, &mut clock),
        Err(e) => (None, Err(e)),
    };
    forget_words(&mut site);
    let photos = match staged {
        Ok(counts) => counts,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    // After the photos: their derivatives' names are part of each article's version.
    staging.incremental(
        build_key(&site, opts, &theme_files),
        render::article_versions(&site),
    );
    let rendered = render(&site, &related, &mut theme, &staging);
    let stats = match rendered {
        Ok(stats) => stats,
        Err(mut errors) => {
            staging.abandon();
            errors.extend(warnings);
            return Err(errors.into());
        }
    };
    if let Err(d) = put_other_files(&site, search.as_ref(), &staging) {
        staging.abandon();
        return Err(d.into());
    }
    crate::free_in_background(theme);
    clock.lap("render+write");
    clock.work("probe", stats.probe);
    clock.work("render", stats.render);
    clock.work("write", stats.write);
    let static_memo = write::load_static_memo(&opts.root);
    let (statics, new_static_memo) = match staging.copy_statics(&theme_files.statics, &static_memo)
    {
        Ok(done) => done,
        Err((i, e)) => {
            staging.abandon();
            let mut diags = vec![Diagnostic::error(
                static_origin(opts, &theme_files.statics[i]),
                0,
                0,
                e,
            )];
            diags.extend(warnings);
            return Err(diags.into());
        }
    };
    let written = match staging.commit() {
        Ok(w) => w,
        Err(e) => return Err(output_error(e, warnings)),
    };
    write::save_static_memo(&opts.root, &static_memo, &new_static_memo);
    remember(opts, &site, &output, clock.start.elapsed())?;
    clock.lap("copy+swap");
    Ok(Report {
        pages: stats.pages,
        rendered: stats.rendered,
        render_by_kind: stats.by_kind,
        partials: stats.partials,
        files: written.written + written.unchanged,
        bytes: written.bytes,
        warnings,
        elapsed: clock.start.elapsed(),
        timings: clock.timings,
        work: clock.work,
        from_cache: clock.from_cache,
        related_kept: clock.related_kept,
        links: None,
        photos,
        statics,
        site,
        related,
        written,
    })
}

/// Broken links reported where they were written: a link on an article's page that
/// is in the article's Markdown at the file and line of the link; any other (from a
/// template, or a file that cannot be read now) at the page and line.
fn broken_where_written(
    site: &Site,
    root: &Path,
    broken: &[crate::links::Broken],
) -> Vec<Diagnostic> {
    let by_page: std::collections::HashMap<String, &Article> = site
        .articles
        .iter()
        .map(|a| (format!("{}index.html", a.path), a))
        .collect();
    let mut texts: std::collections::HashMap<&str, Option<String>> = Default::default();
    let mut diags: Vec<Diagnostic> = broken
        .iter()
        .map(|b| {
            let Some(a) = by_page.get(&b.page) else {
                return b.on_page();
            };
            let text = texts.entry(a.source.as_str()).or_insert_with(|| {
                discover::read_one(root, &root.join(&a.source), site.config.max_article_bytes)
                    .ok()
                    .map(|f| f.text)
            });
            text.as_deref()
                .and_then(|t| b.in_source(&a.source, t))
                .unwrap_or_else(|| b.on_page())
        })
        .collect();
    diags.dedup();
    diags
}

/// Parses, indexes and renders everything without writing a file. With
/// `check_links`, the pages are kept in memory and every internal link checked.
pub fn check(opts: &Options) -> Result<Report, Failure> {
    let mut loaded = load(opts)?;
    forget_words(&mut loaded.site);
    let (mut site, related, warnings) = (loaded.site, loaded.related, loaded.warnings);
    let (mut theme, mut clock) = (loaded.theme, loaded.clock);
    // The photos are checked (and their derivatives cached) as a build would make them.
    let photos = pictures(opts, &mut site, &write::Discard, &warnings)?;
    clock.lap("images");
    let statics = loaded.theme_files.statics;
    let memory = write::Memory::default();
    let sink: &dyn render::Sink = if opts.check_links || opts.check_redirects {
        &memory
    } else {
        &write::Discard
    };
    let stats = render(&site, &related, &mut theme, sink).map_err(|mut e| {
        e.extend(warnings.clone());
        Failure::from(e)
    })?;
    clock.lap("render");
    clock.work("render", stats.render);
    let mut links = None;
    let pages = memory.into_files();
    if opts.check_redirects {
        let unanswered =
            crate::urls::unanswered(&site.answers.remembered, &site.answers.redirects, &pages);
        if !unanswered.is_empty() {
            let mut diags = unanswered;
            diags.extend(warnings);
            return Err(diags.into());
        }
    }
    if opts.check_links {
        let mut files: std::collections::BTreeSet<String> = pages.keys().cloned().collect();
        files.extend(statics.iter().map(|s| s.rel.clone()));
        for p in site.pictures.iter().flat_map(crate::images::Photos::all) {
            files.extend(p.files().map(|v| p.path(v)));
        }
        files.extend(site.pictures.iter().flat_map(|p| p.copied.iter().cloned()));
        let base_path = site.config.base_path();
        let base = crate::links::Base {
            url: &site.config.base_url,
            path: &base_path,
        };
        let (broken, link_stats) = crate::links::broken_links(&pages, &files, &base);
        links = Some(link_stats);
        clock.lap("links");
        if !broken.is_empty() {
            let mut diags = broken_where_written(&site, &opts.root, &broken);
            diags.extend(warnings);
            let mut failure = Failure::from(diags);
            failure.links = links;
            return Err(failure);
        }
    }
    Ok(Report {
        pages: stats.pages,
        rendered: stats.rendered,
        render_by_kind: stats.by_kind,
        partials: stats.partials,
        files: 0,
        bytes: 0,
        links,
        warnings,
        elapsed: clock.start.elapsed(),
        timings: clock.timings,
        work: clock.work,
        from_cache: clock.from_cache,
        related_kept: clock.related_kept,
        photos,
        statics: write::StaticCounts::default(),
        site,
        related,
        written: write::WriteStats::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Body;

    /// Two stories on one topic, with full-text feeds, in a fresh folder.
    fn full_text_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[feeds]\nfull_text = true\n",
        )
        .unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        for (name, day, body) in [("a", 22, "Rain *fell* in Swat."), ("b", 23, "Rivers rose.")] {
            let text = format!(
                "---\ntitle: Story {name}\ndate: 2017-09-{day}\ntopics: [Floods]\n---\nSWAT, SEPT {day} (APP) \u{2013} {body}\n"
            );
            std::fs::write(root.join(format!("content/{name}.md")), text).unwrap();
        }
        dir
    }

    fn options(root: &std::path::Path) -> Options {
        Options {
            now: DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").ok(),
            body_memory: 0,
            ..Options::new(root)
        }
    }

    #[test]
    fn bodies_are_not_kept_but_pages_and_full_text_feeds_carry_them() {
        let dir = full_text_site();
        let Loaded {
            site,
            related,
            mut theme,
            ..
        } = load(&options(dir.path())).expect("loads");
        assert!(
            site.articles
                .iter()
                .all(|a| matches!(a.body, Body::FromSource(_)))
        );
        let pages = write::Memory::default();
        render(&site, &related, &mut theme, &pages).expect("renders");
        let files = pages.into_files();
        let text = |rel: &str| String::from_utf8(files[rel].clone()).unwrap();
        assert!(
            text("2017/09/22/story-a/index.html").contains("<p>Rain <em>fell</em> in Swat.</p>")
        );
        for feed in ["feed.xml", "atom.xml", "topics/floods/feed.xml"] {
            let feed_text = text(feed);
            assert!(
                feed_text.contains("&lt;p&gt;Rain &lt;em&gt;fell&lt;/em&gt; in Swat.&lt;/p&gt;"),
                "{feed}: {feed_text}"
            );
            assert!(
                feed_text.contains("&lt;p&gt;Rivers rose.&lt;/p&gt;"),
                "{feed}"
            );
        }
    }

    #[test]
    fn bodies_read_ahead_in_windows_give_the_pages_bodies_in_memory_give() {
        // Enough articles for many windows (unit tests use windows of 16 pages),
        // some bodies long enough to take the memory budget below.
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://x.org/\"\npaginate = 5\n",
        )
        .unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        for n in 0..60 {
            let words = "Floodwater rose in the lower valley. ".repeat(1 + n % 7 * 20);
            let text = format!(
                "---\ntitle: Story {n}\ndate: 2017-09-{:02}T{:02}:00:00Z\ntopics: [Floods]\ntags: [Tag {}]\n---\nSWAT, SEPT 1 (APP) \u{2013} Story {n} *begins*. {words}\n",
                1 + n % 28,
                n % 24,
                n % 9
            );
            std::fs::write(root.join(format!("content/s{n}.md")), text).unwrap();
        }
        let build = |body_memory: u64| {
            let opts = Options {
                body_memory,
                ..options(root)
            };
            let Loaded {
                site,
                related,
                mut theme,
                ..
            } = load(&opts).expect("loads");
            let from_source = site
                .articles
                .iter()
                .filter(|a| matches!(a.body, Body::FromSource(_)))
                .count();
            let pages = write::Memory::default();
            render(&site, &related, &mut theme, &pages).expect("renders");
            (from_source, pages.into_files())
        };
        let (none_kept, read_ahead) = build(0);
        let (some_kept, part_read_ahead) = build(20_000);
        let (all_kept, in_memory) = build(u64::MAX);
        assert_eq!((none_kept, all_kept), (60, 0));
        assert!(0 < some_kept && some_kept < 60, "{some_kept}");
        assert!(in_memory.len() > 100, "{}", in_memory.len());
        assert_eq!(read_ahead, in_memory);
        assert_eq!(part_read_ahead, in_memory);
        let page = String::from_utf8(in_memory["2017/09/02/story-1/index.html"].clone()).unwrap();
        assert!(page.contains("Story 1 <em>begins</em>."), "{page}");
    }

    #[test]
    fn words_are_kept_for_related_news_only() {
        let dir = full_text_site();
        let Loaded { site, related, .. } = load(&options(dir.path())).expect("loads");
        assert!(site.articles.iter().all(|a| !a.terms.ids.is_empty()));
        let report = check(&options(dir.path())).expect("checks");
        assert!(report.site.articles.iter().all(|a| a.terms.ids.is_empty()));
        assert_eq!(report.related, related);
    }

    #[test]
    fn a_file_edited_or_removed_between_parse_and_render_fails_with_its_name() {
        let dir = full_text_site();
        let Loaded {
            site,
            related,
            mut theme,
            ..
        } = load(&options(dir.path())).expect("loads");
        let a = dir.path().join("content/a.md");
        let edited = std::fs::read_to_string(&a).unwrap().replace("Rain", "Snow");
        std::fs::write(&a, edited).unwrap();
        std::fs::remove_file(dir.path().join("content/b.md")).unwrap();
        let errors = render(&site, &related, &mut theme, &write::Discard).unwrap_err();
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        // Each once, though the article page and every feed listing it failed.
        assert_eq!(
            errors,
            [
                "content/a.md: error: changed while the site was being built; build again",
                "content/b.md: error: removed while the site was being built; build again",
            ]
        );
    }
}
