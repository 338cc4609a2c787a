//! The wire dateline parser on any text: no panic, offsets on char boundaries,
//! parts in range, and a parsed dateline's credit line reads back the same.
#![no_main]

use broadsheet::parse::dateline::{format_credit, parse_dateline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|lead: &str| {
    let Some(d) = parse_dateline(lead) else {
        return;
    };
    assert!(d.text_start <= lead.len() && lead.is_char_boundary(d.text_start));
    assert!(!d.place.is_empty() && !d.agencies.is_empty());
    assert!(d.month.is_none_or(|m| (1..=12).contains(&m)));
    assert!(d.day.is_none_or(|day| (1..=31).contains(&day)));
    // What we print must read back as the same dateline.
    let credit = format_credit(Some(&d.place), d.month.zip(d.day), &d.agencies);
    let again = parse_dateline(&format!("{credit} – text"))
        .unwrap_or_else(|| panic!("{credit:?} from {lead:?} does not read back"));
    assert_eq!(again.place, d.place, "{credit:?}");
    assert_eq!(again.agencies, d.agencies, "{credit:?}");
});
