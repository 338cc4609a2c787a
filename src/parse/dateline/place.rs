//! The place of a Latin-script dateline: capitalised words (`NEW YORK`, `Rio de
//! Janeiro`, `ST. PETERSBURG`, `N.J.`), and the lists that keep ordinary sentences
//! (`However, ...`, `In Karachi, ...`, `UPDATE: ...`) from being read as places.

use super::cursor::{Cursor, ascii_letters, is_inline_space};

use super::date::{is_month_word, month_day_ahead};

const MAX_PLACE_CHARS: usize = 40;
const MAX_PLACE_WORDS: usize = 5;

/// Capitalised words read at the cursor.
pub(super) struct Words {
    /// Where the last word ends (spaces after it are not read).
    pub end: usize,
    /// Where the first word ends.
    pub first_end: usize,
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

const PARTICLE_KEYS: [u64; PARTICLES.len()] = {
    let mut keys = [0; PARTICLES.len()];
    let mut i = 0;
    while i < PARTICLES.len() {
        keys[i] = pack(PARTICLES[i].as_bytes());
        i += 1;
    }
    keys
};

/// Up to eight bytes as one number (a longer word is never compared).
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() && i < 8 {
        key = (key << 8) | word[i] as u64;
        i += 1;
    }
    key
}

/// Reads up to five capitalised words (particles allowed between them), stopping
/// before a month followed by a day (`JOHANNESBURG March 13`), a digit, a comma, a
/// parenthesis or a separator. `None` when no word starts at the cursor or the
/// words run past the length caps.
pub(super) fn read_words(c: &mut Cursor) -> Option<Words> {
    let start = c.pos;
    let mut out = Words {
        end: start,
        first_end: start,
        words: 0,
        caps: true,
    };
    // Chars of the words read so far, with one space after each.
    let mut chars = 0;
    loop {
        let word_start = c.pos;
        let first = c.peek()?;
        let particle = if first.is_uppercase() {
            let month_initial = matches!(
                first.to_ascii_lowercase(),
                'j' | 'f' | 'm' | 'a' | 's' | 'o' | 'n' | 'd'
            );
            if out.words > 0 && month_initial && month_day_ahead(c) {
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
        let mut word_chars = 0;
        let mut last = first;
        let bytes = c.s.as_bytes();
        while let Some(&b) = bytes.get(c.pos) {
            // ASCII letters, most of every Latin place, without decoding.
            if b.is_ascii_alphabetic() {
                let (n, low) = ascii_letters(&bytes[c.pos..]);
                lower += low;
                letters += n;
                word_chars += n;
                c.pos += n;
                last = char::from(bytes[c.pos - 1]);
                continue;
            }
            let ch = if b.is_ascii() {
                char::from(b)
            } else {
                c.rest()
                    .chars()
                    .next()
                    .expect("the cursor is on a char boundary")
            };
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
            word_chars += 1;
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
        if out.words == 0 {
            out.first_end = c.pos;
        }
        out.words += 1;
        out.end = c.pos;
        chars += word_chars + 1;
        if out.words > MAX_PLACE_WORDS || chars > MAX_PLACE_CHARS + 1 {
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

/// A particle followed by a capitalised word: `de Janeiro`.
fn particle_ahead(c: &Cursor) -> bool {
    let rest = c.rest();
    // Particles are ASCII: a word of other letters is none.
    let word_len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    if word_len > 5 || rest[word_len..].starts_with(char::is_alphabetic) {
        return false;
    }
    // Compared as numbers: the word's bytes packed into one.
    let key = pack(&rest.as_bytes()[..word_len]);
    if !PARTICLE_KEYS.contains(&key) {
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
/// March ...`, `Mr. Khan, 45, ...`, `Last Friday, March 5 ...` (function words,
/// honorifics and titles, weekdays). Compared without case and without a trailing
/// dot, against the place's first word. Kept sorted, to read.
#[rustfmt::skip]
const NOT_A_PLACE: &[&str] = &[
    "a", "about", "above", "according", "across", "after", "against", "ahead", "all",
    "also", "although", "ambassador", "amid", "among", "an", "and", "another", "any",
    "around", "as", "at", "back", "because", "before", "behind", "below", "besides",
    "between", "both", "but", "by", "capt", "captain", "chairman", "chairwoman", "chief",
    "col", "colonel", "dame", "dear", "despite", "dr", "during", "each", "earlier",
    "either", "even", "every", "except", "finally", "first", "following", "for", "friday",
    "from", "further", "furthermore", "gen", "general", "gov", "governor", "he", "hello",
    "her", "here", "his", "however", "i", "if", "in", "inside", "instead", "it", "its",
    "judge", "justice", "king", "lady", "last", "late", "later", "like", "lord", "lt",
    "maj", "major", "many", "maulana", "mayor", "meanwhile", "minister", "miss", "monday",
    "more", "moreover", "most", "mr", "mrs", "ms", "my", "near", "neither", "nevertheless",
    "next", "no", "nor", "not", "now", "of", "officials", "oh", "on", "once", "only", "or",
    "other", "our", "outside", "over", "overnight", "per", "please", "police", "premier",
    "pres", "president", "prime", "prince", "princess", "prior", "prof", "professor",
    "queen", "regarding", "rep", "residents", "rev", "saturday", "second", "secretary",
    "sen", "senator", "sgt", "she", "sheikh", "since", "sir", "so", "some", "sources",
    "speaker", "still", "such", "sunday", "than", "thank", "thanks", "that", "their",
    "then", "there", "therefore", "these", "they", "this", "those", "though", "through",
    "thursday", "thus", "to", "today", "together", "tomorrow", "tonight", "towards",
    "tuesday", "under", "unlike", "until", "up", "upon", "we", "wednesday", "well", "what",
    "when", "whenever", "where", "whether", "which", "while", "who", "whose", "why", "with",
    "within", "without", "witnesses", "yes", "yesterday", "yet", "you", "your",
];

/// Newsroom labels and acronyms that open a line with a colon or dash but name no
/// place: `UPDATE: ...`, `EDITOR'S NOTE: ...`, `NASA - The agency ...`. Any word of a
/// staff place (`PLACE: text`) that is one of these makes it prose. Sorted.
#[rustfmt::skip]
const NOT_A_STAFF_PLACE: &[&str] = &[
    "advisory", "alert", "all", "also", "analysis", "anchor", "and", "announcement",
    "answer", "asean", "attention", "audio", "background", "breaking", "brief", "briefs",
    "bulletin", "but", "caption", "chart", "clarification", "comment", "commentary",
    "context", "corrected", "correction", "correspondent", "cpec", "dateline", "developing",
    "disclaimer", "editor's", "editorial", "editors", "embargo", "embargoed", "ends",
    "exclusive", "explainer", "factbox", "factcheck", "feature", "fifa", "flash", "focus",
    "for", "graphic", "headline", "highlights", "host", "how", "imf", "important",
    "insight", "interview", "interviewer", "ispr", "latest", "listen", "live", "map",
    "moderator", "more", "nadra", "narrator", "nasa", "nato", "nepra", "news", "no", "not",
    "note", "now", "obituary", "ogra", "ok", "okay", "opec", "opinion", "our", "photo",
    "photos", "plus", "podcast", "poll", "preview", "question", "quote", "quotes", "read",
    "recap", "refile", "related", "reminder", "repeat", "reporter", "review", "rpt",
    "saarc", "sidebar", "source", "sources", "special", "sponsored", "statement", "summary",
    "that", "this", "timeline", "tip", "today", "transcript", "undp", "unesco", "unhcr",
    "unicef", "unrwa", "update", "updated", "urgent", "usaid", "video", "wapda", "warning",
    "watch", "weather", "what", "when", "where", "who", "why", "wrap", "wrapup", "yes",
];

/// Whether `word` (any case, trailing dot ignored) opens a sentence rather than
/// names a place.
pub(super) fn opens_sentence(word: &str) -> bool {
    static SET: WordSet<512> = WordSet::new(NOT_A_PLACE);
    is_month_word(word) || SET.contains(word)
}

/// Whether a word names a newsroom label or an organisation, not a place.
pub(super) fn is_label(word: &str) -> bool {
    static SET: WordSet<512> = WordSet::new(NOT_A_STAFF_PLACE);
    SET.contains(word)
}

/// A list of lower-case ASCII words as an open-addressed table of `N` slots (a
/// power of two, at least twice the words), placed by [`slot_of`] when compiled: a
/// lookup reads three bytes of the word and, most often, compares it once.
struct WordSet<const N: usize> {
    slots: [&'static str; N],
    /// By length, the first letters of the words listed (bit 0 for `a`): most words
    /// that are not listed (`KARACHI`, `YORK`) are turned away by it, unhashed.
    initials: [u32; 16],
}

impl<const N: usize> WordSet<N> {
    const fn new(list: &[&'static str]) -> WordSet<N> {
        assert!(N.is_power_of_two() && list.len() * 2 <= N);
        let mut slots = [""; N];
        let mut initials = [0; 16];
        let mut i = 0;
        while i < list.len() {
            let word = list[i];
            let first = word.as_bytes()[0];
            assert!(first.is_ascii_lowercase() && word.len() < 16);
            initials[word.len()] |= 1 << (first - b'a');
            let mut slot = slot_of(word.as_bytes(), N);
            while !slots[slot].is_empty() {
                slot = (slot + 1) & (N - 1);
            }
            slots[slot] = word;
            i += 1;
        }
        WordSet { slots, initials }
    }

    fn contains(&self, word: &str) -> bool {
        let word = word.trim_end_matches('.');
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        let initials = self.initials.get(word.len()).copied().unwrap_or(0);
        if !first.is_ascii_alphabetic() || initials & 1 << ((first | 0x20) - b'a') == 0 {
            return false;
        }
        let mut slot = slot_of(word.as_bytes(), N);
        loop {
            let listed = self.slots[slot];
            if listed.is_empty() {
                return false;
            }
            if listed.eq_ignore_ascii_case(word) {
                return true;
            }
            slot = (slot + 1) & (N - 1);
        }
    }
}

/// The home slot of a non-empty word among `slots` (a power of two): from its
/// length, first two bytes and last byte, with ASCII letters in either case alike
/// (`| 0x20` lowers a capital), so no loop over the word; a listed word that
/// shares them is a slot further.
const fn slot_of(word: &[u8], slots: usize) -> usize {
    let n = word.len();
    let second = if n > 1 { word[1] } else { word[0] };
    let key = (n as u64) << 24
        | ((word[0] | 0x20) as u64) << 16
        | ((second | 0x20) as u64) << 8
        | (word[n - 1] | 0x20) as u64;
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & (slots - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_read_without_case() {
        for list in [NOT_A_PLACE, NOT_A_STAFF_PLACE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(opens_sentence("However") && opens_sentence("MR.") && opens_sentence("Sept"));
        assert!(!opens_sentence("KARACHI") && !opens_sentence("The"));
        assert!(is_label("EDITOR'S") && is_label("Update") && !is_label("LAHORE"));
    }
}
