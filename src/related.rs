//! Related news: for each article, the other articles an editor would link.
//! Input: a [`Site`] with its indexes. Output: `site.related`, best first.
//! Candidates come from the taxonomy indexes, never from all pairs.

use rayon::prelude::*;

use crate::index::{Site, TaxonomyKind};
use crate::model::ArticleId;

/// Fills `site.related` with up to `related.count` articles per article.
pub fn compute(site: &mut Site) {
    let count = site.config.related.count;
    let related: Vec<Vec<ArticleId>> = (0..site.articles.len() as ArticleId)
        .into_par_iter()
        .map(|id| related_for(site, id, count))
        .collect();
    site.related = related;
}

fn related_for(site: &Site, id: ArticleId, count: usize) -> Vec<ArticleId> {
    if count == 0 {
        return Vec::new();
    }
    let cfg = &site.config.related;
    let a = site.article(id);
    let total = site.articles.len() as f64;
    let mut scores: std::collections::HashMap<ArticleId, f64> = Default::default();
    let weights = [
        (TaxonomyKind::Tags, cfg.weight_tags),
        (TaxonomyKind::Topics, cfg.weight_topics),
        (TaxonomyKind::Agencies, cfg.weight_agencies),
    ];
    for (kind, weight) in weights {
        let tax = site.taxonomy(kind);
        let names = match kind {
            TaxonomyKind::Tags => &a.tags,
            TaxonomyKind::Topics => &a.topics,
            _ => &a.agencies,
        };
        for name in names {
            let Some(term) = tax.term_of(name) else {
                continue;
            };
            let idf = (total / term.articles.len() as f64).ln() + 1.0;
            for &other in &term.articles {
                if other != id {
                    *scores.entry(other).or_default() += weight * idf;
                }
            }
        }
    }
    let mut ranked: Vec<(ArticleId, f64)> = scores
        .into_iter()
        .map(|(other, s)| {
            let b = site.article(other);
            let s = if a.place.is_some() && a.place == b.place {
                s + cfg.weight_dateline
            } else {
                s
            };
            let days = (a.date - b.date).num_seconds().abs() as f64 / 86_400.0;
            (other, s * 0.5f64.powf(days / cfg.half_life_days.max(0.01)))
        })
        .filter(|&(_, s)| s > cfg.min_score)
        .collect();
    // Higher score first; ties: newer first (lower id), which is also deterministic.
    ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    ranked.into_iter().take(count).map(|(o, _)| o).collect()
}
