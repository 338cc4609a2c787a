//! What a build changed in the output, for `build --changes FILE`: every file
//! added, changed (different bytes) or removed, as the URL that serves it. Pure: the
//! caller lists the changes when committing and writes the text.

/// How a file of the output changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Changed => "changed",
            ChangeKind::Removed => "removed",
        }
    }
}

/// One file of the output that a build added, changed or removed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileChange {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub kind: ChangeKind,
}

/// Whether a file of the output is one a deploy publishes: not broadsheet's own
/// bookkeeping under `.broadsheet/`.
pub(super) fn is_published(rel: &str) -> bool {
    !rel.starts_with(".broadsheet/")
}

/// The URL path (relative to the base) that serves `rel`: a folder's `index.html`
/// is served at the folder (`2024/05/01/x/`), any other file at itself.
pub fn url_path(rel: &str) -> &str {
    if rel == "index.html" {
        ""
    } else {
        rel.strip_suffix("index.html")
            .filter(|folder| folder.ends_with('/'))
            .unwrap_or(rel)
    }
}

/// The `--changes` file: `kind<TAB>URL<TAB>file` per line (file relative to the
/// output folder), sorted by file, so the same change writes the same bytes.
pub fn changes_text(changes: &[FileChange], base_url: &str) -> String {
    let mut sorted: Vec<&FileChange> = changes.iter().collect();
    sorted.sort();
    let mut out = String::new();
    for c in sorted {
        out.push_str(c.kind.name());
        out.push('\t');
        out.push_str(base_url);
        out.push_str(url_path(&c.path));
        out.push('\t');
        out.push_str(&c.path);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_at_the_urls_that_serve_them() {
        for (rel, url) in [
            ("index.html", ""),
            ("2024/05/01/x/index.html", "2024/05/01/x/"),
            ("404.html", "404.html"),
            ("topics/world/feed.xml", "topics/world/feed.xml"),
            ("style.0123.css", "style.0123.css"),
            ("notindex.html", "notindex.html"),
        ] {
            assert_eq!(url_path(rel), url, "{rel}");
        }
        let changes = [
            FileChange {
                path: "b/index.html".into(),
                kind: ChangeKind::Removed,
            },
            FileChange {
                path: "a/index.html".into(),
                kind: ChangeKind::Added,
            },
            FileChange {
                path: "feed.xml".into(),
                kind: ChangeKind::Changed,
            },
        ];
        assert_eq!(
            changes_text(&changes, "https://x.org/news/"),
            "added\thttps://x.org/news/a/\ta/index.html\n\
             removed\thttps://x.org/news/b/\tb/index.html\n\
             changed\thttps://x.org/news/feed.xml\tfeed.xml\n"
        );
        assert!(!is_published(".broadsheet/manifest"));
        assert!(is_published("a/index.html"));
    }
}
