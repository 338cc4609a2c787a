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

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use quick_xml::events::Event;

use super::article::{Item, decode_entities, dedup, plain_text};
use super::html::{autop, has_paragraphs, to_markdown};
use super::run::{Pending, Sink};
use super::xml::{self, Element, Limits, XmlError};
use crate::parse::slug::{segment, slugify};

mod body;
mod terms;

use body::{embed_bare_urls, local_upload, rewrite_uploads, shortcodes};

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

/// Values of the post meta `key`.
fn meta(e: &Element, key: &str) -> Vec<String> {
    e.elements()
        .filter(|m| m.name == "wp:postmeta")
        .filter(|m| m.child_text("wp:meta_key").as_deref() == Some(key))
        .filter_map(|m| m.child_text("wp:meta_value"))
        .collect()
}

/// The second pass: one `<item>`.
/// What an `<item>` is, read from its few small fields.
enum Identity {
    Post {
        id: String,
        key: String,
        version: String,
        kind: String,
        status: String,
    },
    Attachment,
    /// Not imported, with the note that says so.
    Left(String),
    Bad(String),
}

fn identify(site: &str, e: &Element) -> Identity {
    let id = e.child_text("wp:post_id").unwrap_or_default();
    let kind = e
        .child_text("wp:post_type")
        .unwrap_or_else(|| "post".into());
    let status = e
        .child_text("wp:status")
        .unwrap_or_else(|| "publish".into());
    match kind.as_str() {
        "post" | "page" => {}
        "attachment" => return Identity::Attachment,
        other => {
            return Identity::Left(format!(
                "WordPress items of type `{other}` are not imported"
            ));
        }
    }
    if matches!(status.as_str(), "trash" | "auto-draft" | "inherit") {
        return Identity::Left(format!(
            "WordPress posts with status `{status}` are not imported"
        ));
    }
    if id.is_empty() {
        return Identity::Bad("the item has no <wp:post_id>".into());
    }
    let version = e
        .child_text("wp:post_modified_gmt")
        .filter(|v| !v.starts_with("0000"))
        .or_else(|| e.child_text("wp:post_modified"))
        .or_else(|| e.child_text("wp:post_date_gmt"))
        .unwrap_or_default();
    Identity::Post {
        key: format!("wordpress:{site}/?p={id}"),
        id,
        version,
        kind,
        status,
    }
}

fn item(ctx: &Arc<Context>, file: &str, e: Element, imp: &mut impl Sink) {
    let (id, key, version, kind, status) = match identify(&ctx.site, &e) {
        Identity::Post {
            id,
            key,
            version,
            kind,
            status,
        } => (id, key, version, kind, status),
        Identity::Attachment => return,
        Identity::Left(note) => return imp.note(note),
        Identity::Bad(what) => {
            let id = e.child_text("wp:post_id").unwrap_or_default();
            return imp.error(format!("{file}: post {id}"), what);
        }
    };
    let origin = format!("{file}: post {id}");
    let ctx = Arc::clone(ctx);
    imp.found(Pending {
        key: key.clone(),
        version,
        origin,
        make: Box::new(move || convert(&ctx, &e, key, &id, &kind, &status)),
    });
}

