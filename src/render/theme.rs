//! Compiles the theme's templates into a Tera instance with broadsheet's filters
//! and functions. Every Tera call of the crate lives in this module and its parent.
//! Input: template texts. Output: a ready [`Theme`] or a diagnostic naming the template.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::DateTime;
use chrono_tz::Tz;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::discover::TemplateSource;

use super::i18n::Translations;
use super::partial::{self, Partials};

/// Templates every theme must provide.
pub const REQUIRED: [&str; 5] = [
    "index.html",
    "article.html",
    "list.html",
    "terms.html",
    "404.html",
];

/// One template of the set a theme compiles: the name templates use for it, its text,
/// and the file it came from (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved<'a> {
    pub name: String,
    pub text: &'a str,
    pub origin: std::borrow::Cow<'a, str>,
}

/// The templates a theme is made of, from the theme's and the site's sources. Site
/// templates replace theme templates of the same name; the theme's own stay
/// reachable as `theme/<name>` for site templates that name them (only those: a theme
/// template the site replaced, such as a `404.html` extending a `base.html` the site
/// also replaced, may no longer fit); built-in feed, sitemap and robots.txt templates
/// fill what neither has. [`Theme::compile`] compiles this set and `serve` follows
/// edits through it, so the two never disagree on which text a name means.
pub fn resolve(sources: &[TemplateSource]) -> Vec<Resolved<'_>> {
    let mut by_name: HashMap<&str, &TemplateSource> = HashMap::new();
    let mut all: Vec<Resolved> = Vec::new();
    let site_texts: Vec<&str> = sources
        .iter()
        .filter(|t| !t.from_theme)
        .map(|t| t.text.as_str())
        .collect();
    let named_by_site = |name: &str| {
        let (double, single) = (format!("\"theme/{name}\""), format!("'theme/{name}'"));
        site_texts
            .iter()
            .any(|t| t.contains(&double) || t.contains(&single))
    };
    for t in sources.iter().filter(|t| t.from_theme) {
        if named_by_site(&t.name) {
            all.push(Resolved {
                name: format!("theme/{}", t.name),
                text: &t.text,
                origin: t.origin.as_str().into(),
            });
        }
        by_name.entry(&t.name).or_insert(t);
    }
    for t in sources.iter().filter(|t| !t.from_theme) {
        by_name.insert(&t.name, t);
    }
    // An optional theme template (`page.html`) extending one the site replaced
    // would not fit it: left out, so such a site brings its own `page.html`.
    by_name.retain(|name, t| {
        !t.from_theme
            || REQUIRED.contains(name)
            || !extended(&t.text)
                .is_some_and(|parent| sources.iter().any(|s| !s.from_theme && s.name == parent))
    });
    let mut names: Vec<&str> = by_name.keys().copied().collect();
    names.sort_unstable();
    for name in names {
        let t = by_name[name];
        all.push(Resolved {
            name: name.to_string(),
            text: &t.text,
            origin: t.origin.as_str().into(),
        });
    }
    for (name, text) in super::feeds::BUILTIN
        .into_iter()
        .chain(super::redirects::BUILTIN)
    {
        if !by_name.contains_key(name) {
            all.push(Resolved {
                name: name.to_string(),
                text,
                origin: format!("(built-in)/{name}").into(),
            });
        }
    }
    all
}

/// The template `text` extends (`{% extends "base.html" %}`), if any.
fn extended(text: &str) -> Option<&str> {
    let rest = &text[text.find("{% extends")? + "{% extends".len()..];
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote)?])
}

/// A compiled theme.
pub struct Theme {
    tera: Tera,
    /// Template name to the file it came from, for messages.
    origins: HashMap<String, String>,
    /// The site time zone, for the `date` filter.
    tz: Tz,
    /// What the `cached_partial` function renders with and has rendered.
    partials: Arc<Partials>,
    /// The translation tables the `t`, `term`, `num` and `date` helpers read.
    translations: Translations,
}

impl Theme {
    /// Compiles the templates of [`resolve`] with the translation tables read from
    /// `translations` (`i18n/<lang>.toml`, the theme's first).
    pub fn compile(
        sources: &[TemplateSource],
        translations: &[TemplateSource],
        tz: Tz,
        base_path: &str,
        fingerprints: &std::collections::BTreeMap<String, String>,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let translations = Translations::read(translations)?;
        Self::compile_templates(sources, translations, tz, base_path, fingerprints)
            .map_err(|d| vec![d])
    }

