//! Related news: for each article, the other articles an editor would link, and why.
//! Input: a [`Site`] with its indexes and each article's words. Output: `site.related`,
//! best first, and on request an [`Explanation`] of one link. Never compares all pairs:
//! candidates come from inverted indexes ([`candidates`]); no I/O.
//!
//! A link's score is a weighted sum of shared evidence (rare tags, topics, agencies, the
//! dateline place, TF-IDF keywords of title and body) times a time decay; see
//! docs/related.md.

mod candidates;
mod mentions;
mod score;
mod signals;
#[cfg(test)]
mod tests;
mod versions;
#[cfg(test)]
mod wire_tests;

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::index::{Site, Taxonomy};
use crate::model::ArticleId;
use crate::parse::terms;
use candidates::Scratch;
use score::Parts;
use signals::{Facet, NO_PLACE, Signals};

/// Up to `related.count` related articles for each article, by [`ArticleId`].
pub fn compute(site: &Site) -> Vec<Vec<ArticleId>> {
    scored(site)
        .into_iter()
        .map(|list| list.into_iter().map(|(id, _)| id).collect())
        .collect()
}

/// Every article's related articles with their scores, best first.
pub fn scored(site: &Site) -> Vec<Vec<(ArticleId, f64)>> {
    let n = site.articles.len();
    let cfg = &site.config.related;
    if cfg.count == 0 || n < 2 {
        return vec![Vec::new(); n];
    }
    let s = Signals::gather(site);
    (0..n as ArticleId)
        .into_par_iter()
        // Few, large pieces: each allocates its scratch space once.
        .with_min_len((n / (rayon::current_num_threads() * 8)).max(256))
        .map_init(
            || Scratch::new(n, s.term_hashes.len()),
            |scratch, id| candidates::rank(&s, cfg, id, scratch),
        )
        .collect()
}

/// Explains scores between articles of one site, and ranks one article's related
/// articles at a time; gathers the evidence once.
pub struct Explainer<'a> {
    site: &'a Site,
    signals: Signals,
    /// Reused by [`Explainer::related`] from one call to the next.
    scratch: Mutex<Scratch>,
}

/// Why `related` is linked from an article: every signal with what produced it.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub slug: String,
    pub path: String,
    pub title: String,
    /// RFC 3339.
    pub date: String,
    pub score: f64,
    pub days_apart: f64,
    /// Multiplies the sum of the signals' points.
    pub decay: f64,
    pub tags: Signal,
    pub topics: Signal,
    pub agencies: Signal,
    pub place: Signal,
    /// Shared keywords of title and body (and names: pairs of capitalised words).
    pub text: Signal,
    /// The topic prior: `points` is what the score's factor adds to 1
    /// (`1 + topic_prior` with a shared topic, 1 without); items are the shared topics.
    pub topic_prior: Signal,
    /// Other versions of this story (agency rewrites, updates) among the candidates,
    /// shown as this one link, the newest. Filled by [`Explainer::explain_list`].
    pub versions: Vec<Version>,
}

/// A version of a story that a link stands for.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub slug: String,
    pub path: String,
    pub title: String,
    /// RFC 3339.
    pub date: String,
    pub agencies: Vec<String>,
}

/// An article's related list explained: each link, and the versions of the article's own
/// story left out (older ones are never linked; a newer one is linked in their place).
#[derive(Debug, Clone, Serialize)]
pub struct ExplainedList {
    pub related: Vec<Explanation>,
    pub own_versions: Vec<Version>,
}

/// One signal: `points = weight × value`, and the shared items behind the value.
#[derive(Debug, Clone, Serialize)]
pub struct Signal {
    pub weight: f64,
    pub value: f64,
    pub points: f64,
    /// Shared tags, places or words with each one's share of `value`, largest first.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub name: String,
    pub value: f64,
}

impl<'a> Explainer<'a> {
    pub fn new(site: &'a Site) -> Self {
        let signals = Signals::gather(site);
        let scratch = Scratch::new(site.articles.len(), signals.term_hashes.len());
        Explainer {
            site,
            signals,
            scratch: Mutex::new(scratch),
        }
    }

    /// The related articles of `a` with their scores, best first: the list [`scored`]
    /// gives for `a` (and [`compute`] stores), computed for this one article only.
    pub fn related(&self, a: ArticleId) -> Vec<(ArticleId, f64)> {
        let mut scratch = self
            .scratch
            .lock()
            .expect("no panics while holding the lock");
        let cfg = &self.site.config.related;
        candidates::rank(&self.signals, cfg, a, &mut scratch)
    }

