//! Watches the site's sources and sorts each changed path into what it affects.
//! Input: file system events (debounced, so an editor's save through a temporary file
//! and a rename arrives as one change). Output: [`Msg::Files`] batches for the rebuild
//! thread. Watches `site.toml`, `redirects.txt`, `content/`, `templates/`, `static/` and `themes/`;
//! never `public/`.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::model::ArticleId;

/// Quiet time after the last event before a batch is handed on. Editors write a
/// temporary file, rename it and touch metadata within a few milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// The folders watched recursively, relative to the site root.
pub const FOLDERS: [&str; 5] = ["content", "templates", "static", "themes", "i18n"];

/// What the rebuild thread receives.
pub enum Msg {
    /// Changed paths; `rescan` when the watcher lost track and everything may differ.
    Files { paths: Vec<PathBuf>, rescan: bool },
    /// Related news computed in the background for site number `serial`.
    Related {
        serial: u64,
        related: Vec<Vec<ArticleId>>,
        /// How long the computation took.
        millis: f64,
    },
}

pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Starts watching `root`; batches go to `tx`.
pub fn start(root: &Path, tx: Sender<Msg>) -> Result<Watcher, String> {
    let mut debouncer = new_debouncer(
        DEBOUNCE,
        Some(Duration::from_millis(5)),
        move |result: DebounceEventResult| {
            let msg = match result {
                Ok(events) => {
                    let rescan = events.iter().any(|e| e.need_rescan());
                    // Reading a file is no change (and the rebuild itself reads them).
                    let paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| is_change(&e.event.kind))
                        .flat_map(|e| e.event.paths)
                        .collect();
                    if paths.is_empty() && !rescan {
                        return;
                    }
                    Msg::Files { paths, rescan }
                }
                // Lost events (queue overflow and the like): look at everything again.
                Err(_) => Msg::Files {
                    paths: Vec::new(),
                    rescan: true,
                },
            };
            let _ = tx.send(msg);
        },
    )
    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for folder in FOLDERS {
        watch_folder(&mut debouncer, &root.join(folder));
    }
    Ok(debouncer)
}

fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Watches a source folder recursively if it exists (it may be created later).
pub fn watch_folder(watcher: &mut Watcher, path: &Path) {
    if path.is_dir() {
        // Already watched, or gone again: either way nothing to do.
        let _ = watcher.watch(path, RecursiveMode::Recursive);
    }
}

/// What a changed path affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Config,
    /// An article file (`content/…/x.md`), relative to the root.
    Article(String),
    /// Something else under `content/` (a folder, perhaps), relative to the root.
    ContentOther(String),
    Templates,
    Static,
    /// Under `themes/` but not the active theme's templates or static files
    /// (the theme folder itself appearing, say): reload both.
    Theme,
    /// One of the watched folders itself (created or removed).
    Folder(&'static str),
    Ignored,
}

/// Sorts `path` (absolute, under `root`) by what it affects; `theme` is the active
/// theme's name. Hidden files and folders (editor swap files, `.git`) are ignored.
pub fn classify(root: &Path, theme: &str, path: &Path) -> Kind {
    let Ok(rel) = path.strip_prefix(root) else {
        return Kind::Ignored;
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_string_lossy().into_owned(),
            _ => String::new(),
        })
        .collect();
    if parts.is_empty() || parts.iter().any(|p| p.is_empty() || p.starts_with('.')) {
        return Kind::Ignored;
    }
    let rel = parts.join("/");
    match parts[0].as_str() {
        // The redirect list is read with the site as a whole, as the config is.
        "site.toml" | "redirects.txt" if parts.len() == 1 => Kind::Config,
        top if parts.len() == 1 => match FOLDERS.iter().find(|f| **f == top) {
            Some(f) => Kind::Folder(f),
            None => Kind::Ignored,
        },
        "content" if rel.ends_with(".md") => Kind::Article(rel),
        "content" => Kind::ContentOther(rel),
        "templates" | "i18n" => Kind::Templates,
        "static" => Kind::Static,
        "themes" if parts.get(1).map(String::as_str) == Some(theme) => {
            match parts.get(2).map(String::as_str) {
                Some("templates" | "i18n") => Kind::Templates,
                Some("static") => Kind::Static,
                _ => Kind::Theme,
            }
        }
        "themes" if parts.len() == 2 => Kind::Theme,
        _ => Kind::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_by_what_they_affect() {
        let root = Path::new("/site");
        for (path, want) in [
            ("/site/site.toml", Kind::Config),
            ("/site/redirects.txt", Kind::Config),
            (
                "/site/content/2017/09/a.md",
                Kind::Article("content/2017/09/a.md".into()),
            ),
            (
                "/site/content/2017",
                Kind::ContentOther("content/2017".into()),
            ),
            ("/site/content/2017/.a.md.swp", Kind::Ignored),
            ("/site/content/.hidden/a.md", Kind::Ignored),
            ("/site/templates/partials/card.html", Kind::Templates),
            ("/site/static/style.css", Kind::Static),
            ("/site/themes/paper/templates/base.html", Kind::Templates),
            ("/site/themes/paper/static/s.css", Kind::Static),
            ("/site/themes/paper", Kind::Theme),
            ("/site/themes/other/templates/base.html", Kind::Ignored),
            ("/site/templates", Kind::Folder("templates")),
            ("/site/i18n/ur.toml", Kind::Templates),
            ("/site/themes/paper/i18n/ur.toml", Kind::Templates),
            ("/site/i18n", Kind::Folder("i18n")),
            ("/site/public/index.html", Kind::Ignored),
            ("/site/public", Kind::Ignored),
            ("/site/.git/index", Kind::Ignored),
            ("/elsewhere/site.toml", Kind::Ignored),
        ] {
            assert_eq!(classify(root, "paper", Path::new(path)), want, "{path}");
        }
    }
}