fn wp_time(text: Option<String>, tz: Tz, gmt: bool) -> Option<DateTime<FixedOffset>> {
    let t = text?;
    let naive = NaiveDateTime::parse_from_str(t.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    if gmt {
        Some(
            Utc.from_utc_datetime(&naive)
                .with_timezone(&tz)
                .fixed_offset(),
        )
    } else {
        tz.from_local_datetime(&naive)
            .earliest()
            .map(|d| d.fixed_offset())
    }
}

fn convert(
    ctx: &Context,
    e: &Element,
    key: String,
    id: &str,
    kind: &str,
    status: &str,
) -> Result<Item, String> {
    let tz = ctx.tz.unwrap_or(chrono_tz::UTC);
    let title = decode_entities(&e.child_text("title").unwrap_or_default());
    if title.trim().is_empty() {
        return Err(
            "the post has no title (headline); give it one in WordPress or in the export".into(),
        );
    }
    let date = wp_time(e.child_text("wp:post_date_gmt"), tz, true)
        .or_else(|| wp_time(e.child_text("wp:post_date"), tz, false))
        .ok_or("the post has no date (neither wp:post_date_gmt nor wp:post_date)")?;
    let modified = wp_time(e.child_text("wp:post_modified_gmt"), tz, true)
        .or_else(|| wp_time(e.child_text("wp:post_modified"), tz, false));
    let post_name = e.child_text("wp:post_name").unwrap_or_default();
    let decoded_name = percent_encoding::percent_decode_str(&post_name).decode_utf8_lossy();
    let slug = match segment(&decoded_name) {
        s if s.is_empty() => slugify(&title, "post"),
        s => s,
    };
    let mut item = Item {
        key,
        page: kind == "page",
        title: title.trim().to_string(),
        date: Some(date),
        updated: modified.filter(|m| *m > date + chrono::Duration::minutes(1)),
        slug,
        featured: e.child_text("wp:is_sticky").as_deref() == Some("1"),
        ..Item::default()
    };
    match status {
        "draft" | "pending" | "private" => item.draft = true,
        "future" => item.embargo = Some(date),
        _ => {}
    }
    if e.child_text("wp:post_password").is_some() {
        item.draft = true;
        item.notes
            .push("password-protected WordPress posts are imported as drafts".into());
    }
    if e.child_text("wp:comment_status").as_deref() == Some("closed") {
        item.comments = Some(false);
    }
    if let Some(login) = e.child_text("dc:creator") {
        let name = ctx.authors.get(&login).cloned().unwrap_or(login);
        item.authors = vec![name];
    }
    let mut topics = Vec::new();
    let mut tags = Vec::new();
    for c in e.elements().filter(|c| c.name == "category") {
        let name = decode_entities(c.text().trim());
        match c.attr("domain") {
            Some("category") if c.attr("nicename") != Some("uncategorized") => topics.push(name),
            Some("post_tag") => tags.push(name),
            Some("post_format") => {
                let format = c
                    .attr("nicename")
                    .unwrap_or("")
                    .trim_start_matches("post-format-");
                if !format.is_empty() && format != "standard" {
                    item.extra.push(("format".into(), format.to_string()));
                }
            }
            _ => {}
        }
    }
    item.topics = dedup(topics);
    item.tags = dedup(tags);
    if let Some(excerpt) = e.child_text("excerpt:encoded") {
        let text = plain_text(&excerpt);
        if !text.is_empty() {
            item.summary = Some(text);
        }
    }
    item.aliases = aliases(e, id, &item, tz);
    // The image: the featured image, else the first attachment uploaded to the post.
    let thumbnail = meta(e, "_thumbnail_id").into_iter().next();
    let attachment = thumbnail
        .as_ref()
        .and_then(|t| ctx.attachments.get(t))
        .or_else(|| {
            ctx.children
                .get(id)
                .and_then(|c| c.iter().find_map(|a| ctx.attachments.get(a)))
                .filter(|a| is_image(&a.url))
        });
    if let Some(a) = attachment {
        item.image = Some(local_upload(ctx, &a.url, &mut item.copies, &mut item.notes));
        item.image_alt = a.alt.clone();
    }
    let html = e.child_text("content:encoded").unwrap_or_default();
    let html = shortcodes(ctx, id, &html, &mut item.notes);
    let html = if has_paragraphs(&html) {
        html
    } else {
        autop(&html)
    };
    let html = embed_bare_urls(&html);
    let html = rewrite_uploads(ctx, &html, &mut item.copies, &mut item.notes);
    item.body = to_markdown(&html);
    Ok(item)
}

fn is_image(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"]
        .iter()
        .any(|x| lower.ends_with(x))
}

/// The post's old addresses: its permalink, `/?p=ID` (and `/?page_id=ID` for a page),
/// and the permalink with every old slug WordPress remembers.
fn aliases(e: &Element, id: &str, item: &Item, tz: Tz) -> Vec<String> {
    let mut out = Vec::new();
    let link = e.child_text("link").and_then(|l| url_path(&l));
    if let Some(l) = &link {
        out.push(l.clone());
    }
    out.push(format!("/?p={id}"));
    if item.page {
        out.push(format!("/?page_id={id}"));
    }
    let name = e.child_text("wp:post_name").unwrap_or_default();
    if let Some(l) = &link
        && !name.is_empty()
    {
        let current = format!("/{name}/");
        for old in meta(e, "_wp_old_slug") {
            if l.contains(&current) {
                out.push(l.replacen(&current, &format!("/{old}/"), 1));
            }
        }
    }
    let own = match (item.page, item.date) {
        (false, Some(d)) => format!(
            "/{}/{}/",
            d.with_timezone(&tz).format("%Y/%m/%d"),
            item.slug
        ),
        _ => format!("/{}/", item.slug),
    };
    let mut seen = std::collections::HashSet::new();
    out.into_iter()
        .filter(|a| *a != own && seen.insert(a.clone()))
        .collect()
}

/// The path and query of an absolute URL (`https://x.org/a/b/?p=1` → `/a/b/?p=1`).
pub fn url_path(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let path = rest.find(['/', '?']).map_or("/", |i| &rest[i..]);
    let path = path.split('#').next().unwrap_or("/");
    Some(if path.starts_with('?') {
        format!("/{path}")
    } else {
        path.to_string()
    })
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
