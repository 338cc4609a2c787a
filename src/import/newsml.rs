//! IPTC NewsML-G2 into items: a `newsItem`, or a `newsMessage` carrying several. Text
//! items only (`ninat:text`); others are skipped with a note. The editorial note
//! (`edNote`) is never read into an item.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::article::{Item, dedup};
use super::html::to_markdown;
use super::run::{Pending, Sink};
use super::sources::{self, agencies, is_topic_code, text_to_markdown};
use super::xml::{self, Element};
use crate::parse::date::parse_date;
use crate::parse::slug::slugify;

/// Imports every `.xml` file in `inputs` (files, or folders searched for them).
pub fn import(inputs: &[PathBuf], tz: Tz, imp: &mut impl Sink) {
    sources::import_each(inputs, &["xml"], imp, |bytes, name, imp| {
        read_file(bytes, name, tz, imp);
    });
}

/// Reads one NewsML-G2 file held in memory (`name` for messages).
pub fn read_file(bytes: &[u8], name: String, tz: Tz, imp: &mut impl Sink) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return imp.error(name, "the file is not UTF-8");
    };
    let root = match xml::parse_document(text, sources::MAX_FILE_BYTES as usize) {
        Ok(r) => r,
        Err(e) => {
            let (line, col) = xml::line_col(text.as_bytes(), e.offset);
            return imp.error(format!("{name}:{line}:{col}"), e.message);
        }
    };
    match root.local() {
        "newsItem" => one(root, name, tz, imp),
        "newsMessage" => {
            let items: Vec<Element> = root
                .child_local("itemSet")
                .map(|s| s.elements().cloned().collect())
                .unwrap_or_default();
            if items.is_empty() {
                imp.error(&name, "the newsMessage carries no item");
            }
            for (i, e) in items.into_iter().enumerate() {
                let origin = format!("{name}: item {}", i + 1);
                if e.local() == "newsItem" {
                    one(e, origin, tz, imp);
                } else {
                    imp.note(format!("NewsML-G2 {}s are not imported", e.local()));
                    imp.skip(origin, format!("a {}, not a newsItem", e.local()));
                }
            }
        }
        other => imp.error(
            name,
            format!("not NewsML-G2: the document is <{other}>, not <newsItem> or <newsMessage>"),
        ),
    }
}

fn one(e: Element, origin: String, tz: Tz, imp: &mut impl Sink) {
    if let Some(v) = e.attr("standardversion")
        && !v.starts_with("2.")
    {
        return imp.error(
            origin,
            format!("unknown NewsML-G2 version `{v}`: broadsheet reads version 2.x"),
        );
    }
    let Some(guid) = e.attr("guid").map(str::to_string) else {
        return imp.error(
            origin,
            "the newsItem has no `guid`, which NewsML-G2 requires",
        );
    };
    let meta = e.child_local("itemMeta");
    let class = meta
        .and_then(|m| m.child_local("itemClass"))
        .and_then(|c| c.attr("qcode"))
        .unwrap_or("ninat:text")
        .to_string();
    if !class.ends_with(":text") && !class.ends_with("/text") {
        return imp.skip(origin, format!("a `{class}` item, not text"));
    }
    let version = e.attr("version").unwrap_or("1").to_string();
    let key = format!("newsml:{guid}");
    imp.found(Pending {
        key: key.clone(),
        version: version.clone(),
        origin,
        make: Box::new(move || convert(&e, key, &version, tz)),
    });
}

fn time(e: Option<&Element>, name: &str, tz: Tz) -> Result<Option<DateTime<FixedOffset>>, String> {
    match e.and_then(|e| e.child_local_text(name)) {
        None => Ok(None),
        Some(t) => parse_date(&t, tz)
            .map(Some)
            .map_err(|_| format!("<{name}> holds `{t}`, which is not a date and time")),
    }
}

