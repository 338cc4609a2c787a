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

/// Word → document numbers, from every word shard.
fn words(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u32>> {
    let mut out = BTreeMap::new();
    for (path, b) in files.iter().filter(|(p, _)| p.starts_with("w/")) {
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
            assert!(out.insert(w.clone(), docs).is_none(), "{w} twice ({path})");
        }
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
    let file = agency["file"].as_str().expect("a facet file");
    let docs: serde_json::Value = serde_json::from_slice(&files[file]).expect("JSON");
    assert_eq!(docs["APP"].as_array().map(Vec::len), Some(2));
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
    for n in 0..n {
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

#[test]
fn publishing_a_story_rewrites_only_the_shards_of_its_words() {
    let site = TempSite::site("search");
    // Enough stories for shards split by three letters.
    write_fillers(&site, 60);
    site.build(&[]);
    let before: BTreeSet<String> = index_files(&site).into_keys().collect();
    site.write(
        "content/2019/02/glacier.md",
        "---\ntitle: \"Glacier lake warning in Hunza\"\ndate: 2019-02-10T10:00:00+05:00\ntopics: [Pakistan]\n---\nHUNZA, FEB 10 (APP) – A glacier lake near Hunza rose quickly.\n",
    );
    site.build(&[]);
    let files = index_files(&site);
    let after: BTreeSet<String> = files.keys().cloned().collect();
    let new: Vec<&String> = after.difference(&before).collect();
    let shards = manifest(&files)["w"].as_object().unwrap().clone();
    let story_words = [
        "glacier", "lake", "warning", "hunza", "feb", "10", "app", "near", "rose", "quickly",
        "pakistan",
    ];
    let new_shards = check_new_shards(&shards, &new, &story_words);
    assert!(new_shards > 0 && new_shards <= story_words.len(), "{new:?}");
    // Besides shards: the manifest, the last document block and the facets the story
    // names (topic, agency, year; it has no author).
    let others: Vec<&&String> = new.iter().filter(|p| !p.starts_with("w/")).collect();
    assert_eq!(others.len(), 1 + 1 + 3, "{new:?}");
    assert!(
        before
            .intersection(&after)
            .filter(|p| p.starts_with("w/"))
            .count()
            > 10
    );
}

#[test]
fn withdrawing_a_story_renumbers_nothing() {
    let site = TempSite::site("search");
    write_fillers(&site, 80);
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
    assert!(at > 16 && at + 20 < old_rows.len(), "from the middle: {at}");
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
    // What changed: the shards of its words, its block, its facets, the manifest.
    let new: Vec<&String> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    let story_words = [
        "glacier", "lake", "warning", "hunza", "jan", "10", "app", "near", "rose", "quickly",
        "pakistan", "in", "a",
    ];
    let shards = manifest(&after)["w"].as_object().unwrap().clone();
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
