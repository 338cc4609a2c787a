//! Arabic-script text in datelines: which chars are letters, and the folding that
//! lets `مئی`/`مئ`, `ي`/`ی`, `ك`/`ک` and `أ`/`ا` compare equal.

/// A letter (or a mark on one) of the Arabic script, as Urdu and Arabic use it: by
/// code point ranges, which is much cheaper than the Unicode tables behind
/// `char::is_alphabetic`. Digits (`٠`–`٩`, `۰`–`۹`) and punctuation (`،`, `۔`, `؟`)
/// are not letters.
pub(super) fn is_arabic_letter(ch: char) -> bool {
    matches!(ch,
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
    ) || is_mark(ch)
}

/// Vowel marks, the superscript alef, Quranic marks and tatweel: not letters of
/// their own, skipped when comparing.
fn is_mark(ch: char) -> bool {
    matches!(ch, '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{640}')
}

/// Joiners and direction marks that may sit inside an Arabic-script word.
pub(super) fn is_joiner(ch: char) -> bool {
    matches!(ch, '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}')
}

/// A char as compared: `None` for marks and joiners; Arabic letters that Urdu
/// writes differently (`ي`, `ى` → `ی`; `ك` → `ک`; `ه`, `ة`, `ۃ` → `ہ`; `أ`, `إ`, `آ`,
/// `ٱ` → `ا`; `ؤ` → `و`) and ASCII letters in lower case.
pub(super) fn fold_arabic(ch: char) -> Option<char> {
    if is_mark(ch) || is_joiner(ch) {
        return None;
    }
    Some(match ch {
        'ي' | 'ى' | 'ې' => 'ی',
        'ك' => 'ک',
        'ه' | 'ة' | 'ۃ' => 'ہ',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        _ => ch.to_ascii_lowercase(),
    })
}

/// Letters only Arabic (not Urdu) writes.
pub(super) fn is_arabic_only(ch: char) -> bool {
    matches!(ch, 'ي' | 'ك' | 'ة' | 'ى' | 'ه')
}

/// The Arabic-script word at the start of `rest`, folded ([`fold_arabic`]) into
/// `buf`, with the bytes it takes in `rest`. `None` when no letter starts `rest` or
/// the word is longer than any word worth looking up.
pub(super) fn fold_word<'b>(rest: &str, buf: &'b mut [u8; 64]) -> Option<(&'b str, usize)> {
    let mut len = 0;
    let mut used = 0;
    for ch in rest.chars() {
        if !(is_arabic_letter(ch) || is_joiner(ch)) {
            break;
        }
        used += ch.len_utf8();
        if let Some(folded) = fold_arabic(ch) {
            let n = folded.len_utf8();
            folded.encode_utf8(buf.get_mut(len..len + n)?);
            len += n;
        }
    }
    let word = std::str::from_utf8(&buf[..len]).ok()?;
    (len > 0).then_some((word, used))
}
