//! JSON in: an event object, read field by field so that every malformed input gets
//! `invalid_input` naming the field and the problem, and never echoing the value.

use serde_json::{Map, Value};

use crate::deadlines::Agreement;
use crate::error::{Error, Problem, Result};
use crate::event::{Event, EventKind, EventType};
use crate::role::Role;
use crate::time::{Timestamp, parse_timestamp};
use crate::vocab::Word;

/// Parses one event from JSON text.
pub fn event_from_str(json: &str) -> Result<Event> {
    let value: Value =
        serde_json::from_str(json).map_err(|_| Error::invalid("event", Problem::NotJson))?;
    event_from_value(&value)
}

/// Parses one event from a JSON value (`{"at", "actor", "type", <fields>}`).
pub fn event_from_value(value: &Value) -> Result<Event> {
    let Value::Object(map) = value else {
        return Err(Error::invalid("event", Problem::NotAnObject));
    };
    let mut f = Fields::new(map);
    let event_type: EventType = f.word("type")?;
    let at = f.time("at")?;
    let actor: Role = f.word("actor")?;
    let kind = read_kind(event_type, &mut f)?;
    f.finish()?;
    Ok(Event { at, actor, kind })
}

fn read_kind(t: EventType, f: &mut Fields<'_>) -> Result<EventKind> {
    use EventKind as K;
    use EventType as T;
    // Unknown fields are named first: a typo is the likeliest cause of a missing field.
    f.allow(fields_of(t))?;
    Ok(match t {
        T::Admit => K::Admit {
            case_id: f.text("case_id")?,
            routine: f.word("routine")?,
            municipal_care_at_admission: f.bool("municipal_care_at_admission")?,
            agreement: f.agreement("agreement")?,
        },
        T::SendAdmissionNotice => K::SendAdmissionNotice { to: f.roles("to")? },
        T::AssignCareContact => K::AssignCareContact { unit: f.text("unit")? },
        T::AddRehabParty => K::AddRehabParty { provider: f.text("provider")? },
        T::MarkReadyForDischarge => K::MarkReadyForDischarge,
        T::UnmarkReadyForDischarge => K::UnmarkReadyForDischarge,
        T::Discharge => K::Discharge,
        T::CloseCase => K::CloseCase,
        T::Cancel => K::Cancel { reason: f.text("reason")? },
        T::BookCheckIn => K::BookCheckIn { starts_at: f.time("starts_at")?, remote: f.bool("remote")? },
        T::CancelCheckIn => K::CancelCheckIn,
        T::StartCheckIn => K::StartCheckIn,
        T::StartItem => K::StartItem { item: f.word("item")? },
        T::SkipItem => K::SkipItem { item: f.word("item")?, reason: f.text("reason")? },
        T::EndCheckIn => K::EndCheckIn,
        T::SendCareRequest => K::SendCareRequest { question: f.text("question")? },
        T::AcknowledgeCareRequest => K::AcknowledgeCareRequest,
        T::RequestCompletion => K::RequestCompletion { missing: f.texts("missing")? },
        T::CompleteCareRequest => K::CompleteCareRequest { supplied: f.text("supplied")? },
        T::AcceptCareRequest => K::AcceptCareRequest,
        T::RejectCareRequest => K::RejectCareRequest { reason: f.text("reason")? },
        T::CloseCareRequest => K::CloseCareRequest,
        T::GiveConsent => {
            let purpose = f.word("purpose")?;
            let written = f.opt_bool("written_information_given")?;
            // Required for the care request consent (spec: consents); absent is malformed.
            if purpose == crate::event::Purpose::CareRequest && written.is_none() {
                return Err(Error::invalid("written_information_given", Problem::Missing));
            }
            K::GiveConsent { purpose, written_information_given: written }
        }
        T::DeclineConsent => K::DeclineConsent { purpose: f.word("purpose")? },
        T::WithdrawConsent => K::WithdrawConsent { purpose: f.word("purpose")? },
        T::DecideColorTrack => K::DecideColorTrack { track: f.text("track")?, agreed_by: f.roles("agreed_by")? },
        T::ScheduleSip => K::ScheduleSip {
            meeting_at: f.time("meeting_at")?,
            place: f.text("place")?,
            participants: f.roles("participants")?,
        },
        T::HoldSip => K::HoldSip,
        T::RecordSolApplication => K::RecordSolApplication { status: f.word("status")? },
        T::RaiseQuestion => K::RaiseQuestion {
            text: f.text("text")?,
            concerns_inpatient: f.bool("concerns_inpatient")?,
        },
        T::AnswerQuestion => K::AnswerQuestion { id: f.text("id")? },
    })
}

