//! The files an import reads: named files, and every file with the right extension
//! under named folders (sorted, hidden files skipped, links not followed). Also the
//! reading of agency copy shared by ninjs and NewsML-G2 (plain text and HTML bodies,
//! credit lines, subject codes). Pure apart from listing the folders.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::html::{autop, to_markdown};
use super::run::Sink;

/// Files above this size are refused: an agency item is a few hundred KB at most.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// `inputs` with folders expanded to their files ending in one of `exts`, in name order.
/// Missing inputs are returned as errors (path, message).
pub fn list(inputs: &[PathBuf], exts: &[&str]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| has_ext(p, exts))
                .collect();
            if found.is_empty() {
                errors.push((
                    input.display().to_string(),
                    format!("the folder holds no .{} file", exts.join(" or .")),
                ));
            }
            files.append(&mut found);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            errors.push((
                input.display().to_string(),
                "no such file or folder".to_string(),
            ));
        }
    }
    (files, errors)
}

pub fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads a file no larger than [`MAX_FILE_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {size} bytes, above the limit of {MAX_FILE_BYTES}"
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// Imports every file in `inputs` ending in one of `exts` (folders searched for
/// them): each file's bytes go to `read_file` with its name for messages; inputs
/// that are missing or cannot be read are reported, and the rest still import.
pub fn import_each<S: Sink>(
    inputs: &[PathBuf],
    exts: &[&str],
    imp: &mut S,
    mut read_file: impl FnMut(&[u8], String, &mut S),
) {
    let (files, errors) = list(inputs, exts);
    for (at, e) in errors {
        imp.error(at, e);
    }
    imp.set_total(files.len() as u64, false);
    for (n, f) in files.iter().enumerate() {
        imp.set_position(n as u64);
        let name = f.display().to_string();
        match read(f) {
            Ok(bytes) => read_file(&bytes, name, imp),
            Err(e) => imp.error(name, e),
        }
    }
}

/// Plain text with blank lines between paragraphs, as Markdown (its `*`, `#` and `<`
/// kept as text).
pub fn text_to_markdown(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    to_markdown(&autop(&escaped))
}

/// A credit line's agencies: `AFP/APP`, `Reuters, AP`, `DNA; APP`.
pub fn agencies(credit: &str) -> Vec<String> {
    credit
        .split(['/', ',', ';', '|'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// True for an IPTC subject code or media topic (`medtop:04000000`,
/// `http://cv.iptc.org/newscodes/subjectcode/…`): such subjects become topics, the
/// rest tags.
pub fn is_topic_code(code: &str) -> bool {
    let c = code.to_ascii_lowercase();
    c.starts_with("medtop:")
        || c.starts_with("subj:")
        || c.contains("newscodes/mediatopic")
        || c.contains("newscodes/subjectcode")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_markdown_characters_as_text() {
        let md = text_to_markdown("Rates *rose* 2% <b>today</b>.\n\n# Not a heading");
        assert!(md.contains("Rates \\*rose\\* 2% \\<b>today\\</b>."), "{md}");
        assert!(md.contains("\\# Not a heading"), "{md}");
    }

    #[test]
    fn credit_lines_and_codes() {
        assert_eq!(agencies("AFP/APP, DNA"), ["AFP", "APP", "DNA"]);
        assert!(is_topic_code("medtop:04000000"));
        assert!(is_topic_code(
            "http://cv.iptc.org/newscodes/subjectcode/15000000"
        ));
        assert!(!is_topic_code("http://www.wikidata.org/entity/Q1"));
    }
}
