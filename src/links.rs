//! Internal link checking for `check --links`.
//! Input: the rendered pages (output path → bytes) and every other output file.
//! Output: a diagnostic for each internal link or asset that resolves to no file,
//! naming the page and line. Pure: it reads no disk and follows no external link.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    states::RawKind,
};

use crate::diagnostics::Diagnostic;

/// Where the site is served from: `base_url` (`https://x.org/news/`) and its path (`/news/`).
pub struct Base<'a> {
    pub url: &'a str,
    pub path: &'a str,
}

/// One internal link that resolves to nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The output page it is on (`2017/09/22/slug/index.html`).
    pub page: String,
    pub line: usize,
    /// As written in the page.
    pub url: String,
    /// Why it resolves to nothing.
    pub why: String,
}

impl Broken {
    /// The problem reported at the page and line.
    pub fn on_page(&self) -> Diagnostic {
        Diagnostic::error(
            self.page.as_str(),
            self.line,
            0,
            format!("broken link `{}`: {}", self.url, self.why),
        )
    }

    /// The problem reported where the link was written: in `source` (an article's
    /// Markdown file, whose text is `text`), at the line of the link. `None` when
    /// the URL is not in the file (the link came from a template).
    pub fn in_source(&self, source: &str, text: &str) -> Option<Diagnostic> {
        let offset = find_link(text, &self.url)?;
        let (line, column) = crate::diagnostics::line_col(text, offset);
        Some(Diagnostic::error(
            source,
            line,
            column,
            format!(
                "broken link `{}`: {} (on the page {})",
                self.url, self.why, self.page
            ),
        ))
    }
}

/// Where `url` is written in Markdown `text`: after `](`, `]: `, `<` or `="`
/// (a Markdown link, a reference definition, an autolink or raw HTML), else anywhere.
fn find_link(text: &str, url: &str) -> Option<usize> {
    if url.is_empty() {
        return None;
    }
    let mut any = None;
    for (i, _) in text.match_indices(url) {
        let before = &text[..i];
        if ["](", "]: ", "<", "=\"", "='"]
            .iter()
            .any(|p| before.ends_with(p))
        {
            return Some(i);
        }
        any.get_or_insert(i);
    }
    any
}

/// What a link check looked at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Internal links and assets checked (each once per page).
    pub checked: usize,
    /// HTML pages read.
    pub pages: usize,
    /// Of the checked, how many resolve to nothing.
    pub broken: usize,
}

/// Every broken internal link on every HTML page, sorted by page and line, and
/// what was checked. `files` holds every path in the output (pages and static
/// files), relative to it.
pub fn broken_links(
    pages: &BTreeMap<String, Vec<u8>>,
    files: &BTreeSet<String>,
    base: &Base,
) -> (Vec<Broken>, LinkStats) {
    let mut broken = Vec::new();
    let mut stats = LinkStats::default();
    for (page, bytes) in pages {
        if !page.ends_with(".html") {
            continue;
        }
        stats.pages += 1;
        let html = String::from_utf8_lossy(bytes);
        let mut seen = BTreeSet::new();
        for (line, url) in links_in(&html) {
            let Some(target) = resolve(&url, page, base) else {
                continue;
            };
            if !seen.insert(url.clone()) {
                continue;
            }
            stats.checked += 1;
            let found = match &target {
                Ok(rel) => exists(rel, files),
                Err(_) => false,
            };
            if !found {
                let why = match target {
                    Ok(rel) => format!("nothing is written at {}{rel}", base.path),
                    Err(why) => why,
                };
                broken.push(Broken {
                    page: page.clone(),
                    line,
                    url,
                    why,
                });
            }
        }
    }
    stats.broken = broken.len();
    (broken, stats)
}

/// `rel` names a file, or a folder whose `index.html` exists.
fn exists(rel: &str, files: &BTreeSet<String>) -> bool {
    if rel.is_empty() || rel.ends_with('/') {
        return files.contains(&format!("{rel}index.html"));
    }
    files.contains(rel) || files.contains(&format!("{rel}/index.html"))
}

/// The output path an internal URL points to (`Ok`, possibly a folder ending in `/`),
/// why it cannot be inside the site (`Err`), or `None` for external and non-page URLs.
fn resolve(url: &str, page: &str, base: &Base) -> Option<Result<String, String>> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') {
        return None;
    }
    let url = url.split(['#', '?']).next().unwrap_or("");
    let lower = url.to_ascii_lowercase();
    let base_lower = base.url.to_ascii_lowercase();
    let path = if let Some(rest) = lower.strip_prefix("//") {
        // Protocol-relative: ours only if it names our host.
        let after_scheme = base_lower.split_once("://").map(|(_, r)| r).unwrap_or("");
        let host = after_scheme.split('/').next().unwrap_or("");
        let (url_host, _) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || url_host != host {
            return None;
        }
        let path = &url[2 + host.len()..];
        if path.is_empty() { "/" } else { path }.to_string()
    } else if crate::parse::sanitize::url_scheme(url).is_some() {
        let ours = lower.starts_with(&base_lower)
            || lower.starts_with(base_lower.trim_end_matches('/'))
                && url.len() + 1 == base.url.len();
        if !ours {
            return None;
        }
        format!("{}{}", base.path, url.get(base.url.len()..).unwrap_or(""))
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        // Relative to the page's folder.
        let folder = page.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        if folder.is_empty() {
            format!("{}{url}", base.path)
        } else {
            format!("{}{folder}/{url}", base.path)
        }
    };
    let decoded = percent_decode(&path);
    let Some(inside) = decoded.strip_prefix(base.path).or_else(|| {
        (decoded.len() + 1 == base.path.len() && base.path.starts_with(&decoded)).then_some("")
    }) else {
        return Some(Err(format!(
            "it is outside the site's base path {}",
            base.path
        )));
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in inside.split('/') {
        match part {
            "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err("it climbs above the site root".into()));
                }
            }
            p => parts.push(p),
        }
    }
    // `a//b` and a trailing `/` leave empty parts; keep the trailing one as a folder mark.
    let folder = inside.ends_with('/') || inside.is_empty() || inside.ends_with("/.");
    let mut rel: String = parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    if folder && !rel.is_empty() {
        rel.push('/');
    }
    Some(Ok(rel))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every URL a page points to in `href`, `src`, `srcset`, `poster` or `action`,