/// The fields an event type has, beside `at`, `actor` and `type`.
pub fn fields_of(t: EventType) -> &'static [&'static str] {
    use EventType as T;
    match t {
        T::Admit => &["case_id", "routine", "municipal_care_at_admission", "agreement"],
        T::SendAdmissionNotice => &["to"],
        T::AssignCareContact => &["unit"],
        T::AddRehabParty => &["provider"],
        T::Cancel => &["reason"],
        T::BookCheckIn => &["starts_at", "remote"],
        T::StartItem => &["item"],
        T::SkipItem => &["item", "reason"],
        T::SendCareRequest => &["question"],
        T::RequestCompletion => &["missing"],
        T::CompleteCareRequest => &["supplied"],
        T::RejectCareRequest => &["reason"],
        T::GiveConsent => &["purpose", "written_information_given"],
        T::DeclineConsent | T::WithdrawConsent => &["purpose"],
        T::DecideColorTrack => &["track", "agreed_by"],
        T::ScheduleSip => &["meeting_at", "place", "participants"],
        T::RecordSolApplication => &["status"],
        T::RaiseQuestion => &["text", "concerns_inpatient"],
        T::AnswerQuestion => &["id"],
        T::MarkReadyForDischarge
        | T::UnmarkReadyForDischarge
        | T::Discharge
        | T::CloseCase
        | T::CancelCheckIn
        | T::StartCheckIn
        | T::EndCheckIn
        | T::AcknowledgeCareRequest
        | T::AcceptCareRequest
        | T::CloseCareRequest
        | T::HoldSip => &[],
    }
}

/// A reader over one JSON object that names each field it fails on.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(map: &'a Map<String, Value>) -> Self {
        Fields { map }
    }

    fn get(&self, name: &str) -> Result<&'a Value> {
        match self.map.get(name) {
            None | Some(Value::Null) => Err(Error::invalid(name, Problem::Missing)),
            Some(v) => Ok(v),
        }
    }

    /// Refuses any key that is not `at`, `actor`, `type` or one of `fields`.
    pub(crate) fn allow(&self, fields: &[&str]) -> Result<()> {
        let known = |k: &str| matches!(k, "at" | "actor" | "type") || fields.contains(&k);
        match self.map.keys().find(|k| !known(k)) {
            Some(extra) => Err(Error::invalid(&field_name(extra), Problem::UnknownField)),
            None => Ok(()),
        }
    }

    pub(crate) fn finish(self) -> Result<()> {
        Ok(())
    }

    pub(crate) fn text(&self, name: &str) -> Result<String> {
        match self.get(name)? {
            Value::String(s) => Ok(s.clone()),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn bool(&self, name: &str) -> Result<bool> {
        match self.get(name)? {
            Value::Bool(b) => Ok(*b),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    fn opt_bool(&self, name: &str) -> Result<Option<bool>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn time(&self, name: &str) -> Result<Timestamp> {
        match self.get(name)? {
            Value::String(s) => {
                parse_timestamp(s).ok_or_else(|| Error::invalid(name, Problem::NotATimestamp))
            }
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn word<W: Word>(&self, name: &str) -> Result<W> {
        match self.get(name)? {
            Value::String(s) => W::parse_word(s).ok_or_else(|| unknown_word::<W>(name)),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    /// A non-empty list of known roles (spec: "an empty list where roles are listed gets
    /// `invalid_input`").
    fn roles(&self, name: &str) -> Result<Vec<Role>> {
        let Value::Array(items) = self.get(name)? else {
            return Err(Error::invalid(name, Problem::WrongType));
        };
        if items.is_empty() {
            return Err(Error::invalid(name, Problem::EmptyList));
        }
        items
            .iter()
            .map(|v| match v {
                Value::String(s) => Role::parse(s).ok_or_else(|| unknown_word::<Role>(name)),
                _ => Err(Error::invalid(name, Problem::WrongType)),
            })
            .collect()
    }

    /// A list of texts; an empty one is well formed (the guard gives `missing_information`).
    fn texts(&self, name: &str) -> Result<Vec<String>> {
        let Value::Array(items) = self.get(name)? else {
            return Err(Error::invalid(name, Problem::WrongType));
        };
        items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                _ => Err(Error::invalid(name, Problem::WrongType)),
            })
            .collect()
    }

    fn agreement(&self, name: &str) -> Result<Option<Agreement>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => Agreement::from_fields(&Fields::new(map)).map(Some),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &'a String> {
        self.map.keys()
    }

    pub(crate) fn opt_u32(&self, name: &str) -> Result<Option<u32>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn opt_bool_field(&self, name: &str) -> Result<Option<bool>> {
        self.opt_bool(name)
    }
}

fn unknown_word<W: Word>(field: &str) -> Error {
    let allowed: Vec<&str> = W::WORDS.iter().map(|w| w.as_word()).collect();
    Error::invalid(field, Problem::UnknownValue).with("allowed", allowed)
}

/// An unknown key is named so the typo can be found, but cut short: it is input, not ours.
fn field_name(key: &str) -> String {
    key.chars().take(64).collect()
}

/// A role from its JSON name, for bindings that take roles as strings.
pub fn role_from_str(s: &str) -> Result<Role> {
    Role::parse(s).ok_or_else(|| unknown_word::<Role>("role"))
}

/// A timestamp from RFC 3339 text, for bindings that take times as strings.
pub fn timestamp_from_str(field: &str, s: &str) -> Result<Timestamp> {
    parse_timestamp(s).ok_or_else(|| Error::invalid(field, Problem::NotATimestamp))
}
