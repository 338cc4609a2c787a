//! Every URL stays answered: the site's memory of the URLs it has published
//! (`published-urls.txt`, committed with the site like a lock file), the redirects
//! that follow from `aliases:` and from that memory, and the tombstones of withdrawn
//! stories. Pure: [`crate::pipeline`] reads and writes the file.
//!
//! Paths here are relative to the site's base path, without the leading `/`
//! (`2024/05/01/slug/`), as [`crate::model::Article::path`] is; an alias with a query
//! (`/?p=123`) keeps it (`?p=123`).

pub mod list;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostics::Diagnostic;
use crate::index::{Site, TaxonomyKind};
use crate::model::Withdrawn;

/// The memory's file, in the site root.
pub const MEMORY_FILE: &str = "published-urls.txt";

const HEADER: &str = "# Every URL this site has published (pages and aliases), and the story that\n\
# published it last: `id:` and its id, or the file. Written by `broadsheet build`;\n\
# commit it with the site. broadsheet redirects each URL here to where its story\n\
# is now, or shows a tombstone for a withdrawn story.\n";

/// Remembered URL (a path as above) → the story that published it last, by
/// [`identity`].
pub type Memory = BTreeMap<String, String>;

/// What the memory knows a story or page by: `id:` and its front matter `id`, which
/// survives renaming the file, or else its source file.
pub fn identity(id: Option<&str>, source: &str) -> String {
    match id {
        Some(id) => format!("id:{id}"),
        None => source.to_string(),
    }
}

/// Reads the memory file's text: `path<TAB>source` lines, `#` comments. Lines that
/// cannot be read are reported with their line number and skipped.
pub fn read_memory(text: &str) -> (Memory, Vec<Diagnostic>) {
    let mut memory = Memory::new();
    let mut diags = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('\t') {
            Some((url, source)) if url.starts_with('/') && !source.is_empty() => {
                memory.insert(url[1..].to_string(), source.to_string());
            }
            _ => diags.push(
                Diagnostic::error(MEMORY_FILE, n + 1, 1, "cannot read this line")
                    .with_help("each line is a site path starting with `/`, a tab, and the file that published it"),
            ),
        }
    }
    (memory, diags)
}

/// The memory after a build of `site`: everything remembered, plus every story and
/// page URL the build published and every alias they claim (a URL published by
/// another story now names it). An alias stays answered after it is taken out of
/// the front matter, as every URL that was ever published does.
pub fn updated_memory(old: &Memory, site: &Site) -> Memory {
    let mut memory = old.clone();
    let stories = site
        .articles
        .iter()
        .map(|a| (&a.path, &a.aliases, a.id.as_deref(), &a.source))
        .chain(
            site.pages
                .iter()
                .map(|p| (&p.path, &p.aliases, p.id.as_deref(), &p.source)),
        );
    for (path, aliases, id, source) in stories {
        let who = identity(id, source);
        for alias in aliases {
            memory.insert(alias_path(alias), who.clone());
        }
        memory.insert(path.clone(), who);
    }
    memory
}

/// The memory file's text: sorted, so the same memory is the same bytes.
pub fn write_memory(memory: &Memory) -> String {
    let mut out = String::from(HEADER);
    for (url, source) in memory {
        out.push('/');
        out.push_str(url);
        out.push('\t');
        out.push_str(source);
        out.push('\n');
    }
    out
}

/// One old URL and where it now points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old path (`old/path/`, `?p=123`, `index.php?p=5`), relative to the base path.
    pub from: String,
    /// The page it points to (`2024/05/01/slug/`).
    pub to: String,
    pub title: String,
    /// The file that claims it.
    pub source: String,
}

impl Redirect {
    /// True when the old URL has a query: only a server can answer it (`_redirects`,
    /// nginx), as no file can stand at it.
    pub fn has_query(&self) -> bool {
        self.from.contains('?')
    }
}

/// What the site answers at URLs that are not its pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// Sorted by `from`.
    pub redirects: Vec<Redirect>,
    /// Withdrawn stories whose URLs answer "withdrawn", sorted by path.
    pub tombstones: Vec<Withdrawn>,
    /// The memory of published URLs as the build found it.
    pub remembered: Memory,
    /// What the build should say about the redirect list (entries pointing nowhere).
    pub warnings: Vec<Diagnostic>,
}

/// The withdrawn stories among `articles`, before the index drops them.
pub fn withdrawn(articles: &[crate::model::Article]) -> Vec<Withdrawn> {
    let mut gone: Vec<Withdrawn> = articles
        .iter()
        .filter(|a| a.withdrawn)
        .map(|a| Withdrawn {
            source: a.source.clone(),
            title: a.title.clone(),
            path: a.path.clone(),
            id: a.id.clone(),
        })
        .collect();
    gone.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.source.cmp(&b.source)));
    gone
}

