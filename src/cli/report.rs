//! What `build` and `check` print after the work: counts, notes and timings.

use std::collections::BTreeMap;

use chrono::{Datelike, TimeZone};

use super::Out;
use crate::diagnostics::plural;
use crate::index::{LeftOut, TaxonomyKind};
use crate::pipeline;

/// What the build left out that a flag would publish, for the end of the summary
/// line: `, leaving out 1 draft (--drafts) and 2 scheduled articles (--future)`.
pub(super) fn left_out(n: &LeftOut) -> String {
    let mut parts = Vec::new();
    if n.drafts > 0 {
        parts.push(format!(
            "{} (--drafts)",
            plural(n.drafts, "draft", "drafts")
        ));
    }
    if n.scheduled > 0 {
        parts.push(format!(
            "{} (--future)",
            plural(n.scheduled, "scheduled article", "scheduled articles")
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(", leaving out {}", parts.join(" and "))
    }
}

/// `checked 412 links on 37 pages: 2 broken`.
pub(super) fn links_line(links: &crate::links::LinkStats) -> String {
    format!(
        "checked {} on {}: {}",
        plural(links.checked, "internal link", "internal links"),
        plural(links.pages, "page", "pages"),
        match links.broken {
            0 => "none broken".to_string(),
            n => format!("{n} broken"),
        }
    )
}

/// `--timings` and `--verbose`: wall time per stage, thread time per kind of work, and the counts.
pub(super) fn print_timings(r: &pipeline::Report) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!("  stage          wall ms   resident MB");
    for stage in &r.timings {
        let resident = stage
            .resident
            .map_or("-".to_string(), |b| format!("{}", b / 1_000_000));
        eprintln!(
            "  {:<14} {:>7.1}   {resident:>11}",
            stage.name,
            ms(stage.wall)
        );
    }
    let work: Vec<String> = r
        .work
        .iter()
        .map(|(kind, t)| format!("{kind} {:.1}", ms(*t)))
        .collect();
    eprintln!("  thread time ms: {}", work.join(", "));
    let kinds: Vec<String> = r
        .render_by_kind
        .iter()
        .filter(|k| k.pages > 0)
        .map(|k| {
            format!(
                "{} {} {:.1}",
                k.kind,
                plural(k.pages, "page", "pages"),
                ms(k.time)
            )
        })
        .collect();
    eprintln!("  render thread time by page kind ms: {}", kinds.join(", "));
    let p = r.partials;
    eprintln!(
        "  cached partials: {} calls, {} rendered, {} reused; {} full generations of the cache dropped",
        p.calls,
        p.renders,
        p.calls - p.renders,
        p.emptied
    );
    eprintln!(
        "  articles {}; {} unchanged files taken from the parse cache, not parsed again; related lists {}",
        r.site.articles.len(),
        r.from_cache,
        if r.related_kept {
            "unchanged, taken from the last build"
        } else {
            "ranked"
        }
    );
    eprintln!(
        "  pages {} ({} rendered, {} unchanged and not rendered)",
        r.pages,
        r.rendered,
        r.pages - r.rendered
    );
    eprintln!(
        "  files {} ({} bytes): {} written ({} bytes), {} unchanged, {} removed",
        r.files,
        r.bytes,
        r.written.written,
        r.written.bytes_written,
        r.written.unchanged,
        r.written.removed
    );
}

pub(super) fn print_next_change(out: Out, r: &pipeline::Report) {
    if let Some(next) = r.site.next_change {
        out.note(&format!(
            "note: the published site next changes by itself at {} (an embargo lifts, an article expires or a breaking-news banner runs out); rebuild then",
            next.to_rfc3339()
        ));
    }
}

pub(super) fn print_check(r: &pipeline::Report) {
    let site = &r.site;
    println!(
        "{}, {}{}",
        plural(site.articles.len(), "article", "articles"),
        plural(r.pages, "page", "pages"),
        left_out(&site.left_out)
    );
    for kind in [
        TaxonomyKind::Topics,
        TaxonomyKind::Agencies,
        TaxonomyKind::Tags,
    ] {
        let mut terms: Vec<_> = site.taxonomy(kind).terms.iter().collect();
        terms.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let list: Vec<String> = terms
            .iter()
            .map(|t| format!("{} {}", t.name, t.articles.len()))
            .collect();
        println!("{}: {}", kind.key(), list.join(", "));
    }
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    for a in &site.articles {
        *years
            .entry(
                site.config
                    .timezone
                    .from_utc_datetime(&a.date.naive_utc())
                    .year(),
            )
            .or_default() += 1;
    }
    let list: Vec<String> = years.iter().map(|(y, n)| format!("{y} {n}")).collect();
    println!("years: {}", list.join(", "));
    if let Some(links) = &r.links {
        println!("{}", links_line(links));
    }
    println!("{}", plural(r.warnings.len(), "warning", "warnings"));
}
