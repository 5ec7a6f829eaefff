//! A snapshot document read from JSON: its layout, `format` and `version` checked, its journal
//! and access log kept as written (the hash chain is over the entries exactly as the snapshot
//! writes them) and read entry by entry. The case checks the chain and replays the journal
//! (case/snapshot.rs).

use serde_json::Value;
use serde_json::value::RawValue;

use serde::Serialize;

use super::tree::Json;
use super::{Node, event_from, event_from_value, unknown_key};
use crate::model::{AccessEntry, AccessOutcome, Detail, Error, Event, Problem, Result};

/// The format version this library writes: 2, with the hash chain. Version 1 still restores.
pub const SNAPSHOT_VERSION: u64 = 2;
/// The `format` key's value, so a snapshot is recognisable out of context.
pub const SNAPSHOT_FORMAT: &str = "utskrivning.case";

/// A snapshot as read: what the case must check, replay and compare.
pub(crate) struct SnapshotDoc {
    pub version: u64,
    pub state: Value,
    pub journal: Vec<Value>,
    pub access_log: Vec<Value>,
    /// The heads `(journal, access_log)` of a version 2 snapshot, as written.
    pub chain: Option<(String, String)>,
}

pub(crate) fn snapshot_from_str(json: &str) -> Result<SnapshotDoc> {
    let value = super::strict::parse(json, "snapshot")?;
    snapshot_from_owned(value)
}

pub(crate) fn snapshot_from_value(value: &Value) -> Result<SnapshotDoc> {
    snapshot_from_owned(value.clone())
}

pub(crate) fn snapshot_from_owned(value: Value) -> Result<SnapshotDoc> {
    let Value::Object(mut map) = value else {
        return Err(Error::invalid("snapshot", Problem::NotAnObject));
    };
    let version = match map.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(1) || n.as_u64() == Some(2) => n.as_u64().unwrap_or(1),
        Some(Value::Number(_)) => {
            return Err(
                Error::invalid("version", Problem::UnsupportedVersion).with(Detail::Supported, SNAPSHOT_VERSION)
            );
        }
        None => return Err(Error::invalid("version", Problem::Missing)),
        Some(_) => return Err(Error::invalid("version", Problem::WrongType)),
    };
    let chained = version >= 2;
    unknown_key(
        &map,
        |k| matches!(k, "format" | "version" | "state" | "journal" | "access_log") || (chained && k == "chain"),
        None,
    )?;
    match map.get("format") {
        Some(Value::String(f)) if f == SNAPSHOT_FORMAT => {}
        None => return Err(Error::invalid("format", Problem::Missing)),
        Some(_) => return Err(Error::invalid("format", Problem::UnknownValue)),
    }
    let list = |map: &mut serde_json::Map<String, Value>, field: &str| match map.remove(field) {
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(Error::invalid(field, Problem::WrongType)),
        None => Err(Error::invalid(field, Problem::Missing)),
    };
    let journal = list(&mut map, "journal")?;
    let access_log = list(&mut map, "access_log")?;
    let Some(state) = map.remove("state") else {
        return Err(Error::invalid("state", Problem::Missing));
    };
    let chain = if chained { Some(heads(map.remove("chain"))?) } else { None };
    Ok(SnapshotDoc { version, state, journal, access_log, chain })
}

/// A snapshot as the typed path reads it: each part the slice of text it was written as
/// (serde_json's `RawValue`, checked to be JSON, not parsed into anything), so that the state is
/// never parsed at all and each part is compared with what this library writes for it without
/// printing the stored one again.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDoc<'a> {
    #[serde(borrow)]
    format: &'a str,
    pub version: u64,
    #[serde(borrow)]
    pub state: &'a RawValue,
    #[serde(borrow)]
    pub journal: Vec<&'a RawValue>,
    #[serde(borrow)]
    pub access_log: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    chain: Option<RawChain<'a>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChain<'a> {
    #[serde(borrow)]
    journal: &'a str,
    #[serde(borrow)]
    access_log: &'a str,
}

impl<'a> RawDoc<'a> {
    /// The heads `(journal, access_log)` of a version 2 snapshot.
    pub(crate) fn chain(&self) -> Option<(&'a str, &'a str)> {
        self.chain.as_ref().map(|c| (c.journal, c.access_log))
    }
}

/// The layout of a snapshot that passes every check of [`snapshot_from_owned`] (`None` for
/// anything else, which that function then explains). A key twice anywhere is refused by the
/// strict reader: here a duplicate field, or a part that is not our text, sends the snapshot to
/// that reader; so does a string with escapes where a slice is borrowed.
pub(crate) fn raw_layout(json: &str) -> Option<RawDoc<'_>> {
    let doc: RawDoc<'_> = serde_json::from_str(json).ok()?;
    let chain_ok = match (doc.version, &doc.chain) {
        (1, None) => true,
        (2, Some(c)) => is_head(c.journal) && is_head(c.access_log),
        _ => false,
    };
    (doc.format == SNAPSHOT_FORMAT && chain_ok).then_some(doc)
}

