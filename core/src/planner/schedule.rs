//! The hospital's fixed session times (seed 000: "meetings are on fixed days and times"):
//! weekly times in Europe/Stockholm and a slot length. A session is one occurrence, named by
//! its local start, e.g. `2026-03-03T13:00`.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::model::{Detail, Error, Problem, Result};
use crate::time::{Timestamp, stockholm_date};
use crate::vocab::vocabulary;
use crate::wire::{self, Fields};

vocabulary! {
    /// A day of the week on which sessions recur.
    pub enum Weekday {
        Monday = "monday",
        Tuesday = "tuesday",
        Wednesday = "wednesday",
        Thursday = "thursday",
        Friday = "friday",
        Saturday = "saturday",
        Sunday = "sunday",
    }
}

impl Weekday {
    fn of(date: Date) -> Weekday {
        use jiff::civil::Weekday as J;
        match date.weekday() {
            J::Monday => Weekday::Monday,
            J::Tuesday => Weekday::Tuesday,
            J::Wednesday => Weekday::Wednesday,
            J::Thursday => Weekday::Thursday,
            J::Friday => Weekday::Friday,
            J::Saturday => Weekday::Saturday,
            J::Sunday => Weekday::Sunday,
        }
    }
}

/// One recurring session: a weekday and a local start and end (`"13:00"`, `"14:00"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WeeklyTime {
    pub weekday: Weekday,
    #[serde(serialize_with = "hh_mm")]
    #[cfg_attr(feature = "schema", schemars(with = "HhMm"))]
    pub starts: Time,
    #[serde(serialize_with = "hh_mm")]
    #[cfg_attr(feature = "schema", schemars(with = "HhMm"))]
    pub ends: Time,
}

impl WeeklyTime {
    /// A weekly time from `"HH:MM"` texts, e.g. `WeeklyTime::parse(Weekday::Tuesday, "13:00", "14:00")`.
    pub fn parse(weekday: Weekday, starts: &str, ends: &str) -> Result<WeeklyTime> {
        Ok(WeeklyTime { weekday, starts: parse_hh_mm("starts", starts)?, ends: parse_hh_mm("ends", ends)? })
    }
}

/// What a planner is set up with: the hospital, its weekly session times and the slot length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlannerConfig {
    /// The hospital's identifier (the embedder's; not shown in errors).
    pub hospital: String,
    pub times: Vec<WeeklyTime>,
    /// Each care contact's slot; a session's remainder shorter than a slot is left unused.
    pub slot_minutes: u32,
}

/// One session's times, derived from its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionTimes {
    pub id: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub slots: usize,
}

/// The longest span `sessions_between` lists (a year and a day, so a year always fits).
const MAX_LISTED_DAYS: i32 = 367;

