//! The place of a Latin-script dateline: capitalised words (`NEW YORK`, `Rio de
//! Janeiro`, `ST. PETERSBURG`, `N.J.`), and the lists that keep ordinary sentences
//! (`However, ...`, `In Karachi, ...`, `UPDATE: ...`) from being read as places.

use super::cursor::{Cursor, is_inline_space};
use super::date::{latin_month, month_day_ahead};

const MAX_PLACE_CHARS: usize = 40;
const MAX_PLACE_WORDS: usize = 5;

/// Capitalised words read at the cursor.
pub(super) struct Words {
    /// Where the last word ends (spaces after it are not read).
    pub end: usize,
    pub words: usize,
    /// Every word is upper case (`NEW YORK`, `McALLEN`, `RIO de JANEIRO`).
    pub caps: bool,
}

/// Lower-case words that may stand inside a place (`Rio de Janeiro`, `Isle of Man`).
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "les", "el",
    "al", "of", "on", "upon", "am", "an", "der", "den", "y", "sur", "en", "bin", "ibn", "and",
    "ul", "ud", "e",
];

/// Reads up to five capitalised words (particles allowed between them), stopping
/// before a month followed by a day (`JOHANNESBURG March 13`), a digit, a comma, a
/// parenthesis or a separator. `None` when no word starts at the cursor or the
/// words run past the length caps.
pub(super) fn read_words(c: &mut Cursor) -> Option<Words> {
    let start = c.pos;
    let mut out = Words {
        end: start,
        words: 0,
        caps: true,
    };
    loop {
        let word_start = c.pos;
        let first = c.peek()?;
        let particle = if first.is_uppercase() {
            if out.words > 0 && month_day_ahead(c) {
                break;
            }
            false
        } else if out.words > 0 && first.is_lowercase() && particle_ahead(c) {
            true
        } else {
            break;
        };
        let mut lower = 0;
        let mut letters = 0;
        let mut last = first;
        while let Some(ch) = c.peek() {
            // `NEW YORK/LONDON`: two places sharing a dateline.
            let slash = ch == '/' && letters > 0 && c.rest()[1..].starts_with(char::is_uppercase);
            let inside = ch.is_alphabetic()
                || is_combining(ch)
                || slash
                || (letters > 0 && matches!(ch, '.' | '\'' | '’' | '-'));
            if !inside {
                break;
            }
            if ch.is_lowercase() {
                lower += 1;
            }
            if ch.is_alphabetic() {
                letters += 1;
            }
            last = ch;
            c.bump(ch);
        }
        let word = &c.s[word_start..c.pos];
        // `McALLEN`, `MacDONALD`: the `c` and `ac` do not make a word title case.
        let mc = (word.starts_with("Mc") && lower == 1) || (word.starts_with("Mac") && lower == 2);
        if !particle && lower > 0 && !mc {
            out.caps = false;
        }
        if matches!(last, '-' | '\'' | '’') || c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            // `KARACHI-` or `B52`: not a place word.
            c.pos = start;
            return None;
        }
        out.words += 1;
        out.end = c.pos;
        if out.words > MAX_PLACE_WORDS || c.s[start..c.pos].chars().count() > MAX_PLACE_CHARS {
            c.pos = start;
            return None;
        }
        // One run of spaces, then another word; otherwise the place ends here.
        let before_space = c.pos;
        if !c.spaces() || c.pos - before_space > MAX_PLACE_CHARS {
            c.pos = before_space;
            break;
        }
        if !c.peek().is_some_and(char::is_alphabetic) {
            c.pos = before_space;
            break;
        }
    }
    c.pos = out.end;
    if out.words == 0 {
        return None;
    }
    Some(out)
}

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// A particle followed by a capitalised word: `de Janeiro`.
fn particle_ahead(c: &Cursor) -> bool {
    let rest = c.rest();
    let word_len = rest
        .find(|ch: char| !ch.is_alphabetic())
        .unwrap_or(rest.len());
    if !is_particle(&rest[..word_len]) {
        return false;
    }
    let after = &rest[word_len..];
    let trimmed = after.trim_start_matches(is_inline_space);
    trimmed.len() < after.len() && trimmed.starts_with(char::is_uppercase)
}

/// Combining accents, so `SÃO` written in decomposed form is still a place.
pub(super) fn is_combining(ch: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&ch)
}

