//! Jekyll, Hugo and Zola content folders into items. Reads `.md`, `.markdown`,
//! `.mdown`, `.mkd`, `.mkdn` and `.mdwn` files with YAML (`---`), TOML (`+++`) or JSON
//! (`{…}`) front matter; dates as those generators write them (YAML 1.1 timestamps
//! such as `2014-12-17 11:16:21 -0800`, TOML dates) or from the file name
//! (`2016-03-10-slug.markdown`). Other files are reported once per extension.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde_json::{Map, Value};
use walkdir::WalkDir;

use super::article::{Item, dedup, plain_text};
use super::ledger;
use super::run::{Pending, Sink};
use super::shortcode::render_ssg;
use crate::parse::date::parse_date;
use crate::parse::slug::{segment, slugify};

/// The generator a folder was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Jekyll,
    Hugo,
    Zola,
}

impl Generator {
    fn name(self) -> &'static str {
        match self {
            Generator::Jekyll => "jekyll",
            Generator::Hugo => "hugo",
            Generator::Zola => "zola",
        }
    }
}

/// Markdown extensions the three generators read.
const MARKDOWN: [&str; 6] = ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn"];

/// Folders that hold no content in any of the three.
const NOT_CONTENT: [&str; 12] = [
    "node_modules",
    "vendor",
    "public",
    "static",
    "themes",
    "resources",
    "layouts",
    "archetypes",
    "assets",
    "templates",
    "sass",
    "i18n",
];

/// Imports the content of the site folder `source`.
#[allow(clippy::too_many_lines)] // one walk over the content folder, then one pass per file in order
pub fn import(generator: Generator, source: &Path, tz: Tz, imp: &mut impl Sink) {
    if !source.is_dir() {
        return imp.error(source.display().to_string(), "no such folder");
    }
    // Hugo and Zola keep their content in content/; Jekyll in the site root.
    let content = match generator {
        Generator::Jekyll => source.to_path_buf(),
        _ if source.join("content").is_dir() => source.join("content"),
        _ => source.to_path_buf(),
    };
    // Jekyll's permalink style: where its posts were published (default `date`).
    let permalink: Option<std::sync::Arc<str>> = match generator {
        Generator::Jekyll => Some(jekyll_permalink(source, imp).into()),
        _ => None,
    };
    let files: Vec<PathBuf> = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.')
                    || (e.file_type().is_dir() && NOT_CONTENT.contains(&name.as_ref()))
                    || (generator == Generator::Jekyll
                        && e.file_type().is_dir()
                        && name.starts_with('_')
                        && name != "_posts"
                        && name != "_drafts"))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    imp.set_total(files.len() as u64, false);
    for (n, path) in files.iter().enumerate() {
        imp.set_position(n as u64);
        let rel = path
            .strip_prefix(source)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !MARKDOWN.contains(&ext.as_str()) {
            if reportable(generator, &rel, path) {
                let ext = if ext.is_empty() {
                    "(none)".into()
                } else {
                    format!(".{ext}")
                };
                imp.note(format!(
                    "files ending in {ext} are not read by broadsheet and were not imported"
                ));
            }
            continue;
        }
        let bytes = match super::sources::read(path) {
            Ok(b) => b,
            Err(e) => {
                imp.error(rel, e);
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            imp.error(rel, "the file is not UTF-8");
            continue;
        };
        let key = format!("{}:{rel}", generator.name());
        let version = format!("{}{}", ledger::HASH_VERSION, ledger::hash(text.as_bytes()));
        let is_jekyll_root_page =
            generator == Generator::Jekyll && !rel.contains("_posts/") && !rel.contains("_drafts/");
        if is_jekyll_root_page && !text.starts_with("---") {
            continue; // Jekyll copies such files as they are: a README, not a page.
        }
        let file_name = path.file_name().map(|f| f.to_string_lossy().into_owned());
        if matches!(file_name.as_deref(), Some(n) if n.starts_with("_index.")) {
            imp.skip(
                rel,
                "a section index (a list page, made by broadsheet itself)",
            );
            continue;
        }
        let doc = match split(&text) {
            Ok(d) => d,
            Err(e) => {
                imp.error(rel, e);
                continue;
            }
        };
        let page = match generator {
            Generator::Jekyll => is_jekyll_root_page,
            // A file at the top of content/ is a page; sections hold the stories.
            _ => {
                let inner = Path::new(&rel)
                    .strip_prefix("content")
                    .unwrap_or(Path::new(&rel));
                inner.components().count() == 1
            }
        };
        // A standalone page (About, Contact) needs no date; a story does.
        let date = match date_of(&rel, &doc.meta, tz) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                imp.error(rel, e);
                continue;
            }
            None if page => None,
            None => {
                imp.skip(rel, "an undated story outside the site's top-level pages");
                continue;
            }
        };
        let origin = rel.clone();
        let old = Old {
            permalink: permalink.clone().filter(|_| !rel.contains("_drafts/")),
            tz,
        };
        imp.found(Pending {
            key: key.clone(),
            version,
            origin,
            make: Box::new(move || convert(generator, &rel, doc, date, page, key, &old)),
        });
    }
}

