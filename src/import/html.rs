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
    let b = html.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        let tag = &b[i + 1..];
        let p = tag.first().is_some_and(|c| c.eq_ignore_ascii_case(&b'p'))
            && matches!(tag.get(1), Some(b'>' | b' '));
        p || tag
            .get(..7)
            .is_some_and(|t| t.eq_ignore_ascii_case(b"!-- wp:"))
    })
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

/// Sanitized HTML to Markdown. A body of plain markup (see [`plain`]) is converted
/// as it is: sanitizing would not change what the converter sees, and each HTML parse
/// is a tenth of an import's work.
pub fn to_markdown(html: &str) -> String {
    let md = match plain(html) {
        Some(plain) => converter().convert(&plain),
        None => converter().convert(&cleaner().clean(html).to_string()),
    };
    tidy(&md.unwrap_or_default())
}

/// Tags the sanitizer keeps as written when they carry no attributes. (Not `pre`:
/// the newline that may open it is dropped when the sanitizer writes it out again.)
const PLAIN_TAGS: &str = "a b blockquote br cite code dd del dl dt em figcaption figure \
    h1 h2 h3 h4 h5 h6 hr i ins li mark ol p q s small strong sub sup u ul";

/// The body without its comments, when every tag in it is one the sanitizer keeps
/// exactly as written: the tags of [`PLAIN_TAGS`] without attributes, and links
/// (`<a href="...">` alone) to web, mail and phone addresses and to paths of the
/// site, each closed in order and where HTML allows it ([`nests`]). `None` when
/// anything else is there (an attribute, another tag, a script, an odd comment, a
/// NUL, tag soup that the parser would rearrange): such a body is sanitized first.
fn plain(html: &str) -> Option<std::borrow::Cow<'_, str>> {
    let bytes = html.as_bytes();
    if memchr::memchr(0, bytes).is_some() {
        return None;
    }
    // The body with its comments cut, made only when there is one (block-editor
    // bodies hold a `<!-- wp:... -->` around every block).
    let mut cut: Option<String> = None;
    let mut copied = 0;
    let mut open: Vec<&str> = Vec::new();
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + j;
        let rest = &html[at..];
        if let Some(body) = rest.strip_prefix("<!--") {
            let end = body.find("-->")?;
            let text = &body[..end];
            let odd = text.starts_with('>')
                || text.starts_with("->")
                || text.ends_with('-')
                || text.contains("--")
                || text.contains(['<', '>']);
            if odd {
                return None;
            }
            let out = cut.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..at]);
            i = at + "<!--".len() + end + "-->".len();
            copied = i;
            continue;
        }
        let (len, tag) = plain_tag(rest)?;
        match tag {
            Tag::Text => {}
            Tag::Start(name) => {
                if !nests(&open, name) {
                    return None;
                }
                if !matches!(name, "br" | "hr") {
                    open.push(name);
                }
            }
            Tag::End(name) => {
                if open.pop() != Some(name) {
                    return None;
                }
            }
        }
        i = at + len;
    }
    if !open.is_empty() {
        return None;
    }
    Some(match cut {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            std::borrow::Cow::Owned(out)
        }
    })
}

