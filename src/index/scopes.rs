//! Each edition's own lists: the topics, tags, agencies, authors and date archives
//! of its stories only, for its pages under its path (`/ur/topics/…/`). Input: the
//! site-wide lists and each story's edition. Output: [`ScopeLists`] holding ids into
//! the same articles. Pure; nothing is made without `[[editions]]`.

use std::collections::{BTreeMap, HashMap};

use super::{Site, Taxonomy, TaxonomyKind, Term};
use crate::config::Config;
use crate::model::ArticleId;

/// One scope's lists, made when the site declares editions. Scope 0 is the root
/// (the edition at `/`, with the stories of languages that have no edition of their
/// own); scopes 1.. the editions with a path, in site.toml's order.
#[derive(Debug, Clone, Default)]
pub struct ScopeLists {
    /// `""` for the root, else the edition's path and a slash (`ur/`).
    pub prefix: String,
    /// The edition in [`Config::editions`], if one is at this scope.
    pub edition: Option<usize>,
    pub taxonomies: [Taxonomy; 4],
    pub years: BTreeMap<i32, Vec<ArticleId>>,
    pub months: BTreeMap<(i32, u32), Vec<ArticleId>>,
    pub days: BTreeMap<(i32, u32, u32), Vec<ArticleId>>,
}

/// The lists of one scope, borrowed: the site's own without editions.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub prefix: &'a str,
    pub edition: Option<usize>,
    taxonomies: [&'a Taxonomy; 4],
    pub years: &'a BTreeMap<i32, Vec<ArticleId>>,
    pub months: &'a BTreeMap<(i32, u32), Vec<ArticleId>>,
    pub days: &'a BTreeMap<(i32, u32, u32), Vec<ArticleId>>,
}

impl<'a> Scope<'a> {
    pub fn taxonomy(self, kind: TaxonomyKind) -> &'a Taxonomy {
        self.taxonomies[kind as usize]
    }
}

impl Site {
    /// How many scopes the site's lists have: 1 without editions.
    pub fn scope_count(&self) -> u8 {
        self.scoped.len().max(1) as u8
    }

    /// The lists of scope `s` (0: the root).
    pub fn scope(&self, s: u8) -> Scope<'_> {
        match self.scoped.get(s as usize) {
            Some(l) => Scope {
                prefix: &l.prefix,
                edition: l.edition,
                taxonomies: [0, 1, 2, 3].map(|k| &l.taxonomies[k]),
                years: &l.years,
                months: &l.months,
                days: &l.days,
            },
            None => Scope {
                prefix: "",
                edition: None,
                taxonomies: TaxonomyKind::ALL.map(|k| self.taxonomy(k)),
                years: &self.years,
                months: &self.months,
                days: &self.days,
            },
        }
    }

    /// The scope whose pages a site path (`ur/2024/…/`) is under: the edition
    /// whose path begins it, else the root.
    pub fn scope_of_path(&self, path: &str) -> u8 {
        (1..self.scope_count())
            .find(|&s| path.starts_with(self.scope(s).prefix))
            .unwrap_or(0)
    }

    /// The scope whose lists article `id` is in.
    pub fn scope_of(&self, id: ArticleId) -> u8 {
        self.article_scopes.get(id as usize).copied().unwrap_or(0)
    }
}

/// The scope of a story in `lang`: its edition's when that has a path, else the root.
pub fn scope_of_lang(config: &Config, lang: &str) -> u8 {
    match config.edition_of(lang) {
        Some(e) if !config.editions[e].path.is_empty() => {
            let pathed = config.editions[..e]
                .iter()
                .filter(|o| !o.path.is_empty())
                .count();
            (pathed + 1) as u8
        }
        _ => 0,
    }
}

/// Each article's scope and every scope's lists; both empty without editions.
pub(super) fn scope_lists(site: &Site) -> (Vec<u8>, Vec<ScopeLists>) {
    let config = &site.config;
    if config.editions.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // Languages repeat: each is looked up once.
    let mut by_lang: HashMap<&str, u8> = HashMap::new();
    let scope_of: Vec<u8> = site
        .articles
        .iter()
        .map(|a| {
            *by_lang
                .entry(a.lang.as_str())
                .or_insert_with(|| scope_of_lang(config, &a.lang))
        })
        .collect();
    let root = ScopeLists {
        prefix: String::new(),
        edition: config.editions.iter().position(|e| e.path.is_empty()),
        ..Default::default()
    };
    let mut scopes = vec![root];
    scopes.extend(
        config
            .editions
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.path.is_empty())
            .map(|(i, e)| ScopeLists {
                prefix: format!("{}/", e.path),
                edition: Some(i),
                ..Default::default()
            }),
    );
    let n = scopes.len();
    for kind in TaxonomyKind::ALL {
        let mut terms: Vec<Vec<Term>> = vec![Vec::new(); n];
        for t in &site.taxonomy(kind).terms {
            for (s, ids) in split(&t.articles, &scope_of, n).into_iter().enumerate() {
                if !ids.is_empty() {
                    terms[s].push(Term {
                        name: t.name.clone(),
                        slug: t.slug.clone(),
                        articles: ids,
                    });
                }
            }
        }
        for (scope, terms) in scopes.iter_mut().zip(terms) {
            let by_slug = terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.slug.clone(), i as u32))
                .collect();
            scope.taxonomies[kind as usize] = Taxonomy { terms, by_slug };
        }
    }
    for (&y, ids) in &site.years {
        for (s, ids) in split(ids, &scope_of, n).into_iter().enumerate() {
            if !ids.is_empty() {
                scopes[s].years.insert(y, ids);
            }
        }
    }
    for (&ym, ids) in &site.months {
        for (s, ids) in split(ids, &scope_of, n).into_iter().enumerate() {
            if !ids.is_empty() {
                scopes[s].months.insert(ym, ids);
            }
        }
    }
    for (&ymd, ids) in &site.days {
        for (s, ids) in split(ids, &scope_of, n).into_iter().enumerate() {
            if !ids.is_empty() {
                scopes[s].days.insert(ymd, ids);
            }
        }
    }
    (scope_of, scopes)
}

/// `ids` (newest first) by scope, each keeping the order.
fn split(ids: &[ArticleId], scope_of: &[u8], n: usize) -> Vec<Vec<ArticleId>> {
    let mut out = vec![Vec::new(); n];
    for &id in ids {
        out[scope_of[id as usize] as usize].push(id);
    }
    out
}