/// `permalink:` of a Jekyll site's `_config.yml`, or Jekyll's default `date`; a
/// config that cannot be read is noted and the default taken.
fn jekyll_permalink(source: &Path, imp: &mut impl Sink) -> String {
    let default = "date".to_string();
    let Ok(config) = std::fs::read_to_string(source.join("_config.yml")) else {
        return default;
    };
    match crate::parse::front_matter::read_foreign(&config) {
        Ok(Value::Object(config)) => text(&config, &["permalink"]).unwrap_or(default),
        _ => {
            imp.note(
                "_config.yml could not be read: posts' old URLs assume Jekyll's default permalink style `date`"
                    .to_string(),
            );
            default
        }
    }
}

/// How a post's old URL is found: Jekyll's permalink style (none for other
/// generators and for drafts, which were never published), and the site's time zone
/// for the post's new URL, which is never its own alias.
struct Old {
    permalink: Option<std::sync::Arc<str>>,
    tz: Tz,
}

/// Whether a file that is not Markdown is worth a word: everything in Hugo's and
/// Zola's content folders; in a Jekyll site, posts, drafts and files with front matter.
fn reportable(generator: Generator, rel: &str, path: &Path) -> bool {
    match generator {
        Generator::Jekyll => {
            rel.contains("_posts/")
                || rel.contains("_drafts/")
                || std::fs::read(path).is_ok_and(|b| b.starts_with(b"---"))
        }
        _ => true,
    }
}

/// A file's front matter (as JSON) and body.
struct Doc {
    meta: Map<String, Value>,
    body: String,
}

fn split(text: &str) -> Result<Doc, String> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let fenced = |fence: &str| -> Option<(String, String)> {
        let rest = text.strip_prefix(fence)?.strip_prefix('\n')?;
        let close = format!("\n{fence}");
        let end = rest
            .find(&close)
            .or_else(|| rest.starts_with(fence).then_some(0))?;
        let after = &rest[end + close.len().min(rest.len() - end)..];
        let after = after.split_once('\n').map_or("", |(_, b)| b);
        Some((rest[..end].to_string(), after.to_string()))
    };
    let (meta, body) = if let Some((yaml, body)) = fenced("---") {
        let v = crate::parse::front_matter::read_foreign(&yaml).map_err(|e| {
            let (line, _) = crate::diagnostics::line_col(&yaml, e.offset);
            format!(
                "line {}: cannot read the YAML front matter: {}",
                line + 1,
                e.message
            )
        })?;
        (v, body)
    } else if let Some((toml_text, body)) = fenced("+++") {
        let table: toml::Table = toml_text
            .parse()
            .map_err(|e| format!("cannot read the TOML front matter: {e}"))?;
        (toml_to_json(toml::Value::Table(table)), body)
    } else if text.starts_with('{') {
        let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<Value>();
        let v = stream
            .next()
            .ok_or("empty JSON front matter")?
            .map_err(|e| format!("cannot read the JSON front matter: {e}"))?;
        let body = text[stream.byte_offset()..].to_string();
        (v, body)
    } else {
        (Value::Object(Map::new()), text.clone())
    };
    match meta {
        Value::Object(meta) => Ok(Doc { meta, body }),
        Value::Null => Ok(Doc {
            meta: Map::new(),
            body,
        }),
        _ => Err("the front matter must be a set of keys".into()),
    }
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn get<'a>(m: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .find_map(|n| m.get(*n).filter(|v| !v.is_null()))
}

