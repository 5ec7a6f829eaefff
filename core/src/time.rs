//! Time as the spec has it: RFC 3339 instants from the caller, calendar dates in
//! Europe/Stockholm. The core never reads a clock; the zone rules are compiled in.

use jiff::SignedDuration;
use jiff::civil::Date;
use jiff::tz::TimeZone;

pub use jiff::civil::Date as CivilDate;

/// An instant, to the nanosecond, from `0000-01-01T00:00:00Z` through
/// `9999-12-31T23:59:59.999999999Z`: every time RFC 3339 can write in UTC (spec: The case).
/// Written as RFC 3339 in UTC with `Z` and the fraction's digits only as needed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    second: i64,
    nanosecond: u32,
}

/// A time outside the range a `Timestamp` holds, or text that is not RFC 3339 exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeError;

impl std::fmt::Display for TimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not an RFC 3339 time from year 0000 through 9999")
    }
}

impl std::error::Error for TimeError {}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (`civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

const MIN_SECOND: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
const MAX_SECOND: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

impl Timestamp {
    pub const UNIX_EPOCH: Timestamp = Timestamp { second: 0, nanosecond: 0 };
    pub const MIN: Timestamp = Timestamp { second: MIN_SECOND, nanosecond: 0 };
    pub const MAX: Timestamp = Timestamp { second: MAX_SECOND, nanosecond: 999_999_999 };

    /// The instant `second` seconds and `nanosecond` nanoseconds after the Unix epoch.
    pub fn new(second: i64, nanosecond: i32) -> Result<Timestamp, TimeError> {
        let nanosecond = u32::try_from(nanosecond).ok().filter(|n| *n < 1_000_000_000).ok_or(TimeError)?;
        if (MIN_SECOND..=MAX_SECOND).contains(&second) { Ok(Timestamp { second, nanosecond }) } else { Err(TimeError) }
    }

    pub fn from_second(second: i64) -> Result<Timestamp, TimeError> {
        Timestamp::new(second, 0)
    }

    pub fn as_second(self) -> i64 {
        self.second
    }

    pub fn subsec_nanosecond(self) -> i32 {
        i32::try_from(self.nanosecond).unwrap_or(0)
    }

    fn as_nanos(self) -> i128 {
        i128::from(self.second) * 1_000_000_000 + i128::from(self.nanosecond)
    }

    fn from_nanos(n: i128) -> Result<Timestamp, TimeError> {
        let second = i64::try_from(n.div_euclid(1_000_000_000)).map_err(|_| TimeError)?;
        let nanosecond = i32::try_from(n.rem_euclid(1_000_000_000)).map_err(|_| TimeError)?;
        Timestamp::new(second, nanosecond)
    }

    /// This instant moved by `d`, if the result is still in range.
    pub fn checked_add(self, d: SignedDuration) -> Result<Timestamp, TimeError> {
        Timestamp::from_nanos(self.as_nanos() + d.as_nanos())
    }

    /// How long after `earlier` this instant is (negative when before).
    pub fn duration_since(self, earlier: Timestamp) -> SignedDuration {
        let n = self.as_nanos() - earlier.as_nanos();
        let secs = i64::try_from(n.div_euclid(1_000_000_000)).unwrap_or(i64::MAX);
        let nanos = i32::try_from(n.rem_euclid(1_000_000_000)).unwrap_or(0);
        SignedDuration::new(secs, nanos)
    }

    /// The same instant for jiff's zone arithmetic (jiff's range ends 26 hours before ours:
    /// an instant beyond it is taken as jiff's last, which no Stockholm date rule reaches).
    pub(crate) fn to_jiff(self) -> jiff::Timestamp {
        jiff::Timestamp::new(self.second, self.subsec_nanosecond()).unwrap_or(if self.second < 0 {
            jiff::Timestamp::MIN
        } else {
            jiff::Timestamp::MAX
        })
    }

    pub(crate) fn from_jiff(t: jiff::Timestamp) -> Timestamp {
        Timestamp::new(t.as_second(), t.subsec_nanosecond()).unwrap_or(Timestamp::MAX)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let days = self.second.div_euclid(86_400);
        let secs = self.second.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(f, "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)?;
        if self.nanosecond != 0 {
            let digits = format!("{:09}", self.nanosecond);
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl std::fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_timestamp(s).ok_or(TimeError)
    }
}

impl Timestamp {
    /// The RFC 3339 text `Display` writes, into `buf` without `fmt` (the snapshot writes one
    /// per event and per state field: formatting was a quarter of writing a snapshot).
    fn rfc3339(self, buf: &mut [u8; 30]) -> &str {
        let days = self.second.div_euclid(86_400);
        // From here all is small and unsigned: the second of the day, a year in 0..=9999 (the
        // range a `Timestamp` holds), the nanoseconds below 10⁹.
        let secs = u32::try_from(self.second.rem_euclid(86_400)).unwrap_or(0);
        let (y, m, d) = civil_from_days(days);
        let [y, m, d] = [y, m, d].map(|v| u32::try_from(v).unwrap_or(0));
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
        let mut n = self.nanosecond;
        let mut fraction = [b'0'; 9];
        for slot in fraction.iter_mut().rev() {
            *slot = digit(n);
            n /= 10;
        }
        let [f0, f1, f2, f3, f4, f5, f6, f7, f8] = fraction;
        #[rustfmt::skip]
        let text = [
            digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), b'-', digit(m / 10), digit(m), b'-',
            digit(d / 10), digit(d), b'T', digit(hh / 10), digit(hh), b':', digit(mm / 10), digit(mm), b':',
            digit(ss / 10), digit(ss), b'.', f0, f1, f2, f3, f4, f5, f6, f7, f8, b'Z',
        ];
        *buf = text;
        // The fraction without its trailing zeros, and none at all for a whole second.
        let kept = fraction.iter().rposition(|b| *b != b'0').map_or(0, |i| i + 1);
        let len = if kept == 0 { 19 } else { 20 + kept };
        if let Some(z) = buf.get_mut(len) {
            *z = b'Z';
        }
        std::str::from_utf8(buf.get(..=len).unwrap_or_default()).unwrap_or_default()
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.rfc3339(&mut [0u8; 30]))
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        parse_timestamp(&s).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 time"))
    }
}

/// RFC 3339 as `parse_timestamp` reads it (the engine writes the `Z` form of it).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An RFC 3339 instant, year 0000 through 9999; the engine writes it in UTC with `Z` and the fraction's digits only as needed.",
            "type": "string",
            "pattern": TIMESTAMP_PATTERN,
        })
    }
}

/// What `parse_timestamp` reads, as a regular expression (a schema's `pattern`).
#[cfg(feature = "schema")]
const TIMESTAMP_PATTERN: &str = concat!(
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
    "[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?",
    "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
);

/// The schema of a [`CivilDate`] (`YYYY-MM-DD`), for fields of that type: the date is jiff's.
#[cfg(feature = "schema")]
pub struct CivilDateSchema;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for CivilDateSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CivilDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar date in Europe/Stockholm, `YYYY-MM-DD`.",
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            "format": "date",
        })
    }
}

/// Europe/Stockholm, from the tz database embedded at compile time (no file is read).
fn stockholm() -> TimeZone {
    jiff::tz::get!("Europe/Stockholm")
}

/// The Stockholm calendar date of an instant (spec: "Dates ... are calendar dates in
/// Europe/Stockholm, whatever offset the timestamps carry").
pub fn stockholm_date(at: Timestamp) -> Date {
    at.to_jiff().to_zoned(stockholm()).date()
}

/// The Stockholm hour of an instant (for a region's noon cut-off).
pub fn stockholm_hour(at: Timestamp) -> i8 {
    at.to_jiff().to_zoned(stockholm()).hour()
}

/// The first instant of a Stockholm calendar date. Falls back to UTC midnight only if the
/// date is outside jiff's range, which no date reachable from a valid timestamp is.
pub fn start_of_stockholm_day(date: Date) -> Timestamp {
    date.to_zoned(stockholm())
        .map(|z| z.timestamp())
        .or_else(|_| date.to_zoned(TimeZone::UTC).map(|z| z.timestamp()))
        .map_or(Timestamp::MAX, Timestamp::from_jiff)
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
    let days = days_from_civil(i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
    let local = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Timestamp::new(local - i64::from(offset_seconds), nanos).ok()
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

    #[test]
    fn serialized_as_displayed() {
        for (second, nano) in [
            (0, 0),
            (-62_167_219_200, 0),
            (253_402_300_799, 999_999_999),
            (1_772_000_000, 500_000_000),
            (1_772_000_001, 1),
            (86_399, 120_000),
        ] {
            let t = Timestamp::new(second, nano).unwrap();
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{t}\""));
        }
        for k in 0..20_000i64 {
            let t = Timestamp::new(k * 7_919_113 - 62_000_000_000, i32::try_from(k * 48_271 % 1_000_000_000).unwrap())
                .unwrap();
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{t}\""));
        }
    }

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
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59.999999999Z",
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
