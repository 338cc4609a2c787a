//! The theme's contract: what each template receives. Views borrow from the [`Site`]
//! and are turned into template values once per article, then shared by every page
//! that lists it. Documented field by field in docs/themes.md.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use tera::Value;

pub use super::paginate::{PageLink, Paginator, page_path, paginator};
use crate::index::{Site, TaxonomyKind};
use crate::model::{Article, ArticleId};
use crate::parse::slug::slugify;

/// A link to a term page: `{name, url}`.
#[derive(Serialize)]
pub struct TermLink<'a> {
    pub name: &'a str,
    pub url: String,
}

/// What the search page loads (`search.html`): `{manifest, script}`, site-absolute
/// URLs of the index's manifest and of the client script.
#[derive(Serialize)]
pub struct SearchLinks {
    pub manifest: String,
    pub script: String,
    /// With editions, the edition whose stories this search page finds (the
    /// `edition` facet's value: its `lang`); `None` without editions.
    pub edition: Option<String>,
}

/// A term with its number of articles, for index pages and navigation.
#[derive(Serialize)]
pub struct TermCount<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
}

/// What list pages and related cards show of an article (no body).
#[derive(Serialize)]
pub struct ArticleCard<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    /// RFC 3339 with the offset the article was written in.
    pub date: String,
    pub updated: Option<String>,
    /// `NEW YORK, SEPT 22 (AFP/APP/DNA)`; empty when the article has none of the parts.
    pub credit: String,
    pub place: Option<&'a str>,
    /// `{name, url}` each ([`TermLink`]), shared between cards ([`TermValues`]).
    pub agencies: Vec<Value>,
    pub topics: Vec<Value>,
    pub authors: Vec<Value>,
    /// Plain text: the written `summary`, else the first paragraph's text (cut at
    /// about 320 characters). For cards, meta descriptions and feeds.
    pub summary: &'a str,
    /// The written `summary` only; empty when none was written. What an article page
    /// shows above the body: the automatic summary would repeat the body's opening.
    pub standfirst: &'a str,
    /// The story photo: its social-card derivative (about 1,200 px wide) when it was
    /// processed, else the path as written. `None` without a photo.
    pub image: Option<String>,
    /// `image`'s size in pixels, when processed.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    /// The photo as an absolute URL (for `og:image`); for a story without one, its
    /// topic's `[images.topics]` image or the site's `[images] default_image` (never
    /// shown as its photo).
    pub image_permalink: Option<String>,
    pub image_alt: Option<&'a str>,
    pub image_caption: Option<&'a str>,
    /// `AFP / Rizwan Tabassum`, as written; else as the photo's own metadata (XMP,
    /// IPTC) gives it, as `image_caption` too.
    pub image_credit: Option<&'a str>,
    /// The processed photo for `<picture>` ([`PictureView`]).
    pub picture: Option<PictureView>,
    pub lang: &'a str,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    pub featured: bool,
    pub breaking: bool,
    pub draft: bool,
    /// Dated after the build time: only shown by `--future` builds and previews.
    pub scheduled: bool,
    pub reading_minutes: usize,
}

/// A processed photo as templates see it: `<picture>` with a WebP `<source>` and an
/// `<img>` in the source format, both with `srcset`; `width`/`height` are the largest
/// derivative's (the box the browser reserves); `colour` the placeholder background.
#[derive(Serialize)]
pub struct PictureView {
    /// The largest derivative in the source format.
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// `image/jpeg` or `image/png`: the `type` of `srcset`.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// `url 480w, url 800w, …` in WebP and in the source format.
    pub srcset_webp: String,
    pub srcset: String,
    /// For `sizes`: the column width of the default theme.
    pub sizes: &'static str,
    /// `#rrggbb`.
    pub colour: String,
}