    /// [`Explainer::explain`] for each link of `a`'s list, with the versions each stands
    /// for and those of `a`'s own story.
    pub fn explain_list(&self, a: ArticleId) -> ExplainedList {
        let (stories, own) = {
            let mut scratch = self
                .scratch
                .lock()
                .expect("no panics while holding the lock");
            let cfg = &self.site.config.related;
            candidates::rank_stories(&self.signals, cfg, a, &mut scratch)
        };
        let related = stories
            .iter()
            .map(|st| {
                let mut e = self.explain(a, st.shown);
                e.versions = (st.versions.iter())
                    .filter(|&&v| v != st.shown && v != a)
                    .map(|&v| self.version(v))
                    .collect();
                e
            })
            .collect();
        let own_versions = own.iter().map(|&v| self.version(v)).collect();
        ExplainedList {
            related,
            own_versions,
        }
    }

    fn version(&self, v: ArticleId) -> Version {
        let article = self.site.article(v);
        Version {
            slug: article.slug.clone(),
            path: article.path.clone(),
            title: article.title.clone(),
            date: article.date.to_rfc3339(),
            agencies: article.agencies.clone(),
        }
    }

    /// The score of `b` as related to `a`, as ranking computes it.
    pub fn score(&self, a: ArticleId, b: ArticleId) -> f64 {
        let cfg = &self.site.config.related;
        score::parts(&self.signals, cfg, a, b).score(cfg)
    }

    /// Why `b` is (or would be) related to `a`.
    pub fn explain(&self, a: ArticleId, b: ArticleId) -> Explanation {
        let (site, s) = (self.site, &self.signals);
        let cfg = &site.config.related;
        let parts: Parts = score::parts(s, cfg, a, b);
        let (ai, bi) = (a as usize, b as usize);
        let article = site.article(b);
        let facet = |f: &Facet, tax: &Taxonomy, weight: f64, value: f64| {
            let mut items = Vec::new();
            score::merge(f.of_article.get(ai), f.of_article.get(bi), |t, _, _| {
                items.push(Item {
                    name: tax.terms[t as usize].name.clone(),
                    value: f64::from(f.evidence[t as usize]),
                });
            });
            signal(weight, value, items)
        };
        let mut place = Vec::new();
        if parts.place > 0.0 && s.place[ai] != NO_PLACE {
            place.push(Item {
                name: s.place_names[s.place[ai] as usize].clone(),
                value: parts.place,
            });
        }
        Explanation {
            slug: article.slug.clone(),
            path: article.path.clone(),
            title: article.title.clone(),
            date: article.date.to_rfc3339(),
            score: parts.score(cfg),
            days_apart: parts.days,
            decay: parts.decay,
            tags: facet(&s.tags, &site.tags, cfg.weight_tags, parts.tags),
            topics: facet(&s.topics, &site.topics, cfg.weight_topics, parts.topics),
            agencies: facet(
                &s.agencies,
                &site.agencies,
                cfg.weight_agencies,
                parts.agencies,
            ),
            place: signal(cfg.weight_dateline, parts.place, place),
            text: signal(cfg.weight_text, parts.text, self.shared_words(a, b)),
            topic_prior: {
                let shared = parts.prior > 1.0;
                let mut p = facet(&s.topics, &site.topics, cfg.topic_prior, 0.0);
                p.value = if shared { 1.0 } else { 0.0 };
                p.points = parts.prior - 1.0;
                p.items.iter_mut().for_each(|i| i.value = 1.0);
                p
            },
            versions: Vec::new(),
        }
    }

    /// The keywords both articles hold, spelled as in `a`, with their share of the cosine.
    /// Spellings come from `a`'s title and, when it is held in memory, its body; a word
    /// with no spelling shows as its hash (`#1a2b3c4d`).
    fn shared_words(&self, a: ArticleId, b: ArticleId) -> Vec<Item> {
        let s = &self.signals;
        let article = self.site.article(a);
        let mut spelling: HashMap<u32, String> = HashMap::new();
        let mut note = |w: &str, id: u32| {
            spelling.entry(id).or_insert_with(|| w.to_string());
        };
        terms::for_each_word(&article.title, &mut note);
        if let Some(body) = article.body.in_memory() {
            terms::for_each_html_word(body, &mut note);
        }
        let mut items = Vec::new();
        score::merge(
            s.keywords.get(a as usize),
            s.keywords.get(b as usize),
            |t, x, y| {
                let hash = s.term_hashes[t as usize];
                let name = spelling
                    .get(&hash)
                    .cloned()
                    .unwrap_or_else(|| format!("#{hash:08x}"));
                items.push(Item {
                    name,
                    value: f64::from(x) * f64::from(y),
                });
            },
        );
        items
    }
}

fn signal(weight: f64, value: f64, mut items: Vec<Item>) -> Signal {
    items.sort_by(|x, y| {
        y.value
            .total_cmp(&x.value)
            .then_with(|| x.name.cmp(&y.name))
    });
    Signal {
        weight,
        value,
        points: weight * value,
        items,
    }
}
