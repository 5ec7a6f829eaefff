//! FHIR R4 for the bindings (docs/fhir.md): the case's Bundle as JSON text at a time the
//! caller passes as RFC 3339 text, and the care request's Task read back as the event it
//! stands for, as the JSON every binding's `apply` takes. Read in this order: `at`, then the
//! case (or the Task). Nothing is logged: the export only reads.

use serde_json::Value;

use crate::case::Case;
use crate::fhir;
use crate::model::Result;
use crate::wire;

/// The case as a FHIR R4 Bundle (JSON text), deadlines' status and `timestamp` at `at`.
pub fn to_fhir(case: &Case, at: &str) -> Result<String> {
    let at = wire::timestamp_from_str("at", at)?;
    fhir::to_fhir(case, at)
}

/// The event a Task (JSON text) from municipal care's system stands for, at `at`, as the JSON
/// of an event (`{"at", "actor", "type", <fields>}`) that `apply` takes.
pub fn from_fhir_task(task: &str, at: &str) -> Result<Value> {
    let at = wire::timestamp_from_str("at", at)?;
    let event = fhir::from_fhir_task(task, at)?;
    Ok(serde_json::to_value(&event).unwrap_or(Value::Null))
}
