//! Page fingerprints: a stable hash of everything a page's template would see, so a
//! rebuild renders only pages whose fingerprint changed (the output's manifest and
//! `serve` keep them between builds). Input: template variables and per-article
//! versions. Output: `u64` hashes, the same on every platform (xxh3 over the values'
//! contents, never their addresses).

use std::fmt::Write as _;

use serde::Serialize;
use tera::{Context, Value};
use xxhash_rust::xxh3::Xxh3;

use crate::index::Site;

/// One number per article that changes whenever anything its views show does: its
/// text and path decide everything but whether it is still scheduled at build time.
pub fn article_versions(site: &Site) -> Vec<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    site.articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut h = DefaultHasher::new();
            (a.source_hash, &a.source, &a.path).hash(&mut h);
            // A photo's derivatives are named by its bytes: a new photo under the
            // same name changes every page showing it.
            if let Some(photos) = site.pictures.get(i) {
                photos.all().for_each(|p| (p.key(), p.card).hash(&mut h));
            }
            (a.visible_from() > site.now).hash(&mut h);
            h.finish()
        })
        .collect()
}

/// A page's template variables, with their names in the order they were set, so a
/// page can be fingerprinted by hashing the values themselves.
#[derive(Default)]
pub(super) struct Vars {
    pub(super) ctx: Context,
    names: Vec<&'static str>,
}

impl Vars {
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.insert_value(name, Value::from_serializable(value));
    }

    pub(super) fn insert_value(&mut self, name: &'static str, value: Value) {
        if !self.ctx.contains_key(name) {
            self.names.push(name);
        }
        self.ctx.insert_value(name, value);
    }

    /// A stable hash of `template` and every variable (kept in the output's manifest
    /// between builds, so xxh3 over the values' contents: the same on every platform).
    pub(super) fn fingerprint(&self, template: &str) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        hash_str(&mut h, template);
        for &name in &self.names {
            hash_str(&mut h, name);
            if let Some(value) = self.ctx.get(name) {
                hash_value(&mut h, value);
            }
        }
        h.digest()
    }
}

/// A stable hash of one value (the `site` global), as [`Vars::fingerprint`] hashes.
pub(super) fn fingerprint_value(value: &Value) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    hash_value(&mut h, value);
    h.digest()
}

pub(super) fn hash_str(h: &mut Xxh3, s: &str) {
    h.update(&(s.len() as u64).to_le_bytes());
    h.update(s.as_bytes());
}

/// Feeds `value` into `h` by structure: a tag per kind, lengths before contents, so
/// no two different values feed the same bytes.
pub(super) fn hash_value(h: &mut Xxh3, value: &Value) {
    use tera::value::ValueKind;
    match value.kind() {
        ValueKind::String => {
            h.update(if value.is_safe() { b"S" } else { b"s" });
            hash_str(h, value.as_str().unwrap_or(""));
        }
        ValueKind::Array => {
            let items = value.as_array().unwrap_or(&[]);
            h.update(b"a");
            h.update(&(items.len() as u64).to_le_bytes());
            for item in items {
                hash_value(h, item);
            }
        }
        ValueKind::Map => {
            h.update(b"m");
            if let Some(map) = value.as_map() {
                h.update(&(map.len() as u64).to_le_bytes());
                for (k, v) in map {
                    match k.as_str() {
                        Some(name) => {
                            h.update(b"k");
                            hash_str(h, name);
                        }
                        None => hash_value(h, &k.as_value()),
                    }
                    hash_value(h, v);
                }
            }
        }
        // Numbers, booleans, none: a tag for the kind, then the value's bytes
        // (little-endian, so the same on every platform).
        ValueKind::Undefined => h.update(b"u"),
        ValueKind::None => h.update(b"n"),
        ValueKind::Bool => h.update(if value.as_bool() == Some(true) {
            b"T"
        } else {
            b"F"
        }),
        ValueKind::F64 => {
            h.update(b"f");
            h.update(&value.as_f64().unwrap_or(0.0).to_bits().to_le_bytes());
        }
        ValueKind::U128 => {
            h.update(b"U");
            h.update(&value.as_u128().unwrap_or(0).to_le_bytes());
        }
        kind @ (ValueKind::U64 | ValueKind::I64 | ValueKind::I128) => {
            h.update(match kind {
                ValueKind::U64 => b"p",
                ValueKind::I64 => b"i",
                _ => b"I",
            });
            h.update(&value.as_i128().unwrap_or(0).to_le_bytes());
        }
        kind => {
            // Bytes (never made by broadsheet): their text.
            let mut text = String::new();
            write!(text, "{kind:?}:{value}").expect("writing to a String never fails");
            hash_str(h, &text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&'static str, Value)]) -> Vars {
        let mut v = Vars::default();
        for (name, value) in pairs {
            v.insert_value(name, value.clone());
        }
        v
    }

    #[test]
    fn a_page_fingerprint_follows_its_template_names_and_values() {
        let title = Value::from("Floods");
        let base = vars(&[("title", title.clone()), ("n", Value::from(2u64))]);
        let same = vars(&[("title", title.clone()), ("n", Value::from(2u64))]);
        assert_eq!(base.fingerprint("list.html"), same.fingerprint("list.html"));
        let others = [
            base.fingerprint("article.html"),
            vars(&[("title", title.clone()), ("n", Value::from(3u64))]).fingerprint("list.html"),
            vars(&[("name", title.clone()), ("n", Value::from(2u64))]).fingerprint("list.html"),
            vars(&[("title", title)]).fingerprint("list.html"),
        ];
        for other in others {
            assert_ne!(base.fingerprint("list.html"), other);
        }
        // A variable set twice is one variable, with its last value.
        let mut twice = vars(&[("title", Value::from("Old")), ("n", Value::from(2u64))]);
        twice.insert_value("title", Value::from("Floods"));
        assert_eq!(
            twice.fingerprint("list.html"),
            base.fingerprint("list.html")
        );
    }

    #[test]
    fn scalars_hash_by_kind_and_value() {
        let hash = |v: Value| {
            let mut h = Xxh3::new();
            hash_value(&mut h, &v);
            h.digest()
        };
        let values = [
            Value::from(2u64),
            Value::from(3u64),
            Value::from(-2i64),
            Value::from(2.0f64),
            Value::from(2.5f64),
            Value::from(true),
            Value::from(false),
            Value::none(),
            Value::from("2"),
            Value::from(u64::MAX),
        ];
        let hashes: Vec<u64> = values.iter().cloned().map(hash).collect();
        for (i, a) in hashes.iter().enumerate() {
            assert_eq!(
                *a,
                hash(values[i].clone()),
                "{:?} hashes alike each time",
                values[i]
            );
            for (j, b) in hashes.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{:?} and {:?}", values[i], values[j]);
            }
        }
    }
}
