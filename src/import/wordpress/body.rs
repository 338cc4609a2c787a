//! A WordPress post's body on its way to Markdown: uploads copied from `--uploads`
//! and their URLs rewritten, bare embed URLs turned into embeds, and shortcodes
//! (gallery, caption, embed) rendered or reported.

use std::borrow::Cow;
use std::path::PathBuf;

use super::{Context, is_image};
use crate::import::html::{youtube_embed, youtube_id};
use crate::import::shortcode::{self, WpShortcode};

/// The part of an upload URL after `wp-content/uploads/`, if it is a safe relative path.
pub(super) fn upload_rel(url: &str) -> Option<&str> {
    let i = url.find("/wp-content/uploads/")?;
    let rel = &url[i + "/wp-content/uploads/".len()..];
    let rel = rel.split(['?', '#']).next()?;
    rel.split('/')
        .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'))
        .then_some(rel)
}

/// The site path of an upload copied from `--uploads`, or the URL as it was.
pub(super) fn local_upload(
    ctx: &Context,
    url: &str,
    copies: &mut Vec<(PathBuf, String)>,
    notes: &mut Vec<String>,
) -> String {
    let (Some(dir), Some(rel)) = (&ctx.uploads, upload_rel(url)) else {
        return url.to_string();
    };
    let src = dir.join(rel);
    if src.is_file() {
        copies.push((src, format!("static/uploads/{rel}")));
        format!("/uploads/{rel}")
    } else {
        notes.push(
            "uploads not found in the --uploads folder are linked at their old address".into(),
        );
        url.to_string()
    }
}

/// Points the body's links to the site's uploads at the copies, when `--uploads` is given.
pub(super) fn rewrite_uploads<'a>(
    ctx: &Context,
    html: &'a str,
    copies: &mut Vec<(PathBuf, String)>,
    notes: &mut Vec<String>,
) -> Cow<'a, str> {
    if ctx.uploads.is_none() || !html.contains("/wp-content/uploads/") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("/wp-content/uploads/") {
        // The URL starts after the quote before it.
        let start = rest[..i]
            .rfind(['"', '\'', '(', ' ', '\n'])
            .map_or(0, |q| q + 1);
        let end = rest[i..]
            .find(['"', '\'', ')', ' ', '\n', '<'])
            .map_or(rest.len(), |e| i + e);
        let url = &rest[start..end];
        let local =
            url.starts_with('/') || ctx.base_urls.iter().any(|b| url.starts_with(b.as_str()));
        out.push_str(&rest[..start]);
        if local {
            out.push_str(&local_upload(ctx, url, copies, notes));
        } else {
            out.push_str(url);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    copies.sort();
    copies.dedup();
    Cow::Owned(out)
}

/// A YouTube address alone on its line becomes its embed, as WordPress shows it.
pub(super) fn embed_bare_urls(html: &str) -> Cow<'_, str> {
    if !html.contains("youtu") {
        return Cow::Borrowed(html);
    }
    let lines: Vec<String> = html
        .lines()
        .map(|line| {
            let bare = line
                .trim()
                .trim_start_matches("<p>")
                .trim_end_matches("</p>")
                .trim();
            match youtube_id(bare) {
                Some(id) if bare.starts_with("http") && bare.contains("youtu") => {
                    youtube_embed(&id)
                }
                _ => line.to_string(),
            }
        })
        .collect();
    Cow::Owned(lines.join("\n"))
}

/// Renders the shortcodes WordPress itself ships; the others are left and noted.
pub(super) fn shortcodes<'a>(
    ctx: &Context,
    id: &str,
    html: &'a str,
    notes: &mut Vec<String>,
) -> Cow<'a, str> {
    if !html.contains('[') {
        return Cow::Borrowed(html);
    }
    let mut left = Vec::new();
    let out = shortcode::replace_wp(html, &mut left, |sc: &WpShortcode<'_>| {
        match sc.name.to_ascii_lowercase().as_str() {
            "caption" | "wp_caption" => Some(shortcode::caption(sc)),
            "embed" => sc.content.map(shortcode::embed),
            "youtube" => sc
                .attrs
                .get("url")
                .or(sc.attrs.get("0"))
                .map(|u| shortcode::embed(u)),
            "audio" | "video" => shortcode::media(sc),
            "gallery" => Some(gallery(ctx, id, sc)),
            _ => None,
        }
    });
    for name in left {
        notes.push(format!(
            "WordPress shortcode [{name}] left as written (no broadsheet equivalent)"
        ));
    }
    Cow::Owned(out)
}

pub(super) fn gallery(ctx: &Context, id: &str, sc: &WpShortcode<'_>) -> String {
    let ids: Vec<String> = match sc.attrs.get("ids") {
        Some(list) => list.split(',').map(|s| s.trim().to_string()).collect(),
        None => ctx.children.get(id).cloned().unwrap_or_default(),
    };
    let images: Vec<String> = ids
        .iter()
        .filter_map(|i| ctx.attachments.get(i))
        .filter(|a| is_image(&a.url))
        .map(|a| {
            format!(
                "<img src=\"{}\" alt=\"{}\" />",
                a.url,
                a.alt.as_deref().unwrap_or("").replace('"', "&quot;")
            )
        })
        .collect();
    format!("\n<p>{}</p>\n", images.join("\n"))
}
