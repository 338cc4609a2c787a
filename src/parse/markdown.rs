//! Markdown bodies to HTML, and plain-text teasers. Every pulldown-cmark call lives here.
//! Input: Markdown text and the site's raw HTML policy. Output: HTML and plain text,
//! plus notes on what was removed. Raw HTML is sanitized, escaped or (only when the
//! site says so) passed through; links and images with unsafe URL schemes are removed.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use super::sanitize;
use crate::config::{MarkdownConfig, RawHtml};

/// Something the renderer removed from the writer's Markdown, at a byte offset of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub offset: usize,
    pub message: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a Markdown body to HTML under the site's raw HTML policy:
/// `sanitize` (the default) keeps allowlisted markup, `escape` shows raw HTML as
/// text, `allow` passes it through. Except under `allow`, links and images whose
/// URL scheme is not http, https, mailto or tel lose their URL.
pub fn to_html(markdown: &str, policy: &MarkdownConfig) -> (String, Vec<Note>) {
    let r = render(markdown, policy);
    (r.html, r.notes)
}

/// A Markdown body rendered once: its HTML, the notes on what was removed, and the
/// plain text of its first paragraph (as [`first_paragraph_text`] gives it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub notes: Vec<Note>,
    pub first_paragraph: String,
    /// The body's images with a path of this site (`flood.jpg`, `/images/x.jpg`, not
    /// a full URL), as `(offset, path)` in the order written: the images stage
    /// processes them as it does the story photo.
    pub images: Vec<(usize, String)>,
}

/// Whether an image path is one of the site's own files (beside the article or under
/// `static/`), not a URL elsewhere.
pub fn is_local_image(dest: &str) -> bool {
    !(dest.is_empty()
        || dest.contains("://")
        || dest.starts_with("//")
        || dest.starts_with('#')
        || dest.starts_with('?')
        || sanitize::url_scheme(dest).is_some())
}

/// [`to_html`] and [`first_paragraph_text`] from one parse of the Markdown.
pub fn render(markdown: &str, policy: &MarkdownConfig) -> Rendered {
    let mut notes = Vec::new();
    let mut first = FirstParagraph::default();
    // Raw HTML fragments with their offsets, for the sanitizer's report.
    let mut raw: Vec<(usize, String)> = Vec::new();
    let checked = policy.raw_html != RawHtml::Allow;
    let mut unsafe_url = |url: &str, offset: usize, what: &str| -> bool {
        let bad = checked && !sanitize::is_safe_url(url);
        if bad {
            let scheme = sanitize::url_scheme(url).unwrap_or_default();
            notes.push(Note {
                offset,
                message: format!("the {what} to a `{scheme}:` URL was removed; its text is kept"),
            });
        }
        bad
    };
    // For each open link and image: whether it was removed, so its end is too. A
    // removed link or image leaves its text (an image, its alt text), never an
    // element without its URL.
    let mut open_links: Vec<bool> = Vec::new();
    let mut open_images: Vec<bool> = Vec::new();
    let mut images = Vec::new();
    // Events go straight into the HTML writer: collecting them first cost a growing
    // vector per body.
    let events = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(event, range)| {
            first.see(&event);
            (event, range)
        })
        .filter_map(|(event, range)| match event {
            Event::Html(h) | Event::InlineHtml(h) if policy.raw_html == RawHtml::Escape => {
                Some(Event::Text(h))
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if policy.raw_html == RawHtml::Sanitize {
                    raw.push((range.start, h.to_string()));
                }
                Some(Event::Html(h))
            }
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let removed = unsafe_url(dest_url, range.start, "link");
                open_links.push(removed);
                (!removed).then_some(event)
            }
            Event::End(TagEnd::Link) => (!open_links.pop().unwrap_or(false)).then_some(event),
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                let removed = unsafe_url(dest_url, range.start, "image");
                if !removed && is_local_image(dest_url) {
                    images.push((range.start, dest_url.to_string()));
                }
                open_images.push(removed);
                (!removed).then_some(event)
            }
            Event::End(TagEnd::Image) => (!open_images.pop().unwrap_or(false)).then_some(event),
            other => Some(other),
        });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    if !raw.is_empty() {
        // Markdown alone renders safe HTML; only bodies with raw HTML pay for the sanitizer.
        out = sanitize::clean(&out, &policy.embed_hosts);
        notes.extend(raw_notes(&raw, &policy.embed_hosts));
    }
    notes.sort_by_key(|n| n.offset);
    Rendered {
        html: out,
        notes,
        first_paragraph: first.text.trim().to_string(),
        images,
    }
}

