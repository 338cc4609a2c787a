//! `{{ cached_partial(template="partials/card.html", card=card, card_level=2) }}`:
//! renders a partial with its arguments (and the `site` global) as its whole
//! context, once per build for each distinct set of arguments, and reuses the HTML
//! wherever the same call comes again. An article's card is on its topic, tag,
//! agency, author and archive pages and in its neighbours' related lists: about
//! eight times, the same HTML each time.
//!
//! Sound because the partial sees nothing but its arguments: equal arguments give
//! equal HTML. Arguments are told apart by a 128-bit hash: of their contents for
//! strings and numbers, of their address for maps and lists. Template values never
//! change once made, and each kept entry holds its arguments, so while it is kept no
//! other map or list can have the same address: an article's card is one value,
//! shared by every page that lists it, and is recognised without reading it.
//! The cache is emptied whenever the theme's globals change (each build sets `site`),
//! and holds at most [`BUDGET`] bytes in two generations: when the newer fills up it
//! becomes the older, and the older is dropped. An entry found in the older moves
//! back to the newer, so on very large sites what pages rendered close together
//! keep asking for (an archive's pages, a story's neighbours, the masthead) stays,
//! and only what no page asked for during a whole generation is rendered again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use tera::{Context, Kwargs, State, Tera, Value};
use xxhash_rust::xxh3::Xxh3;

use super::fingerprint::{hash_str, hash_value};

/// Memory kept per build at least: HTML and entries (a card is about 1.2 KB and most
/// articles have two, a list card and a related card: 10k articles take some 25 MB;
/// from about 50k articles on, generations fill up and are dropped).
pub(super) const BUDGET: usize = 128 << 20;

/// Memory kept per build for each article, when that comes to more than [`BUDGET`]
/// (from 256k articles on: 512 MB at a million, a fifth of all their cards).
pub(super) const BUDGET_PER_ARTICLE: usize = 512;

/// What an entry costs besides its HTML: the map slot, the value and the arguments.
const ENTRY_OVERHEAD: usize = 128;

const SHARDS: usize = 16;

/// The state behind the `cached_partial` function of one theme.
pub(super) struct Partials {
    /// Bytes kept at most, in all.
    budget: AtomicUsize,
    /// The theme's templates as they render now; set by [`Partials::reset`].
    tera: RwLock<Option<Arc<Tera>>>,
    /// HTML by [`arguments_key`], in parts chosen by key.
    rendered: [Mutex<Shard>; SHARDS],
}

/// What `cached_partial` did in one build, for `--timings`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartialStats {
    pub calls: usize,
    /// Calls that rendered their partial (the rest reused HTML).
    pub renders: usize,
    /// Generations dropped because a part's newer generation was full.
    pub emptied: usize,
}

/// One part of the cache: two generations of entries, and what this part did since
/// the last [`Partials::reset`] (counted under its lock, so the two render threads
/// never share a counter).
#[derive(Default)]
struct Shard {
    /// Entries made or found since this part last filled up.
    newer: HashMap<u128, CachedPartial, KeyHash>,
    /// The generation before: dropped when `newer` fills up next.
    older: HashMap<u128, CachedPartial, KeyHash>,
    /// What `newer`'s entries cost.
    bytes: usize,
    stats: PartialStats,
}

/// Rendered HTML with the arguments it was rendered from (kept alive so their
/// addresses stay theirs), and what it costs.
struct CachedPartial {
    html: Value,
    _arguments: Kwargs,
    cost: usize,
}

impl Shard {
    /// The HTML kept for `key`, moving it to the newer generation if it was older.
    fn get(&mut self, key: u128, room: usize) -> Option<Value> {
        if let Some(entry) = self.newer.get(&key) {
            return Some(entry.html.clone());
        }
        let entry = self.older.remove(&key)?;
        let html = entry.html.clone();
        self.put(key, entry, room);
        Some(html)
    }

    /// Keeps `entry` in the newer generation, which becomes the older one first if
    /// `entry` would take it past `room` bytes.
    fn put(&mut self, key: u128, entry: CachedPartial, room: usize) {
        if self.bytes + entry.cost > room {
            self.older = std::mem::take(&mut self.newer);
            self.bytes = 0;
            self.stats.emptied += 1;
        }
        self.bytes += entry.cost;
        self.newer.insert(key, entry);
    }
}

/// Hashes [`arguments_key`]s, which are hashes already: their low 64 bits.
#[derive(Default, Clone, Copy)]
struct KeyHash;

impl std::hash::BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u128(&mut self, key: u128) {
        self.0 = key as u64;
    }
}

impl Default for Partials {
    fn default() -> Self {
        Partials::with_budget(BUDGET)
    }
}

impl Partials {
    fn with_budget(budget: usize) -> Self {
        Partials {
            budget: AtomicUsize::new(budget),
            tera: RwLock::default(),
            rendered: Default::default(),
        }
    }

    /// Bytes one generation of one part holds at most.
    fn room(&self) -> usize {
        self.budget.load(Ordering::Relaxed) / SHARDS / 2
    }

