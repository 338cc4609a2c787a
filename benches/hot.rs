//! The hot functions under criterion (issue 7): `cargo bench --bench hot`.
//!
//! Inputs come from this repository only: the demo site (`site.toml`, `content/`) and,
//! for related news at archive size, a synthetic archive made from the demo's articles
//! when the benchmark starts. Figures and method: docs/performance.md.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Duration as Span};
use criterion::{Criterion, criterion_group, criterion_main};

use broadsheet::config::Config;
use broadsheet::discover;
use broadsheet::index::{self, Selection, Site};
use broadsheet::model::ArticleId;
use broadsheet::parse::article::parse_article;
use broadsheet::parse::dateline::parse_dateline;
use broadsheet::parse::{front_matter, markdown, terms};
use broadsheet::pipeline::{self, Options};
use broadsheet::related::Explainer;
use broadsheet::render::BodySource;
use broadsheet::render::article_page::ArticlePages;

#[path = "common/mix.rs"]
mod mix;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The typical wire article: the demo site's median file (1.8 KB, nine front matter
/// keys, a dateline lead and six more paragraphs).
const ARTICLE: &str = "content/2025/09/pakistan-seeks-stronger-trade-ties-russia.md";

/// The build time the demo site's tests use.
const NOW: &str = "2026-11-18T12:00:00+05:00";

/// Leads from wire copy: `(name, lead, has a dateline)`.
const LEADS: [(&str, &str, bool); 6] = [
    (
        "full",
        "NEW YORK, SEPT 22 (AFP/APP/DNA) – Pakistan wants to expand trade with Russia in energy, agriculture and pharmaceuticals.",
        true,
    ),
    (
        "place_credit",
        "KARACHI (PPI) – Business leaders in Karachi on Thursday welcomed the trade agreement.",
        true,
    ),
    (
        "emphasis_colon",
        "**BAKU, MAR 10 (AZERTAC/APP)**: Pakistan and Azerbaijan began three days of negotiations in Baku.",
        true,
    ),
    (
        "urdu_text",
        "QUETTA, September 12 (PPI) – بلوچستان میں اس سال سیب کی ریکارڈ فصل ہوئی ہے۔",
        true,
    ),
    (
        "place_colon_no_credit",
        "KARACHI: The Sindh government declared a heat emergency across the province on Wednesday.",
        true,
    ),
    (
        "none",
        "Inside a spinning mill on the outskirts of Faisalabad, bales of shredded denim offcuts wait to be pulled apart.",
        false,
    ),
];

fn demo_options() -> Options {
    let mut opts = Options::new(ROOT);
    opts.now = Some(DateTime::parse_from_rfc3339(NOW).expect("a valid time"));
    opts
}

fn article_text() -> String {
    std::fs::read_to_string(Path::new(ROOT).join(ARTICLE)).expect("the typical article exists")
}

/// The mix of 1,000 leads in the styles of many desks (benches/common/mix.rs).
fn mixed_leads() -> Vec<String> {
    let file = std::fs::read_to_string(Path::new(ROOT).join("benches/leads.txt"))
        .expect("benches/leads.txt exists");
    mix::mixed_leads(&file)
}

fn dateline(c: &mut Criterion) {
    let mut group = c.benchmark_group("dateline");
    for (name, lead, expected) in LEADS {
        assert_eq!(parse_dateline(lead).is_some(), expected, "{name}");
        group.bench_function(name, |b| b.iter(|| parse_dateline(black_box(lead))));
    }
    let mix = mixed_leads();
    // The whole mix per iteration: divide the time by 1,000 for one lead.
    group.bench_function("mix_1000", |b| {
        b.iter(|| {
            mix.iter()
                .filter(|lead| parse_dateline(black_box(lead)).is_some())
                .count()
        })
    });
    group.finish();
}

fn front_matter(c: &mut Criterion) {
    let text = article_text();
    c.bench_function("front_matter/split_and_read", |b| {
        b.iter(|| {
            let split = front_matter::split(black_box(&text)).expect("front matter");
            front_matter::read(split.yaml).expect("valid front matter")
        })
    });
}

fn markdown_body(c: &mut Criterion) {
    let text = article_text();
    let config = pipeline::load(&demo_options())
        .expect("the demo site loads")
        .site
        .config;
    // The body as `parse_article` renders it: after the front matter and the dateline.
    let body = front_matter::split(&text).expect("front matter").body;
    let lead = parse_dateline(body).expect("a dateline lead");
    let body = &body[lead.text_start..];
    c.bench_function("markdown/to_html", |b| {
        b.iter(|| markdown::to_html(black_box(body), &config.markdown))
    });
}

