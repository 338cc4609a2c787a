//! Related news on a small wire desk: one quake filed by three agencies and updated,
//! its follow-ups, and two stories sharing a rare tag or a common one with a third.

use crate::support::TempSite;

const VERSIONS: [&str; 4] = [
    "quake-afp",
    "quake-reuters",
    "quake-app",
    "quake-afp-update",
];

fn related_json(site: &TempSite, slug: &str) -> serde_json::Value {
    let out = site.run(&["related", slug, "--json", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("related --json prints JSON")
}

fn slugs(doc: &serde_json::Value, key: &str) -> Vec<String> {
    doc[key]
        .as_array()
        .expect("a list")
        .iter()
        .map(|l| l["slug"].as_str().expect("a slug").to_string())
        .collect()
}

#[test]
fn versions_of_one_story_are_one_link_the_newest() {
    let site = TempSite::site("wire-desk");
    site.build(&[]);
    // The follow-up's page links the quake once, by its update, and says so.
    let page = site.page("2021/03/12/zarkesh-rescue-ends/index.html");
    // A card links its story twice (headline, "Read more"): count stories.
    let mut links = page.attrs(".related a", "href");
    links.dedup();
    let versions: Vec<&String> = links
        .iter()
        .filter(|h| VERSIONS.iter().any(|v| h.contains(&format!("/{v}/"))))
        .collect();
    assert_eq!(versions.len(), 1, "{links:?}");
    assert!(versions[0].contains("/quake-afp-update/"), "{links:?}");

    let doc = related_json(&site, "zarkesh-rescue-ends");
    let related = slugs(&doc, "related");
    assert!(
        related.contains(&"quake-afp-update".to_string()),
        "{related:?}"
    );
    let link = doc["related"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["slug"] == "quake-afp-update")
        .unwrap();
    let mut hidden = slugs(link, "versions");
    hidden.sort();
    assert_eq!(hidden, ["quake-afp", "quake-app", "quake-reuters"]);

    // An older version links its newest version and none of the others.
    let doc = related_json(&site, "quake-reuters");
    let related = slugs(&doc, "related");
    assert_eq!(related[0], "quake-afp-update", "{related:?}");
    for v in ["quake-afp", "quake-app"] {
        assert!(!related.contains(&v.to_string()), "{related:?}");
    }
    // The text explanation says what was collapsed.
    let out = site.run(&[
        "related",
        "zarkesh-rescue-ends",
        "--now",
        "2026-01-01T00:00:00Z",
    ]);
    assert!(
        out.stdout.contains("versions  3 collapsed into this link"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("× topic"), "{}", out.stdout);

    // Turned off, the versions come back as links of their own.
    site.write(
        "site.toml",
        &std::fs::read_to_string(site.root().join("site.toml"))
            .unwrap()
            .replace("count = 5", "count = 5\nversion_hours = 0"),
    );
    let related = slugs(&related_json(&site, "quake-reuters"), "related");
    let n = related
        .iter()
        .filter(|s| VERSIONS.contains(&s.as_str()))
        .count();
    assert_eq!(n, 3, "{related:?}");
}

#[test]
fn a_rare_shared_tag_outranks_a_common_one() {
    let site = TempSite::site("wire-desk");
    let doc = related_json(&site, "water-accord-talks");
    let related = slugs(&doc, "related");
    assert_eq!(
        related[..2],
        ["water-accord-rare", "water-common-tag"],
        "{related:?}"
    );
    let tags = |i: usize| doc["related"][i]["tags"]["points"].as_f64().unwrap();
    assert!(tags(0) > 3.0 * tags(1), "{} {}", tags(0), tags(1));
}
