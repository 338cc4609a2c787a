//! URL segments from titles, slugs and taxonomy names.
//! Input: any text. Output: a non-empty, lower-case ASCII segment safe in a path.

/// A safe URL segment: transliterated to ASCII (via the `slug` crate), lower case,
/// words joined by `-`; never empty, never `.` or `..`, never containing `/`.
/// `fallback` is used when nothing is left (a title in punctuation only).
pub fn slugify(text: &str, fallback: &str) -> String {
    // Apostrophes join words (`Paulo’s` → `paulos`) rather than split them.
    let joined: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ'))
        .collect();
    let s = slug::slugify(joined);
    let s: String = s.chars().take(80).collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        let f = slug::slugify(fallback);
        if f.is_empty() {
            "untitled".to_string()
        } else {
            f
        }
    } else {
        s
    }
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
    }
}
