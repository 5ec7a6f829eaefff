//! `utskrivning._native`: the compiled part of the Python package `utskrivning`. All logic is
//! the core's; this layer converts arguments and results and turns every failure into a
//! `utskrivning.UtskrivningError`. The Python package (python/utskrivning) adds the enums, the
//! typed events and the exception classes.

mod case;
mod convert;
mod errors;
mod guarded;
mod indicators;
mod planner;
mod sim;
mod worklist;

use pyo3::prelude::*;
use serde_json::json;
use utskrivning::{AgendaItem, Purpose, SolStatus};
use utskrivning::{ErrorCode, Lang, Role, Routine, embed};

use crate::convert::{text, time_text, to_py, to_value};
use crate::errors::{Outcome, guard};

/// The display label of a word of the spec: `label("role", "patient", "en")`.
#[pyfunction]
// Left out (or `None`), the language is Swedish: shown as the default it is.
#[pyo3(signature = (kind, word, lang = None), text_signature = "(kind, word, lang='sv')")]
fn label(
    py: Python<'_>,
    kind: &Bound<'_, PyAny>,
    word: &Bound<'_, PyAny>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    guard(py, || {
        let kind = text(kind, "kind")?;
        let word = text(word, "word")?;
        let lang = match lang {
            None => Lang::Sv,
            Some(l) => embed::lang(&text(l, "lang")?)?,
        };
        Ok(embed::label(&kind, &word, lang)?.to_string())
    })
}

/// Every word list of the spec, by kind, with the wire names in the spec's order: the labels'
/// kinds, plus `sol_status` and `lang`. The Python enums are checked against it.
#[pyfunction]
fn vocabulary(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        let mut map = serde_json::Map::new();
        for (kind, rows) in embed::label_rows() {
            map.insert(kind.into(), json!(rows.iter().map(|r| r.0).collect::<Vec<_>>()));
        }
        map.insert("sol_status".into(), json!(SolStatus::ALL.iter().map(|w| w.as_str()).collect::<Vec<_>>()));
        map.insert("lang".into(), json!(Lang::ALL.iter().map(|w| w.as_str()).collect::<Vec<_>>()));
        // Named here so a rename in the core fails to compile rather than drift.
        let _ = (Role::ALL, Routine::ALL, Purpose::ALL, AgendaItem::ALL, ErrorCode::ALL);
        Ok(to_py(py, &serde_json::Value::Object(map))?)
    })
}

/// Each event type's own fields (beside `at`, `actor` and `type`), from the core's table of
/// events: the typed events in `utskrivning.events` are checked against it.
#[pyfunction]
fn event_fields(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || Ok(to_py(py, &embed::event_fields())?))
}

/// The event a FHIR R4 Task from municipal care's system stands for (JSON text or the dict
/// it parses to), at `at`, as the event dict `Case.apply` takes (docs/fhir.md).
#[pyfunction]
fn from_fhir_task<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let at = time_text(at, "at")?;
        let task = match task.cast::<pyo3::types::PyString>() {
            Ok(s) => s
                .to_cow()
                .map_err(|_| utskrivning::Error::invalid("Task", utskrivning::Problem::WrongType))?
                .into_owned(),
            Err(_) => to_value(task, "Task")?.to_string(),
        };
        Ok(to_py(py, &embed::from_fhir_task(&task, &at)?)?)
    })
}

/// For the binding's own tests: a panic inside the guard, which must come out as
/// `InternalError`.
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> Outcome<()> { panic!("panic requested by a test") })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<case::Case>()?;
    m.add_class::<planner::Planner>()?;
    m.add_function(wrap_pyfunction!(label, m)?)?;
    m.add_function(wrap_pyfunction!(vocabulary, m)?)?;
    m.add_function(wrap_pyfunction!(event_fields, m)?)?;
    m.add_function(wrap_pyfunction!(from_fhir_task, m)?)?;
    m.add_function(wrap_pyfunction!(worklist::worklist, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::indicators, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::payment_basis, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::payment_preset, m)?)?;
    m.add_class::<sim::SimRun>()?;
    m.add_function(wrap_pyfunction!(sim::sim_preset, m)?)?;
    m.add_function(wrap_pyfunction!(sim::sim_params, m)?)?;
    m.add_function(wrap_pyfunction!(sim::sim_categories, m)?)?;
    m.add_function(wrap_pyfunction!(sim::sim_presets, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(worklist::_worklist_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(indicators::_indicators_panic_for_test, m)?)?;
    m.add("PAYMENT_PRESETS", indicators::presets(m.py())?)?;
    m.add("SNAPSHOT_VERSION", utskrivning::SNAPSHOT_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
