//! Related news on hand-made fixtures whose right answer a reader sees at once, and on a
//! small generated archive of story clusters where precision@5 is measured.

use chrono::DateTime;

use super::*;
use crate::config::Config;
use crate::index::{self, Selection};
use crate::model::Article;
use crate::parse::article::parse_article;

/// A fixture article: `(file stem, day of Sept 2017, hour, front matter lines, body)`.
pub(super) type Spec<'a> = (&'a str, u32, u32, &'a str, &'a str);

pub(super) fn article(config: &Config, (stem, day, hour, front, body): Spec) -> Article {
    // The title is the stem unless the front matter gives one.
    let title = if front.contains("title:") {
        String::new()
    } else {
        format!("title: \"{stem}\"\n")
    };
    let text = format!(
        "---\n{title}slug: {stem}\ndate: 2017-09-{day:02}T{hour:02}:00:00+05:00\n{front}\n---\n{body}\n"
    );
    let source = format!("content/{stem}.md");
    parse_article(&text, &source, config)
        .expect("fixture parses")
        .0
}

/// A fixture site with the related lists [`compute`] returned for it.
pub(super) struct Linked {
    site: Site,
    related: Vec<Vec<ArticleId>>,
}

impl std::ops::Deref for Linked {
    type Target = Site;
    fn deref(&self) -> &Site {
        &self.site
    }
}

pub(super) fn linked(site: Site) -> Linked {
    let related = compute(&site);
    Linked { site, related }
}

pub(super) fn site_with(specs: &[Spec], related_toml: &str) -> Linked {
    let toml = format!(
        "title = \"T\"\nbase_url = \"/\"\ntimezone = \"Asia/Karachi\"\n[related]\n{related_toml}\n"
    );
    let config = Config::parse(&toml, "site.toml").expect("fixture config parses");
    let articles = specs.iter().map(|&s| article(&config, s)).collect();
    let now = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").expect("valid time");
    let selection = Selection {
        drafts: false,
        future: false,
        now,
    };
    linked(index::build_site(config, articles, selection).expect("fixture indexes"))
}

pub(super) fn related_slugs(site: &Linked, slug: &str) -> Vec<String> {
    let id = site
        .articles
        .iter()
        .position(|a| a.slug == slug)
        .expect("slug in fixture");
    site.related[id]
        .iter()
        .map(|&r| site.article(r).slug.clone())
        .collect()
}

const FLOODS: &str = "dateline: KARACHI\nagencies: APP\ntopics: [Pakistan, Environment]\ntags: [Tamanabad Floods, Pakistan, Sindh]";
const IMF: &str = "dateline: ISLAMABAD\nagencies: APP\ntopics: [Pakistan, Economy]\ntags: [IMF, Pakistan, Budget]";
const CRICKET: &str =
    "dateline: LAHORE\nagencies: DNA\ntopics: [Sports]\ntags: [Cricket, PCB, Pakistan]";
const OTHER: &str =
    "dateline: KARACHI\nagencies: APP\ntopics: [Pakistan]\ntags: [Pakistan, Karachi Police]";

/// Three stories (floods, IMF talks, cricket), a same-city police story, and an Urdu
/// report on the floods.
pub(super) fn newsroom() -> Vec<Spec<'static>> {
    vec![
        (
            "floods-kill-dozens",
            10,
            9,
            FLOODS,
            "Floods in the Tamanabad valley killed 40 people after the embankment gave way. Relief camps were set up for the displaced.",
        ),
        (
            "army-called-in",
            10,
            18,
            FLOODS,
            "The army was called in as the Tamanabad embankment breach swamped villages. Thousands of displaced families reached relief camps.",
        ),
        (
            "waters-recede",
            12,
            11,
            FLOODS,
            "Waters receded in Tamanabad on Tuesday. Relief camps still shelter displaced families and the embankment is being repaired.",
        ),
        (
            "imf-talks-open",
            11,
            10,
            IMF,
            "Talks with the IMF on the next loan tranche opened in Islamabad. The fund wants new taxes before the budget.",
        ),
        (
            "imf-deal-near",
            12,
            15,
            IMF,
            "Officials said a staff-level agreement with the IMF on the loan tranche was near, with budget taxes agreed.",
        ),
        (
            "imf-tranche-approved",
            14,
            12,
            IMF,
            "The IMF board approved the loan tranche after Islamabad passed the budget with new taxes.",
        ),
        (
            "babar-century",
            11,
            20,
            CRICKET,
            "Babar Azam scored a century as Pakistan won the Lahore Test against Sri Lanka by six wickets.",
        ),
        (
            "test-series-won",
            13,
            19,
            CRICKET,
            "Pakistan sealed the Test series after Babar Azam's second century in Lahore, the PCB said.",
        ),
        (
            "police-reshuffle",
            11,
            12,
            OTHER,
            "The Karachi police chief announced a reshuffle of station house officers across the city.",
        ),
        (
            "urdu-floods",
            10,
            20,
            "lang: ur\ndateline: KARACHI\nagencies: APP\ntopics: [Pakistan]\ntags: [Tamanabad Floods]",
            "تمن آباد میں سیلاب سے چالیس افراد ہلاک ہو گئے، امدادی کیمپ قائم کر دیے گئے۔",
        ),
    ]
}

