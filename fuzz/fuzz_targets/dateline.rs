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
    assert!(!d.place.is_empty() || !d.agencies.is_empty());
    assert!(d.month.is_none_or(|m| (1..=12).contains(&m)));
    assert!(d.day.is_none_or(|day| (1..=31).contains(&day)));
    if d.agencies.is_empty() {
        return; // staff copy: its credit line is the place and date alone
    }
    // What we print must read back as the same dateline.
    let agencies: Vec<String> = d.agencies.as_slice().iter().map(|a| a.to_string()).collect();
    let credit = format_credit(Some(d.place), d.date, &agencies, d.lang.unwrap_or("en"));
    let text = format!("{credit} – text");
    let again =
        parse_dateline(&text).unwrap_or_else(|| panic!("{credit:?} from {lead:?} does not read back"));
    assert_eq!(again.place, d.place, "{credit:?}");
    assert_eq!(again.agencies, d.agencies, "{credit:?}");
});
