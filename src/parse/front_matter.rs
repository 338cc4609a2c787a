//! Front matter: splits an article file into YAML and body, and reads the YAML
//! into a loose [`RawFrontMatter`]. Every serde_yaml call lives here.
//! Input: the file's text. Output: raw values or a [`ParseError`]; no dates or slugs yet.

use std::collections::BTreeMap;

use super::ParseError;

mod bounded;
mod simple;
use bounded::{Bounded, MAX_YAML_VALUES, TOO_MANY_VALUES};

/// A list written either as a YAML sequence or as one string.
#[derive(Debug, Clone, PartialEq)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values, splitting a single string on `sep` when given (`"AFP/APP"`).
    pub fn into_vec(self, sep: Option<char>) -> Vec<String> {
        let items = match self {
            OneOrMany::One(s) => match sep {
                Some(c) => s.split(c).map(str::to_string).collect(),
                None => vec![s],
            },
            OneOrMany::Many(v) => v,
        };
        items
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Front matter exactly as written; everything optional so that all problems
/// can be reported together by the caller.
#[derive(Debug, Default)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub dateline: Option<String>,
    pub agencies: Option<OneOrMany>,
    pub topics: Option<OneOrMany>,
    pub tags: Option<OneOrMany>,
    pub author: Option<OneOrMany>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    pub image_focus: Option<String>,
    pub lang: Option<String>,
    /// Shared by the translations of one story (`budget-2024`).
    pub translation_key: Option<String>,
    pub slug: Option<String>,
    pub draft: Option<bool>,
    pub featured: Option<bool>,
    pub comments: Option<bool>,
    pub breaking: Option<bool>,
    pub embargo: Option<String>,
    pub expires: Option<String>,
    pub withdrawn: Option<bool>,
    /// `corrections: [{date: ..., text: ...}]`
    pub corrections: Vec<RawCorrection>,
    /// `images: [{src: ..., alt: ..., caption: ..., credit: ...}]`, a gallery.
    pub images: Vec<RawImage>,
    /// Keys broadsheet does not know, passed to templates as `article.extra`.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One correction notice as written: when, and what was corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCorrection {
    pub date: String,
    pub text: String,
}

/// One gallery photo as written: `src` (or `path`), and optional alt text, caption
/// and credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawImage {
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// A file split at its front matter fences.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

/// Splits `---\nyaml\n---\nbody`. A leading BOM is skipped; CRLF is accepted.
pub fn split(text: &str) -> Result<Split<'_>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::at(0, "the file is empty"));
    }
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(
            ParseError::at(0, "the file does not start with front matter")
                .help("begin the file with a line `---`, then `title:` and `date:`, then `---`"),
        );
    }
    let yaml_start = first_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let yaml = &text[yaml_start..pos];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body: &text[end..],
                body_line,
            });
        }
        pos = end;
    }
    Err(ParseError::at(0, "the front matter is not closed")
        .help("end the front matter with a line `---` before the story text"))
}

/// Reads the YAML part. Offsets in errors are relative to `yaml`; every bad
/// key is reported, not just the first.
pub fn read(yaml: &str) -> Result<RawFrontMatter, Vec<ParseError>> {
    match read_partial(yaml) {
        Ok((raw, errors)) if errors.is_empty() => Ok(raw),
        Ok((_, errors)) | Err(errors) => Err(errors),
    }
}

/// Reads the YAML part as far as it can: `Ok` with every key that was read and an
/// error for each key that was not (its field left empty), so the caller can go on
/// and report the file's other problems too; `Err` when the YAML itself cannot be
/// read, and nothing is known about any key.
pub fn read_partial(yaml: &str) -> Result<(RawFrontMatter, Vec<ParseError>), Vec<ParseError>> {
    if yaml.trim().is_empty() {
        return Ok((RawFrontMatter::default(), Vec::new()));
    }
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(vec![
            ParseError::at(
                0,
                format!(
                    "the front matter is {} bytes, above the limit of {MAX_FRONT_MATTER_BYTES}",
                    yaml.len()
                ),
            )
            .help("front matter holds a few short keys; put the story below the closing `---`"),
        ]);
    }
    let spaced;
    let yaml = if yaml.contains(['\u{a0}', '\u{202f}']) {
        spaced = without_nbsp(yaml);
        spaced.as_str()
    } else {
        yaml
    };
    match simple::read(yaml) {
        Some(raw) => Ok((raw, Vec::new())),
        None => read_yaml(yaml),
    }
}

