//! The spec's error codes and the one error type every rejection carries.
//!
//! Details name fields, states, roles and codes: never a value a person typed, so an error can
//! be logged or shown without leaking patient text (application-services' rule, doubly here).

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::role::Role;
use crate::vocab::{UnknownWord, vocabulary};

vocabulary! {
    /// Every rejection has exactly one of these (spec: Errors).
    pub enum ErrorCode {
        InvalidInput = "invalid_input",
        WrongState = "wrong_state",
        NotPermitted = "not_permitted",
        ConsentMissing = "consent_missing",
        AlreadyEnrolled = "already_enrolled",
        MissingInformation = "missing_information",
        ColorTrackNotUsed = "color_track_not_used",
        AgreementIncomplete = "agreement_incomplete",
        PreparationIncomplete = "preparation_incomplete",
        WrongPlace = "wrong_place",
        NoCareRelationship = "no_care_relationship",
        OpenItems = "open_items",
        TimeWentBackwards = "time_went_backwards",
        CaseFinished = "case_finished",
    }
}

vocabulary! {
    /// What is wrong with a malformed input (the `problem` detail of `invalid_input`).
    pub enum Problem {
        NotJson = "not_json",
        NotAnObject = "not_an_object",
        Missing = "missing",
        WrongType = "wrong_type",
        UnknownField = "unknown_field",
        UnknownValue = "unknown_value",
        EmptyList = "empty_list",
        NotATimestamp = "not_a_timestamp",
        UnknownQuestion = "unknown_question",
        UnsupportedVersion = "unsupported_version",
        Inconsistent = "inconsistent",
        /// One item given twice where each must be distinct (a case twice in a list of cases).
        Duplicate = "duplicate",
    }
}

/// A rejection: the case is exactly as it was before the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{code}{}", self.details_summary())]
pub struct Error {
    pub code: ErrorCode,
    /// A JSON object naming what is wrong (fields, states, roles), never free text.
    pub details: Value,
}

impl Error {
    pub fn new(code: ErrorCode, details: Value) -> Self {
        Error { code, details }
    }

    /// What the details name, as ` (key=value, …)`: the tail of every human message (the
    /// code's label comes first: see `labels`). Empty when the details name nothing.
    pub fn details_summary(&self) -> String {
        let Value::Object(map) = &self.details else { return String::new() };
        if map.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect();
        format!(" ({})", parts.join(", "))
    }

    pub fn invalid(field: &str, problem: Problem) -> Self {
        Self::new(ErrorCode::InvalidInput, json!({"field": field, "problem": problem}))
    }

    pub(crate) fn with(mut self, key: &str, value: impl Serialize) -> Self {
        if let Value::Object(map) = &mut self.details {
            map.insert(key.to_string(), serde_json::to_value(value).unwrap_or(Value::Null));
        }
        self
    }

    pub fn wrong_state(event: &str, track: &str, state: &str) -> Self {
        Self::new(ErrorCode::WrongState, json!({"event": event, "track": track, "state": state}))
    }

    pub fn not_permitted(event: &str, actor: Role) -> Self {
        Self::new(ErrorCode::NotPermitted, json!({"event": event, "actor": actor}))
    }

    pub fn case_finished(phase: &str) -> Self {
        Self::new(ErrorCode::CaseFinished, json!({"phase": phase}))
    }

    pub fn time_went_backwards(last_at: jiff::Timestamp) -> Self {
        Self::new(ErrorCode::TimeWentBackwards, json!({"last_at": last_at}))
    }

    pub fn missing_information(field: &str) -> Self {
        Self::new(ErrorCode::MissingInformation, json!({"field": field}))
    }

    pub fn missing_roles(code: ErrorCode, field: &str, missing: Vec<Role>) -> Self {
        Self::new(code, json!({"field": field, "missing": missing}))
    }

    pub fn code_only(code: ErrorCode) -> Self {
        Self::new(code, Value::Object(Map::new()))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<UnknownWord> for Error {
    fn from(w: UnknownWord) -> Self {
        Error::invalid(w.kind, Problem::UnknownValue)
    }
}
