//! `broadsheet related`: an article's related stories and why, or every list.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use super::{Out, RelatedArgs, options};
use crate::index::Site;
use crate::model::{ArticleId, Body};
use crate::pipeline::{self, Failure};
use crate::related;
use crate::render::BodySource;

pub(super) fn related_command(out: Out, args: &RelatedArgs) -> i32 {
    let (mut site, related) = match pipeline::load(&options(&args.site)) {
        Ok(loaded) => (loaded.site, loaded.related),
        Err(f) => return out.failure("related", &f),
    };
    let article = match args.article.as_deref().map(|q| find_article(&site, q)) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(message)) => {
            out.error(message);
            return 1;
        }
    };
    if let Some(id) = article {
        // The explanation spells shared words as the article's body does: load it.
        let a = site.article(id);
        match pipeline::BodyStore::new(&site.config).body(a) {
            Ok(body) => {
                let body = Body::InMemory(body.into_owned());
                site.articles[id as usize].body = body;
            }
            Err(d) => return out.failure("related", &Failure::from(d)),
        }
    }
    let explainer = related::Explainer::new(&site);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match article {
        None => print_all_related(&site, &related, &explainer, args.json, &mut stdout),
        Some(id) => print_related(&site, &explainer, id, args.json, &mut stdout),
    };
    match written.and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            out.error(format_args!("cannot write the output: {e}"));
            1
        }
    }
}

/// Finds an article by slug, URL path (`2017/09/22/slug/`, with or without the site's
/// address) or source file (`content/2017/09/slug.md`, or any path ending in it).
fn find_article(site: &Site, query: &str) -> Result<ArticleId, String> {
    let q = query.trim();
    let by_slug: Vec<usize> = (0..site.articles.len())
        .filter(|&i| site.articles[i].slug == q)
        .collect();
    if by_slug.len() == 1 {
        return Ok(by_slug[0] as ArticleId);
    }
    if by_slug.len() > 1 {
        let paths: Vec<&str> = by_slug
            .iter()
            .map(|&i| site.articles[i].path.as_str())
            .collect();
        return Err(format!(
            "{} articles have the slug `{q}`: name one by its path ({})",
            by_slug.len(),
            paths.join(", ")
        ));
    }
    let url_path = q.strip_prefix(site.config.base_url.as_str()).unwrap_or(q);
    let url_path = url_path
        .strip_prefix(site.config.base_path().as_str())
        .unwrap_or(url_path);
    let url_path = url_path.trim_matches('/');
    let unix = q.replace('\\', "/");
    site.articles
        .iter()
        .position(|a| {
            a.path.trim_end_matches('/') == url_path
                || a.source == unix
                || unix.ends_with(&format!("/{}", a.source))
        })
        .map(|i| i as ArticleId)
        .ok_or_else(|| format!("no published article has the slug, path or source file `{q}`"))
}

fn print_related(
    site: &Site,
    explainer: &related::Explainer,
    id: ArticleId,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let a = site.article(id);
    let list = explainer.explain_list(id);
    let links = &list.related;
    if json {
        let doc = serde_json::json!({
            "article": { "slug": a.slug, "path": a.path, "title": a.title, "date": a.date.to_rfc3339() },
            "related": links,
            "own_versions": list.own_versions,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        return writeln!(out);
    }
    writeln!(out, "{}", a.title)?;
    writeln!(
        out,
        "  {} · {} · {}",
        a.slug,
        a.date.format("%Y-%m-%d %H:%M %:z"),
        a.path
    )?;
    let version_line = |v: &related::Version| {
        format!(
            "{} ({}, {})",
            v.slug,
            if v.agencies.is_empty() {
                "no agency".to_string()
            } else {
                v.agencies.join("/")
            },
            v.date.get(..16).unwrap_or(&v.date).replace('T', " ")
        )
    };
    if !list.own_versions.is_empty() {
        let names: Vec<String> = list.own_versions.iter().map(version_line).collect();
        writeln!(
            out,
            "  other versions of this story, not linked as stories of their own (a newer one is linked as its newest version): {}",
            names.join(", ")
        )?;
    }
    if links.is_empty() {
        writeln!(out, "\nno related stories")?;
    }
    let half_life = site.config.related.half_life_days;
    for (rank, e) in links.iter().enumerate() {
        print_link(rank, e, half_life, &version_line, out)?;
    }
    Ok(())
}

/// One link of `broadsheet related <slug>`: score, signals, decay, prior, versions.
fn print_link(
    rank: usize,
    e: &related::Explanation,
    half_life: f64,
    version_line: &impl Fn(&related::Version) -> String,
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(out, "\n{:>2}. {:.3}  {}", rank + 1, e.score, e.title)?;
    writeln!(out, "    {} · {}", e.slug, &e.date[..10])?;
    let signals = [
        ("text", &e.text),
        ("tags", &e.tags),
        ("topics", &e.topics),
        ("place", &e.place),
        ("agencies", &e.agencies),
    ];
    for (name, s) in signals {
        if s.points <= 0.0 {
            continue;
        }
        let items: Vec<String> = s
            .items
            .iter()
            .take(8)
            .map(|i| format!("{} {:.2}", i.name, i.value))
            .collect();
        let more = if s.items.len() > 8 {
            format!(", … {} more", s.items.len() - 8)
        } else {
            String::new()
        };
        writeln!(
            out,
            "    {name:<9}{:>7.3}  {}{more}",
            s.points,
            items.join(", ")
        )?;
    }
    writeln!(
        out,
        "    × decay  {:>6.3}  {:.1} days apart, half-life {half_life} days",
        e.decay, e.days_apart
    )?;
    if e.topic_prior.points > 0.0 {
        let shared: Vec<&str> = e
            .topic_prior
            .items
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        writeln!(
            out,
            "    × topic  {:>6.3}  shares the topic {}",
            1.0 + e.topic_prior.points,
            shared.join(", ")
        )?;
    }
    if !e.versions.is_empty() {
        let names: Vec<String> = e.versions.iter().map(version_line).collect();
        writeln!(
            out,
            "    versions  {} collapsed into this link (the newest is shown): {}",
            e.versions.len(),
            names.join(", ")
        )?;
    }
    Ok(())
}

fn print_all_related(
    site: &Site,
    related: &[Vec<ArticleId>],
    explainer: &related::Explainer,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    // Keyed by slug; an article whose slug another one shares is keyed by its path.
    let mut slug_count: HashMap<&str, usize> = HashMap::new();
    for a in &site.articles {
        *slug_count.entry(a.slug.as_str()).or_default() += 1;
    }
    let key = |id: ArticleId| {
        let a = site.article(id);
        if slug_count[a.slug.as_str()] > 1 {
            a.path.as_str()
        } else {
            a.slug.as_str()
        }
    };
    let mut all: BTreeMap<&str, Vec<serde_json::Value>> = BTreeMap::new();
    for (id, list) in related.iter().enumerate() {
        let id = id as ArticleId;
        let links = list
            .iter()
            .map(|&r| serde_json::json!({ "slug": key(r), "score": explainer.score(id, r) }));
        all.insert(key(id), links.collect());
    }
    if json {
        serde_json::to_writer(&mut *out, &all)?;
        return writeln!(out);
    }
    for (slug, links) in &all {
        let list: Vec<String> = links
            .iter()
            .map(|l| {
                format!(
                    "{} ({:.3})",
                    l["slug"].as_str().unwrap_or(""),
                    l["score"].as_f64().unwrap_or(0.0)
                )
            })
            .collect();
        writeln!(out, "{slug}: {}", list.join(", "))?;
    }
    Ok(())
}
