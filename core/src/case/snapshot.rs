//! Versioned JSON snapshots (spec: The snapshot's layout, Tamper evidence). A snapshot carries
//! the state, the journal and the access log, each under its own key, and in version 2 the
//! heads of the hash chain over journal and access log. Restoring checks, in the spec's order:
//! the layout and `format`/`version`, the journal's head, the access log's head, each access-log
//! entry's form, the replay of the journal (so no track is ever set into a state its events
//! could not reach), and in version 2 the replayed state against the stored one. A tampered,
//! truncated or newer snapshot is refused, never misread.

use serde_json::{Value, json};

use super::Case;
use super::chain;
use crate::model::{AccessEntry, Detail, Error, Problem, Result};
use crate::wire::snapshot::{self as doc, SnapshotDoc};

pub use crate::wire::snapshot::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION};

/// How to restore: under the embedding system's key (HMAC-SHA-256; `None` for SHA-256), and
/// whether a version 1 snapshot (no chain) is accepted when a key is given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Restore<'a> {
    /// The key the snapshot was written under. Never stored or logged.
    pub key: Option<&'a [u8]>,
    /// Accept an unsigned version 1 snapshot although a key is given (an explicit upgrade).
    pub upgrade_unsigned: bool,
}

impl Case {
    /// The snapshot as a JSON value (version 2, its chain by SHA-256).
    pub fn snapshot_value(&self) -> Value {
        self.snapshot_value_with_key(None)
    }

    /// The snapshot as a JSON value, its chain by HMAC-SHA-256 under `key` (SHA-256 for `None`).
    pub fn snapshot_value_with_key(&self, key: Option<&[u8]>) -> Value {
        let journal: Vec<Value> = self.journal.iter().map(|e| serde_json::to_value(e).unwrap_or(Value::Null)).collect();
        let access_log: Vec<Value> =
            self.access_log.iter().map(|e| serde_json::to_value(e).unwrap_or(Value::Null)).collect();
        let chain = json!({"journal": chain::head(&journal, key), "access_log": chain::head(&access_log, key)});
        json!({
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "state": self.state_value(),
            "journal": journal,
            "access_log": access_log,
            "chain": chain,
        })
    }

    /// The snapshot as JSON text.
    pub fn snapshot_json(&self) -> String {
        self.snapshot_value().to_string()
    }

    /// The snapshot as JSON text, its chain under the embedding system's key.
    pub fn snapshot_json_with_key(&self, key: &[u8]) -> String {
        self.snapshot_value_with_key(Some(key)).to_string()
    }

    /// Restores a case from snapshot JSON text (no key: the chain by SHA-256).
    pub fn restore(json: &str) -> Result<Case> {
        Case::restore_with(json, &Restore::default())
    }

    /// Restores a case from snapshot JSON text, as `options` say.
    pub fn restore_with(json: &str, options: &Restore<'_>) -> Result<Case> {
        Case::from_doc(doc::snapshot_from_str(json)?, options)
    }

    /// Restores a case from a snapshot JSON value (no key).
    pub fn restore_value(value: &Value) -> Result<Case> {
        Case::from_doc(doc::snapshot_from_value(value)?, &Restore::default())
    }

    /// Restores a case from a snapshot JSON value, as `options` say.
    pub fn restore_value_with(value: &Value, options: &Restore<'_>) -> Result<Case> {
        Case::from_doc(doc::snapshot_from_value(value)?, options)
    }

    fn from_doc(snapshot: SnapshotDoc, options: &Restore<'_>) -> Result<Case> {
        match &snapshot.chain {
            Some((journal_head, access_head)) => {
                if chain::head(&snapshot.journal, options.key) != *journal_head {
                    return Err(Error::invalid("journal", Problem::Tampered));
                }
                if chain::head(&snapshot.access_log, options.key) != *access_head {
                    return Err(Error::invalid("access_log", Problem::Tampered));
                }
            }
            // Anyone could strip the chain and call a snapshot version 1.
            None if options.key.is_some() && !options.upgrade_unsigned => {
                return Err(Error::invalid("version", Problem::Unsigned));
            }
            None => {}
        }
        let access_log = snapshot
            .access_log
            .iter()
            .enumerate()
            .map(|(i, v)| doc::access_entry(i, v))
            .collect::<Result<Vec<AccessEntry>>>()?;
        let mut case = Case::new();
        case.journal.reserve(snapshot.journal.len());
        for (i, value) in snapshot.journal.iter().enumerate() {
            let event = doc::journal_event(i, value)?;
            case.apply_quiet_owned(event)
                .map_err(|e| Error::invalid(&format!("journal[{i}]"), Problem::Rejected).with(Detail::Code, e.code))?;
        }
        // Version 1's stored state lacks what version 2 adds: it is not compared.
        if snapshot.version >= 2 && snapshot.state != case.state_value() {
            return Err(Error::invalid("state", Problem::Mismatch));
        }
        case.access_log = access_log;
        Ok(case)
    }

    /// Replays a journal given as a JSON array of events.
    pub fn replay_json(json: &str) -> Result<Case> {
        Case::replay(&doc::journal_from_str(json)?)
    }
}
