//! Versioned JSON snapshots. A snapshot carries the state, the journal and the access log,
//! each under its own key. Restoring replays the journal (so no track is ever set into a state
//! its events could not reach) and checks the result against the stored state: a tampered or
//! truncated snapshot is refused, never misread. A newer, unknown version is refused.

use serde_json::{Value, json};

use crate::access::AccessEntry;
use crate::case::Case;
use crate::error::{Error, Problem, Result};
use crate::parse;

/// The format version this library writes and reads.
pub const SNAPSHOT_VERSION: u64 = 1;
/// The `format` key's value, so a snapshot is recognisable out of context.
pub const SNAPSHOT_FORMAT: &str = "utskrivning.case";

impl Case {
    /// The snapshot as a JSON value.
    pub fn snapshot(&self) -> Value {
        json!({
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "state": self.state_json(),
            "journal": self.journal,
            "access_log": self.access_log,
        })
    }

    /// The snapshot as JSON text.
    pub fn snapshot_json(&self) -> String {
        self.snapshot().to_string()
    }

    /// Restores a case from snapshot JSON text.
    pub fn restore(json: &str) -> Result<Case> {
        let value: Value =
            serde_json::from_str(json).map_err(|_| Error::invalid("snapshot", Problem::NotJson))?;
        Case::restore_value(&value)
    }

    /// Restores a case from a snapshot JSON value.
    pub fn restore_value(value: &Value) -> Result<Case> {
        let Value::Object(map) = value else {
            return Err(Error::invalid("snapshot", Problem::NotAnObject));
        };
        if let Some(extra) = map.keys().find(|k| !matches!(k.as_str(), "format" | "version" | "state" | "journal" | "access_log")) {
            let name: String = extra.chars().take(64).collect();
            return Err(Error::invalid(&name, Problem::UnknownField));
        }
        match map.get("format") {
            Some(Value::String(f)) if f == SNAPSHOT_FORMAT => {}
            None => return Err(Error::invalid("format", Problem::Missing)),
            Some(_) => return Err(Error::invalid("format", Problem::UnknownValue)),
        }
        match map.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(SNAPSHOT_VERSION) => {}
            Some(Value::Number(_)) => {
                return Err(Error::invalid("version", Problem::UnsupportedVersion)
                    .with("supported", SNAPSHOT_VERSION));
            }
            None => return Err(Error::invalid("version", Problem::Missing)),
            Some(_) => return Err(Error::invalid("version", Problem::WrongType)),
        }
        let Some(Value::Array(journal)) = map.get("journal") else {
            return Err(Error::invalid("journal", Problem::Missing));
        };
        let events = journal
            .iter()
            .enumerate()
            .map(|(i, e)| parse::event_from_value(e).map_err(|err| err.with("journal_index", i)))
            .collect::<Result<Vec<_>>>()?;
        let mut case = Case::replay(&events)?;
        let Some(state) = map.get("state") else {
            return Err(Error::invalid("state", Problem::Missing));
        };
        if *state != case.state_json() {
            return Err(Error::invalid("state", Problem::Inconsistent));
        }
        case.access_log = match map.get("access_log") {
            Some(log) => serde_json::from_value::<Vec<AccessEntry>>(log.clone())
                .map_err(|_| Error::invalid("access_log", Problem::WrongType))?,
            None => return Err(Error::invalid("access_log", Problem::Missing)),
        };
        Ok(case)
    }

    /// Replays a journal given as a JSON array of events.
    pub fn replay_json(json: &str) -> Result<Case> {
        let value: Value = serde_json::from_str(json).map_err(|_| Error::invalid("journal", Problem::NotJson))?;
        let Value::Array(items) = value else {
            return Err(Error::invalid("journal", Problem::WrongType));
        };
        let events = items
            .iter()
            .enumerate()
            .map(|(i, e)| parse::event_from_value(e).map_err(|err| err.with("journal_index", i)))
            .collect::<Result<Vec<_>>>()?;
        Case::replay(&events)
    }
}
