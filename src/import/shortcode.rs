//! Shortcodes: WordPress's `[name attr="v"]…[/name]`, Hugo's `{{< name … >}}` and
//! `{{% name … %}}`, and Zola's `{{ name(attr="v") }}`. Input: a body. Output: the body
//! with the simple ones rendered (figures and captions, galleries, YouTube, audio and
//! video) and the names of the others, which stay as written. Pure functions.

use std::collections::BTreeMap;

use super::html::{youtube_embed, youtube_id};

/// A shortcode's attributes: named ones by name, bare ones by position (`"0"`, `"1"`).
pub type Attrs = BTreeMap<String, String>;

/// Reads `key="v" key='v' key=v bare "bare"`.
pub fn parse_attrs(s: &str) -> Attrs {
    let mut attrs = Attrs::new();
    let mut rest = s.trim();
    let mut position = 0;
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let (key, after) = rest.split_at(key_end);
        let after_trim = after.trim_start();
        if let Some(v) = after_trim.strip_prefix('=')
            && !key.starts_with(['"', '\''])
        {
            let (value, next) = take_value(v.trim_start());
            attrs.insert(key.to_ascii_lowercase(), value);
            rest = next.trim_start();
        } else {
            let (value, next) = take_value(rest);
            attrs.insert(position.to_string(), value);
            position += 1;
            rest = next.trim_start();
        }
    }
    attrs
}

fn take_value(s: &str) -> (String, &str) {
    for q in ['"', '\'', '“', '”', '″'] {
        if let Some(inner) = s.strip_prefix(q) {
            let close = if q == '“' { '”' } else { q };
            return match inner.find(close) {
                Some(end) => (inner[..end].to_string(), &inner[end + close.len_utf8()..]),
                None => (inner.to_string(), ""),
            };
        }
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (s[..end].to_string(), &s[end..])
}

/// A WordPress shortcode found in a body.
pub struct WpShortcode<'a> {
    pub name: &'a str,
    pub attrs: Attrs,
    /// What stood between `[name]` and `[/name]`, if it encloses anything.
    pub content: Option<&'a str>,
}

/// Names of WordPress shortcodes that enclose content.
const ENCLOSING: [&str; 5] = ["caption", "wp_caption", "embed", "audio", "video"];