fn text(m: &Map<String, Value>, names: &[&str]) -> Option<String> {
    match get(m, names)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list written as a sequence, or as one string (`categories: news world` in Jekyll
/// is two categories when `split` is true).
fn list(v: Option<&Value>, split: bool) -> Vec<String> {
    match v {
        Some(Value::String(s)) if split => s.split_whitespace().map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `2016-03-10-slug.markdown` → (2016-03-10, `slug`).
fn dated_name(file_stem: &str) -> Option<(NaiveDate, &str)> {
    let date = NaiveDate::parse_from_str(file_stem.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = file_stem.get(10..)?.strip_prefix('-')?;
    Some((date, rest))
}

/// A date as Jekyll, Hugo or Zola accept it.
pub fn read_date(t: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    if let Ok(d) = parse_date(t, tz) {
        return Some(d);
    }
    let t = t.trim();
    for fmt in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%d %H:%M:%S %:z",
        "%Y-%m-%dT%H:%M:%S%.f%:z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, fmt) {
            return Some(d);
        }
    }
    // `2014-12-17 11:16:21 UTC`, and TOML local date-times with fractions.
    for fmt in ["%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, fmt) {
            return tz
                .from_local_datetime(&n)
                .earliest()
                .map(|d| d.fixed_offset());
        }
    }
    None
}

/// The date of a file: front matter first, else its name; `None` when it has neither.
fn date_of(
    rel: &str,
    meta: &Map<String, Value>,
    tz: Tz,
) -> Option<Result<DateTime<FixedOffset>, String>> {
    let stem = Path::new(rel).file_stem()?.to_string_lossy().into_owned();
    if let Some(t) = text(meta, &["date", "publishDate", "pubDate", "published"]) {
        return Some(read_date(&t, tz).ok_or_else(|| {
            format!("cannot read `{t}` as a date; write 2016-03-10, 2016-03-10 14:30:00 -0800 or an RFC 3339 time")
        }));
    }
    let (day, _) = dated_name(&stem).or_else(|| {
        // A Hugo or Zola page bundle: `2016-03-10-slug/index.md`.
        let parent = Path::new(rel).parent()?.file_name()?.to_str()?;
        dated_name(parent)
    })?;

    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Some(
        tz.from_local_datetime(&midnight)
            .earliest()
            .map(|d| d.fixed_offset())
            .ok_or_else(|| "the date in the file name does not exist".to_string()),
    )
}

/// What [`old_urls`] needs to know of a file beyond its front matter.
struct OldFacts<'a> {
    date: Option<DateTime<FixedOffset>>,
    page: bool,
    slug: &'a str,
    name_slug: &'a str,
    topics: &'a [String],
}

/// Every old URL of a file: `aliases`, `redirect_from`, its own `permalink`/`url`,
/// or where the Jekyll site's permalink pattern put a post; never its new address.
fn old_urls(m: &Map<String, Value>, old: &Old, f: &OldFacts) -> Vec<String> {
    let (date, page, slug) = (f.date, f.page, f.slug);
    let mut aliases: Vec<String> = list(get(m, &["aliases"]), false);
    aliases.extend(list(get(m, &["redirect_from"]), false));
    let own_permalink = text(m, &["permalink", "url"]);
    // A Jekyll post without its own permalink was published where the site's
    // pattern put it.
    if let (None, Some(style), Some(d), false) = (&own_permalink, &old.permalink, date, page) {
        let title = text(m, &["slug"]).unwrap_or_else(|| f.name_slug.to_string());
        aliases.push(super::permalink::url(
            style,
            &super::permalink::Post {
                date: d,
                title: &title,
                categories: f.topics,
            },
        ));
    }
    aliases.extend(own_permalink);
    // The story's new address is never its own alias (a `pretty` permalink often is).
    let own = match date {
        Some(d) if !page => format!("/{}/{}/", d.with_timezone(&old.tz).format("%Y/%m/%d"), slug),
        _ => format!("/{slug}/"),
    };
    aliases
        .into_iter()
        .map(|a| {
            let a = a.trim().to_string();
            if a.starts_with('/') {
                a
            } else {
                format!("/{a}")
            }
        })
        // A page's permalink is often the address it gets here (`/about/`): no redirect.
        .filter(|a: &String| a.trim_end_matches('/') != own.trim_end_matches('/'))
        .collect()
}

#[allow(clippy::too_many_arguments)] // one file's facts, as the walk found them
fn convert(
    generator: Generator,
    rel: &str,
    doc: Doc,
    date: Option<DateTime<FixedOffset>>,
    page: bool,
    key: String,
    old: &Old,
) -> Result<Item, String> {
    let m = &doc.meta;
    let title = text(m, &["title"]).ok_or("the file has no `title` (headline)")?;
    let path = Path::new(rel);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `index.md` in a bundle takes the folder's name.
    let stem = if stem == "index" {
        path.parent()
            .and_then(|p| p.file_name())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or(stem)
    } else {
        stem
    };
    let name_slug = dated_name(&stem)
        .map_or(stem.as_str(), |(_, s)| s)
        .to_string();
    let slug = text(m, &["slug"])
        .map(|s| segment(&s))
        .filter(|s| !s.is_empty())
        .or_else(|| Some(segment(&name_slug)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| slugify(&title, "post"));
    let tax = m.get("taxonomies").and_then(Value::as_object);
    let jekyll = generator == Generator::Jekyll;
    let mut topics = list(get(m, &["categories", "category"]), jekyll);
    let mut tags = list(get(m, &["tags"]), jekyll);
    if let Some(t) = tax {
        topics.extend(list(t.get("categories"), false));
        tags.extend(list(t.get("tags"), false));
    }
    let aliases = old_urls(
        m,
        old,
        &OldFacts {
            date,
            page,
            slug: &slug,
            name_slug: &name_slug,
            topics: &topics,
        },
    );
    let draft = m.get("draft").and_then(Value::as_bool).unwrap_or(false)
        || m.get("published").and_then(Value::as_bool) == Some(false)
        || rel.contains("_drafts/");
    let extra = m.get("extra").and_then(Value::as_object);
    let image = text(m, &["image", "featured_image", "cover_image", "thumbnail"])
        .or_else(|| list(get(m, &["images"]), false).into_iter().next())
        .or_else(|| extra.and_then(|e| text(e, &["image", "cover_image"])));
    let mut item = Item {
        key,
        page,
        title,
        date,
        updated: text(m, &["lastmod", "updated", "last_modified_at", "modified"])
            .and_then(|t| read_date(&t, chrono_tz::UTC))
            .filter(|u| date.is_none_or(|d| *u > d)),
        slug,
        topics: dedup(topics),
        tags: dedup(tags),
        authors: dedup(list(get(m, &["author", "authors"]), false)),
        summary: text(m, &["summary", "description", "excerpt"]).map(|s| plain_text(&s)),
        image,
        lang: text(m, &["lang", "language"]),
        draft,
        featured: ["featured", "sticky", "pinned"]
            .iter()
            .any(|k| m.get(*k).and_then(Value::as_bool) == Some(true)),
        aliases,
        ..Item::default()
    };
    let (body, left) = render_ssg(&doc.body);
    let body = if jekyll {
        liquid(&body, &mut item.notes)
    } else {
        body
    };
    for name in left {
        item.notes.push(format!(
            "{} shortcode `{name}` left as written (no broadsheet equivalent)",
            generator.name()
        ));
    }
    item.body = body;
    Ok(item)
}

/// Jekyll's Liquid: `{% highlight lang %}` blocks become fenced code, `{% raw %}`
/// markers go, other tags stay and are noted.
fn liquid(body: &str, notes: &mut Vec<String>) -> String {
    if !body.contains("{%") {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("{%") {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find("%}") else {
            out.push_str(&rest[i..]);
            return out;
        };
        let tag = rest[i + 2..i + end].trim();
        let name = tag.split_whitespace().next().unwrap_or("");
        match name {
            "highlight" => {
                let lang = tag.split_whitespace().nth(1).unwrap_or("");
                out.push_str(&format!("```{lang}\n"));
            }
            "endhighlight" => out.push_str("```"),
            "raw" | "endraw" => {}
            _ => {
                notes.push(format!("jekyll Liquid tag `{name}` left as written"));
                out.push_str(&rest[i..i + end + 2]);
            }
        }
        rest = &rest[i + end + 2..];
        if matches!(name, "highlight") {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_static_generators_write_them() {
        let tz: Tz = "UTC".parse().unwrap();
        let cases = [
            ("2014-12-17 11:16:21 -0800", "2014-12-17T11:16:21-08:00"),
            ("2014-12-17 11:16:21 +05:30", "2014-12-17T11:16:21+05:30"),
            ("2016-03-10", "2016-03-10T00:00:00+00:00"),
            ("2016-03-10T08:00:00Z", "2016-03-10T08:00:00+00:00"),
            ("2016-03-10 08:00:00 UTC", "2016-03-10T08:00:00+00:00"),
        ];
        for (input, want) in cases {
            assert_eq!(
                read_date(input, tz).map(|d| d.to_rfc3339()).as_deref(),
                Some(want),
                "{input}"
            );
        }
        assert_eq!(read_date("yesterday", tz), None);
    }

    #[test]
    fn front_matter_in_yaml_toml_and_json() {
        let y = split("---\ntitle: A\ndate: 2014-12-17 11:16:21 -0800\n---\nBody\n").unwrap();
        assert_eq!(y.meta["date"], "2014-12-17 11:16:21 -0800");
        assert_eq!(y.body, "Body\n");
        let t = split("+++\ntitle = \"B\"\ndate = 2024-01-02T03:04:05Z\n[taxonomies]\ntags = [\"x\"]\n+++\nText").unwrap();
        assert_eq!(t.meta["date"], "2024-01-02T03:04:05Z");
        assert_eq!(t.meta["taxonomies"]["tags"][0], "x");
        assert_eq!(t.body, "Text");
        let j = split("{\"title\": \"C\"}\nJSON body").unwrap();
        assert_eq!(j.meta["title"], "C");
        assert_eq!(j.body.trim(), "JSON body");
    }

    #[test]
    fn file_names_carry_dates_and_liquid_highlights_become_fences() {
        assert_eq!(
            dated_name("2016-03-10-slug-here"),
            Some((NaiveDate::from_ymd_opt(2016, 3, 10).unwrap(), "slug-here"))
        );
        assert_eq!(dated_name("about"), None);
        let mut notes = Vec::new();
        let out = liquid(
            "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n{% include x.html %}",
            &mut notes,
        );
        assert_eq!(out, "```ruby\nputs 1\n```\n{% include x.html %}");
        assert_eq!(notes, ["jekyll Liquid tag `include` left as written"]);
    }
}
