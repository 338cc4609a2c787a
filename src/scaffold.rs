//! Writes new files for the user: `new` (an article) and `init` (a site).
//! One of the few modules that writes to disk; it never overwrites an existing file.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::discover::DEFAULT_THEME;
use crate::parse::slug::slugify;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} already exists; broadsheet does not overwrite it")]
    Exists(String),
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

/// Starts a new site in `dir`: site.toml, one article and a copy of the default theme.
pub fn init_site(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.join("site.toml").exists() {
        return Err(ScaffoldError::Exists(
            dir.join("site.toml").display().to_string(),
        ));
    }
    let mut written = Vec::new();
    let site_toml = "title = \"My Newsroom\"\ndescription = \"News from my newsroom\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\ntimezone = \"UTC\"\ntheme = \"default\"\npaginate = 20\n\n[related]\ncount = 5\n";
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
    let mut stack = vec![&DEFAULT_THEME];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            let path = dir.join("themes/default").join(f.path());
            write_new(&path, f.contents())?;
            written.push(path);
        }
        stack.extend(d.dirs());
    }
    written.sort();
    Ok(written)
}
