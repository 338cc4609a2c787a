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
    /// A local time the clocks skipped when they went forward (daylight saving):
    /// it never showed on a clock in the zone. The offsets before and after.
    Skipped {
        local: NaiveDateTime,
        before: FixedOffset,
        after: FixedOffset,
    },
}

/// A local time shown twice because the clocks went back: the earlier instant is
/// taken; `later` is the one not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeated {
    pub chosen: DateTime<FixedOffset>,
    pub later: DateTime<FixedOffset>,
}

pub const DATE_HELP: &str =
    "write 2017-09-22, 2017-09-22 14:30 or an RFC 3339 time such as 2017-09-22T14:30:00+05:00";

/// Parses a front matter date. Times without an offset are read in `tz`.
pub fn parse_date(text: &str, tz: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    read_date(text, tz).map(|(t, _)| t)
}

/// [`parse_date`], also saying when a local time was ambiguous (the repeated hour
/// when clocks go back) and which instant was taken.
pub fn read_date(
    text: &str,
    tz: Tz,
) -> Result<(DateTime<FixedOffset>, Option<Repeated>), DateError> {
    // Runs of spaces, tabs and non-breaking spaces count as one space.
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = collapsed.as_str();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok((dt, None));
    }
    // RFC 3339 with a space instead of `T`, or lower-case `t`/`z`.
    let normalized = text.replacen(' ', "T", 1).replace(['t', 'z'], "");
    if normalized.len() > 19
        && let Ok(dt) = DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1))
    {
        return Ok((dt, None));
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

fn localize(
    naive: NaiveDateTime,
    tz: Tz,
) -> Result<(DateTime<FixedOffset>, Option<Repeated>), DateError> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok((t.fixed_offset(), None)),
        // Clocks went back: take the earlier reading, as people do, and say so.
        LocalResult::Ambiguous(a, b) => Ok((
            a.fixed_offset(),
            Some(Repeated {
                chosen: a.fixed_offset(),
                later: b.fixed_offset(),
            }),
        )),
        // Clocks went forward past this time: it never happened on a wall clock.
        // Moving it silently would publish a time nobody wrote.
        LocalResult::None => {
            let offset_at = |n: NaiveDateTime| {
                tz.from_local_datetime(&n)
                    .earliest()
                    .map(|t| *t.fixed_offset().offset())
            };
            match (
                offset_at(naive - chrono::Duration::hours(3)),
                offset_at(naive + chrono::Duration::hours(3)),
            ) {
                (Some(before), Some(after)) => Err(DateError::Skipped {
                    local: naive,
                    before,
                    after,
                }),
                _ => Err(DateError::Impossible),
            }
        }
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
    fn a_time_the_clocks_skipped_is_an_error() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let minus = |h| FixedOffset::west_opt(h * 3600).unwrap();
        assert_eq!(
            parse_date("2024-03-10 02:30", ny),
            Err(DateError::Skipped {
                local: NaiveDateTime::parse_from_str("2024-03-10 02:30", "%Y-%m-%d %H:%M").unwrap(),
                before: minus(5),
                after: minus(4)
            })
        );
        // Either side of the gap, and with an offset, the time is read as written.
        for (input, want) in [
            ("2024-03-10 01:59", "2024-03-10T01:59:00-05:00"),
            ("2024-03-10 03:00", "2024-03-10T03:00:00-04:00"),
            ("2024-03-10T02:30:00-05:00", "2024-03-10T02:30:00-05:00"),
        ] {
            assert_eq!(parse_date(input, ny).unwrap().to_rfc3339(), want);
        }
    }

    #[test]
    fn a_time_in_the_repeated_hour_is_the_first_and_says_so() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let (t, repeated) = read_date("2024-11-03 01:30", ny).unwrap();
        assert_eq!(t.to_rfc3339(), "2024-11-03T01:30:00-04:00");
        let r = repeated.expect("01:30 came twice");
        assert_eq!(r.chosen, t);
        assert_eq!(r.later.to_rfc3339(), "2024-11-03T01:30:00-05:00");
        assert_eq!(read_date("2024-11-03 02:30", ny).unwrap().1, None);
    }
}
