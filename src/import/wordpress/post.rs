//! One WordPress `<item>` into an [`Item`]: which post it is (its stable id), its
//! times in the site's zone, its body converted to Markdown, its image, and the old
//! URLs that must keep answering.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::Context;
use super::body::{embed_bare_urls, local_upload, rewrite_uploads, shortcodes};
use crate::import::article::{Item, decode_entities, dedup, plain_text};
use crate::import::html::{autop, has_paragraphs, to_markdown};
use crate::import::run::{Pending, Sink};
use crate::import::xml::Element;
use crate::parse::slug::{segment, slugify};

/// Values of the post meta `key`.
pub(super) fn meta(e: &Element, key: &str) -> Vec<String> {
    e.elements()
        .filter(|m| m.name == "wp:postmeta")
        .filter(|m| m.child_text("wp:meta_key").as_deref() == Some(key))
        .filter_map(|m| m.child_text("wp:meta_value"))
        .collect()
}

/// The ledger's key for post `id` of the blog at `site`.
pub(super) fn key(site: &str, id: &str) -> String {
    format!("wordpress:{site}/?p={id}")
}

/// What an `<item>` is, read from its few small fields.
pub(super) enum Identity {
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

/// Which post, page or attachment `e` is, from its few small fields, without
/// converting it (the first pass, and the check for an unchanged post).
pub(super) fn identify(site: &str, e: &Element) -> Identity {
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
        key: key(site, &id),
        id,
        version,
        kind,
        status,
    }
}

/// The second pass: one `<item>`, converted and handed to the sink.
pub(super) fn item(ctx: &Arc<Context>, file: &str, e: Element, imp: &mut impl Sink) {
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

pub(super) fn wp_time(text: Option<String>, tz: Tz, gmt: bool) -> Option<DateTime<FixedOffset>> {
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

pub(super) fn convert(
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
        std::borrow::Cow::Owned(autop(&html))
    };
    let html = embed_bare_urls(&html);
    let html = rewrite_uploads(ctx, &html, &mut item.copies, &mut item.notes);
    item.body = to_markdown(&html);
    Ok(item)
}

pub(super) fn is_image(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"]
        .iter()
        .any(|x| lower.ends_with(x))
}

/// The post's old addresses: its permalink, `/?p=ID` (and `/?page_id=ID` for a page),
/// and the permalink with every old slug WordPress remembers.
pub(super) fn aliases(e: &Element, id: &str, item: &Item, tz: Tz) -> Vec<String> {
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
