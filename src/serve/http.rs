//! The preview's HTTP server: serves the in-memory site, the live reload script and
//! its WebSocket. Only files of the preview site are served (there is no file system
//! path to escape to, and suspicious request paths are refused anyway); requests for
//! another host name are refused (DNS rebinding); no CORS headers are sent.

use std::net::IpAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast::error::RecvError;

use super::output::{Event, Output};
use super::reload;

/// What the handlers share.
pub struct App {
    pub output: Arc<Output>,
    pub hosts: HostGuard,
}

/// The HTTP routes: the live reload socket, everything else from the site.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(reload::SOCKET_PATH, get(live))
        .fallback(files)
        .with_state(app)
}

/// Which `Host` (and WebSocket `Origin`) names are answered: `localhost` and the
/// bound address; any address literal when bound to all interfaces.
#[derive(Debug, Clone)]
pub struct HostGuard {
    pub bind: IpAddr,
}

impl HostGuard {
    pub fn allows(&self, host: &str) -> bool {
        let name = host_name(host);
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip == self.bind || self.bind.is_unspecified(),
            Err(_) => false,
        }
    }

    /// Checks the `Host` header, and `Origin` when present.
    fn check(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .ok_or((StatusCode::BAD_REQUEST, "missing Host header"))?;
        if !self.allows(host) {
            return Err((
                StatusCode::FORBIDDEN,
                "this preview server answers only to localhost and its own address",
            ));
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            let origin = origin.to_str().unwrap_or("");
            let host = origin.split_once("://").map_or("", |(_, rest)| rest);
            if !self.allows(host) {
                return Err((StatusCode::FORBIDDEN, "cross-origin request refused"));
            }
        }
        Ok(())
    }
}

/// A refused request: status and reason.
type Refusal = (StatusCode, &'static str);

/// The host part of a `Host` header value: no port, no IPv6 brackets.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    }
}

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
pub struct BadPath;

/// The output file a request path names (`/a/b/` → `a/b/index.html`), or
/// [`BadPath`] for anything that looks like an escape: `..` or `.` segments (plain or
/// percent-encoded), backslashes, NUL bytes, empty segments (`//etc/passwd`), text
/// that is not UTF-8, or a path not starting with `/`.
pub fn request_key(raw: &str) -> Result<String, BadPath> {
    let path = raw.strip_prefix('/').ok_or(BadPath)?;
    if raw.contains('\\') {
        return Err(BadPath);
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(path).collect();
    if bytes.contains(&0) {
        return Err(BadPath);
    }
    let decoded = String::from_utf8(bytes).map_err(|_| BadPath)?;
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if *s == "." || *s == ".." || s.contains('\\') || (s.is_empty() && i != last) {
            return Err(BadPath);
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Ok(format!("{decoded}index.html"))
    } else {
        Ok(decoded)
    }
}

/// The `Content-Type` of an output file.
pub fn content_type(key: &str) -> String {
    let ext = key
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8".into(),
        "css" => "text/css; charset=utf-8".into(),
        "js" | "mjs" => "text/javascript; charset=utf-8".into(),
        "xml" => "application/xml; charset=utf-8".into(),
        "json" => "application/json".into(),
        "txt" => "text/plain; charset=utf-8".into(),
        // mime_guess still names the old `application/font-*` types.
        "woff" | "woff2" | "ttf" | "otf" => format!("font/{ext}"),
        _ => mime_guess::from_ext(&ext)
            .first_or_octet_stream()
            .essence_str()
            .to_string(),
    }
}

fn is_html(key: &str) -> bool {
    key.ends_with(".html") || key.ends_with(".htm")
}

fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{text}\n"),
    )
        .into_response()
}

fn respond(app: &App, method: &Method, status: StatusCode, key: &str, bytes: Bytes) -> Response {
    let body = if is_html(key) {
        let generation = app.output.generation();
        let overlay = app.output.overlay();
        Bytes::from(reload::inject(&bytes, generation, key, overlay.as_deref()))
    } else {
        bytes
    };
    let len = body.len();
    let mut response = Response::new(if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    });
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type(key)).expect("content types are ASCII"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    // A preview is always fresh.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Every request but the WebSocket: a file of the site, the script, or the 404 page.
async fn files(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if let Err((status, why)) = app.hosts.check(&headers) {
        return plain(status, why);
    }
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    if uri.path() == reload::SCRIPT_PATH {
        return respond(
            &app,
            &method,
            StatusCode::OK,
            "live.js",
            Bytes::from_static(reload::SCRIPT.as_bytes()),
        );
    }
    let Ok(key) = request_key(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "bad request path");
    };
    if let Some(bytes) = app.output.get(&key) {
        return respond(&app, &method, StatusCode::OK, &key, bytes);
    }
    // `/topics` for `/topics/`: send the browser to the folder, so relative links work.
    if !key.ends_with("index.html") || !uri.path().ends_with('/') {
        let folder = format!("{key}/index.html");
        if app.output.contains(&folder) {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            let location = format!("{}/", uri.path());
            if let Ok(v) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            return r;
        }
    }
    match app.output.get("404.html") {
        Some(bytes) => respond(&app, &method, StatusCode::NOT_FOUND, "404.html", bytes),
        None => {
            let page = format!(
                "<!doctype html><title>Not found</title><h1>Not found</h1><p>{}</p></body>",
                reload::escape(uri.path())
            );
            respond(
                &app,
                &method,
                StatusCode::NOT_FOUND,
                "404.html",
                Bytes::from(page),
            )
        }
    }
}

