//! Command-line interface: argument definitions and the commands behind them.
//! `main.rs` only parses arguments, calls [`run`] and exits with its code.

mod related;
mod report;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::diagnostics::{self, Diagnostic, Verbosity, plural};
use crate::pipeline::{self, Failure, Options};
use crate::{discover, scaffold};

/// broadsheet: a static site generator for news publishers.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, long_about = None)]
pub struct Cli {
    /// Print errors only: no warnings, notes or summary line.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: the time and memory each stage took, and what was counted.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
    }
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
    /// Print a shell completion script: `broadsheet completions bash > ~/.local/share/bash-completion/completions/broadsheet`.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
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
    /// The site folder; by default the nearest folder holding site.toml, from the
    /// current one upward.
    #[arg(long)]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder (holding site.toml and content/); by default the nearest
    /// folder holding site.toml, from the current one upward.
    #[arg(long)]
    pub root: Option<PathBuf>,
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
    /// Print the time each stage took and what the build reused: `--timings` for
    /// people (stderr, as --verbose does), `--timings=json` as one JSON object on
    /// stdout, in place of the summary line, for scripts.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "text", value_enum)]
    pub timings: Option<Timings>,
    /// Write the URLs this build added, changed and removed to FILE, one per line:
    /// `added|changed|removed<TAB>URL<TAB>file` (sorted by file), for CDN purges and
    /// deploys that upload only what changed (docs/deploy.md). A failed build
    /// leaves FILE empty.
    #[arg(long, value_name = "FILE")]
    pub changes: Option<PathBuf>,
}

/// How `build --timings` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Timings {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also render the site in memory and report every internal link or asset that
    /// resolves to nothing, with the Markdown file and line it was written on (or
    /// the page, for a template's link).
    #[arg(long)]
    pub links: bool,
    /// Also prove that every URL the site has published (published-urls.txt)
    /// answers with a page, a redirect or a tombstone; report each that does not.
    #[arg(long)]
    pub redirects: bool,
    /// Override `base_url` from site.toml, as for `build`.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The headline.
    pub title: String,
    /// The site folder; by default the nearest folder holding site.toml, from the
    /// current one upward.
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// A topic (repeat for several).
    #[arg(long)]
    pub topic: Vec<String>,
    /// An agency (repeat for several).
    #[arg(long)]
    pub agency: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (holding site.toml and content/); by default the nearest
    /// folder holding site.toml, from the current one upward.
    #[arg(long)]
    pub root: Option<PathBuf>,
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

/// The site folder: `--root` when given, else the nearest folder holding site.toml
/// from the current one upward (as git and cargo find theirs), else the current
/// folder (whose missing site.toml is then reported).
fn site_root(given: Option<&Path>) -> PathBuf {
    if let Some(root) = given {
        return root.to_path_buf();
    }
    std::env::current_dir()
        .ok()
        .and_then(|here| discover::find_root(&here))
        .unwrap_or_else(|| PathBuf::from("."))
}

fn options(site: &SiteArgs) -> Options {
    let mut o = Options::new(site_root(site.root.as_deref()));
    o.drafts = site.drafts;
    o.future = site.future;
    o.now = site.now;
    o
}

/// What a command prints besides its result: where it goes and how much of it.
#[derive(Debug, Clone, Copy)]
struct Out {
    verbosity: Verbosity,
}

impl Out {
    /// Warnings and errors, sorted as they came; warnings not under `--quiet`.
    fn diagnostics(self, diags: &[Diagnostic]) {
        for d in diags {
            if d.is_error() || !self.verbosity.quiet() {
                diagnostics::eprint(&diagnostics::styled(d));
            }
        }
    }

    /// An `error:` line (always printed).
    fn error(self, message: impl std::fmt::Display) {
        diagnostics::eprint(&diagnostics::styled_line(&format!("error: {message}")));
    }

    /// A `note:` or other line to standard error, not under `--quiet`.
    fn note(self, line: &str) {
        if !self.verbosity.quiet() {
            diagnostics::eprint(&diagnostics::styled_line(line));
        }
    }

    /// A summary line to standard output, not under `--quiet`.
    fn summary(self, line: &str) {
        if !self.verbosity.quiet() {
            println!("{line}");
        }
    }

    /// Prints the diagnostics and a summary; `check` writes nothing, so it says
    /// nothing about the output folder.
    fn failure(self, command: &str, f: &Failure) -> i32 {
        self.diagnostics(&f.diagnostics);
        let errors = f.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = f.diagnostics.len() - errors;
        if let Some(links) = &f.links {
            self.note(&report::links_line(links));
        }
        let kept = if command == "build" {
            "; the output folder was left as it was"
        } else {
            ""
        };
        let warnings = if warnings > 0 {
            let hidden = if self.verbosity.quiet() {
                " (hidden by --quiet)"
            } else {
                ""
            };
            format!(" and {}{hidden}", plural(warnings, "warning", "warnings"))
        } else {
            String::new()
        };
        self.error(format_args!(
            "{command} failed with {}{warnings}{kept}",
            plural(errors, "error", "errors")
        ));
        1
    }
}

/// Runs a command; returns the process exit code (0 ok, 1 failed, 2 usage).
pub fn run(cli: Cli) -> i32 {
    let out = Out {
        verbosity: cli.verbosity(),
    };
    match cli.command {
        Command::Build(args) => build_command(out, args),
        Command::Check(args) => check_command(out, args),
        Command::New(args) => new_command(out, &args),
        Command::Related(args) => related::related_command(out, &args),
        Command::Init(args) => init_command(out, &args),
        Command::Serve(args) => serve_command(out, args),
        Command::Theme(command) => run_theme(out, command),
        Command::Import(command) => import_command(command, out.verbosity),
        Command::Completions(args) => {
            clap_complete::generate(
                args.shell,
                &mut Cli::command(),
                "broadsheet",
                &mut std::io::stdout(),
            );
            0
        }
    }
}

