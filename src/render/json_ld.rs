//! An article's structured data: schema.org `NewsArticle` JSON-LD (headline, dates,
//! authors with their pages, publisher, images in the crops Google asks for, with
//! their credits), written straight from typed structs in key order.

use serde::Serialize;

use super::views::{Urls, absolute, article_image, credit};
use crate::index::{Site, TaxonomyKind};
use crate::model::ArticleId;

/// schema.org `NewsArticle` for one article. `<`, `>` and `&` are written as JSON
/// escapes so no value can close the script element it sits in. Serialized straight
/// from [`NewsArticle`], whose fields are in name order (as a JSON object's keys
/// were when this was built as a map), so there is no tree of values to build per
/// page.
pub(super) fn json_ld(urls: &Urls, site: &Site, id: ArticleId) -> String {
    let a = site.article(id);
    let publisher_name = site
        .config
        .publisher
        .name
        .as_deref()
        .unwrap_or(&site.config.title);
    let permalink = urls.permalink(&a.path);
    let named = |kind, name| Named {
        kind,
        name,
        url: None,
    };
    let doc = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        article_section: &a.topics,
        author: if a.authors.is_empty() {
            vec![named("Organization", publisher_name)]
        } else {
            // Every author has a page: search engines tie the byline to it.
            a.authors
                .iter()
                .map(|n| Named {
                    url: Some(urls.term_permalink(
                        site.scope(site.scope_of(id)).prefix,
                        TaxonomyKind::Authors,
                        n,
                    )),
                    ..named("Person", n)
                })
                .collect()
        },
        content_location: a.place.as_deref().map(|p| named("Place", p)),
        date_modified: a.modified().to_rfc3339(),
        date_published: a.date.to_rfc3339(),
        dateline: a.place.as_ref().map(|_| credit(a)),
        description: &a.summary,
        headline: &a.title,
        image: ld_images(urls, site, id),
        in_language: &a.lang,
        keywords: &a.tags,
        main_entity_of_page: WebPage {
            id: &permalink,
            kind: "WebPage",
        },
        publisher: Publisher {
            kind: "Organization",
            logo: site.config.publisher.logo.as_ref().map(|l| Logo {
                kind: "ImageObject",
                url: absolute(urls, l),
            }),
            name: publisher_name,
            url: &site.config.base_url,
        },
        source_organization: a
            .agencies
            .iter()
            .map(|n| named("NewsMediaOrganization", n))
            .collect(),
        url: &permalink,
        word_count: a.words,
    };
    let json = serde_json::to_string(&doc).expect("plain data always serializes");
    super::theme::script_safe_json(&json)
}

/// The JSON-LD document; fields in name order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'a str,
    #[serde(rename = "@type")]
    kind: &'a str,
    article_section: &'a [String],
    author: Vec<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_location: Option<Named<'a>>,
    date_modified: String,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<String>,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<LdImage>,
    in_language: &'a str,
    keywords: &'a [String],
    main_entity_of_page: WebPage<'a>,
    publisher: Publisher<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    source_organization: Vec<Named<'a>>,
    url: &'a str,
    word_count: usize,
}

/// JSON-LD `creator` of a photo: a `Person` by name.
#[derive(Serialize)]
struct Creator {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

/// JSON-LD `ImageObject`: a crop (16:9, 4:3, 1:1) with its size and credit.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LdImage {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
}

/// An `ImageObject` at `url`: caption and credit as written, else as the photo's
/// own metadata gives them, with its creator and copyright notice when it names them.
fn ld_image(
    url: String,
    size: Option<(u32, u32)>,
    (caption, credit): (Option<&String>, Option<&String>),
    meta: Option<&crate::images::meta::Sidecar>,
) -> LdImage {
    LdImage {
        kind: "ImageObject",
        caption: caption.or(meta.and_then(|m| m.caption.as_ref())).cloned(),
        copyright_notice: meta.and_then(|m| m.copyright.clone()),
        creator: meta.and_then(|m| m.creator.clone()).map(|name| Creator {
            kind: "Person",
            name,
        }),
        credit_text: credit.or(meta.and_then(|m| m.credit.as_ref())).cloned(),
        height: size.map(|s| s.1),
        url,
        width: size.map(|s| s.0),
    }
}

/// The story's photos for JSON-LD: its own ([`ld_lead_images`]), then its gallery's.
fn ld_images(urls: &Urls, site: &Site, id: ArticleId) -> Vec<LdImage> {
    let a = site.article(id);
    let photos = site.pictures.get(id as usize);
    // The gallery's photos after the story's own: its social-card size when processed.
    let gallery = a.gallery.iter().enumerate().map(|(i, g)| {
        let p = photos
            .and_then(|p| p.gallery.get(i))
            .and_then(Option::as_ref);
        ld_image(
            p.map_or_else(
                || absolute(urls, &article_image(a, &g.src)),
                |p| urls.permalink(&p.path(&p.card)),
            ),
            p.map(|p| (p.card.width, p.card.height)),
            (g.caption.as_ref(), g.credit.as_ref()),
            p.map(|p| &p.meta),
        )
    });
    let mut images = ld_lead_images(urls, site, id);
    images.extend(gallery);
    images
}

/// The story's own photo for JSON-LD: its three crops when processed, else the photo
/// as written, else its topic's or the site's default image; none without any.
fn ld_lead_images(urls: &Urls, site: &Site, id: ArticleId) -> Vec<LdImage> {
    let a = site.article(id);
    let picture = site.pictures.get(id as usize).and_then(|p| p.lead.as_ref());
    let written = (a.image_caption.as_ref(), a.image_credit.as_ref());
    match (picture, &a.image, site.config.images.default_for(&a.topics)) {
        (Some(p), _, _) => p
            .crops
            .iter()
            .map(|c| {
                let size = Some((c.width, c.height));
                ld_image(urls.permalink(&p.path(c)), size, written, Some(&p.meta))
            })
            .collect(),
        (None, Some(i), _) => {
            let i = article_image(a, i);
            vec![ld_image(absolute(urls, &i), None, written, None)]
        }
        (None, None, Some(d)) => vec![ld_image(absolute(urls, d), None, (None, None), None)],
        (None, None, None) => Vec::new(),
    }
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'a str,
}

#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<Logo<'a>>,
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Logo<'a> {
    #[serde(rename = "@type")]
    kind: &'a str,
    url: String,
}
