//! The search index: built by default, turned off by flag or configuration, only
//! what is published in it, deterministic, incremental, and the page in both themes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use crate::support::{TempSite, tree};

/// A word in each story the index must never hold: embargoed, draft, expired,
/// withdrawn, scheduled.
const HIDDEN: [&str; 5] = [
    "zebrafinch",
    "quokkapie",
    "marmotgold",
    "tapirhush",
    "okapibloom",
];

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("index files are gzip");
    out
}

/// Every file under `search/`, inflated (the script as it is).
pub fn index_files(site: &TempSite) -> BTreeMap<String, Vec<u8>> {
    tree(&site.public().join("search"))
        .into_iter()
        .map(|(path, bytes)| {
            let bytes = if path.ends_with(".bin") {
                gunzip(&bytes)
            } else {
                bytes
            };
            (path, bytes)
        })
        .collect()
}

pub fn manifest(files: &BTreeMap<String, Vec<u8>>) -> serde_json::Value {
    let (_, bytes) = files
        .iter()
        .find(|(p, _)| p.starts_with("i/"))
        .expect("a manifest");
    serde_json::from_slice(bytes).expect("the manifest is JSON")
}

/// The documents of a facet's `value` of `kind`, from both tiers: the settled file
/// the manifest names for the kind and the recent tier's file of every kind.
pub fn facet_docs(
    files: &BTreeMap<String, Vec<u8>>,
    m: &serde_json::Value,
    kind: &str,
    value: &str,
) -> Vec<u32> {
    let json = |name: &serde_json::Value| -> serde_json::Value {
        serde_json::from_slice(&files[name.as_str().expect("a file name")]).expect("JSON")
    };
    let settled = json(&m["f"][kind]["file"]);
    let recent = match &m["rf"] {
        serde_json::Value::Null => serde_json::Value::Null,
        name => json(name)[kind].clone(),
    };
    let mut docs = Vec::new();
    for part in [&settled[value], &recent[value]] {
        let mut d = 0;
        for gap in part.as_array().into_iter().flatten() {
            d += gap.as_u64().expect("a gap") as u32;
            docs.push(d);
        }
    }
    docs
}