/// What a `<` starts in a plain body.
enum Tag<'a> {
    /// Nothing: the `<` is text (`3 < 4`).
    Text,
    Start(&'a str),
    End(&'a str),
}

/// Whether `name` may open inside the elements `open` as written, so the parser
/// builds the tree the tags say: blocks only in blocks that hold blocks, list items
/// only in lists, text-level tags only in text, no link in a link. (Anything else is
/// tag soup the parser rearranges, and differently once written out again.)
fn nests(open: &[&str], name: &str) -> bool {
    let parent = open.last().copied().unwrap_or("");
    let holds_blocks = matches!(parent, "" | "blockquote" | "li" | "dd" | "figure");
    match name {
        "li" => matches!(parent, "ul" | "ol"),
        "dt" | "dd" => parent == "dl",
        "figcaption" => parent == "figure",
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "dl" | "blockquote"
        | "figure" | "hr" => holds_blocks,
        "a" => !open.contains(&"a") && !matches!(parent, "ul" | "ol" | "dl" | "figure"),
        _ => !matches!(parent, "ul" | "ol" | "dl" | "figure"),
    }
}

/// The length and kind of the plain tag `rest` starts with (`Tag::Text` when its `<`
/// is only text), or `None` when it is anything else.
fn plain_tag(rest: &str) -> Option<(usize, Tag<'_>)> {
    let b = rest.as_bytes();
    let end = b.get(1) == Some(&b'/');
    let name_at = 1 + usize::from(end);
    let name_len = b[name_at..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        // `<` before a space or a digit is text; `</ `, `<!x`, `<?x` are not.
        return matches!(b.get(1), Some(c) if !c.is_ascii_alphabetic() && !b"/!?".contains(c))
            .then_some((1, Tag::Text));
    }
    let name = &rest[name_at..name_at + name_len];
    if !PLAIN_TAGS.split(' ').any(|t| t == name) {
        return None;
    }
    let mut at = name_at + name_len;
    if !end && name == "a" {
        let value = rest[at..].strip_prefix(" href=\"")?;
        let value = &value[..value.find('"')?];
        let safe_start = ["http://", "https://", "mailto:", "tel:", "#"]
            .iter()
            .any(|s| value.starts_with(s))
            || (value.starts_with('/') && !value.starts_with("//"));
        let safe_chars = value
            .bytes()
            .all(|c| c.is_ascii_graphic() && !b"<>'`\\".contains(&c));
        if !safe_start || !safe_chars {
            return None;
        }
        at += " href=\"".len() + value.len() + 1;
    }
    at += b[at..].iter().take_while(|c| **c == b' ').count();
    if !end && matches!(name, "br" | "hr") && b.get(at) == Some(&b'/') {
        at += 1;
    }
    let tag = if end {
        Tag::End(name)
    } else {
        Tag::Start(name)
    };
    (b.get(at) == Some(&b'>')).then_some((at + 1, tag))
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
        assert!(has_paragraphs("<!-- WP:paragraph -->x"));
        assert!(has_paragraphs("a <p class=\"x\">b"));
        assert!(!has_paragraphs("<pre>x</pre> <param> <"));
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

    /// The converter's Markdown for `html` sanitized first, as a body that is not
    /// plain goes.
    fn sanitized_first(html: &str) -> String {
        let clean = cleaner().clean(html).to_string();
        tidy(&converter().convert(&clean).unwrap_or_default())
    }

    /// Pieces of plain bodies, as WordPress writes them.
    const PLAIN_PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<blockquote>",
        "</blockquote>",
        "<h2>",
        "</h2>",
        "<h1>",
        "</h1>",
        "<h6>",
        "</h6>",
        "<br />",
        "<br>",
        "<br/>",
        "<hr />",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<figure>",
        "</figure>",
        "<figcaption>",
        "</figcaption>",
        "<dl>",
        "<dt>",
        "<dd>",
        "</dl>",
        "<q>",
        "</q>",
        "<del>",
        "</del>",
        "<ins>",
        "<sub>",
        "</sub>",
        "<sup>",
        "<mark>",
        "<small>",
        "<s>",
        "<u>",
        "</u>",
        "<cite>",
        "</cite>",
        "</p >",
        "<a href=\"https://x.example/a?b=1&amp;c=2\">",
        "<a href=\"/2024/05/flood/\">",
        "<a href=\"#top\">",
        "<a href=\"mailto:desk@x.example\">",
        "<a href=\"tel:+925112\">",
        "</a>",
        "Text",
        "Karachi, May 3 (APP) –",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "a < b",
        "3<4",
        "&amp;",
        "&nbsp;",
        "&lt;script&gt;",
        "&#8217;",
        "*star*",
        "_u_",
        "1. x",
        "# h",
        "- item",
        "`tick`",
        "[x](y)",
        "> q",
        "\\",
        "اردو خبر",
        "\u{a0}",
        "<!-- wp:paragraph -->",
        "<!-- /wp:paragraph -->",
        "<!-- wp:list {\"ordered\":true} -->",
    ];

    /// Pieces that are not plain: each sends a body through the sanitizer.
    const OTHER_PIECES: &[&str] = &[
        "<script>alert(1)</script>",
        "<a href=\"javascript:x()\">",
        "<p class=\"x\">",
        "<span>",
        "<!-- a -- b -->",
        "<!---->",
        "<a href=\"//evil.example\">",
        "<P>",
        "<img src=\"x.jpg\">",
        "\0",
        "<!doctype html>",
        "</ x>",
        "<?php ?>",
        "<a>",
        "<a href='x'>",
        "<table>",
        "<iframe src=\"https://x.example\"></iframe>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// A body taken as plain converts to exactly what it would sanitized first.
        #[test]
        fn a_plain_body_converts_as_if_sanitized_first(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    12 => proptest::sample::select(PLAIN_PIECES),
                    1 => proptest::sample::select(OTHER_PIECES),
                ],
                0..30,
            )
        ) {
            let html = parts.concat();
            if let Some(plain) = plain(&html) {
                let direct = tidy(&converter().convert(&plain).unwrap_or_default());
                proptest::prop_assert_eq!(direct, sanitized_first(&html), "{:?}", html);
            }
        }
    }

    /// A small deterministic generator (xorshift) of well-nested plain bodies.
    struct Bodies(u64);

    impl Bodies {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }

        fn text(&mut self, out: &mut String) {
            let words = [
                "Text",
                "KARACHI, May 3 (APP) –",
                " ",
                "\n",
                "a < b",
                "&amp;",
                "&nbsp;",
                "*star*",
                "1. x",
                "# h",
                "`tick`",
                "[x](y)",
                "> q",
                "اردو خبر",
                "\u{a0}",
                "<!-- wp:x -->",
            ];
            for _ in 0..=self.below(3) {
                out.push_str(self.pick(&words));
            }
        }

        fn inline(&mut self, depth: usize, in_link: bool, out: &mut String) {
            for _ in 0..=self.below(3) {
                match self.below(if depth == 0 { 2 } else { 6 }) {
                    0 => self.text(out),
                    1 => out.push_str(self.pick(&["<br />", "<br>", " "])),
                    2 if !in_link => {
                        out.push_str(self.pick(&[
                            "<a href=\"https://x.example/a?b=1&amp;c=2\">",
                            "<a href=\"/2024/05/flood/\">",
                            "<a href=\"mailto:desk@x.example\">",
                        ]));
                        self.inline(depth - 1, true, out);
                        out.push_str("</a>");
                    }
                    _ => {
                        let tag = self.pick(&["em", "strong", "b", "i", "code", "sup", "del", "q"]);
                        out.push_str(&format!("<{tag}>"));
                        self.inline(depth - 1, in_link, out);
                        out.push_str(&format!("</{tag}>"));
                    }
                }
            }
        }

        fn block(&mut self, depth: usize, out: &mut String) {
            let tag = match self.below(if depth == 0 { 3 } else { 9 }) {
                0 | 1 => "p",
                2 => self.pick(&["h2", "h3", "h1", "hr"]),
                3 | 4 => self.pick(&["ul", "ol"]),
                5 => "blockquote",
                6 => "figure",
                7 => "dl",
                _ => "p",
            };
            out.push_str(&format!("<{tag}>"));
            match tag {
                "hr" => return,
                "ul" | "ol" => {
                    for _ in 0..=self.below(3) {
                        out.push_str("\n<li>");
                        match self.below(2) {
                            0 => self.inline(depth, false, out),
                            _ => self.block(depth - 1, out),
                        }
                        out.push_str("</li>");
                    }
                }
                "blockquote" => self.block(depth - 1, out),
                "figure" => {
                    out.push_str("<figcaption>");
                    self.inline(depth - 1, false, out);
                    out.push_str("</figcaption>");
                }
                "dl" => {
                    out.push_str("<dt>");
                    self.inline(depth - 1, false, out);
                    out.push_str("</dt><dd>");
                    self.block(depth - 1, out);
                    out.push_str("</dd>");
                }
                _ => self.inline(depth, false, out),
            }
            out.push_str(&format!("</{tag}>\n"));
        }
    }

    #[test]
    fn well_nested_plain_bodies_skip_the_sanitizer_and_convert_the_same() {
        let mut bodies = Bodies(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut html = String::new();
            for _ in 0..=bodies.below(4) {
                bodies.block(3, &mut html);
            }
            let plain = plain(&html).unwrap_or_else(|| panic!("not taken as plain: {html:?}"));
            let direct = tidy(&converter().convert(&plain).unwrap_or_default());
            assert_eq!(direct, sanitized_first(&html), "{html:?}");
        }
    }

    #[test]
    fn plain_bodies_are_told_from_those_to_sanitize() {
        for body in [
            "<!-- wp:paragraph -->\n<p>KARACHI – The <a href=\"https://x.example/\">port</a> \
             reopened.</p>\n<!-- /wp:paragraph -->",
            "<p>One<br />two</p>\n<p>3 < 4 &amp; <em>five</em></p>\n",
            "<h2>Later</h2><ul><li>one</li></ul><blockquote>Q</blockquote>",
            "",
            "no tags at all",
        ] {
            assert!(plain(body).is_some(), "{body}");
            assert_eq!(to_markdown(body), sanitized_first(body), "{body}");
        }
        assert_eq!(
            plain("<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->").as_deref(),
            Some("<p>x</p>")
        );
        for body in [
            "<p onclick=\"x()\">x</p>",
            "<p>x</p><script>alert(1)</script>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"https://x.example\" onmouseover=\"x()\">x</a>",
            "<a href=\"https://x.example/\\\">x</a>",
            "<img src=\"x.jpg\" onerror=\"x()\">",
            "<p>x<!-- unclosed",
            "<!--> <script>alert(1)</script> -->",
            "<style>p{}</style>",
            "<P>x</P>",
            "x\0y",
        ] {
            assert!(plain(body).is_none(), "{body}");
        }
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