/// Reads YAML front matter written for another generator (an import) into a JSON value,
/// with the same bounds as [`read`]: nothing is checked but that it is YAML.
pub fn read_foreign(yaml: &str) -> Result<serde_json::Value, ParseError> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(ParseError::at(
            0,
            format!("the front matter is above the limit of {MAX_FRONT_MATTER_BYTES} bytes"),
        ));
    }
    if yaml.trim().is_empty() {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    let budget = std::cell::Cell::new(MAX_YAML_VALUES);
    let value = serde::de::DeserializeSeed::deserialize(
        Bounded { budget: &budget },
        serde_yaml::Deserializer::from_str(yaml),
    )
    .map_err(|e| yaml_error(yaml, e))?;
    serde_json::to_value(&value)
        .map_err(|e| ParseError::at(0, format!("the front matter cannot be read: {e}")))
}

/// Reads front matter with the YAML reader: whatever [`simple::read`] is not sure of.
fn read_yaml(yaml: &str) -> Result<(RawFrontMatter, Vec<ParseError>), Vec<ParseError>> {
    let budget = std::cell::Cell::new(MAX_YAML_VALUES);
    let value = serde::de::DeserializeSeed::deserialize(
        Bounded { budget: &budget },
        serde_yaml::Deserializer::from_str(yaml),
    )
    .map_err(|e| vec![yaml_error(yaml, e)])?;
    let serde_yaml::Value::Mapping(map) = value else {
        return Err(vec![ParseError::at(
            0,
            "front matter must be a set of `key: value` lines",
        )]);
    };
    let mut raw = RawFrontMatter::default();
    let mut errors = Vec::new();
    // Where each key is written, found in one pass and only once something is wrong.
    let offsets = std::cell::OnceCell::new();
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_string) else {
            errors.push(ParseError::at(0, "front matter keys must be text"));
            continue;
        };
        let result = match key.as_str() {
            "title" => text(&key, value).map(|v| raw.title = Some(v)),
            "date" => text(&key, value).map(|v| raw.date = Some(v)),
            "updated" => text(&key, value).map(|v| raw.updated = Some(v)),
            "dateline" => text(&key, value).map(|v| raw.dateline = Some(v)),
            "summary" => text(&key, value).map(|v| raw.summary = Some(v)),
            "image" => text(&key, value).map(|v| raw.image = Some(v)),
            "image_alt" => text(&key, value).map(|v| raw.image_alt = Some(v)),
            "image_caption" => text(&key, value).map(|v| raw.image_caption = Some(v)),
            "image_credit" => text(&key, value).map(|v| raw.image_credit = Some(v)),
            "image_focus" => text(&key, value).map(|v| raw.image_focus = Some(v)),
            "lang" => text(&key, value).map(|v| raw.lang = Some(v)),
            "translation_key" => text(&key, value).map(|v| raw.translation_key = Some(v)),
            "slug" => text(&key, value).map(|v| raw.slug = Some(v)),
            "agencies" => list(&key, value).map(|v| raw.agencies = Some(v)),
            "topics" => list(&key, value).map(|v| raw.topics = Some(v)),
            "tags" => list(&key, value).map(|v| raw.tags = Some(v)),
            "author" | "authors" => list(&key, value).map(|v| raw.author = Some(v)),
            "draft" => flag(&key, value).map(|v| raw.draft = Some(v)),
            "featured" => flag(&key, value).map(|v| raw.featured = Some(v)),
            "comments" => flag(&key, value).map(|v| raw.comments = Some(v)),
            "breaking" => flag(&key, value).map(|v| raw.breaking = Some(v)),
            "embargo" => text(&key, value).map(|v| raw.embargo = Some(v)),
            "expires" => text(&key, value).map(|v| raw.expires = Some(v)),
            "withdrawn" => flag(&key, value).map(|v| raw.withdrawn = Some(v)),
            "corrections" => corrections(value).map(|v| raw.corrections = v),
            "images" => gallery(value).map(|v| raw.images = v),
            _ => match serde_json::to_value(&value) {
                Ok(v) => {
                    raw.extra.insert(key.clone(), v);
                    Ok(())
                }
                Err(_) => Err(format!(
                    "`{key}` holds a value that cannot be passed to templates"
                )),
            },
        };
        if let Err(message) = result {
            let at = offsets.get_or_init(|| key_offsets(yaml)).get(key.as_str());
            errors.push(ParseError::at(at.copied().unwrap_or(0), message));
        }
    }
    Ok((raw, errors))
}

