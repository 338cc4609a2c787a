//! `broadsheet serve`: builds the site into memory, serves it over HTTP on loopback,
//! watches the sources and rebuilds what a change touches, and tells open pages to
//! reload. Input: the site folder. Output: HTTP responses; it never writes to the
//! disk (in particular never to `public/`).
//!
//! Threads: the HTTP server (tokio), the file watcher (notify), one rebuild thread
//! that owns the [`state::Preview`], and a one-thread pool for related news in the
//! background.

mod assets;
pub mod http;
pub mod output;
pub mod pages;
pub mod related;
pub mod reload;
pub mod state;
pub mod templates;
pub mod watch;

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::diagnostics::{self, Verbosity};

use output::Output;
use state::{Changes, Outcome, Preview, Settings};
use watch::{Msg, Watcher};

/// How long the sources must stay quiet before related news is recomputed in the
/// background (it reads every article; a writer typing should not pay for it).
const SETTLE_DELAY: Duration = Duration::from_millis(300);

/// `broadsheet serve` options.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    pub future: bool,
    pub now: Option<DateTime<FixedOffset>>,
    /// Open the preview in the default browser.
    pub open: bool,
    pub verbosity: crate::diagnostics::Verbosity,
}

/// Runs the preview server until interrupted. Errors only when it cannot start.
pub fn run(opts: ServeOptions) -> Result<(), String> {
    if !opts.root.join("site.toml").is_file() {
        return Err(format!(
            "{} holds no site.toml; run broadsheet serve in a site folder, or pass --root DIR",
            opts.root.display()
        ));
    }
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((opts.bind, opts.port)))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen: {e}"))?;
    let url = format!("http://{addr}/");

    let output = Arc::new(Output::new());
    let (tx, rx) = std::sync::mpsc::channel();
    // Watch before the first build, so nothing saved meanwhile is missed.
    let watcher = watch::start(&root, tx.clone())?;
    let mut preview = Preview::new(
        Settings {
            root: root.clone(),
            base_url: url.clone(),
            drafts: opts.drafts,
            future: opts.future,
            now: opts.now,
            verbosity: opts.verbosity,
        },
        output.clone(),
    );
    let quiet = opts.verbosity.quiet();
    if !quiet {
        eprintln!("building {} ...", root.display());
    }
    let first = preview.apply(&Changes::everything());
    if !first.failed && !quiet {
        eprintln!(
            "built {} into {} in {:.0} ms",
            diagnostics::plural(
                preview.site().map_or(0, |s| s.articles.len()),
                "article",
                "articles"
            ),
            diagnostics::plural(first.rendered, "page", "pages"),
            first.millis
        );
    }
    std::thread::Builder::new()
        .name("rebuild".into())
        .spawn(move || rebuild_loop(preview, watcher, rx, tx))
        .map_err(|e| format!("cannot start the rebuild thread: {e}"))?;

    println!("serving {url}");
    let _ = std::io::stdout().flush();
    if !quiet {
        eprintln!(
            "watching content/, templates/, static/, themes/ and site.toml; press Ctrl-C to stop"
        );
    }
    if opts.open {
        open_browser(&url);
    }
    let app = Arc::new(http::App {
        output,
        hosts: http::HostGuard { bind: opts.bind },
    });
    let result = runtime.block_on(async move {
        tokio::select! {
            served = axum::serve(listener, http::router(app)) => served,
            // Open pages hold WebSockets forever: stop at once rather than wait for them.
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    });
    runtime.shutdown_background();
    result.map_err(|e| format!("server error: {e}"))
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("note: could not open a browser ({opener}); open {url} yourself");
    }
}

/// `--verbose` or `BROADSHEET_SERVE_TIMINGS=1` prints stage timings.
fn timings(verbosity: Verbosity) -> bool {
    verbosity.verbose() || std::env::var_os("BROADSHEET_SERVE_TIMINGS").is_some()
}

fn print_outcome(what: &str, o: &Outcome, verbosity: Verbosity) {
    if o.failed || verbosity.quiet() {
        return;
    }
    let mut parts = vec![format!(
        "{} changed",
        diagnostics::plural(o.changed, "page", "pages")
    )];
    if o.removed > 0 {
        parts.push(format!("{} removed", o.removed));
    }
    if o.statics > 0 {
        parts.push(diagnostics::plural(
            o.statics,
            "static file",
            "static files",
        ));
    }
    eprintln!(
        "{what} in {:.0} ms: {} ({} rendered)",
        o.millis,
        parts.join(", "),
        o.rendered
    );
    if timings(verbosity) {
        let laps: Vec<String> = o
            .laps
            .iter()
            .map(|(stage, ms)| format!("{stage} {ms:.1}"))
            .collect();
        eprintln!("  ms: {}", laps.join(", "));
    }
}

/// The rebuild thread: applies batches of changes as they come, and recomputes
/// related news in the background once the sources are quiet.
fn rebuild_loop(mut preview: Preview, mut watcher: Watcher, rx: Receiver<Msg>, tx: Sender<Msg>) {
    // One thread at the lowest priority: it must not slow the next rebuild down.
    let background = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "related".into())
        .start_handler(|_| {
            let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
        })
        .build();
    let mut settle_at: Option<Instant> = None;
    let mut settling = false;
    let mut queued: Vec<Msg> = Vec::new();
    loop {
        let msg = if let Some(m) = queued.pop() {
            Some(m)
        } else if let Some(at) = settle_at {
            match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return,
            }
        };
        match msg {
            None => {
                settle_at = None;
                if settling {
                    continue;
                }
                let (Some((serial, site)), Ok(pool)) = (preview.settle_job(), &background) else {
                    continue;
                };
                settling = true;
                let tx = tx.clone();
                pool.spawn(move || {
                    let start = Instant::now();
                    let related = crate::related::compute(&site);
                    drop(site);
                    let _ = tx.send(Msg::Related {
                        serial,
                        related,
                        millis: start.elapsed().as_secs_f64() * 1000.0,
                    });
                });
            }
            Some(Msg::Files { paths, rescan }) => {
                let mut paths = paths;
                let mut rescan = rescan;
                // Take every batch already waiting: one rebuild for all of them.
                while let Ok(m) = rx.try_recv() {
                    match m {
                        Msg::Files {
                            paths: p,
                            rescan: r,
                        } => {
                            paths.extend(p);
                            rescan |= r;
                        }
                        other => queued.push(other),
                    }
                }
                let changes = preview.changes(&paths, rescan);
                for folder in &changes.folders {
                    watch::watch_folder(&mut watcher, &preview.root().join(folder));
                }
                if changes.is_empty() {
                    continue;
                }
                let outcome = preview.apply(&changes);
                print_outcome("rebuilt", &outcome, preview.verbosity());
                if preview.settle_job().is_some() {
                    settle_at = Some(Instant::now() + SETTLE_DELAY);
                }
            }
            Some(Msg::Related {
                serial,
                related,
                millis,
            }) => {
                settling = false;
                match preview.settle(serial, related) {
                    Some(outcome) => print_outcome(
                        &format!("related news recomputed in {millis:.0} ms and"),
                        &outcome,
                        preview.verbosity(),
                    ),
                    None if timings(preview.verbosity()) => {
                        eprintln!("related news recomputed in {millis:.0} ms: no change")
                    }
                    None => {}
                }
                if preview.settle_job().is_some() {
                    settle_at = Some(Instant::now() + SETTLE_DELAY);
                }
            }
        }
    }
}