/// The sanitizer's removals, each pointed at the raw fragment it came from.
fn raw_notes(raw: &[(usize, String)], embed_hosts: &[String]) -> Vec<Note> {
    // One text with a line per fragment start, so a line number finds its fragment.
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(raw.len());
    for (offset, fragment) in raw {
        starts.push((joined.matches('\n').count() + 1, *offset));
        joined.push_str(fragment);
        if !fragment.ends_with('\n') {
            joined.push('\n');
        }
    }
    sanitize::removals(&joined, embed_hosts)
        .into_iter()
        .map(|(line, message)| {
            let i = starts
                .partition_point(|&(l, _)| l <= line)
                .saturating_sub(1);
            Note {
                offset: starts.get(i).map(|&(_, o)| o).unwrap_or(0),
                message,
            }
        })
        .collect()
}

/// Plain text of the first paragraph, with smart punctuation applied.
pub fn first_paragraph_text(markdown: &str) -> String {
    let mut first = FirstParagraph::default();
    for event in Parser::new_ext(markdown, options()) {
        if first.see(&event) {
            break;
        }
    }
    first.text.trim().to_string()
}

/// Collects the text of the first paragraph from a stream of events: the text a
/// reader sees, so never what sits between raw `<script>` or `<style>` tags (the
/// sanitizer removes it from the page; summaries, meta descriptions and feeds are
/// made from this text).
#[derive(Default)]
struct FirstParagraph {
    text: String,
    depth: usize,
    done: bool,
    /// Inside a raw element whose content is never shown (`script`, `style`).
    hidden: Option<&'static str>,
}

/// Raw elements whose content is no text to show.
const HIDDEN_ELEMENTS: [&str; 4] = ["script", "style", "template", "noscript"];

/// The element `<name ...>` opens, if it is one of [`HIDDEN_ELEMENTS`].
fn opens_hidden(html: &str) -> Option<&'static str> {
    let rest = html.trim_start().strip_prefix('<')?;
    HIDDEN_ELEMENTS.into_iter().find(|name| {
        rest.get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && rest[name.len()..].starts_with(['>', ' ', '/', '\t', '\n'])
    })
}

/// True when `html` holds `</name`.
fn closes(html: &str, name: &str) -> bool {
    html.to_ascii_lowercase().contains(&format!("</{name}"))
}

impl FirstParagraph {
    /// Takes in one event; true once the first paragraph has ended.
    fn see(&mut self, event: &Event) -> bool {
        if self.done {
            return true;
        }
        // `Before <script>x</script> after`: one space where the element was.
        if let Event::Text(t) = event
            && self.depth > 0
            && self.text.ends_with(' ')
            && t.starts_with(' ')
            && self.hidden.is_none()
        {
            self.text.push_str(t.trim_start_matches(' '));
            return false;
        }
        match event {
            Event::InlineHtml(h) | Event::Html(h) if self.depth > 0 => match self.hidden {
                Some(name) if closes(h, name) => self.hidden = None,
                Some(_) => {}
                None => {
                    self.hidden = opens_hidden(h).filter(|name| !closes(h, name));
                }
            },
            Event::End(TagEnd::Paragraph) if self.depth > 0 => self.done = true,
            _ if self.hidden.is_some() => {}
            Event::Start(Tag::Paragraph) => self.depth += 1,
            Event::Text(t) | Event::Code(t) if self.depth > 0 => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.depth > 0 => self.text.push(' '),
            _ => {}
        }
        self.done
    }
}

/// Cuts `text` at a word boundary to at most `max` characters, adding `…`.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
    )
}

/// Words in a Markdown source, for reading time: runs of non-whitespace with at
/// least one letter or digit. One pass over the bytes, without branches on ASCII
/// text; only non-ASCII characters are decoded.
pub fn word_count(markdown: &str) -> usize {
    let mut count = 0;
    // 1 while the current run of non-whitespace has a letter or digit.
    let mut counted = 0;
    let mut step = |class: u8| {
        let (space, alnum) = (usize::from(class & SPACE), usize::from(class >> 1));
        count += counted & space;
        counted = (counted | alnum) & (space ^ 1);
    };
    let mut rest = markdown;
    loop {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        for b in rest[..ascii].bytes() {
            step(ASCII_CLASS[usize::from(b)]);
        }
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        step(u8::from(c.is_whitespace()) | u8::from(c.is_alphanumeric()) << 1);
    }
    count + counted
}