    fn compile_templates(
        sources: &[TemplateSource],
        translations: Translations,
        tz: Tz,
        base_path: &str,
        fingerprints: &std::collections::BTreeMap<String, String>,
    ) -> Result<Theme, Diagnostic> {
        let resolved = resolve(sources);
        let origins: HashMap<String, String> = resolved
            .iter()
            .map(|t| (t.name.clone(), t.origin.to_string()))
            .collect();
        let all: Vec<(String, &str)> = resolved.into_iter().map(|t| (t.name, t.text)).collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        register(&mut tera, base_path.to_string(), fingerprints.clone());
        register_i18n(&mut tera, tz, Arc::new(translations.clone()));
        let partials = Arc::new(Partials::default());
        partial::register(&mut tera, &partials);
        let mut theme = Theme {
            tera,
            origins,
            tz,
            partials,
            translations,
        };
        if let Err(e) = theme.tera.add_raw_templates(all) {
            return Err(theme.diagnostic(&e));
        }
        for name in REQUIRED {
            if !theme.tera.contains_template(name) {
                return Err(Diagnostic::error(
                    "templates",
                    0,
                    0,
                    format!("the theme has no `{name}` template"),
                )
                .with_help("every theme needs index.html, article.html, list.html, terms.html and 404.html"));
            }
        }
        theme.changed();
        Ok(theme)
    }

    /// Sets a value every template sees (`site`).
    pub fn set_global(&mut self, key: &'static str, value: tera::Value) {
        self.tera.global_context().insert_value(key, value);
        self.changed();
    }

    /// Makes `language` (`ur`, `ru-RU`) the one the `t`, `term`, `num` and `date`
    /// helpers use when neither a `lang=` argument nor a `lang` variable names
    /// another, and `digits` the digits they write. English until called.
    pub fn set_language(&mut self, language: &str, digits: crate::config::Digits) {
        let mut translations = self.translations.clone();
        translations.site_language = language.to_string();
        translations.digits = digits;
        register_i18n(&mut self.tera, self.tz, Arc::new(translations));
        self.changed();
    }

    /// The translation tables (site's over theme's), as compiled.
    pub fn translations(&self) -> &Translations {
        &self.translations
    }

    /// `cached_partial` renders with the templates as they are now, from scratch.
    fn changed(&self) {
        self.partials.reset(Some(self.tera.clone()));
    }

    /// Gives `cached_partial` room in proportion to a site of `articles` articles.
    pub fn fit_partials(&self, articles: usize) {
        self.partials.fit(articles);
    }

    /// What `cached_partial` did since the templates or globals last changed.
    pub fn partial_stats(&self) -> partial::PartialStats {
        self.partials.stats()
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders one template into `out`.
    pub fn render(&self, name: &str, ctx: &Context, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        self.tera
            .render_to(name, ctx, out)
            .map_err(|e| self.diagnostic(&e))
    }

    /// Turns a Tera error into a diagnostic naming the template file, line and column.
    fn diagnostic(&self, e: &tera::Error) -> Diagnostic {
        let text = full_message(e);
        // Tera reports the location as `--> name:line:col`.
        let located = text.lines().find_map(|l| {
            let rest = l.trim().strip_prefix("--> ")?;
            let mut parts = rest.rsplitn(3, ':');
            let col = parts.next()?.parse::<usize>().ok()?;
            let line = parts.next()?.parse::<usize>().ok()?;
            Some((parts.next()?.to_string(), line, col))
        });
        let message = text
            .lines()
            .next()
            .unwrap_or("template error")
            .trim_start_matches("error: ")
            .to_string();
        match located {
            Some((name, line, col)) => {
                let file = self.origins.get(&name).cloned().unwrap_or(name);
                Diagnostic::error(file, line, col, format!("template error: {message}"))
                    .with_help(text.lines().skip(1).collect::<Vec<_>>().join("\n  "))
            }
            None => {
                // No location (a missing parent or include): name the first template
                // the message quotes, if it is one of ours.
                let file = text
                    .split('\'')
                    .skip(1)
                    .step_by(2)
                    .find_map(|name| self.origins.get(name).cloned())
                    .unwrap_or_else(|| "templates".to_string());
                Diagnostic::error(file, 0, 0, format!("template error: {text}"))
            }
        }
    }
}

impl Drop for Theme {
    /// The templates `cached_partial` renders with contain that function, which refers
    /// back to them: let go of them so the theme is freed.
    fn drop(&mut self) {
        self.partials.reset(None);
    }
}

pub(super) fn full_message(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\ncaused by: {s}"));
        source = s.source();
    }
    text
}

