//! The read+parse stage: every article file under `content/` read (through
//! [`discover`]) and parsed, unless the parse cache ([`parse_cache::Cache`]) holds
//! the file with the same bytes. Input: the site root, its configuration and a
//! cache. Output: [`Sources`], each file's [`Parsed`] result by path. `build` fills
//! the cache from the last build's output, `serve` from its previous `Sources`.
//! Writes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::cache::parsed::{self as parse_cache, Parsed};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::discover;
use crate::model::{Article, Body, StandalonePage, Withdrawn, source_hash};
use crate::parse::article::parse_article;
use crate::parse::page::{is_page, parse_page};
use crate::timing::{Clock, Counter};

/// Every article file under `content/` as last read, by path relative to the root.
#[derive(Default)]
pub struct Sources {
    pub entries: BTreeMap<String, Parsed>,
    /// Problems found while walking `content/` (unreadable entries, symbolic links).
    walk: Vec<Diagnostic>,
}

/// Parses one file's text: an article or a standalone page, as the file says.
fn parse_text(text: &str, rel: &str, hash: u64, config: &Config) -> Parsed {
    if is_page(text, rel) {
        return Parsed {
            hash,
            article: Err(Vec::new()),
            page: Some(parse_page(text, rel, config)),
        };
    }
    Parsed {
        hash,
        article: parse_article(text, rel, config),
        page: None,
    }
}

/// A file that could not be read.
fn unreadable(d: Diagnostic) -> Parsed {
    Parsed {
        hash: 0,
        article: Err(vec![d]),
        page: None,
    }
}

impl Sources {
    /// Reads and parses every article file in one parallel pass, taking files whose
    /// bytes are unchanged from `cache`. A file's text is dropped as soon as it is
    /// parsed, so the whole corpus is never in memory as text; so is its body HTML
    /// beyond `body_memory` bytes in all (pages render it again from the file through
    /// the body store). Which bodies are kept depends on thread timing; the pages do
    /// not: a body rendered again is the same bytes.
    pub fn scan(
        root: &Path,
        config: &Config,
        cache: parse_cache::Cache,
        body_memory: u64,
        clock: &mut Clock,
    ) -> Sources {
        let (paths, walk) = discover::list_content(root);
        clock.lap("discover");
        let kept = AtomicU64::new(0);
        let from_cache = AtomicUsize::new(0);
        let [read_time, parse_time] = [(); 2].map(|_| Counter::default());
        let shared_root: Arc<Path> = Arc::from(root);
        let entries: Vec<(String, Parsed)> = paths
            .par_iter()
            .map(|path: &PathBuf| {
                let started = Instant::now();
                let file = discover::read_one(root, path, config.max_article_bytes);
                let read = Instant::now();
                read_time.add(read - started);
                let entry = match file {
                    Err(d) => (discover::rel_path(root, path), unreadable(d)),
                    Ok(f) => {
                        let hash = source_hash(&f.text);
                        let parsed = match cache.take(&f.rel, hash) {
                            Some(p) => {
                                from_cache.fetch_add(1, Ordering::Relaxed);
                                p
                            }
                            None => {
                                let mut p = parse_text(&f.text, &f.rel, hash, config);
                                if let Ok((a, _)) = &mut p.article {
                                    let len = a.body.in_memory().map_or(0, |b| b.len() as u64);
                                    if kept.fetch_add(len, Ordering::Relaxed) + len > body_memory {
                                        a.body = Body::FromSource(shared_root.clone());
                                    }
                                }
                                p
                            }
                        };
                        (f.rel, parsed)
                    }
                };
                parse_time.add(read.elapsed());
                entry
            })
            .collect();
        drop(cache);
        clock.from_cache = from_cache.into_inner();
        clock.work("read", read_time.total());
        clock.work("parse", parse_time.total());
        Sources {
            entries: entries.into_iter().collect(),
            walk,
        }
    }

    /// Everything parsed so far, as a cache for the next [`Sources::scan`].
    pub fn into_cache(self) -> parse_cache::Cache {
        parse_cache::Cache::from_entries(self.entries)
    }