pub(super) fn picture_view(urls: &Urls, p: &crate::images::Picture) -> PictureView {
    let srcset = |vs: &[crate::images::Variant]| {
        vs.iter()
            .map(|v| format!("{} {}w", urls.url(&p.path(v)), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let largest = p
        .fallback
        .last()
        .expect("every source has at least one width");
    PictureView {
        src: urls.url(&p.path(largest)),
        width: largest.width,
        height: largest.height,
        mime: p.mime(),
        srcset_webp: srcset(&p.webp),
        srcset: srcset(&p.fallback),
        sizes: "(min-width: 48rem) 46rem, 100vw",
        colour: p.colour.clone(),
    }
}

/// What an article page shows besides its card: the page's `article` is the card's
/// fields followed by these (see [`full`]).
#[derive(Serialize)]
pub struct ArticleFull<'a> {
    pub slug: &'a str,
    /// Rendered body HTML (already safe); the lead's dateline prefix is removed.
    pub body: Cow<'a, str>,
    pub tags: Vec<Value>,
    pub comments: bool,
    pub words: usize,
    pub source: &'a str,
    /// Unknown front matter keys.
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    /// Day archive of the publication date.
    pub day_url: String,
    /// Last change: the latest of date, updated and corrections (RFC 3339).
    pub modified: String,
    /// Correction notices, oldest first.
    pub corrections: Vec<CorrectionView>,
    /// schema.org `NewsArticle` as JSON, safe to place inside
    /// `<script type="application/ld+json">` with `| safe`.
    pub json_ld: String,
    /// The `images:` gallery, in order ([`GalleryView`]).
    pub gallery: Vec<GalleryView<'a>>,
    /// Every language version of the story (itself included, by `translation_key`)
    /// and the `x-default` one, for `<link rel="alternate" hreflang>`; empty without
    /// translations.
    pub alternates: Vec<Alternate>,
}

/// One photo of the gallery: `src` (the largest derivative, or the path as written
/// for a photo not processed), `alt`, `caption`, `credit` as written, and `picture`
/// when processed ([`PictureView`]).
#[derive(Serialize)]
pub struct GalleryView<'a> {
    pub src: String,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
    pub picture: Option<PictureView>,
}

fn gallery<'a>(urls: &Urls, site: &'a Site, id: ArticleId) -> Vec<GalleryView<'a>> {
    let a = site.article(id);
    let photos = site.pictures.get(id as usize);
    a.gallery
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let p = photos
                .and_then(|p| p.gallery.get(i))
                .and_then(Option::as_ref);
            let picture = p.map(|p| picture_view(urls, p));
            GalleryView {
                src: picture.as_ref().map_or_else(
                    || asset_url(urls, &article_image(a, &g.src)),
                    |p| p.src.clone(),
                ),
                alt: g.alt.as_deref().unwrap_or(""),
                caption: g.caption.as_deref(),
                credit: g.credit.as_deref(),
                picture,
            }
        })
        .collect()
}

/// One language version of a story: `hreflang` (a language tag, or `x-default`)
/// and its absolute URL.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    pub lang: String,
    pub href: String,
}

/// The alternates of article `id`: its versions sorted by language, then
/// `x-default`, the version in the site's language (else the first). The same
/// list, in the same order, on every version: the links are reciprocal.
pub fn alternates(urls: &Urls, site: &Site, id: ArticleId) -> Vec<Alternate> {
    let others = site.translations_of(id);
    if others.is_empty() {
        return Vec::new();
    }
    let mut all: Vec<&crate::model::Article> = std::iter::once(id)
        .chain(others)
        .map(|i| site.article(i))
        .collect();
    all.sort_by(|a, b| a.lang.cmp(&b.lang).then_with(|| a.path.cmp(&b.path)));
    // One link per language: the newest version of each.
    all.dedup_by(|a, b| a.lang == b.lang);
    let default = all
        .iter()
        .find(|a| a.lang == site.config.language)
        .unwrap_or(&all[0]);
    let x_default = Alternate {
        lang: "x-default".into(),
        href: urls.permalink(&default.path),
    };
    all.iter()
        .map(|a| Alternate {
            lang: a.lang.clone(),
            href: urls.permalink(&a.path),
        })
        .chain(std::iter::once(x_default))
        .collect()
}

#[derive(Serialize)]
pub struct CorrectionView {
    /// RFC 3339.
    pub date: String,
    pub text: String,
}

