//! Command-line interface: argument definitions and the commands behind them.
//! `main.rs` only parses arguments, calls [`run`] and exits with its code.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Utc};
use clap::{Args, Parser, Subcommand};

use crate::diagnostics::Diagnostic;
use crate::index::{Site, TaxonomyKind};
use crate::model::{ArticleId, Body};
use crate::pipeline::{self, Failure, Options};
use crate::{discover, related, scaffold};

/// broadsheet: a static site generator for news publishers.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build(BuildArgs),
    /// Parse and render everything without writing; print counts and every warning.
    Check(CheckArgs),
    /// Write a new article file stamped with the current time, and print its path.
    New(NewArgs),
    /// Start a new site in DIR that builds at once.
    Init(InitArgs),
    /// Show an article's related stories and why each was chosen (or, with --all,
    /// every article's related list).
    Related(RelatedArgs),
    /// Preview the site over HTTP, rebuilding and reloading pages as files change.
    Serve(ServeArgs),
    /// Work with themes.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Bring stories in from WordPress, ninjs, NewsML-G2, Jekyll, Hugo or Zola
    /// (see docs/import.md).
    #[command(subcommand)]
    Import(crate::import::ImportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Write a minimal theme to themes/NAME/: every template it needs, each
    /// commented with its variables. Set `theme = "NAME"` in site.toml to use it.
    New(ThemeNewArgs),
}