/// broadsheet's filters and functions (documented in docs/themes.md).
fn register(
    tera: &mut Tera,
    base_path: String,
    fingerprints: std::collections::BTreeMap<String, String>,
) {
    // `{{ data | json_ld }}`: JSON for a `<script type="application/ld+json">` block.
    // `<`, `>`, `&` and the JavaScript line separators are written as `\uXXXX`, so no
    // value (a headline with `</script>`) can end the block; the result is marked safe,
    // since HTML escaping would corrupt the JSON.
    tera.register_filter("json_ld", |value: Value, _: Kwargs, _: &State| {
        let json = serde_json::to_string(&value)
            .map_err(|e| tera::Error::message(format!("`json_ld` filter: {e}")))?;
        Ok::<Value, tera::Error>(Value::safe_string(&script_safe_json(&json)))
    });
    // `{{ url(path="style.css") }}`: a path under the site's base path. Stylesheets and
    // scripts come back fingerprinted (`style.<hash>.css`) so hosts can cache them forever.
    tera.register_function("url", move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        let path = path.trim_start_matches('/');
        let path = fingerprints.get(path).map(String::as_str).unwrap_or(path);
        Ok::<String, tera::Error>(format!("{base_path}{path}"))
    });
}

/// JSON text that is also safe inside an HTML `<script>` element.
pub(crate) fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    // Copy runs of ordinary text whole; only `<`, `>`, `&` and U+2028/U+2029
    // (UTF-8 `E2 80 A8`/`E2 80 A9`) are replaced.
    let bytes = json.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let escape = match bytes[i] {
            b'<' => Some((1, "\\u003c")),
            b'>' => Some((1, "\\u003e")),
            b'&' => Some((1, "\\u0026")),
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA8]) => Some((3, "\\u2028")),
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA9]) => Some((3, "\\u2029")),
            _ => None,
        };
        match escape {
            Some((len, text)) => {
                out.push_str(&json[start..i]);
                out.push_str(text);
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&json[start..]);
    out
}

