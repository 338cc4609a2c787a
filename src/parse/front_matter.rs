//! Front matter: splits an article file into YAML and body, and reads the YAML
//! into a loose [`RawFrontMatter`]. Every serde_yaml call lives here.
//! Input: the file's text. Output: raw values or a [`ParseError`]; no dates or slugs yet.

use std::collections::BTreeMap;

use super::ParseError;

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
    pub lang: Option<String>,
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
    /// Keys broadsheet does not know, passed to templates as `article.extra`.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One correction notice as written: when, and what was corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCorrection {
    pub date: String,
    pub text: String,
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
    if yaml.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    let value: serde_yaml::Value =
        serde_yaml::from_str(yaml).map_err(|e| vec![yaml_error(yaml, e)])?;
    let serde_yaml::Value::Mapping(map) = value else {
        return Err(vec![ParseError::at(
            0,
            "front matter must be a set of `key: value` lines",
        )]);
    };
    let mut raw = RawFrontMatter::default();
    let mut errors = Vec::new();
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_string) else {
            errors.push(ParseError::at(0, "front matter keys must be text"));
            continue;
        };
        let at = key_offset(yaml, &key).unwrap_or(0);
        let result = match key.as_str() {
            "title" => text(&key, value).map(|v| raw.title = Some(v)),
            "date" => text(&key, value).map(|v| raw.date = Some(v)),
            "updated" => text(&key, value).map(|v| raw.updated = Some(v)),
            "dateline" => text(&key, value).map(|v| raw.dateline = Some(v)),
            "summary" => text(&key, value).map(|v| raw.summary = Some(v)),
            "image" => text(&key, value).map(|v| raw.image = Some(v)),
            "image_alt" => text(&key, value).map(|v| raw.image_alt = Some(v)),
            "lang" => text(&key, value).map(|v| raw.lang = Some(v)),
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
            errors.push(ParseError::at(at, message));
        }
    }
    if errors.is_empty() {
        Ok(raw)
    } else {
        Err(errors)
    }
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
    ParseError::at(
        offset,
        format!("malformed YAML: {}", tidy_message(&e.to_string())),
    )
}

/// Drops serde_yaml's trailing "at line X column Y" (we print our own).
fn tidy_message(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
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
    fn wrong_type_names_key_line() {
        let yaml = "title: x\ntags: 5\n";
        let e = read(yaml).unwrap_err();
        assert_eq!(e[0].offset, 9, "{e:?}");
        assert!(e[0].message.contains("`tags` must be a list"), "{e:?}");
    }

    #[test]
    fn malformed_yaml_has_offset() {
        let e = read("title: x\ntags: [a, b\n").unwrap_err().remove(0);
        assert!(e.message.starts_with("malformed YAML"), "{}", e.message);
        assert!(e.offset > 0);
    }
}