impl PlannerConfig {
    /// Reads `{"hospital", "times": [{"weekday", "starts", "ends"}], "slot_minutes"}` and checks it.
    pub fn from_json(json: &str) -> Result<PlannerConfig> {
        let value = wire::parse_strict(json, "config")?;
        PlannerConfig::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<PlannerConfig> {
        let map = object(value, "config")?;
        only_keys(map, &["hospital", "times", "slot_minutes"])?;
        let f = Fields::new(map);
        let hospital = f.text("hospital")?;
        let Some(Value::Array(items)) = map.get("times") else {
            return Err(Error::invalid(
                "times",
                if map.contains_key("times") { Problem::WrongType } else { Problem::Missing },
            ));
        };
        let times = items
            .iter()
            .enumerate()
            .map(|(i, item)| weekly_time(item).map_err(|e| e.with(Detail::TimesIndex, i)))
            .collect::<Result<Vec<_>>>()?;
        let slot_minutes =
            f.opt_u32("slot_minutes")?.ok_or_else(|| Error::invalid("slot_minutes", Problem::Missing))?;
        let config = PlannerConfig { hospital, times, slot_minutes };
        config.validate()?;
        Ok(config)
    }

    /// The rules of a configuration: a hospital named, at least one time, each time ending
    /// after it starts, a slot that fits in every session, and no two sessions overlapping.
    pub fn validate(&self) -> Result<()> {
        if self.hospital.trim().is_empty() {
            return Err(Error::invalid("hospital", Problem::Missing));
        }
        if self.times.is_empty() {
            return Err(Error::invalid("times", Problem::EmptyList));
        }
        if self.slot_minutes == 0 {
            return Err(Error::invalid("slot_minutes", Problem::OutOfRange));
        }
        for (i, t) in self.times.iter().enumerate() {
            if t.ends <= t.starts {
                return Err(Error::invalid("ends", Problem::Inconsistent).with(Detail::TimesIndex, i));
            }
            let minutes = t.starts.duration_until(t.ends).as_mins();
            if minutes < i64::from(self.slot_minutes) {
                return Err(Error::invalid("slot_minutes", Problem::SlotLongerThanSession).with(Detail::TimesIndex, i));
            }
        }
        self.no_overlapping_sessions()
    }

    /// Rule `overlapping_sessions`: two weekly times on the same day may not overlap (one
    /// hospital holds one session at a time; social services stay for the whole of it).
    fn no_overlapping_sessions(&self) -> Result<()> {
        for (i, a) in self.times.iter().enumerate() {
            for (j, b) in self.times.iter().enumerate().skip(i + 1) {
                if a.weekday == b.weekday && a.starts < b.ends && b.starts < a.ends {
                    return Err(Error::invalid("times", Problem::OverlappingSessions).with(Detail::TimesIndex, [i, j]));
                }
            }
        }
        Ok(())
    }

    /// The session with this id, or `invalid_input` (field `session`, `unknown_value`).
    pub(crate) fn session(&self, id: &str) -> Result<SessionTimes> {
        let unknown = || Error::invalid("session", Problem::UnknownValue);
        let local = DateTime::strptime("%Y-%m-%dT%H:%M", id).map_err(|_| unknown())?;
        let time = self
            .times
            .iter()
            .find(|t| t.weekday == Weekday::of(local.date()) && t.starts == local.time())
            .ok_or_else(unknown)?;
        let session = self.session_on(local.date(), time).ok_or_else(unknown)?;
        // One spelling per session, so that a session has one key in the planner.
        if session.id != id {
            return Err(unknown());
        }
        Ok(session)
    }

    /// Every session starting in `[from, to)`, in time order.
    pub(crate) fn sessions_between(&self, from: Timestamp, to: Timestamp) -> Result<Vec<SessionTimes>> {
        let (first, last) = (stockholm_date(from), stockholm_date(to));
        let days = first.until(last).map(|span| span.get_days()).unwrap_or(i32::MAX);
        if days > MAX_LISTED_DAYS {
            return Err(Error::invalid("to", Problem::RangeTooLong).with(Detail::MaxDays, MAX_LISTED_DAYS));
        }
        let mut out: Vec<SessionTimes> = first
            .series(jiff::Span::new().days(1))
            .take_while(|d| *d <= last)
            .flat_map(|d| self.times.iter().filter_map(move |t| self.session_on(d, t)))
            .filter(|s| from <= s.starts_at && s.starts_at < to)
            .collect();
        out.sort_by_key(|s| s.starts_at);
        Ok(out)
    }

    /// The session of `time` on `date`, if `date` is its weekday.
    fn session_on(&self, date: Date, time: &WeeklyTime) -> Option<SessionTimes> {
        if Weekday::of(date) != time.weekday {
            return None;
        }
        let tz = stockholm();
        let starts_at = Timestamp::from_jiff(date.to_datetime(time.starts).to_zoned(tz.clone()).ok()?.timestamp());
        let ends_at = Timestamp::from_jiff(date.to_datetime(time.ends).to_zoned(tz).ok()?.timestamp());
        // Counted on the clock, so a session across a daylight-saving change has the slots
        // that really fit in it.
        let seconds = ends_at.as_second().saturating_sub(starts_at.as_second());
        let slots = usize::try_from(seconds / (i64::from(self.slot_minutes) * 60)).unwrap_or(0);
        let id = date.to_datetime(time.starts).strftime("%Y-%m-%dT%H:%M").to_string();
        Some(SessionTimes { id, starts_at, ends_at, slots })
    }

    /// The start and end of slot `index` of a session.
    pub(crate) fn slot_times(&self, session: &SessionTimes, index: usize) -> (Timestamp, Timestamp) {
        let minutes = i64::from(self.slot_minutes);
        let at = |n: usize| {
            let offset = i64::try_from(n).unwrap_or(i64::MAX).saturating_mul(minutes);
            session.starts_at.checked_add(jiff::SignedDuration::from_mins(offset)).unwrap_or(session.ends_at)
        };
        (at(index), at(index.saturating_add(1)))
    }
}

fn stockholm() -> TimeZone {
    jiff::tz::get!("Europe/Stockholm")
}

fn weekly_time(value: &Value) -> Result<WeeklyTime> {
    let map = object(value, "times")?;
    only_keys(map, &["weekday", "starts", "ends"])?;
    let f = Fields::new(map);
    WeeklyTime::parse(f.word("weekday")?, &f.text("starts")?, &f.text("ends")?)
}

/// `HH:MM` exactly: two digits each, hours 00–23, minutes 00–59 (`1:00` is refused).
fn parse_hh_mm(field: &str, s: &str) -> Result<Time> {
    let b = s.as_bytes();
    let two = |i: usize| -> Option<i8> {
        let (d1, d2) = (*b.get(i)?, *b.get(i + 1)?);
        (d1.is_ascii_digit() && d2.is_ascii_digit()).then(|| ((d1 - b'0') * 10 + (d2 - b'0')) as i8)
    };
    let parsed = match (b.len(), b.get(2), two(0), two(3)) {
        (5, Some(b':'), Some(h), Some(m)) if h <= 23 && m <= 59 => Time::new(h, m, 0, 0).ok(),
        _ => None,
    };
    parsed.ok_or_else(|| Error::invalid(field, Problem::NotATime))
}

/// The schema of a local time of day as `parse_hh_mm` reads and `hh_mm` writes it.
#[cfg(feature = "schema")]
struct HhMm;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for HhMm {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "WeeklyClock".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A local time of day in Europe/Stockholm, `HH:MM`.",
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
        })
    }
}

fn hh_mm<S: Serializer>(time: &Time, serializer: S) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_str(&time.strftime("%H:%M"))
}

pub(crate) fn object<'a>(value: &'a Value, field: &str) -> Result<&'a Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(Error::invalid(field, Problem::NotAnObject)),
    }
}

/// Refuses a key not in `known`, naming it (cut short: it is input).
pub(crate) fn only_keys(map: &Map<String, Value>, known: &[&str]) -> Result<()> {
    wire::unknown_key(map, |k| known.contains(&k), None)
}
