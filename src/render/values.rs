//! The values templates are given, made from the site for a [`Ctx`]: an article's
//! card (made once, shared by every list that shows it), its feed entry, its page's
//! full value, and every page's `page` metadata. Probing gets versions instead.

use std::borrow::Cow;

use serde::Serialize;
use tera::Value;

use super::context::Ctx;
use super::{feeds, views};
use crate::diagnostics::Diagnostic;
use crate::model::ArticleId;

#[derive(Serialize)]
struct PageMeta {
    /// `home`, `article`, `page`, `terms`, `term`, `archive`, `search`, `404`,
    /// `redirect` or `withdrawn`.
    kind: &'static str,
    title: String,
    /// For `<meta name="description">`: the article summary, else the site description.
    description: String,
    url: String,
    permalink: String,
    /// Feeds for `<link rel="alternate">`: the list's own, then the site's.
    feeds: Value,
}

impl Ctx<'_> {
    /// An article's feed entry, or its version when probing (feeds change exactly
    /// when one of their articles does). Entries are made once per article, on first
    /// use; full-text entries are not kept (most articles are in some feed, and
    /// keeping their bodies would hold the corpus's HTML): the body is read again for
    /// each feed that lists the article.
    pub(super) fn item(&self, id: ArticleId) -> Result<Value, Diagnostic> {
        if let Some(v) = self.versions {
            return Ok(Value::from(v[id as usize]));
        }
        let a = self.site.article(id);
        let item = if self.site.config.feeds.full_text {
            let body = self.body_photos(id, self.store.body(a)?, true);
            let permalink = self.urls.permalink(&a.path);
            let body = match url::Url::parse(&permalink) {
                Ok(page) => feeds::absolute_links(&body, &page).into_owned(),
                Err(_) => body.into_owned(),
            };
            Value::from_serializable(&feeds::item(self.card(id), a, Some(&body)))
        } else {
            self.items[id as usize]
                .get_or_init(|| Value::from_serializable(&feeds::item(self.card(id), a, None)))
                .clone()
        };
        Ok(item)
    }

    /// Feed entries of `ids`, as one list value.
    pub(super) fn items_of(&self, ids: &[ArticleId]) -> Result<Value, Diagnostic> {
        let items = ids.iter().map(|&i| self.item(i));
        Ok(Value::from(items.collect::<Result<Vec<_>, _>>()?))
    }

    /// An article page's main value, or its version when probing: the article's
    /// card (made once, shared with every list showing it) extended with the fields
    /// only its page shows.
    pub(super) fn full(&self, id: ArticleId) -> Result<Value, Diagnostic> {
        if let Some(v) = self.versions {
            return Ok(Value::from(v[id as usize]));
        }
        let body = match self.bodies.get(id) {
            Some(body) => Cow::Borrowed(body?),
            None => self.store.body(self.site.article(id))?,
        };
        let body = self.body_photos(id, body, false);
        let more =
            Value::from_serializable(&views::full(self.urls, self.terms, self.site, id, body));
        let mut map = self.card(id).as_map().cloned().unwrap_or_default();
        if let Some(more) = more.as_map() {
            map.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Ok(Value::from(map))
    }

    /// The body with the article's own photos made responsive ([`super::body_pictures`]).
    pub(super) fn body_photos<'b>(
        &self,
        id: ArticleId,
        body: Cow<'b, str>,
        feed: bool,
    ) -> Cow<'b, str> {
        match self.site.pictures.get(id as usize) {
            Some(p) => super::body_pictures::responsive(body, &p.body, self.urls, feed),
            None => body,
        }
    }

    /// An article's card, made on first use.
    pub(super) fn card(&self, id: ArticleId) -> &Value {
        self.cards[id as usize].get_or_init(|| {
            let a = self.site.article(id);
            Value::from_serializable(&views::card(
                self.urls,
                self.terms,
                self.site,
                id,
                a,
                self.site.now,
            ))
        })
    }

    pub(super) fn cards_of(&self, ids: &[ArticleId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.card(i).clone())
                .collect::<Vec<_>>(),
        )
    }

    pub(super) fn meta(&self, s: u8, kind: &'static str, title: String, rel: &str) -> Value {
        self.meta_with(s, kind, title, rel, None, None)
    }

    /// Page metadata of a page in scope `s`; `description` defaults to the scope's
    /// edition's, else the site's, and the scope's feeds are always linked, after
    /// the list's own (`list_feed`: the list's path and title).
    pub(super) fn meta_with(
        &self,
        s: u8,
        kind: &'static str,
        title: String,
        rel: &str,
        description: Option<&str>,
        list_feed: Option<(&str, &str)>,
    ) -> Value {
        // The site's feeds are the same on every page: made once, shared.
        let site_feeds = &self.site_feeds[s as usize];
        let links = match list_feed {
            Some((feed_rel, feed_title)) => {
                let own = feeds::links(self.urls, feed_rel, feed_title);
                let mut links: Vec<Value> = own.iter().map(Value::from_serializable).collect();
                links.extend(site_feeds.as_array().into_iter().flatten().cloned());
                Value::from(links)
            }
            None => site_feeds.clone(),
        };
        let edition = self.site.scope(s).edition;
        let edition = edition.and_then(|e| self.site.config.editions[e].description.as_deref());
        let default = match edition {
            Some(d) if s > 0 => d,
            _ => &self.site.config.description,
        };
        Value::from_serializable(&PageMeta {
            kind,
            title,
            description: description.unwrap_or(default).to_string(),
            url: self.urls.url(rel),
            permalink: self.urls.permalink(rel),
            feeds: links,
        })
    }
}
