//! WordPress exports (WXR 1.0–1.2, one file or a split export) into items. Streamed:
//! one `<item>` at a time is held in memory. A first pass reads only the authors and
//! attachments (so a post can name its image wherever the attachment sits in the
//! export); the second reads the posts and pages. Comments are never read into an
//! item: commenters' names, e-mails and addresses go nowhere.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use quick_xml::events::Event;

use super::run::Sink;
use super::xml::{self, Element, Limits, XmlError};

mod body;
mod first;
mod post;
mod terms;

pub use post::url_path;
use post::{is_image, item};

/// One item's text may not exceed this (a post is a few hundred KB at most).
const MAX_ITEM_TEXT: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
struct Attachment {
    url: String,
    alt: Option<String>,
}

/// What every post may need from the rest of the export.
#[derive(Debug, Default, PartialEq)]
struct Context {
    /// Author login → display name.
    authors: HashMap<String, String>,
    /// Attachment post id → file.
    attachments: HashMap<String, Attachment>,
    /// Attachments by the post they were uploaded to, in export order.
    children: HashMap<String, Vec<String>>,
    /// The site's own addresses (`https://example.org`), to find its uploads.
    base_urls: Vec<String>,
    /// The blog's address as the export writes it, for the ledger keys.
    site: String,
    uploads: Option<PathBuf>,
    tz: Option<Tz>,
    /// Categories, tags and authors, for the old archive and feed addresses.
    terms: terms::Terms,
}

impl Context {
    /// Hands the site's old category, tag, author and feed addresses to `imp`.
    fn old_addresses(&self, imp: &mut impl Sink) {
        for (from, to) in self.terms.redirects(&self.authors) {
            imp.redirect(from, to);
        }
    }
}

/// Imports every export file in `files`, in order.
pub fn import(files: &[PathBuf], uploads: Option<&Path>, tz: Tz, imp: &mut impl Sink) {
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    imp.set_total(total * 2, true);
    let mut ctx = Context {
        uploads: uploads.map(Path::to_path_buf),
        tz: Some(tz),
        ..Context::default()
    };
    let mut done = 0;
    // The first pass also asks the ledger about every post: when all are imported
    // already, the second pass (which reads the bodies) is not needed at all.
    let mut posts = Vec::new();
    let mut needs_second_pass = false;
    let mut notes = Vec::new();
    for f in files {
        let pass = first::read(f, &mut ctx);
        posts.extend(pass.posts);
        notes.extend(pass.notes);
        // Problems are reported by the second pass, once.
        needs_second_pass |= pass.troubled;
        done += std::fs::metadata(f).map_or(0, |m| m.len());
        imp.set_position(done);
    }
    let mut unchanged = 0usize;
    for (id, version) in posts {
        if imp.is_unchanged(&post::key(&ctx.site, &id), &version) {
            unchanged += 1;
        } else {
            needs_second_pass = true;
        }
    }
    ctx.old_addresses(imp);
    if !needs_second_pass {
        (0..unchanged).for_each(|_| imp.count_unchanged());
        notes.into_iter().for_each(|n| imp.note(n));
        return;
    }
    let ctx = Arc::new(ctx);
    for f in files {
        let name = display(f);
        let start = done;
        let mut problems = Vec::new();
        let result = scan(
            first::Source::File(f),
            &["wp:comment"],
            &mut problems,
            &mut |e, pos| {
                imp.set_position(start + pos);
                if e.name == "item" {
                    item(&ctx, &name, e, imp);
                }
            },
        );
        problems.extend(result.err());
        if !problems.is_empty() {
            // Lines are counted only when there is something to report.
            let bytes = std::fs::read(f).unwrap_or_default();
            for err in problems {
                let (line, col) = xml::line_col(&bytes, err.offset);
                imp.error(format!("{name}:{line}:{col}"), err.message);
            }
        }
        done += std::fs::metadata(f).map_or(0, |m| m.len());
    }
}

