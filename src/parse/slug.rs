//! URL segments from titles, slugs and taxonomy names.
//! Input: any text. Output: a non-empty segment safe in a path: lower-case ASCII,
//! or for Urdu and Arabic titles under [`SlugScript::Native`] their own letters.

use crate::config::SlugScript;

/// The slug of a story titled (or slugged) `text`: in its own script when `text` is
/// written in the Arabic script and `scheme` is native, else transliterated.
pub fn slug_for(text: &str, fallback: &str, scheme: SlugScript) -> String {
    if scheme == SlugScript::Native && text.chars().any(arabic_letter) {
        let s = native_segment(text);
        if !s.is_empty() {
            return s;
        }
    }
    slugify(text, fallback)
}

/// A letter of the Arabic script (Urdu, Arabic, Persian, ...).
fn arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
}

/// Marks that change no letter and are left out of slugs: harakat, the superscript
/// alef, tatweel, joiners.
fn ignored_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' | '\u{200C}' | '\u{200D}')
}

/// A segment keeping Arabic-script letters as they are (`بجٹ-منظور`), Latin words
/// lower-cased and transliterated to ASCII, digits Western (`۲۰۲۴` → `2024`); every
/// other character separates words. Empty when nothing is left.
fn native_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, pending: &mut bool| {
        if word.is_empty() {
            return;
        }
        if *pending && !out.is_empty() {
            out.push('-');
        }
        *pending = false;
        out.push_str(word);
        word.clear();
    };
    for c in text.chars() {
        if ignored_mark(c) || matches!(c, '\'' | '’' | 'ʼ') {
            continue;
        }
        let digit = match c {
            '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
            _ => None,
        };
        if let Some(d) = digit {
            word.push(d);
        } else if arabic_letter(c) || c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            // A Latin letter with marks (é) or another script: as the slug crate spells it.
            word.push_str(&slug::slugify(c.to_string()));
        } else {
            flush(&mut word, &mut out, &mut pending_dash);
            pending_dash = true;
        }
    }
    flush(&mut word, &mut out, &mut pending_dash);
    // At most 80 characters, cut at a word's end where there is one.
    if out.chars().count() > 80 {
        let cut: String = out.chars().take(80).collect();
        out = match cut.rfind('-') {
            Some(i) if i > 0 => cut[..i].to_string(),
            _ => cut,
        };
    }
    out.trim_matches('-').to_string()
}

/// A safe URL segment: transliterated to ASCII (via the `slug` crate), lower case,
/// words joined by `-`; never empty, never `.` or `..`, never containing `/`.
/// `fallback` is used when nothing is left (a title in punctuation only).
pub fn slugify(text: &str, fallback: &str) -> String {
    let s = segment(text);
    if s.is_empty() {
        let f = segment(fallback);
        if f.is_empty() {
            "untitled".to_string()
        } else {
            f
        }
    } else {
        s
    }
}

/// The segment for `text`, empty when it has no letters or digits to keep.
pub fn segment(text: &str) -> String {
    // Apostrophes join words (`Paulo’s` → `paulos`) rather than split them.
    let joined: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ'))
        .collect();
    let s = slug::slugify(joined);
    let s: String = s.chars().take(80).collect();
    s.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            (
                "Pakistan seeks stronger trade ties with Russia",
                "pakistan-seeks-stronger-trade-ties-with-russia",
            ),
            (
                "São Paulo’s mayor: “No comment”",
                "sao-paulos-mayor-no-comment",
            ),
            ("../../etc/passwd", "etc-passwd"),
            ("a/b\\c", "a-b-c"),
            ("C++", "c"),
            ("\u{0007}bell", "bell"),
            ("?!…", "untitled"),
            ("کراچی میں بارش", "khrchy-myn-brsh"),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input, ""), want, "{input}");
        }
    }

    #[test]
    fn native_slugs_keep_urdu_and_arabic_letters() {
        let cases = [
            ("کراچی میں بارش", "کراچی-میں-بارش"),
            ("بجٹ ۲۰۲۴: IMF کا مطالبہ؟", "بجٹ-2024-imf-کا-مطالبہ"),
            ("وفاقی بجٹ، منظور۔", "وفاقی-بجٹ-منظور"),
            // Diacritics and tatweel leave no trace.
            ("مُحَمَّد", "محمد"),
            ("كـــتاب", "كتاب"),
            ("الحكومة تعلن", "الحكومة-تعلن"),
            ("../../ بارش", "بارش"),
            // Latin titles as always.
            ("São Paulo’s mayor", "sao-paulos-mayor"),
            ("؟؟", "untitled"),
        ];
        for (input, want) in cases {
            assert_eq!(slug_for(input, "", SlugScript::Native), want, "{input}");
        }
        assert_eq!(
            slug_for("کراچی میں بارش", "", SlugScript::Transliterate),
            "khrchy-myn-brsh"
        );
    }

    #[test]
    fn fallback_used_when_empty() {
        assert_eq!(slugify("!!!", "My File"), "my-file");
        assert_eq!(segment("!!!"), "");
    }

    fn is_safe_segment(s: &str) -> bool {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && s.len() <= 80
    }

    proptest::proptest! {
        #[test]
        fn native_slugs_are_one_safe_segment(text in "[a-zA-Z ./\\\\:?#%\u{0600}-\u{06FF}\u{200C}-]{0,100}") {
            let s = slug_for(&text, "story", SlugScript::Native);
            proptest::prop_assert!(!s.is_empty() && s != "." && s != "..");
            proptest::prop_assert!(s.chars().count() <= 80, "{:?}", s);
            proptest::prop_assert!(!s.starts_with('-') && !s.ends_with('-'), "{:?}", s);
            proptest::prop_assert!(
                s.chars().all(|c| c == '-' || c.is_ascii_lowercase() || c.is_ascii_digit() || arabic_letter(c)),
                "{:?} -> {:?}", text, s
            );
        }

        #[test]
        fn always_a_safe_segment(text in proptest::prelude::any::<String>(), fallback in ".{0,20}") {
            let s = slugify(&text, &fallback);
            proptest::prop_assert!(is_safe_segment(&s), "{:?} -> {:?}", text, s);
        }

        #[test]
        fn path_like_text_stays_one_segment(
            text in r"(\.\.|/|\\|[\x00-\x1f]|[a-zA-Z]{1,3}|%2[fF]|[ ~:?#]){0,12}"
        ) {
            let s = slugify(&text, "story");
            proptest::prop_assert!(is_safe_segment(&s), "{:?} -> {:?}", text, s);
            let base = std::path::Path::new("/out");
            let joined = base.join(format!("2017/09/22/{s}/index.html"));
            proptest::prop_assert!(joined.starts_with(base));
            proptest::prop_assert_eq!(joined.components().count(), 7);
        }
    }
}
