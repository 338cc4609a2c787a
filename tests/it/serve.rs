//! `broadsheet serve`: a real server on a free port, a real HTTP client, files edited
//! on disk while it runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::TempSite;

/// How long a change may take to show (generous: CI shares two cores).
pub const WAIT: Duration = Duration::from_secs(15);

pub const RUSSIA: &str = "/2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/";
pub const RAIN: &str = "/2017/09/20/heavy-rain-lashes-karachi/";
pub const RAIN_FILE: &str = "content/2017/09/karachi-rain.md";

pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
    pub site: TempSite,
    stderr: Arc<Mutex<String>>,
    agent: ureq::Agent,
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// Starts `broadsheet serve --port 0` on a copy of the `preview` fixture site.
    pub fn start(extra: &[&str]) -> Server {
        Self::start_site(TempSite::site("preview"), extra)
    }

    pub fn start_site(site: TempSite, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args([
                "serve",
                "--port",
                "0",
                "--now",
                "2026-01-01T00:00:00Z",
                "--root",
            ])
            .arg(site.root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start broadsheet serve");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut first)
            .expect("read the first line");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err = child.stderr.take().expect("piped");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let url = first
            .trim()
            .strip_prefix("serving ")
            .unwrap_or_else(|| panic!("first line should name the URL: {first:?}"))
            .to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Server {
            child,
            url,
            port,
            site,
            stderr,
            agent,
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
        let headers = r
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        Reply {
            status: r.status().as_u16(),
            headers,
            body: r.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        let url = format!("{}{}", self.url, path.trim_start_matches('/'));
        Self::reply(self.agent.get(&url).call().expect("GET"))
    }

    pub fn head(&self, path: &str) -> Reply {
        let url = format!("{}{}", self.url, path.trim_start_matches('/'));
        Self::reply(self.agent.head(&url).call().expect("HEAD"))
    }

    /// Sends `request` as written (for paths no client library would send).
    pub fn raw(&self, request: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Waits until the page at `path` satisfies `ok`; returns its body.
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "{path}: waited {WAIT:?} for {what}; last reply {}:\n{}\nserver log:\n{}",
                    r.status,
                    r.body,
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server's log once it contains `text`: the server prints its line just
    /// after it swaps the pages in, so a test that saw the page may read the log first.
    pub fn wait_for_log(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.stderr();
            if log.contains(text) || start.elapsed() > WAIT {
                return log;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.site.write(rel, text);
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.site.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} lacks {from:?}");
        std::fs::write(path, text.replace(from, to)).unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn links(body: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(body);
    let sel = scraper::Selector::parse("a.card-link").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn serves_pages_with_types_badges_and_the_live_script() {
    let s = Server::start(&[]);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("/__broadsheet/live.js"), "{}", home.body);
    assert!(home.header("access-control-allow-origin").is_none());
    // Drafts and scheduled articles show by default, with badges.
    assert!(home.body.contains("badge-draft"), "{}", home.body);
    assert!(home.body.contains("badge-scheduled"), "{}", home.body);
    // Links point at the preview, not at base_url's /news/ path.
    assert!(
        links(&home.body).contains(&RUSSIA.to_string()),
        "{}",
        home.body
    );

    let css = s.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("__broadsheet"));
    let js = s.get("/__broadsheet/live.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.body.contains("WebSocket"));

    let head = s.head(RUSSIA);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let full = s.get(RUSSIA);
    assert_eq!(
        head.header("content-length").map(str::to_string),
        Some(full.body.len().to_string())
    );

    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("class=\"not-found\""),
        "{}",
        missing.body
    );
    let redirect = s.get("/topics/world");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/topics/world/"));

    assert_eq!(
        s.raw(
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .lines()
        .next(),
        Some("HTTP/1.1 405 Method Not Allowed")
    );
    // The deploy folder is never touched.
    assert!(!s.site.public().exists());
}

#[test]
fn drafts_and_future_can_be_left_out() {
    let s = Server::start(&["--no-drafts", "--no-future"]);
    let home = s.get("/");
    assert!(!home.body.contains("Unfinished draft"), "{}", home.body);
    assert!(
        !home.body.contains("Story from the future"),
        "{}",
        home.body
    );
    assert_eq!(s.get("/2099/01/01/story-from-the-future/").status, 404);
}

#[test]
fn refuses_traversal_and_foreign_hosts() {
    let s = Server::start(&[]);
    let secret = std::fs::read_to_string(s.site.root().join("site.toml")).unwrap();
    for path in [
        "/../site.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/..%2f..%2fetc%2fpasswd",
        "/a/%2e%2e/%2e%2e/site.toml",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/index.html%00.css",
        "/%00",
        "/content/2017/09/karachi-rain.md",
        "/site.toml",
        "/templates/base.html",
    ] {
        let reply = s.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ));
        let status = reply.split_whitespace().nth(1).unwrap_or("");
        assert!(
            status == "400" || status == "404",
            "{path}: {}",
            reply.lines().next().unwrap_or("")
        );
        assert!(!reply.contains("root:x:0:0"), "{path} leaked /etc/passwd");
        assert!(!reply.contains(secret.trim()), "{path} leaked site.toml");
    }
    for host in ["evil.example", "evil.example:80", "127.0.0.1.nip.io"] {
        let reply = s.raw(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert!(reply.starts_with("HTTP/1.1 403"), "{host}: {reply}");
    }
    for host in [
        "localhost",
        &format!("localhost:{}", s.port),
        &format!("127.0.0.1:{}", s.port),
    ] {
        let reply = s.raw(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert!(reply.starts_with("HTTP/1.1 200"), "{host}: {reply}");
        assert!(
            !reply
                .to_ascii_lowercase()
                .contains("access-control-allow-origin")
        );
    }
    // The reload socket refuses pages from other origins.
    let reply = s.raw(&format!(
        "GET /__broadsheet/live HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://evil.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        s.port
    ));
    assert!(reply.starts_with("HTTP/1.1 403"), "{reply}");
}

#[test]
fn an_edited_article_updates_its_pages_and_leaves_no_stale_url() {
    let s = Server::start(&[]);
    assert_eq!(s.get(RAIN).status, 200);
    s.edit(
        RAIN_FILE,
        "Heavy rain lashes Karachi",
        "Record rain floods Karachi",
    );
    let new_url = "/2017/09/20/record-rain-floods-karachi/";
    let page = s.wait_for(new_url, "the renamed article", |r| r.status == 200);
    assert!(page.body.contains("Record rain floods Karachi"));
    // Every list that shows it follows.
    for list in [
        "/",
        "/topics/pakistan/",
        "/tags/karachi/",
        "/2017/09/20/",
        "/agencies/ppi/",
    ] {
        let body = s.get(list).body;
        assert!(
            links(&body).contains(&new_url.to_string()),
            "{list}: {body}"
        );
        assert!(!links(&body).contains(&RAIN.to_string()), "{list}: {body}");
    }
    // The old URL is gone.
    assert_eq!(s.get(RAIN).status, 404);
    // A body-only edit changes the article page only.
    s.edit(RAIN_FILE, "lashed the city", "soaked the city");
    s.wait_for(new_url, "the new body", |r| {
        r.body.contains("soaked the city")
    });
}

#[test]
fn added_and_deleted_articles_appear_and_disappear_everywhere() {
    let s = Server::start(&[]);
    s.write(
        "content/2017/09/monsoon-warning.md",
        "---\ntitle: \"Monsoon warning for Sindh\"\ndate: 2017-09-24T08:00:00+05:00\ntopics: [Pakistan]\ntags: [Karachi, Monsoon]\n---\nKARACHI, SEPT 24 (PPI) – More rain is expected.\n",
    );
    let url = "/2017/09/24/monsoon-warning-for-sindh/";
    s.wait_for(url, "the new article", |r| r.status == 200);
    for list in [
        "/",
        "/topics/pakistan/",
        "/tags/monsoon/",
        "/2017/09/24/",
        "/2017/",
    ] {
        let body = s.get(list).body;
        assert!(links(&body).contains(&url.to_string()), "{list}: {body}");
    }
    // Related news catches up in the background: the older rain story now links it.
    s.wait_for(RAIN, "related news with the new article", |r| {
        r.body.contains("monsoon-warning-for-sindh")
    });

    std::fs::remove_file(s.site.root().join("content/2017/09/monsoon-warning.md")).unwrap();
    s.wait_for(url, "the article to go", |r| r.status == 404);
    for list in ["/", "/topics/pakistan/", "/tags/monsoon/"] {
        let body = s.get(list).body;
        assert!(!body.contains("monsoon-warning"), "{list}: {body}");
    }
    assert_eq!(
        s.get("/2017/09/24/").status,
        404,
        "the empty day archive goes too"
    );
    s.wait_for(RAIN, "related news without it", |r| {
        !r.body.contains("monsoon-warning-for-sindh")
    });
}

#[test]
fn an_edited_template_re_renders_the_pages_using_it() {
    let s = Server::start(&[]);
    // A partial: every list and related section uses it.
    s.edit(
        "templates/partials/card.html",
        "<article class=\"card\">",
        "<article class=\"card card-v2\">",
    );
    s.wait_for("/topics/world/", "the new card", |r| {
        r.body.contains("card-v2")
    });
    assert!(
        s.get(RUSSIA).body.contains("card-v2"),
        "related cards use it too"
    );
    // The 404 page does not include it and is not re-rendered (checked via the log).
    s.edit(
        "templates/article.html",
        "<h1 class=\"headline\">",
        "<h1 class=\"headline v2\">",
    );
    s.wait_for(RUSSIA, "the new article template", |r| {
        r.body.contains("headline v2")
    });
    assert!(!s.get("/topics/world/").body.contains("headline v2"));
    // Saving through a temporary file and a rename, as many editors do.
    let tmp = s.site.root().join("templates/.base.html.tmp");
    let text = std::fs::read_to_string(s.site.root().join("templates/base.html")).unwrap();
    std::fs::write(&tmp, text.replace("site-footer", "site-footer renamed")).unwrap();
    std::fs::rename(&tmp, s.site.root().join("templates/base.html")).unwrap();
    s.wait_for("/", "the renamed-in base template", |r| {
        r.body.contains("site-footer renamed")
    });
}

#[test]
fn a_broken_template_shows_an_overlay_and_recovers_by_itself() {
    let s = Server::start(&[]);
    let good = std::fs::read_to_string(s.site.root().join("templates/article.html")).unwrap();
    let broken = good.replace(
        "{{ article.title }}",
        "{{ article.title | no_such_filter }}",
    );
    s.write("templates/article.html", &broken);
    let page = s.wait_for(RUSSIA, "the error overlay", |r| {
        r.body.contains("broadsheet-error-overlay")
    });
    assert_eq!(page.status, 200, "the last good page stays served");
    assert!(
        page.body.contains("Pakistan seeks stronger trade ties"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("templates/article.html:4"),
        "{}",
        page.body
    );
    // The same error saved again is not printed again.
    std::thread::sleep(Duration::from_millis(300));
    s.write("templates/article.html", &format!("{broken}\n"));
    std::thread::sleep(Duration::from_millis(800));
    let log = s.stderr();
    assert_eq!(
        log.matches("error: the preview was not updated").count(),
        1,
        "{log}"
    );
    // Fixing the file recovers without a restart.
    s.write(
        "templates/article.html",
        &good.replace("class=\"story\"", "class=\"story fixed\""),
    );
    let page = s.wait_for(RUSSIA, "recovery", |r| r.body.contains("story fixed"));
    assert!(
        !page.body.contains("broadsheet-error-overlay"),
        "{}",
        page.body
    );
    let log = s.wait_for_log("fixed");
    assert!(log.contains("fixed"), "{log}");
}

#[test]
fn a_malformed_article_shows_an_overlay_naming_its_line() {
    let s = Server::start(&[]);
    s.write(
        "content/2017/09/broken.md",
        "---\ntitle: \"Broken\"\ndate: 2017-13-45\n---\nBody\n",
    );
    let page = s.wait_for("/", "the overlay", |r| {
        r.body.contains("broadsheet-error-overlay")
    });
    assert!(
        page.body.contains("content/2017/09/broken.md:3"),
        "{}",
        page.body
    );
    // Other edits meanwhile do not publish a half-built site, nor hide the error.
    s.edit(
        "templates/index.html",
        "class=\"latest\"",
        "class=\"latest v2\"",
    );
    std::thread::sleep(Duration::from_millis(800));
    let page = s.get("/");
    assert!(
        page.body.contains("broadsheet-error-overlay"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("latest v2"), "{}", page.body);
    // The fix publishes everything.
    s.write(
        "content/2017/09/broken.md",
        "---\ntitle: \"Mended\"\ndate: 2017-09-19\n---\nBody\n",
    );
    let page = s.wait_for("/2017/09/19/mended/", "the mended article", |r| {
        r.status == 200
    });
    assert!(!page.body.contains("broadsheet-error-overlay"));
    let home = s.get("/").body;
    assert!(!home.contains("broadsheet-error-overlay"), "{home}");
    assert!(home.contains("latest v2"), "{home}");
}

#[test]
fn a_site_toml_change_rebuilds_everything() {
    let s = Server::start(&[]);
    s.edit(
        "site.toml",
        "title = \"Preview Times\"",
        "title = \"Preview Post\"",
    );
    s.wait_for(RAIN, "the new site title", |r| {
        r.body.contains("Preview Post")
    });
    assert!(s.get("/tags/").body.contains("Preview Post"));
}

#[test]
fn build_output_has_no_live_reload() {
    let site = TempSite::site("preview");
    site.build(&["--drafts", "--future"]);
    for (path, bytes) in crate::support::tree(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__broadsheet"),
            "{path} carries the live reload script"
        );
    }
}

#[test]
fn the_built_in_theme_marks_scheduled_articles() {
    let s = Server::start_site(TempSite::site("basic"), &[]);
    let page = s.get("/2099/01/01/story-from-the-future/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("badge-scheduled"), "{}", page.body);
    let now = s.get("/2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/");
    assert!(!now.body.contains("badge-scheduled"), "{}", now.body);
}

#[test]
fn standalone_pages_and_aliases_are_served_and_follow_edits() {
    let s = Server::start(&[]);
    // The fixture replaces base.html, so it brings its own page.html.
    s.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ standalone.title }}</h1>{{ standalone.body | safe }}{% endblock %}",
    );
    s.write(
        "content/pages/about.md",
        "---\ntitle: About the desk\nmenu: true\n---\nWe file from Karachi.\n",
    );
    let about = s.wait_for("/about/", "the About page", |r| r.status == 200);
    assert!(
        about.body.contains("We file from Karachi."),
        "{}",
        about.body
    );
    s.edit(
        "content/pages/about.md",
        "We file from Karachi.",
        "We file from Lahore.",
    );
    s.wait_for("/about/", "the edited page", |r| r.body.contains("Lahore"));
    s.write(
        "content/pages/contact.md",
        "---\ntitle: Contact\naliases: [/contact-us/]\n---\nWrite to us.\n",
    );
    let old = s.wait_for("/contact-us/", "the alias", |r| r.status == 200);
    assert!(old.body.contains("url=/contact/"), "{}", old.body);
}
