//! What every imported item must satisfy, shared by the import fuzz targets.

use broadsheet::import::article::Item;
use broadsheet::parse::front_matter::{read, split};

/// The article file written for `item` splits at its fences, and its front matter
/// reads back with the same title and slug.
pub fn reads_back(item: &Item, file: &str) {
    let s = split(file).unwrap_or_else(|e| panic!("{e:?} in\n{file}"));
    let raw = read(s.yaml).unwrap_or_else(|e| panic!("{e:?} in\n{file}"));
    assert_eq!(raw.title.as_deref(), Some(item.title.as_str()), "{file}");
    assert_eq!(raw.slug.as_deref(), Some(item.slug.as_str()), "{file}");
}
