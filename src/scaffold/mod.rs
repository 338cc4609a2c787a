//! Writes new files for the user: `new` (an article), `init` (a site) and
//! `theme new` (a theme).
//! One of the few modules that writes to disk; it never overwrites an existing file.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use include_dir::{Dir, include_dir};

use crate::discover::{BUILTIN_THEMES, builtin_theme};
use crate::parse::slug::slugify;

/// The minimal theme `broadsheet theme new` writes: every required template, each
/// commented with the variables it receives, and a small stylesheet.
static THEME_NEW: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/theme-new");

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} already exists; broadsheet does not overwrite it")]
    Exists(String),
    #[error("there is no built-in theme `{name}`; the built-in themes are {known}")]
    UnknownTheme { name: String, known: String },
    #[error(
        "`{0}` cannot name a theme: use letters, digits, `-` and `_` (the folder is themes/NAME/)"
    )]
    BadThemeName(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn write_new(path: &Path, text: &[u8]) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.display().to_string()),
            _ => io(e),
        })?;
    std::io::Write::write_all(&mut file, text).map_err(io)
}

/// YAML double-quoted string.
fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// Writes `content/YYYY/MM/<slug>.md` with front matter stamped `now` in the site
/// time zone, and returns its path.
pub fn new_article(
    root: &Path,
    title: &str,
    topics: &[String],
    agencies: &[String],
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<PathBuf, ScaffoldError> {
    let local = now.with_timezone(&tz);
    let slug = slugify(title, "story");
    let rel = format!("content/{}/{}.md", local.format("%Y/%m"), slug);
    let path = root.join(&rel);
    let list = |items: &[String]| {
        format!(
            "[{}]",
            items
                .iter()
                .map(|i| quote(i))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut text = format!(
        "---\ntitle: {}\ndate: {}\n",
        quote(title),
        local.format("%Y-%m-%dT%H:%M:%S%:z")
    );
    if !topics.is_empty() {
        text.push_str(&format!("topics: {}\n", list(topics)));
    }
    if !agencies.is_empty() {
        text.push_str(&format!("agencies: {}\n", list(agencies)));
    }
    text.push_str("tags: []\ndraft: true\n---\n");
    let credit = if agencies.is_empty() {
        String::new()
    } else {
        format!(" ({})", agencies.join("/"))
    };
    text.push_str(&format!(
        "PLACE, {} {}{credit} – Write the lead here.\n",
        crate::parse::dateline::month_abbrev(chrono::Datelike::month(&local)),
        chrono::Datelike::day(&local)
    ));
    write_new(&path, text.as_bytes())?;
    Ok(path)
}

/// Starts a new site in `dir` on the built-in theme `theme` (`default` or `wire`):
/// site.toml naming it, one article, and a copy of the theme to edit.
pub fn init_site_with_theme(
    dir: &Path,
    theme: &str,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let Some(theme_dir) = builtin_theme(theme) else {
        return Err(ScaffoldError::UnknownTheme {
            name: theme.to_string(),
            known: builtin_names(),
        });
    };
    if dir.join("site.toml").exists() {
        return Err(ScaffoldError::Exists(
            dir.join("site.toml").display().to_string(),
        ));
    }
    let mut written = Vec::new();
    let site_toml = format!(
        "title = \"My Newsroom\"\ndescription = \"News from my newsroom\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\ntimezone = \"UTC\"\ntheme = \"{theme}\"\npaginate = 20\n\n[related]\ncount = 5\n"
    );
    write_new(&dir.join("site.toml"), site_toml.as_bytes())?;
    written.push(dir.join("site.toml"));
    let date = now.format("%Y-%m-%dT%H:%M:%SZ");
    let month = crate::parse::dateline::month_abbrev(chrono::Datelike::month(&now));
    let day = chrono::Datelike::day(&now);
    let article = format!(
        "---\ntitle: \"Newsroom opens its first edition\"\ndate: {date}\ntopics: [Media]\ntags: [Launch]\nauthor: Staff Reporter\n---\nLONDON, {month} {day} (APP) – The newsroom published its first story today, built with broadsheet.\n\nEdit this file under content/ and run `broadsheet build` to see the change.\n"
    );
    let rel = format!("content/{}/first-edition.md", now.format("%Y/%m"));
    write_new(&dir.join(&rel), article.as_bytes())?;
    written.push(dir.join(rel));
    written.extend(copy_dir(theme_dir, &dir.join("themes").join(theme))?);
    written.sort();
    Ok(written)
}

/// Writes the minimal theme into `<root>/themes/<name>/` and returns the files.
pub fn new_theme(root: &Path, name: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    let valid = !name.is_empty()
        && !name.starts_with(['.', '-'])
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(ScaffoldError::BadThemeName(name.to_string()));
    }
    let target = root.join("themes").join(name);
    if target.exists() {
        return Err(ScaffoldError::Exists(target.display().to_string()));
    }
    let mut written = copy_dir(&THEME_NEW, &target)?;
    written.sort();
    Ok(written)
}

/// Copies an embedded folder to `to`, never overwriting a file.
fn copy_dir(from: &Dir<'static>, to: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut written = Vec::new();
    let mut stack = vec![from];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            let path = to.join(f.path());
            write_new(&path, f.contents())?;
            written.push(path);
        }
        stack.extend(d.dirs());
    }
    Ok(written)
}

fn builtin_names() -> String {
    BUILTIN_THEMES
        .iter()
        .map(|(n, _)| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" and ")
}
