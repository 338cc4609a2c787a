//! A quick reader for the front matter most files have: one `key: value` per line,
//! values plain or quoted text, `true`/`false`, or lists written `[A, B]` or as
//! `- A` lines. It reads exactly what the YAML reader would make of such front
//! matter, or gives up (`None`) at the first thing it is not sure of (escapes,
//! comments, continued lines, nested keys, anything that could be a number, null or
//! an error), and the YAML reader reads the file instead. Wire copy is mostly written
//! this way, and reading it so costs a fifth of a full YAML parse.

use super::{OneOrMany, RawFrontMatter};

/// A value as written.
#[derive(Debug)]
enum Val<'a> {
    Text(&'a str),
    Flag(bool),
    /// A key with nothing after it and no list below it.
    Empty,
    List(Vec<&'a str>),
}

/// The front matter of `yaml` if it is simple enough to read without YAML.
pub(super) fn read(yaml: &str) -> Option<RawFrontMatter> {
    if !yaml.chars().all(printable) {
        return None;
    }
    let mut raw = RawFrontMatter::default();
    let mut seen: Vec<&str> = Vec::with_capacity(16);
    let mut values = 0usize;
    let mut lines = yaml.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim_start_matches(' ').is_empty() {
            continue;
        }
        let (key, rest) = key_of(line)?;
        if seen.contains(&key) {
            return None; // The YAML reader says which key is repeated.
        }
        seen.push(key);
        let value = rest.trim_matches(' ');
        let val = if value.is_empty() {
            block_list(&mut lines)?
        } else {
            inline(value)?
        };
        values += match &val {
            Val::List(items) => items.len() + 1,
            _ => 1,
        };
        if values > super::MAX_YAML_VALUES / 2 {
            return None;
        }
        take(&mut raw, key, val)?;
    }
    Some(raw)
}

/// Puts `val` where the YAML path would, or `None` where that path reports an error
/// (or reads a kind of value this reader does not make).
fn take(raw: &mut RawFrontMatter, key: &str, val: Val<'_>) -> Option<()> {
    let text = |val: Val<'_>| match val {
        Val::Text(s) => Some(s.to_string()),
        _ => None,
    };
    let list = |val: Val<'_>| match val {
        Val::Text(s) => Some(OneOrMany::One(s.to_string())),
        Val::List(items) => Some(OneOrMany::Many(
            items.into_iter().map(str::to_string).collect(),
        )),
        Val::Empty => Some(OneOrMany::Many(Vec::new())),
        Val::Flag(_) => None,
    };
    let flag = |val: Val<'_>| match val {
        Val::Flag(b) => Some(b),
        _ => None,
    };
    match key {
        "title" => raw.title = Some(text(val)?),
        "date" => raw.date = Some(text(val)?),
        "updated" => raw.updated = Some(text(val)?),
        "dateline" => raw.dateline = Some(text(val)?),
        "summary" => raw.summary = Some(text(val)?),
        "image" => raw.image = Some(text(val)?),
        "image_alt" => raw.image_alt = Some(text(val)?),
        "image_caption" => raw.image_caption = Some(text(val)?),
        "image_credit" => raw.image_credit = Some(text(val)?),
        "image_focus" => raw.image_focus = Some(text(val)?),
        "lang" => raw.lang = Some(text(val)?),
        "translation_key" => raw.translation_key = Some(text(val)?),
        "slug" => raw.slug = Some(text(val)?),
        "embargo" => raw.embargo = Some(text(val)?),
        "expires" => raw.expires = Some(text(val)?),
        "agencies" => raw.agencies = Some(list(val)?),
        "topics" => raw.topics = Some(list(val)?),
        "tags" => raw.tags = Some(list(val)?),
        "author" | "authors" => raw.author = Some(list(val)?),
        "draft" => raw.draft = Some(flag(val)?),
        "featured" => raw.featured = Some(flag(val)?),
        "comments" => raw.comments = Some(flag(val)?),
        "breaking" => raw.breaking = Some(flag(val)?),
        "withdrawn" => raw.withdrawn = Some(flag(val)?),
        "corrections" | "images" => return None,
        _ => {
            let json = match val {
                Val::Text(s) => serde_json::Value::String(s.to_string()),
                Val::Flag(b) => serde_json::Value::Bool(b),
                Val::Empty => serde_json::Value::Null,
                Val::List(items) => serde_json::Value::Array(
                    items
                        .into_iter()
                        .map(|s| serde_json::Value::String(s.to_string()))
                        .collect(),
                ),
            };
            raw.extra.insert(key.to_string(), json);
        }
    }
    Some(())
}

