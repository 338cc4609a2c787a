//! IPTC ninjs (News in JSON) 1.x, 2.x and 3.x into items. A file holds one item or an
//! array of items. Field names of every version are read (`versioncreated` of 1.x/2.x
//! and `versionCreated` of 3.x); the declared version must be 1, 2 or 3. The
//! editorial note (`ednote`, `edNote`) is never read into an item.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde_json::{Map, Value};

use super::article::{Item, dedup, plain_text};
use super::html::to_markdown;
use super::ledger;
use super::run::{Pending, Sink};
use super::sources::{self, agencies, is_topic_code, text_to_markdown};
use crate::parse::date::parse_date;
use crate::parse::slug::slugify;

/// Imports every `.json` file in `inputs` (files, or folders searched for them).
pub fn import(inputs: &[PathBuf], tz: Tz, imp: &mut impl Sink) {
    sources::import_each(inputs, &["json"], imp, |bytes, name, imp| {
        read_file(bytes, name, tz, imp);
    });
}

/// Reads one ninjs file held in memory (`name` for messages).
pub fn read_file(bytes: &[u8], name: String, tz: Tz, imp: &mut impl Sink) {
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            return imp.error(
                format!("{name}:{}:{}", e.line(), e.column()),
                format!("invalid JSON: {e}"),
            );
        }
    };
    match value {
        Value::Object(map) => one(map, name, tz, imp),
        Value::Array(items) => {
            for (i, v) in items.into_iter().enumerate() {
                let origin = format!("{name}: item {}", i + 1);
                match v {
                    Value::Object(map) => one(map, origin, tz, imp),
                    _ => imp.error(origin, "a ninjs item must be a JSON object"),
                }
            }
        }
        _ => imp.error(name, "a ninjs file holds an object or an array of objects"),
    }
}

/// The first of `names` that is present and not null.
fn field<'a>(m: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .find_map(|n| m.get(*n).filter(|v| !v.is_null()))
}

