//! Markdown bodies to HTML, and plain-text teasers. Every pulldown-cmark call lives here.
//! Input: Markdown text. Output: HTML and plain text; raw HTML is escaped, never trusted.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a Markdown body to HTML. Raw HTML in the source is shown as text.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// Plain text of the first paragraph, with smart punctuation applied.
pub fn first_paragraph_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => depth += 1,
            Event::End(TagEnd::Paragraph) if depth > 0 => break,
            Event::Text(t) | Event::Code(t) if depth > 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
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

/// Words in a Markdown source, for reading time.
pub fn word_count(markdown: &str) -> usize {
    markdown
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_on() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ \"q\"[^1]\n\n[^1]: note\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>x</del>"), "{html}");
        assert!(html.contains("“q”"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn raw_html_escaped() {
        let html = to_html("Hi <script>alert(1)</script>\n\n<div onclick=x>y</div>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn first_paragraph() {
        assert_eq!(
            first_paragraph_text("# H\n\nOne *two*\nthree.\n\nFour."),
            "One two three."
        );
    }

    #[test]
    fn truncate() {
        assert_eq!(truncate_words("one two three", 20), "one two three");
        assert_eq!(truncate_words("one two three four", 10), "one two…");
    }
}
