//! The binding surface: the policies C, Python, Kotlin and Swift share, written once, so that
//! the bindings cannot drift apart. A binding function is a few lines of conversion around one
//! of these: reading the caller's strings (times, roles, routines, languages), admitting from
//! the same fields an `admit` event has, the one shape of `apply`'s answer, the one rule for an
//! unknown label, and the one internal error (code `internal`, details `{"reason"}`).

use serde_json::{Map, Value, json};

use crate::case::{Accepted, Case};
use crate::labels;
use crate::model::{
    AgendaItem, Detail, Error, ErrorCode, Event, EventKind, EventType, Lang, Message, Problem, Responsibility, Result,
    Role, Routine, state_words, track,
};
use crate::time::Timestamp;
use crate::vocab::{Word, push_new, push_new_words};
use crate::wire;
use crate::worklist::WorklistItem;

/// The code of an error that is the binding's fault, never the input's. Not one of the spec's
/// codes: nothing a caller sends can cause it.
pub const INTERNAL: &str = "internal";

/// Why a binding answers `internal`: one fixed word each, the same in every binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Internal {
    /// A panic was caught at the boundary (a bug; it never unwinds into the caller).
    Panic,
    /// The object was being changed when a panic struck: it answers this from then on
    /// instead of being trusted half changed.
    Poisoned,
    /// An answer could not be written (a NUL inside a C string, say).
    Output,
}

impl Internal {
    /// The `reason` detail.
    pub const fn as_str(self) -> &'static str {
        match self {
            Internal::Panic => "panic",
            Internal::Poisoned => "poisoned",
            Internal::Output => "output",
        }
    }

    /// The message, as the core writes its messages: the label, then what the details name.
    pub fn message(self, lang: Lang) -> String {
        let text = match lang {
            Lang::Sv => "Internt fel i biblioteket",
            Lang::En => "Internal error in the library",
        };
        format!("{text} (reason={})", self.as_str())
    }

    /// `{"code": "internal", "message_sv", "message_en", "details": {"reason"}}`: the shape of
    /// every error (see [`error_json`]).
    pub fn to_json(self) -> Value {
        json!({
            "code": INTERNAL,
            "message_sv": self.message(Lang::Sv),
            "message_en": self.message(Lang::En),
            "details": {"reason": self.as_str()},
        })
    }
}

/// An error as every binding passes it on: `{"code", "message_sv", "message_en", "details"}`.
pub fn error_json(e: &Error) -> Value {
    e.to_json()
}

/// An error's message in a language: the code's label, then what the details name.
pub fn error_message(e: &Error, lang: Lang) -> String {
    e.message(lang)
}

/// The one shape of an accepted event's answer in JSON: `{"effects": [...]}`.
pub fn accepted_json(accepted: &Accepted) -> Value {
    serde_json::to_value(accepted).unwrap_or_else(|_| json!({"effects": []}))
}