pub(super) fn as_set(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn same_story_first() {
    let site = site_with(&newsroom(), "count = 3");
    let cases: &[(&str, &[&str])] = &[
        ("floods-kill-dozens", &["army-called-in", "waters-recede"]),
        ("army-called-in", &["floods-kill-dozens", "waters-recede"]),
        ("imf-talks-open", &["imf-deal-near", "imf-tranche-approved"]),
        ("imf-tranche-approved", &["imf-deal-near", "imf-talks-open"]),
        ("babar-century", &["test-series-won"]),
    ];
    for (slug, story) in cases {
        let got = related_slugs(&site, slug);
        assert!(
            !got.contains(&slug.to_string()),
            "{slug} links itself: {got:?}"
        );
        let top = as_set(got.iter().take(story.len()).cloned().collect());
        assert_eq!(top, *story, "{slug}: {got:?}");
    }
}

#[test]
fn same_language_by_default() {
    let site = site_with(&newsroom(), "count = 5");
    for slug in [
        "floods-kill-dozens",
        "army-called-in",
        "waters-recede",
        "police-reshuffle",
    ] {
        let got = related_slugs(&site, slug);
        assert!(!got.contains(&"urdu-floods".to_string()), "{slug}: {got:?}");
    }
    // Nothing else in Urdu: the Urdu story has no related stories.
    assert!(related_slugs(&site, "urdu-floods").is_empty());

    let site = site_with(&newsroom(), "count = 5\nsame_language = false");
    let got = related_slugs(&site, "urdu-floods");
    assert!(
        got.iter().take(3).all(
            |s| ["floods-kill-dozens", "army-called-in", "waters-recede"].contains(&s.as_str())
        ),
        "the Urdu flood report links the English flood stories: {got:?}"
    );
}

#[test]
fn time_window() {
    // `waters-recede` is 2 days after `floods-kill-dozens`: outside a 1-day window.
    let site = site_with(&newsroom(), "count = 5\nwindow_days = 1");
    let got = related_slugs(&site, "floods-kill-dozens");
    assert!(got.contains(&"army-called-in".to_string()), "{got:?}");
    assert!(!got.contains(&"waters-recede".to_string()), "{got:?}");
    for (id, list) in site.related.iter().enumerate() {
        for &r in list {
            let days = (site.articles[id].date - site.article(r).date)
                .num_seconds()
                .abs();
            assert!(
                days <= 86_400,
                "{} -> {}",
                site.articles[id].slug,
                site.article(r).slug
            );
        }
    }
}

#[test]
fn an_update_keeps_the_relations() {
    let before = site_with(&newsroom(), "count = 5");
    let corrected = format!("{FLOODS}\nupdated: 2018-03-01T10:00:00+05:00");
    let mut specs = newsroom();
    specs[2].3 = &corrected;
    let after = site_with(&specs, "count = 5");
    assert_eq!(after.related, before.related);
    let (ea, eb) = (Explainer::new(&before), Explainer::new(&after));
    assert_eq!(ea.score(0, 1), eb.score(0, 1));
}

#[test]
fn min_score_and_count() {
    let site = site_with(&newsroom(), "count = 1");
    assert!(site.related.iter().all(|l| l.len() <= 1));
    let site = site_with(&newsroom(), "count = 0");
    assert!(site.related.iter().all(Vec::is_empty));
    // By default every shared feature can fill the list; a threshold keeps the story only.
    let site = site_with(&newsroom(), "count = 10");
    assert!(related_slugs(&site, "floods-kill-dozens").len() > 2);
    let site = site_with(&newsroom(), "count = 10\nmin_score = 1.0");
    assert_eq!(
        as_set(related_slugs(&site, "floods-kill-dozens")),
        ["army-called-in", "waters-recede"]
    );
    let site = site_with(&newsroom(), "count = 10\nmin_score = 1000.0");
    assert!(site.related.iter().all(Vec::is_empty));
}

#[test]
fn deterministic_whatever_the_input_order() {
    let specs = newsroom();
    let first = site_with(&specs, "count = 5").related;
    let mut reversed = specs.clone();
    reversed.reverse();
    assert_eq!(site_with(&reversed, "count = 5").related, first);
    assert_eq!(site_with(&specs, "count = 5").related, first);
}

#[test]
fn ties_go_to_the_newer_then_the_smaller_slug() {
    let front = "dateline: QUETTA\ntags: [Zarkesh Quake]";
    let body = "A quake struck Zarkesh district near Quetta; rescuers searched the rubble.";
    let mut specs = newsroom();
    specs.extend([
        ("quake-strikes", 10, 12, front, body),
        ("b-copy", 11, 12, front, body),
        ("a-copy", 11, 12, front, body),
        ("older-copy", 9, 12, front, body),
    ]);
    // Identical copies a day apart are versions of one story: compare them as stories.
    let site = site_with(&specs, "count = 3\nversion_hours = 0");
    assert_eq!(
        related_slugs(&site, "quake-strikes"),
        ["a-copy", "b-copy", "older-copy"]
    );
}

#[test]
fn explanation_names_the_evidence() {
    let site = site_with(&newsroom(), "count = 3");
    let find = |slug: &str| site.articles.iter().position(|a| a.slug == slug).unwrap() as ArticleId;
    let (a, b) = (find("floods-kill-dozens"), find("army-called-in"));
    let ex = Explainer::new(&site);
    let e = ex.explain(a, b);
    assert_eq!(e.slug, "army-called-in");
    let tags: Vec<&str> = e.tags.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        tags,
        ["Sindh", "Tamanabad Floods", "Pakistan"],
        "rarest shared tag first"
    );
    assert!(
        e.text.items.iter().any(|i| i.name == "tamanabad"),
        "{:?}",
        e.text.items
    );
    assert_eq!(e.place.items[0].name, "KARACHI");
    assert!((e.days_apart - 9.0 / 24.0).abs() < 1e-9);
    let sum = e.tags.points + e.topics.points + e.agencies.points + e.place.points + e.text.points;
    // Both are filed under Pakistan and Environment: the topic prior doubles the score.
    assert_eq!(e.topic_prior.points, 1.0);
    let topics: Vec<&str> = e
        .topic_prior
        .items
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(topics, ["Environment", "Pakistan"]);
    assert!((e.score - sum * e.decay * 2.0).abs() < 1e-9);
    assert!((e.score - ex.score(a, b)).abs() < 1e-12);
    let ranked = scored(&site);
    assert_eq!(ranked[a as usize][0].0, site.related[a as usize][0]);
    assert!((ranked[a as usize][0].1 - ex.score(a, site.related[a as usize][0])).abs() < 1e-12);
}

