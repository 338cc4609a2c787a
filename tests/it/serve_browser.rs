//! End to end in headless Chromium: an open page reloads by itself after a template
//! edit, and swaps a changed stylesheet without reloading. Drives Chromium over the
//! DevTools protocol (a WebSocket). Skipped, with a message, without /usr/bin/chromium
//! (a failure in CI, env `CI`).

use std::io::Read;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::serve::Server;

const CHROMIUM: &str = "/usr/bin/chromium";

struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    page: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET to Chromium's DevTools HTTP endpoint (which keeps connections open, so
/// the body is read by its length).
fn http_get(port: u16, path: &str) -> String {
    use std::io::{BufRead, BufReader, Write};
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("DevTools HTTP");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut len = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return String::new();
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            len = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    let _ = reader.read_exact(&mut body);
    String::from_utf8_lossy(&body).into_owned()
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        // Chromium writes the port it picked into the profile.
        let port_file = profile.path().join("DevToolsActivePort");
        let start = Instant::now();
        let port: u16 = loop {
            if let Some(p) = std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|t| t.lines().next().and_then(|l| l.trim().parse().ok()))
            {
                break p;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromium did not open its DevTools port"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        let targets: Value = loop {
            if let Ok(v) = serde_json::from_str::<Value>(&http_get(port, "/json/list"))
                && v.as_array()
                    .is_some_and(|a| a.iter().any(|t| t["type"] == "page"))
            {
                break v;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "no page target");
            std::thread::sleep(Duration::from_millis(100));
        };
        let ws_url = targets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .expect("a page to drive")
            .to_string();
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let (page, _) = tungstenite::client(ws_url.as_str(), stream).expect("DevTools socket");
        Browser {
            child,
            _profile: profile,
            page,
            next_id: 0,
        }
    }

    /// Sends a DevTools command and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({"id": id, "method": method, "params": params}).to_string();
        self.page
            .send(tungstenite::Message::Text(msg.into()))
            .expect("send to chromium");
        loop {
            let reply = self.page.read().expect("reply from chromium");
            if let tungstenite::Message::Text(t) = reply {
                let v: Value = serde_json::from_str(&t).unwrap();
                if v["id"] == id {
                    return v["result"].clone();
                }
            }
        }
    }

    /// Evaluates a JavaScript expression in the page (`None` while it navigates).
    fn eval(&mut self, expr: &str) -> Option<Value> {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true}),
        );
        r.get("result").and_then(|r| r.get("value")).cloned()
    }

    fn wait_for(&mut self, what: &str, expr: &str, ok: impl Fn(&Value) -> bool) -> Value {
        let start = Instant::now();
        let mut last = None;
        loop {
            if let Some(v) = self.eval(expr) {
                if ok(&v) {
                    return v;
                }
                last = Some(v);
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {what}; last value {last:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[test]
fn an_open_page_reloads_after_a_template_edit_and_swaps_stylesheets() {
    if !Path::new(CHROMIUM).exists() {
        crate::support::skip_unless_ci(
            "live reload in Chromium",
            &format!("{CHROMIUM} is not installed (Debian package `chromium`)"),
        );
        return;
    }
    let server = Server::start(&[]);
    let mut browser = Browser::launch();
    let url = format!(
        "{}2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/",
        server.url
    );
    browser.call("Page.navigate", json!({ "url": url }));
    browser.wait_for(
        "the page with a connected live reload socket",
        "!!(window.__broadsheetLive && window.__broadsheetLive.open)",
        |v| v == &json!(true),
    );
    // A marker that survives anything but a reload.
    browser.eval("window.__marker = 'not reloaded'; true");
    let headline = "document.querySelector('h1.headline').className";
    assert_eq!(browser.eval(headline), Some(json!("headline")));

    // A stylesheet edit is swapped in place: the marker stays.
    server.write("static/style.css", "body { color: rgb(0, 0, 128); }\n");
    browser.wait_for(
        "the new stylesheet",
        "getComputedStyle(document.body).color",
        |v| v == "rgb(0, 0, 128)",
    );
    assert_eq!(browser.eval("window.__marker"), Some(json!("not reloaded")));

    // A template edit reloads the page by itself and shows the change.
    server.edit(
        "templates/article.html",
        "<h1 class=\"headline\">",
        "<h1 class=\"headline live-edit\">",
    );
    browser.wait_for(
        "the reloaded page with the edited template",
        &format!("(window.__marker || 'reloaded') + ' ' + {headline}"),
        |v| v == "reloaded headline live-edit",
    );
}
