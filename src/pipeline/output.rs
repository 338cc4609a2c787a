//! The build's dealings with its output folder: the staging folder it builds into,
//! the files besides pages, where a failure of the folder is reported, and what a
//! build that succeeded leaves for the next ones.

use std::path::Path;

use super::{Failure, NEXT_CHANGE_FILE, Options};
use crate::diagnostics::Diagnostic;
use crate::discover;
use crate::index::Site;
use crate::write;

/// Stages the files that are not pages: the search index's and [`NEXT_CHANGE_FILE`].
pub(super) fn put_other_files(
    site: &Site,
    search: Option<&crate::search::Index>,
    staging: &write::Staging,
) -> Result<(), Diagnostic> {
    let next_change = site.next_change.map(|next| {
        let text = format!("{}\n", next.to_rfc3339());
        (NEXT_CHANGE_FILE.to_string(), text.into_bytes())
    });
    let files = search.iter().flat_map(|index| &index.files);
    for (path, bytes) in files.chain(&next_change) {
        crate::render::Sink::put(staging, path, bytes)
            .map_err(|e| Diagnostic::error(path.as_str(), 0, 0, e))?;
    }
    Ok(())
}

/// A failure of the output folder itself, with the build's warnings.
pub(super) fn output_failure(
    output: &Path,
    e: write::OutputError,
    warnings: Vec<Diagnostic>,
) -> Failure {
    let mut diags = vec![Diagnostic::error(
        output.display().to_string(),
        0,
        0,
        e.to_string(),
    )];
    diags.extend(warnings);
    Failure::from(diags)
}

/// The images stage: the site's photos processed, their derivatives put in `sink`.
/// Where a static file comes from, as an error names it.
pub(super) fn static_origin(opts: &Options, file: &discover::StaticFile) -> String {
    match &file.source {
        discover::StaticSource::Disk(path) => discover::rel_path(&opts.root, path),
        discover::StaticSource::Embedded(_) => {
            format!("(built-in default theme)/static/{}", file.rel)
        }
    }
}

/// What a build that succeeded (and `ran` so long) leaves for the next ones: the
/// stamp of the output's photo folder, and, for what the site publishes (not a
/// preview with drafts or future stories), the memory of published URLs.
pub(super) fn remember(
    opts: &Options,
    site: &Site,
    output: &Path,
    ran: std::time::Duration,
) -> Result<(), Failure> {
    crate::images::remember_published(&opts.root, output, ran);
    if opts.drafts || opts.future {
        return Ok(());
    }
    let memory = crate::urls::updated_memory(&site.answers.remembered, site);
    write::put_published_urls(&opts.root, &crate::urls::write_memory(&memory)).map_err(|e| {
        Failure::from(Diagnostic::error(
            crate::urls::MEMORY_FILE,
            0,
            0,
            format!("cannot write: {e}"),
        ))
    })?;
    Ok(())
}

/// The staging folder of a build into `output`, taking the output's photo folder as
/// it is when nothing changed in it since the last build (no listing of it).
pub(super) fn stage(opts: &Options, output: &Path) -> Result<write::Staging, write::OutputError> {
    let mut staging = write::prepare(&opts.root, output, opts.force)?;
    if crate::images::published_unchanged(&opts.root, output) {
        staging.trust_folder(crate::images::OUTPUT_DIR);
    }
    Ok(staging)
}