/// [`accepted_json`] as text, written straight from the effects (the same bytes, with no
/// `Value` in between): for a binding that answers in JSON text.
pub fn accepted_text(accepted: &Accepted) -> String {
    serde_json::to_string(accepted).unwrap_or_else(|_| r#"{"effects":[]}"#.to_string())
}

/// An error of the `index`-th item of a batch (`apply_many`): the details say which.
pub fn with_index(e: Error, index: usize) -> Error {
    e.with(Detail::Index, index)
}

/// A time the caller passed as RFC 3339 text; `field` names it in the error.
pub fn timestamp(field: &str, s: &str) -> Result<Timestamp> {
    wire::timestamp_from_str(field, s)
}

/// A role the caller passed by its spec name.
pub fn role(s: &str) -> Result<Role> {
    wire::role_from_str(s)
}

/// A word of any vocabulary the caller passed by its spec name; `field` names it.
pub fn word<W: Word>(field: &str, s: &str) -> Result<W> {
    W::parse_word(s).ok_or_else(|| wire::unknown_word::<W>(field))
}

/// A routine the caller passed by its spec name.
pub fn routine(s: &str) -> Result<Routine> {
    word("routine", s)
}

/// A display language (`sv` or `en`).
pub fn lang(s: &str) -> Result<Lang> {
    word("lang", s)
}

/// Admits a patient from the fields an `admit` event has, given as the caller's strings:
/// exactly what the `admit` event read from JSON does (the same checks, the same errors).
/// `agreement_json` is a JSON object of the region's agreement, or `None` for the law's.
pub fn admit(
    at: &str,
    case_id: &str,
    routine: &str,
    municipal_care_at_admission: bool,
    agreement_json: Option<&str>,
) -> Result<(Case, Accepted)> {
    admit_with(&Admit { at, case_id, routine, municipal_care_at_admission, agreement_json, ..Admit::default() })
}

/// The fields of an `admit` event as the caller's strings; `None` where the event leaves a
/// field out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Admit<'a> {
    pub at: &'a str,
    pub case_id: &'a str,
    pub routine: &'a str,
    pub municipal_care_at_admission: bool,
    /// The home municipality's four-digit code (kommunkod).
    pub municipality: Option<&'a str>,
    /// `somatic` or `psychiatric`.
    pub care_type: Option<&'a str>,
    /// A JSON object of the region's agreement.
    pub agreement_json: Option<&'a str>,
}

/// Admits a patient from every field an `admit` event may have (spec version 2): exactly what
/// the `admit` event read from JSON does.
pub fn admit_with(a: &Admit<'_>) -> Result<(Case, Accepted)> {
    let Admit { at, case_id, routine, municipal_care_at_admission, municipality, care_type, agreement_json } = *a;
    let mut event = Map::new();
    event.insert("at".into(), Value::from(at));
    event.insert("actor".into(), Value::from(Role::Inpatient.as_str()));
    event.insert("type".into(), Value::from(EventType::Admit.as_str()));
    event.insert("case_id".into(), Value::from(case_id));
    event.insert("routine".into(), Value::from(routine));
    event.insert("municipal_care_at_admission".into(), Value::from(municipal_care_at_admission));
    if let Some(code) = municipality {
        event.insert("municipality".into(), Value::from(code));
    }
    if let Some(kind) = care_type {
        event.insert("care_type".into(), Value::from(kind));
    }
    if let Some(text) = agreement_json {
        let agreement = wire::parse_strict(text, "agreement")?;
        event.insert("agreement".into(), agreement);
    }
    let event = wire::event_from_value(&Value::Object(event))?;
    let mut case = Case::new();
    let accepted = case.apply(&event)?;
    Ok((case, accepted))
}

/// The display label of a word (`label("role", "patient", Lang::En)`). One rule for what is
/// not there, in every binding: an unknown kind is `invalid_input` on `kind`, an unknown word
/// `invalid_input` on `word`, each with the `allowed` names.
pub fn label(kind: &str, word: &str, lang: Lang) -> Result<&'static str> {
    if let Some(found) = labels::lookup(kind, word, lang) {
        return Ok(found);
    }
    let kinds = labels::all();
    let unknown = |field: &str, allowed: Vec<&str>| Error::invalid_allowed(field, Problem::UnknownValue, &allowed);
    match kinds.iter().find(|(k, _)| *k == kind) {
        Some((_, rows)) => Err(unknown("word", rows.iter().map(|r| r.0).collect())),
        None => Err(unknown("kind", kinds.iter().map(|(k, _)| *k).collect())),
    }
}

/// Every kind with every word's labels: `{"role": [{"word", "sv", "en"}, ...], ...}`.
pub fn labels_json() -> Value {
    let kinds: Map<String, Value> = labels::all()
        .into_iter()
        .map(|(kind, rows)| {
            let rows = rows.into_iter().map(|(word, sv, en)| json!({"word": word, "sv": sv, "en": en}));
            (kind.to_string(), Value::Array(rows.collect()))
        })
        .collect();
    Value::Object(kinds)
}

