//! The language of a story that does not say: from its folder (`[languages.folders]`)
//! or from the script of its title and lead (Urdu or Arabic).
//! Input: the source path, title and opening text. Output: a language tag or `None`
//! (the site language applies). Pure: no configuration beyond what is passed.

use std::collections::BTreeMap;

/// Letters Urdu writes and Arabic does not: ٹ ڈ ڑ ں ے ۃ ہ ھ, and the Persian-Urdu
/// forms of kaf, gaf, yeh, peh, tcheh and jeh (ک گ ی پ چ ژ).
fn urdu_letter(c: char) -> bool {
    matches!(
        c,
        'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ۃ' | 'ہ' | 'ھ' | 'ک' | 'گ' | 'ی' | 'پ' | 'چ' | 'ژ' | 'ۓ'
    )
}

/// Letters Arabic writes and Urdu does not: teh marbuta, alef maksura, and the Arabic
/// forms of yeh and kaf (ي ك), which Urdu writes ی and ک.
fn arabic_letter(c: char) -> bool {
    matches!(c, 'ة' | 'ى' | 'ي' | 'ك')
}

/// A letter of the Arabic script (the base block and its supplements).
fn arabic_script(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
}

/// `ur` or `ar` when most letters of `text` are in the Arabic script; Urdu when it
/// has at least as many Urdu-only letters as Arabic-only ones (and some), else Arabic.
/// `None` for text mostly in another script (or with no letters).
pub fn detect(text: &str) -> Option<&'static str> {
    let (mut script, mut other, mut urdu, mut arabic) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        if arabic_script(c) {
            script += 1;
            urdu += usize::from(urdu_letter(c));
            arabic += usize::from(arabic_letter(c));
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    if script == 0 || script <= other {
        return None;
    }
    Some(if urdu > 0 && urdu >= arabic {
        "ur"
    } else {
        "ar"
    })
}

/// The language `[languages.folders]` gives a file under `content/` (the longest
/// matching folder wins): `content/ur/2024/x.md` with `ur = "ur"` is Urdu.
pub fn folder_language<'a>(source: &str, folders: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let within = source.strip_prefix("content/").unwrap_or(source);
    folders
        .iter()
        .filter(|(folder, _)| {
            let folder = folder.trim_matches('/');
            let folder = folder.strip_prefix("content/").unwrap_or(folder);
            within
                .strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|(folder, _)| folder.len())
        .map(|(_, lang)| lang.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_letters() {
        let cases = [
            ("وفاقی بجٹ میں ترقیاتی منصوبوں کے لیے فنڈز", Some("ur")),
            ("کراچی میں بارش", Some("ur")),
            ("الحكومة تعلن عن ميزانية جديدة للتنمية", Some("ar")),
            // Shared letters only: no Urdu-only letter, so Arabic.
            ("سلام", Some("ar")),
            ("Budget talks resume in Islamabad", None),
            // A Latin name inside Urdu text is still Urdu.
            ("ورلڈ بینک کے صدر David Malpass کا دورہ", Some("ur")),
            // Mostly English with an Urdu word.
            ("The word ہے means is in Urdu grammar", None),
            ("", None),
            ("2024 — 14", None),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn folders() {
        let folders: BTreeMap<String, String> = [
            ("ur".to_string(), "ur".to_string()),
            ("content/ar/".to_string(), "ar".to_string()),
            ("ur/sindhi".to_string(), "sd".to_string()),
        ]
        .into();
        let cases = [
            ("content/ur/2024/a.md", Some("ur")),
            ("content/ar/a.md", Some("ar")),
            ("content/ur/sindhi/a.md", Some("sd")),
            ("content/urdu/a.md", None),
            ("content/a.md", None),
        ];
        for (source, want) in cases {
            assert_eq!(folder_language(source, &folders), want, "{source}");
        }
    }
}
