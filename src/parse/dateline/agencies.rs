//! Agency credits: `(AFP/APP/DNA)`, `(اے پی پی)`, `(أ ف ب)`, and the table that maps
//! every written form of an agency to one name (`اے پی پی` → `APP`), so a story
//! lands on one agency page whatever script its desk wrote the credit in.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::cursor::Cursor;
use crate::text::{fold_loose, is_arabic_letter, is_format_char};

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
        let mut buf = [0u8; 4 * MAX_AGENCY_CHARS];
        let key = fold_into(written, &mut buf)?;
        if !self.own.is_empty()
            && let Some(agency) = self.own.get(key)
        {
            return Some(agency);
        }
        built_in().get(key).copied()
    }

    /// The agency a written credit stands for: the table's name, or the credit itself.
    pub fn canonical<'a>(&'a self, written: &'a str) -> &'a str {
        self.lookup(written).unwrap_or(written.trim())
    }

    pub fn knows(&self, written: &str) -> bool {
        self.lookup(written).is_some()
    }
}

/// The built-in table, folded once.
fn built_in() -> &'static HashMap<String, &'static str, Fnv> {
    static TABLE: OnceLock<HashMap<String, &'static str, Fnv>> = OnceLock::new();
    TABLE.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|&(written, agency)| (fold_key(written).collect(), agency))
            .collect()
    })
}

/// FNV-1a: the tables' keys are a few bytes of our own, so a fast hash that need not
/// resist crafted keys (a site's own `[agencies]` use the standard one).
#[derive(Default, Clone, Copy)]
pub(super) struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(super) type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

/// [`fold_key`] into a buffer on the stack: no allocation per lookup. `None` when
/// the credit is longer than an agency can be.
fn fold_into<'b>(s: &str, buf: &'b mut [u8; 4 * MAX_AGENCY_CHARS]) -> Option<&'b str> {
    let mut len = 0;
    for ch in fold_key(s) {
        let n = ch.len_utf8();
        ch.encode_utf8(buf.get_mut(len..len + n)?);
        len += n;
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// A credit as compared: no spaces, dots, hyphens or underscores, Arabic letter
/// variants folded, Latin letters in lower case.
fn fold_key(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|ch| !(ch.is_whitespace() || matches!(ch, '.' | '-' | '_')))
        .filter_map(fold_loose)
        .map(|ch| {
            // ASCII is already lower case; the Unicode tables only for other scripts.
            if ch.is_ascii() || is_arabic_letter(ch) {
                ch
            } else {
                ch.to_lowercase().next().unwrap_or(ch)
            }
        })
}

/// The agencies of one credit, as written: a list on the stack, since most credits
/// name one to three.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names<'a> {
    names: [&'a str; MAX_AGENCIES],
    len: usize,
}

impl<'a> Names<'a> {
    /// Adds a name; false when the credit already holds the most a credit may.
    pub(super) fn push(&mut self, name: &'a str) -> bool {
        let Some(slot) = self.names.get_mut(self.len) else {
            return false;
        };
        *slot = name;
        self.len += 1;
        true
    }

    pub fn as_slice(&self) -> &[&'a str] {
        &self.names[..self.len]
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
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
pub(super) fn read_credit<'a>(c: &mut Cursor<'a>) -> Result<Names<'a>, CreditError> {
    let credit = c.take(|ch| ch != ')' && ch != '\n' && ch != '(', MAX_CREDIT_CHARS);
    if !c.eat(")") {
        return Err(CreditError::Unclosed);
    }
    // Arabic letters first: `char::is_alphanumeric` is slow outside ASCII.
    let letter = |ch: char| is_arabic_letter(ch) || ch.is_alphabetic();
    let allowed = |ch: char| {
        is_arabic_letter(ch)
            || ch.is_alphanumeric()
            || is_format_char(ch)
            || matches!(ch, ' ' | '-' | '.' | '&' | '\'' | '’')
    };
    let mut agencies = Names::default();
    for agency in credit.split(['/', ',', '،']).map(str::trim) {
        // One pass: every char allowed, at least one letter, not too long.
        let (mut chars, mut letters) = (0, false);
        for ch in agency.chars() {
            if !allowed(ch) {
                return Err(CreditError::NotAgencies);
            }
            letters = letters || letter(ch);
            chars += 1;
        }
        if !letters || chars > MAX_AGENCY_CHARS || !agencies.push(agency) {
            return Err(CreditError::NotAgencies);
        }
    }
    Ok(agencies)
}
