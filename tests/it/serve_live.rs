//! `broadsheet serve`, what open pages hear (over the live reload WebSocket), and
//! a bounded load test on loopback.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::serve::{RAIN, RAIN_FILE, RUSSIA, Server, WAIT};

/// Reads text messages from a WebSocket until one of `kind` (skipping others, such
/// as a second stylesheet message for a file written in two steps), or `None` on a
/// time-out.
fn next_message(
    ws: &mut tungstenite::WebSocket<TcpStream>,
    kind: &str,
) -> Option<serde_json::Value> {
    loop {
        match ws.read() {
            Ok(tungstenite::Message::Text(t)) => {
                let v: serde_json::Value = serde_json::from_str(&t).ok()?;
                if v["kind"] == kind {
                    return Some(v);
                }
            }
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
}

fn socket(s: &Server, page: &str) -> tungstenite::WebSocket<TcpStream> {
    let body = s.get(page).body;
    let generation = body
        .split("data-gen=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the page carries its generation")
        .to_string();
    let stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let url = format!(
        "ws://127.0.0.1:{}/__broadsheet/live?gen={generation}&path={page}",
        s.port
    );
    tungstenite::client(url.as_str(), stream)
        .expect("WebSocket")
        .0
}

#[test]
fn open_pages_hear_about_their_own_changes_and_stylesheets() {
    let s = Server::start(&[]);
    let mut russia = socket(&s, RUSSIA);
    let mut rain = socket(&s, RAIN);
    // A stylesheet change: swapped in place, no reload.
    s.write("static/style.css", "body { color: navy; }\n");
    let m = next_message(&mut rain, "css").expect("a css message");
    assert_eq!(m["paths"][0], "/style.css", "{m}");
    assert!(next_message(&mut russia, "css").is_some());
    assert!(s.get("/style.css").body.contains("navy"));
    // An edit of the rain story reloads its page, not the unrelated Russia page.
    s.edit(RAIN_FILE, "lashed the city", "soaked the city");
    next_message(&mut rain, "reload").expect("a reload message");
    russia
        .get_mut()
        .set_read_timeout(Some(Duration::from_millis(700)))
        .unwrap();
    assert!(
        next_message(&mut russia, "reload").is_none(),
        "the Russia page did not change"
    );
    // A broken template reaches every page as an overlay message, and its fix too.
    s.write("templates/base.html", "{% block main %}{% endblock");
    let m = next_message(&mut rain, "failed").expect("a failure message");
    assert!(
        m["overlay"]
            .as_str()
            .unwrap()
            .contains("templates/base.html"),
        "{m}"
    );
}

#[test]
fn keeps_answering_under_two_hundred_concurrent_requests() {
    let s = Server::start(&[]);
    let port = s.port;
    let start = Instant::now();
    let threads: Vec<_> = (0..200)
        .map(|i| {
            std::thread::spawn(move || {
                let paths = ["/", RUSSIA, "/style.css", "/topics/world/", "/nope/"];
                let mut ok = 0;
                for j in 0..5 {
                    let path = paths[(i + j) % paths.len()];
                    let mut c = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                    c.write_all(
                        format!(
                            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        )
                        .as_bytes(),
                    )
                    .unwrap();
                    let mut out = Vec::new();
                    c.read_to_end(&mut out).unwrap();
                    let head = String::from_utf8_lossy(&out[..out.len().min(20)]).into_owned();
                    let want = if path == "/nope/" {
                        "HTTP/1.1 404"
                    } else {
                        "HTTP/1.1 200"
                    };
                    assert!(head.starts_with(want), "{path}: {head}");
                    ok += 1;
                }
                ok
            })
        })
        .collect();
    let total: usize = threads
        .into_iter()
        .map(|t| t.join().expect("client thread"))
        .sum();
    assert_eq!(total, 1000);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    // Still answering afterwards.
    assert_eq!(s.get("/").status, 200);
}
