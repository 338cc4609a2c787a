//! Letter folding: the spellings of one word made one string. Arabic-script letter
//! forms (Arabic and Urdu yeh, kaf, heh; teh marbuta; alef with hamza), vowel marks,
//! tatweel and joiners; Western, Arabic-Indic and Eastern digits; Latin case and
//! diacritics.

/// How far [`push_folded`] folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Related news: spelling variants of one word, but alef madda and teh marbuta
    /// kept apart from bare alef and heh (آباد is not اباد to a similarity).
    Words,
    /// Search and datelines: [`Fold::Words`], then alef madda to alef, both teh
    /// marbutas to heh goal, Pashto yeh to yeh and waw with hamza to waw, since a
    /// reader types `اباد` for `آباد` and a credit may be written either way.
    Loose,
}

/// Lowercases `c` and folds it ([`Fold`]), appending the result to `out`: nothing for a
/// mark, tatweel or zero-width joiner.
pub fn push_folded(c: char, fold: Fold, out: &mut String) {
    if let Some(d) = digit_value(c) {
        out.push(char::from(b'0' + d));
        return;
    }
    match c {
        // Arabic vowel marks, superscript alef, Quranic marks, tatweel, joiners: dropped, so
        // voweled and unvoweled spellings match.
        '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}' => {}
        '\u{200c}' | '\u{200d}' => {}
        // Latin combining accents (decomposed text): dropped, as the precomposed ones below.
        '\u{0300}'..='\u{036f}' => {}
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        '\u{0600}'..='\u{06ff}' => out.push(fold_arabic(c, fold)),
        // Latin letters with diacritics to their base letters: Erdoğan = Erdogan.
        '\u{00c0}'..='\u{024f}' | '\u{1e00}'..='\u{1eff}' => match deunicode::deunicode_char(c) {
            Some(base) if !base.is_empty() && base.bytes().all(|b| b.is_ascii_alphabetic()) => {
                out.extend(base.chars().map(|b| b.to_ascii_lowercase()))
            }
            _ => out.extend(c.to_lowercase()),
        },
        c => out.extend(c.to_lowercase()),
    }
}

/// An Arabic-script letter in its folded form.
fn fold_arabic(c: char, fold: Fold) -> char {
    let c = match c {
        // Arabic yeh and alef maksura to Farsi/Urdu yeh, Arabic kaf to keheh.
        '\u{064a}' | '\u{0649}' => '\u{06cc}',
        '\u{0643}' => '\u{06a9}',
        // Arabic heh and do-chashmi heh to Urdu heh goal; teh marbuta to its Urdu form;
        // alef with hamza or wasla to bare alef.
        '\u{0647}' | '\u{06be}' => '\u{06c1}',
        '\u{0629}' => '\u{06c3}',
        '\u{0623}' | '\u{0625}' | '\u{0671}' => '\u{0627}',
        c => c,
    };
    if fold == Fold::Words {
        return c;
    }
    match c {
        'آ' => 'ا',
        'ۃ' => 'ہ',
        'ې' => 'ی',
        'ؤ' => 'و',
        c => c,
    }
}

/// The value of a Western, Arabic-Indic (`٠`–`٩`) or Eastern (`۰`–`۹`) digit.
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{0660}'..='\u{0669}' => Some((c as u32 - 0x0660) as u8),
        '\u{06f0}'..='\u{06f9}' => Some((c as u32 - 0x06f0) as u8),
        _ => None,
    }
}

/// One char as datelines compare credits and month names: `None` for marks
/// ([`super::is_mark`], tatweel) and joiners or direction marks; Arabic letters as
/// [`Fold::Loose`] folds them; ASCII letters in lower case; anything else as it is
/// (digits are read as numbers there, not compared as letters).
pub fn fold_loose(c: char) -> Option<char> {
    if super::is_arabic_mark(c) || super::is_mark(c) || super::is_format_char(c) {
        return None;
    }
    Some(match c {
        '\u{0600}'..='\u{06ff}' => fold_arabic(c, Fold::Loose),
        c => c.to_ascii_lowercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str, how: Fold) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| push_folded(c, how, &mut out));
        out
    }

    #[test]
    fn words_keep_madda_and_teh_marbuta() {
        assert_eq!(fold("آباد", Fold::Words), "آباد");
        assert_eq!(fold("آباد", Fold::Loose), "اباد");
        assert_eq!(fold("جماعة", Fold::Words), "جماعۃ");
        assert_eq!(fold("جماعة", Fold::Loose), "جماعہ");
    }

    #[test]
    fn digits_in_any_script() {
        for how in [Fold::Words, Fold::Loose] {
            assert_eq!(fold("۲۰۱۷", how), "2017");
            assert_eq!(fold("٢٠١٧", how), "2017");
        }
        assert_eq!(digit_value('x'), None);
    }

    #[test]
    fn loose_chars() {
        let f = |s: &str| s.chars().filter_map(fold_loose).collect::<String>();
        assert_eq!(f("آئی"), f("ائی"));
        assert_eq!(f("يونيه"), f("یونیہ"));
        assert_eq!(f("AFP\u{200f}"), "afp");
    }
}
