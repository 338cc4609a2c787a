//! Arabic-script text in datelines: which chars are letters, and the folding that
//! lets `مئی`/`مئ`, `ي`/`ی`, `ك`/`ک` and `أ`/`ا` compare equal.

/// A letter (or a mark on one) of the Arabic script, as Urdu and Arabic use it: by
/// code point ranges, which is much cheaper than the Unicode tables behind
/// `char::is_alphabetic`. Digits (`٠`–`٩`, `۰`–`۹`) and punctuation (`،`, `۔`, `؟`)
/// are not letters.
pub(super) const fn is_arabic_letter(ch: char) -> bool {
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
const fn is_mark(ch: char) -> bool {
    matches!(ch, '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{640}')
}

/// Joiners and direction marks that may sit inside an Arabic-script word.
pub(super) const fn is_joiner(ch: char) -> bool {
    matches!(ch, '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}')
}

/// A char as compared: `None` for marks and joiners; Arabic letters that Urdu
/// writes differently (`ي`, `ى` → `ی`; `ك` → `ک`; `ه`, `ة`, `ۃ` → `ہ`; `أ`, `إ`, `آ`,
/// `ٱ` → `ا`; `ؤ` → `و`) and ASCII letters in lower case.
pub(super) const fn fold_arabic(ch: char) -> Option<char> {
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

/// [`fold_arabic`] for the Arabic block (U+0600–U+06FF), where Urdu and Arabic
/// words are written, as a table indexed by `code point - 0x600`: 0 for a char
/// that is no letter ([`is_arabic_letter`]), 1 for a mark, else the folded letter.
pub(super) static ARABIC_BLOCK: [u16; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(ch) = char::from_u32(0x600 + i as u32)
            && is_arabic_letter(ch)
        {
            table[i] = match fold_arabic(ch) {
                Some(folded) => folded as u16,
                None => 1,
            };
        }
        i += 1;
    }
    table
};

/// The Arabic-block char at the start of `bytes` (two UTF-8 bytes, lead byte
/// 0xd8 to 0xdb) as its [`ARABIC_BLOCK`] entry; `None` for any other char.
pub(super) fn arabic_block(bytes: &[u8]) -> Option<u16> {
    match bytes {
        [b0 @ 0xd8..=0xdb, b1, ..] => {
            let index = (usize::from(b0 & 0x1f) << 6 | usize::from(b1 & 0x3f)) - 0x600;
            Some(ARABIC_BLOCK[index])
        }
        _ => None,
    }
}
