//! What an edition's own pages (its term, archive and search pages under
//! `/<path>/`) are written in: the edition's language, its labels from the theme's
//! translation tables, its month names. Input: the site, a scope, the theme's
//! tables. Output: strings and the `edition` template variable; renders nothing.

use tera::Value;

use super::i18n::Translations;
use super::plan::{List, Page};
use super::views::{Alternate, Urls};
use crate::index::Site;

/// English month names: the site's own lists without a table in another language.
pub(super) const MONTHS: [&str; 12] = [
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

/// The language scope `s`'s pages are written in, when it is not the site's: the
/// language of the edition at that scope.
pub(super) fn scope_lang(site: &Site, s: u8) -> Option<&str> {
    let e = site.scope(s).edition?;
    let lang = site.config.editions[e].lang.as_str();
    (lang != site.config.language).then_some(lang)
}

/// The `edition` variable of the pages of scope `s` in another language than the
/// site's (see [`edition_view`]); `None` otherwise.
pub(super) fn scope_edition(site: &Site, s: u8) -> Option<Value> {
    scope_lang(site, s)?;
    let e = site.scope(s).edition?;
    Some(edition_view(&site.config.editions[e]))
}

/// The `edition` variable: `{lang, dir, title, description}` (title and
/// description as site.toml gives them, or none).
pub(super) fn edition_view(e: &crate::config::Edition) -> Value {
    let mut m = tera::Map::new();
    m.insert("lang".into(), Value::from(e.lang.as_str()));
    let dir = if crate::model::is_rtl_language(&e.lang) {
        "rtl"
    } else {
        "ltr"
    };
    m.insert("dir".into(), Value::from(dir));
    m.insert(
        "title".into(),
        Value::from(e.title.as_deref().unwrap_or("")),
    );
    m.insert(
        "description".into(),
        Value::from(e.description.as_deref().unwrap_or("")),
    );
    Value::from(m)
}

/// How one scope's pages name things: in the site's language (the English words the
/// site's own pages have always used), or in the edition's from the theme's tables.
pub(super) struct Words<'a> {
    lang: Option<&'a str>,
    tables: &'a Translations,
    /// The title feeds and page titles end with: the edition's, else the site's.
    pub(super) site_title: &'a str,
}

impl<'a> Words<'a> {
    pub(super) fn new(site: &'a Site, s: u8, tables: &'a Translations) -> Self {
        let lang = scope_lang(site, s);
        let edition = site.scope(s).edition.map(|e| &site.config.editions[e]);
        Words {
            lang,
            tables,
            site_title: edition
                .and_then(|e| e.title.as_deref())
                .unwrap_or(&site.config.title),
        }
    }

    /// The table's `key` in the edition's language, else `english`.
    pub(super) fn label(&self, key: &str, english: &str) -> String {
        self.lang
            .and_then(|l| self.tables.text(key, l, None))
            .unwrap_or_else(|| english.to_string())
    }

    /// A term's name as the edition's table names it (`[terms]`).
    pub(super) fn term<'n>(&'n self, name: &'n str) -> &'n str {
        match self.lang {
            Some(l) => self.tables.term(name, l),
            None => name,
        }
    }

    /// A month's name (1-based) and a number in the edition's language.
    pub(super) fn month(&self, m: u32) -> String {
        let i = m as usize - 1;
        self.lang
            .and_then(|l| Some(self.tables.calendar(l)?[0].get(i)?.clone()))
            .unwrap_or_else(|| MONTHS[i].to_string())
    }

    pub(super) fn num(&self, n: impl ToString) -> String {
        match self.lang {
            Some(l) => self.tables.digits(&n.to_string(), l),
            None => n.to_string(),
        }
    }
}

/// The language of scope `s`'s pages for `hreflang`: its edition's, else the
/// site's.
fn hreflang(site: &Site, s: u8) -> &str {
    match site.scope(s).edition {
        Some(e) => &site.config.editions[e].lang,
        None => &site.config.language,
    }
}

/// The same list in every scope that has it (its path there and the scope), in
/// scope order: a term by its slug, an archive by its date.
fn same_list(site: &Site, list: List) -> Vec<(u8, String)> {
    (0..site.scope_count())
        .filter_map(|s| {
            let scope = site.scope(s);
            let there = match list {
                List::Term(from, kind, i) => {
                    let slug = &site.scope(from).taxonomy(kind).terms[i as usize].slug;
                    let taxonomy = scope.taxonomy(kind);
                    let j = taxonomy.terms.binary_search_by(|t| t.slug.cmp(slug)).ok()?;
                    List::Term(s, kind, j as u32)
                }
                List::Year(_, y) => scope.years.contains_key(&y).then_some(List::Year(s, y))?,
                List::Month(_, y, m) => scope
                    .months
                    .contains_key(&(y, m))
                    .then_some(List::Month(s, y, m))?,
                List::Day(_, y, m, d) => scope
                    .days
                    .contains_key(&(y, m, d))
                    .then_some(List::Day(s, y, m, d))?,
            };
            Some((s, there.target(site).0))
        })
        .collect()
}

/// The sitemap's `hreflang` alternates of a page that every edition has its own of:
/// an edition's home, a term index, the first page of a term or archive list. Each
/// version by its edition's language, then `x-default` (the root's, else the
/// first); the same list on every version, so the links are reciprocal. Empty for
/// a page only one edition has, and without editions.
pub(super) fn edition_alternates(site: &Site, urls: &Urls, page: Page) -> Vec<Alternate> {
    if site.scoped.is_empty() {
        return Vec::new();
    }
    let editions = &site.config.editions;
    let root = editions.iter().position(|e| e.path.is_empty());
    // The versions in order; the first is the root's when the root has one.
    let versions: Vec<(String, String)> = match page {
        // Without an edition at the root, its home is none of them.
        Page::Home if root.is_none() => Vec::new(),
        Page::Home | Page::EditionHome(_) => root
            .into_iter()
            .chain((0..editions.len()).filter(|&i| Some(i) != root))
            .map(|i| &editions[i])
            .map(|e| {
                let rel = if e.path.is_empty() {
                    String::new()
                } else {
                    format!("{}/", e.path)
                };
                (e.lang.clone(), rel)
            })
            .collect(),
        Page::TermIndex(_, kind) => (0..site.scope_count())
            .filter(|&s| !site.scope(s).taxonomy(kind).terms.is_empty())
            .map(|s| {
                let rel = format!("{}{}/", site.scope(s).prefix, kind.key());
                (hreflang(site, s).to_string(), rel)
            })
            .collect(),
        Page::List(list, 0) => same_list(site, list)
            .into_iter()
            .map(|(s, rel)| (hreflang(site, s).to_string(), rel))
            .collect(),
        _ => Vec::new(),
    };
    if versions.len() < 2 {
        return Vec::new();
    }
    let x_default = Alternate {
        lang: "x-default".into(),
        href: urls.permalink(&versions[0].1),
    };
    versions
        .iter()
        .map(|(lang, rel)| Alternate {
            lang: lang.clone(),
            href: urls.permalink(rel),
        })
        .chain(std::iter::once(x_default))
        .collect()
}
