//! Stockholm's days as UTC seconds: ready days are counted in Stockholm dates (spec: Indicators
//! and the payment basis), so a story places its ready notice and its discharge on Stockholm
//! days. The midnights are looked up once per run, not once per event.

use jiff::civil::Date;
use jiff::tz::TimeZone;

pub(crate) const DAY: i64 = 86_400;
pub(crate) const HOUR: i64 = 3_600;
pub(crate) const MINUTE: i64 = 60;

pub(crate) struct Calendar {
    first: Date,
    /// The UTC second of each Stockholm midnight from `first`, one more than the days.
    midnights: Vec<i64>,
}

impl Calendar {
    /// `days` Stockholm days from `first`.
    pub(crate) fn new(first: Date, days: usize) -> Calendar {
        let tz = jiff::tz::get!("Europe/Stockholm");
        let midnights = (0..=days)
            .map(|d| {
                let date = first.checked_add(jiff::Span::new().days(d as i64)).unwrap_or(first);
                date.to_zoned(tz.clone())
                    .or_else(|_| date.to_zoned(TimeZone::UTC))
                    .map_or(0, |z| z.timestamp().as_second())
            })
            .collect();
        Calendar { first, midnights }
    }

    pub(crate) fn first(&self) -> Date {
        self.first
    }

    pub(crate) fn days(&self) -> usize {
        self.midnights.len().saturating_sub(1)
    }

    /// The first second of Stockholm day `day` (the last day's end for a day beyond).
    pub(crate) fn midnight(&self, day: usize) -> i64 {
        self.midnights.get(day).or(self.midnights.last()).copied().unwrap_or(0)
    }

    /// The Stockholm day that holds `second` (0 before the first, the last after the end).
    pub(crate) fn day_of(&self, second: i64) -> usize {
        self.midnights.partition_point(|&m| m <= second).saturating_sub(1).min(self.days().saturating_sub(1))
    }
}