    /// Re-reads one file (`rel` relative to the root, under `content/`). Returns
    /// whether anything changed.
    pub fn refresh(&mut self, root: &Path, rel: &str, config: &Config) -> bool {
        let path = root.join(rel);
        let had_walk = self.walk.iter().any(|d| d.file == rel);
        self.walk.retain(|d| d.file != rel);
        let meta = std::fs::symlink_metadata(&path);
        let is_file = meta.as_ref().is_ok_and(|m| m.file_type().is_file());
        if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
            self.walk.push(Diagnostic::warning(
                rel,
                0,
                0,
                "symbolic link skipped: broadsheet reads only real files under content/",
            ));
        }
        if !is_file {
            return self.entries.remove(rel).is_some() || had_walk;
        }
        let file = match discover::read_one(root, &path, config.max_article_bytes) {
            Ok(f) => {
                let hash = source_hash(&f.text);
                if self.entries.get(rel).is_some_and(|e| e.hash == hash) {
                    return had_walk;
                }
                parse_text(&f.text, rel, hash, config)
            }
            Err(d) => unreadable(d),
        };
        self.entries.insert(rel.to_string(), file);
        true
    }

    /// Every diagnostic, errors and warnings, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = self.walk.clone();
        for e in self.entries.values() {
            push_diagnostics(e, &mut out);
        }
        crate::diagnostics::sort(&mut out);
        out
    }

    /// Diagnostics of the named files only (to print what a change brought).
    pub fn diagnostics_of<'a>(
        &self,
        rels: impl IntoIterator<Item = &'a String>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for rel in rels {
            out.extend(self.walk.iter().filter(|d| &d.file == rel).cloned());
            if let Some(e) = self.entries.get(rel) {
                push_diagnostics(e, &mut out);
            }
        }
        out
    }

    pub fn has_errors(&self) -> bool {
        self.walk.iter().any(Diagnostic::is_error)
            || self.entries.values().any(|e| match &e.page {
                Some(page) => page.is_err(),
                None => e.article.is_err(),
            })
    }

    /// The standalone pages, sorted by path.
    pub fn pages(&self) -> Vec<StandalonePage> {
        let mut pages: Vec<_> = self
            .entries
            .values()
            .filter_map(|e| match &e.page {
                Some(Ok((page, _))) => Some(page.clone()),
                _ => None,
            })
            .collect();
        sort_pages(&mut pages);
        pages
    }

    /// The withdrawn stories, whose URLs show tombstones.
    pub fn withdrawn(&self) -> Vec<Withdrawn> {
        let articles: Vec<Article> = self
            .entries
            .values()
            .filter_map(|e| match &e.article {
                Ok((a, _)) if a.withdrawn => Some(a.clone()),
                _ => None,
            })
            .collect();
        crate::urls::withdrawn(&articles)
    }

    /// Copies of the parsed articles (the index takes them by value).
    pub fn articles(&self) -> Vec<Article> {
        let all: Vec<&Article> = self
            .entries
            .values()
            .filter_map(|e| e.article.as_ref().ok().map(|(a, _)| a))
            .collect();
        all.into_par_iter().cloned().collect()
    }

    /// The articles and standalone pages, taken apart (a build keeps no sources);
    /// every diagnostic goes to `diags`.
    pub fn into_parts(self, diags: &mut Vec<Diagnostic>) -> (Vec<Article>, Vec<StandalonePage>) {
        diags.extend(self.walk);
        let mut articles = Vec::with_capacity(self.entries.len());
        let mut pages = Vec::new();
        for e in self.entries.into_values() {
            match e.page {
                Some(Ok((page, warnings))) => {
                    diags.extend(warnings);
                    pages.push(page);
                }
                Some(Err(errors)) => diags.extend(errors),
                None => match e.article {
                    Ok((a, warnings)) => {
                        diags.extend(warnings);
                        articles.push(a);
                    }
                    Err(errors) => diags.extend(errors),
                },
            }
        }
        sort_pages(&mut pages);
        (articles, pages)
    }

    /// Whether any file lies under the folder `rel`.
    pub fn has_folder(&self, rel: &str) -> bool {
        let prefix = format!("{}/", rel.trim_end_matches('/'));
        self.entries
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }
}

fn push_diagnostics(e: &Parsed, out: &mut Vec<Diagnostic>) {
    match &e.article {
        Ok((_, warnings)) => out.extend(warnings.iter().cloned()),
        Err(diags) => out.extend(diags.iter().cloned()),
    }
    match &e.page {
        Some(Ok((_, warnings))) => out.extend(warnings.iter().cloned()),
        Some(Err(diags)) => out.extend(diags.iter().cloned()),
        None => {}
    }
}

fn sort_pages(pages: &mut [StandalonePage]) {
    pages.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.source.cmp(&b.source)));
}
