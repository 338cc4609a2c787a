//! Versions of one story: the rewrites of one event by several agencies and the updates
//! of one report, filed hours apart. Input: [`Signals`] and a best-first list of
//! candidates. Output: the list with each story once, shown by its newest version, and
//! the versions hidden behind each link. Finds no candidates and scores nothing.
//!
//! Two articles are versions of one story when they are in the same language, filed at
//! most `version_hours` apart, and their titles and leads say nearly the same: most
//! words and figures of the titles ([`TITLE_DICE`]) and of title and lead together
//! ([`LEAD_DICE`]) are shared, and so are their rarest words ([`TEXT_COSINE`]). A follow-up (the toll rises, the army is called in) has
//! new words and figures in its title and lead, so it stays a story of its own.

use super::signals::Signals;
use crate::config::RelatedConfig;
use crate::model::ArticleId;

/// Share of title words and figures two versions hold in common, at least (Dice).
pub(super) const TITLE_DICE: f64 = 0.75;
/// Share of title and lead words and figures in common, at least (Dice).
pub(super) const LEAD_DICE: f64 = 0.5;
/// Cosine of the two keyword vectors (title and body, by TF-IDF), at least: the same
/// headline about another place or person (`Banned outfit claims Tarol attack`, `...
/// Saburdara attack`) shares its common words, not its rare ones.
pub(super) const TEXT_COSINE: f64 = 0.5;

/// Dice's coefficient of two ascending, distinct lists: 2|A∩B| / (|A| + |B|).
pub(super) fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Whether `a` and `b` are versions of one story (symmetric).
pub(super) fn are_versions(s: &Signals, cfg: &RelatedConfig, a: ArticleId, b: ArticleId) -> bool {
    let (ai, bi) = (a as usize, b as usize);
    cfg.version_hours > 0.0
        && s.lang[ai] == s.lang[bi]
        && (s.secs[ai] - s.secs[bi]).unsigned_abs() as f64 <= cfg.version_hours * 3600.0
        && dice(s.title_sig.get(ai), s.title_sig.get(bi)) >= TITLE_DICE
        && dice(s.lead_sig.get(ai), s.lead_sig.get(bi)) >= LEAD_DICE
        && super::score::cosine(s.keywords.get(ai), s.keywords.get(bi)) >= TEXT_COSINE
}

/// Whether `b` was filed after `c` (equal times: the smaller id, as lists order them).
fn newer(s: &Signals, b: ArticleId, c: ArticleId) -> bool {
    let (tb, tc) = (s.secs[b as usize], s.secs[c as usize]);
    tb > tc || (tb == tc && b < c)
}

/// One story in a related list: the version shown (the newest), its score, and the
/// other versions found among the candidates.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Story {
    pub(super) shown: ArticleId,
    pub(super) score: f64,
    /// The best score of any version: where the story ranks.
    pub(super) best: f64,
    /// Every version seen, the shown one included, in the order met.
    pub(super) versions: Vec<ArticleId>,
}