#[test]
fn one_article_at_a_time_matches_the_whole_site() {
    let site = site_with(&newsroom(), "count = 3");
    let ranked = scored(&site);
    assert!(ranked.iter().filter(|r| r.len() == 3).count() > 3);
    let ex = Explainer::new(&site);
    // Twice over, in turn: the scratch space is reused from one call to the next.
    for _ in 0..2 {
        for id in 0..site.articles.len() as ArticleId {
            assert_eq!(ex.related(id), ranked[id as usize], "article {id}");
        }
    }
}

/// A tiny deterministic random source, so the generated archive is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn precision_at_5_on_generated_clusters() {
    const COMMON: [&str; 12] = [
        "government",
        "officials",
        "minister",
        "meeting",
        "report",
        "city",
        "police",
        "court",
        "market",
        "people",
        "week",
        "statement",
    ];
    const TOPICS: [&str; 4] = ["Pakistan", "World", "Business", "Sports"];
    let mut rng = Lcg(7);
    // The articles of a cluster are near copies filed within days (versions, by the
    // rule): this measures finding the cluster, so they are compared as stories.
    let config = Config::parse(
        "title = \"T\"\nbase_url = \"/\"\n[related]\nversion_hours = 0\n",
        "site.toml",
    )
    .expect("config");
    let mut articles = Vec::new();
    let mut truth = Vec::new();
    for cluster in 0..40 {
        let noun = format!("Zar{cluster}abad");
        let person = format!("Khan{}", cluster * 7 % 13);
        let day = rng.next(60);
        for k in 0..7 {
            let mut body = String::new();
            for _ in 0..40 {
                body.push_str(COMMON[rng.next(COMMON.len())]);
                body.push(' ');
            }
            body.push_str(&format!("{noun} {person} {noun}."));
            let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Days::new((day + rng.next(3)) as u64);
            let text = format!(
                "---\ntitle: \"Update {k} on {noun}\"\ndate: {date}\ntopics: [{}]\ntags: [{noun} Story, {}]\n---\n{body}\n",
                TOPICS[cluster % 4],
                TOPICS[rng.next(4)],
            );
            let a = parse_article(&text, &format!("content/c{cluster}-{k}.md"), &config)
                .expect("parses")
                .0;
            truth.push((a.slug.clone(), cluster));
            articles.push(a);
        }
    }
    let now = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap();
    let selection = Selection {
        drafts: false,
        future: false,
        now,
    };
    let site = linked(index::build_site(config, articles, selection).expect("indexes"));
    let cluster_of: HashMap<&str, usize> = truth.iter().map(|(s, c)| (s.as_str(), *c)).collect();
    let mut total = 0.0;
    for (id, a) in site.articles.iter().enumerate() {
        let mine = cluster_of[a.slug.as_str()];
        let hits = site.related[id]
            .iter()
            .filter(|&&r| cluster_of[site.article(r).slug.as_str()] == mine)
            .count();
        total += hits as f64 / 5.0;
    }
    let precision = total / site.articles.len() as f64;
    assert!(precision >= 0.99, "precision@5 = {precision}");
}
