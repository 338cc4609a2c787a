//! Groups published articles by topic, tag, agency, author and date.
//! Input: parsed articles and the configuration. Output: a [`Site`] whose indexes hold
//! [`ArticleId`]s into one newest-first `Vec`. Pure: no I/O, no clock.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, FixedOffset, TimeZone};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{Article, ArticleId};
use crate::parse::slug::slugify;

mod scopes;
pub use scopes::{Scope, ScopeLists, scope_of_lang};

/// The four groupings an article can belong to by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaxonomyKind {
    Topics,
    Tags,
    Agencies,
    Authors,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 4] = [Self::Topics, Self::Tags, Self::Agencies, Self::Authors];

    /// URL segment and template key: `topics`, `tags`, `agencies`, `authors`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Topics => "topics",
            Self::Tags => "tags",
            Self::Agencies => "agencies",
            Self::Authors => "authors",
        }
    }

    /// Singular, for templates: `topic`, `tag`, `agency`, `author`.
    pub fn singular(self) -> &'static str {
        match self {
            Self::Topics => "topic",
            Self::Tags => "tag",
            Self::Agencies => "agency",
            Self::Authors => "author",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Topics => "Topics",
            Self::Tags => "Tags",
            Self::Agencies => "Agencies",
            Self::Authors => "Authors",
        }
    }

    /// Singular, capitalised: `Topic`, `Tag`, `Agency`, `Author`.
    pub fn singular_title(self) -> &'static str {
        match self {
            Self::Topics => "Topic",
            Self::Tags => "Tag",
            Self::Agencies => "Agency",
            Self::Authors => "Author",
        }
    }

    fn names(self, a: &Article) -> &[String] {
        match self {
            Self::Topics => &a.topics,
            Self::Tags => &a.tags,
            Self::Agencies => &a.agencies,
            Self::Authors => &a.authors,
        }
    }
}

/// One topic, tag, agency or author with its articles, newest first.
#[derive(Debug, Clone)]
pub struct Term {
    /// Display name: the spelling most articles use.
    pub name: String,
    pub slug: String,
    pub articles: Vec<ArticleId>,
}

/// All terms of one kind, sorted by slug, with a lookup from slug.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub terms: Vec<Term>,
    by_slug: HashMap<String, u32>,
}

impl Taxonomy {
    pub fn get(&self, slug: &str) -> Option<&Term> {
        self.by_slug.get(slug).map(|&i| &self.terms[i as usize])
    }

    /// The term an article's name belongs to.
    pub fn term_of(&self, name: &str) -> Option<&Term> {
        self.get(&slugify(name, "term"))
    }
}

/// Everything the renderer needs: the configuration, articles and indexes.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Published articles, newest first; an [`ArticleId`] indexes this.
    pub articles: Vec<Article>,
    pub topics: Taxonomy,
    pub tags: Taxonomy,
    pub agencies: Taxonomy,
    pub authors: Taxonomy,
    /// `(year)`, `(year, month)`, `(year, month, day)` in the site time zone.
    pub years: BTreeMap<i32, Vec<ArticleId>>,
    pub months: BTreeMap<(i32, u32), Vec<ArticleId>>,
    pub days: BTreeMap<(i32, u32, u32), Vec<ArticleId>>,
    /// Stories by `translation_key`, newest first: each one's translations.
    pub translations: BTreeMap<String, Vec<ArticleId>>,
    /// The build time everything was selected against.
    pub now: DateTime<FixedOffset>,
    /// When the published site next changes by itself (embargo lifts, expiry, a
    /// breaking-news banner runs out).
    pub next_change: Option<DateTime<FixedOffset>>,
    /// What the selection left out that a flag would publish.
    pub left_out: LeftOut,
    /// Standalone pages (About, Corrections policy), sorted by path.
    pub pages: Vec<crate::model::StandalonePage>,
    /// Redirects and tombstones ([`crate::urls::answers`]).
    pub answers: crate::urls::Answers,
    /// Each article's processed photo ([`crate::images`]), by [`ArticleId`]; empty
    /// until the images stage has run (`related`, `check` without images).
    pub pictures: crate::images::Pictures,
    /// Where withdrawn stories stood in each list they were in: positions, newest
    /// first, counting the withdrawn ones. Pagination keeps their places, so a
    /// withdrawal leaves every page of a list but the one that showed the story as it
    /// was (see [`withdrawn_places`]).
    pub gaps: HashMap<ListKey, Vec<u32>>,
    /// The same for the whole archive ([`Site::articles`]): where each withdrawn
    /// story stood, newest first, counting the withdrawn ones. The search index keeps
    /// their document numbers taken ([`crate::search`]).
    pub withdrawn_at: Vec<u32>,
    /// The search index's manifest and script, when the build makes one and the
    /// theme has a `search.html` to show it.
    pub search: Option<crate::search::Links>,
    /// With `[[editions]]`, each scope's lists ([`Site::scope`]): the root's, then
    /// each edition's with a path. Empty without editions (one scope, the site's).
    pub scoped: Vec<ScopeLists>,
    /// With `[[editions]]`, each article's scope, by [`ArticleId`].
    pub article_scopes: Vec<u8>,
}

