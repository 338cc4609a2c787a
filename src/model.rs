//! The parsed site: articles and the indexes over them. Plain data, no I/O.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Index of an article in [`crate::index::Site::articles`] (newest first).
pub type ArticleId = u32;

/// One story, fully read and checked.
/// Serialized only by the parse cache ([`crate::cache::parsed`]), without its body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Path of the source file relative to the site root, `/`-separated.
    pub source: String,
    pub title: String,
    /// Publication time with the offset it was written in.
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Dateline place (`NEW YORK`), from front matter or the lead.
    pub place: Option<String>,
    /// The credit line, `NEW YORK, SEPT 22 (AFP/APP/DNA)` or `اسلام آباد، 14 مئی (اے پی پی)`:
    /// place, date and agencies as the story wrote them, in its language.
    pub credit: String,
    /// Agencies named through the agency table (`اے پی پی` → `APP`).
    pub agencies: Vec<String>,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    /// Plain-text summary for cards, meta descriptions and feeds: front matter
    /// `summary`, or the text of the first paragraph.
    pub summary: String,
    /// `summary` was written in the front matter (a standfirst), not taken from the
    /// first paragraph (which the page shows anyway, as the body's opening).
    pub summary_written: bool,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// `image_caption`, `image_credit` (`AFP / Rizwan Tabassum`) as written.
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    /// `image_focus: 0.3,0.6`: where crops centre, as shares of width and height.
    pub image_focus: Option<(f32, f32)>,
    /// `images:`, a gallery of further photos, in the order written.
    pub gallery: Vec<GalleryImage>,
    /// The body's images with a site path (`![alt](flood.jpg)`), in the order written.
    pub body_images: Vec<BodyImage>,
    pub lang: String,
    /// Front matter `translation_key`: the stories sharing it are translations of
    /// one another, and their pages link to each other.
    pub translation_key: Option<String>,
    /// Right-to-left script (Urdu, Arabic, Persian, Hebrew, ...).
    pub rtl: bool,
    pub slug: String,
    /// Output folder relative to the site's base path: `2017/09/22/slug/`.
    pub path: String,
    pub draft: bool,
    pub featured: bool,
    pub comments: bool,
    pub breaking: bool,
    /// Kept out of everything until the build time passes it.
    pub embargo: Option<DateTime<FixedOffset>>,
    /// Taken out of everything once the build time passes it.
    pub expires: Option<DateTime<FixedOffset>>,
    /// Taken down: out of everything.
    pub withdrawn: bool,
    /// Correction notices, oldest first.
    pub corrections: Vec<Correction>,
    /// Old URLs of this story (`aliases:`), as written: `/old/path/`, `/?p=123`.
    pub aliases: Vec<String>,
    /// `id:`, the story's identity that outlives its file name and URL (an import
    /// writes the source's own id): what the memory of published URLs knows it by.
    pub id: Option<String>,
    /// Rendered body HTML, without the dateline prefix of the lead. Not cached: an
    /// article from the parse cache renders its body again from its file.
    #[serde(skip, default = "Body::unread")]
    pub body: Body,
    pub words: usize,
    /// Words of the title and body, for related-news text similarity.
    pub terms: TermCounts,
    /// Words of the title, lead and body, for the search index.
    pub search: crate::search::Words,
    /// Front matter keys broadsheet does not know.
    #[serde(with = "json_text")]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// A hash of the source file's text ([`source_hash`]). With the path and the
    /// configuration it decides everything above, so it stands for the article in
    /// page fingerprints.
    pub source_hash: u64,
}

/// One photo of an `images:` gallery: the same keys as the story photo's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GalleryImage {
    /// `src:` (or `path:`): beside the article's file, or a site path under static/.
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// 1-based line of the entry in the article's file, for its errors.
    pub line: usize,
}

/// An image in the body's Markdown, by its path as written (`flood.jpg`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyImage {
    pub src: String,
    /// 1-based line in the article's file, for its errors.
    pub line: usize,
}

/// The hash of an article file's text that [`Article::source_hash`] holds: what the
/// parse cache, the preview's file cache and page fingerprints compare.
pub fn source_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// An article's rendered body HTML (already safe), without the dateline prefix of
/// the lead. [`crate::parse::article::parse_article`] keeps it in memory; a build
/// drops it right after parsing and renders it again from the source file when the
/// article page or a full-text feed needs it ([`crate::pipeline::BodyStore`]), so
/// the whole corpus's HTML is never held at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Kept with the article: the preview server (an edit re-renders without
    /// reading every file again), tests and tools.
    InMemory(String),
    /// Not kept: the article's `source`, relative to this site root, is read and its
    /// body rendered again on demand, after checking that the file's text still has
    /// the article's `source_hash`.
    FromSource(Arc<Path>),
}

impl Body {
    /// Stands for a body not read yet: the parse cache replaces it with
    /// [`Body::FromSource`] as soon as it reads an article.
    fn unread() -> Body {
        Body::FromSource(Arc::from(Path::new("")))
    }

    /// The HTML when it is held in memory.
    pub fn in_memory(&self) -> Option<&str> {
        match self {
            Body::InMemory(html) => Some(html),
            Body::FromSource(_) => None,
        }
    }
}

/// A published correction: when it was made and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub date: DateTime<FixedOffset>,
    pub text: String,
}

