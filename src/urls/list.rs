//! The site's own redirect list, `redirects.txt` in the site root: old URLs that no
//! story claims (an old system's category, tag, author and feed addresses) and the
//! page of this site each now points to. `broadsheet import wordpress` writes it; a
//! person may edit it. Input: the file's text. Output: the entries, and a diagnostic
//! naming the line for each that cannot be read. Pure: `discover` reads the file and
//! the importer writes it.

use crate::diagnostics::Diagnostic;

/// The list's file, in the site root.
pub const FILE: &str = "redirects.txt";

/// The header the importer writes above a new list.
pub const HEADER: &str = "# Old URLs and the page of this site each now points to, one a line:\n\
# the old path, spaces, the new path (docs/deploy.md). Lines starting with # are\n\
# comments. broadsheet answers each with a redirect page, `_redirects` and nginx.\n";

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// 1-based line in the file.
    pub line: usize,
    /// The old path, as written (`/category/harbour/`, `/?cat=4`).
    pub from: String,
    /// The new path, as written (`/topics/harbour/`, `/feed.xml`).
    pub to: String,
}

/// Reads the list's text. A line is two fields separated by spaces or tabs, each a
/// site path starting with `/`; `#` starts a comment line. The same old path twice
/// is an error naming both lines.
pub fn read(text: &str) -> (Vec<Listed>, Vec<Diagnostic>) {
    let mut out: Vec<Listed> = Vec::new();
    let mut diags = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = trimmed.split_whitespace().collect();
        let (from, to) = match fields.as_slice() {
            [from, to] if from.starts_with('/') && to.starts_with('/') && !to.contains('?') => {
                (*from, *to)
            }
            _ => {
                diags.push(
                    Diagnostic::error(FILE, line_no, 1, format!("cannot read `{trimmed}` as a redirect"))
                        .with_help("write the old path, spaces, and the new path of this site, both starting with `/`: `/category/harbour/  /topics/harbour/`"),
                );
                continue;
            }
        };
        let key = super::alias_path(from);
        if let Some(&first) = seen.get(&key) {
            diags.push(
                Diagnostic::error(
                    FILE,
                    line_no,
                    1,
                    format!("`{from}` is redirected on lines {first} and {line_no}"),
                )
                .with_help("an old URL can redirect to one page only: keep one of the lines"),
            );
            continue;
        }
        seen.insert(key, line_no);
        out.push(Listed {
            line: line_no,
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    (out, diags)
}

/// `text` (the list as it is, perhaps empty) with every `(from, to)` of `add` whose
/// old path it does not hold yet appended, in the order given. Lines already there,
/// a person's edits included, are kept as they are. `None` when nothing is added.
pub fn merge(text: &str, add: &[(String, String)]) -> Option<String> {
    let (have, _) = read(text);
    let mut known: std::collections::HashSet<String> =
        have.iter().map(|l| super::alias_path(&l.from)).collect();
    let mut out = if text.trim().is_empty() {
        HEADER.to_string()
    } else {
        let mut t = text.to_string();
        if !t.ends_with('\n') {
            t.push('\n');
        }
        t
    };
    let mut added = false;
    for (from, to) in add {
        if known.insert(super::alias_path(from)) {
            out.push_str(from);
            out.push_str("  ");
            out.push_str(to);
            out.push('\n');
            added = true;
        }
    }
    added.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_or_reported_with_their_number() {
        let text = "# c\n/category/a/  /topics/a/\n\n/feed/\t/feed.xml\nbroken\n/x/ /y/ /z/\n/category/a /topics/b/\n/old/ /new/?q=1\n";
        let (list, diags) = read(text);
        assert_eq!(
            list,
            vec![
                Listed {
                    line: 2,
                    from: "/category/a/".into(),
                    to: "/topics/a/".into()
                },
                Listed {
                    line: 4,
                    from: "/feed/".into(),
                    to: "/feed.xml".into()
                },
            ]
        );
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![5, 6, 7, 8]);
        assert!(
            diags[2].to_string().contains("lines 2 and 7"),
            "{}",
            diags[2]
        );
    }

    #[test]
    fn merging_keeps_what_is_there_and_adds_only_what_is_new() {
        let add = vec![
            ("/feed/".to_string(), "/feed.xml".to_string()),
            ("/tag/a/".to_string(), "/tags/a/".to_string()),
        ];
        let first = merge("", &add).unwrap();
        assert!(first.starts_with(HEADER));
        assert!(first.ends_with("/feed/  /feed.xml\n/tag/a/  /tags/a/\n"));
        assert_eq!(merge(&first, &add), None);
        // A person pointed /feed/ elsewhere: kept.
        let edited = "/feed/ /atom.xml";
        assert_eq!(
            merge(edited, &add).unwrap(),
            "/feed/ /atom.xml\n/tag/a/  /tags/a/\n"
        );
    }
}
