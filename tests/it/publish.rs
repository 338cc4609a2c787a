//! Publishing one story into an archive changes only the files that show it
//! (issue #22): the `publish` fixture built, one story added, built again; the
//! output files whose bytes differ are exactly the expected ones, and exactly what
//! `build --changes` reports.

use std::collections::BTreeMap;

use crate::support::{TempSite, tree};

const NOW: &str = "2025-03-20T00:00:00Z";

const NEW_STORY: &str = "---
title: \"Night pilotage resumes after the new tugs pass trials\"
date: 2025-03-07T08:30:00+05:00
agencies: [APP]
topics: [Ports]
tags: [Karachi, Tugs]
---
KARACHI, MAR 7 (APP) – Pilots began bringing ships into the harbour at night again on Friday after the two new tugs passed their sea trials.
";

// Builds here are `--no-search`: these tests count pages and feeds; what publishing
// changes in the search index is tested in search.rs
// (`publishing_a_story_rewrites_only_the_shards_of_its_words`).

/// Every file of the output (but broadsheet's own `.broadsheet/`) and a hash of it.
fn hashes(site: &TempSite) -> BTreeMap<String, u64> {
    tree(&site.public())
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(".broadsheet"))
        .map(|(rel, bytes)| (rel, xxhash_rust::xxh3::xxh3_64(&bytes)))
        .collect()
}

/// `kind path` for every file that differs between two outputs, sorted by path.
fn diff(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> Vec<String> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for (rel, hash) in after {
        match before.get(rel) {
            None => out.push((rel.clone(), "added")),
            Some(old) if old != hash => out.push((rel.clone(), "changed")),
            Some(_) => {}
        }
    }
    for rel in before.keys().filter(|r| !after.contains_key(*r)) {
        out.push((rel.clone(), "removed"));
    }
    out.sort();
    out.into_iter()
        .map(|(rel, kind)| format!("{kind} {rel}"))
        .collect()
}

#[test]
fn adding_one_story_changes_exactly_the_files_that_show_it() {
    let site = TempSite::site("publish");
    site.build(&["--no-search", "--now", NOW]);
    let before = hashes(&site);
    site.write("content/2025/03/night-pilotage.md", NEW_STORY);
    let changes = site.root().join("changes.txt");
    let changes_arg = changes.display().to_string();
    site.build(&["--no-search", "--now", NOW, "--changes", &changes_arg]);
    let after = hashes(&site);
    let changed = diff(&before, &after);
    let expected = [
        // The two stories whose related lists it joins (the dredging contract
        // story keeps its two: the new one ranks below both).
        "changed 2025/03/04/customs-opens-round-the-clock-clearance-at-the-south-wharf/index.html",
        "changed 2025/03/05/port-adds-two-tugs-to-its-harbour-fleet/index.html",
        // The story and its day.
        "added 2025/03/07/index.html",
        "added 2025/03/07/night-pilotage-resumes-after-the-new-tugs-pass-trials/index.html",
        // First pages of the lists it joins; where a list outgrows a number the
        // newest-first numbering would have given, a redirect answers it.
        "changed 2025/03/index.html",
        "added 2025/03/page/4/index.html",
        "changed 2025/index.html",
        "added 2025/page/4/index.html",
        "changed agencies/app/atom.xml",
        "changed agencies/app/feed.xml",
        "changed agencies/app/index.html",
        "added agencies/app/page/3/index.html",
        // The indexes count each term's stories.
        "changed agencies/index.html",
        "changed atom.xml",
        "changed feed.xml",
        "changed index.html",
        "changed sitemap.xml",
        "changed tags/index.html",
        "changed tags/karachi/atom.xml",
        "changed tags/karachi/feed.xml",
        "changed tags/karachi/index.html",
        // Karachi reaches twice the page size: its oldest two get an older page.
        "added tags/karachi/page/1/index.html",
        "changed tags/tugs/atom.xml",
        "changed tags/tugs/feed.xml",
        "changed tags/tugs/index.html",
        "changed topics/index.html",
        "changed topics/ports/atom.xml",
        "changed topics/ports/feed.xml",
        "changed topics/ports/index.html",
        // Ports gets a second older page (a redirect until now); the page before
        // it now links it as the next newer page. Every other older page, article
        // and list is untouched.
        "changed topics/ports/page/1/index.html",
        "changed topics/ports/page/2/index.html",
    ];
    assert_eq!(changed, expected);
    // `--changes` lists the same files, with the URL that serves each.
    let reported: Vec<String> = std::fs::read_to_string(&changes)
        .unwrap()
        .lines()
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "{line}");
            let url = cols[2].strip_suffix("index.html").unwrap_or(cols[2]);
            assert_eq!(cols[1], format!("https://harbour.example.org/{url}"));
            format!("{} {}", cols[0], cols[2])
        })
        .collect();
    let mut by_path = reported.clone();
    by_path.sort_by(|a, b| a.split(' ').nth(1).cmp(&b.split(' ').nth(1)));
    assert_eq!(reported, by_path, "sorted by file");
    assert_eq!(reported, expected);
    // Building again changes nothing, and says so.
    site.build(&["--no-search", "--now", NOW, "--changes", &changes_arg]);
    assert_eq!(hashes(&site), after);
    assert_eq!(std::fs::read_to_string(&changes).unwrap(), "");
}

#[test]
fn withdrawing_a_story_leaves_the_other_pages_of_its_lists_alone() {
    let site = TempSite::site("publish");
    site.build(&["--no-search", "--now", NOW]);
    let before = hashes(&site);
    // The second oldest story, on page 1 (the oldest) of Ports, March and 2025.
    let rel = "content/2025/03/dredging-contract.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, &text.replacen("---\n", "---\nwithdrawn: true\n", 1));
    site.build(&["--no-search", "--now", NOW]);
    let changed = diff(&before, &hashes(&site));
    let expected = [
        // Stories that listed it as related now list another.
        "changed 2025/03/01/new-gantry-cranes-arrive-at-the-east-terminal/index.html",
        // Its day had only this story: gone. Its page is now a tombstone.
        "removed 2025/03/02/index.html",
        "changed 2025/03/02/port-trust-signs-dredging-contract-for-the-main-channel/index.html",
        "changed 2025/03/04/customs-opens-round-the-clock-clearance-at-the-south-wharf/index.html",
        "changed 2025/03/05/port-adds-two-tugs-to-its-harbour-fleet/index.html",
        // Each list it was in: the first page (its count) and the older page that
        // showed it, now one story short; every other page keeps its stories, as the
        // withdrawn story keeps its place.
        "changed 2025/03/index.html",
        "changed 2025/03/page/1/index.html",
        "changed 2025/index.html",
        "changed 2025/page/1/index.html",
        // The tombstone's 410: the site's first redirect, so `_redirects` appears
        // (it is written only when it has something in it).
        "added _redirects",
        "changed agencies/app/atom.xml",
        "changed agencies/app/feed.xml",
        "changed agencies/app/index.html",
        "changed agencies/app/page/1/index.html",
        "changed agencies/index.html",
        "changed atom.xml",
        "changed feed.xml",
        "changed index.html",
        "changed sitemap.xml",
        // A tag only it had.
        "removed tags/dredging/atom.xml",
        "removed tags/dredging/feed.xml",
        "removed tags/dredging/index.html",
        "changed tags/index.html",
        "changed topics/index.html",
        "changed topics/ports/atom.xml",
        "changed topics/ports/feed.xml",
        "changed topics/ports/index.html",
        "changed topics/ports/page/1/index.html",
    ];
    assert_eq!(changed, expected);
}
