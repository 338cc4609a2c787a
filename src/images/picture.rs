//! What the views see of a processed photo: its derivatives by format and width,
//! its crops, the social-card size, placeholder colour and embedded credits, with
//! the output names the derivatives are published under.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::OUTPUT_DIR;
use super::derive::{self, Derived, Encoded};
use super::meta;
use crate::config::ImagesConfig;

/// One derivative: its size, and which file it is (its path comes from its
/// [`Picture`], whose key starts the names of all its derivatives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// A width's derivative (`800`), or a crop's ([`derive::CROPS`] index).
    crop: Option<u8>,
    ext: Ext,
}

/// A derivative's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
enum Ext {
    Webp,
    Jpg,
    Png,
}

impl Ext {
    fn of(ext: &str) -> Option<Ext> {
        match ext {
            "webp" => Some(Ext::Webp),
            "jpg" => Some(Ext::Jpg),
            "png" => Some(Ext::Png),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Ext::Webp => "webp",
            Ext::Jpg => "jpg",
            Ext::Png => "png",
        }
    }
}

impl Variant {
    /// Its file's name in the cache entry and after the picture's prefix in the
    /// output: `800.webp`, `crop-16x9.jpg` (as [`super::store::file_name`]).
    fn push_file_name(&self, s: &mut String) {
        match self.crop {
            Some(i) => {
                s.push_str("crop-");
                s.push_str(derive::CROPS[usize::from(i)].0);
            }
            None => push_number(s, self.width),
        }
        s.push('.');
        s.push_str(self.ext.name());
    }
}

/// `n` in decimal, without the formatting machinery (a rebuild names 70,000 files).
fn push_number(s: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// A processed story photo. Kept whole in the images memo between builds, so an
/// unchanged photo costs a lookup, not a listing to read and names to form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    /// The cache key of its derivatives (a hash of the photo's bytes and the
    /// settings): their output names start with it.
    key: String,
    /// The source's size.
    pub width: u32,
    pub height: u32,
    /// Whether the source (and so `fallback`) is a PNG, else a JPEG.
    png: bool,
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

impl Picture {
    /// The site path of one of its derivatives (`_img/3f…-800.webp`), without the
    /// base path.
    pub fn path(&self, v: &Variant) -> String {
        // The prefix is made with room for any file name.
        let mut path = bundle_prefix(&self.key);
        v.push_file_name(&mut path);
        path
    }

    /// `image/jpeg` or `image/png`: the type of `fallback`.
    pub fn mime(&self) -> &'static str {
        if self.png { "image/png" } else { "image/jpeg" }
    }

    /// The cache key its derivatives' names start with: a hash of the photo's bytes
    /// and the settings.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Every derivative published, once each, in a fixed order (the bundle's).
    pub fn files(&self) -> impl Iterator<Item = &Variant> {
        self.webp.iter().chain(&self.fallback).chain(&self.crops)
    }

    /// The file names of [`Picture::files`], separated by spaces, formed in one
    /// string (a rebuild names 70,000 files).
    pub(super) fn file_names(&self) -> String {
        let mut names =
            String::with_capacity(16 * (self.webp.len() + self.fallback.len() + self.crops.len()));
        for (i, v) in self.files().enumerate() {
            if i > 0 {
                names.push(' ');
            }
            v.push_file_name(&mut names);
        }
        names
    }
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

/// Where a photo's derivatives are published: each at this prefix followed by its
/// file name ([`Picture::file_names`]), `_img/<key>-800.webp`.
pub(super) fn bundle_prefix(key: &str) -> String {
    let mut prefix = String::with_capacity(OUTPUT_DIR.len() + key.len() + 32);
    prefix.push_str(OUTPUT_DIR);
    prefix.push('/');
    prefix.push_str(key);
    prefix.push('-');
    prefix
}

/// The picture of the derivatives `d` listed under `key`; `None` when they hold no
/// width in the source's format (a damaged cache entry).
pub(super) fn picture(key: &str, d: &Derived, cfg: &ImagesConfig) -> Option<Picture> {
    let variant = |f: &Encoded| -> Option<Variant> {
        let crop = match f.name.strip_prefix("crop-") {
            Some(c) => Some(derive::CROPS.iter().position(|(n, _, _)| *n == c)? as u8),
            None => {
                // A width's name is its width.
                f.name.parse::<u32>().ok().filter(|w| *w == f.width)?;
                None
            }
        };
        Some(Variant {
            width: f.width,
            height: f.height,
            crop,
            ext: Ext::of(f.ext)?,
        })
    };
    let variants: Vec<Variant> = d.files.iter().filter_map(variant).collect();
    let source = Ext::of(d.format.ext()).expect("a source format is one of ours");
    let sized = |ext: Ext| -> Vec<Variant> {
        let mut v: Vec<Variant> = variants
            .iter()
            .filter(|v| v.ext == ext && v.crop.is_none())
            .copied()
            .collect();
        v.sort_by_key(|v| v.width);
        v
    };
    let fallback = sized(source);
    let crops = (0..derive::CROPS.len() as u8)
        .filter_map(|i| {
            variants
                .iter()
                .find(|v| v.ext == source && v.crop == Some(i))
                .copied()
        })
        .collect();
    let card = *fallback
        .iter()
        .min_by_key(|v| v.width.abs_diff(cfg.crop_width))?;
    Some(Picture {
        key: key.to_string(),
        width: d.width,
        height: d.height,
        png: d.format == derive::Format::Png,
        colour: d.colour.clone(),
        meta: d.meta.clone(),
        webp: sized(Ext::Webp),
        fallback,
        crops,
        card,
    })
}
