//! The body's own photos made responsive: each `<img>` the Markdown wrote for one of
//! the article's processed photos ([`crate::images::Photos::body`]) becomes a
//! `<picture>` with `srcset`, `sizes`, `width`, `height`, lazy loading and the
//! placeholder colour, its `alt` and `title` kept as written; in a feed, a plain
//! `<img>` of the largest derivative with its size.
//! Input: the body HTML (as the Markdown renderer or the sanitizer wrote it) and the
//! article's photos. Output: the HTML. Any other markup is left byte for byte.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::views::{Urls, picture_view};
use crate::images::Picture;

/// `html` with the article's body photos as `<picture>` (or, for a feed, sized
/// `<img>`). Borrowed as it is when the body has none.
pub(super) fn responsive<'a>(
    html: Cow<'a, str>,
    photos: &BTreeMap<String, Picture>,
    urls: &Urls,
    feed: bool,
) -> Cow<'a, str> {
    if photos.is_empty() || !html.contains("<img ") {
        return html;
    }
    // The renderer writes `src` through `escape_href`; compare in that form.
    let by_src: BTreeMap<String, &Picture> = photos
        .iter()
        .map(|(src, p)| {
            let mut escaped = String::new();
            let _ = pulldown_cmark_escape::escape_href(&mut escaped, src);
            (escaped, p)
        })
        .collect();
    let mut out = String::with_capacity(html.len() + 512 * photos.len());
    let mut rest: &str = &html;
    while let Some(at) = rest.find("<img ") {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let Some((attrs, len)) = attributes(&tag[4..]) else {
            out.push_str(tag);
            rest = "";
            break;
        };
        let len = len + 4;
        let picture = attrs
            .iter()
            .find(|(n, _)| *n == "src")
            .and_then(|(_, v)| by_src.get(*v));
        match picture {
            Some(p) => out.push_str(&markup(p, &attrs, urls, feed)),
            None => out.push_str(&tag[..len]),
        }
        rest = &tag[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The markup for one photo, with the written `alt` and `title` (already escaped).
fn markup(p: &Picture, attrs: &[(&str, &str)], urls: &Urls, feed: bool) -> String {
    let v = picture_view(urls, p);
    let kept: String = ["alt", "title"]
        .iter()
        .filter_map(|name| {
            attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(n, value)| format!(" {n}=\"{value}\""))
        })
        .collect();
    let alt = if kept.contains(" alt=\"") {
        ""
    } else {
        " alt=\"\""
    };
    if feed {
        return format!(
            "<img src=\"{}\" width=\"{}\" height=\"{}\"{kept}{alt}>",
            v.src, v.width, v.height
        );
    }
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\"{kept}{alt} loading=\"lazy\" decoding=\"async\" style=\"background-color:{}\"></picture>",
        v.srcset_webp, v.sizes, v.src, v.srcset, v.sizes, v.width, v.height, v.colour
    )
}

/// The attributes of a tag from just after its name, as `(name, raw value)`, and the
/// length up to and including its `>`. `None` for a tag that never closes. Values
/// stay as written (escaped); quotes, single or double, may hold `>`.
fn attributes(s: &str) -> Option<(Vec<(&str, &str)>, usize)> {
    let bytes = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if *bytes.get(i)? == b'>' {
            return Some((attrs, i + 1));
        }
        let start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = &s[start..i];
        if bytes.get(i) != Some(&b'=') {
            attrs.push((name, ""));
            continue;
        }
        i += 1;
        let value = match bytes.get(i)? {
            q @ (b'"' | b'\'') => {
                let end = i + 1 + s[i + 1..].find(char::from(*q))?;
                let v = &s[i + 1..end];
                i = end + 1;
                v
            }
            _ => {
                let v0 = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                &s[v0..i]
            }
        };
        attrs.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_with_quotes_holding_anything() {
        let (attrs, len) =
            attributes(r#" src="a b.jpg" alt='x > y' title="t" />rest"#).expect("closes");
        assert_eq!(
            attrs,
            [("src", "a b.jpg"), ("alt", "x > y"), ("title", "t")]
        );
        assert_eq!(len, r#" src="a b.jpg" alt='x > y' title="t" />"#.len());
        assert_eq!(
            attributes(" src=x.jpg hidden>").unwrap().0,
            [("src", "x.jpg"), ("hidden", "")]
        );
        for open in [" src=\"x", " src=", " alt=\"a\"", ""] {
            assert!(attributes(open).is_none(), "{open}");
        }
    }
}