    /// Sizes the cache for a site of `articles` articles (see [`BUDGET_PER_ARTICLE`]).
    pub(super) fn fit(&self, articles: usize) {
        let budget = BUDGET.max(articles.saturating_mul(BUDGET_PER_ARTICLE));
        self.budget.store(budget, Ordering::Relaxed);
    }

    /// Renders from `tera` from now on and forgets everything rendered before.
    pub(super) fn reset(&self, tera: Option<Tera>) {
        *self.tera.write().expect("no panics while holding the lock") = tera.map(Arc::new);
        for shard in &self.rendered {
            *shard.lock().expect("no panics while holding the lock") = Shard::default();
        }
    }

    pub(super) fn stats(&self) -> PartialStats {
        let mut all = PartialStats::default();
        for shard in &self.rendered {
            let s = shard
                .lock()
                .expect("no panics while holding the lock")
                .stats;
            all.calls += s.calls;
            all.renders += s.renders;
            all.emptied += s.emptied;
        }
        all
    }

    /// The function's body.
    pub(super) fn call(&self, kwargs: &Kwargs) -> tera::TeraResult<Value> {
        let template: &str = kwargs.must_get("template")?;
        let key = arguments_key(kwargs);
        let shard = &self.rendered[(key as usize) % SHARDS];
        {
            let mut shard = shard.lock().expect("no panics while holding the lock");
            shard.stats.calls += 1;
            if let Some(html) = shard.get(key, self.room()) {
                return Ok(html);
            }
            shard.stats.renders += 1;
        }
        let tera = self
            .tera
            .read()
            .expect("no panics while holding the lock")
            .clone()
            .ok_or_else(|| tera::Error::message("`cached_partial`: the theme is not ready"))?;
        let mut ctx = Context::new();
        for (name, value) in kwargs.iter() {
            if let Some(name) = name.as_str().filter(|n| *n != "template") {
                ctx.insert_value(name.to_string(), value.clone());
            }
        }
        let html = tera.render(template, &ctx).map_err(|e| {
            tera::Error::message(format!(
                "`cached_partial(template=\"{template}\")`: {}",
                super::theme::full_message(&e)
            ))
        })?;
        let entry = CachedPartial {
            cost: html.len() + ENTRY_OVERHEAD,
            html: Value::safe_string(&html),
            _arguments: kwargs.clone(),
        };
        let html = entry.html.clone();
        shard
            .lock()
            .expect("no panics while holding the lock")
            .put(key, entry, self.room());
        Ok(html)
    }
}

/// Registers `cached_partial` on `tera`, backed by `partials`.
pub(super) fn register(tera: &mut Tera, partials: &Arc<Partials>) {
    let partials = Arc::clone(partials);
    tera.register_function("cached_partial", move |kwargs: Kwargs, _: &State| {
        partials.call(&kwargs)
    });
}

