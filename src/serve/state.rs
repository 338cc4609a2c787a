//! The preview's state and its incremental rebuild.
//!
//! Input: batches of changed paths. Output: [`Update`]s published to the served
//! [`Output`]. The state keeps every article's parse result (by file, with a hash of
//! its text), the last good site, theme and template sources, and for every page its
//! template and a fingerprint of its inputs. A change re-reads only the files it
//! names, rebuilds the index (cheap), fingerprints every page with each article
//! standing for its version, and renders only the pages whose fingerprint changed or
//! whose template (or anything it extends or includes) changed. Related news is
//! carried over by file and recomputed in the background ([`Preview::settle`]).
//! Nothing here writes to the disk but the images stage's own cache of photo
//! derivatives (`.broadsheet/images/`, shared with `build`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use axum::body::Bytes;
use chrono::{DateTime, FixedOffset, Utc};

use super::output::{Output, Update};
use super::pages::{PREVIEW_KEY, PreviewSink, Records};
use super::related::Carry;
use super::reload;
use super::templates::{Reach, Templates};
use super::watch::{self, Kind};
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::discover;
use crate::index::{Selection, Site};
use crate::model::{Article, ArticleId};
use crate::pipeline::{self, Sources};
use crate::render::PageRecord;
use crate::render::Theme;
use crate::timing::Clock;

/// What the preview builds.
#[derive(Debug, Clone)]
pub struct Settings {
    pub root: PathBuf,
    /// Replaces `base_url` from site.toml: the preview's own address.
    pub base_url: String,
    pub drafts: bool,
    pub future: bool,
    /// Fixed build time; the clock at each rebuild when `None`.
    pub now: Option<DateTime<FixedOffset>>,
    /// Warnings and progress lines are not printed when quiet; timings are when verbose.
    pub verbosity: crate::diagnostics::Verbosity,
}

/// What a batch of changed paths asks for.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Changes {
    pub config: bool,
    /// Article files, relative to the root.
    pub articles: BTreeSet<String>,
    /// Read all of `content/` again.
    pub rescan: bool,
    pub templates: bool,
    pub statics: bool,
    /// Watched folders that appeared (they need a watch of their own).
    pub folders: Vec<&'static str>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.config
            && self.articles.is_empty()
            && !self.rescan
            && !self.templates
            && !self.statics
            && self.folders.is_empty()
    }

    /// Everything, as after the watcher lost track.
    pub fn everything() -> Changes {
        Changes {
            config: true,
            ..Changes::default()
        }
    }
}

/// Where a served static file came from, to tell whether it changed.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StaticStamp {
    Embedded(usize, usize),
    Disk(PathBuf, u64, Option<SystemTime>),
}

/// What one rebuild did, for the terminal and the benchmark.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub rendered: usize,
    pub changed: usize,
    pub removed: usize,
    pub statics: usize,
    pub failed: bool,
    pub millis: f64,
    /// Time per stage, in milliseconds.
    pub laps: Vec<(&'static str, f64)>,
}

pub struct Preview {
    pub(super) settings: Settings,
    output: Arc<Output>,
    config: Option<Config>,
    templates: Templates,
    theme: Option<Theme>,
    sources: Sources,
    /// The last site that rendered, and its serial number (for background work).
    site: Option<Arc<Site>>,
    /// The last site's related lists.
    related: Vec<Vec<ArticleId>>,
    serial: u64,
    /// Every page's fingerprint as last published.
    pages: PageRecord,
    /// Number of the last render (to find pages it did not see).
    renders: u64,
    pub(super) statics: BTreeMap<String, StaticStamp>,
    /// The photo derivatives being served ([`Preview::refresh_photos`]).
    pub(super) photos: BTreeSet<String>,
    /// A configuration change not yet built: rebuild everything.
    pending_full: bool,
    /// Templates changed since the last successful render.
    pending_templates: BTreeSet<String>,
    /// Related news was carried over, not computed, for the current site.
    related_stale: bool,
    /// Article files changed since the site was last built; all of them.
    dirty_files: BTreeSet<String>,
    dirty_all: bool,
    /// The errors last printed, so a repeated failure prints nothing new.
    shown: Vec<Diagnostic>,
    /// Stage timings of the rebuild in progress.
    clock: Clock,
}

