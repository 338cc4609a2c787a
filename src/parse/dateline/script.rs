//! Arabic-script words in datelines: which letters only Arabic writes, and the
//! Arabic block's letters as a table. Letter classes and folding are [`crate::text`]'s.

use std::sync::LazyLock;

use crate::text::{fold_loose, is_arabic_letter};

/// Letters only Arabic (not Urdu) writes.
pub(super) fn is_arabic_only(ch: char) -> bool {
    matches!(ch, 'ي' | 'ك' | 'ة' | 'ى' | 'ه')
}

/// [`fold_loose`] for the Arabic block (U+0600–U+06FF), where Urdu and Arabic words
/// are written, as a table indexed by `code point - 0x600`: 0 for a char that is no
/// letter ([`is_arabic_letter`]), 1 for a mark, else the folded letter. Reading a
/// word's chars from it costs a lookup each instead of the range tests.
static ARABIC_BLOCK: LazyLock<[u16; 256]> = LazyLock::new(|| {
    let mut table = [0; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let ch = char::from_u32(0x600 + i as u32).expect("the Arabic block is all chars");
        if is_arabic_letter(ch) {
            *slot = match fold_loose(ch) {
                Some(folded) => u16::try_from(u32::from(folded)).unwrap_or(0),
                None => 1,
            };
        }
    }
    table
});

/// The Arabic block's table ([`ARABIC_BLOCK`]), taken once per word or credit.
pub(super) fn arabic_table() -> &'static [u16; 256] {
    &ARABIC_BLOCK
}

/// The Arabic-block char at the start of `bytes` (two UTF-8 bytes, lead byte
/// 0xd8 to 0xdb) as its `table` entry ([`arabic_table`]); `None` for any other char.
pub(super) fn arabic_block(table: &[u16; 256], bytes: &[u8]) -> Option<u16> {
    match bytes {
        [b0 @ 0xd8..=0xdb, b1, ..] => {
            let index = (usize::from(b0 & 0x1f) << 6 | usize::from(b1 & 0x3f)) - 0x600;
            Some(table[index])
        }
        _ => None,
    }
}
