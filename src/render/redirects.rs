//! What standalone pages and old URLs add to the output: the site menu, the page
//! view `page.html` gets, the view and built-in templates of redirect pages and
//! tombstones, `_redirects` (Netlify / Cloudflare Pages) and an nginx
//! `map` include.

use serde::Serialize;

use super::Sink;
use super::views::Urls;
use crate::diagnostics::Diagnostic;
use crate::index::Site;
use crate::model::StandalonePage;
use crate::urls::Redirect;

/// The nginx `map` entries, in the output (see docs/deploy.md).
pub const NGINX_MAP: &str = "redirects.nginx.map";

/// One link of `site.menu`.
#[derive(Debug, Serialize)]
pub struct MenuLink {
    pub name: String,
    pub url: String,
}

/// `site.menu`: the `[[menu]]` links of site.toml in order, then the pages marked
/// `menu:` (by weight, then title).
pub fn menu(site: &Site, urls: &Urls) -> Vec<MenuLink> {
    let mut links: Vec<MenuLink> = site
        .config
        .menu
        .iter()
        .map(|m| MenuLink {
            name: m.name.clone(),
            url: match m.url.strip_prefix('/') {
                Some(rel) => urls.url(rel),
                None => m.url.clone(),
            },
        })
        .collect();
    let mut pages: Vec<&StandalonePage> = site.pages.iter().filter(|p| p.menu.is_some()).collect();
    pages.sort_by(|a, b| a.menu.cmp(&b.menu).then_with(|| a.title.cmp(&b.title)));
    links.extend(pages.into_iter().map(|p| MenuLink {
        name: p.title.clone(),
        url: urls.url(&p.path),
    }));
    links
}

/// What `page.html` gets as `standalone`.
#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    /// Safe HTML.
    pub body: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub permalink: String,
    /// RFC 3339, when `updated` was written.
    pub updated: Option<String>,
    pub lang: &'a str,
    pub dir: &'static str,
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

pub fn page_view<'a>(page: &'a StandalonePage, urls: &Urls) -> PageView<'a> {
    PageView {
        title: &page.title,
        body: &page.body,
        summary: &page.summary,
        url: urls.url(&page.path),
        permalink: urls.permalink(&page.path),
        updated: page.updated.map(|u| u.to_rfc3339()),
        lang: &page.lang,
        dir: if page.rtl { "rtl" } else { "ltr" },
        extra: &page.extra,
    }
}

/// What `redirect.html` gets as `redirect`: the page an old URL now points to.
#[derive(Serialize)]
pub struct RedirectView<'a> {
    /// Its title (a story's headline, a term's name).
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
}

/// Templates for redirect pages and tombstones, for a theme without its own.
pub const BUILTIN: [(&str, &str); 2] = [
    ("redirect.html", include_str!("builtin/redirect.html")),
    ("withdrawn.html", include_str!("builtin/withdrawn.html")),
];

use crate::urls::file_of;

/// A `_redirects` line. A query form (`/?p=123`) is written as Netlify matches
/// query parameters (`/  p=123  /to/  301!`); `!` because a file answers at `/`.
fn netlify_line(base: &str, r: &Redirect, to: &str) -> String {
    match r.from.split_once('?') {
        Some((path, query)) => {
            let params: Vec<&str> = query.split('&').filter(|q| !q.is_empty()).collect();
            format!("{base}{path}  {}  {to}  301!\n", params.join("  "))
        }
        None => format!("{base}{}  {to}  301\n", r.from),
    }
}

/// Puts `_redirects` and the nginx map into `sink` (the redirect pages and
/// tombstones are pages of the plan, rendered through the theme).
pub fn emit(site: &Site, urls: &Urls, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    let put = |rel: &str, bytes: &[u8]| {
        sink.put(rel, bytes)
            .map_err(|e| Diagnostic::error(rel, 0, 0, e))
    };
    let mut files = 0;
    let mut netlify =
        String::from("# Old URLs and where they are now (broadsheet; docs/deploy.md).\n");
    let mut nginx = String::from(
        "# Include inside `map $request_uri $broadsheet_redirect { ... }` (docs/deploy.md).\n",
    );
    for r in &site.answers.redirects {
        let to = urls.url(&r.to);
        netlify.push_str(&netlify_line(&urls.base_path, r, &to));
        nginx.push_str(&format!(
            "\"{}{}\" \"{to}\";\n",
            urls.base_path,
            r.from.replace('"', "%22")
        ));
    }
    for t in &site.answers.tombstones {
        let url = urls.url(&t.path);
        netlify.push_str(&format!("{url}  {}  410!\n", urls.url(&file_of(&t.path))));
    }
    // Only when there is something to say: a site without old URLs gets neither
    // file (and an earlier build's are removed with its other stale files).
    if !site.answers.redirects.is_empty() || !site.answers.tombstones.is_empty() {
        put("_redirects", netlify.as_bytes())?;
        files += 1;
    }
    if !site.answers.redirects.is_empty() {
        put(NGINX_MAP, nginx.as_bytes())?;
        files += 1;
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netlify_lines() {
        let r = |from: &str| Redirect {
            from: from.into(),
            to: "2024/05/01/x/".into(),
            title: "X".into(),
            source: "content/x.md".into(),
        };
        for (from, want) in [
            ("old/path/", "/old/path/  /2024/05/01/x/  301\n"),
            ("?p=123", "/  p=123  /2024/05/01/x/  301!\n"),
            (
                "index.php?p=5&lang=en",
                "/index.php  p=5  lang=en  /2024/05/01/x/  301!\n",
            ),
        ] {
            assert_eq!(netlify_line("/", &r(from), "/2024/05/01/x/"), want);
        }
    }
}