/// Reads one export held in memory (`name` for messages), both passes, without
/// uploads: what the fuzz target and the tests drive. The first pass cuts it into
/// three pieces however small it is, so they also check that pieces gather what one
/// reading does.
pub fn import_bytes(bytes: &[u8], name: &str, tz: Tz, imp: &mut impl Sink) {
    let mut ctx = Context {
        tz: Some(tz),
        ..Context::default()
    };
    first::read_in(first::Source::Bytes(bytes), &mut ctx, 3, 1);
    ctx.old_addresses(imp);
    let ctx = Arc::new(ctx);
    let mut problems = Vec::new();
    let result = scan_reader(
        bytes,
        &["wp:comment"],
        &mut problems,
        &mut |e, _| {
            if e.name == "item" {
                item(&ctx, name, e, imp);
            }
        },
        false,
    );
    for err in problems.into_iter().chain(result.err()) {
        let (line, col) = xml::line_col(bytes, err.offset);
        imp.error(format!("{name}:{line}:{col}"), err.message);
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Calls `each` with every child of `<channel>` in the whole of `source`.
fn scan(
    source: first::Source<'_>,
    skip: &[&str],
    left_out: &mut Vec<XmlError>,
    each: &mut dyn FnMut(Element, u64),
) -> Result<(), XmlError> {
    let input = source.open(0, None).map_err(|e| XmlError {
        item_skipped: false,
        offset: 0,
        message: format!("cannot read: {e}"),
    })?;
    scan_reader(input, skip, left_out, each, false).map(|_| ())
}

/// Calls `each` with every child of `<channel>` (a post, an author, the version) and the
/// byte position after it; a child too large to keep is added to `left_out` instead.
/// Returns how deep the input ended (0 after `</rss>`, 2 between two items of a
/// piece cut short). A piece that does not start the file has had its version checked
/// by the piece that does (`version_checked`).
fn scan_reader<R: BufRead>(
    input: R,
    skip: &[&str],
    left_out: &mut Vec<XmlError>,
    each: &mut dyn FnMut(Element, u64),
    version_checked: bool,
) -> Result<usize, XmlError> {
    let mut reader = xml::reader(input);
    let limits = Limits {
        max_text: MAX_ITEM_TEXT,
        skip,
    };
    let mut buf = Vec::new();
    let mut inner = Vec::new();
    let mut depth = 0usize;
    let mut seen_root = false;
    let mut version_checked = version_checked;
    loop {
        buf.clear();
        let offset = reader.buffer_position();
        let event = reader.read_event_into(&mut buf).map_err(|e| XmlError {
            item_skipped: false,
            offset: reader.error_position(),
            message: format!("invalid XML: {e}"),
        })?;
        match event {
            Event::Start(s) => {
                let start = xml::start_of(&s, offset)?;
                match depth {
                    0 => {
                        if start.name != "rss" {
                            return Err(XmlError {
                                item_skipped: false,
                                offset,
                                message: format!(
                                    "not a WordPress export: the document is <{}>, not <rss>",
                                    start.name
                                ),
                            });
                        }
                        seen_root = true;
                        depth = 1;
                    }
                    1 => depth = 2,
                    _ => {
                        let e = match xml::read_element(&mut reader, start, &limits, &mut inner) {
                            Ok(e) => e,
                            Err(e) if e.item_skipped => {
                                left_out.push(e);
                                continue;
                            }
                            Err(e) => return Err(e),
                        };
                        if e.name == "wp:wxr_version" {
                            check_version(&e.text(), offset)?;
                            version_checked = true;
                        }
                        if e.name == "item" && !version_checked {
                            return Err(XmlError {
                                item_skipped: false,
                                offset,
                                message: "no <wp:wxr_version> before the first item: not a WordPress export".into(),
                            });
                        }
                        each(e, reader.buffer_position());
                    }
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => {
                if !seen_root {
                    return Err(XmlError {
                        item_skipped: false,
                        offset,
                        message: "the file holds no XML element".into(),
                    });
                }
                return Ok(depth);
            }
            _ => {}
        }
    }
}

fn check_version(v: &str, offset: u64) -> Result<(), XmlError> {
    match v.trim() {
        "1.0" | "1.1" | "1.2" => Ok(()),
        other => Err(XmlError {
            item_skipped: false,
            offset,
            message: format!(
                "unknown WXR version `{other}`: broadsheet reads WordPress exports of versions 1.0, 1.1 and 1.2"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::body::upload_rel;
    use super::*;

    #[test]
    fn every_fixture_post_is_written_as_a_file_that_reads_back() {
        use crate::import::article::render;
        use crate::import::run::Collect;
        for name in ["export-1.xml", "export-2.xml"] {
            let path = format!(
                "{}/tests/fixtures/import/wordpress/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            let bytes = std::fs::read(path).unwrap();
            let mut sink = Collect::default();
            import_bytes(&bytes, name, chrono_tz::UTC, &mut sink);
            assert!(
                sink.items.iter().filter(|i| i.is_ok()).count() >= 3,
                "{name}"
            );
            for item in sink.items.iter().flatten() {
                let text = render(item, &item.slug);
                let split = crate::parse::front_matter::split(&text).unwrap();
                let raw = crate::parse::front_matter::read(split.yaml).unwrap();
                assert_eq!(raw.title.as_deref(), Some(item.title.as_str()));
            }
        }
    }

    #[test]
    fn url_paths() {
        let cases = [
            ("https://x.org/2016/03/10/slug/", "/2016/03/10/slug/"),
            ("http://x.org/?p=12", "/?p=12"),
            ("https://x.org", "/"),
            ("https://x.org/a/#top", "/a/"),
        ];
        for (url, want) in cases {
            assert_eq!(url_path(url).as_deref(), Some(want), "{url}");
        }
    }

    #[test]
    fn upload_paths_never_climb_out() {
        assert_eq!(
            upload_rel("https://x.org/wp-content/uploads/2016/03/a.jpg?v=1"),
            Some("2016/03/a.jpg")
        );
        assert_eq!(
            upload_rel("https://x.org/wp-content/uploads/../../etc/passwd"),
            None
        );
        assert_eq!(upload_rel("https://x.org/wp-content/uploads//a.jpg"), None);
    }
}
