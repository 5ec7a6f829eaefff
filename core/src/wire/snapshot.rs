//! A snapshot document read from JSON: its layout, format and version checked, its journal
//! read event by event. The case replays it (case/snapshot.rs).

use serde_json::Value;

use super::{event_from_value, unknown_key};
use crate::model::{AccessEntry, Detail, Error, Event, Problem, Result};

/// The format version this library writes and reads.
pub const SNAPSHOT_VERSION: u64 = 1;
/// The `format` key's value, so a snapshot is recognisable out of context.
pub const SNAPSHOT_FORMAT: &str = "utskrivning.case";

/// A snapshot as read: what the case must replay and compare.
pub(crate) struct SnapshotDoc {
    pub state: Value,
    pub journal: Vec<Event>,
    pub access_log: Vec<AccessEntry>,
}

pub(crate) fn snapshot_from_str(json: &str) -> Result<SnapshotDoc> {
    let value = super::strict::parse(json, "snapshot")?;
    snapshot_from_owned(value)
}

pub(crate) fn snapshot_from_value(value: &Value) -> Result<SnapshotDoc> {
    snapshot_from_owned(value.clone())
}

fn snapshot_from_owned(value: Value) -> Result<SnapshotDoc> {
    let Value::Object(mut map) = value else {
        return Err(Error::invalid("snapshot", Problem::NotAnObject));
    };
    unknown_key(&map, |k| matches!(k, "format" | "version" | "state" | "journal" | "access_log"), None)?;
    match map.get("format") {
        Some(Value::String(f)) if f == SNAPSHOT_FORMAT => {}
        None => return Err(Error::invalid("format", Problem::Missing)),
        Some(_) => return Err(Error::invalid("format", Problem::UnknownValue)),
    }
    match map.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(SNAPSHOT_VERSION) => {}
        Some(Value::Number(_)) => {
            return Err(
                Error::invalid("version", Problem::UnsupportedVersion).with(Detail::Supported, SNAPSHOT_VERSION)
            );
        }
        None => return Err(Error::invalid("version", Problem::Missing)),
        Some(_) => return Err(Error::invalid("version", Problem::WrongType)),
    }
    let Some(Value::Array(journal)) = map.get("journal") else {
        return Err(Error::invalid("journal", Problem::Missing));
    };
    let journal = journal_from_values(journal)?;
    let Some(state) = map.remove("state") else {
        return Err(Error::invalid("state", Problem::Missing));
    };
    let access_log = match map.remove("access_log") {
        Some(log) => serde_json::from_value::<Vec<AccessEntry>>(log)
            .map_err(|_| Error::invalid("access_log", Problem::WrongType))?,
        None => return Err(Error::invalid("access_log", Problem::Missing)),
    };
    Ok(SnapshotDoc { state, journal, access_log })
}

/// A journal given as a JSON array of events.
pub(crate) fn journal_from_str(json: &str) -> Result<Vec<Event>> {
    let value = super::strict::parse(json, "journal")?;
    let Value::Array(items) = value else {
        return Err(Error::invalid("journal", Problem::WrongType));
    };
    journal_from_values(&items)
}

fn journal_from_values(items: &[Value]) -> Result<Vec<Event>> {
    items
        .iter()
        .enumerate()
        .map(|(i, e)| event_from_value(e).map_err(|err| err.with(Detail::JournalIndex, i)))
        .collect()
}
