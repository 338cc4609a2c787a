//! Translation tables: the interface strings, plural forms, month and weekday names,
//! date formats, digits and term names of each language, from the theme's
//! `i18n/<lang>.toml` files with the site's `i18n/<lang>.toml` over them.
//! Input: the files' texts. Output: [`Translations`], which the `t`, `term`, `num`
//! and `date` template helpers read. No I/O.

use std::collections::BTreeMap;

use crate::config::Digits;
use crate::diagnostics::Diagnostic;
use crate::discover::TemplateSource;

/// The language whose table fills what another language's table lacks.
pub const FALLBACK: &str = "en";

/// One language's table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// `by = "By"`; plural entries as `reading_time.one`, `reading_time.other`.
    strings: BTreeMap<String, String>,
    /// `[terms]`: topic, tag and other term names as written → their name here.
    terms: BTreeMap<String, String>,
    /// `[calendar]` months, months_short (January first), weekdays, weekdays_short
    /// (Monday first), digits (the ten native digits).
    months: Option<Vec<String>>,
    months_short: Option<Vec<String>>,
    weekdays: Option<Vec<String>>,
    weekdays_short: Option<Vec<String>>,
    digits: Option<Vec<char>>,
}

/// Every language's table, by lower-case tag (`ur`, `pt-br`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translations {
    tables: BTreeMap<String, Table>,
    /// The site's language: the one a template means when it names none.
    pub site_language: String,
    pub digits: Digits,
}

/// The plural category of `n` in `lang` (CLDR's rules for integers): Arabic has six,
/// the languages broadsheet ships otherwise `one` and `other`.
pub fn plural_category(lang: &str, n: i64) -> &'static str {
    match primary(lang).as_str() {
        "ar" => match n {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ if (3..=10).contains(&(n % 100)) => "few",
            _ if (11..=99).contains(&(n % 100)) => "many",
            _ => "other",
        },
        "fr" | "hi" | "bn" | "pa" | "fa" if n == 0 || n == 1 => "one",
        _ if n == 1 => "one",
        _ => "other",
    }
}

fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl Translations {
    /// Reads the theme's tables, then lays the site's over them key by key. Every
    /// file that cannot be read as a table is reported.
    pub fn read(sources: &[TemplateSource]) -> Result<Translations, Vec<Diagnostic>> {
        let mut tables: BTreeMap<String, Table> = BTreeMap::new();
        let mut errors = Vec::new();
        let ordered = sources
            .iter()
            .filter(|s| s.from_theme)
            .chain(sources.iter().filter(|s| !s.from_theme));
        for source in ordered {
            let lang = source.name.trim_end_matches(".toml").to_ascii_lowercase();
            match parse_table(&source.text) {
                Ok(table) => tables.entry(lang).or_default().lay_over(table),
                Err((offset, message)) => {
                    let (line, column) = crate::diagnostics::line_col(&source.text, offset);
                    errors.push(
                        Diagnostic::error(&source.origin, line, column, message).with_help(
                            "a translation table holds `key = \"text\"`, plural tables (`[key]` with `one` and `other`), `[terms]` and `[calendar]`; see docs/themes.md",
                        ),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(Translations {
                tables,
                site_language: FALLBACK.to_string(),
                digits: Digits::Western,
            })
        } else {
            Err(errors)
        }
    }

    /// The tables to look in for `lang`, most specific first: `ur-pk`, `ur`, then the
    /// fallback language's.
    fn chain(&self, lang: &str) -> impl Iterator<Item = &Table> {
        let lang = lang.to_ascii_lowercase().replace('_', "-");
        let primary = primary(&lang);
        let mut names = vec![lang];
        if names[0] != primary {
            names.push(primary);
        }
        if !names.iter().any(|n| n == FALLBACK) {
            names.push(FALLBACK.to_string());
        }
        names
            .into_iter()
            .filter_map(move |name| self.tables.get(&name))
    }

    /// Whether a table for `lang` (or its primary language) exists.
    pub fn has(&self, lang: &str) -> bool {
        let lang = lang.to_ascii_lowercase().replace('_', "-");
        self.tables.contains_key(&lang) || self.tables.contains_key(&primary(&lang))
    }

    /// The interface string `key` in `lang`; with `n`, its plural form for `n` and
    /// `{n}` replaced by `n` in the language's digits.
    pub fn text(&self, key: &str, lang: &str, n: Option<i64>) -> Option<String> {
        let found = match n {
            Some(n) => {
                let category = plural_category(lang, n);
                self.chain(lang).find_map(|t| {
                    t.strings
                        .get(&format!("{key}.{category}"))
                        .or_else(|| t.strings.get(&format!("{key}.other")))
                        .or_else(|| t.strings.get(key))
                })
            }
            None => self.chain(lang).find_map(|t| t.strings.get(key)),
        }?;
        Some(match n {
            Some(n) => found.replace("{n}", &self.digits(&n.to_string(), lang)),
            None => found.clone(),
        })
    }

    /// A term's name in `lang` (`[terms]`), or the name as written.
    pub fn term<'a>(&'a self, name: &'a str, lang: &str) -> &'a str {
        let lang = lang.to_ascii_lowercase().replace('_', "-");
        let primary = primary(&lang);
        [lang.as_str(), primary.as_str()]
            .iter()
            .find_map(|l| self.tables.get(*l)?.terms.get(name))
            .map_or(name, String::as_str)
    }

    /// `text` with its Western digits written in `lang`'s own when the site asks
    /// for native digits and the language's table names them.
    pub fn digits(&self, text: &str, lang: &str) -> String {
        let native = match self.digits {
            Digits::Western => None,
            Digits::Native => self.chain(lang).find_map(|t| t.digits.as_ref()),
        };
        match native {
            Some(digits) if digits.len() == 10 => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => digits[d as usize],
                    _ => c,
                })
                .collect(),
            _ => text.to_string(),
        }
    }

    /// Month and weekday names for `lang` when its table has them all:
    /// `[months, months_short, weekdays, weekdays_short]`.
    pub fn calendar(&self, lang: &str) -> Option<[&[String]; 4]> {
        let lang = lang.to_ascii_lowercase().replace('_', "-");
        let primary = primary(&lang);
        [lang.as_str(), primary.as_str()].iter().find_map(|l| {
            let t = self.tables.get(*l)?;
            Some([
                t.months.as_deref()?,
                t.months_short.as_deref()?,
                t.weekdays.as_deref()?,
                t.weekdays_short.as_deref()?,
            ])
        })
    }

    /// Keys the fallback table has and `lang`'s own table lacks (for tests and
    /// `theme` checks: a shipped language must say everything in its own words).
    pub fn missing(&self, lang: &str) -> Vec<String> {
        let (Some(base), Some(own)) = (self.tables.get(FALLBACK), self.tables.get(lang)) else {
            return Vec::new();
        };
        base.strings
            .keys()
            .filter(|k| {
                // A plural key is there when any of its forms is.
                let stem = k.split_once('.').map_or(k.as_str(), |(s, _)| s);
                !own.strings.contains_key(*k)
                    && !own
                        .strings
                        .keys()
                        .any(|o| o.starts_with(&format!("{stem}.")))
            })
            .cloned()
            .collect()
    }

    /// The strings of `lang`'s own table (tests check them for stray letters).
    pub fn own_strings(&self, lang: &str) -> Vec<&str> {
        self.tables
            .get(lang)
            .map(|t| t.strings.values().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

impl Table {
    /// Keys of `other` replace this table's.
    fn lay_over(&mut self, other: Table) {
        self.strings.extend(other.strings);
        self.terms.extend(other.terms);
        for (mine, theirs) in [
            (&mut self.months, other.months),
            (&mut self.months_short, other.months_short),
            (&mut self.weekdays, other.weekdays),
            (&mut self.weekdays_short, other.weekdays_short),
        ] {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
        if other.digits.is_some() {
            self.digits = other.digits;
        }
    }
}

/// One file's table, or the byte offset and text of what is wrong with it.
fn parse_table(text: &str) -> Result<Table, (usize, String)> {
    let doc: toml::Table = toml::from_str(text)
        .map_err(|e| (e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    let at = |key: &str| text.find(key).unwrap_or(0);
    let mut table = Table::default();
    for (key, value) in doc {
        match (key.as_str(), value) {
            (_, toml::Value::String(s)) => {
                table.strings.insert(key, s);
            }
            ("terms", toml::Value::Table(terms)) => {
                for (name, value) in terms {
                    let toml::Value::String(s) = value else {
                        return Err((at(&name), format!("`[terms]` `{name}` is not text")));
                    };
                    table.terms.insert(name, s);
                }
            }
            ("calendar", toml::Value::Table(calendar)) => read_calendar(&mut table, calendar, at)?,
            (_, toml::Value::Table(forms)) => {
                for (form, value) in forms {
                    if !matches!(
                        form.as_str(),
                        "zero" | "one" | "two" | "few" | "many" | "other"
                    ) {
                        return Err((
                            at(&form),
                            format!(
                                "`[{key}]` has `{form}`; plural forms are zero, one, two, few, many and other"
                            ),
                        ));
                    }
                    let toml::Value::String(s) = value else {
                        return Err((at(&form), format!("`{key}.{form}` is not text")));
                    };
                    table.strings.insert(format!("{key}.{form}"), s);
                }
            }
            (_, _) => return Err((at(&key), format!("`{key}` is neither text nor a table"))),
        }
    }
    Ok(table)
}

fn read_calendar(
    table: &mut Table,
    calendar: toml::Table,
    at: impl Fn(&str) -> usize,
) -> Result<(), (usize, String)> {
    for (key, value) in calendar {
        let (slot, count) = match key.as_str() {
            "months" => (&mut table.months, 12),
            "months_short" => (&mut table.months_short, 12),
            "weekdays" => (&mut table.weekdays, 7),
            "weekdays_short" => (&mut table.weekdays_short, 7),
            "digits" => {
                let digits: Vec<char> = value.as_str().unwrap_or("").chars().collect();
                if digits.len() != 10 {
                    return Err((
                        at("digits"),
                        "`calendar.digits` must be the ten digits, 0 to 9".to_string(),
                    ));
                }
                table.digits = Some(digits);
                continue;
            }
            _ => {
                return Err((
                    at(&key),
                    format!(
                        "`[calendar]` has no `{key}`; it knows months, months_short, weekdays, weekdays_short and digits"
                    ),
                ));
            }
        };
        let names: Option<Vec<String>> = value.as_array().map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        });
        match names {
            Some(names) if names.len() == count => *slot = Some(names),
            _ => {
                return Err((
                    at(&key),
                    format!("`calendar.{key}` must list {count} names"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn source(name: &str, text: &str, from_theme: bool) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            origin: format!("i18n/{name}"),
            text: text.into(),
            from_theme,
        }
    }

    fn sample() -> Translations {
        let mut t = Translations::read(&[
            source("en.toml", "by = \"By\"\nhome = \"Home\"\n[articles]\none = \"{n} article\"\nother = \"{n} articles\"\n", true),
            source("ur.toml", "by = \"از\"\n[articles]\nother = \"{n} خبریں\"\none = \"{n} خبر\"\n[calendar]\ndigits = \"۰۱۲۳۴۵۶۷۸۹\"\n", true),
            source("ar.toml", "[articles]\nzero = \"لا مقالات\"\none = \"مقال واحد\"\ntwo = \"مقالان\"\nfew = \"{n} مقالات\"\nmany = \"{n} مقالاً\"\nother = \"{n} مقال\"\n", true),
            source("ur.toml", "by = \"تحریر\"\n[terms]\nBusiness = \"کاروبار\"\n", false),
        ])
        .unwrap();
        t.digits = Digits::Native;
        t
    }

    #[test]
    fn lookups() {
        let t = sample();
        let cases = [
            ("by", "en", None, Some("By")),
            // The site's table over the theme's.
            ("by", "ur", None, Some("تحریر")),
            ("by", "ur-PK", None, Some("تحریر")),
            // Missing in Urdu: English.
            ("home", "ur", None, Some("Home")),
            ("articles", "en", Some(1), Some("1 article")),
            ("articles", "en", Some(12), Some("12 articles")),
            ("articles", "ur", Some(12), Some("۱۲ خبریں")),
            ("articles", "ar", Some(0), Some("لا مقالات")),
            ("articles", "ar", Some(2), Some("مقالان")),
            ("articles", "ar", Some(5), Some("5 مقالات")),
            ("articles", "ar", Some(11), Some("11 مقالاً")),
            ("articles", "ar", Some(100), Some("100 مقال")),
            ("nothing", "ur", None, None),
        ];
        for (key, lang, n, want) in cases {
            assert_eq!(t.text(key, lang, n).as_deref(), want, "{key} {lang} {n:?}");
        }
        assert_eq!(t.term("Business", "ur"), "کاروبار");
        assert_eq!(t.term("Business", "en"), "Business");
        assert_eq!(t.digits("14 مئی 2024", "ur"), "۱۴ مئی ۲۰۲۴");
        assert_eq!(t.digits("14 May 2024", "en"), "14 May 2024");
        assert_eq!(t.missing("ur"), ["home"]);
    }

    #[test]
    fn bad_tables_are_reported_with_file_and_line() {
        let cases = [
            ("by = \"By\"\nx = 3\n", 2, "neither text nor a table"),
            ("[articles]\nsome = \"x\"\n", 2, "plural forms are"),
            ("[calendar]\nmonths = [\"a\"]\n", 2, "must list 12 names"),
            ("[calendar]\ndigits = \"0123\"\n", 2, "ten digits"),
            ("by = \n", 1, ""),
        ];
        for (text, line, message) in cases {
            let errors = Translations::read(&[source("ur.toml", text, false)]).unwrap_err();
            assert_eq!(errors.len(), 1, "{text}");
            assert_eq!(errors[0].file, "i18n/ur.toml");
            assert_eq!(errors[0].line, line, "{text}: {}", errors[0]);
            assert!(errors[0].message.contains(message), "{}", errors[0]);
        }
    }

    /// `text` without `{name}` placeholders and strftime specifiers (`%-d`, `%B`).
    fn without_placeholders(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' => {
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                }
                '%' => {
                    if chars.peek() == Some(&'-') {
                        chars.next();
                    }
                    chars.next();
                }
                c => out.push(c),
            }
        }
        out
    }

    /// The tables broadsheet ships, by theme: (theme, language, text).
    pub(crate) const SHIPPED: [(&str, &str, &str); 9] = [
        (
            "default",
            "en",
            include_str!("../../themes/default/i18n/en.toml"),
        ),
        (
            "default",
            "ur",
            include_str!("../../themes/default/i18n/ur.toml"),
        ),
        (
            "default",
            "ar",
            include_str!("../../themes/default/i18n/ar.toml"),
        ),
        ("wire", "en", include_str!("../../themes/wire/i18n/en.toml")),
        ("wire", "ur", include_str!("../../themes/wire/i18n/ur.toml")),
        ("wire", "ar", include_str!("../../themes/wire/i18n/ar.toml")),
        (
            "theme new",
            "en",
            include_str!("../scaffold/theme-new/i18n/en.toml"),
        ),
        (
            "theme new",
            "ur",
            include_str!("../scaffold/theme-new/i18n/ur.toml"),
        ),
        (
            "theme new",
            "ar",
            include_str!("../scaffold/theme-new/i18n/ar.toml"),
        ),
    ];

    /// A shipped theme's tables, read as a site would.
    pub(crate) fn shipped(theme: &str) -> Translations {
        let sources: Vec<TemplateSource> = SHIPPED
            .iter()
            .filter(|(t, _, _)| *t == theme)
            .map(|(_, lang, text)| source(&format!("{lang}.toml"), text, true))
            .collect();
        Translations::read(&sources).expect("shipped tables read")
    }

    #[test]
    fn shipped_languages_say_everything_in_their_own_words() {
        for theme in ["default", "wire", "theme new"] {
            let t = shipped(theme);
            for lang in ["ur", "ar"] {
                assert_eq!(t.missing(lang), Vec::<String>::new(), "{theme} {lang}");
                assert!(t.calendar(lang).is_some(), "{theme} {lang}");
                for text in t.own_strings(lang) {
                    let words = without_placeholders(text);
                    assert!(
                        !words.chars().any(|c| c.is_ascii_alphabetic()),
                        "{theme} {lang}: `{text}` has Latin letters"
                    );
                }
            }
            // Urdu writes ی ک ہ ۃ, never Arabic's ي ك ة ى.
            for text in t.own_strings("ur") {
                assert!(
                    !text.chars().any(|c| matches!(c, 'ي' | 'ك' | 'ة' | 'ى')),
                    "{theme}: `{text}` has an Arabic-only letter"
                );
            }
            let [months, _, weekdays, _] = t.calendar("ur").expect("Urdu calendar");
            for name in months.iter().chain(weekdays) {
                assert!(
                    !name
                        .chars()
                        .any(|c| matches!(c, 'ي' | 'ك' | 'ة' | 'ى' | 'ه')),
                    "{theme}: `{name}`"
                );
            }
        }
    }
}
