//! Related news on a wire desk's copy: versions of one story collapse, rare shared tags
//! and the topic prior weigh, tags named in the lead and places in other letter forms
//! count (fixtures and helpers from `tests.rs`).

use super::tests::{Spec, as_set, newsroom, related_slugs, site_with};
use super::*;

/// One event filed by three agencies within hours, an update of one of them, and the
/// story's follow-ups on later days.
fn wire_desk() -> Vec<Spec<'static>> {
    const QUAKE: &str = "dateline: QUETTA\ntopics: [Pakistan]\ntags: [Zarkesh Quake]";
    vec![
        (
            "quake-afp",
            10,
            6,
            "title: \"Quake kills 14 in Zarkesh near Quetta\"\nagencies: AFP\ndateline: QUETTA\ntopics: [Pakistan]\ntags: [Zarkesh Quake]",
            "A 6.1 magnitude earthquake struck Zarkesh district near Quetta, killing 14 people and flattening mud houses, officials said.",
        ),
        (
            "quake-reuters",
            10,
            7,
            "title: \"Earthquake kills 14 in Zarkesh district near Quetta\"\nagencies: Reuters\ndateline: QUETTA\ntopics: [Pakistan]\ntags: [Zarkesh Quake]",
            "An earthquake of magnitude 6.1 struck Zarkesh district near Quetta, killing 14 people in mud houses, officials said.",
        ),
        (
            "quake-app",
            10,
            8,
            "title: \"14 killed as quake hits Zarkesh near Quetta\"\nagencies: APP\ndateline: QUETTA\ntopics: [Pakistan]\ntags: [Zarkesh Quake]",
            "Officials said 14 people were killed when a 6.1 magnitude earthquake struck Zarkesh district near Quetta, flattening houses.",
        ),
        (
            "quake-afp-update",
            10,
            11,
            "title: \"UPDATE 1-Quake kills 14 in Zarkesh near Quetta\"\nagencies: AFP\ndateline: QUETTA\ntopics: [Pakistan]\ntags: [Zarkesh Quake]",
            "A 6.1 magnitude earthquake struck Zarkesh district near Quetta, killing 14 people and flattening mud houses, officials said. Rescuers worked through the night.",
        ),
        (
            "rescue-ends",
            12,
            9,
            QUAKE,
            "Rescuers ended the search in Zarkesh as the army flew tents and blankets to families left homeless by the quake.",
        ),
        (
            "aid-pledged",
            13,
            10,
            QUAKE,
            "Donors pledged relief for Zarkesh after the quake; the provincial government announced compensation for homeless families.",
        ),
        (
            "schools-reopen",
            15,
            10,
            QUAKE,
            "Schools reopened in tents across Zarkesh a week after the quake, teachers said, as aftershocks rattled the district.",
        ),
        (
            "aftershock",
            16,
            10,
            QUAKE,
            "A strong aftershock shook Zarkesh, cracking walls of the tents camps and sending families into the open, the quake cell said.",
        ),
    ]
}

#[test]
fn versions_collapse_into_the_newest() {
    let mut specs = newsroom();
    specs.extend(wire_desk());
    let site = site_with(&specs, "count = 5");
    // Every link is a story of its own: a version of the quake report appears once.
    let ids: Vec<&str> = vec![
        "quake-afp",
        "quake-reuters",
        "quake-app",
        "quake-afp-update",
    ];
    for slug in ["rescue-ends", "aid-pledged", "schools-reopen", "aftershock"] {
        let got = related_slugs(&site, slug);
        let versions: Vec<&String> = got.iter().filter(|s| ids.contains(&s.as_str())).collect();
        assert!(versions.len() <= 1, "{slug}: {got:?}");
        if ["rescue-ends", "aid-pledged"].contains(&slug) {
            assert_eq!(
                versions,
                ["quake-afp-update"],
                "the newest version: {got:?}"
            );
        }
    }
    // A version's own page links its newest version once, never the older ones.
    let got = related_slugs(&site, "quake-afp");
    assert_eq!(got[0], "quake-afp-update", "{got:?}");
    assert!(
        !got.iter().any(|s| s == "quake-reuters" || s == "quake-app"),
        "{got:?}"
    );
    // The newest version links no version of itself.
    let got = related_slugs(&site, "quake-afp-update");
    assert!(!got.iter().any(|s| ids.contains(&s.as_str())), "{got:?}");
    assert!(got.contains(&"rescue-ends".to_string()), "{got:?}");

    // Explained: the link says which versions it stands for; the page names its own.
    let ex = Explainer::new(&site);
    let find = |slug: &str| site.articles.iter().position(|a| a.slug == slug).unwrap() as ArticleId;
    let list = ex.explain_list(find("rescue-ends"));
    let link = list
        .related
        .iter()
        .find(|e| e.slug == "quake-afp-update")
        .expect("linked");
    let mut hidden: Vec<&str> = link.versions.iter().map(|v| v.slug.as_str()).collect();
    hidden.sort();
    assert_eq!(hidden, ["quake-afp", "quake-app", "quake-reuters"]);
    let slugs: Vec<&str> = list.related.iter().map(|e| e.slug.as_str()).collect();
    assert_eq!(slugs, related_slugs(&site, "rescue-ends"));
    let own = ex.explain_list(find("quake-afp-update")).own_versions;
    assert_eq!(own.len(), 3, "{own:?}");

    // With collapsing off, the versions fill the list.
    let site = site_with(&specs, "count = 5\nversion_hours = 0");
    let got = related_slugs(&site, "quake-afp");
    assert_eq!(
        as_set(got[..3].to_vec()),
        ["quake-afp-update", "quake-app", "quake-reuters"],
        "{got:?}"
    );
}