/// A list of articles the site pages through, in a scope ([`Site::scope`]): a
/// term's (by index into the scope's taxonomy's terms), or a date archive's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKey {
    Term(u8, TaxonomyKind, u32),
    Year(u8, i32),
    Month(u8, i32, u32),
    Day(u8, i32, u32, u32),
}

impl ListKey {
    /// The scope the list is in.
    pub fn scope(self) -> u8 {
        match self {
            ListKey::Term(s, ..)
            | ListKey::Year(s, _)
            | ListKey::Month(s, ..)
            | ListKey::Day(s, ..) => s,
        }
    }
}

/// Articles a build left out and would publish with `--drafts` or `--future`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Marked `draft: true`.
    pub drafts: usize,
    /// Not drafts, but dated (or embargoed) after the build time.
    pub scheduled: usize,
}

impl Site {
    /// The other language versions of article `id` (by `translation_key`), newest first.
    pub fn translations_of(&self, id: ArticleId) -> Vec<ArticleId> {
        let key = self.article(id).translation_key.as_ref();
        key.and_then(|k| self.translations.get(k))
            .map(|ids| ids.iter().copied().filter(|&other| other != id).collect())
            .unwrap_or_default()
    }

    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        match kind {
            TaxonomyKind::Topics => &self.topics,
            TaxonomyKind::Tags => &self.tags,
            TaxonomyKind::Agencies => &self.agencies,
            TaxonomyKind::Authors => &self.authors,
        }
    }

    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id as usize]
    }
}

/// Which articles a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<FixedOffset>,
}

impl Selection {
    /// The articles this selection leaves out as drafts or as scheduled; withdrawn and
    /// expired ones are not counted (no flag publishes them).
    pub fn left_out<'a>(&self, articles: impl IntoIterator<Item = &'a Article>) -> LeftOut {
        let mut n = LeftOut::default();
        for a in articles {
            if a.withdrawn || a.expires.is_some_and(|e| e <= self.now) {
                continue;
            }
            if a.draft && !self.drafts {
                n.drafts += 1;
            } else if !self.future && a.visible_from() > self.now {
                n.scheduled += 1;
            }
        }
        n
    }

    pub fn includes(&self, a: &Article) -> bool {
        !a.withdrawn && self.includes_but_withdrawn(a)
    }

    /// Whether the build would publish `a` were it not withdrawn.
    fn includes_but_withdrawn(&self, a: &Article) -> bool {
        (self.drafts || !a.draft)
            && (self.future || a.visible_from() <= self.now)
            && a.expires.is_none_or(|e| e > self.now)
    }

    /// The next time after `now` at which the published set changes by itself
    /// (an embargo lifts, a future article's time comes, an article expires).
    pub fn next_change<'a>(
        &self,
        articles: impl IntoIterator<Item = &'a Article>,
    ) -> Option<DateTime<FixedOffset>> {
        articles
            .into_iter()
            .filter(|a| !a.withdrawn && (self.drafts || !a.draft))
            .flat_map(|a| {
                let lift = (!self.future).then(|| a.visible_from());
                [lift, a.expires]
            })
            .flatten()
            .filter(|t| *t > self.now)
            .min()
    }
}