/// Every key broadsheet reads; anything else is kept for templates as `article.extra`.
pub const KNOWN_KEYS: [&str; 31] = [
    "title",
    "kind",
    "aliases",
    "id",
    "menu",
    "date",
    "updated",
    "dateline",
    "agencies",
    "topics",
    "tags",
    "author",
    "authors",
    "summary",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
    "image_focus",
    "images",
    "lang",
    "translation_key",
    "slug",
    "draft",
    "featured",
    "comments",
    "breaking",
    "embargo",
    "expires",
    "withdrawn",
    "corrections",
];

/// The known key an unknown `key` is probably a slip for: the same word in another
/// case or spelling (`Title`, `image-alt`), the singular or plural of a list key
/// (`tag`, `agency`), or within one typing slip (two for longer keys) of it
/// (`topicz`, `sumary`, `embrago`). `None` when nothing is that close.
pub fn suggest_key(key: &str) -> Option<&'static str> {
    let lower = key.trim().to_lowercase().replace('-', "_");
    if let Some(k) = KNOWN_KEYS.iter().find(|k| **k == lower) {
        return Some(k);
    }
    let plural = match lower.as_str() {
        "tag" => Some("tags"),
        "topic" => Some("topics"),
        "agency" | "agencys" | "agencie" => Some("agencies"),
        "correction" => Some("corrections"),
        "dates" => Some("date"),
        "titles" => Some("title"),
        _ => None,
    };
    if plural.is_some() {
        return plural;
    }
    let allowed = if lower.chars().count() <= 4 { 1 } else { 2 };
    KNOWN_KEYS
        .iter()
        .map(|k| (edit_distance(&lower, k), *k))
        .filter(|&(d, _)| d <= allowed)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and
/// swaps of neighbours each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Front matter above this size is refused before the YAML reader sees it.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Non-breaking spaces (pasted from word processors after `title:` or in indentation)
/// become plain spaces, byte for byte, so YAML reads them and offsets stay true.
fn without_nbsp(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    for c in yaml.chars() {
        match c {
            '\u{a0}' | '\u{202f}' => (0..c.len_utf8()).for_each(|_| out.push(' ')),
            c => out.push(c),
        }
    }
    out
}

