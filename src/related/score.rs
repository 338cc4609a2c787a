//! How related two articles are: a weighted sum of shared evidence times a time decay.
//! Input: [`Signals`] and two ids. Output: the score and its parts. Finds no candidates.

use super::signals::{Facet, NO_PLACE, Signals};
use crate::config::RelatedConfig;
use crate::model::ArticleId;

/// One signal's share of a score, before weighting, with what produced it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Parts {
    /// Σ evidence of shared tags, topics and agencies.
    pub tags: f64,
    pub topics: f64,
    pub agencies: f64,
    /// Evidence of a shared dateline place (0 when the places differ).
    pub place: f64,
    /// Cosine similarity of the two keyword vectors, 0..=1.
    pub text: f64,
    /// Days between the two publication times.
    pub days: f64,
    /// `0.5^(days / half_life_days)`; 1 when the half-life is 0 (no decay).
    pub decay: f64,
    /// `1 + topic_prior` when the link shares a topic with the article, else 1.
    pub prior: f64,
}

impl Parts {
    /// The weighted sum times the decay and the topic prior.
    pub(super) fn score(&self, cfg: &RelatedConfig) -> f64 {
        let sum = cfg.weight_tags * self.tags
            + cfg.weight_topics * self.topics
            + cfg.weight_agencies * self.agencies
            + cfg.weight_dateline * self.place
            + cfg.weight_text * self.text;
        sum * self.decay * self.prior
    }
}

/// The band a score ranks in: scores within about 1.6% of each other (one 64th of
/// a natural-log unit) rank as equal, the newer story first. Near-duplicates (the
/// versions of one wire story) score within a hair of each other, and the 1/df by
/// which one publication elsewhere moves a shared word's weight would otherwise swap
/// them, changing the page of every story that lists them.
pub(super) fn band(score: f64) -> i64 {
    if score > 0.0 {
        (score.ln() * 64.0).floor() as i64
    } else {
        i64::MIN
    }
}

/// Best band first; in a band, the newer story (the lower id) first.
pub(super) fn best_first(x: &(ArticleId, f64), y: &(ArticleId, f64)) -> std::cmp::Ordering {
    band(y.1).cmp(&band(x.1)).then(x.0.cmp(&y.0))
}

/// Days between two times in seconds.
pub(super) fn days_apart(a: i64, b: i64) -> f64 {
    (a - b).unsigned_abs() as f64 / 86_400.0
}

pub(super) fn decay(days: f64, half_life_days: f64) -> f64 {
    if half_life_days > 0.0 {
        0.5f64.powf(days / half_life_days)
    } else {
        1.0
    }
}

/// Whether `b` may be offered beside `a` at all: another article, same language when
/// asked, inside the time window when one is set.
pub(super) fn allowed(s: &Signals, cfg: &RelatedConfig, a: ArticleId, b: ArticleId) -> bool {
    let (ai, bi) = (a as usize, b as usize);
    a != b
        && (!cfg.same_language || s.lang[ai] == s.lang[bi])
        && (cfg.window_days <= 0.0 || days_apart(s.secs[ai], s.secs[bi]) <= cfg.window_days)
}

/// The topic prior of `b` for `a`: an editor files a story under its topics, and a
/// reader of one expects more of the same, so a link that shares one of `a`'s topics
/// counts `1 + topic_prior` times. Neutral (1) when either has no topics.
pub(super) fn prior(s: &Signals, cfg: &RelatedConfig, a: ArticleId, b: ArticleId) -> f64 {
    let mut shared = false;
    merge(
        s.topics.of_article.get(a as usize),
        s.topics.of_article.get(b as usize),
        |_, _, _| shared = true,
    );
    if shared { 1.0 + cfg.topic_prior } else { 1.0 }
}

/// Every part of the score of `b` as related to `a` (symmetric).
pub(super) fn parts(s: &Signals, cfg: &RelatedConfig, a: ArticleId, b: ArticleId) -> Parts {
    let text = cosine(s.keywords.get(a as usize), s.keywords.get(b as usize));
    parts_with_text(s, cfg, a, b, text)
}

/// [`parts`] with the keyword cosine already known.
pub(super) fn parts_with_text(
    s: &Signals,
    cfg: &RelatedConfig,
    a: ArticleId,
    b: ArticleId,
    text: f64,
) -> Parts {
    let (ai, bi) = (a as usize, b as usize);
    let days = days_apart(s.secs[ai], s.secs[bi]);
    let place = if s.place[ai] != NO_PLACE && s.place[ai] == s.place[bi] {
        f64::from(s.place_evidence[s.place[ai] as usize])
    } else {
        0.0
    };
    Parts {
        tags: shared_evidence(&s.tags, ai, bi),
        topics: shared_evidence(&s.topics, ai, bi),
        agencies: shared_evidence(&s.agencies, ai, bi),
        place,
        text,
        days,
        decay: decay(days, cfg.half_life_days),
        prior: prior(s, cfg, a, b),
    }
}

/// Σ evidence of the terms both articles carry.
fn shared_evidence(f: &Facet, a: usize, b: usize) -> f64 {
    let mut sum = 0.0;
    merge(f.of_article.get(a), f.of_article.get(b), |t, _, _| {
        sum += f64::from(f.evidence[t as usize]);
    });
    sum
}

/// Dot product of two unit keyword vectors.
pub(super) fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let mut dot = 0.0;
    merge(a, b, |_, x, y| dot += f64::from(x) * f64::from(y));
    dot
}

/// Calls `f(key, a_value, b_value)` for each key in both ascending lists.
pub(super) fn merge<K: Ord + Copy, A: Keyed<K>, B: Keyed<K>>(
    a: &[A],
    b: &[B],
    mut f: impl FnMut(K, A::Value, B::Value),
) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (ka, kb) = (a[i].key(), b[j].key());
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(ka, a[i].value(), b[j].value());
                i += 1;
                j += 1;
            }
        }
    }
}

/// An entry of a sorted sparse list: a bare key, or a `(key, value)` pair.
pub(super) trait Keyed<K> {
    type Value;
    fn key(&self) -> K;
    fn value(&self) -> Self::Value;
}

impl Keyed<u32> for u32 {
    type Value = ();
    fn key(&self) -> u32 {
        *self
    }
    fn value(&self) {}
}

impl Keyed<u32> for (u32, f32) {
    type Value = f32;
    fn key(&self) -> u32 {
        self.0
    }
    fn value(&self) -> f32 {
        self.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_table() {
        let cases = [
            (0.0, 30.0, 1.0),
            (30.0, 30.0, 0.5),
            (60.0, 30.0, 0.25),
            (500.0, 0.0, 1.0),
        ];
        for (days, half, want) in cases {
            assert!(
                (decay(days, half) - want).abs() < 1e-12,
                "decay({days}, {half})"
            );
        }
    }

    #[test]
    fn cosine_of_sparse_vectors() {
        let a = [(1, 0.6), (3, 0.8)];
        let b = [(3, 1.0)];
        assert!((cosine(&a, &b) - 0.8).abs() < 1e-6);
        assert_eq!(cosine(&a, &[(2, 1.0)]), 0.0);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn days_are_symmetric() {
        assert_eq!(days_apart(0, 86_400 * 2), 2.0);
        assert_eq!(days_apart(86_400 * 2, 0), 2.0);
    }
}
