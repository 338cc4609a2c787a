//! Arabic-script words in datelines: which letters only Arabic writes, and the folded
//! word at the cursor. Letter classes and folding are [`crate::text`]'s.

use crate::text::{fold_loose, is_arabic_letter, is_format_char};

/// Letters only Arabic (not Urdu) writes.
pub(super) fn is_arabic_only(ch: char) -> bool {
    matches!(ch, 'ي' | 'ك' | 'ة' | 'ى' | 'ه')
}

/// The Arabic-script word at the start of `rest`, folded ([`fold_loose`]) into
/// `buf`, with the bytes it takes in `rest`. `None` when no letter starts `rest` or
/// the word is longer than any word worth looking up.
pub(super) fn fold_word<'b>(rest: &str, buf: &'b mut [u8; 64]) -> Option<(&'b str, usize)> {
    let mut len = 0;
    let mut used = 0;
    for ch in rest.chars() {
        if !(is_arabic_letter(ch) || is_format_char(ch)) {
            break;
        }
        used += ch.len_utf8();
        if let Some(folded) = fold_loose(ch) {
            let n = folded.len_utf8();
            folded.encode_utf8(buf.get_mut(len..len + n)?);
            len += n;
        }
    }
    let word = std::str::from_utf8(&buf[..len]).ok()?;
    (len > 0).then_some((word, used))
}
