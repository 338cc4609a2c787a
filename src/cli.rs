//! Command-line interface: argument definitions and the commands behind them.
//! `main.rs` only parses arguments, calls [`run`] and exits with its code.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Utc};
use clap::{Args, Parser, Subcommand};

use crate::diagnostics::Diagnostic;
use crate::index::TaxonomyKind;
use crate::pipeline::{self, Failure, Options};
use crate::{discover, scaffold};

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
    /// Preview the site over HTTP, rebuilding and reloading pages as files change.
    Serve(ServeArgs),
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
    print_diagnostics(&f.diagnostics);
    let errors = f.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = f.diagnostics.len() - errors;
    eprintln!(
        "error: build failed with {errors} error{}{}; the output folder was left as it was",
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
                        for (stage, t) in &r.timings {
                            eprintln!("  {stage:<14} {:>8.1} ms", t.as_secs_f64() * 1000.0);
                        }
                        eprintln!("  files {} bytes {}", r.files, r.bytes);
                    }
                    println!(
                        "built {} articles into {} pages in {} ms ({})",
                        r.site.articles.len(),
                        r.pages,
                        r.elapsed.as_millis(),
                        o.output_dir().display()
                    );
                    0
                }
                Err(f) => report_failure(&f),
            }
        }
        Command::Check(args) => match pipeline::check(&options(&args.site)) {
            Ok(r) => {
                print_check(&r);
                print_diagnostics(&r.warnings);
                0
            }
            Err(f) => report_failure(&f),
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
        Command::Init(args) => match scaffold::init_site(&args.dir, Utc::now()) {
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
        },
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
