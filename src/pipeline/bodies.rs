//! The body store: where a build's article bodies come from when a page needs them.
//! Input: an [`Article`]. Output: its body HTML, lent from memory or, for
//! [`Body::FromSource`], its file read again (through [`crate::discover`]) and its body
//! rendered again. Render gets bodies only through this store (as a
//! [`BodySource`]), never from the disk itself.

use std::borrow::Cow;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::discover::read_one;
use crate::model::{Article, Body};
use crate::render::BodySource;

/// Article bodies for one site's configuration: the copy in memory, or the file read
/// again. A file that no longer has the text the article was parsed from (edited,
/// replaced or removed since) is an error naming it: the page would not match the
/// rest of the site.
#[derive(Clone, Copy)]
pub struct BodyStore<'a> {
    config: &'a Config,
}

impl<'a> BodyStore<'a> {
    pub fn new(config: &'a Config) -> Self {
        BodyStore { config }
    }
}

impl BodySource for BodyStore<'_> {
    fn body<'b>(&self, a: &'b Article) -> Result<Cow<'b, str>, Diagnostic> {
        let root = match &a.body {
            Body::InMemory(html) => return Ok(Cow::Borrowed(html)),
            Body::FromSource(root) => root,
        };
        let since = |what: &str| {
            Diagnostic::error(
                &a.source,
                0,
                0,
                format!("{what} while the site was being built; build again"),
            )
        };
        let path = root.join(&a.source);
        let text = match read_one(root, &path, self.config.max_article_bytes) {
            Ok(file) => file.text,
            Err(_) if std::fs::symlink_metadata(&path).is_err() => return Err(since("removed")),
            // It was read when the build parsed it: whatever stops it now came since.
            Err(d) => {
                return Err(
                    d.with_help("the file changed while the site was being built; build again")
                );
            }
        };
        if crate::model::source_hash(&text) != a.source_hash {
            return Err(since("changed"));
        }
        crate::parse::article::body_html(&text, self.config)
            .map(Cow::Owned)
            .map_err(|_| since("changed"))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::parse::article::parse_article;

    const STORY: &str = "---\ntitle: Floods\ndate: 2017-09-22\n---\nSWAT, SEPT 22 (APP) \u{2013} Rain *fell*.\n\nRivers rose.\n";

    /// An article parsed from `content/a.md` under a fresh root, its body dropped as
    /// builds drop it.
    fn dropped(text: &str) -> (tempfile::TempDir, Article, Config) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), text).unwrap();
        let config = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n",
            "site.toml",
        )
        .expect("a valid configuration");
        let (mut a, _) = parse_article(text, "content/a.md", &config).expect("parses");
        assert!(a.body.in_memory().is_some());
        a.body = Body::FromSource(Arc::from(dir.path()));
        (dir, a, config)
    }

    #[test]
    fn a_dropped_body_is_rendered_again_as_parsing_rendered_it() {
        let (_dir, a, config) = dropped(STORY);
        let (kept, _) = parse_article(STORY, "content/a.md", &config).unwrap();
        let body = BodyStore::new(&config)
            .body(&a)
            .expect("the file is unchanged");
        assert_eq!(Some(&*body), kept.body.in_memory());
        assert_eq!(body, "<p>Rain <em>fell</em>.</p>\n<p>Rivers rose.</p>\n");
        // A body in memory is lent, not read.
        assert!(matches!(
            BodyStore::new(&config).body(&kept),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn a_file_edited_or_removed_since_parsing_is_an_error_naming_it() {
        let (dir, a, config) = dropped(STORY);
        let path = dir.path().join("content/a.md");
        std::fs::write(&path, STORY.replace("Rivers", "Streams")).unwrap();
        let e = BodyStore::new(&config).body(&a).unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/a.md: error: changed while the site was being built; build again"
        );
        // Put back byte for byte, it is the article's text again.
        std::fs::write(&path, STORY).unwrap();
        assert!(BodyStore::new(&config).body(&a).is_ok());
        std::fs::remove_file(&path).unwrap();
        let e = BodyStore::new(&config).body(&a).unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/a.md: error: removed while the site was being built; build again"
        );
        std::fs::write(&path, b"---\ntitle: \xff\n---\n").unwrap();
        let e = BodyStore::new(&config).body(&a).unwrap_err();
        assert!(e.to_string().contains("not valid UTF-8"), "{e}");
        assert!(e.help.as_deref().unwrap().contains("build again"), "{e:?}");
    }
}