/// URL helpers bound to the site's base path and base URL.
pub struct Urls<'a> {
    pub base_path: String,
    pub base_url: &'a str,
    /// Term page URLs by taxonomy and name as the articles spell it, so each
    /// spelling is slugified once rather than on every card and article page.
    terms: HashMap<(TaxonomyKind, &'a str), String>,
}

impl<'a> Urls<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut urls = Self {
            base_path: site.config.base_path(),
            base_url: &site.config.base_url,
            terms: HashMap::new(),
        };
        let mut terms = HashMap::new();
        for a in &site.articles {
            for (kind, names) in [
                (TaxonomyKind::Agencies, &a.agencies),
                (TaxonomyKind::Topics, &a.topics),
                (TaxonomyKind::Authors, &a.authors),
                (TaxonomyKind::Tags, &a.tags),
            ] {
                for n in names {
                    terms
                        .entry((kind, n.as_str()))
                        .or_insert_with(|| urls.term_url(kind, n));
                }
            }
        }
        urls.terms = terms;
        urls
    }

    /// Site-absolute URL of a path relative to the base: `/news/topics/world/`.
    /// Letters outside ASCII (an Urdu slug) are percent-encoded, as links, feeds
    /// and sitemaps need; browsers show them as written.
    pub fn url(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, encoded(rel))
    }

    /// Absolute URL with scheme and host.
    pub fn permalink(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, encoded(rel))
    }

    pub fn term(&self, kind: TaxonomyKind, name: &str) -> String {
        match self.terms.get(&(kind, name)) {
            Some(url) => url.clone(),
            None => self.term_url(kind, name),
        }
    }

    /// A site-absolute URL (`/news/topics/world/`) moved into the scope at `prefix`
    /// (`/news/ur/topics/world/`); the same URL at the root (`prefix` empty).
    pub fn in_scope(&self, prefix: &str, url: String) -> String {
        match url.strip_prefix(self.base_path.as_str()) {
            Some(rel) if !prefix.is_empty() => format!("{}{prefix}{rel}", self.base_path),
            _ => url,
        }
    }

    /// A term page's absolute URL, with scheme and host, in the scope at `prefix`.
    pub fn term_permalink(&self, prefix: &str, kind: TaxonomyKind, name: &str) -> String {
        let url = self.in_scope(prefix, self.term(kind, name));
        match url.strip_prefix(self.base_path.as_str()) {
            Some(rel) => self.permalink(rel),
            None => url,
        }
    }

    fn term_url(&self, kind: TaxonomyKind, name: &str) -> String {
        self.url(&term_path(kind, &slugify(name, kind.singular())))
    }
}

/// `rel` with every byte outside printable ASCII percent-encoded (`%D8%A8...`).
pub fn encoded(rel: &str) -> std::borrow::Cow<'_, str> {
    if rel.is_ascii() {
        return rel.into();
    }
    percent_encoding::utf8_percent_encode(rel, percent_encoding::CONTROLS)
        .to_string()
        .into()
}

/// `topics/world/` for a term slug.
pub fn term_path(kind: TaxonomyKind, slug: &str) -> String {
    format!("{}/{}/", kind.key(), slug)
}

/// Every term's link (`{name, url}`) as one template value, made once and shared by
/// all the cards that show it: a card holds only a reference to each of its links.
/// A story links the term pages of its own edition ([`Site::scope_of`]).
pub struct TermValues<'a> {
    /// By scope, then [`TaxonomyKind`], then by the name each term is shown with.
    by_name: Vec<[HashMap<&'a str, Value>; 4]>,
}

impl<'a> TermValues<'a> {
    pub fn new(urls: &Urls, site: &'a Site) -> Self {
        TermValues {
            by_name: (0..site.scope_count())
                .map(|s| {
                    let scope = site.scope(s);
                    TaxonomyKind::ALL.map(|kind| {
                        scope
                            .taxonomy(kind)
                            .terms
                            .iter()
                            .map(|t| (t.name.as_str(), link(urls, scope.prefix, kind, &t.name)))
                            .collect()
                    })
                })
                .collect(),
        }
    }