impl Article {
    /// When the article last changed: the latest of `date`, `updated` and corrections.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        let mut m = self.updated.map_or(self.date, |u| u.max(self.date));
        for c in &self.corrections {
            m = m.max(c.date);
        }
        m
    }

    /// When a `breaking: true` article stops being breaking news: `hours` after its
    /// publication or last update, whichever is later. `None` for other articles,
    /// and when `hours` is 0.
    pub fn breaking_until(&self, hours: u32) -> Option<DateTime<FixedOffset>> {
        if !self.breaking || hours == 0 {
            return None;
        }
        let since = self.updated.map_or(self.date, |u| u.max(self.date));
        Some(since + chrono::Duration::hours(hours.into()))
    }

    /// True when the article is breaking news at `now`: flagged, already out, and
    /// less than `hours` since its publication or last update.
    pub fn is_breaking_at(&self, now: DateTime<FixedOffset>, hours: u32) -> bool {
        self.date <= now && self.breaking_until(hours).is_some_and(|until| now < until)
    }

    /// When the article first becomes visible: its date, or its embargo if later.
    pub fn visible_from(&self) -> DateTime<FixedOffset> {
        self.embargo.map_or(self.date, |e| e.max(self.date))
    }
}

/// The distinct words of an article as hashed ids ([`crate::parse::terms::term_id`]),
/// sorted, with how often each occurs (title words count more; saturates at 255).
/// Compact on purpose: five bytes a word, no strings, so 100,000 articles stay cheap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCounts {
    pub ids: Box<[u32]>,
    pub counts: Box<[u8]>,
}

/// Primary language subtags written right to left.
/// `extra` as JSON text: compact binary formats cannot read a JSON value back (it
/// says what it is only as it is read).
mod json_text {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(
        extra: &BTreeMap<String, serde_json::Value>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        serde_json::to_string(extra)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

pub fn is_rtl_language(lang: &str) -> bool {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "ur" | "fa" | "he" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" | "ku"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("test times are valid")
    }

    fn story(breaking: bool, date: &str, updated: Option<&str>) -> Article {
        Article {
            source: "content/x.md".into(),
            title: "X".into(),
            date: at(date),
            updated: updated.map(at),
            place: None,
            credit: String::new(),
            agencies: vec![],
            topics: vec![],
            tags: vec![],
            authors: vec![],
            summary: String::new(),
            summary_written: false,
            image: None,
            image_alt: None,
            image_caption: None,
            image_credit: None,
            image_focus: None,
            gallery: Vec::new(),
            body_images: Vec::new(),
            lang: "en".into(),
            translation_key: None,
            rtl: false,
            slug: "x".into(),
            path: "x/".into(),
            draft: false,
            featured: false,
            comments: true,
            breaking,
            embargo: None,
            expires: None,
            withdrawn: false,
            aliases: Vec::new(),
            id: None,
            corrections: vec![],
            body: Body::InMemory(String::new()),
            words: 0,
            terms: Default::default(),
            search: Default::default(),
            extra: BTreeMap::new(),
            source_hash: 0,
        }
    }

    #[test]
    fn breaking_window() {
        let date = "2026-11-18T11:40:00+05:00";
        let cases = [
            // (breaking, updated, now, hours, expected)
            (true, None, "2026-11-18T12:00:00+05:00", 12, true),
            (true, None, "2026-11-18T23:39:59+05:00", 12, true),
            (true, None, "2026-11-18T23:40:00+05:00", 12, false),
            (true, None, "2026-11-18T11:00:00+05:00", 12, false), // not out yet
            (true, None, "2026-11-18T12:00:00+05:00", 0, false),  // banner off
            (false, None, "2026-11-18T12:00:00+05:00", 12, false),
            // An update restarts the window.
            (
                true,
                Some("2026-11-19T09:00:00+05:00"),
                "2026-11-19T20:00:00+05:00",
                12,
                true,
            ),
            // The same instant written in another offset.
            (true, None, "2026-11-18T18:39:00Z", 12, true),
        ];
        for (breaking, updated, now, hours, expected) in cases {
            let a = story(breaking, date, updated);
            assert_eq!(
                a.is_breaking_at(at(now), hours),
                expected,
                "breaking {breaking}, updated {updated:?}, now {now}, {hours} h"
            );
        }
        assert_eq!(
            story(true, date, None).breaking_until(12),
            Some(at("2026-11-18T23:40:00+05:00"))
        );
    }
}

/// A standalone page (About, Contact, Corrections policy): a file under
/// `content/pages/`, or any file with `kind: page`. Published at `/<slug>/`, in the
/// sitemap and the menu, never in feeds, lists, related news or archives.
#[derive(Debug, Clone, Serialize)]
pub struct StandalonePage {
    /// Path of the source file relative to the site root, `/`-separated.
    pub source: String,
    pub title: String,
    /// Output folder relative to the site's base path: `about/`, `legal/terms/`.
    pub path: String,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Front matter `summary`, else the first paragraph's text.
    pub summary: String,
    pub lang: String,
    pub rtl: bool,
    /// `menu: true` (weight 0) or `menu: 3`: in the site menu, lighter first.
    pub menu: Option<i64>,
    pub aliases: Vec<String>,
    /// `id:`, as for articles.
    pub id: Option<String>,
    /// Rendered, safe body HTML.
    pub body: String,
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A withdrawn story: its URL keeps answering with a tombstone page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withdrawn {
    pub source: String,
    pub title: String,
    pub path: String,
    /// The story's `id:`, when it has one.
    pub id: Option<String>,
}