/// Whether `raw` is `value` as this library writes it, byte for byte: then it is the same
/// `Value` (the converse is not asked: anything else goes to the `Value` path). `ours` is a
/// scratch buffer.
pub(crate) fn written_as<T: Serialize>(raw: &RawValue, value: &T, ours: &mut Vec<u8>) -> bool {
    ours.clear();
    serde_json::to_writer(&mut *ours, value).is_ok() && raw.get().as_bytes() == ours.as_slice()
}

/// Access-log entry read on the typed path: what [`access_entry`] accepts, written as the
/// engine writes it (`None` for anything else).
pub(crate) fn typed_access_entry(raw: &RawValue, ours: &mut Vec<u8>) -> Option<AccessEntry> {
    let entry: AccessEntry = serde_json::from_str(raw.get()).ok()?;
    let form_ok = match entry.outcome {
        AccessOutcome::Allowed => entry.code.is_none(),
        AccessOutcome::Refused => entry.code.is_some(),
    };
    (form_ok && written_as(raw, &entry, ours)).then_some(entry)
}

/// A chain head as the engine writes it: 64 lower-case hex digits.
fn is_head(h: &str) -> bool {
    h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `chain: {journal, access_log}`, each 64 lower-case hex digits.
fn heads(chain: Option<Value>) -> Result<(String, String)> {
    let Some(Value::Object(mut map)) = chain else {
        return Err(Error::invalid("chain", Problem::Missing));
    };
    unknown_key(&map, |k| matches!(k, "journal" | "access_log"), Some("chain"))?;
    let mut head = |field: &'static str| match map.remove(field) {
        Some(Value::String(h)) if is_head(&h) => Ok(h),
        Some(_) => Err(Error::invalid(&format!("chain.{field}"), Problem::Malformed)),
        None => Err(Error::invalid(&format!("chain.{field}"), Problem::Missing)),
    };
    Ok((head("journal")?, head("access_log")?))
}

/// Journal event `i` as the case must replay it: readable (else `rejected` with the code the
/// reading gave) and written as the engine writes it (else `malformed`).
pub(crate) fn journal_event(i: usize, value: &Value) -> Result<Event> {
    let field = format!("journal[{i}]");
    let event =
        event_from_value(value).map_err(|e| Error::invalid(&field, Problem::Rejected).with(Detail::Code, e.code))?;
    if serde_json::to_value(&event).ok().as_ref() != Some(value) {
        return Err(Error::invalid(&field, Problem::Malformed));
    }
    Ok(event)
}

/// Access-log entry `i`: a known role and action, `allowed` without a code or `refused` with
/// one of the spec's codes, its time as the engine writes it (else `access_log[i]` malformed).
pub(crate) fn access_entry(i: usize, value: &Value) -> Result<AccessEntry> {
    let malformed = || Error::invalid(&format!("access_log[{i}]"), Problem::Malformed);
    let entry: AccessEntry = serde_json::from_value(value.clone()).map_err(|_| malformed())?;
    let coded = entry.code.is_some();
    let form_ok = match entry.outcome {
        AccessOutcome::Allowed => !coded,
        AccessOutcome::Refused => coded,
    };
    if !form_ok || serde_json::to_value(&entry).ok().as_ref() != Some(value) {
        return Err(malformed());
    }
    Ok(entry)
}

/// A journal given as a JSON array of events (no chain: `replay_json`). The typed path reads
/// the text into a [`Node`] tree; the `Value` tree is built only where that reading refuses the
/// text, to name the error as [`super::strict::parse`] does.
pub(crate) fn journal_from_str(json: &str) -> Result<Vec<Event>> {
    match super::parse_node(json) {
        Some(Node::Array(items)) => journal_events(&items),
        Some(_) => Err(Error::invalid("journal", Problem::WrongType)),
        None => match super::strict::parse(json, "journal")? {
            Value::Array(items) => journal_events(&items),
            _ => Err(Error::invalid("journal", Problem::WrongType)),
        },
    }
}

/// Each event of a journal, an error naming its index.
fn journal_events<J: Json>(items: &[J]) -> Result<Vec<Event>> {
    let mut events = Vec::with_capacity(items.len());
    for (i, e) in items.iter().enumerate() {
        events.push(event_from(e).map_err(|err| err.with(Detail::JournalIndex, i))?);
    }
    Ok(events)
}
