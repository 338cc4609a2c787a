//! Benchmark of `broadsheet serve` on a large site: time from saving an article (a
//! new title: its page and every list showing it change) to the open page having
//! reloaded with the change, and a bounded load test.
//!
//! ```text
//! python3 ../shared/bench/gen_corpus.py --n 10000 --seed 1 --out /tmp/site10k
//! cargo build --release && cargo run --release --example serve_bench -- /tmp/site10k
//! ```
//!
//! Options after the site folder: `--edits N` (21), `--pause-ms MS` (4000, room for
//! the background related-news pass between edits), `--clients N` (200) and
//! `--requests N` (per client, 25), `--log FILE` (the server's log, with stage
//! timings). Edited files are restored at the end. Every
//! request goes to 127.0.0.1 only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Args {
    root: PathBuf,
    edits: usize,
    pause: Duration,
    clients: usize,
    requests: usize,
    /// Where the server's own log goes (with stage timings).
    log: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        root: PathBuf::new(),
        edits: 21,
        pause: Duration::from_millis(4000),
        clients: 200,
        requests: 25,
        log: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut num = || -> u64 {
            it.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{arg} needs a number"))
        };
        match arg.as_str() {
            "--edits" => a.edits = num() as usize,
            "--pause-ms" => a.pause = Duration::from_millis(num()),
            "--clients" => a.clients = num() as usize,
            "--requests" => a.requests = num() as usize,
            "--log" => a.log = it.next().map(PathBuf::from),
            other => a.root = PathBuf::from(other),
        }
    }
    assert!(
        a.root.join("site.toml").is_file(),
        "usage: serve_bench SITE [--edits N] [--pause-ms MS] [--clients N] [--requests N]"
    );
    a
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn socket(port: u16, path: &str) -> tungstenite::WebSocket<TcpStream> {
    let (_, page) = get(port, path);
    let generation = page
        .split("data-gen=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("0")
        .to_string();
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let url = format!("ws://127.0.0.1:{port}/__broadsheet/live?gen={generation}&path={path}");
    tungstenite::client(url.as_str(), stream)
        .expect("websocket")
        .0
}

/// Waits for a reload message; other messages (stylesheets, overlays) are skipped.
fn wait_reload(ws: &mut tungstenite::WebSocket<TcpStream>) {
    loop {
        match ws.read().expect("a message before the time-out") {
            tungstenite::Message::Text(t) if t.contains("\"reload\"") => return,
            _ => continue,
        }
    }
}

/// Drops messages already queued (a background related-news pass reloads pages too),
/// so the next wait sees this edit's reload, not an earlier one.
fn drain(ws: &mut tungstenite::WebSocket<TcpStream>) {
    let stream = ws.get_ref();
    let old = stream.read_timeout().ok().flatten();
    stream
        .set_read_timeout(Some(std::time::Duration::from_millis(20)))
        .expect("set a read time-out");
    while ws.read().is_ok() {}
    ws.get_ref()
        .set_read_timeout(old)
        .expect("restore the read time-out");
}

fn stats(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    if n == 0 {
        return;
    }
    println!(
        "{label}: n={n} median {:.0} ms, min {:.0}, p90 {:.0}, max {:.0}",
        ms[n / 2],
        ms[0],
        ms[(n * 9 / 10).min(n - 1)],
        ms[n - 1]
    );
}

/// The output path of an article file, as the site would publish it.
fn article_url(root: &Path, rel: &str) -> String {
    let config = broadsheet::discover::load_config(root).expect("site.toml");
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let (a, _) = broadsheet::parse::article::parse_article(&text, rel, &config)
        .unwrap_or_else(|_| panic!("{rel} parses"));
    format!("/{}", a.path)
}

#[allow(clippy::too_many_lines)] // one scripted session: each edit, its wait and its figures, in order
fn main() {
    let a = args();
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/examples")
        .join("broadsheet");
    let started = Instant::now();
    let child = Command::new(&bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(&a.root)
        .env("BROADSHEET_SERVE_TIMINGS", "1")
        .stdout(Stdio::piped())
        .stderr(match &a.log {
            Some(p) => Stdio::from(std::fs::File::create(p).expect("log file")),
            None => Stdio::null(),
        })
        .spawn()
        .unwrap_or_else(|e| panic!("start {}: {e}", bin.display()));
    let mut child = Stop(child);
    let mut first = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let port: u16 = first
        .trim()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("serving http://127.0.0.1:PORT/");
    println!(
        "first build and serve: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let mut files: Vec<String> = walk(&a.root.join("content"))
        .into_iter()
        .map(|p| broadsheet::discover::rel_path(&a.root, &p))
        .collect();
    files.sort();
    let rel = files[files.len() / 2].clone();
    let path = article_url(&a.root, &rel);
    let file = a.root.join(&rel);
    let original = std::fs::read_to_string(&file).unwrap();
    let restore_article = Restore(file.clone(), original.clone());
    println!("editing {rel} ({path})");

    // Title edits: the article page and every list showing its card change. The
    // slug is pinned first so the URL stays put.
    let slug = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let pinned = if original.contains("\nslug:") {
        original.clone()
    } else {
        original.replacen("---\n", &format!("---\nslug: {slug}\n"), 1)
    };
    std::fs::write(&file, &pinned).unwrap();
    std::thread::sleep(a.pause);
    let mut ws = socket(port, &path);
    let mut saved_to_reload = Vec::new();
    let mut saved_to_page = Vec::new();
    for i in 0..a.edits {
        let marker = format!("Benchmark edit number {i}");
        let edited: Vec<String> = pinned
            .lines()
            .map(|l| {
                if l.starts_with("title:") {
                    format!("title: \"{marker}\"")
                } else {
                    l.to_string()
                }
            })
            .collect();
        drain(&mut ws);
        let t0 = Instant::now();
        std::fs::write(&file, edited.join("\n") + "\n").unwrap();
        wait_reload(&mut ws);
        saved_to_reload.push(t0.elapsed().as_secs_f64() * 1000.0);
        let (status, page) = get(port, &path);
        assert_eq!(status, 200);
        assert!(page.contains(&marker), "the reloaded page shows edit {i}");
        saved_to_page.push(t0.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(a.pause);
    }
    drop(restore_article);
    stats(
        "article title edit: saved -> reload message",
        saved_to_reload,
    );
    stats(
        "article title edit: saved -> reloaded page fetched (with the change)",
        saved_to_page,
    );
    std::thread::sleep(a.pause);

    // Template edit, when the site has its own article template: every article page.
    let template = a.root.join("templates/article.html");
    if let Ok(original) = std::fs::read_to_string(&template) {
        let restore = Restore(template.clone(), original.clone());
        let mut ws = socket(port, &path);
        let mut times = Vec::new();
        for i in 0..3 {
            let marker = format!("<!-- template edit {i} -->");
            // Inside the first block, so a child template stays valid.
            let at = original
                .find("{% block")
                .and_then(|b| original[b..].find("%}").map(|e| b + e + 2))
                .unwrap_or(0);
            let edited = format!("{}{marker}{}", &original[..at], &original[at..]);
            let t0 = Instant::now();
            std::fs::write(&template, edited).unwrap();
            wait_reload(&mut ws);
            let (_, page) = get(port, &path);
            assert!(page.contains(&marker));
            times.push(t0.elapsed().as_secs_f64() * 1000.0);
            std::thread::sleep(a.pause);
        }
        drop(restore);
        stats("article.html edit: saved -> reloaded page fetched", times);
        std::thread::sleep(a.pause);
    }

    // Load: bounded, loopback only.
    let t0 = Instant::now();
    let paths = [
        path.clone(),
        "/".into(),
        "/topics/".into(),
        "/no/such/".into(),
    ];
    let threads: Vec<_> = (0..a.clients)
        .map(|c| {
            let paths = paths.clone();
            let n = a.requests;
            std::thread::spawn(move || {
                let mut lat = Vec::with_capacity(n);
                let mut failed = 0;
                for r in 0..n {
                    let p = &paths[(c + r) % paths.len()];
                    let t = Instant::now();
                    let (status, _) = get(port, p);
                    if status != 200 && status != 404 {
                        failed += 1;
                    }
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                (lat, failed)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut failed = 0;
    for t in threads {
        let (lat, f) = t.join().unwrap();
        all.extend(lat);
        failed += f;
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "load: {} clients x {} requests = {} in {:.1} s ({:.0} req/s), {failed} failed",
        a.clients,
        a.requests,
        all.len(),
        secs,
        all.len() as f64 / secs
    );
    stats("load: request latency", all);
}

/// Puts an edited file back however the benchmark ends.
struct Restore(PathBuf, String);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.0, &self.1);
    }
}

/// Stops the server however the benchmark ends.
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}
