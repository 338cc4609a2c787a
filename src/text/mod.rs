//! Text as every stage compares it: which chars make words, and how letters fold
//! ([`fold`]). Input: chars and strings. Output: classes, folded chars, words. Pure;
//! knows nothing of articles. Related news (`parse::terms`), datelines
//! (`parse::dateline`) and search (`search`) all split and fold through here, so a
//! word spelled one way in a story and another in a query or a credit compares equal.

mod fold;

pub use fold::{Fold, digit_value, fold_loose, push_folded};

/// Letters, digits and combining marks in any script; the zero-width joiners written
/// inside Urdu and Persian words too.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c) || c == '\u{200c}' || c == '\u{200d}'
}

/// Combining marks the standard library does not count as alphabetic, and the Arabic
/// vowel marks, honorifics, superscript alef, Quranic marks and tatweel.
pub fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05bd}'
        | '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}'
        | '\u{0900}'..='\u{0903}' | '\u{093a}'..='\u{094f}' | '\u{0951}'..='\u{0957}'
        | '\u{0962}'..='\u{0963}' | '\u{0980}'..='\u{0983}' | '\u{09bc}'..='\u{09d7}'
        | '\u{0a01}'..='\u{0a03}' | '\u{0a3c}'..='\u{0a51}' | '\u{0e31}' | '\u{0e34}'..='\u{0e3a}'
        | '\u{0e47}'..='\u{0e4e}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Arabic vowel marks, honorifics, the superscript alef, Quranic marks and tatweel:
/// not letters of their own, dropped when words are compared.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{640}')
}

/// Zero-width joiners and direction marks that may sit inside an Arabic-script word.
pub fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}')
}

/// A letter (or a mark on one) of the Arabic script, as Urdu and Arabic use it: by
/// code point ranges, which is much cheaper than the Unicode tables behind
/// `char::is_alphabetic`. Digits (`٠`–`٩`, `۰`–`۹`) and punctuation (`،`, `۔`, `؟`)
/// are not letters.
pub fn is_arabic_letter(c: char) -> bool {
    // Below the Arabic block (Latin text) at once: every range starts at U+0610 or above.
    c >= '\u{610}'
        && (matches!(c,
            '\u{620}'..='\u{64a}'
            | '\u{66e}'..='\u{6d3}'
            | '\u{6d5}'
            | '\u{6ee}'..='\u{6ef}'
            | '\u{6fa}'..='\u{6fc}'
            | '\u{6ff}'
            | '\u{750}'..='\u{77f}'
            | '\u{8a0}'..='\u{8c9}'
            | '\u{fb50}'..='\u{fdfb}'
            | '\u{fe70}'..='\u{fefc}'
        ) || is_arabic_mark(c))
}

/// Han ideographs, Hiragana and Katakana: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// Every script written without spaces between words: [`is_cjk`], Thai, Lao, Khmer,
/// Myanmar and Hangul syllables are not (Korean uses spaces) .
pub fn is_unspaced(c: char) -> bool {
    is_cjk(c)
        || matches!(c,
            '\u{0e00}'..='\u{0e7f}' | '\u{0e80}'..='\u{0eff}' | '\u{1000}'..='\u{109f}'
            | '\u{1780}'..='\u{17ff}')
}

/// Calls `f` with each word of `text`, folded ([`Fold::Loose`]), and its position
/// (0, 1, 2, ...). Runs of a script written without spaces ([`is_unspaced`]) give
/// their overlapping character pairs (a lone character itself), each a position.
/// Nothing is left out: stop words are the caller's business.
pub fn for_each_word(text: &str, f: &mut impl FnMut(&str, u32)) {
    let mut word = String::with_capacity(32);
    let mut pos = 0u32;
    // The previous char of an unspaced run, and the run's length so far.
    let mut run: Option<char> = None;
    let mut run_len = 0usize;
    for c in text.chars().chain(std::iter::once(' ')) {
        // ASCII, most of any English story, takes the short way: the same steps as
        // below with the Unicode classes answered by the byte.
        if c.is_ascii() {
            if let (Some(last), 1) = (run, run_len) {
                word.push(last);
                flush(&mut word, &mut pos, f);
            }
            (run, run_len) = (None, 0);
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else {
                flush(&mut word, &mut pos, f);
            }
            continue;
        }
        if is_unspaced(c) && !is_mark(c) {
            flush(&mut word, &mut pos, f);
            if let Some(prev) = run {
                word.push(prev);
                word.push(c);
                flush(&mut word, &mut pos, f);
            }
            run = Some(c);
            run_len += 1;
            continue;
        }
        if is_unspaced(c) {
            continue; // a vowel sign inside a Thai run: not a char of the pairs
        }
        if let (Some(last), 1) = (run, run_len) {
            word.push(last);
            flush(&mut word, &mut pos, f);
        }
        (run, run_len) = (None, 0);
        if is_word_char(c) {
            push_folded(c, Fold::Loose, &mut word);
        } else {
            flush(&mut word, &mut pos, f);
        }
    }
}

