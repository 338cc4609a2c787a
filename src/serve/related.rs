//! Related news in the preview: carried over from the last site by file during a
//! rebuild, and recomputed for the whole site in the background.

use std::collections::HashMap;

use crate::index::Site;
use crate::model::ArticleId;

/// Related news of a site, by file, to keep for the next site until the
/// background pass recomputes it.
pub struct Carry {
    sources: Vec<String>,
    related: Vec<Vec<ArticleId>>,
}

impl Carry {
    pub fn new(site: &Site, related: &[Vec<ArticleId>]) -> Carry {
        Carry {
            sources: site.articles.iter().map(|a| a.source.clone()).collect(),
            related: related.to_vec(),
        }
    }

    /// Each article's related list (matched by file) for articles still there; new
    /// articles start with none.
    pub fn apply(self, new: &Site) -> Vec<Vec<ArticleId>> {
        // The same articles in the same order (an edit that moved nothing): keep as is.
        if self.sources.len() == new.articles.len()
            && self
                .sources
                .iter()
                .zip(&new.articles)
                .all(|(s, a)| *s == a.source)
        {
            return self.related;
        }
        let new_ids: HashMap<&str, ArticleId> = new
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source.as_str(), i as ArticleId))
            .collect();
        let old_ids: HashMap<&str, usize> = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        new.articles
            .iter()
            .map(|a| match old_ids.get(a.source.as_str()) {
                Some(&o) => self.related[o]
                    .iter()
                    .filter_map(|&r| new_ids.get(self.sources[r as usize].as_str()).copied())
                    .collect(),
                None => Vec::new(),
            })
            .collect()
    }
}