/// Normalises an alias as written (`/old/path`, `/?p=1`) to a path relative to the
/// base path: the leading `/` dropped, a folder path given its closing `/`.
pub fn alias_path(alias: &str) -> String {
    let a = alias.trim().trim_start_matches('/');
    let (path, query) = match a.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (a, None),
    };
    let last = path.rsplit('/').next().unwrap_or("");
    let path = if path.is_empty() || path.ends_with('/') || last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    }
}

/// Every page the site renders that an alias could hit, with the file behind it; a
/// standalone page whose URL is already taken is an error naming both files.
fn site_pages<'a>(
    site: &'a Site,
    withdrawn: &'a [Withdrawn],
) -> (HashMap<String, &'a str>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut pages: HashMap<String, &str> = HashMap::new();
    pages.insert(String::new(), "the home page");
    for s in 0..site.scope_count() {
        let scope = site.scope(s);
        let p = scope.prefix;
        if !p.is_empty() {
            pages.insert(p.to_string(), "an edition's home page");
        }
        for kind in TaxonomyKind::ALL {
            pages.insert(format!("{p}{}/", kind.key()), "a term index");
            for t in &scope.taxonomy(kind).terms {
                pages.insert(format!("{p}{}/{}/", kind.key(), t.slug), "a term page");
            }
        }
        for y in scope.years.keys() {
            pages.insert(format!("{p}{y:04}/"), "an archive page");
        }
        for (y, m) in scope.months.keys() {
            pages.insert(format!("{p}{y:04}/{m:02}/"), "an archive page");
        }
        for (y, m, d) in scope.days.keys() {
            pages.insert(format!("{p}{y:04}/{m:02}/{d:02}/"), "an archive page");
        }
    }
    for a in &site.articles {
        pages.insert(a.path.clone(), &a.source);
    }
    for p in &site.pages {
        if let Some(other) = pages.insert(p.path.clone(), &p.source) {
            errors.push(Diagnostic::error(
                p.source.as_str(),
                0,
                0,
                format!(
                    "`{other}` and `{}` would both be written to /{}",
                    p.source, p.path
                ),
            ));
        }
    }
    for w in withdrawn {
        pages.insert(w.path.clone(), &w.source);
    }
    (pages, errors)
}

/// Two files with one `id:` would make the memory of published URLs point at either:
/// an error naming both.
fn shared_ids(site: &Site, withdrawn: &[Withdrawn]) -> Vec<Diagnostic> {
    let mut by_id: HashMap<&str, &str> = HashMap::new();
    let mut errors = Vec::new();
    let all = site
        .articles
        .iter()
        .map(|a| (a.id.as_deref(), a.source.as_str()))
        .chain(
            site.pages
                .iter()
                .map(|p| (p.id.as_deref(), p.source.as_str())),
        )
        .chain(
            withdrawn
                .iter()
                .map(|w| (w.id.as_deref(), w.source.as_str())),
        );
    for (id, source) in all {
        let Some(id) = id else { continue };
        match by_id.get(id) {
            Some(&first) if first != source => {
                let (one, two) = if first < source {
                    (first, source)
                } else {
                    (source, first)
                };
                errors.push(
                    Diagnostic::error(two, 0, 0, format!("`{one}` and `{two}` both have the id `{id}`"))
                        .with_help("an id names one story for good: keep it in one file (an import writes it; a copy needs its own or none)"),
                );
            }
            Some(_) => {}
            None => {
                by_id.insert(id, source);
            }
        }
    }
    errors
}

