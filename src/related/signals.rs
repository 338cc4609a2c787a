//! The evidence related-news scoring reads, gathered once per build.
//! Input: a [`Site`] (articles with their word counts, taxonomy indexes). Output:
//! [`Signals`]: per-article features as small integer ids with their rarity, TF-IDF
//! keyword vectors, and inverted indexes (postings) to find candidates from. No scoring.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::index::{Site, Taxonomy};
use crate::model::ArticleId;
use crate::parse::terms;

/// Keywords kept per article: the words with the highest TF-IDF weight.
pub(super) const KEYWORDS: usize = 32;

/// Marks an article without a dateline place.
pub(super) const NO_PLACE: u32 = u32::MAX;

/// Values per article (or per term), stored end to end: one allocation, not millions.
#[derive(Debug, Default)]
pub(super) struct Lists<T> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Lists<T> {
    pub(super) fn get(&self, i: usize) -> &[T] {
        &self.items[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub(super) fn from_vecs(lists: Vec<Vec<T>>) -> Self {
        let mut out = Lists {
            starts: Vec::with_capacity(lists.len() + 1),
            items: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
        };
        out.starts.push(0);
        for list in lists {
            out.items.extend(list);
            out.starts.push(out.items.len() as u32);
        }
        out
    }
}

/// One taxonomy (tags, topics or agencies) as seen by scoring.
#[derive(Debug, Default)]
pub(super) struct Facet {
    /// Each article's term indexes into the taxonomy's `terms`, ascending.
    pub of_article: Lists<u32>,
    /// Where the article sits in each of those terms' `articles`, in the same order.
    pub at: Lists<u32>,
    /// Evidence of sharing each term: [`evidence`] of its article count.
    pub evidence: Vec<f32>,
    /// Per term: its articles (ascending ids).
    pub postings: Lists<ArticleId>,
}

/// Everything scoring and candidate search read, by [`ArticleId`].
#[derive(Debug, Default)]
pub(super) struct Signals {
    /// Publication time, seconds since the epoch (not `updated`: a correction keeps
    /// an article's relations).
    pub secs: Vec<i64>,
    /// Primary language subtag, as a small id.
    pub lang: Vec<u16>,
    pub tags: Facet,
    pub topics: Facet,
    /// Per article: its topics as bits (topic id mod 64): two articles whose bits
    /// do not meet share no topic, told from one load each ([`super::score::prior`]).
    pub topic_bits: Vec<u64>,
    pub agencies: Facet,
    /// Dateline place id, or [`NO_PLACE`].
    pub place: Vec<u32>,
    /// Where the article sits in its place's postings.
    pub place_at: Vec<u32>,
    /// Per place id: its spelling (upper case), evidence and articles (ascending ids).
    pub place_names: Vec<String>,
    pub place_evidence: Vec<f32>,
    pub place_postings: Lists<ArticleId>,
    /// Per article: up to [`KEYWORDS`] `(term, weight)`, ascending term, unit length.
    pub keywords: Lists<(u32, f32)>,
    /// Where the article sits in each keyword's postings, in the same order.
    pub keyword_at: Lists<u32>,
    /// Per term: the articles whose keywords hold it, ascending id, with its weight there.
    pub term_postings: Lists<(ArticleId, f32)>,
    /// Per term: the word's hash ([`crate::parse::terms::term_id`]), ascending.
    pub term_hashes: Vec<u32>,
    /// Per article: the ids of the words and numbers of its title, and of its title
    /// and lead (summary), ascending and distinct: what tells versions of one story
    /// apart ([`super::versions`]).
    pub title_sig: Lists<u32>,
    pub lead_sig: Lists<u32>,
}

/// The article count features are weighed against: the archive's size rounded up to
/// a power of two. Publishing a story then reweighs only the features it carries
/// (their `df` moves), not every feature of the archive: with the exact count each
/// publication nudged every weight, near-ties among an old story's related stories
/// flipped, and its page changed for no reader-visible reason.
pub(super) fn scale(n: usize) -> usize {
    n.max(2).next_power_of_two()
}

/// A feature's document frequency as the weights see it: exact up to 16, above
/// that rounded down to a step of a quarter power of two (16, 19.0, 22.6, 26.9, 32,
/// …, 90.5, 107.6, …). Publishing a story moves the weight of a feature it carries
/// only when the count crosses a step (for a feature of 100 articles, about one
/// publication in 20; of 1,000, one in 200), not with every story: with exact
/// counts each publication reweighed every story sharing its topics, tags and
/// words, and near-ties in their related lists flipped (figures in
/// docs/performance.md). Weights move by at most 17%.
pub(super) fn steady(df: usize) -> f64 {
    if df <= 16 {
        return df as f64;
    }
    ((4.0 * (df as f64).log2()).floor() / 4.0).exp2()
}

/// How much sharing a feature held by `df` of `n` articles says: `(ln(n/df) / ln n)²`
/// (`df` in [`steady`] steps), 1 for a feature no other article has, near 0 for one
/// nearly all have.
pub(super) fn evidence(df: usize, n: usize) -> f32 {
    if n < 2 || df == 0 {
        return 1.0;
    }
    let r = ((n as f64 / steady(df)).ln() / (n as f64).ln()).clamp(0.0, 1.0);
    (r * r) as f32
}

impl Signals {
    pub(super) fn gather(site: &Site) -> Signals {
        let n = site.articles.len();
        let secs = site.articles.iter().map(|a| a.date.timestamp()).collect();
        let mut langs: BTreeMap<String, u16> = BTreeMap::new();
        let lang = site
            .articles
            .iter()
            .map(|a| {
                let primary = a
                    .lang
                    .split(['-', '_'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let next = langs.len() as u16;
                *langs.entry(primary).or_insert(next)
            })
            .collect();
        // Keywords are the largest part and only partly parallel: the rest is made
        // beside them.
        let ((places, (tags, topics, agencies), (title_sig, lead_sig)), keywords) = rayon::join(
            || {
                (
                    places(site),
                    (
                        facet(&site.tags, n, Some(&super::mentions::mentioned_tags(site))),
                        facet(&site.topics, n, None),
                        facet(&site.agencies, n, None),
                    ),
                    signatures(site),
                )
            },
            || keywords(site),
        );
        let (place, place_at, place_names, place_evidence, place_postings) = places;
        let (keywords, keyword_at, term_postings, term_hashes) = keywords;
        let topic_bits = (0..n)
            .map(|a| {
                topics
                    .of_article
                    .get(a)
                    .iter()
                    .fold(0u64, |bits, &t| bits | 1 << (t % 64))
            })
            .collect();
        Signals {
            secs,
            lang,
            tags,
            topics,
            topic_bits,
            agencies,
            place,
            place_at,
            place_names,
            place_evidence,
            place_postings,
            keywords,
            keyword_at,
            term_postings,
            term_hashes,
            title_sig,
            lead_sig,
        }
    }
}

/// Each article's title and lead signatures (see [`Signals::title_sig`]).
fn signatures(site: &Site) -> (Lists<u32>, Lists<u32>) {
    let sig = |texts: &[&str]| {
        let mut v = Vec::new();
        for t in texts {
            terms::for_each_single_word(t, &mut |_, id| v.push(id));
            terms::for_each_number(t, &mut |id| v.push(id));
        }
        v.sort_unstable();
        v.dedup();
        v
    };
    let (titles, leads): (Vec<Vec<u32>>, Vec<Vec<u32>>) = site
        .articles
        .par_iter()
        .with_min_len(256)
        .map(|a| (sig(&[&a.title]), sig(&[&a.title, &a.summary])))
        .unzip();
    (Lists::from_vecs(titles), Lists::from_vecs(leads))
}

/// Inverts a taxonomy's `term → articles` into `article → terms`, with the terms
/// each article mentions (`mentioned`, per article) counted as carried.
fn facet(tax: &Taxonomy, n: usize, mentioned: Option<&[Vec<u32>]>) -> Facet {
    let postings: Vec<Vec<ArticleId>> = match mentioned {
        None => tax.terms.iter().map(|t| t.articles.clone()).collect(),
        Some(mentioned) => {
            let mut p: Vec<Vec<ArticleId>> = tax.terms.iter().map(|t| t.articles.clone()).collect();
            for (id, ts) in mentioned.iter().enumerate() {
                for &t in ts {
                    p[t as usize].push(id as ArticleId);
                }
            }
            for list in &mut p {
                list.sort_unstable();
                list.dedup();
            }
            p
        }
    };
    // Counting sort: terms are visited in order, so each article's list comes out sorted.
    let mut starts = vec![0u32; n + 1];
    for list in &postings {
        for &id in list {
            starts[id as usize + 1] += 1;
        }
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let total = starts[n] as usize;
    let (mut terms, mut at) = (vec![0u32; total], vec![0u32; total]);
    let mut fill = starts.clone();
    for (ti, list) in postings.iter().enumerate() {
        for (pos, &id) in list.iter().enumerate() {
            let slot = &mut fill[id as usize];
            terms[*slot as usize] = ti as u32;
            at[*slot as usize] = pos as u32;
            *slot += 1;
        }
    }
    Facet {
        of_article: Lists {
            starts: starts.clone(),
            items: terms,
        },
        at: Lists { starts, items: at },
        evidence: postings
            .iter()
            .map(|l| evidence(l.len(), scale(n)))
            .collect(),
        postings: Lists::from_vecs(postings),
    }
}

type PlaceIndex = (Vec<u32>, Vec<u32>, Vec<String>, Vec<f32>, Lists<ArticleId>);

/// Groups articles by dateline place, its words compared as text words are
/// ([`terms::for_each_single_word`]: `Karachi` = `KARACHI`, `Erdoğan` = `Erdogan`,
/// `لاہور` = `لاهور`, `کراچی` = `كراچي`); a place of no such words (a number) in upper
/// case. A place is shown as its newest article spells it, in upper case.
fn places(site: &Site) -> PlaceIndex {
    let n = site.articles.len();
    let mut groups: BTreeMap<(Vec<u32>, String), (String, Vec<ArticleId>)> = BTreeMap::new();
    for (id, a) in site.articles.iter().enumerate() {
        if let Some(p) = &a.place {
            let mut words = Vec::new();
            terms::for_each_single_word(p, &mut |_, w| words.push(w));
            let upper = p.trim().to_uppercase();
            let key = if words.is_empty() {
                (words, upper.clone())
            } else {
                (words, String::new())
            };
            groups
                .entry(key)
                .or_insert_with(|| (upper, Vec::new()))
                .1
                .push(id as ArticleId);
        }
    }
    let mut place = vec![NO_PLACE; n];
    let mut place_at = vec![0; n];
    let mut names = Vec::with_capacity(groups.len());
    let mut evidences = Vec::with_capacity(groups.len());
    let mut postings = Vec::with_capacity(groups.len());
    for (pi, (name, ids)) in groups.into_values().enumerate() {
        for (pos, &id) in ids.iter().enumerate() {
            place[id as usize] = pi as u32;
            place_at[id as usize] = pos as u32;
        }
        names.push(name);
        evidences.push(evidence(ids.len(), scale(n)));
        postings.push(ids);
    }
    (
        place,
        place_at,
        names,
        evidences,
        Lists::from_vecs(postings),
    )
}

/// A hasher for keys that are already hashes: one multiply spreads them over all bits.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, x: u32) {
        self.0 = u64::from(x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

type KeywordIndex = (
    Lists<(u32, f32)>,
    Lists<u32>,
    Lists<(ArticleId, f32)>,
    Vec<u32>,
);

/// TF-IDF keyword vectors and their postings. A word counts as `(1 + ln tf) · ln(n/df)`
/// (`n` rounded up, [`scale`]; `df` in [`steady`] steps); words found in one article only are skipped (they can
/// link nothing), and so are the commonest.
fn keywords(site: &Site) -> KeywordIndex {
    let n = site.articles.len();
    // Document frequency of every word hash, counted in parallel.
    let df: IdMap<u32> = site
        .articles
        .par_iter()
        .with_min_len(512)
        .fold(IdMap::default, |mut m, a| {
            for &h in a.terms.ids.iter() {
                *m.entry(h).or_default() += 1;
            }
            m
        })
        .reduce(IdMap::default, |big, small| {
            let (mut big, small) = if big.len() >= small.len() {
                (big, small)
            } else {
                (small, big)
            };
            for (h, c) in small {
                *big.entry(h).or_default() += c;
            }
            big
        });
    // A word in more than one story in 32 (of a large archive) says little of what a
    // story is about, and each publication would move its weight in thousands of
    // vectors, reordering related lists across the archive: left out. At 100k this
    // took the article pages one new story changes from 191 to 40; precision@5 on
    // the hard corpus 0.943 → 0.929 (docs/related.md).
    let common = (scale(n) / 32).max(64);
    // Dense term ids, in hash order so they do not depend on thread timing.
    let mut term_hashes: Vec<u32> = df
        .iter()
        .filter(|&(_, &c)| c >= 2 && c as usize <= common)
        .map(|(&h, _)| h)
        .collect();
    term_hashes.sort_unstable();
    let mut dense: IdMap<(u32, u32)> = IdMap::default();
    dense.reserve(term_hashes.len());
    for (i, &h) in term_hashes.iter().enumerate() {
        dense.insert(h, (i as u32, df[&h]));
    }
    drop(df);
    let ln_n = (scale(n) as f32).ln();
    let vectors: Vec<Vec<(u32, f32)>> = site
        .articles
        .par_iter()
        .with_min_len(64)
        .map_init(Vec::new, |v: &mut Vec<(u32, f32)>, a| {
            v.clear();
            v.extend(
                a.terms
                    .ids
                    .iter()
                    .zip(a.terms.counts.iter())
                    .filter_map(|(h, &tf)| {
                        let &(id, df) = dense.get(h)?;
                        let idf = ln_n - steady(df as usize).ln() as f32;
                        Some((id, (1.0 + f32::from(tf).ln()) * idf))
                    })
                    .filter(|&(_, w)| w > 0.0),
            );
            // Heaviest first; equal weights by term id, so the cut is deterministic.
            let by_weight =
                |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
            if v.len() > KEYWORDS {
                v.select_nth_unstable_by(KEYWORDS - 1, by_weight);
                v.truncate(KEYWORDS);
            }
            let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
            for x in v.iter_mut() {
                x.1 /= norm;
            }
            v.sort_unstable_by_key(|&(id, _)| id);
            // A copy of exactly the kept length: the buffer is reused for the next article.
            v.to_vec()
        })
        .collect();
    drop(dense);
    let keywords = Lists::from_vecs(vectors);
    // Postings by counting sort: ids come in ascending order, so each list is sorted.
    let terms = term_hashes.len();
    let mut starts = vec![0u32; terms + 1];
    for &(t, _) in &keywords.items {
        starts[t as usize + 1] += 1;
    }
    for i in 0..terms {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    let mut items = vec![(0 as ArticleId, 0f32); keywords.items.len()];
    let mut at = Vec::with_capacity(keywords.items.len());
    for id in 0..keywords.len() {
        for &(t, w) in keywords.get(id) {
            let slot = &mut fill[t as usize];
            items[*slot as usize] = (id as ArticleId, w);
            at.push(*slot - starts[t as usize]);
            *slot += 1;
        }
    }
    let keyword_at = Lists {
        starts: keywords.starts.clone(),
        items: at,
    };
    let term_postings = Lists { starts, items };
    (keywords, keyword_at, term_postings, term_hashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_table() {
        let cases = [
            (1, 10_000, 1.0),
            (1024, 1024, 0.0),
            (16, 256, 0.25),
            // 100 counts as 90.5: (ln(10000 / 90.5) / ln 10000)².
            (100, 10_000, 0.260_943_5),
            (1, 1, 1.0),
        ];
        for (df, n, want) in cases {
            let got = evidence(df, n);
            assert!(
                (got - want).abs() < 1e-6,
                "evidence({df}, {n}) = {got}, want {want}"
            );
        }
        assert!(evidence(2, 10_000) > 0.85);
        assert!(evidence(3_000, 10_000) < 0.02);
    }

    #[test]
    fn document_frequencies_move_in_steps() {
        assert_eq!(steady(7), 7.0);
        assert_eq!(steady(16), 16.0);
        assert_eq!(steady(32), 32.0);
        assert_eq!(steady(33), 32.0);
        assert_eq!(steady(100), 2f64.powf(6.5));
        // One more article moves the weight only at a step.
        let moved = (16..5000).filter(|&d| steady(d) != steady(d + 1)).count();
        assert!((30..=40).contains(&moved), "{moved}");
        for d in 1..5000 {
            assert!(steady(d) <= d as f64 && steady(d) > d as f64 / 1.19, "{d}");
        }
    }

    #[test]
    fn lists_round_trip() {
        let l = Lists::from_vecs(vec![vec![1, 2], vec![], vec![3]]);
        assert_eq!(l.len(), 3);
        assert_eq!(l.get(0), &[1, 2]);
        assert!(l.get(1).is_empty());
        assert_eq!(l.get(2), &[3]);
    }
}