/// [`word_count`]'s classes: whitespace (as `char::is_whitespace`: also vertical tab and
/// form feed), and letters or digits.
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = if matches!(b as u8, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(raw_html: RawHtml) -> MarkdownConfig {
        MarkdownConfig {
            raw_html,
            ..MarkdownConfig::default()
        }
    }

    fn html(markdown: &str) -> String {
        to_html(markdown, &MarkdownConfig::default()).0
    }

    #[test]
    fn extensions_on() {
        let html = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ \"q\"[^1]\n\n[^1]: note\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>x</del>"), "{html}");
        assert!(html.contains("“q”"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    const HOSTILE: &str = "Hi <script>alert(1)</script>\n\n<div onclick=x>y</div>\n\n[a](javascript:alert(2)) ![i](JAVASCRIPT:alert(3)) <javascript:alert(4)>\n";

    #[test]
    fn raw_html_escaped() {
        let (html, notes) = to_html(HOSTILE, &policy(RawHtml::Escape));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("src=\"javascript"), "{html}");
        assert_eq!(notes.len(), 3, "{notes:?}");
    }

    #[test]
    fn raw_html_sanitized() {
        let (html, notes) = to_html(HOSTILE, &policy(RawHtml::Sanitize));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("alert(1)"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.to_lowercase().contains("=\"javascript"), "{html}");
        assert!(html.contains("<div>y</div>"), "{html}");
        let messages: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("<script>")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("onclick")),
            "{messages:?}"
        );
        assert_eq!(notes[0].offset, 3, "{notes:?}");
    }

    #[test]
    fn raw_html_allowed() {
        let (html, notes) = to_html(HOSTILE, &policy(RawHtml::Allow));
        assert!(html.contains("<script>alert(1)</script>"), "{html}");
        assert!(notes.is_empty());
    }

    #[test]
    fn plain_markdown_renders_the_same_under_every_policy() {
        let md = "# T\n\nA *b* [c](/d/ \"t\") ![e](https://x.org/f.jpg)\n\n```rust\nfn x() {}\n```\n\n| a |\n|:-:|\n| 1 |\n\nNote[^1]\n\n[^1]: n\n";
        let escaped = to_html(md, &policy(RawHtml::Escape)).0;
        assert_eq!(to_html(md, &policy(RawHtml::Sanitize)).0, escaped);
        assert_eq!(to_html(md, &policy(RawHtml::Allow)).0, escaped);
        // With raw HTML present the sanitizer runs over everything, and keeps it.
        let (mixed, _) = to_html(&format!("{md}\n<b>x</b>\n"), &policy(RawHtml::Sanitize));
        for kept in [
            "<h1>T</h1>",
            "class=\"language-rust\"",
            "style=\"text-align:center\"",
            "class=\"footnote-definition\"",
            "<b>x</b>",
            "href=\"/d/\"",
        ] {
            assert!(mixed.contains(kept), "{kept} in {mixed}");
        }
    }

    #[test]
    fn script_text_never_reaches_the_first_paragraph() {
        for md in [
            "Before. <script>alert(1)</script> After.",
            "Before. <SCRIPT type=\"x\">alert(1)</SCRIPT> After.",
            "Before. <style>p{}</style><script>\nalert(1)\n</script> After.",
        ] {
            for raw_html in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
                let r = render(md, &policy(raw_html));
                assert_eq!(r.first_paragraph, "Before. After.", "{md:?} {raw_html:?}");
            }
            assert!(!html(md).contains("alert"), "{md:?}");
        }
        // An unclosed script ends with its paragraph.
        assert_eq!(first_paragraph_text("Lead <script>x\n\nSecond."), "Lead");
    }

    #[test]
    fn a_removed_link_or_image_leaves_its_text() {
        let (html, notes) = to_html(
            "Read [the report](javascript:alert(1)) or ![the chart](vbscript:x) \
             [here](/ok/) and [![logo](/l.png)](data:text/html,x).",
            &MarkdownConfig::default(),
        );
        assert_eq!(
            html,
            "<p>Read the report or the chart <a href=\"/ok/\">here</a> and <img src=\"/l.png\" alt=\"logo\" />.</p>\n"
        );
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].message.contains("its text is kept"), "{notes:?}");
    }

    #[test]
    fn first_paragraph() {
        assert_eq!(
            first_paragraph_text("# H\n\nOne *two*\nthree.\n\nFour."),
            "One two three."
        );
    }

    #[test]
    fn render_gives_the_first_paragraph_too() {
        for md in [
            "# H\n\nOne *two*\nthree.\n\nFour.",
            "> Quoted <b>x</b> `code`  \nline\n\nAfter.",
            "- item\n\n  para in item\n\nTop ![alt *e*](x.png) [l](javascript:x).",
            "",
            "<div>raw</div>\n\nText &amp; \"q\"[^1]\n\n[^1]: note",
        ] {
            for raw_html in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
                let r = render(md, &policy(raw_html));
                assert_eq!(r.first_paragraph, first_paragraph_text(md), "{md:?}");
                assert_eq!((r.html, r.notes), to_html(md, &policy(raw_html)), "{md:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_count_counts_whitespace_separated_words(
            text in r"(\PC|[ \t\n\r\x0b\x0c\u{85}\u{a0}\u{2003}\u{3000}]|[a-z0-9]{1,4}|[-*#>_]){0,40}"
        ) {
            let want = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(word_count(&text), want);
        }
    }

    #[test]
    fn truncate() {
        assert_eq!(truncate_words("one two three", 20), "one two three");
        assert_eq!(truncate_words("one two three four", 10), "one two…");
    }
}