impl Preview {
    pub fn verbosity(&self) -> crate::diagnostics::Verbosity {
        self.settings.verbosity
    }

    pub fn new(settings: Settings, output: Arc<Output>) -> Self {
        Preview {
            settings,
            output,
            config: None,
            templates: Templates::default(),
            theme: None,
            sources: Sources::default(),
            site: None,
            related: Vec::new(),
            serial: 0,
            pages: PageRecord::new(PREVIEW_KEY),
            renders: 0,
            statics: BTreeMap::new(),
            photos: BTreeSet::new(),
            pending_full: true,
            pending_templates: BTreeSet::new(),
            related_stale: false,
            dirty_files: BTreeSet::new(),
            dirty_all: true,
            shown: Vec::new(),
            clock: Clock::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        self.clock.lap(stage);
    }

    pub fn root(&self) -> &Path {
        &self.settings.root
    }

    /// The active theme's name (for sorting changed paths).
    pub fn theme_name(&self) -> &str {
        self.config.as_ref().map_or("default", |c| c.theme.as_str())
    }

    pub fn site(&self) -> Option<&Site> {
        self.site.as_deref()
    }

    /// Sorts changed paths into [`Changes`].
    pub fn changes(&self, paths: &[PathBuf], rescan: bool) -> Changes {
        if rescan {
            return Changes::everything();
        }
        let mut ch = Changes::default();
        for path in paths {
            match watch::classify(&self.settings.root, self.theme_name(), path) {
                Kind::Config => ch.config = true,
                Kind::Article(rel) => {
                    ch.articles.insert(rel);
                }
                Kind::ContentOther(rel) => {
                    // A folder created, removed or renamed: read content/ again.
                    if path.is_dir() || self.sources.has_folder(&rel) {
                        ch.rescan = true;
                    }
                }
                Kind::Templates => ch.templates = true,
                Kind::Static => ch.statics = true,
                Kind::Theme => {
                    ch.templates = true;
                    ch.statics = true;
                }
                Kind::Folder(f) => {
                    ch.folders.push(f);
                    match f {
                        "content" => ch.rescan = true,
                        "static" => ch.statics = true,
                        "templates" | "i18n" => ch.templates = true,
                        _ => {
                            ch.templates = true;
                            ch.statics = true;
                        }
                    }
                }
                Kind::Ignored => {}
            }
        }
        ch
    }

    /// Builds what `changes` asks for and publishes what changed; on failure keeps
    /// serving the last good pages and shows the errors (printed once).
    pub fn apply(&mut self, changes: &Changes) -> Outcome {
        let start = Instant::now();
        self.clock = Clock::new();
        if changes.config {
            self.pending_full = true;
        }
        let mut update = Update::default();
        let result = self.build(changes, &mut update);
        let mut outcome = Outcome {
            statics: update.statics.len() + update.removed_statics.len(),
            ..Outcome::default()
        };
        match result {
            Ok((rendered, warnings)) => {
                outcome.rendered = rendered;
                outcome.changed = update.pages.len();
                outcome.removed = update.removed_pages.len();
                if !self.settings.verbosity.quiet() {
                    for w in &warnings {
                        diagnostics::eprint(&diagnostics::styled(w));
                    }
                }
                let recovered = !self.shown.is_empty();
                self.shown.clear();
                // Hide the overlay first: pages reloading next must not get it again.
                self.output.fixed();
                if !update.is_empty() {
                    self.output.publish(update);
                }
                if recovered && !self.settings.verbosity.quiet() {
                    eprintln!("fixed: the site builds again");
                }
            }
            Err(mut diags) => {
                outcome.failed = true;
                diagnostics::sort(&mut diags);
                if !update.is_empty() {
                    // Static files do not depend on the build; serve them anyway.
                    self.output.publish(update);
                }
                let errors: Vec<Diagnostic> =
                    diags.iter().filter(|d| d.is_error()).cloned().collect();
                self.output.fail(reload::overlay(&errors));
                if errors != self.shown {
                    for d in &diags {
                        if d.is_error() || !self.settings.verbosity.quiet() {
                            diagnostics::eprint(&diagnostics::styled(d));
                        }
                    }
                    diagnostics::eprint(&diagnostics::styled_line(&format!(
                        "error: the preview was not updated ({}); still serving the last good pages — fix and save to rebuild",
                        diagnostics::plural(errors.len(), "error", "errors")
                    )));
                    self.shown = errors;
                }
            }
        }
        outcome.millis = start.elapsed().as_secs_f64() * 1000.0;
        outcome.laps = self.clock.laps_ms();
        outcome
    }

    /// Returns the number of pages rendered and the warnings worth printing.
    fn build(
        &mut self,
        ch: &Changes,
        update: &mut Update,
    ) -> Result<(usize, Vec<Diagnostic>), Vec<Diagnostic>> {
        let full = self.pending_full;
        let root = self.settings.root.clone();
        if full {
            let mut config =
                pipeline::configure(&root, Some(&self.settings.base_url)).map_err(|d| vec![d])?;
            // Preview builds no search index: no search words to collect.
            config.search.enabled = false;
            // The configuration shapes every article (time zone, language): parse again.
            self.sources = Sources::default();
            self.config = Some(config);
        }
        let config = self.config.clone().expect("loaded above or before");

        if full || ch.templates || ch.statics {
            let mut files = discover::load_theme(&root, &config.theme).map_err(|d| vec![d])?;
            // No fingerprinted copies in preview (see the theme below).
            let hashed: std::collections::HashSet<String> = std::mem::take(&mut files.fingerprints)
                .into_values()
                .collect();
            files.statics.retain(|s| !hashed.contains(&s.rel));
            if full || ch.statics {
                self.refresh_statics(&files, update)?;
            }
            if full || ch.templates || self.theme.is_none() {
                let templates =
                    Templates::new(&files.templates).with_translations(&files.translations);
                let changed = self.templates.changed(&templates);
                self.pending_templates.extend(changed);
                self.templates = templates;
                // No fingerprinted asset names in preview: a stylesheet edit must not
                // change every page, so the open page can swap the stylesheet in place.
                let theme = Theme::compile(
                    &files.templates,
                    &files.translations,
                    config.timezone,
                    &config.base_path(),
                    &Default::default(),
                )?;
                self.theme = Some(theme);
            }
        }

        let mut warnings = Vec::new();
        if full || ch.rescan || self.site.is_none() && self.sources.entries.is_empty() {
            let cache = std::mem::take(&mut self.sources).into_cache();
            self.sources = Sources::scan(&root, &config, cache, u64::MAX, &mut self.clock);
            self.dirty_all = true;
            if full {
                warnings = self.sources.diagnostics();
            }
        } else {
            for rel in &ch.articles {
                if self.sources.refresh(&root, rel, &config) {
                    self.dirty_files.insert(rel.clone());
                }
            }
            warnings = self.sources.diagnostics_of(&ch.articles);
        }
        warnings.retain(|d| !d.is_error());
        self.lap("read+parse");

        let mut new_site = None;
        if self.dirty_all || !self.dirty_files.is_empty() || self.site.is_none() {
            if self.sources.has_errors() {
                return Err(self.sources.diagnostics());
            }
            let now = self
                .settings
                .now
                .unwrap_or_else(|| Utc::now().fixed_offset());
            let selection = Selection {
                drafts: self.settings.drafts,
                future: self.settings.future,
                now,
            };
            let (articles, carry) = self.take_articles(full);
            self.lap("copy");
            let mut site = pipeline::index(
                config.clone(),
                articles,
                self.sources.pages(),
                &self.sources.withdrawn(),
                selection,
                &root,
            )?;
            self.lap("index");
            self.refresh_photos(&root, &mut site, update)?;
            self.lap("images");
            // Carried over by file now, ranked again in the background (`settle`).
            self.related_stale = carry.is_some();
            let related = match carry {
                Some(carry) => carry.apply(&site),
                None => crate::related::compute(&site),
            };
            new_site = Some((site, related));
            self.lap("related");
        }

        let reach = if full {
            Reach::All
        } else {
            self.templates.reaches(&self.pending_templates)
        };
        if new_site.is_none() && reach.is_empty() {
            return Ok((0, warnings));
        }
        let rendered = self.render(new_site, &reach, full, update)?;
        Ok((rendered, warnings))
    }

    /// Renders the pages whose inputs changed into `update`; on success `new_site`
    /// becomes the current site.
    fn render(
        &mut self,
        new_site: Option<(Site, Vec<Vec<ArticleId>>)>,
        reach: &Reach,
        everything: bool,
        update: &mut Update,
    ) -> Result<usize, Vec<Diagnostic>> {
        let (site, related) = match (&new_site, &self.site) {
            (Some((s, r)), _) => (s, r),
            (None, Some(s)) => (&**s, &self.related),
            (None, None) => return Ok(0),
        };
        let theme = self.theme.as_mut().expect("compiled before any render");
        let round = self.renders + 1;
        let sink = PreviewSink {
            versions: crate::render::article_versions(site),
            round,
            reach,
            everything,
            records: Mutex::new(Records {
                pages: &mut self.pages,
                undo: Vec::new(),
            }),
            rendered: Mutex::new(Vec::new()),
        };
        let result = pipeline::render(site, related, theme, &sink);
        let records = sink
            .records
            .into_inner()
            .expect("no panics while holding the lock");
        if let Err(e) = result {
            // Nothing was published: forget the new fingerprints.
            for (rel, before) in records.undo {
                match before {
                    Some(fp) => records.pages.insert(&rel, fp),
                    None => records.pages.remove(&rel),
                };
            }
            return Err(e);
        }
        let rendered = sink
            .rendered
            .into_inner()
            .expect("no panics while holding the lock");
        self.clock.lap("render");
        self.renders = round;
        let count = rendered.len();
        self.pages
            .forget_unseen(round, |rel| update.removed_pages.push(rel.to_string()));
        for (rel, bytes) in rendered {
            if self.output.page(&rel).as_deref() != Some(&bytes[..]) {
                update.pages.push((rel, Bytes::from(bytes)));
            }
        }
        update.reload_all |= everything;
        self.pending_full = false;
        self.pending_templates.clear();
        if let Some((site, related)) = new_site {
            self.site = Some(Arc::new(site));
            self.related = related;
            self.serial += 1;
        }
        self.lap("diff");
        Ok(count)
    }

    /// The articles for a new site, and what to carry over from the current one.
    /// The current site is taken apart when nobody else holds it: its articles are
    /// kept and only changed files are copied from the cache. Otherwise (and after a
    /// rescan or a configuration change) every article is copied from the cache.
    fn take_articles(&mut self, full: bool) -> (Vec<Article>, Option<Carry>) {
        // With a clock-driven selection an unchanged article can enter the site
        // (its time came), so the current site is not a complete starting point.
        let patchable =
            !full && !self.dirty_all && (self.settings.future || self.settings.now.is_some());
        let old = self.site.take();
        let carry = if full {
            None
        } else {
            old.as_deref().map(|site| Carry::new(site, &self.related))
        };
        let articles = match old.map(Arc::try_unwrap) {
            Some(Ok(mut site)) if patchable => {
                let mut articles = std::mem::take(&mut site.articles);
                articles.retain(|a| !self.dirty_files.contains(&a.source));
                for rel in &self.dirty_files {
                    if let Some(Ok((a, _))) = self.sources.entries.get(rel).map(|e| &e.article) {
                        articles.push(a.clone());
                    }
                }
                articles
            }
            _ => self.sources.articles(),
        };
        self.dirty_all = false;
        self.dirty_files.clear();
        (articles, carry)
    }

    /// Background work to do: the current site when its related news was carried
    /// over rather than computed.
    pub fn settle_job(&self) -> Option<(u64, Arc<Site>)> {
        if !self.related_stale || self.pending_full {
            return None;
        }
        self.site.as_ref().map(|s| (self.serial, s.clone()))
    }

    /// Takes related news computed for site `serial`, and re-renders the pages it
    /// changes (article pages whose related list differs). Stale results are dropped.
    pub fn settle(&mut self, serial: u64, related: Vec<Vec<ArticleId>>) -> Option<Outcome> {
        if serial != self.serial || !self.related_stale {
            return None;
        }
        self.related_stale = false;
        if self.site.is_none() || self.related == related {
            return None;
        }
        self.related = related;
        let start = Instant::now();
        let mut update = Update::default();
        let reach = Reach::Some(BTreeSet::new());
        let result = self.render(None, &reach, false, &mut update);
        let mut outcome = Outcome {
            rendered: result.unwrap_or(0),
            changed: update.pages.len(),
            ..Outcome::default()
        };
        if !update.is_empty() {
            self.output.publish(update);
        }
        outcome.millis = start.elapsed().as_secs_f64() * 1000.0;
        Some(outcome)
    }
}