/// The redirects and tombstones of `site`: every `aliases:` entry, every remembered
/// URL whose story now lives elsewhere, and every withdrawn story. Errors (each
/// naming both files): an alias that is a page of the site (a loop when the page is
/// the story's own, or one that points back), and two files claiming one alias.
pub fn answers(
    site: &Site,
    withdrawn: &[Withdrawn],
    memory: &Memory,
    listed: &[list::Listed],
) -> Result<Answers, Vec<Diagnostic>> {
    let (pages, mut errors) = site_pages(site, withdrawn);
    errors.extend(shared_ids(site, withdrawn));
    let claims = site
        .articles
        .iter()
        .map(|a| (&a.source, &a.path, &a.title, &a.aliases))
        .chain(
            site.pages
                .iter()
                .map(|p| (&p.source, &p.path, &p.title, &p.aliases)),
        );
    // Who points where, to tell a loop from a collision.
    let mut aliases_of: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for (source, _, _, aliases) in claims.clone() {
        aliases_of
            .entry(source.as_str())
            .or_default()
            .extend(aliases.iter().map(|a| alias_path(a)));
    }
    let mut redirects: BTreeMap<String, Redirect> = BTreeMap::new();
    for (source, path, title, aliases) in claims {
        for alias in aliases {
            let from = alias_path(alias);
            if let Some(&owner) = pages.get(&from) {
                let message = if owner == source {
                    format!("the alias `{alias}` is this page's own URL: a redirect loop")
                } else if aliases_of.get(owner).is_some_and(|a| a.contains(path)) {
                    format!(
                        "the alias `{alias}` is the URL of `{owner}`, whose own alias points back here: a redirect loop between `{source}` and `{owner}`"
                    )
                } else {
                    format!(
                        "the alias `{alias}` is a page of the site ({owner}): `{source}` cannot redirect it"
                    )
                };
                errors.push(
                    Diagnostic::error(source.as_str(), 0, 0, message)
                        .with_help("remove the alias, or move the page that answers there"),
                );
                continue;
            }
            if let Some(first) = redirects.get(&from) {
                if first.source != *source {
                    let (one, two) = if first.source < *source {
                        (first.source.as_str(), source.as_str())
                    } else {
                        (source.as_str(), first.source.as_str())
                    };
                    errors.push(
                        Diagnostic::error(
                            two,
                            0,
                            0,
                            format!("`{one}` and `{two}` both claim the alias `{alias}`"),
                        )
                        .with_help(
                            "an old URL can redirect to one page only: keep the alias in one file",
                        ),
                    );
                }
                continue;
            }
            redirects.insert(
                from.clone(),
                Redirect {
                    from,
                    to: path.clone(),
                    title: title.clone(),
                    source: source.clone(),
                },
            );
        }
    }
    let warnings = add_listed(site, listed, &pages, &mut redirects, &mut errors);
    if !errors.is_empty() {
        errors.sort_by_key(ToString::to_string);
        errors.dedup();
        return Err(errors);
    }
    let tombstones = follow_memory(site, withdrawn, memory, &pages, &mut redirects);
    Ok(Answers {
        redirects: redirects.into_values().collect(),
        tombstones: tombstones.into_values().collect(),
        remembered: Memory::new(),
        warnings,
    })
}

/// The redirect list's entries (`redirects.txt`) into `redirects`. Errors: an old
/// path that is a page of the site or an alias of a story (naming both). An entry
/// whose new path the site does not serve (a term with no published story yet) is
/// left out; one warning counts them and names the first.
fn add_listed(
    site: &Site,
    listed: &[list::Listed],
    pages: &HashMap<String, &str>,
    redirects: &mut BTreeMap<String, Redirect>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let names: HashMap<String, &str> = TaxonomyKind::ALL
        .iter()
        .flat_map(|&kind| {
            site.taxonomy(kind)
                .terms
                .iter()
                .map(move |t| (format!("{}/{}/", kind.key(), t.slug), t.name.as_str()))
        })
        .collect();
    let mut nowhere: Vec<&list::Listed> = Vec::new();
    for l in listed {
        let at = format!("{}:{}", list::FILE, l.line);
        let from = alias_path(&l.from);
        if let Some(&owner) = pages.get(&from) {
            errors.push(
                Diagnostic::error(
                    list::FILE,
                    l.line,
                    1,
                    format!(
                        "`{}` is a page of the site ({owner}); {at} cannot redirect it",
                        l.from
                    ),
                )
                .with_help("remove the line, or move the page that answers there"),
            );
            continue;
        }
        if let Some(claimed) = redirects.get(&from) {
            errors.push(
                Diagnostic::error(list::FILE, l.line, 1, format!("`{}` and `{at}` both claim `{}`", claimed.source, l.from))
                    .with_help("an old URL can redirect to one page only: keep it in the story's aliases or in the list"),
            );
            continue;
        }
        let to = l.to.trim_start_matches('/').to_string();
        // A page, or a feed of one (`topics/x/feed.xml`, `atom.xml`).
        let page = match to.rsplit_once('/') {
            _ if to.is_empty() || to.ends_with('/') => Some(to.clone()),
            Some((dir, "feed.xml" | "atom.xml")) => Some(format!("{dir}/")),
            None if to == "feed.xml" || to == "atom.xml" => Some(String::new()),
            _ => None,
        };
        let Some(page) = page.filter(|p| pages.contains_key(p)) else {
            nowhere.push(l);
            continue;
        };
        let title = match names.get(&page) {
            Some(name) if page == to => (*name).to_string(),
            Some(name) => format!("{name} ({})", to.rsplit('/').next().unwrap_or("")),
            None => format!("/{to}"),
        };
        redirects.insert(
            from.clone(),
            Redirect {
                from,
                to,
                title,
                source: at,
            },
        );
    }
    match nowhere.first() {
        None => Vec::new(),
        Some(first) => vec![
            Diagnostic::warning(
                list::FILE,
                first.line,
                1,
                format!(
                    "{} redirect{} to a page the site does not have, left out (the first: `{}` to `{}`)",
                    nowhere.len(),
                    if nowhere.len() == 1 { " points" } else { "s point" },
                    first.from,
                    first.to
                ),
            )
            .with_help("a term page exists once a published story has the term; or correct the new path"),
        ],
    }
}

