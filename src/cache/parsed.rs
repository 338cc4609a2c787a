//! The parse cache: each article file's parse result by path and a hash of its
//! bytes ([`Parsed`]), taken back for files whose bytes are the same, so a rebuild
//! reads every file but parses only those that changed. `serve` keeps it in memory
//! between rebuilds ([`Cache::from_entries`]); a build takes it from the last build's
//! output folder (`.broadsheet/parsed`, [`Cache::read`]).
//!
//! The cache holds for one binary and one configuration (what parsing depends on
//! besides the file: its key); each article is matched by its path and a hash of the
//! file's bytes. Articles that had warnings are not kept: they are parsed, and warned
//! about, on every build. Bodies are not kept either: an article from the cache
//! renders its body from its file when a page needs it (as articles past the body
//! budget do). A missing, stale or damaged cache (its checksum tells) is ignored.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::model::{Article, Body};
use crate::parse::article::ParseResult;
use crate::parse::page::PageResult;

/// Where the cache lives, relative to the output folder.
pub const FILE: &str = ".broadsheet/parsed";

/// Framed ([`crate::cache::frame`]); the contents are the number of articles, then each.
const MAGIC: &[u8] = b"broadsheet parse cache 1\n";

/// What parsing depends on besides the file: this binary and the configuration. The
/// parse cache holds under one key.
pub fn key(config: &crate::config::Config) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    env!("BROADSHEET_BUILD_ID").hash(&mut h);
    format!("{config:?}").hash(&mut h);
    h.finish()
}

/// The parse cache the last build left in `output` for `config`; articles read are
/// given `root` to render their bodies from. Empty when there is none that holds.
pub fn read(output: &Path, config: &crate::config::Config, root: &Path) -> Cache {
    Cache::read(&output.join(FILE), key(config), &Arc::from(root))
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard()
}

/// One article file as last parsed.
pub struct Parsed {
    /// [`crate::model::source_hash`] of the file's text: the article's version.
    pub hash: u64,
    /// For a standalone page, `Err` with no diagnostics: see `page`.
    pub article: ParseResult,
    /// A standalone page ([`crate::parse::page::is_page`]) as parsed.
    pub page: Option<PageResult>,
}

impl Parsed {
    /// A file that parsed into `article` without warnings.
    fn clean(article: Article) -> Parsed {
        Parsed {
            hash: article.source_hash,
            article: Ok((article, Vec::new())),
            page: None,
        }
    }
}

/// Parse results by source path, each taken at most once.
#[derive(Default)]
pub struct Cache {
    files: HashMap<String, Mutex<Option<Parsed>>>,
}

impl Cache {
    /// Reads the cache at `path` if it was written under `key`; else an empty cache.
    /// Articles read are given `root` to render their bodies from.
    fn read(path: &Path, key: u64, root: &Arc<Path>) -> Cache {
        match std::fs::read(path) {
            Ok(bytes) => Cache::decode(&bytes, key, root).unwrap_or_default(),
            Err(_) => Cache::default(),
        }
    }

    fn decode(bytes: &[u8], key: u64, root: &Arc<Path>) -> Option<Cache> {
        let contents = crate::cache::frame::open(bytes, MAGIC, key)?;
        let (count, mut records) = contents.split_at_checked(8)?;
        let count = u64::from_le_bytes(count.try_into().unwrap()) as usize;
        let mut files = HashMap::with_capacity(count.min(records.len()));
        for _ in 0..count {
            let (mut a, used): (Article, usize) =
                bincode::serde::decode_from_slice(records, config()).ok()?;
            records = &records[used..];
            a.body = Body::FromSource(root.clone());
            files.insert(a.source.clone(), Mutex::new(Some(Parsed::clean(a))));
        }
        records.is_empty().then_some(Cache { files })
    }

    /// A cache of parse results kept in memory (the preview's, between rebuilds).
    pub fn from_entries(entries: impl IntoIterator<Item = (String, Parsed)>) -> Cache {
        Cache {
            files: entries
                .into_iter()
                .map(|(rel, p)| (rel, Mutex::new(Some(p))))
                .collect(),
        }
    }