/// Sorts articles newest first (then by slug, then by source file: a total order, as
/// no two articles share a source). The order is found over indices and each article
/// is moved twice (into its slot, then into place): an article is several hundred
/// bytes, and a merge sort of the articles themselves moved each of them about
/// log2(n) times (13 at 10k, 20 at a million), on one core.
fn newest_first(articles: Vec<Article>) -> Vec<Article> {
    use rayon::prelude::*;
    let mut order: Vec<u32> = (0..articles.len() as u32).collect();
    order.par_sort_unstable_by(|&x, &y| {
        let (a, b) = (&articles[x as usize], &articles[y as usize]);
        b.date
            .cmp(&a.date)
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.source.cmp(&b.source))
    });
    let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| slots[i as usize].take().expect("each index once"))
        .collect()
}

/// Keeps the selected articles, sorts them newest first, checks that no two share
/// a URL, and builds every index. Related lists are left empty for [`crate::related`].
pub fn build_site(
    config: Config,
    mut articles: Vec<Article>,
    selection: Selection,
) -> Result<Site, Vec<Diagnostic>> {
    let next_change = selection.next_change(&articles);
    let left_out = selection.left_out(&articles);
    // Withdrawn stories the build would otherwise publish keep their places in lists.
    let mut withdrawn: Vec<Article> = Vec::new();
    articles.retain_mut(|a| {
        if a.withdrawn && selection.includes_but_withdrawn(a) {
            withdrawn.push(a.clone());
        }
        selection.includes(a)
    });
    // A breaking-news banner running out changes the front page too.
    let banner_ends = articles
        .iter()
        .filter_map(|a| a.breaking_until(config.breaking_hours))
        .filter(|t| *t > selection.now)
        .min();
    let next_change = next_change.into_iter().chain(banner_ends).min();
    let articles = newest_first(articles);

    let mut seen: HashMap<&str, &Article> = HashMap::with_capacity(articles.len());
    let mut clashes = Vec::new();
    for a in &articles {
        if let Some(first) = seen.insert(a.path.as_str(), a) {
            let (one, two) = if first.source < a.source {
                (first, a)
            } else {
                (a, first)
            };
            clashes.push(
                Diagnostic::error(
                    &two.source,
                    0,
                    0,
                    format!(
                        "`{}` and `{}` would both be written to /{}",
                        one.source, two.source, a.path
                    ),
                )
                .with_help("give one of them a different `slug:` in its front matter"),
            );
        }
    }
    if !clashes.is_empty() {
        return Err(clashes);
    }
    drop(seen);

    // The four taxonomies and the archive are independent: made side by side.
    let ((topics, tags), (agencies, (authors, (years, months, days)))) = rayon::join(
        || {
            rayon::join(
                || group(&articles, TaxonomyKind::Topics),
                || group(&articles, TaxonomyKind::Tags),
            )
        },
        || {
            rayon::join(
                || group(&articles, TaxonomyKind::Agencies),
                || {
                    rayon::join(
                        || group(&articles, TaxonomyKind::Authors),
                        || archive(&articles, config.timezone),
                    )
                },
            )
        },
    );
    let mut translations: BTreeMap<String, Vec<ArticleId>> = BTreeMap::new();
    for (id, a) in articles.iter().enumerate() {
        if let Some(key) = &a.translation_key {
            translations
                .entry(key.clone())
                .or_default()
                .push(id as ArticleId);
        }
    }
    translations.retain(|_, ids| ids.len() > 1);
    let mut site = Site {
        translations,
        topics,
        tags,
        agencies,
        authors,
        config,
        articles,
        years,
        months,
        days,
        now: selection.now,
        next_change,
        left_out,
        pages: Vec::new(),
        answers: Default::default(),
        pictures: Vec::new(),
        gaps: HashMap::new(),
        withdrawn_at: Vec::new(),
        search: None,
        scoped: Vec::new(),
        article_scopes: Vec::new(),
    };
    (site.article_scopes, site.scoped) = scopes::scope_lists(&site);
    (site.gaps, site.withdrawn_at) = withdrawn_places(&site, newest_first(withdrawn));
    Ok(site)
}