fn convert(e: &Element, key: String, version: &str, tz: Tz) -> Result<Item, String> {
    let meta = e.child_local("itemMeta");
    let content = e.child_local("contentMeta");
    let headline = content
        .map(|c| {
            c.children_local("headline")
                .find(|h| h.attr("role").is_none_or(|r| r.ends_with("main")))
                .or_else(|| c.child_local("headline"))
        })
        .and_then(|h| h.map(|h| h.text().split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|t| !t.is_empty())
        .ok_or("the item has no <headline>")?;
    let first = time(meta, "firstCreated", tz)?.or(time(content, "contentCreated", tz)?);
    let latest = time(meta, "versionCreated", tz)?.or(time(content, "contentModified", tz)?);
    let date = first
        .or(latest)
        .ok_or("the item has no date (firstCreated, contentCreated or versionCreated)")?;
    let mut item = Item {
        key,
        slug: slugify(&headline, "story"),
        title: headline,
        date: Some(date),
        updated: latest.filter(|l| *l > date),
        date_from_version: first.is_none(),
        embargo: time(meta, "embargoed", tz)?.or(time(content, "embargoed", tz)?),
        ..Item::default()
    };
    let status = meta
        .and_then(|m| m.child_local("pubStatus"))
        .and_then(|s| s.attr("qcode"))
        .unwrap_or("stat:usable");
    match status.rsplit(':').next().unwrap_or(status) {
        "canceled" | "cancelled" | "withdrawn" => item.withdrawn = true,
        "withheld" => item.draft = true,
        _ => {}
    }
    let corrected = meta.is_some_and(|m| {
        m.children_local("signal")
            .any(|s| s.attr("qcode").is_some_and(|q| q.ends_with("correction")))
    });
    if corrected && version != "1" {
        item.corrections.push((
            latest.unwrap_or(date),
            format!("This story was corrected (version {version} of the agency's copy)."),
        ));
    }
    let Some(c) = content else {
        item.body = body(e);
        return Ok(item);
    };
    item.dateline = c
        .child_local("located")
        .and_then(|l| l.child_local_text("name"))
        .or_else(|| {
            let d = c.child_local_text("dateline")?;
            Some(d.split(',').next().unwrap_or(&d).trim().to_string())
        })
        .filter(|d| !d.is_empty());
    item.agencies = c
        .child_local_text("creditline")
        .map(|s| agencies(&s))
        .unwrap_or_default();
    item.authors = dedup(c.children_local("by").map(Element::text).collect());
    item.lang = c
        .child_local("language")
        .and_then(|l| l.attr("tag"))
        .map(str::to_string);
    item.summary = c
        .children_local("description")
        .find(|d| d.attr("role").is_none_or(|r| r.ends_with("summary")))
        .map(|d| d.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty());
    let mut topics = Vec::new();
    let mut tags = Vec::new();
    for s in c.children_local("subject") {
        let Some(name) = s.child_local_text("name") else {
            continue;
        };
        let code = s.attr("qcode").or(s.attr("uri")).unwrap_or("");
        if is_topic_code(code) {
            topics.push(name);
        } else {
            tags.push(name);
        }
    }
    tags.extend(c.children_local("keyword").map(Element::text));
    item.topics = dedup(topics);
    item.tags = dedup(tags);
    item.body = body(e);
    Ok(item)
}

/// The story from `contentSet`: XHTML (`inlineXML`) where given, else `inlineData`.
fn body(e: &Element) -> String {
    let Some(set) = e.child_local("contentSet") else {
        return String::new();
    };
    if let Some(x) = set.child_local("inlineXML") {
        let inner = x.find_local("body").unwrap_or(x);
        return to_markdown(&inner.inner_markup());
    }
    if let Some(d) = set.child_local("inlineData") {
        let ctype = d.attr("contenttype").unwrap_or("text/plain");
        return if ctype.contains("html") {
            to_markdown(&d.text())
        } else {
            text_to_markdown(&d.text())
        };
    }
    String::new()
}