/// A hash of every argument: its name, then its address if it is a map or a
/// non-empty list, else its contents.
fn arguments_key(kwargs: &Kwargs) -> u128 {
    let mut h = Xxh3::new();
    for (name, value) in kwargs.iter() {
        hash_str(&mut h, name.as_str().unwrap_or(""));
        if let Some(map) = value.as_map() {
            h.update(b"M");
            h.update(&(std::ptr::from_ref(map) as usize as u64).to_le_bytes());
        } else if let Some(items) = value.as_array().filter(|items| !items.is_empty()) {
            h.update(b"A");
            h.update(&(items.as_ptr() as usize as u64).to_le_bytes());
        } else {
            hash_value(&mut h, value);
        }
    }
    h.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(pairs: &[(&'static str, Value)]) -> u128 {
        let map: tera::value::Map = pairs
            .iter()
            .map(|(k, v)| (tera::value::Key::Str(k), v.clone()))
            .collect();
        arguments_key(&Kwargs::new(Arc::new(map)))
    }

    /// A theme whose `p.html` counts its renders, with `cached_partial` kept within `budget`.
    fn counting(budget: usize) -> (Tera, Arc<Partials>, Arc<std::sync::atomic::AtomicUsize>) {
        let renders = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = Arc::clone(&renders);
        let mut tera = Tera::new();
        tera.register_filter("counted", move |v: Value, _: Kwargs, _: &State| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            v
        });
        let partials = Arc::new(Partials::with_budget(budget));
        register(&mut tera, &partials);
        tera.add_raw_templates([
            ("p.html", "[{{ card.t | counted }} {{ level }}{% if page is defined %} page{% endif %}]"),
            (
                "list.html",
                "{% for c in cards %}{{ cached_partial(template=\"p.html\", card=c, level=2) }}{% endfor %}",
            ),
        ])
        .unwrap();
        partials.reset(Some(tera.clone()));
        (tera, partials, renders)
    }

    fn list(tera: &Tera, cards: &Value) -> String {
        let mut ctx = Context::new();
        ctx.insert_value("cards", cards.clone());
        ctx.insert_value("page", Value::from("the page"));
        tera.render("list.html", &ctx).unwrap()
    }

    #[test]
    fn each_card_renders_once_and_sees_only_its_arguments() {
        let cards =
            Value::from_serializable(&serde_json::json!([{"t": "a"}, {"t": "b"}, {"t": "<c>"}]));
        let (tera, partials, renders) = counting(BUDGET);
        let want = "[a 2][b 2][&lt;c&gt; 2]";
        assert_eq!(list(&tera, &cards), want);
        assert_eq!(list(&tera, &cards), want);
        assert_eq!(renders.load(std::sync::atomic::Ordering::Relaxed), 3);
        let stats = PartialStats {
            calls: 6,
            renders: 3,
            emptied: 0,
        };
        assert_eq!(partials.stats(), stats);
        // A new build (new globals) starts from scratch.
        partials.reset(Some(tera.clone()));
        assert_eq!(partials.stats(), PartialStats::default());
        assert_eq!(list(&tera, &cards), want);
        assert_eq!(renders.load(std::sync::atomic::Ordering::Relaxed), 6);
        partials.reset(None);
    }

    #[test]
    fn a_full_cache_empties_and_keeps_rendering_right() {
        let many: Vec<_> = (0..200).map(|i| serde_json::json!({"t": i})).collect();
        let cards = Value::from_serializable(&many);
        // Room for about one entry per generation of each part.
        let (tera, partials, renders) = counting(SHARDS * 2 * (ENTRY_OVERHEAD + 20));
        let want: String = (0..200).map(|i| format!("[{i} 2]")).collect();
        assert_eq!(list(&tera, &cards), want);
        assert_eq!(list(&tera, &cards), want);
        let rendered = renders.load(std::sync::atomic::Ordering::Relaxed);
        assert!(
            rendered > 200,
            "most calls of the second pass render again: {rendered}"
        );
        let stats = partials.stats();
        assert_eq!((stats.calls, stats.renders), (400, rendered));
        assert!(stats.emptied > 0, "{stats:?}");
        for shard in &partials.rendered {
            let shard = shard.lock().unwrap();
            assert!(shard.bytes <= partials.room() && shard.newer.len() <= 1);
            assert!(shard.older.len() <= 1);
        }
        partials.reset(None);
    }

    #[test]
    fn what_is_asked_for_again_survives_a_full_generation() {
        // One card asked for between every two others: with room for one entry per
        // generation, it is always found in the older generation and moved back, so
        // it renders once, however often its part fills up.
        let mut calls = Vec::new();
        for i in 0..200 {
            calls.push(serde_json::json!({"t": "hot"}));
            calls.push(serde_json::json!({"t": i}));
        }
        let hot = Value::from_serializable(&serde_json::json!({"t": "hot"}));
        let cards: Vec<Value> = calls
            .iter()
            .map(|c| {
                if c["t"] == "hot" {
                    hot.clone()
                } else {
                    Value::from_serializable(c)
                }
            })
            .collect();
        let (tera, partials, renders) = counting(SHARDS * 2 * (ENTRY_OVERHEAD + 20));
        let want: String = (0..200).map(|i| format!("[hot 2][{i} 2]")).collect();
        assert_eq!(list(&tera, &Value::from(cards)), want);
        assert_eq!(renders.load(std::sync::atomic::Ordering::Relaxed), 201);
        let stats = partials.stats();
        assert_eq!((stats.calls, stats.renders), (400, 201));
        assert!(stats.emptied > 10, "{stats:?}");
        partials.reset(None);
    }

    #[test]
    fn the_budget_grows_with_large_sites_only() {
        let partials = Partials::default();
        partials.fit(10_000);
        assert_eq!(partials.room(), BUDGET / SHARDS / 2);
        partials.fit(1_000_000);
        assert_eq!(partials.room(), 1_000_000 * BUDGET_PER_ARTICLE / SHARDS / 2);
    }

    #[test]
    fn different_arguments_have_different_keys() {
        let card =
            |title: &str| Value::from_serializable(&serde_json::json!({"title": title, "n": 1}));
        let a = card("a");
        let base = key(&[("card", a.clone()), ("level", Value::from(2))]);
        assert_eq!(base, key(&[("card", a.clone()), ("level", Value::from(2))]));
        for other in [
            key(&[("card", card("b")), ("level", Value::from(2))]),
            // Equal contents, another value: told apart (a miss, never a wrong hit).
            key(&[("card", card("a")), ("level", Value::from(2))]),
            key(&[("card", a.clone()), ("level", Value::from(3))]),
            key(&[("card", a.clone()), ("level", Value::from("2"))]),
            key(&[("card", a.clone())]),
            key(&[("card", a.clone()), ("lvl", Value::from(2))]),
            key(&[("card", a.clone()), ("level", Value::safe_string("2"))]),
        ] {
            assert_ne!(base, other);
        }
        // Lengths go before contents: moving text between strings changes the key.
        assert_ne!(
            key(&[("a", Value::from("xy")), ("b", Value::from(""))]),
            key(&[("a", Value::from("x")), ("b", Value::from("y"))])
        );
    }
}