/// Words that open ordinary sentences, not places: `However, ...`, `In Karachi,
/// March ...`, `Mr. Khan, 45, ...`, `Last Friday, March 5 ...`. Compared without
/// case and without a trailing dot, against the place's first word.
const NOT_A_PLACE: &[&str] = &[
    // Function words and sentence adverbs.
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "against",
    "ahead",
    "all",
    "also",
    "although",
    "amid",
    "among",
    "an",
    "and",
    "another",
    "any",
    "around",
    "as",
    "at",
    "back",
    "because",
    "before",
    "behind",
    "below",
    "besides",
    "between",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "except",
    "finally",
    "first",
    "following",
    "for",
    "from",
    "further",
    "furthermore",
    "he",
    "her",
    "here",
    "his",
    "however",
    "i",
    "if",
    "in",
    "inside",
    "instead",
    "it",
    "its",
    "last",
    "late",
    "later",
    "like",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "my",
    "near",
    "neither",
    "nevertheless",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "outside",
    "over",
    "overnight",
    "per",
    "prior",
    "regarding",
    "second",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "thanks",
    "that",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "today",
    "together",
    "tomorrow",
    "tonight",
    "towards",
    "under",
    "unlike",
    "until",
    "up",
    "upon",
    "we",
    "what",
    "when",
    "whenever",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whose",
    "why",
    "with",
    "within",
    "without",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
    "dear",
    "please",
    "thank",
    "thanks",
    "hello",
    "well",
    "oh",
    // Honorifics and titles that open a sentence about a person.
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "maj",
    "major",
    "sgt",
    "rev",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "pres",
    "president",
    "justice",
    "judge",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "maulana",
    "minister",
    "prime",
    "chief",
    "premier",
    "chairman",
    "chairwoman",
    "speaker",
    "secretary",
    "ambassador",
    "officials",
    "police",
    "sources",
    "witnesses",
    "residents",
    // Days are when, not where (and so are months: see `opens_sentence`).
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Newsroom labels and acronyms that open a line with a colon or dash but name no
/// place: `UPDATE: ...`, `EDITOR'S NOTE: ...`, `NASA - The agency ...`. Any word of a
/// staff place (`PLACE: text`) that is one of these makes it prose.
const NOT_A_STAFF_PLACE: &[&str] = &[
    "advisory",
    "alert",
    "analysis",
    "announcement",
    "attention",
    "audio",
    "background",
    "breaking",
    "brief",
    "briefs",
    "bulletin",
    "caption",
    "chart",
    "clarification",
    "comment",
    "commentary",
    "context",
    "correction",
    "corrected",
    "dateline",
    "developing",
    "disclaimer",
    "editor's",
    "editors",
    "editorial",
    "embargo",
    "embargoed",
    "ends",
    "exclusive",
    "explainer",
    "factbox",
    "factcheck",
    "feature",
    "flash",
    "focus",
    "graphic",
    "headline",
    "highlights",
    "important",
    "insight",
    "interview",
    "latest",
    "listen",
    "live",
    "map",
    "more",
    "news",
    "note",
    "obituary",
    "opinion",
    "photo",
    "photos",
    "podcast",
    "poll",
    "preview",
    "quote",
    "quotes",
    "read",
    "recap",
    "refile",
    "related",
    "reminder",
    "repeat",
    "review",
    "rpt",
    "sidebar",
    "source",
    "sources",
    "special",
    "sponsored",
    "statement",
    "summary",
    "timeline",
    "tip",
    "transcript",
    "update",
    "updated",
    "urgent",
    "video",
    "warning",
    "watch",
    "weather",
    "wrap",
    "wrapup",
    "question",
    "answer",
    "moderator",
    "host",
    "anchor",
    "reporter",
    "correspondent",
    "interviewer",
    "narrator",
    "nasa",
    "nato",
    "fifa",
    "opec",
    "ispr",
    "wapda",
    "nepra",
    "ogra",
    "nadra",
    "cpec",
    "saarc",
    "asean",
    "unicef",
    "unesco",
    "unhcr",
    "usaid",
    "undp",
    "unrwa",
    "imf",
    "who",
    "and",
    "for",
    "but",
    "not",
    "all",
    "our",
    "this",
    "that",
    "what",
    "why",
    "how",
    "when",
    "where",
    "yes",
    "no",
    "ok",
    "okay",
    "plus",
    "also",
    "now",
    "today",
];

/// Whether `word` (any case, trailing dot ignored) opens a sentence rather than
/// names a place.
pub(super) fn opens_sentence(word: &str) -> bool {
    in_list(word, NOT_A_PLACE) || latin_month(&mut Cursor::new(word)).is_some()
}

/// Whether a word names a newsroom label or an organisation, not a place.
pub(super) fn is_label(word: &str) -> bool {
    in_list(word, NOT_A_STAFF_PLACE)
}

fn in_list(word: &str, list: &[&str]) -> bool {
    let word = word.trim_end_matches('.');
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}
