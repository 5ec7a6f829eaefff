//! `from_fhir_task`: the care request's way back. A FHIR `Task` as municipal care's system
//! updates it becomes the engine event it stands for, performed by `municipal_care` at `at`;
//! the case then applies it as any event (so a status that does not fit the request's state is
//! the case's `wrong_state`). A Task that cannot be read is `invalid_input` naming the FHIR
//! element's path (`Task.status`, `Task.statusReason.text`), never a value.

use serde_json::{Map, Value};

use crate::fhir::codes::system;
use crate::model::{CareRequestState, Error, Event, EventKind, Problem, Result, Role};
use crate::time::Timestamp;
use crate::vocab::Word;
use crate::wire;

/// The statuses of a Task municipal care sends back, each an event.
pub const TASK_STATUSES: &[&str] = &["received", "accepted", "rejected"];

/// The event a Task (JSON text) from municipal care's system stands for.
pub fn from_fhir_task(task: &str, at: Timestamp) -> Result<Event> {
    let value = wire::parse_strict(task, "Task")?;
    from_fhir_task_value(&value, at)
}

/// [`from_fhir_task`] of a parsed JSON value.
pub fn from_fhir_task_value(task: &Value, at: Timestamp) -> Result<Event> {
    let Value::Object(task) = task else { return Err(Error::invalid("Task", Problem::NotAnObject)) };
    match task.get("resourceType") {
        None => return Err(Error::invalid("Task.resourceType", Problem::Missing)),
        Some(Value::String(t)) if t == "Task" => {}
        Some(Value::String(_)) => {
            return Err(Error::invalid_allowed("Task.resourceType", Problem::UnknownValue, &["Task"]));
        }
        Some(_) => return Err(Error::invalid("Task.resourceType", Problem::WrongType)),
    }
    let status = string(task, "status", "Task.status")?;
    let business = business_status(task)?;
    let kind = match (status, business) {
        ("received", Some(CareRequestState::CompletionRequested)) => {
            EventKind::RequestCompletion { missing: missing(task)? }
        }
        ("received", _) => EventKind::AcknowledgeCareRequest,
        ("accepted", _) => EventKind::AcceptCareRequest,
        ("rejected", _) => EventKind::RejectCareRequest { reason: reason(task)? },
        _ => return Err(Error::invalid_allowed("Task.status", Problem::UnknownValue, TASK_STATUSES)),
    };
    Ok(Event { at, actor: Role::MunicipalCare, kind })
}

/// A string element: missing, or not a string, named by `path`.
fn string<'a>(map: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a str> {
    match map.get(key) {
        None | Some(Value::Null) => Err(Error::invalid(path, Problem::Missing)),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(Error::invalid(path, Problem::WrongType)),
    }
}

fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| Error::invalid(path, Problem::WrongType))
}

fn array<'a>(value: &'a Value, path: &str) -> Result<&'a [Value]> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| Error::invalid(path, Problem::WrongType))
}

/// The engine's state among `businessStatus`'s codings of the project's system, if any; a code
/// of that system the engine does not know is refused, codings of other systems are theirs.
/// Only `completion_requested` beside `received` says more than the status: any other code is
/// what the export last wrote (a system that sets the status need not touch it).
fn business_status(task: &Map<String, Value>) -> Result<Option<CareRequestState>> {
    let Some(business) = task.get("businessStatus") else { return Ok(None) };
    let business = object(business, "Task.businessStatus")?;
    let Some(codings) = business.get("coding") else { return Ok(None) };
    let mut found = None;
    for (i, c) in array(codings, "Task.businessStatus.coding")?.iter().enumerate() {
        let path = format!("Task.businessStatus.coding[{i}]");
        let c = object(c, &path)?;
        if c.get("system").and_then(Value::as_str) != Some(system::CARE_REQUEST_STATE) {
            continue;
        }
        let code_path = format!("{path}.code");
        let code = string(c, "code", &code_path)?;
        let state =
            CareRequestState::parse_word(code).ok_or_else(|| wire::unknown_word::<CareRequestState>(&code_path))?;
        found = Some(state);
    }
    Ok(found)
}

/// What municipal care asks to be completed: each `output`'s `valueString`.
fn missing(task: &Map<String, Value>) -> Result<Vec<String>> {
    let Some(outputs) = task.get("output") else { return Err(Error::invalid("Task.output", Problem::Missing)) };
    let outputs = array(outputs, "Task.output")?;
    if outputs.is_empty() {
        return Err(Error::invalid("Task.output", Problem::EmptyList));
    }
    outputs
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let path = format!("Task.output[{i}]");
            let o = object(o, &path)?;
            Ok(string(o, "valueString", &format!("{path}.valueString"))?.to_string())
        })
        .collect()
}

/// Why municipal care rejects: `statusReason.text`.
fn reason(task: &Map<String, Value>) -> Result<String> {
    let Some(reason) = task.get("statusReason") else {
        return Err(Error::invalid("Task.statusReason", Problem::Missing));
    };
    let reason = object(reason, "Task.statusReason")?;
    Ok(string(reason, "text", "Task.statusReason.text")?.to_string())
}
