//! Agency credits: `(AFP/APP/DNA)`, `(اے پی پی)`, `(أ ف ب)`, and the table that maps
//! every written form of an agency to one name (`اے پی پی` → `APP`), so a story
//! lands on one agency page whatever script its desk wrote the credit in.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::cursor::Cursor;
use super::script::{arabic_block, arabic_table};
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

/// Keys that are hashes already (FNV-1a of a word, made while reading it), taken
/// as they are.
#[derive(Default)]
pub(super) struct HashedKey(u64);

impl std::hash::Hasher for HashedKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are looked up; any other input still hashes.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

pub(super) type Hashed = std::hash::BuildHasherDefault<HashedKey>;

/// [`fold_key`] into a buffer on the stack: no allocation per lookup, and ASCII
/// without decoding. `None` when the credit is longer than an agency can be.
fn fold_into<'b>(s: &str, buf: &'b mut [u8; 4 * MAX_AGENCY_CHARS]) -> Option<&'b str> {
    let bytes = s.as_bytes();
    let (mut len, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !matches!(b, b' ' | b'\t'..=b'\r' | b'.' | b'-' | b'_') {
                *buf.get_mut(len)? = b.to_ascii_lowercase();
                len += 1;
            }
            i += 1;
            continue;
        }
        let ch = s[i..].chars().next().expect("on a char boundary");
        if let Some(folded) = fold_char(ch) {
            let n = folded.len_utf8();
            folded.encode_utf8(buf.get_mut(len..len + n)?);
            len += n;
        }
        i += ch.len_utf8();
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// A credit as compared: no spaces, dots, hyphens or underscores, Arabic letter
/// variants folded, Latin letters in lower case.
fn fold_key(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter_map(fold_char)
}

/// One char of [`fold_key`]: `None` for what is left out.
fn fold_char(ch: char) -> Option<char> {
    if ch.is_whitespace() || matches!(ch, '.' | '-' | '_') {
        return None;
    }
    let ch = fold_loose(ch)?;
    // ASCII is already lower case; the Unicode tables only for other scripts.
    Some(if ch.is_ascii() || is_arabic_letter(ch) {
        ch
    } else {
        ch.to_lowercase().next().unwrap_or(ch)
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
    // One pass up to `)`, `(` or a line break, byte-wise (they are ASCII, so never
    // inside a longer char), noting where each name ends: at `/`, `,` or `،`
    // (U+060C, bytes d8 8c). A credit may run to one char past the longest allowed
    // (each name is then checked for its own length).
    let rest = c.rest();
    let bytes = rest.as_bytes();
    // (end of the name, start of the next) for each separator; a credit of more
    // names than a credit may hold is turned away whatever they are.
    let mut cuts = [(0, 0); MAX_AGENCIES];
    let mut seps = 0;
    let mut i = 0;
    let end = loop {
        i = next_mark(bytes, i);
        let width = match bytes.get(i) {
            None | Some(b')' | b'\n' | b'(') => break i,
            Some(b'/' | b',') => 1,
            Some(0xd8) if bytes.get(i + 1) == Some(&0x8c) => 2,
            Some(_) => {
                i += 1;
                continue;
            }
        };
        if let Some(cut) = cuts.get_mut(seps) {
            *cut = (i, i + width);
        }
        seps += 1;
        i += width;
    };
    let credit = &rest[..end];
    if !rest[end..].starts_with(')') {
        return Err(CreditError::Unclosed);
    }
    // Bytes bound chars from above: count them only when it matters.
    if end > MAX_CREDIT_CHARS + 1
        && credit.bytes().filter(|&b| (b & 0xc0) != 0x80).count() > MAX_CREDIT_CHARS + 1
    {
        return Err(CreditError::Unclosed);
    }
    c.pos += end + 1;
    if seps >= MAX_AGENCIES {
        return Err(CreditError::NotAgencies);
    }
    let mut agencies = Names::default();
    let mut start = 0;
    for &(name_end, next) in cuts[..seps].iter().chain([&(end, end)]) {
        let agency = trim(&credit[start..name_end]);
        if !is_agency_name(agency) {
            return Err(CreditError::NotAgencies);
        }
        agencies.push(agency);
        start = next;
    }
    Ok(agencies)
}

/// Where the first byte from `i` on that [`read_credit`] stops at lies: `)`, `(`,
/// a line break, `/`, `,` or 0xd8 (which may start `،`); the end of `bytes` when
/// there is none. Eight bytes at a time, so a name costs no branch per byte.
fn next_mark(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // The top bit of each byte of `v` that is zero (exactly: no sum carries).
    let zero = |v: u64| !(((v & !HIGH) + !HIGH) | v) & HIGH;
    // `b` in every byte.
    let each = |b: u8| ONES * u64::from(b);
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*chunk);
        let marks = zero(x ^ each(b')'))
            | zero(x ^ each(b'('))
            | zero(x ^ each(b'\n'))
            | zero(x ^ each(b'/'))
            | zero(x ^ each(b','))
            | zero(x ^ each(0xd8));
        if marks != 0 {
            return i + marks.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while let Some(b) = bytes.get(i) {
        if matches!(b, b')' | b'(' | b'\n' | b'/' | b',' | 0xd8) {
            return i;
        }
        i += 1;
    }
    i
}

/// `str::trim`, with the usual name (an ASCII letter or digit at each end) decided
/// on two bytes.
fn trim(name: &str) -> &str {
    match (name.as_bytes().first(), name.as_bytes().last()) {
        (Some(first), Some(last))
            if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() =>
        {
            name
        }
        _ => name.trim(),
    }
}

/// Every char allowed in a name (letters and digits of any script, joiners, space,
/// `-`, `.`, `&`, apostrophes), at least one letter, not too long. One pass, ASCII
/// without decoding.
pub(super) fn is_agency_name(agency: &str) -> bool {
    let bytes = agency.as_bytes();
    let table = arabic_table();
    let (mut i, mut chars, mut letters) = (0, 0, false);
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if b.is_ascii_alphabetic() {
                letters = true;
            } else if !(b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'.' | b'&' | b'\'')) {
                return false;
            }
            i += 1;
        } else if let Some(folded @ 1..) = arabic_block(table, &bytes[i..]) {
            // A letter or mark of the Arabic block, from its table.
            letters = letters || folded > 1;
            i += 2;
        } else {
            let ch = agency[i..].chars().next().expect("on a char boundary");
            // Arabic letters first: `char::is_alphanumeric` is slow outside ASCII.
            let letter = is_arabic_letter(ch) || ch.is_alphabetic();
            if !(letter || ch.is_alphanumeric() || is_format_char(ch) || ch == '’') {
                return false;
            }
            letters = letters || letter;
            i += ch.len_utf8();
        }
        chars += 1;
    }
    letters && chars <= MAX_AGENCY_CHARS
}
