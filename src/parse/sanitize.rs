//! Raw HTML written inside article bodies: an allowlist sanitizer (ammonia) and a
//! scan that tells the writer what the sanitizer drops.
//! Input: HTML text and the hosts iframes may come from. Output: safe HTML, notes.
//! Pure; every ammonia and html5ever call of `parse/` lives here.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;

use ammonia::Builder;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    states::RawKind,
};

/// URL schemes a link or image in an article may use; anything else
/// (`javascript:`, `vbscript:`, `data:`, …) is removed.
pub const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Asked of every iframe: sandboxed, so an embed cannot navigate the page away.
const IFRAME_SANDBOX: &str = "allow-scripts allow-same-origin allow-popups allow-presentation";

/// The scheme of `url` in lower case (`javascript` for ` Java\tScript:x`), or `None`
/// for a relative URL. Browsers drop ASCII tabs, newlines and leading spaces and
/// controls before reading a scheme, so this does too.
pub fn url_scheme(url: &str) -> Option<String> {
    // Within the first 40 characters, tabs and line breaks left out: the text
    // before the first `:`, unless a `/`, `?` or `#` comes first.
    let mut scheme = String::new();
    for c in url
        .trim_start_matches(|c: char| c.is_ascii_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(40)
    {
        match c {
            ':' => return Some(scheme),
            '/' | '?' | '#' => return None,
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    None
}

/// True when `url` is relative or uses one of [`SAFE_SCHEMES`].
pub fn is_safe_url(url: &str) -> bool {
    url_scheme(url).is_none_or(|s| SAFE_SCHEMES.contains(&s.as_str()))
}

/// True for an `https://` URL whose host is one of `hosts`.
fn is_allowed_embed(src: &str, hosts: &[String]) -> bool {
    let Some(rest) = src.trim().strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // No user info (`https://www.youtube.com@evil.example/`) and no port games.
    if authority.contains(['@', '\\']) {
        return false;
    }
    let host = authority
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    hosts.contains(&host)
}

fn builder(embed_hosts: &[String]) -> Builder<'static> {
    let mut b = Builder::default();
    b.add_tags(["iframe", "video", "audio", "source", "track", "picture"])
        .add_tag_attributes(
            "iframe",
            [
                "src",
                "width",
                "height",
                "title",
                "allowfullscreen",
                "loading",
                "frameborder",
            ],
        )
        .add_tag_attributes(
            "video",
            [
                "src",
                "controls",
                "width",
                "height",
                "poster",
                "preload",
                "muted",
                "loop",
                "playsinline",
            ],
        )
        .add_tag_attributes("audio", ["src", "controls", "preload", "loop"])
        .add_tag_attributes("source", ["src", "type", "media"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
        .add_tag_attributes("img", ["loading"])
        // pulldown-cmark's table alignment.
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(["text-align"].into_iter().collect())
        // Code languages, footnotes, and embed markup such as `twitter-tweet`.
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("pre", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("figure", ["class"])
        .add_tag_attributes("blockquote", ["class"])
        .add_tag_attributes("div", ["class", "id"])
        .url_schemes(SAFE_SCHEMES.into_iter().collect())
        .set_tag_attribute_value("iframe", "sandbox", IFRAME_SANDBOX);
    let hosts = embed_hosts.to_vec();
    b.attribute_filter(move |element, attribute, value| {
        if element == "iframe" && attribute == "src" && !is_allowed_embed(value, &hosts) {
            None
        } else {
            Some(Cow::Borrowed(value))
        }
    });
    b
}

/// Sanitizes rendered HTML: ordinary markup, images, media and iframes from
/// `embed_hosts` (https only) stay; scripts, styles, event handlers, forms and
/// unsafe URLs go.
pub fn clean(html: &str, embed_hosts: &[String]) -> String {
    empty_iframes(&builder(embed_hosts).clean(html).to_string())
}

/// Drops whatever the sanitizer left between `<iframe …>` and `</iframe>`. Browsers
/// read it as inert text, but a feed reader with a lesser parser might read it as
/// markup, and it is never meant to be shown.
///
/// Works on the sanitizer's own serialization: there a literal `<` is a tag start,
/// inside a double-quoted attribute value, or inside an iframe; comments are gone.
fn empty_iframes(html: &str) -> String {
    if !html.contains("<iframe") {
        return html.to_string();
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        // A tag: find its end, skipping `>` inside quoted values.
        let start = i;
        let mut quoted = false;
        while i < bytes.len() && (quoted || bytes[i] != b'>') {
            quoted ^= bytes[i] == b'"';
            i += 1;
        }
        i = (i + 1).min(bytes.len());
        let tag = &html[start..i];
        let is_iframe = tag
            .strip_prefix("<iframe")
            .is_some_and(|r| r.starts_with([' ', '>', '/']));
        if is_iframe {
            out.push_str(&html[copied..i]);
            let close = html[i..].find("</iframe>").map_or(bytes.len(), |c| i + c);
            copied = close;
            i = close;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// What [`clean`] will drop from `raw` that a writer would want to know about,
/// as `(line in raw, 1-based, message)`, each kind reported once.
pub fn removals(raw: &str, embed_hosts: &[String]) -> Vec<(usize, String)> {
    let allowed_tags: HashSet<&str> = builder(embed_hosts).clone_tags();
    let sink = Scan {
        allowed_tags,
        embed_hosts,
        found: RefCell::new(Vec::new()),
    };
    let queue = BufferQueue::default();
    queue.push_back(raw.into());
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut found = tokenizer.sink.found.into_inner();
    let mut seen = HashSet::new();
    found.retain(|(_, m)| seen.insert(m.clone()));
    found
}

struct Scan<'a> {
    allowed_tags: HashSet<&'static str>,
    embed_hosts: &'a [String],
    found: RefCell<Vec<(usize, String)>>,
}

impl TokenSink for Scan<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name: &str = &tag.name;
        let line = line as usize;
        let mut found = self.found.borrow_mut();
        if !self.allowed_tags.contains(name) {
            let what = match name {
                "script" | "style" => "and its content were removed",
                _ => "is not allowed and was removed",
            };
            found.push((line, format!("raw HTML: the <{name}> element {what}")));
        }
        for attr in &tag.attrs {
            let attr_name: &str = &attr.name.local;
            let value: &str = &attr.value;
            if attr_name.starts_with("on") {
                found.push((
                    line,
                    format!("raw HTML: the event handler `{attr_name}` was removed"),
                ));
            } else if matches!(
                attr_name,
                "href" | "src" | "action" | "formaction" | "poster" | "data" | "xlink:href"
            ) && !is_safe_url(value)
            {
                let scheme = url_scheme(value).unwrap_or_default();
                found.push((
                    line,
                    format!("raw HTML: a `{scheme}:` URL in `{attr_name}` was removed"),
                ));
            } else if name == "iframe"
                && attr_name == "src"
                && !is_allowed_embed(value, self.embed_hosts)
            {
                found.push((
                    line,
                    format!(
                        "raw HTML: the iframe from `{}` was emptied: only https embeds from `embed_hosts` are kept",
                        value.chars().take(60).collect::<String>()
                    ),
                ));
            }
        }
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "iframe" | "noscript" | "xmp" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        vec!["www.youtube.com".into()]
    }

    #[test]
    fn schemes() {
        let cases = [
            ("https://x.org/", Some("https")),
            ("/a/b", None),
            ("a:b/c", Some("a")),
            ("a/b:c", None),
            ("#x:y", None),
            (" JavaScript:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("\u{1}javascript:x", Some("javascript")),
            ("mailto:a@b", Some("mailto")),
        ];
        for (url, want) in cases {
            assert_eq!(url_scheme(url).as_deref(), want, "{url:?}");
        }
        assert!(is_safe_url("tel:+92"));
        assert!(!is_safe_url("data:text/html,x"));
    }

    #[test]
    fn keeps_ordinary_markup_and_allowed_embeds() {
        let html = r#"<p>A <b>bold</b> <a href="/x/">link</a></p><table><tr><th style="text-align: center">h</th></tr></table><iframe src="https://www.youtube.com/embed/abc" width="560" allowfullscreen></iframe>"#;
        let out = clean(html, &hosts());
        assert!(out.contains("<b>bold</b>"), "{out}");
        assert!(out.contains(r#"href="/x/""#), "{out}");
        assert!(out.contains(r#"style="text-align:center""#), "{out}");
        assert!(
            out.contains(r#"src="https://www.youtube.com/embed/abc""#),
            "{out}"
        );
        assert!(out.contains("sandbox="), "{out}");
    }

    #[test]
    fn drops_scripts_handlers_and_bad_urls() {
        let html = r#"<script>alert(1)</script><img src="x.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a><iframe src="https://evil.example/"></iframe><iframe src="http://www.youtube.com/embed/x"></iframe><iframe src="https://www.youtube.com@evil.example/"></iframe><style>body{}</style><form action="/x"><input></form><svg onload="alert(4)"></svg><th style="background:url(javascript:alert(5))">"#;
        let out = clean(html, &hosts());
        for bad in [
            "<script",
            "alert",
            "onerror",
            "javascript",
            "evil",
            "http://",
            "<style",
            "<form",
            "<svg",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains(r#"<img src="x.png">"#), "{out}");
    }

    #[test]
    fn iframes_are_emptied() {
        let hosts = hosts();
        let cases = [
            (
                "<iframe src=\"https://www.youtube.com/x\"><script>alert(1)</script></iframe><p>after</p>",
                "<iframe src=\"https://www.youtube.com/x\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\"></iframe><p>after</p>",
            ),
            (
                "<p title=\"<iframe>\">a</p><iframe>x<b>y</b></iframe>b",
                "<p title=\"&lt;iframe&gt;\">a</p><iframe sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\"></iframe>b",
            ),
            ("<p>no frames</p>", "<p>no frames</p>"),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input, &hosts), want, "{input}");
        }
        assert_eq!(empty_iframes("<iframe>unclosed"), "<iframe>");
        assert_eq!(
            empty_iframes("<p title=\"<iframe>\">a</p><iframe a=\">\">x</iframe>"),
            "<p title=\"<iframe>\">a</p><iframe a=\">\"></iframe>"
        );
        assert_eq!(
            empty_iframes("<iframes>x</iframes>"),
            "<iframes>x</iframes>"
        );
    }

    #[test]
    fn scan_reports_what_goes() {
        let raw = "<div onclick=\"x()\">a</div>\n<script>var s = '<a href=\"javascript:1\">';</script>\n<iframe src=\"https://evil.example/\"></iframe>\n<a href=\" javascript:y\">b</a>\n<b>fine</b>\n";
        let found = removals(raw, &hosts());
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(found[0].0, 1);
        assert!(messages[0].contains("`onclick`"), "{messages:?}");
        assert!(messages[1].contains("<script>"), "{messages:?}");
        assert!(messages[2].contains("evil.example"), "{messages:?}");
        assert!(messages[3].contains("`javascript:`"), "{messages:?}");
        assert_eq!(found[3].0, 4);
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(removals("<p><b>ok</b></p>", &hosts()).is_empty());
    }
}