    /// The parse result of the file at `rel` if its bytes hash to `source_hash`
    /// (each is taken once).
    pub fn take(&self, rel: &str, source_hash: u64) -> Option<Parsed> {
        let mut slot = self
            .files
            .get(rel)?
            .lock()
            .expect("no panics while holding the lock");
        match &*slot {
            Some(p) if p.hash == source_hash => slot.take(),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The cache file's bytes for `articles`, under `key`, in parts to be written one
/// after the other. Articles are encoded in parallel, in runs of [`RUN`] (each record
/// carries its own length, so the file is the same as one encoded in a single pass).
/// The runs are not joined into one buffer: at a million articles that buffer was
/// 2 GB of fresh memory, zeroed by the kernel and filled on one core.
pub fn encode(key: u64, articles: &[&Article]) -> Vec<Vec<u8>> {
    use rayon::prelude::*;
    let runs: Vec<Vec<u8>> = articles
        .par_chunks(RUN)
        .map(|run| {
            let mut bytes = Vec::with_capacity(run.len() * 2048);
            for a in run {
                bincode::serde::encode_into_std_write(a, &mut bytes, config())
                    .expect("articles always serialize");
            }
            bytes
        })
        .collect();
    let mut parts = Vec::with_capacity(runs.len() + 2);
    // The head, once the contents are known.
    parts.push(Vec::new());
    parts.push((articles.len() as u64).to_le_bytes().to_vec());
    parts.extend(runs);
    parts[0] = crate::cache::frame::head_for(MAGIC, key, &parts[1..]);
    parts
}

/// Articles per parallel encoding task.
const RUN: usize = 512;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::parse::article::parse_article;

    const STORY: &str = "---\ntitle: Floods\ndate: 2017-09-22T10:00:00+05:00\ntopics: [Pakistan]\n\
                         corrections:\n  - date: 2017-09-23T09:00:00+05:00\n    text: An earlier version misspelt Swat.\n\
                         sponsor: {name: Acme, tier: 2}\n---\nSWAT, SEPT 22 (APP) \u{2013} Rain *fell*.\n";

    fn parsed(text: &str) -> Article {
        let config = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n",
            "site.toml",
        )
        .expect("a valid configuration");
        parse_article(text, "content/a.md", &config)
            .expect("parses")
            .0
    }

    fn article_of(p: Parsed) -> Article {
        assert!(p.page.is_none());
        let (a, warnings) = p.article.expect("an article");
        assert!(warnings.is_empty());
        a
    }

    #[test]
    fn articles_come_back_as_parsed_without_their_bodies() {
        let a = parsed(STORY);
        let root: Arc<Path> = Arc::from(Path::new("/site"));
        let bytes = encode(7, &[&a]).concat();
        let cache = Cache::decode(&bytes, 7, &root).expect("reads");
        // Another file's bytes, or another key: nothing.
        assert!(cache.take("content/a.md", a.source_hash ^ 1).is_none());
        assert!(Cache::decode(&bytes, 8, &root).is_none());
        let back = article_of(cache.take("content/a.md", a.source_hash).expect("cached"));
        assert_eq!(back.body, Body::FromSource(root));
        let mut a = a;
        a.body = back.body.clone();
        assert_eq!(format!("{back:?}"), format!("{a:?}"));
        assert!(!a.extra.is_empty() && !a.corrections.is_empty() && !a.terms.ids.is_empty());
        // Taken once.
        assert!(cache.take("content/a.md", a.source_hash).is_none());
    }

    #[test]
    fn a_damaged_cache_is_no_cache() {
        let a = parsed(STORY);
        let root: Arc<Path> = Arc::from(Path::new("/site"));
        let bytes = encode(7, &[&a, &a]).concat();
        assert!(Cache::decode(&bytes, 7, &root).is_some());
        for cut in [0, 10, MAGIC.len() + 16, bytes.len() - 1] {
            assert!(Cache::decode(&bytes[..cut], 7, &root).is_none(), "{cut}");
        }
        // Any byte changed: the magic, the key, the count, the checksum or a record.
        for at in [
            3,
            MAGIC.len() + 2,
            MAGIC.len() + 9,
            MAGIC.len() + 20,
            bytes.len() / 2,
        ] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 1;
            assert!(Cache::decode(&flipped, 7, &root).is_none(), "{at}");
        }
    }

    #[test]
    fn articles_encoded_in_several_runs_all_come_back_in_order() {
        let root: Arc<Path> = Arc::from(Path::new("/site"));
        let story = parsed(STORY);
        let stories: Vec<Article> = (0..RUN * 2 + 3)
            .map(|i| {
                let mut a = story.clone();
                a.source = format!("content/{i}.md");
                a.title = format!("Floods {i}");
                a
            })
            .collect();
        let refs: Vec<&Article> = stories.iter().collect();
        let bytes = encode(7, &refs).concat();
        let cache = Cache::decode(&bytes, 7, &root).expect("reads");
        for a in &stories {
            let back = article_of(cache.take(&a.source, a.source_hash).expect("cached"));
            assert_eq!(back.title, a.title);
        }
    }
}