    /// The links of article `id`'s `names`. A name spelled otherwise than its term
    /// is shown gets a value of its own (its link shows its own spelling).
    fn links(
        &self,
        urls: &Urls,
        site: &Site,
        id: ArticleId,
        kind: TaxonomyKind,
        names: &[String],
    ) -> Vec<Value> {
        let s = site.scope_of(id);
        let shared = &self.by_name[s as usize][kind as usize];
        names
            .iter()
            .map(|n| {
                shared
                    .get(n.as_str())
                    .cloned()
                    .unwrap_or_else(|| link(urls, site.scope(s).prefix, kind, n))
            })
            .collect()
    }
}

fn link(urls: &Urls, prefix: &str, kind: TaxonomyKind, name: &str) -> Value {
    Value::from_serializable(&TermLink {
        name,
        url: urls.in_scope(prefix, urls.term(kind, name)),
    })
}

/// The article's credit line, made when it was parsed ([`Article::credit`]).
pub fn credit(a: &Article) -> String {
    a.credit.clone()
}

pub fn card<'a>(
    urls: &Urls,
    terms: &TermValues,
    site: &'a Site,
    id: ArticleId,
    a: &'a Article,
    now: DateTime<FixedOffset>,
) -> ArticleCard<'a> {
    let picture = site.pictures.get(id as usize).and_then(|p| p.lead.as_ref());
    let (image, image_permalink) = match (picture, a.image.as_deref()) {
        (Some(p), _) => {
            let card = p.path(&p.card);
            (Some(urls.url(&card)), Some(urls.permalink(&card)))
        }
        (None, Some(i)) => {
            let i = article_image(a, i);
            (Some(asset_url(urls, &i)), Some(absolute(urls, &i)))
        }
        (None, None) => (
            None,
            site.config
                .images
                .default_for(&a.topics)
                .map(|i| absolute(urls, i)),
        ),
    };
    ArticleCard {
        title: &a.title,
        url: urls.url(&a.path),
        permalink: urls.permalink(&a.path),
        date: a.date.to_rfc3339(),
        updated: a.updated.map(|u| u.to_rfc3339()),
        credit: credit(a),
        place: a.place.as_deref(),
        agencies: terms.links(urls, site, id, TaxonomyKind::Agencies, &a.agencies),
        topics: terms.links(urls, site, id, TaxonomyKind::Topics, &a.topics),
        authors: terms.links(urls, site, id, TaxonomyKind::Authors, &a.authors),
        summary: &a.summary,
        standfirst: if a.summary_written { &a.summary } else { "" },
        image,
        image_width: picture.map(|p| p.card.width),
        image_height: picture.map(|p| p.card.height),
        image_permalink,
        image_alt: a.image_alt.as_deref(),
        // What the front matter leaves out, the photo's own metadata fills.
        image_caption: a
            .image_caption
            .as_deref()
            .or_else(|| picture.and_then(|p| p.meta.caption.as_deref())),
        image_credit: a
            .image_credit
            .as_deref()
            .or_else(|| picture.and_then(|p| p.meta.credit.as_deref())),
        picture: picture.map(|p| picture_view(urls, p)),
        lang: &a.lang,
        dir: if a.rtl { "rtl" } else { "ltr" },
        featured: a.featured,
        breaking: a.breaking,
        draft: a.draft,
        scheduled: a.visible_from() > now,
        reading_minutes: a.words.div_ceil(230).max(1),
    }
}

/// The article page's view, around its body HTML (the article's own, or for one not
/// kept in memory, rendered again from its file by
/// the pipeline's body store, [`super::BodySource`]).
pub fn full<'a>(
    urls: &Urls,
    terms: &TermValues,
    site: &'a Site,
    id: ArticleId,
    body: Cow<'a, str>,
) -> ArticleFull<'a> {
    use chrono::{Datelike, TimeZone};
    let a = site.article(id);
    let local = site.config.timezone.from_utc_datetime(&a.date.naive_utc());
    ArticleFull {
        slug: &a.slug,
        body,
        tags: terms.links(urls, site, id, TaxonomyKind::Tags, &a.tags),
        comments: a.comments,
        words: a.words,
        source: &a.source,
        extra: &a.extra,
        day_url: urls.url(&format!(
            "{}{:04}/{:02}/{:02}/",
            site.scope(site.scope_of(id)).prefix,
            local.year(),
            local.month(),
            local.day()
        )),
        modified: a.modified().to_rfc3339(),
        corrections: a
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: c.date.to_rfc3339(),
                text: c.text.clone(),
            })
            .collect(),
        json_ld: super::json_ld::json_ld(urls, site, id),
        gallery: gallery(urls, site, id),
        alternates: alternates(urls, site, id),
    }
}

