//! HTML bodies into Markdown: WordPress's paragraphs-from-blank-lines (autop),
//! sanitizing, and the conversion itself (htmd). Input: an HTML fragment. Output:
//! Markdown, with whatever Markdown cannot say (figures, embeds, tables with merged
//! cells) kept as sanitized HTML. Pure functions.

use std::sync::OnceLock;

use htmd::HtmlToMarkdown;
use htmd::options::{Options, TranslationMode};

/// Tags that start a block of their own: autop never wraps them in `<p>`.
const BLOCK_TAGS: [&str; 30] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "video",
];

/// True when the body already carries paragraph tags (the block editor, or HTML
/// written by hand), so autop must leave it alone.
pub fn has_paragraphs(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.contains("<p>") || lower.contains("<p ") || lower.contains("<!-- wp:")
}

/// WordPress's `wpautop`, in the part that matters for an import: blank lines
/// separate paragraphs, a single line break inside one is a `<br />`, and a chunk
/// that starts with a block tag is left as it is.
pub fn autop(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_pre = false;
    for chunk in split_blank_lines(&text) {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        let lower = chunk.to_ascii_lowercase();
        if in_pre || lower.starts_with("<pre") {
            // A <pre> keeps its blank lines: join it back as written.
            in_pre = !lower.contains("</pre>");
            out.push_str(chunk);
            out.push_str(if in_pre { "\n\n" } else { "\n" });
            continue;
        }
        if starts_with_block(&lower) {
            out.push_str(chunk);
            out.push('\n');
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br />"));
            out.push_str("</p>\n");
        }
    }
    out
}

fn split_blank_lines(text: &str) -> Vec<&str> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut blank_run = false;
    let mut line_start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            let line = &text[line_start..i];
            if line.trim().is_empty() && !blank_run {
                chunks.push(&text[start..line_start]);
                blank_run = true;
            }
            if !line.trim().is_empty() && blank_run {
                blank_run = false;
            }
            line_start = i + 1;
            if blank_run {
                start = line_start;
            }
        }
    }
    chunks.push(&text[start..]);
    chunks
}

fn starts_with_block(lower: &str) -> bool {
    let Some(rest) = lower.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    BLOCK_TAGS.contains(&name.as_str()) || rest.starts_with("!--")
}

fn converter() -> &'static HtmlToMarkdown {
    static CONVERTER: OnceLock<HtmlToMarkdown> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        HtmlToMarkdown::builder()
            .options(Options {
                // Whatever Markdown cannot say without losing something stays HTML.
                translation_mode: TranslationMode::Faithful,
                ..Options::default()
            })
            .skip_tags(vec!["script", "style", "noscript", "head"])
            .build()
    })
}

/// An import's own sanitizer: what the article format can carry, without the
/// presentational attributes (classes, styles, sizes) that would keep ordinary
/// markup from becoming Markdown. The build sanitizes raw HTML again by its policy.
fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["figure", "figcaption", "iframe", "video", "audio", "source"])
            .rm_tags(["span", "font", "center"])
            .add_tag_attributes("iframe", ["src", "title", "allowfullscreen"])
            .add_tag_attributes("video", ["src", "controls", "poster"])
            .add_tag_attributes("audio", ["src", "controls"])
            .add_tag_attributes("source", ["src", "type"])
            .rm_tag_attributes("img", ["width", "height"])
            .rm_tag_attributes("td", ["align", "char", "charoff"])
            .rm_tag_attributes("th", ["align", "char", "charoff"])
            .link_rel(None)
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
        b
    })
}

/// Sanitized HTML to Markdown.
pub fn to_markdown(html: &str) -> String {
    let clean = cleaner().clean(html).to_string();
    let md = converter().convert(&clean).unwrap_or_default();
    tidy(&md)
}

/// At most one blank line in a row, no trailing spaces but Markdown's hard breaks.
fn tidy(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    for line in md.lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A YouTube video id from a watch, short or embed URL.
pub fn youtube_id(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let id = if let Some(r) = rest.strip_prefix("youtu.be/") {
        r
    } else if let Some(r) = rest.strip_prefix("youtube.com/watch?") {
        r.split('&').find_map(|p| p.strip_prefix("v="))?
    } else if let Some(r) = rest.strip_prefix("youtube.com/embed/") {
        r
    } else if !rest.contains('/') && !rest.contains('.') {
        rest // a bare id
    } else {
        return None;
    };
    let id: String = id
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The embed for a YouTube video (a host the default `embed_hosts` allow).
pub fn youtube_embed(id: &str) -> String {
    format!(
        "<iframe src=\"https://www.youtube-nocookie.com/embed/{id}\" title=\"YouTube video\" allowfullscreen></iframe>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autop_makes_paragraphs_from_blank_lines() {
        let cases = [
            ("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>\n"),
            ("Line one\nline two", "<p>Line one<br />line two</p>\n"),
            (
                "Text.\n\n<blockquote>Q</blockquote>\n\n\n\nEnd.",
                "<p>Text.</p>\n<blockquote>Q</blockquote>\n<p>End.</p>\n",
            ),
            ("  \r\n", ""),
        ];
        for (input, want) in cases {
            assert_eq!(autop(input), want, "{input:?}");
        }
    }

    #[test]
    fn bodies_with_paragraphs_are_recognised() {
        assert!(has_paragraphs("<P>x</P>"));
        assert!(has_paragraphs("<!-- wp:paragraph -->\n<p>x</p>"));
        assert!(!has_paragraphs("a\n\nb <pre>x</pre>"));
    }

    #[test]
    fn ordinary_markup_becomes_markdown_and_the_rest_stays_sanitized_html() {
        let md = to_markdown(
            "<p class=\"lead\">The <strong>river</strong> rose <a href=\"https://x.org/a\" onclick=\"x()\">here</a>.</p>\
             <h2>Later</h2><ul><li>one</li><li>two</li></ul><script>alert(1)</script>\
             <figure><img src=\"/a.jpg\" alt=\"A\" width=\"10\"><figcaption>Cap</figcaption></figure>",
        );
        assert!(
            md.contains("The **river** rose [here](https://x.org/a)."),
            "{md}"
        );
        assert!(md.contains("## Later"), "{md}");
        assert!(md.contains("*   one") || md.contains("- one"), "{md}");
        assert!(!md.contains("alert") && !md.contains("onclick"), "{md}");
        assert!(md.contains("Cap"), "{md}");
    }

    #[test]
    fn youtube_ids_from_every_url_shape() {
        for url in [
            "https://www.youtube.com/watch?v=abc-12_X&t=3",
            "https://youtu.be/abc-12_X",
            "http://youtube.com/embed/abc-12_X",
            "abc-12_X",
        ] {
            assert_eq!(youtube_id(url).as_deref(), Some("abc-12_X"), "{url}");
        }
        assert_eq!(youtube_id("https://vimeo.com/1"), None);
    }
}
