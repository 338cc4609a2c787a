//! Live reload: the script every served HTML page gets, the error overlay, and the
//! messages sent to open pages over the WebSocket. Only `serve` adds any of this;
//! pages are stored exactly as `build` would write them and changed on the way out.

use crate::diagnostics::{Diagnostic, Severity};

/// Where the script is served from, and the WebSocket it opens.
pub const SCRIPT_PATH: &str = "/__broadsheet/live.js";
pub const SOCKET_PATH: &str = "/__broadsheet/live";
/// Element id of the error overlay.
pub const OVERLAY_ID: &str = "broadsheet-error-overlay";

/// The live reload client. It connects with the generation and output path the page
/// was served as; the server tells it to reload, swap stylesheets, or show or hide
/// the error overlay. When the connection drops it retries, and reloads once back
/// (the server may have restarted with a different site).
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var gen = me ? me.getAttribute("data-gen") : "0";
  var key = me ? me.getAttribute("data-key") : "";
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host +
    "/__broadsheet/live?gen=" + encodeURIComponent(gen) + "&key=" + encodeURIComponent(key) +
    "&path=" + encodeURIComponent(location.pathname);
  var OVERLAY = "broadsheet-error-overlay";
  var lost = false;
  function showOverlay(html) {
    hideOverlay();
    var box = document.createElement("div");
    box.innerHTML = html;
    var el = box.firstElementChild;
    if (el) document.body.appendChild(el);
  }
  function hideOverlay() {
    var el = document.getElementById(OVERLAY);
    if (el) el.remove();
  }
  function swapCss(paths, g) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    links.forEach(function (link) {
      var u = new URL(link.href, location.href);
      if (u.origin !== location.origin || paths.indexOf(u.pathname) < 0) return;
      u.searchParams.set("broadsheet", g);
      var next = link.cloneNode();
      next.href = u.pathname + u.search;
      next.onload = function () { link.remove(); };
      link.after(next);
    });
  }
  function connect() {
    var ws = new WebSocket(url);
    ws.onopen = function () {
      if (lost) location.reload();
      window.__broadsheetLive.open = true;
    };
    ws.onmessage = function (e) {
      var m = JSON.parse(e.data);
      if (m.kind === "reload") location.reload();
      else if (m.kind === "css") swapCss(m.paths, m.generation);
      else if (m.kind === "failed") showOverlay(m.overlay);
      else if (m.kind === "fixed") hideOverlay();
    };
    ws.onclose = function () {
      window.__broadsheetLive.open = false;
      lost = true;
      setTimeout(connect, 1000);
    };
  }
  window.__broadsheetLive = { generation: gen, key: key, open: false };
  connect();
})();
"#;

/// Adds the live reload script (and the overlay while the site does not build) to an
/// HTML page, before `</body>` or at the end.
pub fn inject(html: &[u8], generation: u64, key: &str, overlay: Option<&str>) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-gen=\"{generation}\" data-key=\"{}\"></script>",
        escape(key)
    );
    let extra = overlay.unwrap_or("");
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Byte offset of the last `</body` (any case).
fn find_body_end(html: &[u8]) -> Option<usize> {
    const NEEDLE: &[u8] = b"</body";
    if html.len() < NEEDLE.len() {
        return None;
    }
    (0..=html.len() - NEEDLE.len())
        .rev()
        .find(|&i| html[i..i + NEEDLE.len()].eq_ignore_ascii_case(NEEDLE))
}

/// The overlay shown over every page while the last change does not build.
pub fn overlay(diags: &[Diagnostic]) -> String {
    let mut items = String::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        let mut place = escape(&d.file);
        if d.line > 0 {
            place.push_str(&format!(":{}", d.line));
            if d.column > 0 {
                place.push_str(&format!(":{}", d.column));
            }
        }
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        items.push_str(&format!(
            "<li><code class=\"broadsheet-where\">{place}</code> <b>{kind}:</b> {}",
            escape(&d.message)
        ));
        if let Some(help) = &d.help {
            items.push_str(&format!(
                "<pre style=\"white-space:pre-wrap;margin:.3em 0 0\">{}</pre>",
                escape(help)
            ));
        }
        items.push_str("</li>");
    }
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:15px/1.45 ui-monospace,monospace;padding:2em\">\
<h2 style=\"margin:0 0 .6em;color:#ff8a80;font-size:1.2em\">broadsheet: the last change does not build</h2>\
<p style=\"margin:0 0 1em\">These pages are the last good version. Fix the file and save; the page updates by itself.</p>\
<ul style=\"padding-left:1.2em\">{items}</ul></div>"
    )
}

/// A message to open pages, as JSON text.
pub fn message(event: &super::output::Event) -> String {
    use super::output::Event;
    use serde_json::json;
    match event {
        Event::Reload { generation, .. } | Event::ReloadAll { generation } => {
            json!({"kind": "reload", "generation": generation}).to_string()
        }
        Event::Css { generation, keys } => json!({
            "kind": "css",
            "generation": generation,
            "paths": keys.iter().map(|k| format!("/{k}")).collect::<Vec<_>>(),
        })
        .to_string(),
        Event::Failed { overlay } => json!({"kind": "failed", "overlay": &**overlay}).to_string(),
        Event::Fixed => json!({"kind": "fixed"}).to_string(),
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        for (page, want) in [
            ("<html><body>x</body></html>", "<html><body>x<script"),
            ("<BODY>x</BODY>", "<BODY>x<script"),
            ("plain", "plain<script"),
            ("", "<script"),
        ] {
            let out = String::from_utf8(inject(page.as_bytes(), 7, "a/index.html", None)).unwrap();
            assert!(out.starts_with(want), "{page}: {out}");
            assert!(out.contains("data-gen=\"7\""), "{out}");
        }
    }

    #[test]
    fn overlay_names_file_and_line_escaped() {
        let d = Diagnostic::error("templates/<x>.html", 3, 9, "unexpected `}}`").with_help("a < b");
        let html = overlay(&[d]);
        assert!(html.contains("templates/&lt;x&gt;.html:3:9"), "{html}");
        assert!(html.contains("a &lt; b"), "{html}");
        let page = inject(b"<body></body>", 1, "k", Some(&html));
        assert!(String::from_utf8(page).unwrap().contains(OVERLAY_ID));
    }
}