/// `key: rest` at the start of a line: the key is a word (letters, digits, `_`, `-`,
/// starting with a letter or `_`) that YAML reads as text, followed by `:` and a space
/// or the end of the line.
fn key_of(line: &str) -> Option<(&str, &str)> {
    let end = line
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(line.len());
    let (key, rest) = line.split_at(end);
    let first = *key.as_bytes().first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') || special_word(key) {
        return None;
    }
    let rest = rest.strip_prefix(':')?;
    (rest.is_empty() || rest.starts_with(' ')).then_some((key, rest))
}

/// The `- item` lines below a key with no value on its line; none: an empty value.
fn block_list<'a>(lines: &mut std::iter::Peekable<std::str::Lines<'a>>) -> Option<Val<'a>> {
    let mut items = Vec::new();
    let mut indent = None;
    while let Some(&line) = lines.peek() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() {
            lines.next();
            continue;
        }
        let this = line.len() - body.len();
        let Some(item) = body.strip_prefix("- ") else {
            // A line further in is a continued or nested value; one at the start is
            // the next key. `-` alone is an empty item.
            if this > 0 || body == "-" || body.starts_with("-\t") {
                return None;
            }
            break;
        };
        if *indent.get_or_insert(this) != this {
            return None;
        }
        items.push(item_text(item.trim_matches(' '))?);
        lines.next();
    }
    Some(if items.is_empty() {
        Val::Empty
    } else {
        Val::List(items)
    })
}

/// A block list item: text only.
fn item_text(item: &str) -> Option<&str> {
    match inline(item)? {
        Val::Text(s) => Some(s),
        _ => None,
    }
}

/// A value written on the key's line.
fn inline(value: &str) -> Option<Val<'_>> {
    match value.as_bytes().first()? {
        b'"' => quoted(value, '"').map(Val::Text),
        b'\'' => quoted(value, '\'').map(Val::Text),
        b'[' => flow_list(value),
        _ => plain(value, false),
    }
}

/// `"text"` or `'text'` on one line, without escapes or the quote inside.
fn quoted(value: &str, quote: char) -> Option<&str> {
    let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains([quote, '\\'])).then_some(inner)
}

