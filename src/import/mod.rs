//! Importers: another system's export (WordPress WXR, IPTC ninjs and NewsML-G2, a
//! Jekyll, Hugo or Zola folder) into article files in a site. Input: the source
//! files and the site folder. Output: article files, copied images, the ledger
//! (`import-ledger.json`) and a summary. It never touches the built output.

pub mod article;
pub mod html;
pub mod ledger;
pub mod newsml;
pub mod ninjs;
pub mod permalink;
pub mod relay;
pub mod run;
pub mod shortcode;
pub mod sources;
pub mod static_site;
pub mod summary;
pub mod wordpress;
pub mod xml;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::diagnostics::Verbosity;

/// `broadsheet import <format> …`
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A WordPress export (WXR 1.0–1.2): one file, or every file of a split export.
    Wordpress(WordpressArgs),
    /// IPTC ninjs 1.x, 2.x or 3.x: `.json` files, or folders of them.
    Ninjs(FilesArgs),
    /// IPTC NewsML-G2 newsItems or newsMessages: `.xml` files, or folders of them.
    #[command(name = "newsml-g2")]
    NewsmlG2(FilesArgs),
    /// A Jekyll site folder (posts in _posts/, drafts in _drafts/).
    Jekyll(FolderArgs),
    /// A Hugo site folder (its content/ folder).
    Hugo(FolderArgs),
    /// A Zola site folder (its content/ folder).
    Zola(FolderArgs),
}

#[derive(Debug, Args)]
pub struct FolderArgs {
    /// The other generator's site folder.
    pub source: PathBuf,
    #[command(flatten)]
    pub site: SiteRoot,
}

#[derive(Debug, Args)]
pub struct FilesArgs {
    /// Files or folders, in order.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub site: SiteRoot,
}

#[derive(Debug, Args)]
pub struct SiteRoot {
    /// The site folder to import into (holding site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct WordpressArgs {
    /// The export file(s), in order.
    #[arg(required = true)]
    pub exports: Vec<PathBuf>,
    /// The site's `wp-content/uploads` folder: images are copied from it into
    /// static/uploads/ (without it, they are linked at their old address).
    #[arg(long)]
    pub uploads: Option<PathBuf>,
    #[command(flatten)]
    pub site: SiteRoot,
}

/// Runs an import command; returns the exit code (0 done, 1 some input was bad).
/// Under `--quiet` only errors are printed: no progress bar, skip reasons, notes
/// or summary line.
pub fn run_command(command: ImportCommand, verbosity: Verbosity) -> i32 {
    let root = match &command {
        ImportCommand::Wordpress(a) => a.site.root.clone(),
        ImportCommand::Ninjs(a) | ImportCommand::NewsmlG2(a) => a.site.root.clone(),
        ImportCommand::Jekyll(a) | ImportCommand::Hugo(a) | ImportCommand::Zola(a) => {
            a.site.root.clone()
        }
    };
    let config = match crate::discover::load_config(&root) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{d}");
            return 1;
        }
    };
    let mut imp = match run::Importer::new(&root, config.timezone, config.max_article_bytes) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    if verbosity.quiet() {
        imp.progress = indicatif::ProgressBar::hidden();
    }
    let tz = config.timezone;
    // The reader runs beside the conversion (relay.rs).
    let summary = relay::run(imp, |sink| match &command {
        ImportCommand::Wordpress(a) => {
            wordpress::import(&a.exports, a.uploads.as_deref(), tz, sink)
        }
        ImportCommand::Ninjs(a) => ninjs::import(&a.inputs, tz, sink),
        ImportCommand::NewsmlG2(a) => newsml::import(&a.inputs, tz, sink),
        ImportCommand::Jekyll(a) => {
            static_site::import(static_site::Generator::Jekyll, &a.source, tz, sink);
        }
        ImportCommand::Hugo(a) => {
            static_site::import(static_site::Generator::Hugo, &a.source, tz, sink);
        }
        ImportCommand::Zola(a) => {
            static_site::import(static_site::Generator::Zola, &a.source, tz, sink);
        }
    });
    if verbosity.quiet() {
        for line in summary.error_lines() {
            eprintln!("{line}");
        }
    } else {
        let report = summary.report();
        let (problems, last) = report
            .trim_end()
            .rsplit_once('\n')
            .unwrap_or(("", report.trim_end()));
        if !problems.is_empty() {
            eprintln!("{problems}");
        }
        println!("{last}");
    }
    i32::from(!summary.errors.is_empty())
}
