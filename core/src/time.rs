//! Time as the spec has it: RFC 3339 instants from the caller, calendar dates in
//! Europe/Stockholm. The core never reads a clock; the zone rules are compiled in.

use jiff::civil::Date;
use jiff::tz::TimeZone;

pub use jiff::Timestamp;
pub use jiff::civil::Date as CivilDate;

/// Europe/Stockholm, from the tz database embedded at compile time (no file is read).
fn stockholm() -> TimeZone {
    jiff::tz::get!("Europe/Stockholm")
}

/// The Stockholm calendar date of an instant (spec: "Dates ... are calendar dates in
/// Europe/Stockholm, whatever offset the timestamps carry").
pub fn stockholm_date(at: Timestamp) -> Date {
    at.to_zoned(stockholm()).date()
}

/// The Stockholm hour of an instant (for a region's noon cut-off).
pub fn stockholm_hour(at: Timestamp) -> i8 {
    at.to_zoned(stockholm()).hour()
}

/// The first instant of a Stockholm calendar date. Falls back to UTC midnight only if the
/// date is outside jiff's range, which no date reachable from a valid timestamp is.
pub fn start_of_stockholm_day(date: Date) -> Timestamp {
    date.to_zoned(stockholm())
        .map(|z| z.timestamp())
        .or_else(|_| date.to_zoned(TimeZone::UTC).map(|z| z.timestamp()))
        .unwrap_or(Timestamp::MAX)
}

/// Parses a timestamp exactly as RFC 3339 section 5.6 writes it (spec: The case):
/// `YYYY-MM-DDTHH:MM:SS`, an optional `.` fraction of 1 to 9 digits, then `Z` or `±HH:MM`
/// (hours 00–23, minutes 00–59; `T` and `Z` may be lower case). Anything else — no seconds,
/// `+0100`, `+24:00`, the basic format, a `,` fraction, a bracketed zone, a leap second — is
/// `None`, never guessed at.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let (date, rest) = (b.get(..10)?, b.get(10..)?);
    let date = parse_date_bytes(date)?;
    let (&t, rest) = rest.split_first()?;
    if t != b'T' && t != b't' {
        return None;
    }
    let (hms, mut rest) = (rest.get(..8)?, rest.get(8..)?);
    let hour = two(hms, 0, 23)?;
    let minute = two(hms, 3, 59)?;
    let second = two(hms, 6, 59)?;
    if hms.get(2) != Some(&b':') || hms.get(5) != Some(&b':') {
        return None;
    }
    let mut nanos: i32 = 0;
    if rest.first() == Some(&b'.') {
        let digits = rest.get(1..)?.iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        for (i, c) in rest.get(1..=digits)?.iter().enumerate() {
            nanos += i32::from(c - b'0') * 10i32.pow(8 - i as u32);
        }
        rest = rest.get(1 + digits..)?;
    }
    let offset_seconds = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = two(&[*h1, *h2], 0, 23)?;
            let minutes = two(&[*m1, *m2], 0, 59)?;
            let seconds = i32::from(hours) * 3600 + i32::from(minutes) * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let time = jiff::civil::Time::new(hour, minute, second, nanos).ok()?;
    let offset = jiff::tz::Offset::from_seconds(offset_seconds).ok()?;
    offset.to_timestamp(date.to_datetime(time)).ok()
}

/// Parses a calendar date `YYYY-MM-DD` exactly (a date that exists).
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 {
        return None;
    }
    parse_date_bytes(b)
}

fn parse_date_bytes(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i16> {
        let part = b.get(range)?;
        part.iter().try_fold(0i16, |n, c| c.is_ascii_digit().then(|| n * 10 + i16::from(c - b'0')))
    };
    let year = digits(0..4)?;
    let month = i8::try_from(digits(5..7)?).ok()?;
    let day = i8::try_from(digits(8..10)?).ok()?;
    Date::new(year, month, day).ok()
}

/// Two ASCII digits at `at` of `b`, at most `max`.
fn two(b: &[u8], at: usize, max: i8) -> Option<i8> {
    let (d1, d2) = (*b.get(at)?, *b.get(at + 1)?);
    if !d1.is_ascii_digit() || !d2.is_ascii_digit() {
        return None;
    }
    let n = (d1 - b'0') * 10 + (d2 - b'0');
    let n = i8::try_from(n).ok()?;
    (n <= max).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_exactly() {
        for ok in [
            "2026-03-02T23:59:59Z",
            "2026-03-02t23:59:59z",
            "2026-03-02T23:59:59+01:00",
            "2026-03-02T23:59:59-23:59",
            "2026-03-02T23:59:59.5Z",
            "2026-03-02T23:59:59.123456789Z",
            "9999-12-30T21:59:59Z",
            "0001-01-01T00:00:00Z",
        ] {
            assert!(parse_timestamp(ok).is_some(), "{ok}");
        }
        for bad in [
            "2026-03-02T23:59Z",
            "2026-03-02T23:59:59+0100",
            "2026-03-02T23:59:59+24:00",
            "2026-03-02T23:59:59+25:59",
            "2026-03-02T23:59:59+01:60",
            "20260302T235959Z",
            "2026-03-02T23:59:59,5Z",
            "+002026-03-02T23:59:59Z",
            "2026-03-02T23:59:59Z[America/New_York]",
            "2026-03-02T23:59:60Z",
            "2026-03-02T24:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-03-02T23:59:59.Z",
            "2026-03-02T23:59:59.1234567890Z",
            "2026-03-02 23:59:59Z",
            "2026-03-02T23:59:59",
            "2026-03-02T23:59:59ZZ",
            "2026-3-02T23:59:59Z",
            "",
        ] {
            assert!(parse_timestamp(bad).is_none(), "{bad}");
        }
        let a = parse_timestamp("2026-03-02T10:00:00+01:00");
        let b = parse_timestamp("2026-03-02T09:00:00Z");
        assert_eq!(a, b);
        let frac = parse_timestamp("2026-03-02T09:00:00.000000001Z").map(|t| t.subsec_nanosecond());
        assert_eq!(frac, Some(1));
    }

    #[test]
    fn dates_exactly() {
        assert!(parse_date("2026-03-02").is_some());
        for bad in ["2026-3-02", "2026-02-30", "20260302", "2026-03-02T00:00:00Z", " 2026-03-02"] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