/// with its line. Text inside `<script>` and `<style>` is not read as markup.
fn links_in(html: &str) -> Vec<(usize, String)> {
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    let tokenizer = Tokenizer::new(LinkCollector::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.links.into_inner()
}

#[derive(Default)]
struct LinkCollector {
    links: RefCell<Vec<(usize, String)>>,
}

impl TokenSink for LinkCollector {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let mut links = self.links.borrow_mut();
        for attr in &tag.attrs {
            let value: &str = &attr.value;
            match &*attr.name.local {
                "href" | "src" | "poster" | "action" => {
                    links.push((line as usize, value.to_string()));
                }
                // `a.jpg 1x, b.jpg 2x`: the URL is each candidate's first word.
                "srcset" => links.extend(value.split(',').filter_map(|c| {
                    c.split_whitespace()
                        .next()
                        .map(|u| (line as usize, u.to_string()))
                })),
                _ => {}
            }
        }
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" => TokenSinkResult::RawData(RawKind::Rawtext),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Base = Base {
        url: "https://x.org/news/",
        path: "/news/",
    };

    #[test]
    fn resolves_urls() {
        let page = "2017/09/22/story/index.html";
        let cases: &[(&str, Option<Result<&str, ()>>)] = &[
            ("/news/topics/world/", Some(Ok("topics/world/"))),
            ("/news/", Some(Ok(""))),
            ("/news", Some(Ok(""))),
            ("/news/style.css?v=2#x", Some(Ok("style.css"))),
            ("https://x.org/news/2018/", Some(Ok("2018/"))),
            ("HTTPS://X.ORG/news/a.png", Some(Ok("a.png"))),
            ("//x.org/news/a.png", Some(Ok("a.png"))),
            ("https://other.org/news/", None),
            ("//cdn.example/a.js", None),
            ("mailto:desk@x.org", None),
            ("#main", None),
            ("", None),
            ("../../21/other/", Some(Ok("2017/09/21/other/"))),
            ("img/a%20b.jpg", Some(Ok("2017/09/22/story/img/a b.jpg"))),
            ("/elsewhere/", Some(Err(()))),
            ("/news/../../etc/passwd", Some(Err(()))),
        ];
        for &(url, ref want) in cases {
            let got = resolve(url, page, &BASE).map(|r| r.map_err(|_| ()));
            let want = want.as_ref().map(|r| r.map(str::to_string));
            assert_eq!(got, want, "{url}");
        }
    }

    #[test]
    fn reports_each_broken_link_once_with_its_line() {
        let mut pages = BTreeMap::new();
        pages.insert(
            "index.html".to_string(),
            b"<a href=\"/news/a/\">a</a>\n<a href=\"/news/missing/\">m</a>\n<img src=\"/news/gone.png\" srcset=\"/news/a.png 1x, /news/b.png 2x\">\n<a href=\"/news/missing/\">again</a>\n<script>var s = '<a href=\"/news/nope/\">';</script>\n<link rel=\"stylesheet\" href=\"https://x.org/news/style.css\">\n".to_vec(),
        );
        pages.insert(
            "a/index.html".to_string(),
            b"<a href=\"../\">up</a>".to_vec(),
        );
        let files: BTreeSet<String> = ["index.html", "a/index.html", "a.png", "style.css"]
            .map(String::from)
            .into();
        let (broken, stats) = broken_links(&pages, &files, &BASE);
        assert_eq!(
            stats,
            LinkStats {
                checked: 7,
                pages: 2,
                broken: 3
            }
        );
        let lines: Vec<String> = broken.iter().map(|b| b.on_page().to_string()).collect();
        assert_eq!(
            lines,
            vec![
                "index.html:2: error: broken link `/news/missing/`: nothing is written at /news/missing/",
                "index.html:3: error: broken link `/news/gone.png`: nothing is written at /news/gone.png",
                "index.html:3: error: broken link `/news/b.png`: nothing is written at /news/b.png",
            ]
        );
    }

    #[test]
    fn a_broken_link_is_found_where_it_was_written() {
        let b = Broken {
            page: "2017/09/22/x/index.html".into(),
            line: 40,
            url: "/news/gone/".into(),
            why: "nothing is written at /news/gone/".into(),
        };
        let text = "---\ntitle: x\n---\nSee /news/gone/ and\n[this](/news/gone/).\n";
        assert_eq!(
            b.in_source("content/x.md", text).unwrap().to_string(),
            "content/x.md:5:8: error: broken link `/news/gone/`: nothing is written at /news/gone/ (on the page 2017/09/22/x/index.html)"
        );
        assert!(b.in_source("content/x.md", "no link here").is_none());
    }
}
