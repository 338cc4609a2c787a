//! Dates in front matter: RFC 3339, or `YYYY-MM-DD` / `YYYY-MM-DD HH:MM[:SS]` read in
//! the site time zone. Input: text and the zone. Output: a fixed-offset time.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Looks like a date but names a day or time that does not exist.
    Impossible,
    /// Not a shape we know.
    UnknownFormat,
}

pub const DATE_HELP: &str =
    "write 2017-09-22, 2017-09-22 14:30 or an RFC 3339 time such as 2017-09-22T14:30:00+05:00";

/// Parses a front matter date. Times without an offset are read in `tz`.
pub fn parse_date(text: &str, tz: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    // Runs of spaces, tabs and non-breaking spaces count as one space.
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = collapsed.as_str();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(dt);
    }
    // RFC 3339 with a space instead of `T`, or lower-case `t`/`z`.
    let normalized = text.replacen(' ', "T", 1).replace(['t', 'z'], "");
    if normalized.len() > 19
        && let Ok(dt) = DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1))
    {
        return Ok(dt);
    }
    const LOCAL: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ];
    for fmt in LOCAL {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, fmt) {
            return localize(naive, tz);
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let naive = day.and_hms_opt(0, 0, 0).expect("midnight exists");
        return localize(naive, tz);
    }
    if looks_like_date(text) {
        Err(DateError::Impossible)
    } else {
        Err(DateError::UnknownFormat)
    }
}

fn localize(naive: NaiveDateTime, tz: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.fixed_offset()),
        // Clocks went back: take the earlier reading, as people do.
        LocalResult::Ambiguous(a, _) => Ok(a.fixed_offset()),
        // Clocks went forward past this time: it never happened on a wall clock.
        LocalResult::None => tz
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.fixed_offset())
            .ok_or(DateError::Impossible),
    }
}

/// `2017-13-45`-like: digits in the right places, so the problem is the values.
fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> Tz {
        "Asia/Karachi".parse().unwrap()
    }

    #[test]
    fn accepted_shapes() {
        let cases = [
            ("2017-09-22T14:30:00-04:00", "2017-09-22T14:30:00-04:00"),
            ("2017-09-22T14:30:00Z", "2017-09-22T14:30:00+00:00"),
            ("2017-09-22 14:30:00+02:00", "2017-09-22T14:30:00+02:00"),
            ("2017-09-22", "2017-09-22T00:00:00+05:00"),
            ("2017-09-22 14:30", "2017-09-22T14:30:00+05:00"),
            ("2017-09-22 14:30:15", "2017-09-22T14:30:15+05:00"),
            ("2017-09-22T14:30", "2017-09-22T14:30:00+05:00"),
            (
                "2017-09-22\u{a0}\u{a0}14:30\u{a0}",
                "2017-09-22T14:30:00+05:00",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_date(input, tz()).unwrap().to_rfc3339(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn rejected_shapes() {
        assert_eq!(parse_date("2017-13-01", tz()), Err(DateError::Impossible));
        assert_eq!(parse_date("2017-02-30", tz()), Err(DateError::Impossible));
        assert_eq!(
            parse_date("22/09/2017", tz()),
            Err(DateError::UnknownFormat)
        );
        assert_eq!(parse_date("yesterday", tz()), Err(DateError::UnknownFormat));
    }

    #[test]
    fn dst_gap_moves_forward() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let t = parse_date("2021-03-14 02:30", ny).unwrap();
        assert_eq!(t.to_rfc3339(), "2021-03-14T03:30:00-04:00");
    }
}