/// `broadsheet build`: builds, prints warnings, timings and the summary.
fn build_command(out: Out, args: BuildArgs) -> i32 {
    let mut o = options(&args.site);
    o.output = args.output;
    o.base_url = args.base_url;
    o.force = args.force;
    let built = pipeline::build(&o);
    if let Some(path) = &args.changes {
        let text = built.as_ref().map_or(String::new(), |r| {
            crate::write::changes_text(&r.written.changes, &r.site.config.base_url)
        });
        if let Err(e) = crate::write::put_changes(path, &text) {
            out.error(format_args!("cannot write {}: {e}", path.display()));
            return 1;
        }
    }
    match built {
        Ok(r) => {
            out.diagnostics(&r.warnings);
            let json = args.timings == Some(Timings::Json);
            if args.timings == Some(Timings::Text) || out.verbosity.verbose() && !json {
                report::print_timings(&r);
            }
            report::print_next_change(out, &r);
            if json {
                println!("{}", r.timings_json());
            } else {
                out.summary(&format!(
                    "built {} into {} in {} ms ({}){}",
                    plural(r.site.articles.len(), "article", "articles"),
                    plural(r.pages, "page", "pages"),
                    r.elapsed.as_millis(),
                    o.output_dir().display(),
                    report::left_out(&r.site.left_out)
                ));
            }
            // The process ends now: freeing the site's millions of small
            // allocations one by one would only delay the exit (tens of ms
            // at 10k articles). The operating system takes the memory back.
            std::mem::forget(r);
            0
        }
        Err(f) => out.failure("build", &f),
    }
}

/// `broadsheet check`: builds without writing, then checks links and redirects if asked.
fn check_command(out: Out, args: CheckArgs) -> i32 {
    match pipeline::check(&Options {
        check_links: args.links,
        check_redirects: args.redirects,
        base_url: args.base_url,
        ..options(&args.site)
    }) {
        Ok(r) => {
            if !out.verbosity.quiet() {
                report::print_check(&r);
            }
            if out.verbosity.verbose() {
                report::print_timings(&r);
            }
            report::print_next_change(out, &r);
            out.diagnostics(&r.warnings);
            0
        }
        Err(f) => out.failure("check", &f),
    }
}

/// `broadsheet new`: a new article file, dated now in the site's time zone.
fn new_command(out: Out, args: &NewArgs) -> i32 {
    let root = site_root(args.root.as_deref());
    let config = match discover::load_config(&root) {
        Ok(c) => c,
        Err(d) => {
            out.diagnostics(&[d]);
            return 1;
        }
    };
    match scaffold::new_article(
        &root,
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
            out.error(e);
            1
        }
    }
}

/// `broadsheet init`: a new site folder.
fn init_command(out: Out, args: &InitArgs) -> i32 {
    match scaffold::init_site_with_theme(&args.dir, &args.theme, Utc::now()) {
        Ok(files) => {
            out.summary(&format!(
                "created a new site in {} ({})",
                args.dir.display(),
                plural(files.len(), "file", "files")
            ));
            out.summary(&format!(
                "build it with: broadsheet build --root {}",
                args.dir.display()
            ));
            0
        }
        Err(e) => {
            out.error(e);
            1
        }
    }
}

/// `broadsheet serve`: the preview server, until interrupted.
fn serve_command(out: Out, args: ServeArgs) -> i32 {
    // Found upward (`../..`): shown and watched as the folder it names.
    let root = match args.root {
        Some(root) => root,
        None => {
            let found = site_root(None);
            std::fs::canonicalize(&found).unwrap_or(found)
        }
    };
    let opts = crate::serve::ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        drafts: !args.no_drafts,
        future: !args.no_future,
        now: args.now,
        open: args.open,
        verbosity: out.verbosity,
    };
    match crate::serve::run(opts) {
        Ok(()) => 0,
        Err(e) => {
            out.error(e);
            1
        }
    }
}

/// `broadsheet import`: other systems' exports into article files.
fn import_command(mut command: crate::import::ImportCommand, verbosity: Verbosity) -> i32 {
    // `--root` defaults to `.` there: a site found upward takes its place.
    let site = match &mut command {
        crate::import::ImportCommand::Wordpress(a) => &mut a.site,
        crate::import::ImportCommand::Ninjs(a) | crate::import::ImportCommand::NewsmlG2(a) => {
            &mut a.site
        }
        crate::import::ImportCommand::Jekyll(a)
        | crate::import::ImportCommand::Hugo(a)
        | crate::import::ImportCommand::Zola(a) => &mut a.site,
    };
    if site.root == Path::new(".") {
        site.root = site_root(None);
    }
    crate::import::run_command(command, verbosity)
}

fn run_theme(out: Out, command: ThemeCommand) -> i32 {
    match command {
        ThemeCommand::New(args) => {
            let root = site_root(args.root.as_deref());
            match scaffold::new_theme(&root, &args.name) {
                Ok(files) => {
                    for f in &files {
                        println!("{}", f.display());
                    }
                    out.summary(&format!(
                        "created the theme `{}`; use it with theme = \"{}\" in site.toml",
                        args.name, args.name
                    ));
                    0
                }
                Err(e) => {
                    out.error(e);
                    1
                }
            }
        }
    }
}
