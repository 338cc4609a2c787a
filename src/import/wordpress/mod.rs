//! WordPress exports (WXR 1.0–1.2, one file or a split export) into items. Streamed:
//! one `<item>` at a time is held in memory. A first pass reads only the authors and
//! attachments (so a post can name its image wherever the attachment sits in the
//! export); the second reads the posts and pages. Comments are never read into an
//! item: commenters' names, e-mails and addresses go nowhere.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use quick_xml::events::Event;

use super::run::Sink;
use super::xml::{self, Element, Limits, XmlError};

mod body;
mod post;
mod terms;

pub use post::url_path;
use post::{Identity, identify, is_image, item, meta};

/// One item's text may not exceed this (a post is a few hundred KB at most).
const MAX_ITEM_TEXT: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone)]
struct Attachment {
    url: String,
    alt: Option<String>,
}

/// What every post may need from the rest of the export.
#[derive(Debug, Default)]
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
    let mut unchanged = 0usize;
    let mut needs_second_pass = false;
    let mut notes = Vec::new();
    for f in files {
        let mut left_out = Vec::new();
        let result = scan(
            f,
            &["content:encoded", "excerpt:encoded", "wp:comment"],
            &mut left_out,
            &mut |e, _| {
                if e.name == "item" {
                    match identify(&ctx.site, &e) {
                        Identity::Post { key, version, .. } if imp.is_unchanged(&key, &version) => {
                            unchanged += 1
                        }
                        Identity::Left(note) => notes.push(note),
                        Identity::Post { .. } | Identity::Bad(_) => needs_second_pass = true,
                        Identity::Attachment => {}
                    }
                }
                gather(&mut ctx, e);
            },
        );
        // Problems are reported by the second pass, once.
        needs_second_pass |= result.is_err() || !left_out.is_empty();
        done += std::fs::metadata(f).map_or(0, |m| m.len());
        imp.set_position(done);
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
        let result = scan(f, &["wp:comment"], &mut problems, &mut |e, pos| {
            imp.set_position(start + pos);
            if e.name == "item" {
                item(&ctx, &name, e, imp);
            }
        });
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
/// uploads: what the fuzz target and the tests drive.
pub fn import_bytes(bytes: &[u8], name: &str, tz: Tz, imp: &mut impl Sink) {
    let mut ctx = Context {
        tz: Some(tz),
        ..Context::default()
    };
    let _ = scan_reader(
        bytes,
        &["content:encoded", "excerpt:encoded", "wp:comment"],
        &mut Vec::new(),
        &mut |e, _| gather(&mut ctx, e),
    );
    ctx.old_addresses(imp);
    let ctx = Arc::new(ctx);
    let mut problems = Vec::new();
    let result = scan_reader(bytes, &["wp:comment"], &mut problems, &mut |e, _| {
        if e.name == "item" {
            item(&ctx, name, e, imp);
        }
    });
    for err in problems.into_iter().chain(result.err()) {
        let (line, col) = xml::line_col(bytes, err.offset);
        imp.error(format!("{name}:{line}:{col}"), err.message);
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Calls `each` with every child of `<channel>` in the file at `path`.
fn scan(
    path: &Path,
    skip: &[&str],
    left_out: &mut Vec<XmlError>,
    each: &mut dyn FnMut(Element, u64),
) -> Result<(), XmlError> {
    let file = File::open(path).map_err(|e| XmlError {
        item_skipped: false,
        offset: 0,
        message: format!("cannot read: {e}"),
    })?;
    scan_reader(
        BufReader::with_capacity(256 * 1024, file),
        skip,
        left_out,
        each,
    )
}

/// Calls `each` with every child of `<channel>` (a post, an author, the version) and the
/// byte position after it; a child too large to keep is added to `left_out` instead.
fn scan_reader<R: BufRead>(
    input: R,
    skip: &[&str],
    left_out: &mut Vec<XmlError>,
    each: &mut dyn FnMut(Element, u64),
) -> Result<(), XmlError> {
    let mut reader = xml::reader(input);
    let limits = Limits {
        max_text: MAX_ITEM_TEXT,
        skip,
    };
    let mut buf = Vec::new();
    let mut inner = Vec::new();
    let mut depth = 0usize;
    let mut seen_root = false;
    let mut version_checked = false;
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
                return Ok(());
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

/// The first pass: authors, attachments and the site's addresses.
fn gather(ctx: &mut Context, e: Element) {
    ctx.terms.gather(&e);
    match e.name.as_str() {
        "wp:author" => {
            if let Some(login) = e.child_text("wp:author_login") {
                let name = e
                    .child_text("wp:author_display_name")
                    .unwrap_or_else(|| login.clone());
                ctx.authors.insert(login, name);
            }
        }
        "wp:base_site_url" | "wp:base_blog_url" => {
            let url = e.text().trim().trim_end_matches('/').to_string();
            if e.name == "wp:base_blog_url" && ctx.site.is_empty() {
                ctx.site = url.clone();
            }
            for u in [
                url.replacen("http://", "https://", 1),
                url.replacen("https://", "http://", 1),
            ] {
                if !u.is_empty() && !ctx.base_urls.contains(&u) {
                    ctx.base_urls.push(u);
                }
            }
        }
        "item" if e.child_text("wp:post_type").as_deref() == Some("attachment") => {
            let (Some(id), Some(url)) = (
                e.child_text("wp:post_id"),
                e.child_text("wp:attachment_url"),
            ) else {
                return;
            };
            let parent = e.child_text("wp:post_parent").unwrap_or_default();
            let alt = meta(&e, "_wp_attachment_image_alt").into_iter().next();
            if parent != "0" && !parent.is_empty() {
                ctx.children
                    .entry(parent.clone())
                    .or_default()
                    .push(id.clone());
            }
            ctx.attachments.insert(id, Attachment { url, alt });
        }
        _ => {}
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
