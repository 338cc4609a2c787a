//! What a build or check returns: the [`Report`] of a success (and its JSON form
//! for `--timings=json`) or the [`Failure`] with every diagnostic.

use std::time::Duration;

use crate::diagnostics::{self, Diagnostic};
use crate::index::Site;
use crate::render;
use crate::timing::Stage;
use crate::write;

/// The result of a successful build or check.
#[derive(Debug)]
pub struct Report {
    pub site: Site,
    /// Each article's related stories (by [`crate::model::ArticleId`]).
    pub related: Vec<Vec<crate::model::ArticleId>>,
    pub warnings: Vec<Diagnostic>,
    pub pages: usize,
    /// Pages whose template ran; the others were unchanged since the last build.
    pub rendered: usize,
    /// Template thread time by kind of page.
    pub render_by_kind: Vec<render::KindTime>,
    /// What `cached_partial` rendered and reused.
    pub partials: render::PartialStats,
    pub files: usize,
    pub bytes: u64,
    pub timings: Vec<Stage>,
    /// Thread time by kind of work inside the parallel stages.
    pub work: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
    /// What the write stage did (all zero for `check`).
    pub written: write::WriteStats,
    /// Articles taken from the parse cache rather than parsed.
    pub from_cache: usize,
    /// Related lists taken from the last build rather than ranked.
    pub related_kept: bool,
    /// What `check --links` checked.
    pub links: Option<crate::links::LinkStats>,
    /// What the images stage read and made.
    pub photos: crate::images::Counts,
    /// The static files, and how many were read (the others carried over).
    pub statics: write::StaticCounts,
}

impl Report {
    /// `build --timings=json`: what `--timings` prints, as one JSON object (times in
    /// milliseconds, sizes in bytes), for scripts and tests.
    pub fn timings_json(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let stages: Vec<_> = self
            .timings
            .iter()
            .map(|s| serde_json::json!({"name": s.name, "wall_ms": ms(s.wall), "resident_bytes": s.resident}))
            .collect();
        let work: serde_json::Map<String, serde_json::Value> = self
            .work
            .iter()
            .map(|(kind, t)| ((*kind).to_string(), ms(*t).into()))
            .collect();
        let by_kind: Vec<_> = self
            .render_by_kind
            .iter()
            .map(|k| serde_json::json!({"kind": k.kind, "pages": k.pages, "thread_ms": ms(k.time)}))
            .collect();
        let w = &self.written;
        serde_json::json!({
            "elapsed_ms": ms(self.elapsed),
            "stages": stages,
            "thread_ms": work,
            "render_by_kind": by_kind,
            "articles": self.site.articles.len(),
            "from_parse_cache": self.from_cache,
            "related_kept": self.related_kept,
            "photos": self.photos,
            "statics": self.statics,
            "pages": self.pages,
            "rendered": self.rendered,
            "partials": {
                "calls": self.partials.calls,
                "renders": self.partials.renders,
                "emptied": self.partials.emptied,
            },
            "files": self.files,
            "bytes": self.bytes,
            "written": {
                "files": w.written,
                "bytes": w.bytes_written,
                "unchanged": w.unchanged,
                "removed": w.removed,
            },
        })
        .to_string()
    }
}

/// Everything that went wrong: diagnostics are sorted, warnings included.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    /// What `check --links` checked, when it found broken links.
    pub links: Option<crate::links::LinkStats>,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics::sort(&mut diagnostics);
        Failure {
            diagnostics,
            links: None,
        }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![d],
            links: None,
        }
    }
}
