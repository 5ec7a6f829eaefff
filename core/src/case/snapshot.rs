//! Versioned JSON snapshots. A snapshot carries the state, the journal and the access log,
//! each under its own key. Restoring replays the journal (so no track is ever set into a state
//! its events could not reach) and checks the result against the stored state: a tampered or
//! truncated snapshot is refused, never misread. A newer, unknown version is refused.

use serde_json::{Value, json};

use super::Case;
use crate::model::{Error, Problem, Result};
use crate::wire::snapshot::{self as doc, SnapshotDoc};

pub use crate::wire::snapshot::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION};

impl Case {
    /// The snapshot as a JSON value.
    pub fn snapshot_value(&self) -> Value {
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
        self.snapshot_value().to_string()
    }

    /// Restores a case from snapshot JSON text.
    pub fn restore(json: &str) -> Result<Case> {
        Case::from_doc(doc::snapshot_from_str(json)?)
    }

    /// Restores a case from a snapshot JSON value.
    pub fn restore_value(value: &Value) -> Result<Case> {
        Case::from_doc(doc::snapshot_from_value(value)?)
    }

    fn from_doc(snapshot: SnapshotDoc) -> Result<Case> {
        let mut case = Case::replay(&snapshot.journal)?;
        if snapshot.state != case.state_json() {
            return Err(Error::invalid("state", Problem::Inconsistent));
        }
        case.access_log = snapshot.access_log;
        Ok(case)
    }

    /// Replays a journal given as a JSON array of events.
    pub fn replay_json(json: &str) -> Result<Case> {
        Case::replay(&doc::journal_from_str(json)?)
    }
}