/// Calls `f` with each run of text between `html`'s tags, entities decoded.
///
/// Every tag ends a run (inline tags such as `<em>` split no word in practice: words
/// never span them in our Markdown output). Text is passed where it lies; only text
/// with an entity (`&amp;`) is copied, to decode it.
pub fn for_each_html_text(html: &str, f: &mut impl FnMut(&str)) {
    let mut decoded = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        if text.contains('&') {
            decoded.clear();
            push_decoded(text, &mut decoded);
            f(&decoded);
        } else {
            f(text);
        }
        rest = &rest[lt..];
        match rest.find('>') {
            Some(gt) => rest = &rest[gt + 1..],
            None => break,
        }
    }
}

/// Appends `s` with the entities pulldown-cmark writes (`&amp;` and friends) decoded.
fn push_decoded(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let entity = rest
            .find(';')
            .filter(|&j| j <= 10)
            .map(|j| (&rest[..=j], j + 1));
        let (decoded, len) = match entity {
            Some(("&amp;", n)) => ("&", n),
            Some(("&lt;", n)) => ("<", n),
            Some(("&gt;", n)) => (">", n),
            Some(("&quot;", n)) => ("\"", n),
            Some(("&#39;" | "&#x27;" | "&apos;", n)) => ("'", n),
            Some(("&nbsp;", n)) => (" ", n),
            _ => ("&", 1),
        };
        out.push_str(decoded);
        rest = &rest[len..];
    }
    out.push_str(rest);
}

/// Passes a non-empty `word` at `pos` to `f`, moves on a position and clears it.
fn flush(word: &mut String, pos: &mut u32, f: &mut impl FnMut(&str, u32)) {
    if !word.is_empty() {
        f(word, *pos);
        *pos += 1;
        word.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut |w, _| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("Flood, KARACHI!", &["flood", "karachi"]),
            ("ERDOĞAN in São Paulo", &["erdogan", "in", "sao", "paulo"]),
            ("۲۰۱۷ and ٢٠١٧", &["2017", "and", "2017"]),
            ("东京奥运会", &["东京", "京奥", "奥运", "运会"]),
            ("在 東京", &["在", "東京"]),
            ("กรุงเทพ", &["กร", "รง", "งเ", "เท", "ทพ"]),
            ("نیوز\u{200c}روم", &["نیوزروم"]),
        ];
        for (input, expected) in cases {
            assert_eq!(words(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn positions_count_every_word() {
        let mut got = Vec::new();
        for_each_word("a flood, 東京", &mut |w, p| got.push((w.to_string(), p)));
        let want = [("a", 0), ("flood", 1), ("東京", 2)];
        assert_eq!(got, want.map(|(w, p)| (w.to_string(), p)));
    }

    #[test]
    fn urdu_and_arabic_spellings_fold_loosely() {
        // Yeh, kaf, heh (three forms), teh marbuta, alef with hamza or madda, vowel
        // marks and tatweel: each pair is one word.
        for (a, b) in [
            ("کراچی", "كراچي"),
            ("کوئٹہ", "کوئٹه"),
            ("سندھ", "سندہ"),
            ("جماعۃ", "جماعة"),
            ("أحمد", "احمد"),
            ("آباد", "اباد"),
            ("اسلام", "اسـلَام"),
        ] {
            assert_eq!(words(a), words(b), "{a} = {b}");
            assert_eq!(words(a).len(), 1, "{a}");
        }
    }
}