fn text_field(m: &Map<String, Value>, names: &[&str]) -> Option<String> {
    match field(m, names)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The ninjs major version the item declares (or, failing that, its field names show).
fn version_of(m: &Map<String, Value>) -> Result<u32, String> {
    let declared = m
        .get("standard")
        .and_then(|s| s.get("version"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| text_field(m, &["ninjsversion", "ninjsVersion"]))
        .or_else(|| {
            let schema = text_field(m, &["$schema"])?;
            let at = schema.find("ninjs-schema_")? + "ninjs-schema_".len();
            Some(schema[at..].trim_end_matches(".json").to_string())
        });
    if let Some(v) = declared {
        return match v
            .trim()
            .split('.')
            .next()
            .and_then(|m| m.parse::<u32>().ok())
        {
            Some(major @ 1..=3) => Ok(major),
            _ => Err(format!(
                "unknown ninjs version `{v}`: broadsheet reads ninjs 1.x, 2.x and 3.x"
            )),
        };
    }
    let camel = [
        "versionCreated",
        "firstCreated",
        "pubStatus",
        "embargoedUntil",
    ];
    Ok(if camel.iter().any(|k| m.contains_key(*k)) {
        3
    } else if ["headlines", "bodies", "subjects"]
        .iter()
        .any(|k| m.contains_key(*k))
    {
        2
    } else {
        1
    })
}

/// `[{role, value, contenttype}]` entries (2.x/3.x headlines, bodies, descriptions).
fn entries(m: &Map<String, Value>, name: &str) -> Vec<(String, String, String)> {
    let Some(Value::Array(list)) = m.get(name) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| {
            let value = e.get("value").and_then(Value::as_str)?.to_string();
            let role = e
                .get("role")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let ctype = e
                .get("contenttype")
                .or_else(|| e.get("contentType"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_ascii_lowercase();
            Some((role, value, ctype))
        })
        .collect()
}

fn one(m: Map<String, Value>, origin: String, tz: Tz, imp: &mut impl Sink) {
    if let Err(e) = version_of(&m) {
        return imp.error(origin, e);
    }
    let Some(uri) = text_field(&m, &["uri"]) else {
        return imp.error(origin, "the item has no `uri`, which ninjs requires");
    };
    let kind = text_field(&m, &["type"]).unwrap_or_else(|| "text".into());
    let has_text = ["body_text", "body_html", "bodies", "body"]
        .iter()
        .any(|k| m.contains_key(*k));
    if kind != "text" && !(kind == "composite" && has_text) {
        return imp.skip(origin, format!("a `{kind}` item, not text"));
    }
    // The version number, then the version's time: an agency that sends a correction
    // under the same number with a later `versioncreated` still updates the story.
    let created = text_field(&m, &["versioncreated", "versionCreated"]);
    let version = match (text_field(&m, &["version"]), created) {
        (Some(v), Some(t)) => format!("{v}{}{t}", ledger::PART),
        (Some(v), None) => v,
        (None, Some(t)) => t,
        (None, None) => "1".into(),
    };
    let key = format!("ninjs:{uri}");
    imp.found(Pending {
        key: key.clone(),
        version,
        origin,
        make: Box::new(move || convert(&m, key, tz)),
    });
}

fn time(
    m: &Map<String, Value>,
    names: &[&str],
    tz: Tz,
) -> Result<Option<DateTime<FixedOffset>>, String> {
    match text_field(m, names) {
        None => Ok(None),
        Some(t) => parse_date(&t, tz)
            .map(Some)
            .map_err(|_| format!("`{}` holds `{t}`, which is not a date and time", names[0])),
    }
}

fn convert(m: &Map<String, Value>, key: String, tz: Tz) -> Result<Item, String> {
    let headlines = entries(m, "headlines");
    let title = text_field(m, &["headline"])
        .or_else(|| {
            headlines
                .iter()
                .find(|(role, ..)| role.is_empty() || role == "main")
                .or(headlines.first())
                .map(|(_, v, _)| plain_text(v))
        })
        .filter(|t| !t.is_empty())
        .ok_or("the item has no headline")?;
    let first = time(m, &["firstcreated", "firstCreated"], tz)?;
    let latest = time(m, &["versioncreated", "versionCreated"], tz)?;
    let date = first
        .or(latest)
        .ok_or("the item has neither `firstcreated` nor `versioncreated`")?;
    let mut item = Item {
        key,
        slug: slugify(&title, "story"),
        title,
        date: Some(date),
        updated: latest.filter(|l| *l > date),
        date_from_version: first.is_none(),
        embargo: time(m, &["embargoed", "embargoedUntil"], tz)?,
        lang: text_field(m, &["language"]),
        ..Item::default()
    };
    match text_field(m, &["pubstatus", "pubStatus"]).as_deref() {
        Some("canceled" | "cancelled" | "withdrawn") => item.withdrawn = true,
        Some("withheld") => item.draft = true,
        _ => {}
    }
    item.dateline = text_field(m, &["located"]).or_else(|| {
        let places = field(m, &["place", "places"])?.as_array()?;
        places
            .iter()
            .find_map(|p| p.get("name").and_then(Value::as_str))
            .map(str::to_string)
    });
    item.authors = match field(m, &["by", "byline"]) {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        _ => Vec::new(),
    };
    let descriptions = entries(m, "descriptions");
    let credit = descriptions
        .iter()
        .find(|(role, ..)| role.eq_ignore_ascii_case("creditline"))
        .map(|(_, v, _)| v.clone())
        .or_else(|| text_field(m, &["creditline"]));
    item.agencies = match credit {
        Some(c) => agencies(&c),
        None => field(m, &["infosources", "infoSources"])
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|s| s.get("name").and_then(Value::as_str))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    };
    item.summary = text_field(m, &["description_text"])
        .or_else(|| text_field(m, &["description_html"]).map(|h| plain_text(&h)))
        .or_else(|| {
            descriptions
                .iter()
                .find(|(role, ..)| {
                    matches!(
                        role.as_str(),
                        "" | "summary" | "description" | "drol:summary"
                    )
                })
                .map(|(_, v, _)| plain_text(v))
        })
        .filter(|s| !s.is_empty());
    let mut topics = Vec::new();
    let mut tags = Vec::new();
    if let Some(Value::Array(subjects)) = field(m, &["subject", "subjects"]) {
        for s in subjects {
            let Some(name) = s.get("name").and_then(Value::as_str) else {
                continue;
            };
            let code = ["uri", "code", "scheme", "literal"]
                .iter()
                .filter_map(|k| s.get(*k).and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            if is_topic_code(&code) {
                topics.push(name.to_string());
            } else {
                tags.push(name.to_string());
            }
        }
    }
    item.topics = dedup(topics);
    item.tags = dedup(tags);
    item.body = body(m);
    Ok(item)
}

/// The story: HTML where the item has it, else its plain text.
fn body(m: &Map<String, Value>) -> String {
    if let Some(html) = text_field(m, &["body_html", "body_xhtml"]) {
        return to_markdown(&html);
    }
    let bodies = entries(m, "bodies");
    if let Some((_, v, _)) = bodies.iter().find(|(_, _, t)| t.contains("html")) {
        return to_markdown(v);
    }
    if let Some((_, v, _)) = bodies.first() {
        return text_to_markdown(v);
    }
    text_field(m, &["body_text"])
        .map(|t| text_to_markdown(&t))
        .unwrap_or_default()
}