/// Replaces each WordPress shortcode by what `render` returns for it (`None` leaves it as
/// written and records its name in `left`).
pub fn replace_wp(
    body: &str,
    left: &mut Vec<String>,
    mut render: impl FnMut(&WpShortcode<'_>) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let next = after[name_len..].chars().next();
        let Some(close) = (!name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && matches!(next, Some(' ' | ']' | '=' | '/')))
        .then(|| after.find(']'))
        .flatten() else {
            out.push('[');
            rest = after;
            continue;
        };
        let attr_text = after[name_len..close].trim_end_matches('/');
        let attr_text = attr_text
            .strip_prefix('=')
            .map_or(attr_text.to_string(), |v| {
                format!("url={v}") // `[youtube=URL]`
            });
        let mut end = open + 1 + close + 1;
        let end_tag = format!("[/{name}]");
        let mut content = None;
        let lower_name = name.to_ascii_lowercase();
        if let Some(at) = rest[end..].find(&end_tag)
            && (ENCLOSING.contains(&lower_name.as_str()) || !rest[end..end + at].contains('['))
        {
            content = Some(&rest[end..end + at]);
            end += at + end_tag.len();
        }
        let sc = WpShortcode {
            name,
            attrs: parse_attrs(&attr_text),
            content,
        };
        match render(&sc) {
            Some(html) => out.push_str(&html),
            None => {
                // Only what looks like a shortcode is reported: `[sic]` is prose.
                if content.is_some() || attr_text.contains('=') {
                    left.push(name.to_string());
                }
                out.push_str(&rest[open..end]);
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `[caption]<img …> The caption.[/caption]` as a figure.
pub fn caption(sc: &WpShortcode<'_>) -> String {
    let content = sc.content.unwrap_or("").trim();
    let lower = content.to_ascii_lowercase();
    let split = if lower.starts_with("<a") {
        lower.find("</a>").map(|i| i + 4)
    } else if lower.starts_with("<img") {
        lower.find('>').map(|i| i + 1)
    } else {
        None
    }
    .unwrap_or(0);
    let (image, text) = content.split_at(split);
    let text = match text.trim() {
        "" => sc.attrs.get("caption").map_or("", String::as_str),
        t => t,
    };
    format!("<figure>{image}<figcaption>{text}</figcaption></figure>\n")
}

/// A link, or an embed for a YouTube address.
pub fn embed(url: &str) -> String {
    let url = url.trim();
    match youtube_id(url) {
        Some(id) if url.contains("youtu") => format!("\n{}\n", youtube_embed(&id)),
        _ => format!("<a href=\"{url}\">{url}</a>"),
    }
}

/// The media file of an `[audio]` or `[video]` shortcode.
pub fn media(sc: &WpShortcode<'_>) -> Option<String> {
    let tag = sc.name.to_ascii_lowercase();
    let src = [
        "src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "m4v", "ogv", "0",
    ]
    .iter()
    .find_map(|k| sc.attrs.get(*k))?;
    Some(format!("\n<{tag} controls src=\"{src}\"></{tag}>\n"))
}

/// A Hugo or Zola shortcode: its name and attributes, and the span it covers.
pub struct SsgShortcode {
    pub name: String,
    pub attrs: Attrs,
    pub start: usize,
    pub end: usize,
}

/// Finds Hugo's `{{< name … >}}` / `{{% name … %}}` and Zola's `{{ name(…) }}` /
/// `{% name(…) %}…{% end %}`.
pub fn find_ssg(body: &str) -> Vec<SsgShortcode> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find('{') {
        let start = from + i;
        let rest = &body[start..];
        let (inner, len) = if let Some(r) = rest.strip_prefix("{{<") {
            match r.find(">}}") {
                Some(e) => (&r[..e], 3 + e + 3),
                None => break,
            }
        } else if let Some(r) = rest.strip_prefix("{{%") {
            match r.find("%}}") {
                Some(e) => (&r[..e], 3 + e + 3),
                None => break,
            }
        } else if let Some(r) = rest.strip_prefix("{{") {
            match r.find("}}") {
                Some(e) if r[..e].contains('(') => (&r[..e], 2 + e + 2),
                _ => {
                    from = start + 2;
                    continue;
                }
            }
        } else if let Some(r) = rest.strip_prefix("{%") {
            match r.find("%}") {
                Some(e) if r[..e].contains('(') => {
                    // A Zola body shortcode runs to its `{% end %}`.
                    let after = 2 + e + 2;
                    let end = rest[after..]
                        .find("{% end %}")
                        .map_or(after, |x| after + x + "{% end %}".len());
                    (&r[..e], end)
                }
                _ => {
                    from = start + 2;
                    continue;
                }
            }
        } else {
            from = start + 1;
            continue;
        };
        let inner = inner.trim().trim_start_matches('/');
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(inner.len());
        let name = inner[..name_len].to_string();
        let args = inner[name_len..].trim();
        let args = args
            .strip_prefix('(')
            .and_then(|a| a.strip_suffix(')'))
            .map(|a| a.replace(',', " "))
            .unwrap_or_else(|| args.to_string());
        if !name.is_empty() {
            found.push(SsgShortcode {
                name,
                attrs: parse_attrs(&args),
                start,
                end: start + len,
            });
        }
        from = start + len;
    }
    found
}

/// Renders Hugo's and Zola's simple shortcodes (figure, youtube) as Markdown or HTML;
/// the others stay as written and are returned by name.
pub fn render_ssg(body: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(body.len());
    let mut left = Vec::new();
    let mut at = 0;
    for sc in find_ssg(body) {
        out.push_str(&body[at..sc.start]);
        let get = |k: &str| sc.attrs.get(k).map(String::as_str);
        let rendered = match sc.name.as_str() {
            "figure" => get("src").map(|src| {
                let alt = get("alt").or(get("caption")).unwrap_or("");
                let mut s = format!("![{}]({src})", alt.replace(['[', ']'], ""));
                if let Some(c) = get("caption").or(get("title")) {
                    s.push_str(&format!("\n*{c}*"));
                }
                s
            }),
            "youtube" => get("id")
                .or(get("0"))
                .and_then(youtube_id)
                .map(|id| youtube_embed(&id)),
            _ => None,
        };
        match rendered {
            Some(r) => out.push_str(&r),
            None => {
                left.push(sc.name.clone());
                out.push_str(&body[sc.start..sc.end]);
            }
        }
        at = sc.end;
    }
    out.push_str(&body[at..]);
    (out, left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_in_every_quoting() {
        let a = parse_attrs(r#"id="attachment_5" align='left' width=300 https://x.org/v"#);
        assert_eq!(a["id"], "attachment_5");
        assert_eq!(a["align"], "left");
        assert_eq!(a["width"], "300");
        assert_eq!(a["0"], "https://x.org/v");
    }

    #[test]
    fn wordpress_captions_become_figures_and_unknown_shortcodes_are_reported() {
        let mut left = Vec::new();
        let body = r#"Before [caption id="a" width="300"]<img src="/x.jpg" alt="X" /> Boats at dawn[/caption] [contact-form-7 id="9"] [sic] after"#;
        let out = replace_wp(body, &mut left, |sc| match sc.name {
            "caption" => Some(caption(sc)),
            _ => None,
        });
        assert!(
            out.contains(r#"<figure><img src="/x.jpg" alt="X" /><figcaption>Boats at dawn</figcaption></figure>"#),
            "{out}"
        );
        assert!(out.contains(r#"[contact-form-7 id="9"]"#) && out.contains("[sic]"));
        assert_eq!(left, ["contact-form-7"]);
    }

    #[test]
    fn hugo_and_zola_shortcodes() {
        let body = "A {{< figure src=\"/a.jpg\" caption=\"Harbour\" >}} B {{< youtube w7Ft2ymGmfc >}} C {{ youtube(id=\"w7Ft2ymGmfc\") }} D {{< tweet 1 >}} E {{ page.title }}";
        let (out, left) = render_ssg(body);
        assert!(out.contains("![Harbour](/a.jpg)\n*Harbour*"), "{out}");
        assert_eq!(
            out.matches("youtube-nocookie.com/embed/w7Ft2ymGmfc")
                .count(),
            2,
            "{out}"
        );
        assert!(out.contains("{{< tweet 1 >}}") && out.contains("{{ page.title }}"));
        assert_eq!(left, ["tweet"]);
    }
}