/// The helpers that speak the page's language, which is the `lang=` argument, else
/// the template's `lang` variable, else the site's:
/// - `{{ t(key="by") }}`, `{{ t(key="reading_time", n=3) }}`: an interface string
///   from the translation tables (plural form for `n`, `{n}` in the language's digits);
/// - `{{ topic.name | term }}`: a term's name in the language (`[terms]`);
/// - `{{ count | num }}`: a number in the language's digits;
/// - `{{ article.date | date(format="%-d %B %Y") }}`: an RFC 3339 time in the site
///   time zone (or `tz="Asia/Karachi"`, or `tz="original"` for the offset as
///   written), months and days named by the language's table (else chrono's
///   locale, else English), digits as the site says. A `format` without `%` is a key
///   of the table (`format="date_long"`).
fn register_i18n(tera: &mut Tera, tz: Tz, translations: Arc<Translations>) {
    fn language(kwargs: &Kwargs, state: &State, t: &Translations) -> Result<String, tera::Error> {
        if let Some(lang) = kwargs.get::<&str>("lang")? {
            return Ok(lang.to_string());
        }
        Ok(state
            .get::<String>("lang")
            .ok()
            .flatten()
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| t.site_language.clone()))
    }
    let t = translations.clone();
    tera.register_function("t", move |kwargs: Kwargs, state: &State| {
        let key: &str = kwargs.must_get("key")?;
        let n: Option<i64> = kwargs.get("n")?;
        let lang = language(&kwargs, state, &t)?;
        let mut text = t.text(key, &lang, n).ok_or_else(|| {
            tera::Error::message(format!(
                "`t`: no translation of `{key}` for `{lang}` or English; add it to i18n/en.toml"
            ))
        })?;
        // Other arguments fill `{name}` placeholders; numbers in the language's digits.
        for (name, value) in kwargs.iter() {
            let Some(name) = name
                .as_str()
                .filter(|n| !matches!(*n, "key" | "n" | "lang"))
            else {
                continue;
            };
            let shown = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            let shown = if shown.bytes().all(|b| b.is_ascii_digit()) {
                t.digits(&shown, &lang)
            } else {
                shown
            };
            text = text.replace(&format!("{{{name}}}"), &shown);
        }
        Ok::<Value, tera::Error>(Value::from(text))
    });
    let t = translations.clone();
    tera.register_filter("term", move |name: &str, kwargs: Kwargs, state: &State| {
        let lang = language(&kwargs, state, &t)?;
        Ok::<Value, tera::Error>(Value::from(t.term(name, &lang)))
    });
    let t = translations.clone();
    tera.register_filter(
        "num",
        move |value: &Value, kwargs: Kwargs, state: &State| {
            let lang = language(&kwargs, state, &t)?;
            let text = match value.as_str() {
                Some(s) => s.to_string(),
                None => value.to_string(),
            };
            Ok::<Value, tera::Error>(Value::from(t.digits(&text, &lang)))
        },
    );
    let t = translations;
    tera.register_filter("date", move |value: &str, kwargs: Kwargs, state: &State| {
        let format: &str = kwargs.get("format")?.unwrap_or("%-d %B %Y");
        let zone: Option<&str> = kwargs.get("tz")?;
        let lang = language(&kwargs, state, &t)?;
        let format = if format.contains('%') {
            format.to_string()
        } else {
            t.text(format, &lang, None).ok_or_else(|| {
                tera::Error::message(format!(
                    "`date` filter: no date format `{format}` in the translation tables"
                ))
            })?
        };
        let shown = format_date(value, &format, zone, &lang, tz, &t)?;
        Ok::<Value, tera::Error>(Value::from(t.digits(&shown, &lang)))
    });
}

/// What the `date` filter shows for `value` with its arguments (Western digits).
fn format_date(
    value: &str,
    format: &str,
    zone: Option<&str>,
    lang: &str,
    tz: Tz,
    t: &Translations,
) -> Result<String, tera::Error> {
    let time = DateTime::parse_from_rfc3339(value)
        .map_err(|e| tera::Error::message(format!("`date` filter: cannot read `{value}`: {e}")))?;
    match zone {
        Some("original") => show(time, format, lang, t),
        Some(name) => {
            let zone: Tz = name.parse().map_err(|_| {
                tera::Error::message(format!("`date` filter: unknown time zone `{name}`"))
            })?;
            show(time.with_timezone(&zone), format, lang, t)
        }
        None => show(time.with_timezone(&tz), format, lang, t),
    }
}

/// Formats with chrono's strftime syntax; a bad format is an error, not a panic.
/// Month and weekday names come from the language's table when it has them (chrono's
/// Urdu spells days with Arabic letters: پير, جمعه), else from chrono's locale.
fn show<Z: chrono::TimeZone>(
    time: DateTime<Z>,
    format: &str,
    lang: &str,
    t: &Translations,
) -> Result<String, tera::Error>
where
    Z::Offset: std::fmt::Display,
{
    use chrono::Datelike;
    use std::fmt::Write;
    let mut text = String::new();
    let written = match (t.calendar(lang), locale_for(lang)) {
        (Some(names), _) => {
            let month = time.month0() as usize;
            let day = time.weekday().num_days_from_monday() as usize;
            let format = with_names(format, |spec| match spec {
                'B' => Some(names[0][month].as_str()),
                'b' | 'h' => Some(names[1][month].as_str()),
                'A' => Some(names[2][day].as_str()),
                'a' => Some(names[3][day].as_str()),
                _ => None,
            });
            write!(text, "{}", time.format(&format))
        }
        (None, Some(locale)) => write!(text, "{}", time.format_localized(format, locale)),
        (None, None) => write!(text, "{}", time.format(format)),
    };
    written.map_err(|_| {
        tera::Error::message(format!(
            "`date` filter: cannot format with `{format}`; see chrono's strftime syntax"
        ))
    })?;
    Ok(text)
}