/// The words of every demo article for related news (titles and rendered bodies,
/// tags skipped, entities decoded, counted by id), one after another as a build
/// meets them: a single article over and over would teach the branch predictor its
/// word boundaries.
fn terms(c: &mut Criterion) {
    let site = pipeline::load(&demo_options())
        .expect("the demo site loads")
        .site;
    let store = pipeline::BodyStore::new(&site.config);
    let articles: Vec<(String, String)> = site
        .articles
        .iter()
        .map(|a| {
            let body = store.body(a).expect("a body");
            (a.title.clone(), body.into_owned())
        })
        .collect();
    c.bench_function("terms/count_terms_all_demo_articles", |b| {
        b.iter(|| {
            for (title, body) in &articles {
                black_box(terms::count_terms(black_box(title), black_box(body)));
            }
        })
    });
}

/// The whole parse of one file (front matter, dates, dateline, Markdown, summary,
/// terms), for scale beside its parts.
fn article(c: &mut Criterion) {
    let text = article_text();
    let config = pipeline::load(&demo_options())
        .expect("the demo site loads")
        .site
        .config;
    c.bench_function("parse_article", |b| {
        b.iter(|| parse_article(black_box(&text), ARTICLE, &config).expect("parses"))
    });
}

fn id_of(site: &Site, source: &str) -> ArticleId {
    let i = site.articles.iter().position(|a| a.source == source);
    i.expect("the article is published") as ArticleId
}

/// `n` articles, three hours apart: each the front matter (less title, dates, slug,
/// draft and summary) and lead of a demo article in turn, then four paragraphs drawn
/// at random from the demo articles.
fn synthetic_archive(n: usize) -> Site {
    let config_text =
        std::fs::read_to_string(Path::new(ROOT).join("site.toml")).expect("site.toml");
    let config = Config::parse(&config_text, "site.toml").expect("site.toml parses");
    let (files, _) = discover::read_content(Path::new(ROOT), config.max_article_bytes);
    let parts: Vec<(Vec<&str>, Vec<&str>)> = files
        .iter()
        .map(|f| {
            let split = front_matter::split(&f.text).expect("front matter");
            let keep = |l: &&str| {
                !["title:", "date:", "updated:", "slug:", "draft:", "summary:"]
                    .iter()
                    .any(|k| l.starts_with(k))
            };
            let front = split.yaml.lines().filter(keep).collect();
            let paragraphs = split.body.split("\n\n").map(str::trim).collect();
            (front, paragraphs)
        })
        .collect();
    let start = DateTime::parse_from_rfc3339("2020-01-01T08:00:00+05:00").expect("a valid time");
    let mut seed: u64 = 1;
    let mut next = |below: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) % below as u64) as usize
    };
    let articles = (0..n)
        .map(|i| {
            let (front, paragraphs) = &parts[i % parts.len()];
            let mut body = paragraphs[0].to_string();
            for _ in 0..4 {
                let other = &parts[next(parts.len())].1;
                body.push_str("\n\n");
                body.push_str(other[next(other.len())]);
            }
            let date = start + Span::hours(3 * i as i64);
            let text = format!(
                "---\ntitle: \"Story {i}\"\ndate: {}\nslug: story-{i}\n{}\n---\n{body}\n",
                date.to_rfc3339(),
                front.join("\n"),
            );
            let source = format!("content/synthetic/{i}.md");
            parse_article(&text, &source, &config).expect("parses").0
        })
        .collect();
    let selection = Selection {
        drafts: false,
        future: true,
        now: start,
    };
    let site = index::build_site(config, articles, selection).expect("indexes");
    assert_eq!(site.articles.len(), n);
    site
}

fn related(c: &mut Criterion) {
    let pipeline::Loaded { site, related, .. } =
        pipeline::load(&demo_options()).expect("the demo site loads");
    let id = id_of(&site, ARTICLE);
    let explainer = Explainer::new(&site);
    let ids = |list: Vec<(ArticleId, f64)>| list.into_iter().map(|(i, _)| i).collect::<Vec<_>>();
    assert_eq!(ids(explainer.related(id)), related[id as usize]);
    let mut group = c.benchmark_group("related");
    group.bench_function("one_article/demo_site", |b| {
        b.iter(|| explainer.related(black_box(id)))
    });
    let archive = synthetic_archive(10_000);
    let explainer = Explainer::new(&archive);
    let middle = (archive.articles.len() / 2) as ArticleId;
    assert_eq!(
        explainer.related(middle).len(),
        archive.config.related.count
    );
    group.bench_function("one_article/synthetic_10k", |b| {
        b.iter(|| explainer.related(black_box(middle)))
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let pipeline::Loaded {
        site,
        related,
        mut theme,
        ..
    } = pipeline::load(&demo_options()).expect("the demo site loads");
    let id = id_of(&site, ARTICLE);
    let store = pipeline::BodyStore::new(&site.config);
    let pages = ArticlePages::new(&site, &related, &store, &mut theme);
    let mut out = Vec::new();
    c.bench_function("render/article_page", |b| {
        b.iter(|| {
            out.clear();
            pages
                .article(&theme, black_box(id), &mut out)
                .expect("renders")
        })
    });
}

criterion_group! {
    name = hot;
    // Short runs: every function here takes microseconds, and the whole set should
    // finish in about a minute on a shared 2-core machine.
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = dateline, front_matter, markdown_body, terms, article, related, render
}
criterion_main!(hot);
