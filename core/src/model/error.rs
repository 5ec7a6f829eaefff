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
        /// A JSON object holds the same key twice.
        DuplicateKey = "duplicate_key",
        /// A `case_id` that holds a Swedish personal identity or coordination number.
        PersonalData = "personal_data",
        /// A calendar date that is not `YYYY-MM-DD`.
        NotADate = "not_a_date",
        /// A message id the case has not issued.
        UnknownMessage = "unknown_message",
        /// A role that may not receive this message.
        NotARecipient = "not_a_recipient",
        /// A snapshot's entries do not match the head of its hash chain.
        Tampered = "tampered",
        /// A version 1 snapshot (no chain) where a key was given.
        Unsigned = "unsigned",
        /// An entry not in the form the engine writes.
        Malformed = "malformed",
        /// A journal event the case rejects (its code is in `code`).
        Rejected = "rejected",
        /// The replayed state differs from the stored one.
        Mismatch = "mismatch",
        /// A number outside the range its field allows.
        OutOfRange = "out_of_range",
        /// A weekly time that is not `HH:MM`.
        NotATime = "not_a_time",
        /// A field that applies to one role only, given for another (a view's `care_contact`).
        OnlyForCareContact = "only_for_care_contact",
        /// A session's slots are longer than the session.
        SlotLongerThanSession = "slot_longer_than_session",
        /// Two weekly sessions overlap.
        OverlappingSessions = "overlapping_sessions",
        /// A listed range longer than the planner lists.
        RangeTooLong = "range_too_long",
        // The planner's rules a session breaks (the `problem` of its `wrong_state`).
        /// Every slot of the session is taken.
        SessionFull = "session_full",
        /// The session has started: its bookings no longer move.
        SessionStarted = "session_started",
        /// The care contact already holds a slot in the session.
        CareContactHasSlot = "care_contact_has_slot",
        /// No follow-up-questions slot is reserved for the care contact in the session.
        NoQuestionsSlot = "no_questions_slot",
        /// The planner holds no slot for the case.
        NotInPlanner = "not_in_planner",
    }
}

vocabulary! {
    /// The keys an error's details may hold beside those its code always has, each with one
    /// meaning everywhere (docs/errors.md lists them per code).
    pub enum Detail {
        /// The names a field allows (a list of strings).
        Allowed = "allowed",
        /// The largest value a field allows (an integer).
        Max = "max",
        /// The snapshot version this library reads (an integer).
        Supported = "supported",
        /// The position of the journal event that failed, in a replay or restore (an integer).
        JournalIndex = "journal_index",
        /// The position of the item that failed in a batch (`apply_many`; an integer).
        Index = "index",
        /// The position of the session entry that failed in a planner snapshot (an integer).
        SessionsIndex = "sessions_index",
        /// The position of the weekly time that failed (an integer, or two for an overlap).
        TimesIndex = "times_index",
        /// The `case_id` of the case that failed in a list of cases (an identifier, never
        /// personal data: the spec keeps the patient outside the case).
        CaseId = "case_id",
        /// The most days a range may span (an integer).
        MaxDays = "max_days",
        /// How many slots the session has (an integer).
        Slots = "slots",
        /// The case's phase, beside the track and state of a `wrong_state` (a phase name).
        Phase = "phase",
        /// The 0-based position, in document order, of an unknown key that is not an
        /// identifier (such a key may carry text a person wrote).
        Position = "position",
        /// The code a journal event was rejected with, on restore (an error code).
        Code = "code",
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
    /// An error from its code and details. Details are built by the typed constructors below
    /// (docs/errors.md documents each code's shape); the bindings use this only for their own
    /// input checks, with the same shapes.
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

    /// Adds one of the documented extra keys.
    pub fn with(mut self, key: Detail, value: impl Serialize) -> Self {
        if let Value::Object(map) = &mut self.details {
            map.insert(key.as_str().to_string(), serde_json::to_value(value).unwrap_or(Value::Null));
        }
        self
    }

    /// `invalid_input` for an unknown key named by its position (beside the field of the object
    /// that holds it, when nested).
    pub fn unknown_key_at(within: Option<&str>, position: usize) -> Self {
        let details = match within {
            Some(field) => json!({"field": field, "problem": Problem::UnknownField, "position": position}),
            None => json!({"problem": Problem::UnknownField, "position": position}),
        };
        Self::new(ErrorCode::InvalidInput, details)
    }

    /// `invalid_input` naming the field and the problem, with the names it allows.
    pub fn invalid_allowed(field: &str, problem: Problem, allowed: &[&str]) -> Self {
        Self::invalid(field, problem).with(Detail::Allowed, allowed)
    }

    /// `not_permitted` for reading a case or a session (`view`, `view_session`, `worklist`).
    pub fn not_permitted_to_read(action: &str, actor: Role) -> Self {
        Self::new(ErrorCode::NotPermitted, json!({"action": action, "actor": actor}))
    }

    pub fn consent_missing(purpose: impl Serialize) -> Self {
        Self::new(ErrorCode::ConsentMissing, json!({"purpose": purpose}))
    }

    /// `already_enrolled`: by `admission` or by an `accepted_request`.
    pub fn already_enrolled(by: &str) -> Self {
        Self::new(ErrorCode::AlreadyEnrolled, json!({"enrolled_by": by}))
    }

    pub fn color_track_not_used(allowed: &[&str]) -> Self {
        Self::new(ErrorCode::ColorTrackNotUsed, json!({"field": "track", "allowed": allowed}))
    }

    /// `preparation_incomplete`: what is missing (`care_contact`).
    pub fn preparation_missing(what: &str) -> Self {
        Self::new(ErrorCode::PreparationIncomplete, json!({"missing": what}))
    }

    /// `preparation_incomplete`: what is still open (`care_request`).
    pub fn preparation_open(what: &str) -> Self {
        Self::new(ErrorCode::PreparationIncomplete, json!({"open": what}))
    }

    pub fn wrong_place(field: &str, required: &str) -> Self {
        Self::new(ErrorCode::WrongPlace, json!({"field": field, "required": required}))
    }

    pub fn no_care_relationship(role: Role) -> Self {
        Self::new(ErrorCode::NoCareRelationship, json!({"role": role}))
    }

    /// `open_items`, each `track:state` or `follow_up:qN`.
    pub fn open_items(items: Vec<String>) -> Self {
        Self::new(ErrorCode::OpenItems, json!({"items": items}))
    }

    /// `wrong_state` of the planner: the rule the session (if any) breaks.
    pub fn planner_rule(problem: Problem, session: Option<&str>) -> Self {
        match session {
            Some(session) => Self::new(ErrorCode::WrongState, json!({"problem": problem, "session": session})),
            None => Self::new(ErrorCode::WrongState, json!({"problem": problem})),
        }
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

    pub fn time_went_backwards(last_at: crate::time::Timestamp) -> Self {
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
