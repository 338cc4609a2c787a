//! The template context of each kind of page: which variables a page's template
//! gets (the values themselves, cards, feed entries and page metadata, are made in
//! [`super::values`]). Input: the site, a [`Page`]. Output: the page rendered into a
//! buffer, or, when probing, its template and fingerprint.

use std::cell::Cell;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use super::bodies::Bodies;
use super::fingerprint::Vars;
use super::plan::{List, Page, SEARCH_PATH, SitemapPages};
use super::scoped::{Words, edition_view, scope_edition};
use super::site_view::ArchiveLink;
use super::views::{self, TermValues, Urls, page_path, paginator, term_path};
use super::{Theme, feeds};
use crate::diagnostics::Diagnostic;
use crate::index::{Site, TaxonomyKind};
use crate::model::ArticleId;

pub(super) struct Ctx<'a> {
    pub(super) site: &'a Site,
    /// Each article's related stories, best first ([`crate::related::compute`]).
    pub(super) related: &'a [Vec<ArticleId>],
    /// Bodies not kept in memory nor read ahead.
    pub(super) store: &'a dyn super::BodySource,
    pub(super) urls: &'a Urls<'a>,
    pub(super) terms: &'a TermValues<'a>,
    pub(super) cards: &'a [OnceLock<Value>],
    pub(super) items: &'a [OnceLock<Value>],
    /// Bodies read ahead for the pages being rendered.
    pub(super) bodies: &'a Bodies,
    pub(super) sitemap: &'a SitemapPages,
    /// The site's own feed links by scope ([`super::site_view::site_feeds`]),
    /// listed on every page.
    pub(super) site_feeds: &'a [Value],
    /// When set, pages are fingerprinted instead of rendered (see [`Sink::versions`]).
    pub(super) versions: Option<&'a [u64]>,
    /// The template and fingerprint of the page just probed.
    pub(super) probed: Cell<Option<(&'static str, u64)>>,
}

#[derive(Serialize)]
struct ListMeta<'a> {
    /// `topic`, `tag`, `agency`, `author`, `year`, `month` or `day`.
    kind: &'static str,
    name: &'a str,
    url: String,
    /// The whole list's size, on its first page only (`none` on older pages).
    count: Option<usize>,
}