/// `format` with the specifiers `name` knows (`%B`) replaced by their text, `%`
/// doubled in it; `%%` and other specifiers left for chrono.
fn with_names<'a>(format: &str, name: impl Fn(char) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(spec) => match name(spec) {
                Some(text) => out.push_str(&text.replace('%', "%%")),
                None => {
                    out.push('%');
                    out.push(spec);
                }
            },
            None => out.push('%'),
        }
    }
    out
}

/// Region used for a language's month and day names when the tag gives none.
/// Others try `xx_XX` (`de_DE`, `ru_RU`).
const DEFAULT_REGIONS: [(&str, &str); 24] = [
    ("ar", "EG"),
    ("bn", "BD"),
    ("ca", "ES"),
    ("cs", "CZ"),
    ("da", "DK"),
    ("el", "GR"),
    ("fa", "IR"),
    ("he", "IL"),
    ("hi", "IN"),
    ("ja", "JP"),
    ("kk", "KZ"),
    ("ko", "KR"),
    ("ms", "MY"),
    ("nb", "NO"),
    ("ne", "NP"),
    ("pa", "PK"),
    ("ps", "AF"),
    ("sd", "IN"),
    ("sq", "AL"),
    ("sv", "SE"),
    ("sw", "KE"),
    ("uk", "UA"),
    ("ur", "PK"),
    ("zh", "CN"),
];

