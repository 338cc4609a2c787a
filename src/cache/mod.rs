//! What a build keeps in its output folder for the next build into it, besides the
//! pages: the parse cache ([`parsed`], `.broadsheet/parsed`) and the related lists
//! ([`related`], `.broadsheet/related`), each in a checked [`frame`]. Reading the
//! previous output's caches happens here and nowhere else (the output's manifest of
//! pages is `write`'s); a missing, stale or damaged cache reads as none.
pub mod frame;
pub mod parsed;
pub mod related;

use crate::diagnostics::Diagnostic;
use crate::index::Site;
use crate::model::{Article, ArticleId};
use crate::render::Sink;
use crate::write::Staging;

/// Puts the parse cache and the related lists into the output being staged, and
/// only when they differ from the current output's: each is fingerprinted by what
/// it follows from, as pages are. Called before rendering, so their memory is free
/// again when pages need it.
pub fn put(
    site: &Site,
    related: &[Vec<ArticleId>],
    warnings: &[Diagnostic],
    staging: &Staging,
) -> Result<(), Diagnostic> {
    let related_key = related::key(site);
    let mut warned: Vec<&str> = warnings.iter().map(|d| d.file.as_str()).collect();
    warned.sort_unstable();
    warned.dedup();
    let parsed_key = {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut h = DefaultHasher::new();
        (related_key, &warned).hash(&mut h);
        h.finish()
    };
    if staging.wants(parsed::FILE, "parse cache", parsed_key) {
        let parts = parse_cache_file(site, &warned);
        let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        staging
            .put_parts(parsed::FILE, &parts)
            .map_err(|e| Diagnostic::error(parsed::FILE, 0, 0, e))?;
    }
    if staging.wants(related::FILE, "related", related_key) {
        let bytes = related::encode(related_key, related);
        staging
            .put(related::FILE, &bytes)
            .map_err(|e| Diagnostic::error(related::FILE, 0, 0, e))?;
    }
    Ok(())
}

/// The parse cache for the next build: every article built but those whose files had
/// warnings (`warned`, sorted; they are parsed again, and warned about, each time).
fn parse_cache_file(site: &Site, warned: &[&str]) -> Vec<Vec<u8>> {
    let kept: Vec<&Article> = site
        .articles
        .iter()
        .filter(|a| warned.binary_search(&a.source.as_str()).is_err())
        .collect();
    parsed::encode(parsed::key(&site.config), &kept)
}