impl Ctx<'_> {
    /// Renders `template`, or when probing only records its name and fingerprint.
    fn emit(
        &self,
        theme: &Theme,
        template: &'static str,
        vars: &Vars,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        if self.versions.is_some() {
            self.probed
                .set(Some((template, vars.fingerprint(template))));
            return Ok(());
        }
        theme.render(template, &vars.ctx, out)
    }

    /// Feeds, sitemaps and robots.txt.
    fn render_meta_file(
        &self,
        page: Page,
        theme: &Theme,
        out: &mut Vec<u8>,
    ) -> Result<String, Diagnostic> {
        let site = self.site;
        let mut ctx = Vars::default();
        let (template, rel) = match page {
            Page::EditionFeed(i, atom) => self.edition_feed(i as usize, atom, &mut ctx)?,
            Page::Feed(scope, atom) => {
                let (rel, title, ids): (String, String, &[ArticleId]) = match scope {
                    None => (String::new(), site.config.title.clone(), &[]),
                    Some((s, kind, i)) => {
                        let scope = site.scope(s);
                        let term = &scope.taxonomy(kind).terms[i as usize];
                        let words = Words::new(site, s, theme.translations());
                        (
                            format!("{}{}", scope.prefix, term_path(kind, &term.slug)),
                            format!(
                                "{}: {} — {}",
                                words.label(kind.singular(), kind.singular_title()),
                                words.term(&term.name),
                                words.site_title
                            ),
                            &term.articles,
                        )
                    }
                };
                let all: Vec<ArticleId>;
                let ids = if scope.is_none() {
                    all = (0..site.articles.len() as ArticleId).collect();
                    &all[..]
                } else {
                    ids
                };
                let ids = &ids[..ids.len().min(site.config.feeds.limit)];
                let s = scope.map_or(0, |(s, ..)| s);
                ctx.insert("feed", &feeds::meta(site, self.urls, s, &rel, title, ids));
                ctx.insert_value("items", self.items_of(ids)?);
                if atom {
                    ("feeds/atom.xml", format!("{rel}atom.xml"))
                } else {
                    ("feeds/rss.xml", format!("{rel}feed.xml"))
                }
            }
            Page::Sitemap(part) => {
                ctx.insert("entries", &self.sitemap.entries(site, self.urls, part));
                let rel = if self.sitemap.parts() == 1 {
                    "sitemap.xml".to_string()
                } else {
                    format!("sitemap-{}.xml", part + 1)
                };
                ("sitemap.xml", rel)
            }
            Page::SitemapIndex => {
                let parts: Vec<feeds::SitemapEntry> = (0..self.sitemap.parts())
                    .map(|part| {
                        let entries = self.sitemap.entries(site, self.urls, part);
                        feeds::SitemapEntry {
                            loc: self.urls.permalink(&format!("sitemap-{}.xml", part + 1)),
                            lastmod: entries.into_iter().filter_map(|e| e.lastmod).max(),
                            alternates: Vec::new(),
                        }
                    })
                    .collect();
                ctx.insert("parts", &parts);
                ("sitemap_index.xml", "sitemap.xml".to_string())
            }
            Page::NewsSitemap => {
                let ids = feeds::news_articles(site);
                ctx.insert_value("items", self.items_of(&ids)?);
                ctx.insert("publications", &feeds::publications(site, &ids));
                ctx.insert(
                    "publication",
                    &feeds::Publication {
                        name: feeds::publisher_name(site),
                        language: &site.config.language,
                    },
                );
                ("news_sitemap.xml", "news-sitemap.xml".to_string())
            }
            Page::Robots => {
                let news = !feeds::news_articles(site).is_empty();
                ctx.insert(
                    "news_sitemap",
                    &news.then(|| self.urls.permalink("news-sitemap.xml")),
                );
                ("robots.txt", "robots.txt".to_string())
            }
            _ => unreachable!("only feed, sitemap and robots pages come here"),
        };
        self.emit(theme, template, &ctx, out)?;
        Ok(rel)
    }

    /// Renders `page` into `out`; returns the output path.
    #[allow(clippy::too_many_lines)] // one match arm per page kind, each the list of its template's variables
    pub(super) fn render(
        &self,
        page: Page,
        theme: &Theme,
        out: &mut Vec<u8>,
    ) -> Result<String, Diagnostic> {
        let site = self.site;
        let mut ctx = Vars::default();
        let (template, rel) = match page {
            Page::Feed(..)
            | Page::EditionFeed(..)
            | Page::Sitemap(_)
            | Page::SitemapIndex
            | Page::NewsSitemap
            | Page::Robots => {
                return self.render_meta_file(page, theme, out);
            }
            Page::Home => {
                // With an edition at the root, the home page is that edition's.
                self.home(&mut ctx, 0);
                ctx.insert_value("page", self.meta(0, "home", site.config.title.clone(), ""));
                ("index.html", String::new())
            }
            Page::EditionHome(i) => {
                let e = &site.config.editions[i as usize];
                let s = crate::index::scope_of_lang(&site.config, &e.lang);
                self.home(&mut ctx, s);
                let title = e.title.clone().unwrap_or_else(|| site.config.title.clone());
                let rel = format!("{}/", e.path);
                ctx.insert_value("edition", edition_view(e));
                ctx.insert_value(
                    "page",
                    self.meta_with(s, "home", title, &rel, e.description.as_deref(), None),
                );
                ("index.html", rel)
            }
            Page::NotFound => {
                ctx.insert_value(
                    "page",
                    self.meta(0, "404", "Page not found".into(), "404.html"),
                );
                return self
                    .emit(theme, "404.html", &ctx, out)
                    .map(|_| "404.html".to_string());
            }
            Page::Search(s) => {
                let links = site.search.as_ref().expect("planned only with an index");
                let rel = format!("{}{SEARCH_PATH}", site.scope(s).prefix);
                let words = Words::new(site, s, theme.translations());
                if let Some(edition) = scope_edition(site, s) {
                    ctx.insert_value("edition", edition);
                }
                ctx.insert(
                    "search",
                    &views::SearchLinks {
                        manifest: self.urls.url(&links.manifest),
                        script: self.urls.url(&links.script),
                        edition: (!site.scoped.is_empty())
                            .then(|| crate::search::edition_key(site, s)),
                    },
                );
                let title = words.label("search", "Search");
                ctx.insert_value("page", self.meta(s, "search", title, &rel));
                ("search.html", rel)
            }
            Page::Article(id) => {
                let a = site.article(id);
                ctx.insert_value("article", self.full(id)?);
                ctx.insert_value("related", self.cards_of(&self.related[id as usize]));
                // Its other language versions (cards), for a "read this in" link.
                ctx.insert_value("translations", self.cards_of(&site.translations_of(id)));
                ctx.insert_value(
                    "page",
                    self.meta_with(
                        site.scope_of(id),
                        "article",
                        a.title.clone(),
                        &a.path,
                        Some(&a.summary),
                        None,
                    ),
                );
                ("article.html", a.path.clone())
            }
            Page::Standalone(i) => {
                let p = &site.pages[i as usize];
                if !theme.has("page.html") {
                    return Err(Diagnostic::error(
                        &p.source,
                        0,
                        0,
                        "this is a standalone page, but the theme has no `page.html` to show it",
                    )
                    .with_help("add templates/page.html (a site that replaces base.html brings its own page.html too); see docs/themes.md"));
                }
                ctx.insert("standalone", &super::redirects::page_view(p, self.urls));
                ctx.insert_value(
                    "page",
                    self.meta_with(0, "page", p.title.clone(), &p.path, Some(&p.summary), None),
                );
                ("page.html", p.path.clone())
            }
            Page::TermIndex(s, kind) => {
                let scope = site.scope(s);
                let rel = format!("{}{}/", scope.prefix, kind.key());
                let words = Words::new(site, s, theme.translations());
                if let Some(edition) = scope_edition(site, s) {
                    ctx.insert_value("edition", edition);
                }
                let mut terms: Vec<views::TermCount> = scope
                    .taxonomy(kind)
                    .terms
                    .iter()
                    .map(|t| views::TermCount {
                        name: &t.name,
                        slug: &t.slug,
                        url: self.urls.url(&format!(
                            "{}{}",
                            scope.prefix,
                            term_path(kind, &t.slug)
                        )),
                        count: t.articles.len(),
                    })
                    .collect();
                terms.sort_by(|a, b| {
                    a.name
                        .to_lowercase()
                        .cmp(&b.name.to_lowercase())
                        .then_with(|| a.slug.cmp(b.slug))
                });
                ctx.insert("terms", &terms);
                ctx.insert(
                    "taxonomy",
                    &views::TermLink {
                        name: kind.title(),
                        url: self.urls.url(&rel),
                    },
                );
                ctx.insert("taxonomy_key", kind.key());
                let title = words.label(kind.key(), kind.title());
                ctx.insert_value("page", self.meta(s, "terms", title, &rel));
                ("terms.html", rel)
            }
            Page::List(list, p) => {
                let rel = list.target(site).0;
                let path = page_path(&rel, p);
                let scope = site.scope(list.scope());
                let words = Words::new(site, list.scope(), theme.translations());
                if let Some(edition) = scope_edition(site, list.scope()) {
                    ctx.insert_value("edition", edition);
                }
                let (kind, name) = self.list_name(list, &words);
                // Only the first page, which changes with every story anyway, links
                // the archive's months or days with their counts.
                let children = match list {
                    List::Year(_, y) if p == 0 => self.children(
                        scope.prefix,
                        &words,
                        scope
                            .months
                            .range((y, 1)..=(y, 12))
                            .map(|(&(y, m), ids)| ((y, m, 0), ids.len())),
                    ),
                    List::Month(_, y, m) if p == 0 => self.children(
                        scope.prefix,
                        &words,
                        scope
                            .days
                            .range((y, m, 1)..=(y, m, 31))
                            .map(|(&d, ids)| (d, ids.len())),
                    ),
                    _ => Vec::new(),
                };
                ctx.insert("children", &children);
                self.list(&mut ctx, list, kind, &name, p);
                let meta = match list {
                    List::Term(_, taxonomy, _) => {
                        let title = format!(
                            "{}: {}",
                            words.label(taxonomy.singular(), taxonomy.singular_title()),
                            words.term(&name)
                        );
                        let feed = Some((rel.as_str(), title.as_str()));
                        self.meta_with(list.scope(), "term", title.clone(), &path, None, feed)
                    }
                    _ => self.meta(list.scope(), "archive", name, &path),
                };
                ctx.insert_value("page", meta);
                ("list.html", path)
            }
            Page::Moved(list, p) => {
                let (rel, _) = list.target(site);
                let words = Words::new(site, list.scope(), theme.translations());
                let (_, name) = self.list_name(list, &words);
                let file = format!("{}index.html", page_path(&rel, p));
                return self.redirect(theme, &mut ctx, &name, &rel, file, out);
            }
            Page::Redirect(i) => {
                let r = &site.answers.redirects[i as usize];
                let file = crate::urls::file_of(&r.from);
                return self.redirect(theme, &mut ctx, &r.title, &r.to, file, out);
            }
            Page::Tombstone(i) => {
                // Neither the headline nor a word of the story: it was withdrawn.
                let t = &site.answers.tombstones[i as usize];
                let title = site.config.title.clone();
                ctx.insert_value(
                    "page",
                    self.meta(site.scope_of_path(&t.path), "withdrawn", title, &t.path),
                );
                self.emit(theme, "withdrawn.html", &ctx, out)?;
                return Ok(crate::urls::file_of(&t.path));
            }
        };
        self.emit(theme, template, &ctx, out)?;
        Ok(format!("{rel}index.html"))
    }

    /// A redirect page written to `file`, sending readers (meta refresh, a link) and
    /// search engines (canonical, noindex) to the page at `to`: `redirect.html`
    /// with `redirect` (`title`, `url`, `permalink`); `page` is the new page's.
    fn redirect(
        &self,
        theme: &Theme,
        ctx: &mut Vars,
        title: &str,
        to: &str,
        file: String,
        out: &mut Vec<u8>,
    ) -> Result<String, Diagnostic> {
        ctx.insert(
            "redirect",
            &super::redirects::RedirectView {
                title,
                url: self.urls.url(to),
                permalink: self.urls.permalink(to),
            },
        );
        ctx.insert_value(
            "page",
            self.meta(
                self.site.scope_of_path(to),
                "redirect",
                title.to_string(),
                to,
            ),
        );
        self.emit(theme, "redirect.html", ctx, out)?;
        Ok(file)
    }

    /// A list's `list.kind` and the name it is shown with (a term's as written: the
    /// theme's `term` filter translates it; an archive's in the scope's language).
    fn list_name(&self, list: List, words: &Words) -> (&'static str, String) {
        let (month, num) = (|m| words.month(m), |n: u32| words.num(n));
        match list {
            List::Term(s, kind, i) => (
                kind.singular(),
                self.site.scope(s).taxonomy(kind).terms[i as usize]
                    .name
                    .clone(),
            ),
            List::Year(_, y) => ("year", words.num(y)),
            List::Month(_, y, m) => ("month", format!("{} {}", month(m), words.num(y))),
            List::Day(_, y, m, d) => ("day", format!("{} {} {}", num(d), month(m), words.num(y))),
        }
    }

    /// Links to the months (`(y, m, 0)`) or days of an archive under `prefix`,
    /// newest first.
    fn children(
        &self,
        prefix: &str,
        words: &Words,
        dates: impl DoubleEndedIterator<Item = ((i32, u32, u32), usize)>,
    ) -> Vec<ArchiveLink> {
        dates
            .rev()
            .map(|((y, m, d), count)| {
                let (month, year) = (words.month(m), words.num(y));
                let (name, rel) = if d == 0 {
                    (format!("{month} {year}"), format!("{prefix}{y:04}/{m:02}/"))
                } else {
                    let day = words.num(d);
                    (
                        format!("{day} {month} {year}"),
                        format!("{prefix}{y:04}/{m:02}/{d:02}/"),
                    )
                };
                ArchiveLink {
                    name,
                    url: self.urls.url(&rel),
                    count,
                }
            })
            .collect()
    }

    /// The variables of page `p` of a list: its articles, `list` and `paginator`.
    /// Older pages get nothing that changes when a story is added (no counts).
    fn list(&self, ctx: &mut Vars, list: List, kind: &'static str, name: &str, p: usize) {
        let (rel, ids) = list.target(self.site);
        let rel = rel.as_str();
        let older = list.older_pages(self.site);
        ctx.insert_value("articles", self.cards_of(list.page(self.site, p)));
        ctx.insert(
            "list",
            &ListMeta {
                kind,
                name,
                url: self.urls.url(rel),
                count: (p == 0).then_some(ids.len()),
            },
        );
        ctx.insert("paginator", &paginator(self.urls, rel, p, older, ids.len()));
    }

    /// An edition's RSS or Atom feed: its newest stories. Returns the template and
    /// output path.
    fn edition_feed(
        &self,
        i: usize,
        atom: bool,
        ctx: &mut Vars,
    ) -> Result<(&'static str, String), Diagnostic> {
        let site = self.site;
        let e = &site.config.editions[i];
        let rel = format!("{}/", e.path);
        let title = e.title.clone().unwrap_or_else(|| site.config.title.clone());
        let s = crate::index::scope_of_lang(&site.config, &e.lang);
        let ids: Vec<ArticleId> = (0..site.articles.len() as ArticleId)
            .filter(|&id| site.scope_of(id) == s)
            .take(site.config.feeds.limit)
            .collect();
        ctx.insert("feed", &feeds::meta(site, self.urls, s, &rel, title, &ids));
        ctx.insert_value("items", self.items_of(&ids)?);
        Ok(if atom {
            ("feeds/atom.xml", format!("{rel}atom.xml"))
        } else {
            ("feeds/rss.xml", format!("{rel}feed.xml"))
        })
    }

    /// The front page's lists, of the stories of scope `s` (0: the root; with
    /// editions, an edition's home shows its own stories only).
    fn home(&self, ctx: &mut Vars, s: u8) {
        let site = self.site;
        let all: Vec<ArticleId> = (0..site.articles.len() as ArticleId)
            .filter(|&id| site.scope_of(id) == s)
            .collect();
        let featured: Vec<ArticleId> = all
            .iter()
            .copied()
            .filter(|&i| site.article(i).featured)
            .take(5)
            .collect();
        let latest: Vec<ArticleId> = all
            .iter()
            .copied()
            .filter(|i| !featured.contains(i))
            .take(site.config.home_latest)
            .collect();
        let scope = site.scope(s);
        let sections: Vec<Value> = super::site_view::topics_by_size(scope)
            .iter()
            .map(|t| {
                let ids = &t.articles[..t.articles.len().min(site.config.home_topic_count)];
                let mut m = tera::Map::new();
                m.insert("name".into(), Value::from(t.name.as_str()));
                let rel = format!(
                    "{}{}",
                    scope.prefix,
                    term_path(TaxonomyKind::Topics, &t.slug)
                );
                m.insert("url".into(), Value::from(self.urls.url(&rel)));
                m.insert("count".into(), Value::from(t.articles.len()));
                m.insert("articles".into(), self.cards_of(ids));
                Value::from(m)
            })
            .collect();
        // Breaking news within `breaking_hours` of the build time, newest first.
        let breaking: Vec<ArticleId> = all
            .iter()
            .copied()
            .filter(|&i| {
                site.article(i)
                    .is_breaking_at(site.now, site.config.breaking_hours)
            })
            .take(3)
            .collect();
        ctx.insert_value("featured", self.cards_of(&featured));
        ctx.insert_value("latest", self.cards_of(&latest));
        ctx.insert_value("sections", Value::from(sections));
        ctx.insert_value("breaking", self.cards_of(&breaking));
        // Here rather than in `site`: the home page changes with every story anyway.
        // An edition's home counts its own stories.
        ctx.insert("article_count", &all.len());
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;
    use crate::discover::TemplateSource;
    use crate::index::{Selection, build_site};
    use crate::model::{Article, Body};
    use crate::parse::article::parse_article;
    use crate::render::BodySource;
    use crate::render::site_view::site_feeds;

    /// Three stories on one topic, newest first: `c` (Sept 24), `b`, `a` (Sept 22).
    fn site() -> Site {
        let config = Config::parse(
            "title = \"Daily\"\nbase_url = \"https://x.org/\"\npaginate = 1\n",
            "site.toml",
        )
        .expect("a valid configuration");
        let articles = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let text = format!(
                    "---\ntitle: Story {name}\ndate: 2017-09-{}\ntopics: [Floods]\n---\nRivers rose in {name}.\n",
                    22 + i
                );
                parse_article(&text, &format!("content/{name}.md"), &config)
                    .expect("parses")
                    .0
            })
            .collect();
        let selection = Selection {
            drafts: false,
            future: false,
            now: chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap(),
        };
        build_site(config, articles, selection).expect("indexes")
    }

    /// Templates that print the variables under test, one per line.
    fn theme() -> Theme {
        let templates = [
            (
                "article.html",
                "{{ page.kind }}|{{ page.url }}|{{ page.title }}\n{{ article.title }}|{{ article.body | safe }}\n{% for r in related %}{{ r.title }};{% endfor %}",
            ),
            (
                "list.html",
                "{{ page.kind }}|{{ page.url }}|{{ list.kind }}|{{ list.name }}|{{ list.count }}\n{% for a in articles %}{{ a.title }};{% endfor %}\n{{ paginator.current }}|{{ paginator.first }}",
            ),
            ("index.html", "{{ page.kind }}"),
            ("terms.html", "{{ page.kind }}"),
            ("404.html", "{{ page.kind }}|{{ page.title }}"),
        ];
        let sources: Vec<TemplateSource> = templates
            .iter()
            .map(|(name, text)| TemplateSource {
                name: name.to_string(),
                origin: format!("templates/{name}"),
                text: text.to_string(),
                from_theme: false,
            })
            .collect();
        Theme::compile(&sources, &[], chrono_tz::UTC, "/", &Default::default()).expect("compiles")
    }

    /// Bodies not kept in memory, as a marker naming the article.
    struct Marked;

    impl BodySource for Marked {
        fn body<'a>(&self, a: &'a Article) -> Result<Cow<'a, str>, Diagnostic> {
            match &a.body {
                Body::InMemory(html) => Ok(Cow::Borrowed(html)),
                Body::FromSource(_) => Ok(Cow::Owned(format!("<p>stored {}</p>", a.source))),
            }
        }
    }

    /// Renders `page` of `site`, or with `versions` only probes it: the output, the
    /// output path and what the probe recorded.
    fn render(
        site: &Site,
        related: &[Vec<ArticleId>],
        versions: Option<&[u64]>,
        page: Page,
    ) -> (String, String, Option<(&'static str, u64)>) {
        let urls = Urls::new(site);
        let terms = TermValues::new(&urls, site);
        // As the whole-site render probes: each card stands for its article's version.
        let cards: Vec<OnceLock<Value>> = match versions {
            Some(v) => v.iter().map(|&v| OnceLock::from(Value::from(v))).collect(),
            None => site.articles.iter().map(|_| OnceLock::new()).collect(),
        };
        let feeds = site_feeds(site, &urls);
        let ctx = Ctx {
            site,
            related,
            store: &Marked,
            urls: &urls,
            terms: &terms,
            cards: &cards,
            items: &[],
            bodies: &Bodies::default(),
            sitemap: &SitemapPages::default(),
            site_feeds: &feeds,
            versions,
            probed: Cell::new(None),
        };
        let mut out = Vec::new();
        let rel = ctx.render(page, &theme(), &mut out).expect("renders");
        (String::from_utf8(out).unwrap(), rel, ctx.probed.get())
    }

    fn id_of(site: &Site, title: &str) -> ArticleId {
        site.articles.iter().position(|a| a.title == title).unwrap() as ArticleId
    }

    #[test]
    fn an_article_page_gets_its_article_body_and_the_related_list_it_is_given() {
        let mut site = site();
        let (a, b, c) = (
            id_of(&site, "Story a"),
            id_of(&site, "Story b"),
            id_of(&site, "Story c"),
        );
        let mut related = vec![Vec::new(); 3];
        related[a as usize] = vec![c, b];
        let (out, rel, probed) = render(&site, &related, None, Page::Article(a));
        assert_eq!(rel, "2017/09/22/story-a/index.html");
        assert_eq!(
            out,
            "article|/2017/09/22/story-a/|Story a\nStory a|<p>Rivers rose in a.</p>\n\nStory c;Story b;"
        );
        assert_eq!(probed, None);
        // A body not kept in memory comes from the body store, never from the disk.
        site.articles[a as usize].body = Body::FromSource(Arc::from(Path::new("/nowhere")));
        let (out, ..) = render(&site, &related, None, Page::Article(a));
        assert!(
            out.contains("Story a|<p>stored content/a.md</p>\n"),
            "{out}"
        );
    }

    #[test]
    fn a_term_list_has_its_newest_story_first_and_older_pages_from_the_oldest() {
        let site = site();
        let page = |p| Page::List(List::Term(0, TaxonomyKind::Topics, 0), p);
        // One story a page: the newest at the list's URL, then page 1 the oldest.
        let (first, rel, _) = render(&site, &[], None, page(0));
        assert_eq!(rel, "topics/floods/index.html");
        assert_eq!(
            first,
            "term|/topics/floods/|topic|Floods|3\nStory c;\n3|true"
        );
        let (oldest, rel, _) = render(&site, &[], None, page(1));
        assert_eq!(rel, "topics/floods/page/1/index.html");
        assert_eq!(
            oldest,
            "term|/topics/floods/page/1/|topic|Floods|\nStory a;\n1|false"
        );
        let (second, ..) = render(&site, &[], None, page(2));
        assert!(second.contains("\nStory b;\n2|false"), "{second}");
    }

    #[test]
    fn the_not_found_page_is_404_html() {
        let (out, rel, _) = render(&site(), &[], None, Page::NotFound);
        assert_eq!(
            (out.as_str(), rel.as_str()),
            ("404|Page not found", "404.html")
        );
    }

    #[test]
    fn probing_renders_nothing_and_fingerprints_what_the_page_shows() {
        let site = site();
        let (a, b, c) = (
            id_of(&site, "Story a"),
            id_of(&site, "Story b"),
            id_of(&site, "Story c"),
        );
        let related = vec![vec![], vec![], vec![]];
        let mut with_b = related.clone();
        with_b[a as usize] = vec![b];
        let versions = [1, 2, 3];
        let probe = |related: &[Vec<ArticleId>], versions: &[u64], page| {
            let (out, rel, probed) = render(&site, related, Some(versions), page);
            assert_eq!(out, "", "a probe renders nothing");
            let (template, fingerprint) = probed.expect("probed");
            (rel, template, fingerprint)
        };
        let (rel, template, plain) = probe(&related, &versions, Page::Article(a));
        assert_eq!(
            (rel.as_str(), template),
            ("2017/09/22/story-a/index.html", "article.html")
        );
        // The same inputs, the same fingerprint.
        assert_eq!(probe(&related, &versions, Page::Article(a)).2, plain);
        // Another related list, or a new version of a story it lists, changes it.
        let listed = probe(&with_b, &versions, Page::Article(a)).2;
        assert_ne!(listed, plain);
        let mut newer = versions;
        newer[b as usize] += 1;
        assert_ne!(probe(&with_b, &newer, Page::Article(a)).2, listed);
        // A story on another page of the list does not change this one.
        let list = Page::List(List::Term(0, TaxonomyKind::Topics, 0), 0);
        let before = probe(&related, &versions, list).2;
        let mut a_newer = versions;
        a_newer[a as usize] += 1;
        assert_eq!(probe(&related, &a_newer, list).2, before);
        let mut c_newer = versions;
        c_newer[c as usize] += 1;
        assert_ne!(probe(&related, &c_newer, list).2, before);
    }
}