/// The live reload WebSocket: `?gen=N&key=K&path=P` from the page's script.
async fn live(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if let Err((status, why)) = app.hosts.check(&headers) {
        return plain(status, why);
    }
    let mut generation = 0;
    let mut keys = Vec::new();
    for pair in uri.query().unwrap_or("").split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_encoding::percent_decode_str(value)
            .decode_utf8_lossy()
            .into_owned();
        match name {
            "gen" => generation = value.parse().unwrap_or(0),
            "key" if !value.is_empty() => keys.push(value),
            "path" => {
                if let Ok(k) = request_key(&value) {
                    keys.push(k);
                }
            }
            _ => {}
        }
    }
    upgrade.on_upgrade(move |socket| client(socket, app, generation, keys))
}

async fn client(mut socket: WebSocket, app: Arc<App>, generation: u64, keys: Vec<String>) {
    let mut events = app.output.subscribe();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    if let Some(overlay) = app.output.overlay() {
        let text = reload::message(&Event::Failed { overlay });
        if socket.send(Message::Text(text.into())).await.is_err() {
            return;
        }
    }
    if app.output.changed_since(generation, &refs) {
        let text = reload::message(&Event::ReloadAll {
            generation: app.output.generation(),
        });
        let _ = socket.send(Message::Text(text.into())).await;
    }
    loop {
        tokio::select! {
            event = events.recv() => {
                let event = match event {
                    Ok(e) => e,
                    // Missed some: reload to be safe.
                    Err(RecvError::Lagged(_)) => Event::ReloadAll { generation: app.output.generation() },
                    Err(RecvError::Closed) => return,
                };
                let relevant = match &event {
                    Event::Reload { keys: changed, .. } => refs.iter().any(|k| changed.contains(*k)),
                    _ => true,
                };
                if relevant && socket.send(Message::Text(reload::message(&event).into())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_output_files() {
        for (raw, want) in [
            ("/", Ok("index.html")),
            ("/topics/world/", Ok("topics/world/index.html")),
            ("/style.css", Ok("style.css")),
            ("/topics", Ok("topics")),
            ("/caf%C3%A9/", Ok("café/index.html")),
            ("/a%20b.css", Ok("a b.css")),
            ("/../etc/passwd", Err(BadPath)),
            ("/a/../../etc/passwd", Err(BadPath)),
            ("/%2e%2e/etc/passwd", Err(BadPath)),
            ("/%2E%2E%2Fetc%2Fpasswd", Err(BadPath)),
            ("/a/%2e/b", Err(BadPath)),
            ("/..%5c..%5cetc", Err(BadPath)),
            ("/a\\b", Err(BadPath)),
            ("//etc/passwd", Err(BadPath)),
            ("/a//b", Err(BadPath)),
            ("/a%00.html", Err(BadPath)),
            ("/%ff", Err(BadPath)),
            ("etc/passwd", Err(BadPath)),
            ("", Err(BadPath)),
        ] {
            assert_eq!(request_key(raw), want.map(str::to_string), "{raw}");
        }
    }

    #[test]
    fn hosts_are_localhost_or_the_bound_address() {
        let g = HostGuard {
            bind: "127.0.0.1".parse().unwrap(),
        };
        for (host, ok) in [
            ("localhost", true),
            ("LOCALHOST:1111", true),
            ("127.0.0.1:1111", true),
            ("127.0.0.1", true),
            ("evil.example", false),
            ("evil.example:1111", false),
            ("localhost.evil.example", false),
            ("127.0.0.2:1111", false),
            ("[::1]:1111", false),
            ("", false),
        ] {
            assert_eq!(g.allows(host), ok, "{host}");
        }
        let any = HostGuard {
            bind: "0.0.0.0".parse().unwrap(),
        };
        assert!(any.allows("192.168.1.20:1111"));
        assert!(!any.allows("rebind.example:1111"));
        let v6 = HostGuard {
            bind: "::1".parse().unwrap(),
        };
        assert!(v6.allows("[::1]:8080"));
    }

    #[test]
    fn content_types() {
        for (key, want) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("feed.xml", "application/xml; charset=utf-8"),
            ("logo.png", "image/png"),
            ("photo.JPG", "image/jpeg"),
            ("logo.svg", "image/svg+xml"),
            ("font.woff2", "font/woff2"),
            ("font.woff", "font/woff"),
            ("font.ttf", "font/ttf"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(key), want, "{key}");
        }
    }
}