#[test]
fn a_rare_shared_tag_outranks_a_common_one() {
    // Twelve stories carry the common tag; the rare tag is on two. The candidates say
    // the same otherwise (same words, same day, neither tag named in them).
    let body = "The provincial cabinet met on Monday to discuss the river dispute.";
    let mut specs: Vec<Spec> = vec![
        ("accord-talks", 10, 9, "tags: [Water Accord, Sindh]", body),
        ("rare-shared", 10, 12, "tags: [Water Accord]", body),
        ("common-shared", 10, 12, "tags: [Sindh]", body),
    ];
    let fillers: Vec<String> = (0..10).map(|i| format!("filler-{i}")).collect();
    let leaked: &'static [String] = Box::leak(fillers.into_boxed_slice());
    for f in leaked {
        specs.push((
            f.as_str(),
            1,
            9,
            "tags: [Sindh]",
            "Cotton prices fell in the markets of the province.",
        ));
    }
    let site = site_with(&specs, "count = 2\nversion_hours = 0");
    assert_eq!(
        related_slugs(&site, "accord-talks"),
        ["rare-shared", "common-shared"]
    );
}

#[test]
fn the_topic_prior_multiplies_a_shared_topic() {
    let body = "Wheat growers protested the support price outside the assembly.";
    let specs: Vec<Spec> = vec![
        ("wheat-protest", 10, 9, "topics: [Agriculture]", body),
        (
            "same-topic",
            10,
            12,
            "topics: [Agriculture, Politics]",
            body,
        ),
        ("other-topic", 10, 12, "topics: [Business]", body),
        (
            "unrelated",
            3,
            12,
            "topics: [Sports]",
            "The hockey team left for the tour.",
        ),
    ];
    for prior in [0.0, 1.0, 2.5] {
        let site = site_with(&specs, &format!("topic_prior = {prior}\nversion_hours = 0"));
        let ex = Explainer::new(&site);
        let find =
            |slug: &str| site.articles.iter().position(|a| a.slug == slug).unwrap() as ArticleId;
        let a = find("wheat-protest");
        for (b, want) in [("same-topic", prior), ("other-topic", 0.0)] {
            let e = ex.explain(a, find(b));
            assert_eq!(e.topic_prior.points, want, "{prior} {b}");
            let sum = e.tags.points
                + e.topics.points
                + e.agencies.points
                + e.place.points
                + e.text.points;
            assert!(sum > 0.0, "{b}");
            assert!(
                (e.score - sum * e.decay * (1.0 + want)).abs() < 1e-9,
                "{prior} {b}"
            );
        }
        // The shared words say the same for both; the prior puts the shared topic first.
        let got = related_slugs(&site, "wheat-protest");
        if prior > 0.0 {
            assert_eq!(got[0], "same-topic", "{prior}: {got:?}");
        }
    }
}

#[test]
fn a_tag_named_in_the_lead_counts_as_carried() {
    // `lead-names-him` carries no tag but names Murad Ali Shah in its lead; the other
    // candidate shares as many words, none of them a tag.
    let specs: Vec<Spec> = vec![
        (
            "minister-visits",
            10,
            9,
            "tags: [Murad Ali Shah]",
            "Murad Ali Shah visited the flooded villages on Monday.",
        ),
        (
            "lead-names-him",
            10,
            12,
            "",
            "The chief minister, murad ali shah, promised relief camps.",
        ),
        (
            "other-villages",
            10,
            12,
            "",
            "Flooded villages waited for relief camps on Monday.",
        ),
    ];
    let site = site_with(&specs, "count = 2\nversion_hours = 0");
    assert_eq!(
        related_slugs(&site, "minister-visits"),
        ["lead-names-him", "other-villages"]
    );
    let ex = Explainer::new(&site);
    let find = |slug: &str| site.articles.iter().position(|a| a.slug == slug).unwrap() as ArticleId;
    let e = ex.explain(find("minister-visits"), find("lead-names-him"));
    assert_eq!(e.tags.items.len(), 1, "{:?}", e.tags.items);
    assert_eq!(e.tags.items[0].name, "Murad Ali Shah");
    let e = ex.explain(find("minister-visits"), find("other-villages"));
    assert!(e.tags.items.is_empty());
}

#[test]
fn places_in_other_letter_forms_are_one_place() {
    // Urdu desks type heh, yeh and kaf in Arabic or Urdu forms: لاهور is لاہور.
    let specs: Vec<Spec> = vec![
        ("a", 10, 9, "lang: ur\ndateline: \"لاہور\"", "بارش"),
        ("b", 10, 12, "lang: ur\ndateline: \"لاهور\"", "بارش"),
        ("c", 10, 12, "lang: ur\ndateline: \"KARACHI\"", "بارش"),
    ];
    let site = site_with(&specs, "count = 2\nversion_hours = 0");
    let ex = Explainer::new(&site);
    let find = |slug: &str| site.articles.iter().position(|a| a.slug == slug).unwrap() as ArticleId;
    assert!(ex.explain(find("a"), find("b")).place.points > 0.0);
    assert_eq!(ex.explain(find("a"), find("c")).place.points, 0.0);
}