/// `[A, B]`: plain items that are surely text, nothing YAML treats specially.
fn flow_list(value: &str) -> Option<Val<'_>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    if inner.contains(['[', ']', '{', '}', '"', '\'', '#', ':', '\t']) {
        return None;
    }
    if inner.trim_matches(' ').is_empty() {
        return Some(Val::List(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| match plain(item.trim_matches(' '), true)? {
            Val::Text(s) => Some(s),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .map(Val::List)
}

/// An unquoted value: `true`/`false`, or text that YAML could not read as anything
/// else. `None` for what might be a number, null, a comment, an indicator or a key.
fn plain(value: &str, in_list: bool) -> Option<Val<'_>> {
    let first = *value.as_bytes().first()?;
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        || value.ends_with(':')
        || value.contains(": ")
        || value.contains(" #")
        || value.contains('\t')
        || (in_list && value.contains(','))
    {
        return None;
    }
    match value {
        "true" | "True" | "TRUE" => return Some(Val::Flag(true)),
        "false" | "False" | "FALSE" => return Some(Val::Flag(false)),
        _ if special_word(value) => return None,
        _ => {}
    }
    // Numbers are written with digits, letters, `+`, `-`, `.` and `_` only, start
    // with a digit, a sign or a point, and have a sign nowhere else but after an
    // exponent's `e`; anything else (`2017-09-22`) is text.
    let bytes = value.as_bytes();
    let maybe_number = matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+-._".contains(b))
        && (1..bytes.len())
            .all(|i| !matches!(bytes[i], b'+' | b'-') || matches!(bytes[i - 1], b'e' | b'E'));
    (!maybe_number).then_some(Val::Text(value))
}

/// Words YAML reads as null or true/false.
fn special_word(s: &str) -> bool {
    matches!(
        s,
        "null" | "Null" | "NULL" | "~" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// Characters YAML reads as themselves. Tabs, carriage returns, the other line
/// breaks YAML knows (U+0085, U+2028, U+2029) and byte order marks are left to the
/// YAML reader.
fn printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
        || c >= '\u{10000}'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the YAML reader makes of `yaml`, for comparison.
    fn by_yaml(yaml: &str) -> Option<String> {
        super::super::read_yaml(yaml)
            .ok()
            .filter(|(_, errors)| errors.is_empty())
            .map(|(r, _)| format!("{r:?}"))
    }

    /// Whenever the quick reader reads `yaml`, it reads what the YAML reader does.
    fn agrees(yaml: &str) -> bool {
        match read(yaml) {
            Some(quick) => {
                let quick = format!("{quick:?}");
                assert_eq!(Some(&quick), by_yaml(yaml).as_ref(), "{yaml:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn wire_copy_front_matter_is_read_without_yaml() {
        let cases = [
            "title: \"87,831 displaced as fighting spreads\"\ndate: \"2017-01-08 06:29\"\n\
             updated: 2017-01-09T10:29:00+05:00\ndateline: GENEVA\nagencies: \"AFP\"\n\
             topics: [Europe]\ntags: [Qasiya Ceasefire, United States]\ncomments: false\n",
            "title: Serbia reacts\ndate: 2019-03-21T14:17:00+02:00\nagencies: [Reuters, AFP]\n\
             author:\n  - Ann Lee\n  - 'Bilal Awan'\nfeatured: true\nregion: South Asia\n",
            "title: کراچی میں بارش\nlang: ur\ntags:\n- بارش\n- کراچی\n\nsponsor: Acme\nflags: []\n",
            "title: 'He said \"no\"'\nsummary: C# and F# developers meet\nnotes:\n",
            "date: 2017-09-22\nupdated: 2017-09-22T10:00+05:00\n",
        ];
        for yaml in cases {
            assert!(agrees(yaml), "not read quickly: {yaml:?}");
        }
    }

    #[test]
    fn anything_unsure_is_left_to_yaml() {
        let cases = [
            "title: 1984\n",              // a number
            "date: 1e-3\n",               // an exponent: a number
            "date: -2017\n",              // a sign first
            "title: null\n",              // null
            "title: x # note\n",          // a comment
            "# note\ntitle: x\n",         // a comment line
            "title: Floods\n  in Swat\n", // a continued line
            "title: \"a \\\"b\\\"\"\n",   // escapes
            "title: 'it''s'\n",           // a doubled quote
            "title: x\ntitle: y\n",       // a repeated key
            "tags: [a, [b]]\n",           // nesting
            "tags: [a, b,]\n",            // an empty item
            "tags: [\"a, b\", c]\n",      // quotes in a list
            "tags:\n  - a\n   - b\n",     // uneven items
            "tags:\n  - a:b\n  - c: d\n", // a key in a list
            "tags:\n  -\n",               // an empty item
            "tags:\n  - \n  -  \n",       // empty items with spaces
            "corrections:\n  - date: 2017-09-23\n    text: x\n",
            "draft: yes\n",            // text, which `draft` refuses
            "draft: \"true\"\n",       // the same
            "title: x\r\n",            // a carriage return
            "title:\tx\n",             // a tab
            "title: &a x\nslug: *a\n", // anchors
            "title: |\n  x\n",         // a block scalar
            "true: x\n",               // a key that is not text
            "title: x:\n",             // a trailing colon
            "title: a\u{2028}b\n",     // a line separator
            "title:x\n",               // no space after the colon
            "- a\n- b\n",              // not keys at all
        ];
        for yaml in cases {
            assert!(read(yaml).is_none(), "read quickly: {yaml:?}");
        }
    }

    /// Front matter put together from pieces, tricky ones included: the quick reader
    /// either gives up or agrees with YAML, and it does read a good share of them.
    #[test]
    fn never_disagrees_with_yaml() {
        use proptest::prop_oneof;
        use proptest::strategy::{Strategy, ValueTree};
        let part = prop_oneof![
            12 => "[a-zA-Z]{1,6}",
            4 => proptest::strategy::Just(" ".to_string()),
            2 => "[0-9]{1,4}",
            2 => "([0-9]{1,4}(-|\\+|e-|E\\+|\\.)[0-9]{1,2}|[-+][0-9]|\\.[0-9]e-1)",
            1 => "(true|False|null|~|0x1F|1e3|\\.inf|010|-|:|#|,|'|\"|\\[|\\]|\\{|\\\\|/|\\.|\\+|_|ا|é|\t)",
        ];
        let after = prop_oneof![
            6 => proptest::strategy::Just(String::new()),
            1 => "(\n  - a|\n  - |\n- b c|\n  - [x]|\n  - 'q'|\n    - d|\n  more|\n  - a\n  - b)",
        ];
        let line = (
            "(title|date|tags|topics|agencies|author|draft|summary|region|true|null|x-y|_k|Title)",
            "( |  |)",
            proptest::collection::vec(part, 0..6),
            after,
        );
        let front_matter = proptest::collection::vec(line, 1..5).prop_map(|lines| {
            let mut yaml = String::new();
            for (key, gap, parts, after) in &lines {
                yaml.push_str(&format!("{key}:{gap}{}{after}\n", parts.concat()));
            }
            yaml
        });
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let cases = 20_000;
        let mut quick = 0;
        for _ in 0..cases {
            let yaml = front_matter.new_tree(&mut runner).unwrap().current();
            quick += usize::from(agrees(&yaml));
        }
        assert!(quick > cases / 20, "only {quick} of {cases} read quickly");
    }
}
