//! The template context of each kind of page: which variables a page's template
//! gets and how they are made from the site (cards and feed entries made once per
//! article and shared). Input: the site, a [`Page`]. Output: the page rendered into
//! a buffer, or, when probing, its template and fingerprint.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use super::bodies::Bodies;
use super::fingerprint::Vars;
use super::plan::{Page, SitemapPages, page_count};
use super::site_view::ArchiveLink;
use super::views::{self, TermValues, Urls, page_path, paginator, term_path};
use super::{Theme, feeds};
use crate::diagnostics::Diagnostic;
use crate::discover;
use crate::index::{Site, TaxonomyKind};
use crate::model::ArticleId;

#[derive(Serialize)]
struct PageMeta {
    /// `home`, `article`, `terms`, `term`, `archive` or `404`.
    kind: &'static str,
    title: String,
    /// For `<meta name="description">`: the article summary, else the site description.
    description: String,
    url: String,
    permalink: String,
    /// Feeds for `<link rel="alternate">`: the list's own, then the site's.
    feeds: Value,
}

pub(super) struct Ctx<'a> {
    pub(super) site: &'a Site,
    pub(super) urls: &'a Urls<'a>,
    pub(super) terms: &'a TermValues<'a>,
    pub(super) cards: &'a [OnceLock<Value>],
    pub(super) items: &'a [OnceLock<Value>],
    /// Bodies read ahead for the pages being rendered.
    pub(super) bodies: &'a Bodies,
    pub(super) sitemap: &'a SitemapPages,
    /// The site's own feed links ([`super::site_view::site_feeds`]), listed on every page.
    pub(super) site_feeds: &'a Value,
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
    /// Feed-less for now; the whole list's size.
    count: usize,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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

    /// An article's feed entry, or its version when probing (feeds change exactly
    /// when one of their articles does). Entries are made once per article, on first
    /// use; full-text entries are not kept (most articles are in some feed, and
    /// keeping their bodies would hold the corpus's HTML): the body is read again for
    /// each feed that lists the article.
    fn item(&self, id: ArticleId) -> Result<Value, Diagnostic> {
        if let Some(v) = self.versions {
            return Ok(Value::from(v[id as usize]));
        }
        let a = self.site.article(id);
        let item = if self.site.config.feeds.full_text {
            let body = discover::article_body(a, &self.site.config)?;
            let permalink = self.urls.permalink(&a.path);
            let body = match url::Url::parse(&permalink) {
                Ok(page) => feeds::absolute_links(&body, &page).into_owned(),
                Err(_) => body.into_owned(),
            };
            Value::from_serializable(&feeds::item(self.card(id), a, Some(&body)))
        } else {
            self.items[id as usize]
                .get_or_init(|| Value::from_serializable(&feeds::item(self.card(id), a, None)))
                .clone()
        };
        Ok(item)
    }

    /// Feed entries of `ids`, as one list value.
    fn items_of(&self, ids: &[ArticleId]) -> Result<Value, Diagnostic> {
        let items = ids.iter().map(|&i| self.item(i));
        Ok(Value::from(items.collect::<Result<Vec<_>, _>>()?))
    }

    /// An article page's main value, or its version when probing: the article's
    /// card (made once, shared with every list showing it) extended with the fields
    /// only its page shows.
    fn full(&self, id: ArticleId) -> Result<Value, Diagnostic> {
        if let Some(v) = self.versions {
            return Ok(Value::from(v[id as usize]));
        }
        let body = match self.bodies.get(id) {
            Some(body) => Cow::Borrowed(body?),
            None => discover::article_body(self.site.article(id), &self.site.config)?,
        };
        let more =
            Value::from_serializable(&views::full(self.urls, self.terms, self.site, id, body));
        let mut map = self.card(id).as_map().cloned().unwrap_or_default();
        if let Some(more) = more.as_map() {
            map.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Ok(Value::from(map))
    }

    /// An article's card, made on first use.
    fn card(&self, id: ArticleId) -> &Value {
        self.cards[id as usize].get_or_init(|| {
            let a = self.site.article(id);
            Value::from_serializable(&views::card(
                self.urls,
                self.terms,
                self.site,
                id,
                a,
                self.site.now,
            ))
        })
    }

    fn cards_of(&self, ids: &[ArticleId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.card(i).clone())
                .collect::<Vec<_>>(),
        )
    }

    fn meta(&self, kind: &'static str, title: String, rel: &str) -> Value {
        self.meta_with(kind, title, rel, None, None)
    }

    /// Page metadata; `description` defaults to the site's, and the site feeds are
    /// always linked, after the list's own (`list_feed`: the list's path and title).
    fn meta_with(
        &self,
        kind: &'static str,
        title: String,
        rel: &str,
        description: Option<&str>,
        list_feed: Option<(&str, &str)>,
    ) -> Value {
        // The site's feeds are the same on every page: made once, shared.
        let links = match list_feed {
            Some((feed_rel, feed_title)) => {
                let own = feeds::links(self.urls, feed_rel, feed_title);
                let mut links: Vec<Value> = own.iter().map(Value::from_serializable).collect();
                links.extend(self.site_feeds.as_array().into_iter().flatten().cloned());
                Value::from(links)
            }
            None => self.site_feeds.clone(),
        };
        Value::from_serializable(&PageMeta {
            kind,
            title,
            description: description
                .unwrap_or(&self.site.config.description)
                .to_string(),
            url: self.urls.url(rel),
            permalink: self.urls.permalink(rel),
            feeds: links,
        })
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
            Page::Feed(scope, atom) => {
                let (rel, title, ids): (String, String, &[ArticleId]) = match scope {
                    None => (String::new(), site.config.title.clone(), &[]),
                    Some((kind, i)) => {
                        let term = &site.taxonomy(kind).terms[i as usize];
                        (
                            term_path(kind, &term.slug),
                            format!(
                                "{}: {} — {}",
                                kind.singular_title(),
                                term.name,
                                site.config.title
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
                ctx.insert("feed", &feeds::meta(site, self.urls, &rel, title, ids));
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
                        }
                    })
                    .collect();
                ctx.insert("parts", &parts);
                ("sitemap_index.xml", "sitemap.xml".to_string())
            }
            Page::NewsSitemap => {
                let ids = feeds::news_articles(site);
                ctx.insert_value("items", self.items_of(&ids)?);
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
        let per = site.config.paginate;
        let mut ctx = Vars::default();
        let (template, rel) = match page {
            Page::Feed(..)
            | Page::Sitemap(_)
            | Page::SitemapIndex
            | Page::NewsSitemap
            | Page::Robots => {
                return self.render_meta_file(page, theme, out);
            }
            Page::Home => {
                self.home(&mut ctx);
                ctx.insert_value("page", self.meta("home", site.config.title.clone(), ""));
                ("index.html", String::new())
            }
            Page::NotFound => {
                ctx.insert_value(
                    "page",
                    self.meta("404", "Page not found".into(), "404.html"),
                );
                return self
                    .emit(theme, "404.html", &ctx, out)
                    .map(|_| "404.html".to_string());
            }
            Page::Article(id) => {
                let a = site.article(id);
                ctx.insert_value("article", self.full(id)?);
                ctx.insert_value("related", self.cards_of(&site.related[id as usize]));
                ctx.insert_value(
                    "page",
                    self.meta_with("article", a.title.clone(), &a.path, Some(&a.summary), None),
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
                    self.meta_with("page", p.title.clone(), &p.path, Some(&p.summary), None),
                );
                ("page.html", p.path.clone())
            }
            Page::TermIndex(kind) => {
                let rel = format!("{}/", kind.key());
                let mut terms: Vec<views::TermCount> = site
                    .taxonomy(kind)
                    .terms
                    .iter()
                    .map(|t| views::TermCount {
                        name: &t.name,
                        slug: &t.slug,
                        url: self.urls.url(&term_path(kind, &t.slug)),
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
                ctx.insert_value("page", self.meta("terms", kind.title().to_string(), &rel));
                ("terms.html", rel)
            }
            Page::Term(kind, i, p) => {
                let term = &site.taxonomy(kind).terms[i as usize];
                let rel = term_path(kind, &term.slug);
                let title = format!("{}: {}", kind.singular_title(), term.name);
                self.list(
                    &mut ctx,
                    kind.singular(),
                    &term.name,
                    &rel,
                    &term.articles,
                    p,
                    per,
                );
                ctx.insert_value(
                    "page",
                    self.meta_with(
                        "term",
                        title.clone(),
                        &page_path(&rel, p),
                        None,
                        Some((&rel, &title)),
                    ),
                );
                ("list.html", page_path(&rel, p))
            }
            Page::Year(y, p) => {
                let rel = format!("{y:04}/");
                let name = y.to_string();
                self.list(&mut ctx, "year", &name, &rel, &site.years[&y], p, per);
                let children: Vec<ArchiveLink> = site
                    .months
                    .range((y, 1)..=(y, 12))
                    .rev()
                    .map(|(&(y, m), ids)| ArchiveLink {
                        name: format!("{} {y}", MONTHS[m as usize - 1]),
                        url: self.urls.url(&format!("{y:04}/{m:02}/")),
                        count: ids.len(),
                    })
                    .collect();
                ctx.insert("children", &children);
                ctx.insert_value("page", self.meta("archive", name, &page_path(&rel, p)));
                ("list.html", page_path(&rel, p))
            }
            Page::Month(y, m, p) => {
                let rel = format!("{y:04}/{m:02}/");
                let name = format!("{} {y}", MONTHS[m as usize - 1]);
                self.list(
                    &mut ctx,
                    "month",
                    &name,
                    &rel,
                    &site.months[&(y, m)],
                    p,
                    per,
                );
                let children: Vec<ArchiveLink> = site
                    .days
                    .range((y, m, 1)..=(y, m, 31))
                    .rev()
                    .map(|(&(y, m, d), ids)| ArchiveLink {
                        name: format!("{d} {} {y}", MONTHS[m as usize - 1]),
                        url: self.urls.url(&format!("{y:04}/{m:02}/{d:02}/")),
                        count: ids.len(),
                    })
                    .collect();
                ctx.insert("children", &children);
                ctx.insert_value("page", self.meta("archive", name, &page_path(&rel, p)));
                ("list.html", page_path(&rel, p))
            }
            Page::Day(y, m, d, p) => {
                let rel = format!("{y:04}/{m:02}/{d:02}/");
                let name = format!("{d} {} {y}", MONTHS[m as usize - 1]);
                self.list(&mut ctx, "day", &name, &rel, &site.days[&(y, m, d)], p, per);
                ctx.insert("children", &Vec::<ArchiveLink>::new());
                ctx.insert_value("page", self.meta("archive", name, &page_path(&rel, p)));
                ("list.html", page_path(&rel, p))
            }
        };
        self.emit(theme, template, &ctx, out)?;
        Ok(format!("{rel}index.html"))
    }

    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        ctx: &mut Vars,
        kind: &'static str,
        name: &str,
        rel: &str,
        ids: &[ArticleId],
        p: usize,
        per: usize,
    ) {
        let total = page_count(ids.len(), per);
        let start = (p - 1) * per;
        let slice = &ids[start.min(ids.len())..(start + per).min(ids.len())];
        ctx.insert_value("articles", self.cards_of(slice));
        ctx.insert(
            "list",
            &ListMeta {
                kind,
                name,
                url: self.urls.url(rel),
                count: ids.len(),
            },
        );
        ctx.insert("paginator", &paginator(self.urls, rel, p, total, ids.len()));
        if !ctx.contains_key("children") {
            ctx.insert("children", &Vec::<ArchiveLink>::new());
        }
    }

    fn home(&self, ctx: &mut Vars) {
        let site = self.site;
        let all: Vec<ArticleId> = (0..site.articles.len() as ArticleId).collect();
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
        let mut order: Vec<&crate::index::Term> = site.topics.terms.iter().collect();
        order.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let sections: Vec<Value> = order
            .iter()
            .map(|t| {
                let ids: Vec<ArticleId> = t
                    .articles
                    .iter()
                    .copied()
                    .take(site.config.home_topic_count)
                    .collect();
                let mut m = tera::Map::new();
                m.insert("name".into(), Value::from(t.name.as_str()));
                m.insert(
                    "url".into(),
                    Value::from(self.urls.url(&term_path(TaxonomyKind::Topics, &t.slug))),
                );
                m.insert("count".into(), Value::from(t.articles.len()));
                m.insert("articles".into(), self.cards_of(&ids));
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
    }
}
