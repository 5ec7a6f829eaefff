//! Versioned JSON snapshots of a planner, like a case's: the configuration, the taken slots
//! and the access log. A snapshot restores only if it is exactly what this library writes for
//! the planner it describes, so a tampered or hand-edited one is refused, never misread.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::place::Taken;
use super::schedule::{object, only_keys};
use super::{Planner, PlannerConfig, SessionAccessEntry};
use crate::case::Case;
use crate::model::{Detail, Error, Problem, Result};
use crate::wire;

/// The format version this library writes and reads.
pub const PLANNER_SNAPSHOT_VERSION: u64 = 1;
/// The `format` key's value, so a snapshot is recognisable out of context.
pub const PLANNER_SNAPSHOT_FORMAT: &str = "utskrivning.session_planner";

impl Planner {
    /// `{"format", "version", "config", "sessions": [{"session", "slots": [{"index",
    /// "care_contact", "case_id"}]}], "access_log"}`.
    pub fn snapshot_value(&self) -> Value {
        let sessions: Vec<Value> =
            self.taken.iter().map(|(session, slots)| json!({"session": session, "slots": slots})).collect();
        json!({
            "format": PLANNER_SNAPSHOT_FORMAT,
            "version": PLANNER_SNAPSHOT_VERSION,
            "config": self.config,
            "sessions": sessions,
            "access_log": self.access_log,
        })
    }

    /// The schema of what `snapshot_value` writes and `restore_value` reads.
    #[cfg(feature = "schema")]
    pub fn snapshot_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let session = json!({
            "type": "object",
            "properties": {
                "session": {"type": "string"},
                "slots": {"type": "array", "items": g.subschema_for::<Taken>()},
            },
            "required": ["session", "slots"],
            "additionalProperties": false,
        });
        schemars::json_schema!({
            "title": "planner snapshot",
            "type": "object",
            "properties": {
                "format": {"const": PLANNER_SNAPSHOT_FORMAT},
                "version": {"const": PLANNER_SNAPSHOT_VERSION},
                "config": g.subschema_for::<PlannerConfig>(),
                "sessions": {"type": "array", "items": session},
                "access_log": {"type": "array", "items": g.subschema_for::<SessionAccessEntry>()},
            },
            "required": ["format", "version", "config", "sessions", "access_log"],
            "additionalProperties": false,
        })
    }

    pub fn snapshot_json(&self) -> String {
        self.snapshot_value().to_string()
    }

    pub fn restore(json: &str) -> Result<Planner> {
        let value = wire::parse_strict(json, "snapshot")?;
        Planner::restore_value(&value)
    }

    pub fn restore_value(value: &Value) -> Result<Planner> {
        let map = object(value, "snapshot")?;
        only_keys(map, &["format", "version", "config", "sessions", "access_log"])?;
        match map.get("format") {
            Some(Value::String(f)) if f == PLANNER_SNAPSHOT_FORMAT => {}
            None => return Err(Error::invalid("format", Problem::Missing)),
            Some(_) => return Err(Error::invalid("format", Problem::UnknownValue)),
        }
        match map.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(PLANNER_SNAPSHOT_VERSION) => {}
            Some(Value::Number(_)) => {
                return Err(Error::invalid("version", Problem::UnsupportedVersion)
                    .with(Detail::Supported, PLANNER_SNAPSHOT_VERSION));
            }
            None => return Err(Error::invalid("version", Problem::Missing)),
            Some(_) => return Err(Error::invalid("version", Problem::WrongType)),
        }
        let config =
            PlannerConfig::from_value(map.get("config").ok_or_else(|| Error::invalid("config", Problem::Missing))?)?;
        let mut planner = Planner::new(config)?;
        let Some(Value::Array(sessions)) = map.get("sessions") else {
            return Err(Error::invalid("sessions", Problem::Missing));
        };
        let mut case_ids = BTreeSet::new();
        for (i, entry) in sessions.iter().enumerate() {
            let (id, slots) =
                planner.restore_session(entry, &mut case_ids).map_err(|e| e.with(Detail::SessionsIndex, i))?;
            // A session with no slot is not written; listed, it makes the check below fail.
            if !slots.is_empty() {
                planner.taken.insert(id, slots);
            }
        }
        planner.access_log = match map.get("access_log") {
            Some(log) => serde_json::from_value::<Vec<SessionAccessEntry>>(log.clone())
                .map_err(|_| Error::invalid("access_log", Problem::WrongType))?,
            None => return Err(Error::invalid("access_log", Problem::Missing)),
        };
        // Every logged view names a session of this planner's weekly times.
        if let Some(i) = planner.access_log.iter().position(|e| planner.config.session(&e.session).is_err()) {
            return Err(Error::invalid(&format!("access_log[{i}]"), Problem::Malformed));
        }
        // Anything else (order, a session listed twice or with no slot, a blank unit) makes
        // the snapshot one this library would not have written.
        if planner.snapshot_value() != *value
            || planner.taken.values().flatten().any(|t| t.care_contact.trim().is_empty())
        {
            return Err(Error::invalid("snapshot", Problem::Inconsistent));
        }
        Ok(planner)
    }

    /// Restores a planner and checks its slots against the cases the embedding system keeps:
    /// every case passed whose `case_id` holds a slot must be booked at that slot's start
    /// (else `{"field": "sessions", "problem": "mismatch", "case_id"}`), so that a snapshot
    /// whose slots disagree with its cases is refused.
    pub fn restore_with_cases(json: &str, cases: &[&Case]) -> Result<Planner> {
        let planner = Planner::restore(json)?;
        planner.check_cases(cases)?;
        Ok(planner)
    }

    /// Whether every slot agrees with the case of its `case_id` among `cases`.
    pub fn check_cases(&self, cases: &[&Case]) -> Result<()> {
        for case in cases {
            let Some(id) = case.case_id() else { continue };
            if self.find(id).is_some() && !self.holds(case) {
                return Err(Error::invalid("sessions", Problem::Mismatch).with(Detail::CaseId, id));
            }
        }
        Ok(())
    }

    /// One session's taken slots: a known session, each slot within it, no index or case twice.
    fn restore_session(&self, entry: &Value, case_ids: &mut BTreeSet<String>) -> Result<(String, Vec<Taken>)> {
        let map = object(entry, "sessions")?;
        only_keys(map, &["session", "slots"])?;
        let Some(Value::String(id)) = map.get("session") else {
            return Err(Error::invalid("session", Problem::Missing));
        };
        let times = self.config.session(id)?;
        let slots: Vec<Taken> = serde_json::from_value(map.get("slots").cloned().unwrap_or(Value::Null))
            .map_err(|_| Error::invalid("slots", Problem::WrongType))?;
        let mut seen = BTreeMap::new();
        for t in &slots {
            // A questions slot is for a care contact with no other slot in the session.
            let lone = t.case_id.is_some() || slots.iter().filter(|o| o.care_contact == t.care_contact).count() == 1;
            let fresh_case = t.case_id.as_ref().is_none_or(|c| case_ids.insert(c.clone()));
            if t.index >= times.slots || seen.insert(t.index, ()).is_some() || !fresh_case || !lone {
                return Err(Error::invalid("slots", Problem::Inconsistent));
            }
        }
        Ok((times.id, slots))
    }
}