/// Remembered URLs no page answers any more: each redirects to where its file's page
/// is now, or shows a tombstone when that story is withdrawn. Returns every tombstone.
fn follow_memory(
    site: &Site,
    withdrawn: &[Withdrawn],
    memory: &Memory,
    pages: &HashMap<String, &str>,
    redirects: &mut BTreeMap<String, Redirect>,
) -> BTreeMap<String, Withdrawn> {
    // Each story by its file and, when it has one, by its id: a memory written
    // before the story had an id names its file.
    let mut now_at: HashMap<String, (&String, &String, &String)> = HashMap::new();
    let stories = site
        .articles
        .iter()
        .map(|a| (&a.source, a.id.as_deref(), &a.path, &a.title))
        .chain(
            site.pages
                .iter()
                .map(|p| (&p.source, p.id.as_deref(), &p.path, &p.title)),
        );
    for (source, id, path, title) in stories {
        now_at.insert(source.clone(), (path, title, source));
        if id.is_some() {
            now_at.insert(identity(id, source), (path, title, source));
        }
    }
    let mut withdrawn_by: HashMap<String, &Withdrawn> = HashMap::new();
    for w in withdrawn {
        withdrawn_by.insert(w.source.clone(), w);
        if w.id.is_some() {
            withdrawn_by.insert(identity(w.id.as_deref(), &w.source), w);
        }
    }
    let mut tombstones: BTreeMap<String, Withdrawn> = withdrawn
        .iter()
        .map(|w| (w.path.clone(), w.clone()))
        .collect();
    for (url, source) in memory {
        if pages.contains_key(url) || redirects.contains_key(url) {
            continue;
        }
        if let Some(&(to, title, file)) = now_at.get(source.as_str()) {
            redirects.insert(
                url.clone(),
                Redirect {
                    from: url.clone(),
                    to: to.clone(),
                    title: title.clone(),
                    source: file.clone(),
                },
            );
        } else if let Some(w) = withdrawn_by.get(source.as_str()) {
            tombstones.insert(
                url.clone(),
                Withdrawn {
                    path: url.clone(),
                    ..(*w).clone()
                },
            );
        }
    }
    tombstones
}

/// The output file that answers at a path without a query: `a/b/` → `a/b/index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// `check --redirects`: every remembered URL with no file of `output` at it (a page,
/// a redirect page or a tombstone) nor, for a URL with a query (`/?p=123`), which no
/// file can answer, a redirect in `_redirects`; reported against the memory file.
pub fn unanswered<V>(
    memory: &Memory,
    redirects: &[Redirect],
    output: &BTreeMap<String, V>,
) -> Vec<Diagnostic> {
    let by_query: BTreeSet<&str> = redirects
        .iter()
        .filter(|r| r.has_query())
        .map(|r| r.from.as_str())
        .collect();
    memory
        .iter()
        .filter(|(url, _)| {
            let answered = output.contains_key(&file_of(url))
                || (url.contains('?') && by_query.contains(url.as_str()));
            !answered
        })
        .map(|(url, source)| {
            Diagnostic::error(
                MEMORY_FILE,
                0,
                0,
                format!("/{url} was published by {source} and no longer answers"),
            )
            .with_help(
                "add the URL to the `aliases:` of the story that replaces it, or restore the file",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths() {
        for (alias, want) in [
            ("/old/path/", "old/path/"),
            ("/old/path", "old/path/"),
            ("/old.html", "old.html"),
            ("/?p=123", "?p=123"),
            ("/index.php?p=5", "index.php?p=5"),
            ("/2019/05/x?amp=1", "2019/05/x/?amp=1"),
        ] {
            assert_eq!(alias_path(alias), want, "{alias}");
        }
    }

    #[test]
    fn memory_round_trips_and_reports_bad_lines() {
        let mut m = Memory::new();
        m.insert("2024/05/01/a/".into(), "content/a.md".into());
        m.insert("about/".into(), "content/pages/about.md".into());
        let text = write_memory(&m);
        assert_eq!(read_memory(&text), (m, vec![]));
        let (_, diags) = read_memory("# c\n/ok/\tcontent/a.md\nbroken line\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 3);
    }
}