/// An image as an article wrote it, as a site path: one beside the article's file
/// (`chart.svg`) is published beside its page ([`crate::images::beside_page`]).
pub(super) fn article_image<'s>(a: &Article, image: &'s str) -> Cow<'s, str> {
    match crate::images::beside_page(&a.path, image) {
        Some(path) => path.into(),
        None => image.into(),
    }
}

/// A site path (`/images/x.jpg`) as an absolute URL; full URLs stay.
pub(super) fn absolute(urls: &Urls, path: &str) -> String {
    if path.contains("://") {
        path.to_string()
    } else {
        urls.permalink(path.trim_start_matches('/'))
    }
}

/// Images given as site paths (`/images/x.jpg`) get the base path; full URLs stay.
fn asset_url(urls: &Urls, path: &str) -> String {
    if path.contains("://") || path.starts_with("//") {
        path.to_string()
    } else {
        urls.url(path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::index::{self, Selection};
    use crate::parse::article::parse_article;

    #[test]
    fn cards_link_terms_as_each_article_spells_them() {
        let config = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/news/\"\n",
            "site.toml",
        )
        .expect("a valid configuration");
        // Two articles spell the topic `Sri Lanka`, one `sri lanka`: one term, shown as
        // the spelling most use.
        let articles = ["Sri Lanka", "Sri Lanka", "sri lanka"]
            .iter()
            .enumerate()
            .map(|(i, topic)| {
                let text = format!(
                    "---\ntitle: Story {i}\ndate: 2017-09-2{i}\ntopics: [{topic}]\nauthor: Ann Lee\n---\nText.\n"
                );
                parse_article(&text, &format!("content/{i}.md"), &config).unwrap().0
            })
            .collect();
        let now = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap();
        let selection = Selection {
            drafts: false,
            future: false,
            now,
        };
        let site = index::build_site(config, articles, selection).expect("indexes");
        assert_eq!(site.topics.terms.len(), 1);
        let urls = Urls::new(&site);
        let terms = TermValues::new(&urls, &site);
        let card_json = |id: usize| {
            let a = &site.articles[id];
            let card =
                Value::from_serializable(&card(&urls, &terms, &site, id as ArticleId, a, site.now));
            serde_json::to_value(&card).unwrap()
        };
        for (id, a) in site.articles.iter().enumerate() {
            let card = card_json(id);
            assert_eq!(
                card["topics"],
                serde_json::json!([{"name": a.topics[0], "url": "/news/topics/sri-lanka/"}]),
                "{}",
                a.title
            );
            assert_eq!(
                card["authors"],
                serde_json::json!([{"name": "Ann Lee", "url": "/news/authors/ann-lee/"}])
            );
        }
    }

    #[test]
    fn json_ld_names_everything_known_about_the_story_with_keys_in_order() {
        let site_of = |toml: &str, story: &str| {
            let config = Config::parse(toml, "site.toml").expect("a valid configuration");
            let a = parse_article(story, "content/a.md", &config).unwrap().0;
            let selection = Selection {
                drafts: false,
                future: false,
                now: DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap(),
            };
            index::build_site(config, vec![a], selection).expect("indexes")
        };
        let json_of = |site: &Site, every_key: bool| {
            let text = crate::render::json_ld::json_ld(&Urls::new(site), site, 0);
            assert!(!text.contains('<') && !text.contains('&'), "{text}");
            // Keys in name order (the same bytes on every build): each key of the
            // document comes after the one before it.
            let mut at = 0;
            for key in [
                "@context",
                "@type",
                "articleSection",
                "author",
                "contentLocation",
                "dateModified",
                "datePublished",
                "dateline",
                "description",
                "headline",
                "image",
                "inLanguage",
                "keywords",
                "mainEntityOfPage",
                "publisher",
                "sourceOrganization",
                "url",
                "wordCount",
            ] {
                match text[at..].find(&format!("\"{key}\":")) {
                    Some(found) => at += found,
                    None => assert!(!every_key, "{key} missing or out of order: {text}"),
                }
            }
            assert!(text[at..].starts_with("\"wordCount\":"), "{text}");
            serde_json::from_str::<serde_json::Value>(&text).expect("JSON")
        };
        let full = site_of(
            "title = \"Daily <News>\"\nbase_url = \"https://x.org/\"\n[publisher]\nname = \"Daily & Co\"\nlogo = \"/logo.png\"\n",
            "---\ntitle: Floods <hit> Swat\ndate: 2017-09-22T10:00:00+05:00\nupdated: 2017-09-23T10:00:00+05:00\n\
             topics: [Pakistan]\ntags: [Floods, Swat]\nagencies: [APP, AFP]\nauthors: [Ann Lee]\nimage: /img/f.jpg\n---\n\
             SWAT, SEPT 22 (APP) \u{2013} Rain fell on Friday.\n",
        );
        let doc = json_of(&full, true);
        assert_eq!(doc["@context"], "https://schema.org");
        assert_eq!(doc["@type"], "NewsArticle");
        assert_eq!(doc["headline"], "Floods <hit> Swat");
        assert_eq!(doc["articleSection"], serde_json::json!(["Pakistan"]));
        assert_eq!(doc["keywords"], serde_json::json!(["Floods", "Swat"]));
        assert_eq!(
            doc["author"],
            serde_json::json!([{"@type": "Person", "name": "Ann Lee", "url": "https://x.org/authors/ann-lee/"}])
        );
        assert_eq!(
            doc["contentLocation"],
            serde_json::json!({"@type": "Place", "name": "SWAT"})
        );
        assert_eq!(doc["dateline"], "SWAT, SEPT 22 (APP/AFP)");
        assert_eq!(doc["datePublished"], "2017-09-22T10:00:00+05:00");
        assert_eq!(doc["dateModified"], "2017-09-23T10:00:00+05:00");
        assert_eq!(
            doc["image"],
            serde_json::json!([{"@type": "ImageObject", "url": "https://x.org/img/f.jpg"}])
        );
        assert_eq!(doc["inLanguage"], "en");
        assert_eq!(
            doc["mainEntityOfPage"],
            serde_json::json!({"@id": doc["url"], "@type": "WebPage"})
        );
        assert_eq!(doc["url"], "https://x.org/2017/09/22/floods-hit-swat/");
        assert_eq!(
            doc["publisher"],
            serde_json::json!({"@type": "Organization", "logo": {"@type": "ImageObject", "url": "https://x.org/logo.png"}, "name": "Daily & Co", "url": "https://x.org/"})
        );
        assert_eq!(
            doc["sourceOrganization"],
            serde_json::json!([{"@type": "NewsMediaOrganization", "name": "APP"}, {"@type": "NewsMediaOrganization", "name": "AFP"}])
        );
        assert!(doc["wordCount"].as_u64().unwrap() > 0);

        // Nothing known: no dateline, place, image, logo or agencies; the publisher
        // stands in as the author.
        let bare = site_of(
            "title = \"Daily\"\nbase_url = \"https://x.org/\"\n",
            "---\ntitle: Note\ndate: 2017-09-22\n---\nA note.\n",
        );
        let doc = json_of(&bare, false);
        for key in ["dateline", "contentLocation", "image", "sourceOrganization"] {
            assert!(doc.get(key).is_none(), "{key}");
        }
        assert!(doc["publisher"].get("logo").is_none());
        assert_eq!(
            doc["author"],
            serde_json::json!([{"@type": "Organization", "name": "Daily"}])
        );
    }
}