/// Every kind `label` knows, with each word's wire name and labels (the glossary's source).
pub fn label_rows() -> Vec<(&'static str, Vec<labels::LabelRow>)> {
    labels::all()
}

/// Each event type's own fields (beside `at`, `actor` and `type`), from the table of events:
/// what a binding's typed event constructors are checked against.
pub fn event_fields() -> Value {
    let map: Map<String, Value> = EventType::ALL.iter().map(|t| (t.as_str().to_string(), json!(t.fields()))).collect();
    Value::Object(map)
}

/// Every word an effect's fields may hold, each once: roles, messages, responsibilities, agenda
/// items, the tracks `state_changed` names and their states. A binding that makes its own
/// strings (Python's interned words) makes these once, from this one list.
pub fn effect_words() -> Vec<&'static str> {
    let mut words = Vec::new();
    push_new_words::<Role>(&mut words);
    push_new_words::<Message>(&mut words);
    push_new_words::<Responsibility>(&mut words);
    push_new_words::<AgendaItem>(&mut words);
    // `care_request` is a message and a track: once.
    push_new(&mut words, track::TRACKS);
    push_new(&mut words, state_words());
    words
}

/// The codes an error can have from a binding: the spec's, then [`INTERNAL`].
pub fn error_codes() -> Vec<&'static str> {
    ErrorCode::ALL.iter().map(|c| c.as_str()).chain(std::iter::once(INTERNAL)).collect()
}

/// An event from JSON text, as `Case::apply_json` reads it.
pub fn event_from_str(json: &str) -> Result<Event> {
    wire::event_from_str(json)
}

/// An event from a JSON value (what a binding built from its own dictionary or map).
pub fn event_from_value(value: &Value) -> Result<Event> {
    wire::event_from_value(value)
}

/// Reads an event's own fields, for a binding that reads its own dictionary or map without
/// building JSON first: a binding implements [`FieldReader`] over its map (each method refusing
/// what is absent, `null` or of the wrong type, as `invalid_input` naming the field) and calls
/// [`read_event`].
pub use crate::model::event::FieldReader;

/// An event from a binding's own map, as [`event_from_value`] reads it from the same JSON: the
/// caller has read `type` (by [`word`]), `at` (by [`timestamp`]) and `actor` (by [`role`])
/// first, in that order, and refused any key that is neither one of those three nor one of
/// `event_type.fields()`; this reads the event's own fields through `reader`, in the table's
/// order, then the rules of the form that no one field tells (`written_information_given` for
/// the care request's consent).
pub fn read_event<R: FieldReader>(at: Timestamp, actor: Role, event_type: EventType, reader: &mut R) -> Result<Event> {
    let kind = EventKind::read(event_type, reader)?;
    wire::form_rules(&kind)?;
    Ok(Event { at, actor, kind })
}

/// The worklist of a role given by its spec name at an RFC 3339 time, over `cases` (see
/// [`crate::worklist()`]): the role and time are read first, then a `case_id` given twice,
/// then `patient`/`relative`, all before any case is read.
pub fn worklist(role: &str, at: &str, cases: &mut [&mut Case], unit: Option<&str>) -> Result<Vec<WorklistItem>> {
    let role = self::role(role)?;
    let at = timestamp("at", at)?;
    crate::worklist::worklist(role, at, cases, unit)
}

/// A worklist as JSON: a list of `{case_id, kind, ref, since, due, overdue}`.
pub fn worklist_json(items: &[WorklistItem]) -> Value {
    serde_json::to_value(items).unwrap_or_else(|_| Value::Array(Vec::new()))
}

mod fhir;
mod indicators;
pub use fhir::*;
pub use indicators::*;

/// The JSON Schemas of the documents (feature `schema`; docs/schema/).
#[cfg(feature = "schema")]
pub mod schema;
