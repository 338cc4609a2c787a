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
        assert_eq!(manifest(&files)["n"], 4, "{flags:?}");
    }
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

#[test]
fn publishing_a_story_rewrites_only_the_shards_of_its_words() {
    let site = TempSite::site("search");
    // Enough stories for shards split by three letters.
    for n in 0..60 {
        site.write(
            &format!("content/2019/01/filler-{n}.md"),
            &format!(
                "---\ntitle: \"Provincial assembly session {n}\"\ndate: 2019-01-{:02}T10:00:00+05:00\ntopics: [Pakistan]\n---\nPESHAWAR, JAN 1 (APP) – The provincial assembly met for session {n} and passed resolutions on parliament, policing, pensions, pakistan railways and power tariffs.\n",
                1 + n % 28
            ),
        );
    }
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
    let mut new_shards = 0;
    for path in &new {
        if !path.starts_with("w/") {
            continue;
        }
        new_shards += 1;
        let (prefix, _) = shards
            .iter()
            .find(|(_, f)| f.as_str() == Some(path.as_str()))
            .expect("a new shard is listed");
        assert!(
            story_words.iter().any(|w| w.starts_with(prefix.as_str())),
            "shard {prefix} changed, but the story has no word beginning so"
        );
    }
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