/// chrono's locale for a language tag (`ur`, `ur-PK`, `pt_BR`); `None` for English
/// (chrono's own names) and for languages it has no names for.
fn locale_for(lang: &str) -> Option<chrono::Locale> {
    let mut parts = lang.split(['-', '_']);
    let primary = parts.next()?.to_ascii_lowercase();
    if primary.is_empty() || primary == "en" {
        return None;
    }
    let mut candidates = Vec::new();
    if let Some(region) = parts.next().filter(|r| r.len() == 2) {
        candidates.push(format!("{primary}_{}", region.to_ascii_uppercase()));
    }
    if let Some((_, region)) = DEFAULT_REGIONS.iter().find(|(l, _)| *l == primary) {
        candidates.push(format!("{primary}_{region}"));
    }
    candidates.push(format!("{primary}_{}", primary.to_ascii_uppercase()));
    candidates.push(primary);
    candidates
        .iter()
        .find_map(|c| chrono::Locale::try_from(c.as_str()).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Digits;

    fn theme(templates: &[(&str, &str)]) -> Result<Theme, Diagnostic> {
        let mut sources: Vec<TemplateSource> = REQUIRED
            .iter()
            .map(|name| TemplateSource {
                name: name.to_string(),
                origin: format!("themes/t/templates/{name}"),
                text: String::new(),
                from_theme: true,
            })
            .collect();
        for (name, text) in templates {
            sources.push(TemplateSource {
                name: name.to_string(),
                origin: format!("templates/{name}"),
                text: text.to_string(),
                from_theme: false,
            });
        }
        Theme::compile(&sources, &[], chrono_tz::UTC, "/", &Default::default())
            .map_err(|mut d| d.remove(0))
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let t = theme(&[(
            "article.html",
            "<script type=\"application/ld+json\">{{ data | json_ld }}</script>",
        )])
        .unwrap();
        let mut ctx = Context::new();
        let mut data = tera::Map::new();
        data.insert(
            "headline".into(),
            Value::from("</script><script>alert('x & y')</script>\u{2028}"),
        );
        ctx.insert_value("data", Value::from(data));
        let mut out = Vec::new();
        t.render("article.html", &ctx, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        let json = html
            .trim_start_matches("<script type=\"application/ld+json\">")
            .trim_end_matches("</script>");
        let back: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            back["headline"],
            "</script><script>alert('x & y')</script>\u{2028}"
        );
    }

    #[test]
    fn script_safe_json_escapes_only_what_ends_a_script() {
        let cases = [
            ("", ""),
            ("plain", "plain"),
            ("<>&", "\\u003c\\u003e\\u0026"),
            ("a</script>b", "a\\u003c/script\\u003eb"),
            ("x\u{2028}y\u{2029}z", "x\\u2028y\\u2029z"),
            // Other characters starting with the same byte stay.
            ("\u{2027}\u{202A}\u{20AC}–…", "\u{2027}\u{202A}\u{20AC}–…"),
            ("ستمبر & <", "ستمبر \\u0026 \\u003c"),
            ("\u{2028}", "\\u2028"),
        ];
        for (json, expected) in cases {
            assert_eq!(script_safe_json(json), expected, "{json:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn script_safe_json_matches_char_by_char_replacement(json in "[a-z<>&\"\\\\\u{2026}-\u{202A}ا]{0,40}") {
            let expected: String = json
                .chars()
                .map(|c| match c {
                    '<' => "\\u003c".to_string(),
                    '>' => "\\u003e".to_string(),
                    '&' => "\\u0026".to_string(),
                    '\u{2028}' => "\\u2028".to_string(),
                    '\u{2029}' => "\\u2029".to_string(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(script_safe_json(&json), expected);
        }
    }

    #[test]
    fn template_errors_name_template_and_line() {
        let cases = [
            ("{% if x %}\n<p>\n", "templates/article.html", 3),
            (
                "<p>\n{{ x | no_such_filter }}\n",
                "templates/article.html",
                2,
            ),
            (
                "{% extends \"nowhere.html\" %}\n",
                "templates/article.html",
                0,
            ),
        ];
        for (text, file, line) in cases {
            let e = theme(&[("article.html", text)]).err().expect(text);
            eprintln!("{e}");
            assert_eq!(e.file, file, "{e}");
            if line > 0 {
                assert_eq!(e.line, line, "{e}");
            }
        }
    }

    fn date(template: &str, value: &str, language: Option<&str>) -> Result<String, String> {
        let mut tera = Tera::new();
        register(&mut tera, "/".into(), Default::default());
        let mut translations = Translations::default();
        translations.site_language = language.unwrap_or("en").to_string();
        register_i18n(
            &mut tera,
            "Asia/Karachi".parse().expect("a known zone"),
            Arc::new(translations),
        );
        tera.add_raw_template("t", template)
            .map_err(|e| e.to_string())?;
        let mut ctx = Context::new();
        ctx.insert("d", value);
        tera.render("t", &ctx).map_err(|e| full_message(&e))
    }

    #[test]
    fn date_filter() {
        let d = "2017-09-22T14:30:00-04:00";
        let cases = [
            // (template, site language, expected)
            ("{{ d | date }}", None, "22 September 2017"),
            (
                "{{ d | date(format=\"%-d %B %Y, %H:%M %Z\") }}",
                None,
                "22 September 2017, 23:30 PKT",
            ),
            (
                "{{ d | date(format=\"%H:%M %Z\", tz=\"original\") }}",
                None,
                "14:30 -04:00",
            ),
            (
                "{{ d | date(format=\"%H:%M\", tz=\"Europe/London\") }}",
                None,
                "19:30",
            ),
            (
                "{{ d | date(format=\"%-d %B %Y\", lang=\"ur\") }}",
                None,
                "22 ستمبر 2017",
            ),
            (
                "{{ d | date(format=\"%-d %B\", lang=\"ru-RU\") }}",
                None,
                "22 сентября",
            ),
            (
                "{{ d | date(format=\"%-d %B\", lang=\"xx\") }}",
                None,
                "22 September",
            ),
            // The site language is the default; `lang=` overrides it.
            ("{{ d | date(format=\"%-d %B\") }}", Some("ur"), "22 ستمبر"),
            (
                "{{ d | date(format=\"%-d %B\", lang=\"en\") }}",
                Some("ur"),
                "22 September",
            ),
            ("{{ d | date(format=\"%A\") }}", Some("de"), "Freitag"),
        ];
        for (template, language, expected) in cases {
            assert_eq!(
                date(template, d, language).as_deref(),
                Ok(expected),
                "{template} ({language:?})"
            );
        }
    }

    #[test]
    fn date_filter_keeps_zones_formats_and_languages_apart() {
        let d = "2017-09-22T14:30:00-04:00";
        // The same input, formatted again and again, by filters with different zones
        // and languages and with different arguments.
        let cases = [
            (
                "{{ d | date(format=\"%H:%M %B\") }}",
                None,
                "23:30 September",
            ),
            (
                "{{ d | date(format=\"%H:%M %B\") }}",
                Some("ru"),
                "23:30 сентября",
            ),
            (
                "{{ d | date(format=\"%H:%M %B\", lang=\"en\") }}",
                Some("ru"),
                "23:30 September",
            ),
            (
                "{{ d | date(format=\"%H:%M %B\", tz=\"original\") }}",
                None,
                "14:30 September",
            ),
            (
                "{{ d | date(format=\"%H:%M %B\", tz=\"UTC\") }}",
                None,
                "18:30 September",
            ),
            (
                "{{ d | date(format=\"%H:%M\") }}{{ d | date(format=\"%H:%M\") }}",
                None,
                "23:3023:30",
            ),
        ];
        for _ in 0..2 {
            for (template, language, expected) in cases {
                assert_eq!(
                    date(template, d, language).as_deref(),
                    Ok(expected),
                    "{template} ({language:?})"
                );
            }
        }
        let mut utc = Tera::new();
        register_i18n(&mut utc, chrono_tz::UTC, Arc::default());
        utc.add_raw_template("t", "{{ d | date(format=\"%H:%M\") }}")
            .unwrap();
        let mut ctx = Context::new();
        ctx.insert("d", d);
        assert_eq!(utc.render("t", &ctx).unwrap(), "18:30");
        assert_eq!(
            date("{{ d | date(format=\"%H:%M\") }}", d, None).as_deref(),
            Ok("23:30")
        );
        assert_eq!(utc.render("t", &ctx).unwrap(), "18:30");
    }

    #[test]
    fn date_filter_errors_name_the_problem() {
        let cases = [
            (
                "{{ d | date(format=\"%Q\") }}",
                "2017-09-22T14:30:00Z",
                "cannot format with `%Q`",
            ),
            ("{{ d | date }}", "yesterday", "cannot read `yesterday`"),
            (
                "{{ d | date(tz=\"Mars/Base\") }}",
                "2017-09-22T14:30:00Z",
                "unknown time zone `Mars/Base`",
            ),
        ];
        for (template, value, expected) in cases {
            let e = date(template, value, None).expect_err(template);
            assert!(e.contains(expected), "{template}: {e}");
        }
    }

    #[test]
    fn locales_for_language_tags() {
        let cases = [
            ("en", None),
            ("en-GB", None),
            ("ur", Some("ur_PK")),
            ("ur-IN", Some("ur_IN")),
            ("ar", Some("ar_EG")),
            ("de", Some("de_DE")),
            ("pt_br", Some("pt_BR")),
            ("eo", Some("eo")),
            ("zz", None),
            ("", None),
        ];
        for (tag, expected) in cases {
            let expected = expected.map(|e| chrono::Locale::try_from(e).expect("a known locale"));
            assert_eq!(locale_for(tag), expected, "{tag}");
        }
    }

    #[test]
    fn urdu_dates_use_urdu_letters_and_the_site_digits() {
        // 2024-05-17 is a Friday; chrono's Urdu locale spells it جمعه.
        let cases = [
            (
                "2024-05-17T10:00:00+05:00",
                Digits::Western,
                "جمعہ 17 مئی 2024",
            ),
            (
                "2024-05-18T10:00:00+05:00",
                Digits::Western,
                "ہفتہ 18 مئی 2024",
            ),
            (
                "2024-05-20T10:00:00+05:00",
                Digits::Native,
                "پیر ۲۰ مئی ۲۰۲۴",
            ),
            (
                "2024-12-25T10:00:00+05:00",
                Digits::Native,
                "بدھ ۲۵ دسمبر ۲۰۲۴",
            ),
        ];
        for (value, digits, expected) in cases {
            let mut translations = super::super::i18n::tests::shipped("default");
            translations.site_language = "ur".into();
            translations.digits = digits;
            let mut tera = Tera::new();
            register_i18n(
                &mut tera,
                "Asia/Karachi".parse().expect("a known zone"),
                Arc::new(translations),
            );
            tera.add_raw_template("t", "{{ d | date(format=\"%A %-d %B %Y\") }}")
                .unwrap();
            let mut ctx = Context::new();
            ctx.insert("d", value);
            assert_eq!(tera.render("t", &ctx).unwrap(), expected, "{value}");
        }
    }
}
