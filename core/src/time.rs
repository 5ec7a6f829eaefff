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

/// Parses an RFC 3339 timestamp (an offset is required; `Z` or `+01:00`).
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    s.parse::<Timestamp>().ok()
}