/// Where each withdrawn story (newest first) stood in every list of `site` it was in,
/// as [`Site::gaps`] keeps them (a list only withdrawn stories were in is gone), and
/// in the whole archive ([`Site::withdrawn_at`]).
fn withdrawn_places(
    site: &Site,
    withdrawn: Vec<Article>,
) -> (HashMap<ListKey, Vec<u32>>, Vec<u32>) {
    let mut gaps: HashMap<ListKey, Vec<u32>> = HashMap::new();
    let mut at = Vec::new();
    let all: Vec<ArticleId> = if withdrawn.is_empty() {
        Vec::new()
    } else {
        (0..site.articles.len() as ArticleId).collect()
    };
    for w in &withdrawn {
        // Published stories before it, in the order of `newest_first`.
        let newer = |ids: &[ArticleId]| {
            ids.partition_point(|&id| {
                let a = site.article(id);
                a.date > w.date || a.date == w.date && (&a.slug, &a.source) < (&w.slug, &w.source)
            })
        };
        // The withdrawn stories placed before it are newer: each took a place.
        at.push((newer(&all) + at.len()) as u32);
        let mut lists: Vec<(ListKey, &[ArticleId])> = Vec::new();
        let s = if site.scoped.is_empty() {
            0
        } else {
            scope_of_lang(&site.config, &w.lang)
        };
        let scope = site.scope(s);
        for kind in TaxonomyKind::ALL {
            let taxonomy = scope.taxonomy(kind);
            for name in kind.names(w) {
                if let Some(&i) = taxonomy.by_slug.get(&slugify(name, kind.singular())) {
                    let ids = &taxonomy.terms[i as usize].articles;
                    lists.push((ListKey::Term(s, kind, i), ids));
                }
            }
        }
        let local = site.config.timezone.from_utc_datetime(&w.date.naive_utc());
        let (y, m, d) = (local.year(), local.month(), local.day());
        lists.extend(
            scope
                .years
                .get(&y)
                .map(|ids| (ListKey::Year(s, y), &ids[..])),
        );
        lists.extend(
            scope
                .months
                .get(&(y, m))
                .map(|ids| (ListKey::Month(s, y, m), &ids[..])),
        );
        lists.extend(
            scope
                .days
                .get(&(y, m, d))
                .map(|ids| (ListKey::Day(s, y, m, d), &ids[..])),
        );
        // Two spellings of one term in one story: one place.
        let mut seen: Vec<ListKey> = Vec::new();
        for (key, ids) in lists {
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let places = gaps.entry(key).or_default();
            places.push((newer(ids) + places.len()) as u32);
        }
    }
    (gaps, at)
}

/// Article ids by year, month and day of publication in the site's time zone.
type Archive = (
    BTreeMap<i32, Vec<ArticleId>>,
    BTreeMap<(i32, u32), Vec<ArticleId>>,
    BTreeMap<(i32, u32, u32), Vec<ArticleId>>,
);

fn archive(articles: &[Article], tz: chrono_tz::Tz) -> Archive {
    let mut years: BTreeMap<i32, Vec<ArticleId>> = BTreeMap::new();
    let mut months: BTreeMap<(i32, u32), Vec<ArticleId>> = BTreeMap::new();
    let mut days: BTreeMap<(i32, u32, u32), Vec<ArticleId>> = BTreeMap::new();
    for (id, a) in articles.iter().enumerate() {
        let id = id as ArticleId;
        let local = tz.from_utc_datetime(&a.date.naive_utc());
        let (y, m, d) = (local.year(), local.month(), local.day());
        years.entry(y).or_default().push(id);
        months.entry((y, m)).or_default().push(id);
        days.entry((y, m, d)).or_default().push(id);
    }
    (years, months, days)
}