#[derive(Debug, Args)]
pub struct ThemeNewArgs {
    /// The theme's name (its folder under themes/).
    pub name: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder (holding site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated after the build time.
    #[arg(long)]
    pub future: bool,
    /// The build time, RFC 3339 (default: now).
    #[arg(long, value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder (default: <root>/public).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Override `base_url` from site.toml (for preview deploys).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Replace an output folder that broadsheet did not create.
    #[arg(long)]
    pub force: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also render the site in memory and report every internal link or asset that
    /// resolves to nothing, with the page it is on.
    #[arg(long)]
    pub links: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The headline.
    pub title: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// A topic (repeat for several).
    #[arg(long)]
    pub topic: Vec<String>,
    /// An agency (repeat for several).
    #[arg(long)]
    pub agency: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (holding site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Address to listen on; keep it on loopback unless you mean to share the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Show drafts, with a badge (the default in preview).
    #[arg(long, overrides_with = "no_drafts")]
    pub drafts: bool,
    /// Leave drafts out, as `build` does.
    #[arg(long, overrides_with = "drafts")]
    pub no_drafts: bool,
    /// Show articles dated after now, with a badge (the default in preview).
    #[arg(long, overrides_with = "no_future")]
    pub future: bool,
    /// Leave articles dated after now out, as `build` does.
    #[arg(long, overrides_with = "future")]
    pub no_future: bool,
    /// The build time, RFC 3339 (default: the clock at each rebuild).
    #[arg(long, value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new site (created if missing).
    pub dir: PathBuf,
    /// The built-in theme to start from and copy into themes/: `default` or `wire`.
    #[arg(long, default_value = "default")]
    pub theme: String,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The article: its slug, its URL path (`2017/09/22/slug/`) or its source file.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub article: Option<String>,
    /// Every article's related list: slug -> related slugs with scores.
    #[arg(long)]
    pub all: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

fn parse_now(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("expected an RFC 3339 time such as 2017-09-22T14:30:00Z: {e}"))
}

fn options(site: &SiteArgs) -> Options {
    let mut o = Options::new(&site.root);
    o.drafts = site.drafts;
    o.future = site.future;
    o.now = site.now;
    o
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn report_failure(f: &Failure) -> i32 {
    report_failure_of("build", f)
}

/// Prints the diagnostics and a summary; `check` writes nothing, so it says nothing
/// about the output folder.
fn report_failure_of(command: &str, f: &Failure) -> i32 {
    print_diagnostics(&f.diagnostics);
    let errors = f.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = f.diagnostics.len() - errors;
    let kept = if command == "build" {
        "; the output folder was left as it was"
    } else {
        ""
    };
    eprintln!(
        "error: {command} failed with {errors} error{}{}{kept}",
        if errors == 1 { "" } else { "s" },
        if warnings > 0 {
            format!(
                " and {warnings} warning{}",
                if warnings == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    );
    1
}

/// Runs a command; returns the process exit code (0 ok, 1 failed, 2 usage).
/// `--timings`: wall time per stage, thread time per kind of work, and the counts.
fn print_timings(r: &pipeline::Report) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!("  stage          wall ms   resident MB");
    for stage in &r.timings {
        let resident = stage
            .resident
            .map_or("-".to_string(), |b| format!("{}", b / 1_000_000));
        eprintln!(
            "  {:<14} {:>7.1}   {resident:>11}",
            stage.name,
            ms(stage.wall)
        );
    }
    let work: Vec<String> = r
        .work
        .iter()
        .map(|(kind, t)| format!("{kind} {:.1}", ms(*t)))
        .collect();
    eprintln!("  thread time ms: {}", work.join(", "));
    let kinds: Vec<String> = r
        .render_by_kind
        .iter()
        .filter(|k| k.pages > 0)
        .map(|k| format!("{} {} pages {:.1}", k.kind, k.pages, ms(k.time)))
        .collect();
    eprintln!("  render thread time by page kind ms: {}", kinds.join(", "));
    let p = r.partials;
    eprintln!(
        "  cached partials: {} calls, {} rendered, {} reused; {} full generations of the cache dropped",
        p.calls,
        p.renders,
        p.calls - p.renders,
        p.emptied
    );
    eprintln!(
        "  articles {}; {} unchanged files taken from the parse cache, not parsed again; related lists {}",
        r.site.articles.len(),
        r.from_cache,
        if r.related_kept {
            "unchanged, taken from the last build"
        } else {
            "ranked"
        }
    );
    eprintln!(
        "  pages {} ({} rendered, {} unchanged and not rendered)",
        r.pages,
        r.rendered,
        r.pages - r.rendered
    );
    eprintln!(
        "  files {} ({} bytes): {} written ({} bytes), {} unchanged, {} removed",
        r.files,
        r.bytes,
        r.written.written,
        r.written.bytes_written,
        r.written.unchanged,
        r.written.removed
    );
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => {
            let mut o = options(&args.site);
            o.output = args.output;
            o.base_url = args.base_url;
            o.force = args.force;
            match pipeline::build(&o) {
                Ok(r) => {
                    print_diagnostics(&r.warnings);
                    if args.timings {
                        print_timings(&r);
                    }
                    print_next_change(&r);
                    println!(
                        "built {} articles into {} pages in {} ms ({})",
                        r.site.articles.len(),
                        r.pages,
                        r.elapsed.as_millis(),
                        o.output_dir().display()
                    );
                    // The process ends now: freeing the site's millions of small
                    // allocations one by one would only delay the exit (tens of ms
                    // at 10k articles). The operating system takes the memory back.
                    std::mem::forget(r);
                    0
                }
                Err(f) => report_failure(&f),
            }
        }
        Command::Check(args) => match pipeline::check(&Options {
            check_links: args.links,
            ..options(&args.site)
        }) {
            Ok(r) => {
                print_check(&r);
                print_next_change(&r);
                print_diagnostics(&r.warnings);
                0
            }
            Err(f) => report_failure_of("check", &f),
        },
        Command::New(args) => {
            let config = match discover::load_config(&args.root) {
                Ok(c) => c,
                Err(d) => {
                    eprintln!("{d}");
                    return 1;
                }
            };
            match scaffold::new_article(
                &args.root,
                &args.title,
                &args.topic,
                &args.agency,
                config.timezone,
                Utc::now(),
            ) {
                Ok(path) => {
                    println!("{}", path.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    1
                }
            }
        }
        Command::Related(args) => related_command(&args),
        Command::Init(args) => {
            match scaffold::init_site_with_theme(&args.dir, &args.theme, Utc::now()) {
                Ok(files) => {
                    println!(
                        "created a new site in {} ({} files)",
                        args.dir.display(),
                        files.len()
                    );
                    println!(
                        "build it with: broadsheet build --root {}",
                        args.dir.display()
                    );
                    0
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    1
                }
            }
        }
        Command::Serve(args) => {
            let opts = crate::serve::ServeOptions {
                root: args.root,
                bind: args.bind,
                port: args.port,
                drafts: !args.no_drafts,
                future: !args.no_future,
                now: args.now,
                open: args.open,
            };
            match crate::serve::run(opts) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    1
                }
            }
        }
        Command::Theme(command) => run_theme(command),
        Command::Import(command) => crate::import::run_command(command),
    }
}

fn run_theme(command: ThemeCommand) -> i32 {
    match command {
        ThemeCommand::New(args) => match scaffold::new_theme(&args.root, &args.name) {
            Ok(files) => {
                for f in &files {
                    println!("{}", f.display());
                }
                println!(
                    "created the theme `{}`; use it with theme = \"{}\" in site.toml",
                    args.name, args.name
                );
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        },
    }
}

fn related_command(args: &RelatedArgs) -> i32 {
    let mut site = match pipeline::load(&options(&args.site)) {
        Ok((site, ..)) => site,
        Err(f) => return report_failure(&f),
    };
    let article = match args.article.as_deref().map(|q| find_article(&site, q)) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(message)) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    if let Some(id) = article {
        // The explanation spells shared words as the article's body does: load it.
        let a = site.article(id);
        match discover::article_body(a, &site.config) {
            Ok(body) => {
                let body = Body::InMemory(body.into_owned());
                site.articles[id as usize].body = body;
            }
            Err(d) => return report_failure(&Failure::from(d)),
        }
    }
    let explainer = related::Explainer::new(&site);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match article {
        None => print_all_related(&site, &explainer, args.json, &mut out),
        Some(id) => print_related(&site, &explainer, id, args.json, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
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
    let links: Vec<related::Explanation> = site.related[id as usize]
        .iter()
        .map(|&r| explainer.explain(id, r))
        .collect();
    if json {
        let doc = serde_json::json!({
            "article": { "slug": a.slug, "path": a.path, "title": a.title, "date": a.date.to_rfc3339() },
            "related": links,
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
    if links.is_empty() {
        writeln!(out, "\nno related stories")?;
    }
    let half_life = site.config.related.half_life_days;
    for (rank, e) in links.iter().enumerate() {
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
    }
    Ok(())
}

fn print_all_related(
    site: &Site,
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
    for (id, list) in site.related.iter().enumerate() {
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

fn print_next_change(r: &pipeline::Report) {
    if let Some(next) = r.site.next_change {
        eprintln!(
            "note: the published site next changes by itself at {} (an embargo lifts, an article expires or a breaking-news banner runs out); rebuild then",
            next.to_rfc3339()
        );
    }
}

fn print_check(r: &pipeline::Report) {
    let site = &r.site;
    println!("{} articles, {} pages", site.articles.len(), r.pages);
    for kind in [
        TaxonomyKind::Topics,
        TaxonomyKind::Agencies,
        TaxonomyKind::Tags,
    ] {
        let mut terms: Vec<_> = site.taxonomy(kind).terms.iter().collect();
        terms.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let list: Vec<String> = terms
            .iter()
            .map(|t| format!("{} {}", t.name, t.articles.len()))
            .collect();
        println!("{}: {}", kind.key(), list.join(", "));
    }
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    for a in &site.articles {
        *years
            .entry(
                site.config
                    .timezone
                    .from_utc_datetime(&a.date.naive_utc())
                    .year(),
            )
            .or_default() += 1;
    }
    let list: Vec<String> = years.iter().map(|(y, n)| format!("{y} {n}")).collect();
    println!("years: {}", list.join(", "));
    println!(
        "{} warning{}",
        r.warnings.len(),
        if r.warnings.len() == 1 { "" } else { "s" }
    );
}