fn kind(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "empty",
        serde_yaml::Value::Bool(_) => "true/false",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "text",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a set of keys",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

/// Text, accepting a bare number (`title: 1984`).
fn text(key: &str, value: serde_yaml::Value) -> Result<String, String> {
    match value {
        serde_yaml::Value::String(s) => Ok(s),
        serde_yaml::Value::Number(n) => Ok(n.to_string()),
        other => Err(format!("`{key}` must be text, not {}", kind(&other))),
    }
}

fn list(key: &str, value: serde_yaml::Value) -> Result<OneOrMany, String> {
    match value {
        serde_yaml::Value::String(s) => Ok(OneOrMany::One(s)),
        serde_yaml::Value::Sequence(items) => items
            .into_iter()
            .map(|item| match item {
                serde_yaml::Value::String(s) => Ok(s),
                serde_yaml::Value::Number(n) => Ok(n.to_string()),
                other => Err(format!(
                    "every item of `{key}` must be text, not {}",
                    kind(&other)
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(OneOrMany::Many),
        serde_yaml::Value::Null => Ok(OneOrMany::Many(Vec::new())),
        other => Err(format!(
            "`{key}` must be a list such as [A, B] or one text value, not {}",
            kind(&other)
        )),
    }
}

fn corrections(value: serde_yaml::Value) -> Result<Vec<RawCorrection>, String> {
    const SHAPE: &str = "`corrections` must be a list of `{date: ..., text: ...}` entries";
    let serde_yaml::Value::Sequence(items) = value else {
        return Err(SHAPE.to_string());
    };
    items
        .into_iter()
        .map(|item| {
            let serde_yaml::Value::Mapping(map) = item else {
                return Err(SHAPE.to_string());
            };
            let field = |name: &str| match map.get(name) {
                Some(serde_yaml::Value::String(s)) => Ok(s.clone()),
                Some(serde_yaml::Value::Number(n)) => Ok(n.to_string()),
                _ => Err(format!("every correction needs `{name}:` text")),
            };
            Ok(RawCorrection {
                date: field("date")?,
                text: field("text")?,
            })
        })
        .collect()
}

fn gallery(value: serde_yaml::Value) -> Result<Vec<RawImage>, String> {
    const SHAPE: &str =
        "`images` must be a list of `{src: ..., alt: ..., caption: ..., credit: ...}` entries";
    let serde_yaml::Value::Sequence(items) = value else {
        return Err(SHAPE.to_string());
    };
    items
        .into_iter()
        .map(|item| {
            // A bare path is a photo with nothing else said of it.
            let map = match item {
                serde_yaml::Value::String(src) => {
                    return Ok(RawImage {
                        src,
                        alt: None,
                        caption: None,
                        credit: None,
                    });
                }
                serde_yaml::Value::Mapping(map) => map,
                _ => return Err(SHAPE.to_string()),
            };
            for key in map.keys() {
                let known = key
                    .as_str()
                    .is_some_and(|k| ["src", "path", "alt", "caption", "credit"].contains(&k));
                if !known {
                    return Err(format!(
                        "a gallery photo has `{}`; it takes src (or path), alt, caption and credit",
                        key.as_str().unwrap_or("a key that is not text")
                    ));
                }
            }
            let field = |name: &str| match map.get(name) {
                None | Some(serde_yaml::Value::Null) => Ok(None),
                Some(serde_yaml::Value::String(s)) => Ok(Some(s.clone())),
                Some(serde_yaml::Value::Number(n)) => Ok(Some(n.to_string())),
                Some(_) => Err(format!("a gallery photo's `{name}` must be text")),
            };
            let src = match (field("src")?, field("path")?) {
                (Some(s), _) | (None, Some(s)) if !s.trim().is_empty() => s.trim().to_string(),
                _ => return Err("every gallery photo needs `src:` (or `path:`)".to_string()),
            };
            Ok(RawImage {
                src,
                alt: field("alt")?,
                caption: field("caption")?,
                credit: field("credit")?,
            })
        })
        .collect()
}

fn flag(key: &str, value: serde_yaml::Value) -> Result<bool, String> {
    match value {
        serde_yaml::Value::Bool(b) => Ok(b),
        other => Err(format!(
            "`{key}` must be true or false, not {}",
            kind(&other)
        )),
    }
}

fn yaml_error(yaml: &str, e: serde_yaml::Error) -> ParseError {
    let mut offset = e.location().map(|l| l.index()).unwrap_or(0);
    // A list or quote left open is only noticed at the end of the YAML; the last
    // written line is where the reader should look.
    let trimmed = yaml.trim_end();
    if offset >= trimmed.len() {
        offset = trimmed.rfind('\n').map(|i| i + 1).unwrap_or(0);
    }
    let message = tidy_message(&e.to_string());
    // serde_yaml points a repeated key at its mapping; the repeat is what to fix.
    if let Some(key) = message
        .strip_prefix("duplicate entry with key \"")
        .and_then(|k| k.strip_suffix('"'))
    {
        let mut pos = 0;
        let mut starts = Vec::new();
        for line in yaml.split_inclusive('\n') {
            if line
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
            {
                starts.push(pos);
            }
            pos += line.len();
        }
        offset = starts.get(1).copied().unwrap_or(offset);
    }
    // serde_yaml's guards against hostile YAML, in words a writer can act on.
    match message.as_str() {
        m if m == "repetition limit exceeded" || m.ends_with(TOO_MANY_VALUES) => ParseError::at(
            0,
            "the YAML's aliases (`*name`) expand to too many values; refusing to read it",
        )
        .help("front matter needs no anchors or aliases: write each value out"),
        "recursion limit exceeded" => {
            ParseError::at(offset, "the YAML is nested too deeply; refusing to read it")
                .help("front matter values are text, lists of text, or true/false")
        }
        _ => ParseError::at(offset, format!("malformed YAML: {message}")),
    }
}

/// Drops serde_yaml's trailing "at line X column Y" (we print our own).
fn tidy_message(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Byte offset of each top-level `key:` line in the YAML (the first, if repeated).
fn key_offsets(yaml: &str) -> std::collections::HashMap<&str, usize> {
    let mut offsets = std::collections::HashMap::new();
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        if let Some((key, _)) = line.split_once(':')
            && !key.is_empty()
            && !key.starts_with([' ', '\t', '-', '#'])
        {
            offsets.entry(key.trim_end()).or_insert(pos);
        }
        pos += line.len();
    }
    offsets
}

/// Byte offset of the line `key:` in the YAML, if present.
pub fn key_offset(yaml: &str, key: &str) -> Option<usize> {
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(pos);
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: x\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(s.yaml, "title: x\r\n");
        assert_eq!(s.body, "Body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_and_empty() {
        assert!(
            split("---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("not closed")
        );
        assert!(split("  \n").unwrap_err().message.contains("empty"));
        assert!(
            split("title: x\n")
                .unwrap_err()
                .message
                .contains("does not start")
        );
    }

    #[test]
    fn agencies_one_or_many() {
        let raw = read("agencies: AFP/APP/DNA\nauthor: [A, B]\n").unwrap();
        assert_eq!(
            raw.agencies.unwrap().into_vec(Some('/')),
            vec!["AFP", "APP", "DNA"]
        );
        assert_eq!(raw.author.unwrap().into_vec(None), vec!["A", "B"]);
    }

    #[test]
    fn unknown_keys_kept() {
        let raw = read("title: x\nsource_url: http://a\n").unwrap();
        assert_eq!(raw.extra["source_url"], "http://a");
    }

    #[test]
    fn near_misses_of_known_keys_are_suggested() {
        for (key, want) in [
            ("topicz", Some("topics")),
            ("tag", Some("tags")),
            ("agency", Some("agencies")),
            ("Title", Some("title")),
            ("sumary", Some("summary")),
            ("image-alt", Some("image_alt")),
            ("embrago", Some("embargo")),
            ("athor", Some("author")),
            ("source_url", None),
            ("subtitle", None),
            ("kicker", None),
            ("x", None),
        ] {
            assert_eq!(suggest_key(key), want, "{key}");
        }
    }

    #[test]
    fn a_bad_key_leaves_the_others_read() {
        let (raw, errors) =
            read_partial("title: x\ntags: 5\ndraft: maybe\ndate: 2017-09-22\n").unwrap();
        assert_eq!(raw.title.as_deref(), Some("x"));
        assert_eq!(raw.date.as_deref(), Some("2017-09-22"));
        assert!(raw.tags.is_none() && raw.draft.is_none());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(read_partial("title: [x\n").is_err());
    }

    #[test]
    fn wrong_type_names_key_line() {
        let yaml = "title: x\ntags: 5\n";
        let e = read(yaml).unwrap_err();
        assert_eq!(e[0].offset, 9, "{e:?}");
        assert!(e[0].message.contains("`tags` must be a list"), "{e:?}");
    }

    /// The billion laughs: nine levels of nine aliases each.
    pub(crate) fn alias_bomb() -> String {
        let mut yaml =
            String::from("title: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..9 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        yaml
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let start = std::time::Instant::now();
        let e = read(&alias_bomb()).unwrap_err().remove(0);
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
        eprintln!("{}", e.message);
        assert!(e.message.contains("aliases"), "{}", e.message);
    }

    /// Within serde_yaml's own alias limit, but expanding a large anchor many times.
    #[test]
    fn wide_alias_expansion_is_refused_quickly() {
        let start = std::time::Instant::now();
        let anchor = vec!["x"; 10_000].join(", ");
        let aliases = vec!["*a"; 8_000].join(", ");
        let yaml = format!("title: wide\na: &a [{anchor}]\nb: [{aliases}]\n");
        assert!(yaml.len() < MAX_FRONT_MATTER_BYTES);
        let e = read(&yaml).unwrap_err().remove(0);
        assert!(e.message.contains("aliases"), "{}", e.message);
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
        // Two levels: few jumps each, multiplied.
        let inner = vec!["x"; 100].join(", ");
        let middle = vec!["*a"; 100].join(", ");
        let outer = vec!["*b"; 10_000].join(", ");
        let yaml = format!("a: &a [{inner}]\nb: &b [{middle}]\nc: [{outer}]\n");
        let e = read(&yaml).unwrap_err().remove(0);
        assert!(e.message.contains("aliases"), "{}", e.message);
    }

    #[test]
    fn tagged_values_read_as_before() {
        let raw = read("title: !custom x\nother: !thing {a: 1}\n").unwrap_err();
        assert!(raw[0].message.contains("not a tagged value"), "{raw:?}");
        let raw = read("title: x\nother: !thing {a: 1}\n").unwrap();
        assert!(raw.extra.contains_key("other"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        for deep in [
            format!("title: x\ndeep: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
            format!(
                "title: x\ndeep:\n{}",
                (1..150)
                    .map(|i| format!("{}- \n", " ".repeat(i * 2)))
                    .collect::<String>()
            ),
            format!("title: x\ndeep: {}1\n", "{a: ".repeat(1000)),
        ] {
            let e = read(&deep).unwrap_err().remove(0);
            assert!(e.message.contains("nested too deeply"), "{}", e.message);
        }
    }

    #[test]
    fn huge_front_matter_is_refused_before_parsing() {
        let yaml = format!(
            "title: x\nsummary: \"{}\"\n",
            "a".repeat(MAX_FRONT_MATTER_BYTES)
        );
        let e = read(&yaml).unwrap_err().remove(0);
        assert!(e.message.contains("above the limit"), "{}", e.message);
    }

    #[test]
    fn non_breaking_spaces_are_spaces() {
        let raw =
            read("title:\u{a0}Floods in\u{a0}Swat\ntags:\n\u{a0}\u{a0}- A\u{202f}B\n").unwrap();
        assert_eq!(raw.title.as_deref(), Some("Floods in  Swat"));
        assert_eq!(raw.tags.unwrap().into_vec(None), vec!["A   B"]);
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        let e = read("title: a\ntitle: b\n").unwrap_err().remove(0);
        eprintln!("{}", e.message);
        assert!(e.message.contains("title"), "{}", e.message);
    }

    #[test]
    fn malformed_yaml_has_offset() {
        let e = read("title: x\ntags: [a, b\n").unwrap_err().remove(0);
        assert!(e.message.starts_with("malformed YAML"), "{}", e.message);
        assert!(e.offset > 0);
    }
}