/// Groups articles by the slug of each name; the display name is the most used
/// spelling (ties: the alphabetically first), so `world` and `World` are one term.
fn group(articles: &[Article], kind: TaxonomyKind) -> Taxonomy {
    // Each spelling is looked up once per use, by hash: the term it belongs to (its
    // slug made once) and how many times it was used.
    let mut spellings: HashMap<&str, (u32, usize)> = HashMap::new();
    let mut by_slug: HashMap<String, u32> = HashMap::new();
    let mut found: Vec<(String, Vec<ArticleId>)> = Vec::new();
    for (id, a) in articles.iter().enumerate() {
        let id = id as ArticleId;
        for name in kind.names(a) {
            let (term, uses) = match spellings.get_mut(name.as_str()) {
                Some(s) => s,
                None => {
                    let slug = slugify(name, kind.singular());
                    let term = *by_slug.entry(slug).or_insert_with_key(|slug| {
                        found.push((slug.clone(), Vec::new()));
                        (found.len() - 1) as u32
                    });
                    spellings.entry(name.as_str()).or_insert((term, 0))
                }
            };
            *uses += 1;
            let ids = &mut found[*term as usize].1;
            // Two spellings of one term in one article: listed once.
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }
    // The display name: the spelling used most, the first in byte order on a tie.
    let mut names: Vec<Option<(&str, usize)>> = vec![None; found.len()];
    for (&name, &(term, uses)) in &spellings {
        let best = &mut names[term as usize];
        if best.is_none_or(|(b, n)| uses > n || (uses == n && name < b)) {
            *best = Some((name, uses));
        }
    }
    let mut terms: Vec<Term> = found
        .into_iter()
        .zip(names)
        .map(|((slug, articles), name)| Term {
            name: name
                .expect("a term has at least one spelling")
                .0
                .to_string(),
            slug,
            articles,
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    let by_slug = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i as u32))
        .collect();
    Taxonomy { terms, by_slug }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::article::parse_article;

    #[test]
    fn terms_are_grouped_by_slug_and_named_as_most_spell_them() {
        let config = Config::parse("title = \"T\"\nbase_url = \"/\"\n", "site.toml")
            .expect("fixture config parses");
        // Newest first: article 0 is the newest (day 25).
        let tags = [
            "[Sri Lanka, sri lanka, Zebra]",
            "[sri lanka, Álvarez]",
            "[Sri Lanka, Alvarez]",
            "[Sri-Lanka, Zebra]",
        ];
        let articles: Vec<Article> = tags
            .iter()
            .enumerate()
            .map(|(i, tags)| {
                let text = format!(
                    "---\ntitle: T\ndate: 2017-09-{:02}T10:00:00+05:00\ntags: {tags}\n---\nText.\n",
                    25 - i
                );
                parse_article(&text, &format!("content/{i}.md"), &config)
                    .expect("parses")
                    .0
            })
            .collect();
        let site = build_site(
            config,
            articles,
            Selection {
                drafts: false,
                future: false,
                now: DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap(),
            },
        )
        .expect("indexes");
        let got: Vec<(&str, &str, &[ArticleId])> = site
            .tags
            .terms
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str(), t.articles.as_slice()))
            .collect();
        assert_eq!(
            got,
            [
                // One use each: the first spelling in byte order.
                ("alvarez", "Alvarez", &[1, 2][..]),
                // `Sri Lanka` twice, `sri lanka` twice, `Sri-Lanka` once: a tie, and
                // `Sri Lanka` comes first; article 0, which has two spellings, once.
                ("sri-lanka", "Sri Lanka", &[0, 1, 2, 3][..]),
                ("zebra", "Zebra", &[0, 3][..]),
            ]
        );
        assert_eq!(site.tags.get("zebra").map(|t| t.articles.len()), Some(2));
        assert_eq!(
            site.tags.term_of("SRI LANKA").map(|t| t.slug.as_str()),
            Some("sri-lanka")
        );
    }

    #[test]
    fn articles_come_newest_first_then_by_slug_then_by_source() {
        let config = Config::parse("title = \"T\"\nbase_url = \"/\"\n", "site.toml")
            .expect("fixture config parses");
        // (source, date, slug): equal dates fall back on the slug, equal slugs on
        // the source file (their URLs clash, which is reported after sorting).
        let specs = [
            ("content/e.md", "2017-09-21T10:00:00+05:00", "floods"),
            ("content/a.md", "2017-09-22T10:00:00+05:00", "rain"),
            ("content/c.md", "2017-09-22T10:00:00+05:00", "budget"),
            ("content/d.md", "2017-09-22T06:00:00+01:00", "rain"),
            ("content/b.md", "2017-09-23T08:00:00+05:00", "talks"),
        ];
        let articles: Vec<Article> = specs
            .iter()
            .map(|(source, date, slug)| {
                let text = format!("---\ntitle: T\ndate: {date}\nslug: {slug}\n---\nText.\n");
                parse_article(&text, source, &config).expect("parses").0
            })
            .collect();
        let sorted: Vec<String> = newest_first(articles)
            .into_iter()
            .map(|a| a.source)
            .collect();
        // d.md's 06:00 at +01:00 is the same instant as 10:00 at +05:00.
        assert_eq!(
            sorted,
            [
                "content/b.md",
                "content/c.md",
                "content/a.md",
                "content/d.md",
                "content/e.md"
            ]
        );
    }
}