/// Folds a best-first candidate list for `a` into at most `count` stories, best first.
/// The article's own story counts too: its older versions are left out, and its newest
/// version, when that is not `a`, is linked. Returns the stories linked and the
/// versions of `a`'s own story met (other than `a`).
pub(super) fn collapse(
    s: &Signals,
    cfg: &RelatedConfig,
    a: ArticleId,
    ranked: &[(ArticleId, f64)],
    count: usize,
) -> (Vec<Story>, Vec<ArticleId>) {
    let mut own = Story {
        shown: a,
        score: 0.0,
        best: f64::NEG_INFINITY,
        versions: vec![a],
    };
    let mut stories: Vec<Story> = Vec::with_capacity(count + 1);
    for &(b, score) in ranked {
        // Most candidates are days from every story met: the time test is first.
        let joins = |st: &Story| st.versions.iter().any(|&m| are_versions(s, cfg, m, b));
        let story = if joins(&own) {
            Some(&mut own)
        } else if let Some(i) = stories.iter().position(joins) {
            Some(&mut stories[i])
        } else {
            if stories.len() < count {
                stories.push(Story {
                    shown: b,
                    score,
                    best: score,
                    versions: vec![b],
                });
            }
            None
        };
        if let Some(st) = story {
            if st.versions.len() == 1 && st.shown == a {
                st.best = score;
            }
            st.versions.push(b);
            if newer(s, b, st.shown) {
                st.shown = b;
                st.score = score;
            }
        }
    }
    let own_versions: Vec<ArticleId> = own.versions[1..].to_vec();
    if own.shown != a {
        stories.push(own);
        // Stable: bests of one band keep the order met.
        stories.sort_by_key(|x| std::cmp::Reverse(super::score::band(x.best)));
        stories.truncate(count);
    }
    (stories, own_versions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::related::signals::Lists;

    #[test]
    fn dice_table() {
        let cases: &[(&[u32], &[u32], f64)] = &[
            (&[1, 2, 3], &[1, 2, 3], 1.0),
            (&[1, 2, 3], &[4, 5], 0.0),
            (&[1, 2, 3, 4], &[3, 4, 5, 6], 0.5),
            (&[], &[1], 0.0),
        ];
        for &(a, b, want) in cases {
            assert!((dice(a, b) - want).abs() < 1e-12, "{a:?} {b:?}");
            assert_eq!(dice(a, b), dice(b, a));
        }
    }

    /// Articles 0..5 (ids newest first): 0 and 1 versions of one story an hour apart,
    /// 2 an older version of it, 3 a follow-up with other words, 4 a version of 0's
    /// words but four days older.
    fn signals() -> Signals {
        let hour = 3600;
        let same = vec![1, 2, 3, 4, 5];
        let other = vec![1, 6, 7, 8, 9];
        Signals {
            secs: vec![10 * hour, 9 * hour, 8 * hour, 7 * hour, -96 * hour],
            lang: vec![0; 5],
            title_sig: Lists::from_vecs(vec![
                same.clone(),
                same.clone(),
                same.clone(),
                other.clone(),
                same.clone(),
            ]),
            lead_sig: Lists::from_vecs(vec![same.clone(), same.clone(), same.clone(), other, same]),
            keywords: Lists::from_vecs(vec![
                vec![(1, 1.0)],
                vec![(1, 1.0)],
                vec![(1, 0.8), (2, 0.6)],
                vec![(3, 1.0)],
                vec![(1, 1.0)],
            ]),
            ..Signals::default()
        }
    }

    #[test]
    fn versions_need_words_and_time() {
        let (s, cfg) = (signals(), RelatedConfig::default());
        assert!(are_versions(&s, &cfg, 0, 1));
        assert!(!are_versions(&s, &cfg, 0, 3), "other words");
        assert!(!are_versions(&s, &cfg, 0, 4), "days apart");
        let off = RelatedConfig {
            version_hours: 0.0,
            ..RelatedConfig::default()
        };
        assert!(!are_versions(&s, &off, 0, 1));
        // The same headline words about another place: the rare words differ.
        let mut s = signals();
        s.keywords = Lists::from_vecs(vec![
            vec![(1, 1.0)],
            vec![(4, 1.0)],
            vec![(1, 1.0)],
            vec![(1, 1.0)],
            vec![(1, 1.0)],
        ]);
        assert!(!are_versions(&s, &cfg, 0, 1));
        assert!(are_versions(&s, &cfg, 0, 2));
    }

    #[test]
    fn collapse_keeps_the_newest_version_once() {
        let (s, cfg) = (signals(), RelatedConfig::default());
        // Seen from the follow-up (3): 2 ranks first, 1 and 0 are its versions.
        let ranked = [(2, 5.0), (4, 4.0), (1, 3.0), (0, 2.0)];
        let (stories, own) = collapse(&s, &cfg, 3, &ranked, 5);
        let shown: Vec<(ArticleId, f64)> = stories.iter().map(|st| (st.shown, st.best)).collect();
        assert_eq!(
            shown,
            [(0, 5.0), (4, 4.0)],
            "the newest shown where the best ranked"
        );
        assert_eq!(stories[0].score, 2.0, "the shown version's own score");
        assert_eq!(stories[0].versions, [2, 1, 0]);
        assert!(own.is_empty());
        // Seen from an older version (2): its newest version is linked, the other hidden.
        let (stories, own) = collapse(&s, &cfg, 2, &[(3, 5.0), (1, 4.0), (0, 1.0)], 5);
        let shown: Vec<ArticleId> = stories.iter().map(|st| st.shown).collect();
        assert_eq!(shown, [3, 0]);
        assert_eq!(own, [1, 0]);
        // Seen from the newest (0): no version of itself is linked.
        let (stories, own) = collapse(&s, &cfg, 0, &[(1, 5.0), (3, 4.0), (2, 3.0)], 5);
        let shown: Vec<ArticleId> = stories.iter().map(|st| st.shown).collect();
        assert_eq!(shown, [3]);
        assert_eq!(own, [1, 2]);
        // At most `count` stories.
        let (stories, _) = collapse(&s, &cfg, 3, &ranked, 1);
        assert_eq!(stories.len(), 1);
    }
}
