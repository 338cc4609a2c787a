//! What the views see of a processed photo: its derivatives by format and width,
//! its crops, the social-card size, placeholder colour and embedded credits, with
//! the output names the derivatives are published under.

use std::collections::BTreeMap;

use serde::Serialize;

use super::OUTPUT_DIR;
use super::derive::{self, Derived, Encoded};
use super::meta;
use crate::config::ImagesConfig;

/// One derivative as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Variant {
    /// Site path (`_img/3f…-800.webp`), without the base path.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// A processed story photo.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Picture {
    /// The source's size.
    pub width: u32,
    pub height: u32,
    /// `image/jpeg` or `image/png`: the type of `fallback`.
    pub mime: &'static str,
    /// `#rrggbb`, shown while the photo loads.
    pub colour: String,
    /// Every width in WebP, then in the source's format, narrowest first.
    pub webp: Vec<Variant>,
    pub fallback: Vec<Variant>,
    /// `16x9`, `4x3`, `1x1` crops in the source format (for JSON-LD), in that order.
    pub crops: Vec<Variant>,
    /// The social-card image: the fallback closest to `crop_width` wide.
    pub card: Variant,
    /// What the photo says of itself: fills what the front matter leaves out.
    pub meta: meta::Sidecar,
}

/// One article's processed photos. A photo not processed (a full URL, a GIF or SVG)
/// has none: templates show it as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Photos {
    /// The story photo (`image:`).
    pub lead: Option<Picture>,
    /// The `images:` gallery, in its order.
    pub gallery: Vec<Option<Picture>>,
    /// The body's images, by their path as written in the Markdown.
    pub body: BTreeMap<String, Picture>,
    /// Output paths of the images beside the article's file published as they are
    /// (GIF, SVG, WebP), beside its page.
    pub copied: Vec<String>,
}

impl Photos {
    /// Every processed photo of the article.
    pub fn all(&self) -> impl Iterator<Item = &Picture> {
        self.lead
            .iter()
            .chain(self.gallery.iter().flatten())
            .chain(self.body.values())
    }
}

/// Per article ([`crate::model::ArticleId`] order): its processed photos.
pub type Pictures = Vec<Photos>;

pub(super) fn output_path(key: &str, f: &Encoded) -> String {
    format!("{OUTPUT_DIR}/{key}-{}.{}", f.name, f.ext)
}

pub(super) fn picture(key: &str, d: &Derived, cfg: &ImagesConfig) -> Picture {
    let variant = |f: &Encoded| Variant {
        path: output_path(key, f),
        width: f.width,
        height: f.height,
    };
    let sized = |ext: &str| -> Vec<Variant> {
        let mut v: Vec<Variant> = d
            .files
            .iter()
            .filter(|f| f.ext == ext && !f.name.starts_with("crop-"))
            .map(variant)
            .collect();
        v.sort_by_key(|v| v.width);
        v
    };
    let fallback = sized(d.format.ext());
    let crops = derive::CROPS
        .iter()
        .filter_map(|(name, _, _)| {
            d.files
                .iter()
                .find(|f| f.ext == d.format.ext() && f.name == format!("crop-{name}"))
                .map(variant)
        })
        .collect();
    let card = fallback
        .iter()
        .min_by_key(|v| v.width.abs_diff(cfg.crop_width))
        .cloned()
        .expect("every source has at least one width");
    Picture {
        width: d.width,
        height: d.height,
        mime: d.format.mime(),
        colour: d.colour.clone(),
        meta: d.meta.clone(),
        webp: sized("webp"),
        fallback,
        crops,
        card,
    }
}
