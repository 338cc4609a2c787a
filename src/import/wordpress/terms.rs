//! The WordPress site's own old addresses beyond its posts: category, tag and author
//! archives and their feeds, the site feed, and the plain-permalink query forms
//! (`/?cat=4`). Input: the export's term and author lists and the terms the
//! published posts use (read by the first pass). Output: `(old path, new path)`
//! pairs for the site's redirect list (`redirects.txt`), each to the broadsheet
//! term page or feed the imported stories make.

use std::collections::{BTreeMap, BTreeSet};

use super::super::article::decode_entities;
use super::super::xml::Element;
use crate::parse::slug::slugify;

/// What the first pass learns about terms and authors.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Terms {
    /// Category nicename → (parent nicename, `wp:term_id`).
    categories: BTreeMap<String, (String, Option<String>)>,
    /// Tag slug → `wp:term_id`.
    tag_ids: BTreeMap<String, String>,
    /// Author login → `wp:author_id`.
    author_ids: BTreeMap<String, String>,
    /// Categories published posts use: nicename → name as the posts write it.
    used_categories: BTreeMap<String, String>,
    used_tags: BTreeMap<String, String>,
    /// Logins of the authors of published posts.
    used_authors: BTreeSet<String>,
}

impl Terms {
    /// Learns from one top-level element of the export (a term, an author or an item).
    pub(super) fn gather(&mut self, e: &Element) {
        match e.name.as_str() {
            "wp:category" => {
                if let Some(nice) = e.child_text("wp:category_nicename") {
                    let parent = e.child_text("wp:category_parent").unwrap_or_default();
                    self.categories
                        .insert(nice, (parent, e.child_text("wp:term_id")));
                }
            }
            "wp:tag" => {
                if let (Some(slug), Some(id)) =
                    (e.child_text("wp:tag_slug"), e.child_text("wp:term_id"))
                {
                    self.tag_ids.insert(slug, id);
                }
            }
            "wp:author" => {
                if let (Some(login), Some(id)) = (
                    e.child_text("wp:author_login"),
                    e.child_text("wp:author_id"),
                ) {
                    self.author_ids.insert(login, id);
                }
            }
            "item" => self.gather_post(e),
            _ => {}
        }
    }

    /// Adds what a later part of the export taught, as if read after this part: the
    /// term and author lists by their last word, the terms in use by their first.
    pub(super) fn merge(&mut self, later: Terms) {
        self.categories.extend(later.categories);
        self.tag_ids.extend(later.tag_ids);
        self.author_ids.extend(later.author_ids);
        for (used, more) in [
            (&mut self.used_categories, later.used_categories),
            (&mut self.used_tags, later.used_tags),
        ] {
            for (nice, name) in more {
                used.entry(nice).or_insert(name);
            }
        }
        self.used_authors.extend(later.used_authors);
    }

    /// A published post's categories, tags and author: only those get term pages.
    fn gather_post(&mut self, e: &Element) {
        let published = e.child_text("wp:post_type").as_deref() == Some("post")
            && e.child_text("wp:status").as_deref() == Some("publish")
            && e.child_text("wp:post_password").is_none();
        if !published {
            return;
        }
        for c in e.elements().filter(|c| c.name == "category") {
            let (Some(nice), name) = (c.attr("nicename"), decode_entities(c.text().trim())) else {
                continue;
            };
            let list = match c.attr("domain") {
                Some("category") if nice != "uncategorized" => &mut self.used_categories,
                Some("post_tag") => &mut self.used_tags,
                _ => continue,
            };
            if !name.is_empty() {
                list.entry(nice.to_string()).or_insert(name);
            }
        }
        if let Some(login) = e.child_text("dc:creator") {
            self.used_authors.insert(login);
        }
    }

    /// Every old address and its new one. `authors` maps a login to the name its
    /// stories carry.
    pub(super) fn redirects(
        &self,
        authors: &std::collections::HashMap<String, String>,
    ) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = vec![
            ("/feed/".into(), "/feed.xml".into()),
            ("/feed/rss2/".into(), "/feed.xml".into()),
            ("/feed/atom/".into(), "/atom.xml".into()),
            ("/?feed=rss2".into(), "/feed.xml".into()),
            ("/?feed=atom".into(), "/atom.xml".into()),
        ];
        let mut term = |old: &str, query: Option<String>, new: String| {
            out.push((format!("/{old}/"), format!("/{new}/")));
            out.push((format!("/{old}/feed/"), format!("/{new}/feed.xml")));
            if let Some(q) = query {
                out.push((format!("/?{q}"), format!("/{new}/")));
            }
        };
        for (nice, name) in &self.used_categories {
            let new = format!("topics/{}", slugify(name, "topic"));
            let id = self.categories.get(nice).and_then(|(_, id)| id.clone());
            let path = self.category_path(nice);
            // WordPress answers a child category at its short path too.
            if path != *nice {
                term(&format!("category/{nice}"), None, new.clone());
            }
            term(
                &format!("category/{path}"),
                id.map(|i| format!("cat={i}")),
                new,
            );
        }
        for (slug, name) in &self.used_tags {
            let new = format!("tags/{}", slugify(name, "tag"));
            let query = self.tag_ids.get(slug).map(|_| format!("tag={slug}"));
            term(&format!("tag/{slug}"), query, new);
        }
        for login in &self.used_authors {
            let name = authors.get(login).unwrap_or(login);
            let new = format!("authors/{}", slugify(name, "author"));
            // WordPress's author address uses the login made into a slug.
            let query = self.author_ids.get(login).map(|id| format!("author={id}"));
            term(&format!("author/{}", slugify(login, "author")), query, new);
        }
        out
    }

    /// `parent/child` for a nested category (at most 16 levels, a loop cut).
    fn category_path(&self, nice: &str) -> String {
        let mut parts = vec![nice.to_string()];
        let mut at = nice;
        while let Some((parent, _)) = self.categories.get(at) {
            if parent.is_empty() || parts.len() >= 16 || parts.contains(parent) {
                break;
            }
            parts.push(parent.clone());
            at = parent;
        }
        parts.reverse();
        parts.join("/")
    }
}
