//! Arabic-script text in datelines: which chars are letters, and the folding that
//! lets `مئی`/`مئ`, `ي`/`ی`, `ك`/`ک` and `أ`/`ا` compare equal.

/// A letter (or a mark on one) of the Arabic script, as Urdu and Arabic use it.
pub(super) fn is_arabic_letter(ch: char) -> bool {
    is_arabic_block(ch) && (ch.is_alphabetic() || is_mark(ch))
}

fn is_arabic_block(ch: char) -> bool {
    matches!(ch, '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' | '\u{8a0}'..='\u{8ff}' | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
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
