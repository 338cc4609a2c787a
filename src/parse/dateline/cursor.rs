//! A position in a lead that only ever moves by whole chars or matched prefixes,
//! so every slice the dateline parser takes is on a char boundary.

pub(super) struct Cursor<'a> {
    pub s: &'a str,
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(s: &'a str) -> Self {
        Cursor { s, pos: 0 }
    }

    pub(super) fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    pub(super) fn peek(&self) -> Option<char> {
        // ASCII without decoding: most of a Latin lead, and every space and digit.
        match self.s.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => self.rest().chars().next(),
            None => None,
        }
    }

    pub(super) fn bump(&mut self, ch: char) {
        self.pos += ch.len_utf8();
    }

    pub(super) fn eat(&mut self, prefix: &str) -> bool {
        let found = starts_with(self.rest(), prefix);
        if found {
            self.pos += prefix.len();
        }
        found
    }

    /// The next byte, for cheap dispatch before a closer look.
    pub(super) fn peek_byte(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    pub(super) fn skip(&mut self, keep: impl Fn(char) -> bool) {
        while let Some(ch) = self.peek().filter(|&ch| keep(ch)) {
            self.bump(ch);
        }
    }

    /// Skips inline spaces; true when there was at least one.
    #[inline]
    pub(super) fn spaces(&mut self) -> bool {
        // Most calls find none or one ASCII space before a word: decided here,
        // without a call.
        let bytes = self.s.as_bytes();
        match bytes.get(self.pos) {
            Some(b' ') => {
                self.pos += 1;
                if may_start_space(bytes.get(self.pos)) {
                    self.skip_space(false);
                }
                true
            }
            next if may_start_space(next) => {
                let start = self.pos;
                self.skip_space(false);
                self.pos > start
            }
            _ => false,
        }
    }

    /// Skips spaces and line breaks.
    #[inline]
    pub(super) fn whitespace(&mut self) {
        // One ASCII space before the text, the usual case, without a call.
        let bytes = self.s.as_bytes();
        if bytes.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        if may_start_space(bytes.get(self.pos))
            || matches!(bytes.get(self.pos), Some(b'\n' | b'\r'))
        {
            self.skip_space(true);
        }
    }

    /// ASCII spaces byte-wise; a char is decoded only where a byte may start a
    /// Unicode space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
    #[inline(never)]
    fn skip_space(&mut self, breaks: bool) {
        let bytes = self.s.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                b' ' | b'\t' | 0x0b | 0x0c => self.pos += 1,
                b'\n' | b'\r' if breaks => self.pos += 1,
                0xc2 | 0xe1 | 0xe2 | 0xe3 => match self.peek() {
                    Some(ch) if ch.is_whitespace() && (breaks || is_inline_space(ch)) => {
                        self.bump(ch);
                    }
                    _ => break,
                },
                _ => break,
            }
        }
    }

    /// Consumes up to `max + 1` chars matching `keep`; the caller rejects overlong runs.
    pub(super) fn take(&mut self, keep: impl Fn(char) -> bool, max: usize) -> &'a str {
        let start = self.pos;
        let mut n = 0;
        while let Some(ch) = self.peek().filter(|&ch| keep(ch)) {
            self.bump(ch);
            n += 1;
            if n > max {
                break;
            }
        }
        &self.s[start..self.pos]
    }
}

/// How many ASCII letters open `bytes` (up to eight) and how many of those are
/// lower case, read as one word rather than byte by byte, so the end of a run
/// costs no branch.
#[inline]
pub(super) fn ascii_letters(bytes: &[u8]) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let Some(chunk) = bytes.first_chunk::<8>() else {
        let n = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let lower = bytes[..n].iter().filter(|b| b.is_ascii_lowercase()).count();
        return (n, lower);
    };
    let x = u64::from_le_bytes(*chunk);
    // Each byte below 0x80, lowered (`| 0x20`), from `a` to `z`: its top bit set.
    // No sum carries into the next byte (each is at most 0x7f + 0x1f).
    let low = (x | (ONES * 0x20)) & !HIGH;
    let letters =
        (low + ONES * (0x80 - b'a' as u64)) & !(low + ONES * (0x80 - b'{' as u64)) & !x & HIGH;
    let n = (!letters & HIGH).trailing_zeros() as usize / 8;
    let run = if n == 8 {
        HIGH
    } else {
        HIGH & ((1 << (8 * n)) - 1)
    };
    // A lower-case letter has bit 5 set: moved to the top bit to be counted.
    let lower = (letters & (x << 2) & run).count_ones() as usize;
    (n, lower)
}

/// Whether a byte may start an inline space ([`Cursor::skip_space`] decides).
#[inline]
pub(super) fn may_start_space(b: Option<&u8>) -> bool {
    matches!(b, Some(b' ' | b'\t' | 0x0b | 0x0c | 0xc2 | 0xe1..=0xe3))
}

/// Spaces inside the dateline line itself: no line breaks.
pub(super) fn is_inline_space(ch: char) -> bool {
    ch.is_whitespace() && ch != '\n' && ch != '\r'
}

/// `str::starts_with` as a byte loop: the prefixes here are one to three bytes, where
/// a call to `memcmp` costs more than the comparison.
pub(super) fn starts_with(s: &str, prefix: &str) -> bool {
    let (s, p) = (s.as_bytes(), prefix.as_bytes());
    s.len() >= p.len() && s.iter().zip(p).all(|(a, b)| a == b)
}
