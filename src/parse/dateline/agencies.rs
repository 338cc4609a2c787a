//! Agency credits: `(AFP/APP/DNA)`, `(اے پی پی)`, `(أ ف ب)`, and the table that maps
//! every written form of an agency to one name (`اے پی پی` → `APP`), so a story
//! lands on one agency page whatever script its desk wrote the credit in.

use std::collections::HashMap;

use super::cursor::Cursor;
use super::script::{fold_arabic, is_arabic_letter, is_joiner};

const MAX_AGENCY_CHARS: usize = 40;
const MAX_AGENCIES: usize = 6;
/// Room for `MAX_AGENCIES` full names plus a spaced ` / ` between each.
const MAX_CREDIT_CHARS: usize = MAX_AGENCIES * (MAX_AGENCY_CHARS + 3);

/// Built-in written forms and the agency each stands for. Compared folded: case,
/// spaces, dots and hyphens do not matter (`A.F.P.` = `AFP`), nor Arabic letter
/// variants (`أ ف ب` = `ا ف ب`). Listed in docs/format.md.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("AP", "AP"),
    ("Associated Press", "AP"),
    ("Reuters", "Reuters"),
    ("Reuter", "Reuters"),
    ("Thomson Reuters", "Reuters"),
    ("UPI", "UPI"),
    ("United Press International", "UPI"),
    ("APP", "APP"),
    ("Associated Press of Pakistan", "APP"),
    ("PPI", "PPI"),
    ("NNI", "NNI"),
    ("INP", "INP"),
    ("Online", "Online"),
    ("DNA", "DNA"),
    ("PTI", "PTI"),
    ("Press Trust of India", "PTI"),
    ("IANS", "IANS"),
    ("ANI", "ANI"),
    ("UNI", "UNI"),
    ("BSS", "BSS"),
    ("Xinhua", "Xinhua"),
    ("dpa", "dpa"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("Kyodo", "Kyodo"),
    ("Yonhap", "Yonhap"),
    ("Bernama", "Bernama"),
    ("Antara", "Antara"),
    ("Anadolu", "Anadolu"),
    ("Anadolu Agency", "Anadolu"),
    ("AA", "Anadolu"),
    ("TASS", "TASS"),
    ("Interfax", "Interfax"),
    ("RIA Novosti", "RIA Novosti"),
    ("EFE", "EFE"),
    ("ANSA", "ANSA"),
    ("KUNA", "KUNA"),
    ("WAM", "WAM"),
    ("SPA", "SPA"),
    ("QNA", "QNA"),
    ("MENA", "MENA"),
    ("IRNA", "IRNA"),
    ("SANA", "SANA"),
    ("AZERTAC", "AZERTAC"),
    ("Bloomberg", "Bloomberg"),
    // Urdu desks.
    ("اے پی پی", "APP"),
    ("اے ایف پی", "AFP"),
    ("اے پی", "AP"),
    ("رائٹرز", "Reuters"),
    ("رائٹر", "Reuters"),
    ("روئٹرز", "Reuters"),
    ("آن لائن", "Online"),
    ("این این آئی", "NNI"),
    ("آئی این پی", "INP"),
    ("پی پی آئی", "PPI"),
    ("شنہوا", "Xinhua"),
    ("ژنہوا", "Xinhua"),
    ("یو پی آئی", "UPI"),
    ("بی ایس ایس", "BSS"),
    ("اے این آئی", "ANI"),
    ("ڈی پی اے", "dpa"),
    // Arabic desks.
    ("أ ف ب", "AFP"),
    ("رويترز", "Reuters"),
    ("أ ب", "AP"),
    ("أسوشيتد برس", "AP"),
    ("د ب أ", "dpa"),
    ("شينخوا", "Xinhua"),
    ("الأناضول", "Anadolu"),
    ("واس", "SPA"),
    ("وام", "WAM"),
    ("قنا", "QNA"),
    ("كونا", "KUNA"),
    ("أ ش أ", "MENA"),
    ("سانا", "SANA"),
    ("إرنا", "IRNA"),
    ("يو بي آي", "UPI"),
];

/// The agency table: the built-in forms plus a newsroom's own (`[agencies]` in
/// site.toml), which win over the built-in ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agencies {
    /// Folded written form → agency.
    own: HashMap<String, String>,
}

impl Agencies {
    /// The table with a site's own `(written form, agency)` pairs.
    pub fn new<'a>(own: impl IntoIterator<Item = (&'a str, &'a str)>) -> Agencies {
        Agencies {
            own: own
                .into_iter()
                .map(|(written, agency)| (fold_key(written).collect(), agency.trim().to_owned()))
                .collect(),
        }
    }

    /// The agency a written credit stands for, when the table knows it.
    pub fn lookup(&self, written: &str) -> Option<&str> {
        if !self.own.is_empty()
            && let Some(agency) = self.own.get(&fold_key(written).collect::<String>())
        {
            return Some(agency);
        }
        BUILT_IN
            .iter()
            .find(|(form, _)| fold_key(form).eq(fold_key(written)))
            .map(|&(_, agency)| agency)
    }

    /// The agency a written credit stands for: the table's name, or the credit itself.
    pub fn canonical<'a>(&'a self, written: &'a str) -> &'a str {
        self.lookup(written).unwrap_or(written.trim())
    }

    pub fn knows(&self, written: &str) -> bool {
        self.lookup(written).is_some()
    }
}

/// A credit as compared: no spaces, dots, hyphens or underscores, Arabic letter
/// variants folded, Latin letters in lower case.
fn fold_key(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|ch| !(ch.is_whitespace() || matches!(ch, '.' | '-' | '_')))
        .filter_map(fold_arabic)
        .flat_map(char::to_lowercase)
}

/// Why a parenthesised credit is not one.
pub(super) enum CreditError {
    /// No `)` on the line.
    Unclosed,
    /// Something other than agency names inside.
    NotAgencies,
}

/// Reads `AFP/APP / DNA)` after the opening parenthesis, consuming the `)`. Agencies
/// are separated by `/`, `,` or the Arabic comma `،`.
pub(super) fn read_credit<'a>(c: &mut Cursor<'a>) -> Result<Vec<&'a str>, CreditError> {
    let credit = c.take(|ch| ch != ')' && ch != '\n' && ch != '(', MAX_CREDIT_CHARS);
    if !c.eat(")") {
        return Err(CreditError::Unclosed);
    }
    let allowed = |ch: char| {
        ch.is_alphanumeric()
            || is_arabic_letter(ch)
            || is_joiner(ch)
            || matches!(ch, ' ' | '-' | '.' | '&' | '\'' | '’')
    };
    let mut agencies = Vec::new();
    for agency in credit.split(['/', ',', '،']).map(str::trim) {
        if agencies.len() == MAX_AGENCIES
            || !agency.chars().all(allowed)
            || !agency.chars().any(char::is_alphabetic)
            || agency.chars().count() > MAX_AGENCY_CHARS
        {
            return Err(CreditError::NotAgencies);
        }
        agencies.push(agency);
    }
    Ok(agencies)
}
