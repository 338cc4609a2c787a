//! URL segments from titles, slugs and taxonomy names.
//! Input: any text. Output: a non-empty, lower-case ASCII segment safe in a path.

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
