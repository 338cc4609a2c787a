//! Finds and ranks one article's related articles without comparing all pairs.
//! Input: [`Signals`] and one article. Output: its best
//! `count` articles with scores. Candidates come from inverted indexes (tags, keywords,
//! dateline place), visiting at most [`WINDOW`] postings either side of the article
//! in each list, so the work per article is bounded whatever the archive's size.

use super::score;
use super::signals::{NO_PLACE, Signals};
use super::versions::{self, Story};
use crate::config::RelatedConfig;
use crate::model::ArticleId;

/// Postings visited on each side of the article in one list. Lists are in date order,
/// so these are the articles nearest in time that share the feature: the ones the time
/// decay favours anyway. A rare feature's whole list fits in the window.
pub(super) const WINDOW: usize = 32;

/// Tags and keywords an article searches with, the rarest tags and heaviest keywords
/// (an article with dozens of tags costs no more than one with a few). The rest still
/// count in the exact score of every candidate.
const SEARCH_TAGS: usize = 8;
const SEARCH_KEYWORDS: usize = 16;

/// Candidates scored exactly per article, at least.
const MIN_SHORTLIST: usize = 24;

/// Per-worker memory reused from one article to the next.
pub(super) struct Scratch {
    acc: Vec<f32>,
    /// The article's keyword weights by term (0 elsewhere), for cosines without merging.
    weights: Vec<f32>,
    touched: Vec<ArticleId>,
    shortlist: Vec<(ArticleId, f64)>,
}

impl Scratch {
    pub(super) fn new(articles: usize, terms: usize) -> Self {
        Scratch {
            acc: vec![0.0; articles],
            weights: vec![0.0; terms],
            touched: Vec::with_capacity(1024),
            shortlist: Vec::with_capacity(1024),
        }
    }

    fn add(&mut self, b: ArticleId, v: f32) {
        if v > 0.0 {
            let slot = &mut self.acc[b as usize];
            if *slot == 0.0 {
                self.touched.push(b);
            }
            *slot += v;
        }
    }
}

/// The part of a postings list within [`WINDOW`] places of `pos`, where the article
/// sits (known in advance: a binary search per list would miss the cache at every step).
fn around<T>(list: &[T], pos: u32) -> &[T] {
    let pos = pos as usize;
    &list[pos.saturating_sub(WINDOW)..(pos + WINDOW + 1).min(list.len())]
}

/// The best `cfg.count` articles related to `a`, best first; ties go to the newer
/// article, then the smaller slug (the order of ids).
pub(super) fn rank(
    s: &Signals,
    cfg: &RelatedConfig,
    a: ArticleId,
    scratch: &mut Scratch,
) -> Vec<(ArticleId, f64)> {
    rank_stories(s, cfg, a, scratch)
        .0
        .into_iter()
        .map(|st| (st.shown, st.score))
        .collect()
}

/// [`rank`] with the versions behind each link, and the versions of `a`'s own story
/// met among the candidates (see [`versions::collapse`]).
pub(super) fn rank_stories(
    s: &Signals,
    cfg: &RelatedConfig,
    a: ArticleId,
    scratch: &mut Scratch,
) -> (Vec<Story>, Vec<ArticleId>) {
    if cfg.count == 0 {
        return (Vec::new(), Vec::new());
    }
    let ai = a as usize;
    // 1. Accumulate a first estimate from the postings near `a`.
    if cfg.weight_tags > 0.0 {
        let mut tags: Vec<(u32, u32)> = (s.tags.of_article.get(ai).iter().copied())
            .zip(s.tags.at.get(ai).iter().copied())
            .collect();
        tags.sort_by(|x, y| {
            let (ex, ey) = (s.tags.evidence[x.0 as usize], s.tags.evidence[y.0 as usize]);
            ey.total_cmp(&ex).then(x.0.cmp(&y.0))
        });
        for &(t, pos) in tags.iter().take(SEARCH_TAGS) {
            let v = cfg.weight_tags as f32 * s.tags.evidence[t as usize];
            for &b in around(s.tags.postings.get(t as usize), pos) {
                scratch.add(b, v);
            }
        }
    }
    if cfg.weight_dateline > 0.0 && s.place[ai] != NO_PLACE {
        let p = s.place[ai] as usize;
        let v = cfg.weight_dateline as f32 * s.place_evidence[p];
        for &b in around(s.place_postings.get(p), s.place_at[ai]) {
            scratch.add(b, v);
        }
    }
    if cfg.weight_text > 0.0 {
        let mut keywords: Vec<((u32, f32), u32)> = (s.keywords.get(ai).iter().copied())
            .zip(s.keyword_at.get(ai).iter().copied())
            .collect();
        keywords.sort_by(|x, y| y.0.1.total_cmp(&x.0.1).then(x.0.0.cmp(&y.0.0)));
        for &((t, wa), pos) in keywords.iter().take(SEARCH_KEYWORDS) {
            let v = cfg.weight_text as f32 * wa;
            for &(b, wb) in around(s.term_postings.get(t as usize), pos) {
                scratch.add(b, v * wb);
            }
        }
    }

    // 2. Shortlist by the estimate times the decay (in f32: it only orders candidates);
    // score the shortlist exactly.
    let per_second = if cfg.half_life_days > 0.0 {
        -(1.0 / (cfg.half_life_days * 86_400.0)) as f32
    } else {
        0.0
    };
    let mut shortlist = std::mem::take(&mut scratch.shortlist);
    shortlist.clear();
    for &b in &scratch.touched {
        let estimate = scratch.acc[b as usize];
        scratch.acc[b as usize] = 0.0;
        if score::allowed(s, cfg, a, b) {
            let seconds = (s.secs[ai] - s.secs[b as usize]).unsigned_abs() as f32;
            let prior = score::prior(s, cfg, a, b) as f32;
            shortlist.push((
                b,
                f64::from(estimate * prior * (per_second * seconds).exp2()),
            ));
        }
    }
    scratch.touched.clear();
    // The estimate orders by value; the exact scores by band ([`score::best_first`]).
    let best_first =
        |x: &(ArticleId, f64), y: &(ArticleId, f64)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
    // Room for the versions of a story, which collapse into one link.
    let keep = cfg.count.saturating_mul(4).max(MIN_SHORTLIST);
    if shortlist.len() > keep {
        shortlist.select_nth_unstable_by(keep - 1, best_first);
        shortlist.truncate(keep);
    }
    let keywords = s.keywords.get(ai);
    for &(t, w) in keywords {
        scratch.weights[t as usize] = w;
    }
    for x in &mut shortlist {
        // Sums the same products in the same (term) order as score::cosine, adding
        // only zeros besides, so the score is bit for bit the one explain shows.
        let mut text = 0.0;
        for &(t, wb) in s.keywords.get(x.0 as usize) {
            text += f64::from(scratch.weights[t as usize]) * f64::from(wb);
        }
        x.1 = score::parts_with_text(s, cfg, a, x.0, text).score(cfg);
    }
    for &(t, _) in keywords {
        scratch.weights[t as usize] = 0.0;
    }
    shortlist.retain(|&(_, score)| score > cfg.min_score);
    shortlist.sort_unstable_by(score::best_first);
    let stories = versions::collapse(s, cfg, a, &shortlist, cfg.count);
    scratch.shortlist = shortlist;
    stories
}