/// Word → document numbers, from every word file: the settled tier's shards and
/// the recent tier's files (a word may be in one of each).
fn words(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u32>> {
    let mut out = BTreeMap::new();
    for (_, b) in files.iter().filter(|(p, _)| p.starts_with("w/")) {
        let mut i = 0;
        let varint = |i: &mut usize| {
            let (mut v, mut shift) = (0u32, 0);
            loop {
                let x = b[*i];
                *i += 1;
                v |= u32::from(x & 0x7f) << shift;
                shift += 7;
                if x & 0x80 == 0 {
                    return v;
                }
            }
        };
        while i < b.len() {
            let len = varint(&mut i) as usize;
            let w = String::from_utf8(b[i..i + len].to_vec()).expect("UTF-8 word");
            i += len;
            let n = varint(&mut i);
            let mut docs = Vec::new();
            let mut d = 0;
            for _ in 0..n {
                d += varint(&mut i);
                i += 1;
                docs.push(d);
            }
            let all: &mut Vec<u32> = out.entry(w.clone()).or_default();
            all.extend(docs);
        }
    }
    for (w, docs) in &mut out {
        let n = docs.len();
        docs.sort_unstable();
        docs.dedup();
        assert_eq!(docs.len(), n, "{w}: a document twice");
    }
    out
}

#[test]
fn the_index_holds_what_is_published_and_nothing_else() {
    let site = TempSite::site("search");
    // Even a preview with drafts and future stories indexes none of them.
    for flags in [&[][..], &["--drafts", "--future"][..]] {
        site.build(flags);
        let files = index_files(&site);
        assert!(site.exists("search/index.html"));
        for (path, bytes) in tree(&site.public().join("search")) {
            let inflated = if path.ends_with(".bin") {
                gunzip(&bytes)
            } else {
                bytes
            };
            let text = String::from_utf8_lossy(&inflated);
            for word in HIDDEN {
                assert!(!text.contains(word), "{flags:?}: {word} in search/{path}");
            }
        }
        let words = words(&files);
        // The grep above can find a word: published ones are there.
        assert!(words.contains_key("karachi") && words.contains_key("flood"));
        // Five numbers: the withdrawn story keeps its own, empty.
        let m = manifest(&files);
        assert_eq!(m["n"], 5, "{flags:?}");
        let rows = document_rows(&files);
        assert_eq!(rows.len(), 5, "{flags:?}");
        assert_eq!(rows.iter().filter(|r| r.is_null()).count(), 1, "{flags:?}");
    }
}

/// Every document row, in number order (`null` for an empty slot).
fn document_rows(files: &BTreeMap<String, Vec<u8>>) -> Vec<serde_json::Value> {
    let m = manifest(files);
    let mut rows = Vec::new();
    for block in m["d"].as_array().expect("blocks") {
        let bytes = &files[block.as_str().unwrap()];
        let block: Vec<serde_json::Value> = serde_json::from_slice(bytes).expect("JSON block");
        rows.extend(block);
    }
    rows
}

#[test]
fn urdu_letter_forms_and_digits_are_indexed_folded() {
    let site = TempSite::site("search");
    site.build(&[]);
    let files = index_files(&site);
    let words = words(&files);
    // The Urdu story writes کراچی, سندھ, خدشہ and ۲۰۱۷; the index holds one spelling
    // of each, the one the client folds a query with Arabic letters or digits to.
    for w in ["کراچی", "سندہ", "خدشہ", "2017"] {
        assert!(words.contains_key(w), "{w} not in {:?}", words.keys());
    }
    assert!(!words.contains_key("۲۰۱۷") && !words.contains_key("سندھ"));
    // Stop words are left out, in either language.
    assert!(!words.contains_key("میں") && !words.contains_key("the"));
}

#[test]
fn facets_name_their_values_and_documents() {
    let site = TempSite::site("search");
    site.build(&[]);
    let files = index_files(&site);
    let m = manifest(&files);
    let agency = &m["f"]["agency"];
    assert_eq!(
        agency["values"],
        serde_json::json!([["APP", 2], ["AFP", 1], ["Reuters", 1]])
    );
    assert_eq!(facet_docs(&files, &m, "agency", "APP").len(), 2);
    let years: Vec<&str> = m["f"]["year"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[0].as_str().unwrap())
        .collect();
    assert_eq!(years, ["2017", "2018"]);
}

#[test]
fn no_search_by_flag_or_configuration() {
    let site = TempSite::site("search");
    site.build(&["--no-search"]);
    assert!(!site.public().join("search").exists());
    assert!(!site.read("index.html").contains("/search/"));

    let site = TempSite::site("search");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("{toml}\n[search]\nenabled = false\n"));
    site.build(&[]);
    assert!(!site.public().join("search").exists());

    site.write("site.toml", &format!("{toml}\n[search]\nenable = true\n"));
    let out = site.run(&["build"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("enable"), "{}", out.stderr);
}

#[test]
fn a_build_with_search_after_one_without_indexes_every_story() {
    // A `--no-search` build parses without collecting search words and leaves its
    // parse cache in the output: the next build with search must not take that cache.
    let site = TempSite::site("search");
    site.build(&["--no-search"]);
    site.build(&[]);
    let fresh = TempSite::site("search");
    fresh.build(&[]);
    assert_eq!(index_files(&site), index_files(&fresh));
}

#[test]
fn the_same_site_gives_the_same_index() {
    let a = TempSite::site("search");
    let b = TempSite::site("search");
    a.build(&[]);
    b.build(&[]);
    assert_eq!(index_files(&a), index_files(&b));
}

/// Asserts that each new word shard among `new` (paths under `search/`) is listed in
/// `shards` (the manifest's prefix → file) under a prefix some word of the story
/// begins with; returns how many there are.
fn check_new_shards(
    shards: &serde_json::Map<String, serde_json::Value>,
    new: &[&String],
    story_words: &[&str],
) -> usize {
    let mut count = 0;
    for path in new.iter().filter(|p| p.starts_with("w/")) {
        count += 1;
        let (prefix, _) = shards
            .iter()
            .find(|(_, f)| f.as_str() == Some(path.as_str()))
            .expect("a new shard is listed");
        assert!(
            story_words.iter().any(|w| w.starts_with(prefix.as_str())),
            "shard {prefix} changed, but the story has no word beginning so"
        );
    }
    count
}

/// `n` short stories about an assembly's sessions, in January 2019, one an hour.
fn write_fillers(site: &TempSite, n: usize) {
    write_fillers_from(site, 0, n);
}

/// Fillers `first`.. `first + n` of [`write_fillers`].
fn write_fillers_from(site: &TempSite, first: usize, n: usize) {
    for n in first..first + n {
        site.write(
            &format!("content/2019/01/filler-{n}.md"),
            &format!(
                "---\ntitle: \"Provincial assembly session {n}\"\ndate: 2019-01-{:02}T{:02}:00:00+05:00\ntopics: [Pakistan]\n---\nPESHAWAR, JAN 1 (APP) – The provincial assembly met for session {n} and passed resolutions on parliament, policing, pensions, pakistan railways and power tariffs.\n",
                1 + n % 28,
                n % 24
            ),
        );
    }
}

/// The manifest's names of the recent tier's files: word groups and facets.
fn recent_files(m: &serde_json::Value) -> BTreeSet<String> {
    let groups = m["r"].as_array().expect("recent groups").iter();
    groups
        .chain([&m["rf"]])
        .filter_map(|f| f.as_str().map(String::from))
        .collect()
}

#[test]
fn publishing_a_story_rewrites_only_the_recent_tier() {
    let site = TempSite::site("search");
    // More stories than one run of the recent tier (256): most are settled in
    // shards split by three letters.
    write_fillers(&site, 300);
    site.build(&[]);
    let old = index_files(&site);
    let old_m = manifest(&old);
    let settled = old_m["settled"].as_u64().unwrap();
    assert_eq!(settled, 256, "{}", old_m["n"]);
    site.write(
        "content/2019/02/glacier.md",
        "---\ntitle: \"Glacier lake warning in Hunza\"\ndate: 2019-02-10T10:00:00+05:00\ntopics: [Pakistan]\n---\nHUNZA, FEB 10 (APP) – A glacier lake near Hunza rose quickly.\n",
    );
    site.build(&[]);
    let files = index_files(&site);
    let m = manifest(&files);
    assert_eq!(m["settled"], old_m["settled"]);
    assert_eq!(m["w"], old_m["w"], "no settled shard changes");
    let new: BTreeSet<&String> = files.keys().filter(|p| !old.contains_key(*p)).collect();
    let recent = recent_files(&m);
    // The recent tier's word files (at most one per group) and its facets, the last
    // document block and the manifest.
    let words_new = new.iter().filter(|p| p.starts_with("w/")).count();
    assert!((1..=4).contains(&words_new), "{new:?}");
    assert!(
        new.iter()
            .filter(|p| p.starts_with("w/") || p.starts_with("f/"))
            .all(|p| recent.contains(*p)),
        "{new:?}"
    );
    assert_eq!(
        new.iter().filter(|p| p.starts_with("d/")).count(),
        1,
        "{new:?}"
    );
    assert_eq!(
        new.iter().filter(|p| p.starts_with("i/")).count(),
        1,
        "{new:?}"
    );
    assert_eq!(new.len(), words_new + 1 + 1 + 1, "{new:?}");
    // The story is found: its words, in the recent tier, and its facet values.
    let story = m["n"].as_u64().unwrap() as u32 - 1;
    assert_eq!(words(&files)["glacier"], [story]);
    assert!(words(&files)["pakistan"].len() > 300);
    assert!(facet_docs(&files, &m, "year", "2019").contains(&story));
    let pakistan = m["f"]["topic"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v[0] == "Pakistan")
        .map(|v| v[1].as_u64().unwrap() as usize);
    let docs = facet_docs(&files, &m, "topic", "Pakistan");
    assert_eq!(Some(docs.len()), pakistan);
    assert!(docs.contains(&story) && docs.iter().any(|&d| d < 256));
}

/// The manifest's document count and settled count.
fn tiers(m: &serde_json::Value) -> (u64, u64) {
    (m["n"].as_u64().unwrap(), m["settled"].as_u64().unwrap())
}

#[test]
fn a_full_run_of_recent_stories_settles_into_the_shards() {
    let site = TempSite::site("search");
    site.build(&[]);
    let n = manifest(&index_files(&site))["n"].as_u64().unwrap() as usize;
    // One story short of a full run: everything is recent.
    write_fillers(&site, 255 - n);
    site.build(&[]);
    let before = index_files(&site);
    let m = manifest(&before);
    assert_eq!(tiers(&m), (255, 0));
    assert!(m["w"].as_object().unwrap().is_empty());
    let found = words(&before);
    // The 256th story completes the run: all of it moves to shards.
    write_fillers_from(&site, 255 - n, 1);
    site.build(&[]);
    let after = index_files(&site);
    let m = manifest(&after);
    assert_eq!(tiers(&m), (256, 256));
    assert!(recent_files(&m).is_empty(), "{m}");
    assert!(m["w"].as_object().unwrap().len() > 10);
    let settled = words(&after);
    for (w, docs) in &found {
        assert!(settled[w].len() >= docs.len(), "{w}");
    }
    assert_eq!(
        facet_docs(&after, &m, "topic", "Pakistan").len() as u64,
        m["f"]["topic"]["values"][0][1].as_u64().unwrap()
    );
}

#[test]
fn withdrawing_a_story_renumbers_nothing() {
    let site = TempSite::site("search");
    write_fillers(&site, 300);
    let story = "content/2019/01/glacier.md";
    let text = "---\ntitle: \"Glacier lake warning in Hunza\"\ndate: 2019-01-10T10:30:00+05:00\ntopics: [Pakistan]\n---\nHUNZA, JAN 10 (APP) – A glacier lake near Hunza rose quickly.\n";
    site.write(story, text);
    site.build(&[]);
    let before = index_files(&site);
    let old_rows = document_rows(&before);
    let at = old_rows
        .iter()
        .position(|r| r[1] == "Glacier lake warning in Hunza")
        .expect("the story is found");
    assert!(
        at > 16 && at < 256,
        "from the middle of the settled tier: {at}"
    );
    site.write(story, &text.replace("topics:", "withdrawn: true\ntopics:"));
    site.build(&[]);
    let after = index_files(&site);
    let rows = document_rows(&after);
    // Its number stays taken, empty; every other document keeps its number.
    assert_eq!(rows.len(), old_rows.len());
    assert!(rows[at].is_null());
    for (i, (old, new)) in old_rows.iter().zip(&rows).enumerate() {
        if i != at {
            assert_eq!(old, new, "document {i}");
        }
    }
    assert!(!words(&after).contains_key("glacier"));
    // What changed: the shards of its words, its block, its facets, the manifest;
    // not the recent tier.
    let new: Vec<&String> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    let story_words = [
        "glacier", "lake", "warning", "hunza", "jan", "10", "app", "near", "rose", "quickly",
        "pakistan", "in", "a",
    ];
    let m = manifest(&after);
    assert_eq!(recent_files(&m), recent_files(&manifest(&before)));
    let shards = m["w"].as_object().unwrap().clone();
    check_new_shards(&shards, &new, &story_words);
    let blocks = new.iter().filter(|p| p.starts_with("d/")).count();
    assert_eq!(blocks, 1, "{new:?}");
    assert!(new.len() <= story_words.len() + 1 + 4 + 1, "{new:?}");
}

#[test]
fn the_search_page_in_both_themes_works_without_javascript() {
    for theme in ["default", "wire"] {
        let site = TempSite::site("search");
        let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        site.write("site.toml", &format!("theme = \"{theme}\"\n{toml}"));
        site.build(&[]);
        let page = site.page("search/index.html");
        let form = page.attrs("form[role=search]", "action");
        assert_eq!(form, ["/search/"], "{theme}");
        assert_eq!(
            page.attrs("form input[name=q]", "type"),
            ["search"],
            "{theme}"
        );
        let manifest = page.attrs("form", "data-search-manifest");
        assert!(
            manifest[0].starts_with("/search/i/"),
            "{theme}: {manifest:?}"
        );
        assert!(site.exists(manifest[0].trim_start_matches('/')), "{theme}");
        let script = page.attrs("script[src]", "src");
        assert!(
            site.exists(script[0].trim_start_matches('/')),
            "{theme}: {script:?}"
        );
        // Without the script: topics and archives to browse.
        let links = page.attrs("main a", "href");
        assert!(
            links.contains(&"/topics/pakistan/".to_string()),
            "{theme}: {links:?}"
        );
        assert!(links.contains(&"/2017/".to_string()), "{theme}: {links:?}");
        // Every page links to it.
        assert!(
            site.page("index.html")
                .attrs("header a", "href")
                .contains(&"/search/".to_string()),
            "{theme}"
        );
    }
}
