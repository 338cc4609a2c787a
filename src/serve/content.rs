//! The preview's cache of article files: each file's text hash and parse result, so
//! a change re-reads and re-parses only the files it names.
//! Reads `content/` through [`crate::discover`]; writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::discover;
use crate::model::{Article, source_hash};
use crate::parse::article::{ParseResult, parse_article};
use crate::parse::page::{PageResult, parse_page};

/// One article file as last read.
pub struct SourceFile {
    /// [`source_hash`] of the file's text: the article's version.
    pub hash: u64,
    /// For a standalone page, `Err` with no diagnostics: see `page`.
    pub parsed: ParseResult,
    /// A standalone page ([`crate::parse::page::is_page`]) as parsed.
    pub page: Option<PageResult>,
}

/// An article or a standalone page, as the file says.
fn parse_file(text: &str, rel: &str, hash: u64, config: &Config) -> SourceFile {
    if crate::parse::page::is_page(text, rel) {
        return SourceFile {
            hash,
            parsed: Err(Vec::new()),
            page: Some(parse_page(text, rel, config)),
        };
    }
    SourceFile {
        hash,
        parsed: parse_article(text, rel, config),
        page: None,
    }
}

/// Every article file under `content/`, by path relative to the site root.
#[derive(Default)]
pub struct Sources {
    pub entries: BTreeMap<String, SourceFile>,
    /// Problems found while walking `content/` (unreadable entries, symbolic links).
    walk: Vec<Diagnostic>,
}

impl Sources {
    /// Reads and parses every article, reusing `old` entries whose text is unchanged
    /// (pass an empty cache when the configuration changed).
    pub fn scan(root: &Path, config: &Config, old: Sources) -> Sources {
        let (files, walk) = discover::read_content(root, config.max_article_bytes);
        let mut old = old.entries;
        let entries: Vec<(String, SourceFile)> = files
            .into_par_iter()
            .map(|f| {
                let hash = source_hash(&f.text);
                (f.rel, f.text, hash)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(rel, text, hash)| match old.remove(&rel) {
                Some(e) if e.hash == hash => (rel, Ok(e)),
                _ => (rel, Err((text, hash))),
            })
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(rel, cached)| match cached {
                Ok(e) => (rel, e),
                Err((text, hash)) => {
                    let file = parse_file(&text, &rel, hash, config);
                    (rel, file)
                }
            })
            .collect();
        Sources {
            entries: entries.into_iter().collect(),
            walk,
        }
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
                parse_file(&f.text, rel, hash, config)
            }
            Err(d) => SourceFile {
                hash: 0,
                parsed: Err(vec![d]),
                page: None,
            },
        };
        self.entries.insert(rel.to_string(), file);
        true
    }

    /// Every diagnostic, errors and warnings, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = self.walk.clone();
        for e in self.entries.values() {
            match &e.parsed {
                Ok((_, warnings)) => out.extend(warnings.iter().cloned()),
                Err(diags) => out.extend(diags.iter().cloned()),
            }
            match &e.page {
                Some(Ok((_, warnings))) => out.extend(warnings.iter().cloned()),
                Some(Err(diags)) => out.extend(diags.iter().cloned()),
                None => {}
            }
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
            match self.entries.get(rel).map(|e| &e.parsed) {
                Some(Ok((_, w))) => out.extend(w.iter().cloned()),
                Some(Err(d)) => out.extend(d.iter().cloned()),
                None => {}
            }
        }
        out
    }

    pub fn has_errors(&self) -> bool {
        self.walk.iter().any(Diagnostic::is_error)
            || self.entries.values().any(|e| match &e.page {
                Some(page) => page.is_err(),
                None => e.parsed.is_err(),
            })
    }

    /// The standalone pages, sorted by path.
    pub fn pages(&self) -> Vec<crate::model::StandalonePage> {
        let mut pages: Vec<_> = self
            .entries
            .values()
            .filter_map(|e| match &e.page {
                Some(Ok((page, _))) => Some(page.clone()),
                _ => None,
            })
            .collect();
        pages.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.source.cmp(&b.source)));
        pages
    }

    /// The withdrawn stories, whose URLs show tombstones.
    pub fn withdrawn(&self) -> Vec<crate::model::Withdrawn> {
        let articles: Vec<Article> = self
            .entries
            .values()
            .filter_map(|e| match &e.parsed {
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
            .filter_map(|e| e.parsed.as_ref().ok().map(|(a, _)| a))
            .collect();
        all.into_par_iter().cloned().collect()
    }

    /// Whether any cached file lies under the folder `rel`.
    pub fn has_folder(&self, rel: &str) -> bool {
        let prefix = format!("{}/", rel.trim_end_matches('/'));
        self.entries
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }
}
