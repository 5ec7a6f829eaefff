//! `utskrivning.indicators`, `payment_basis`, `payment_preset` and `PAYMENT_PRESETS`: figures
//! over many discharged cases and what each municipality owes (spec: Indicators and the payment
//! basis), a thin layer over `embed::indicators_json` and its siblings. In the core's order:
//! `from_` and `to` are read first (errors name them `from` and `to`, the spec's words), then
//! the model, then the list (the same `Case` object twice is `duplicate` before any case is
//! borrowed), then the core judges `to` after `from` and `case_id`s given twice. Indicators are
//! read only: the cases are borrowed to read, nothing is logged in any access log, and a panic
//! poisons none of them. Like `worklist`, the call holds the GIL: it reads the cases in place,
//! and copying them all to read them without it would cost more than the figures.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use utskrivning::{Error, PAYMENT_PRESETS, PaymentModel, Problem, embed};

use crate::case::{case_list, read_cases};
use crate::convert::{date_text, text, to_py, to_value};
use crate::errors::{Outcome, guard};

/// The period's two days as `YYYY-MM-DD` text, each checked as the core reads it (`from`, then
/// `to`), before anything else is.
fn period(from: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>) -> Outcome<(String, String)> {
    let from = date_text(from, "from")?;
    embed::date("from", &from)?;
    let to = date_text(to, "to")?;
    embed::date("to", &to)?;
    Ok((from, to))
}

/// A payment model given as a dict or as JSON text, checked by the core, as JSON text.
fn model_text(obj: &Bound<'_, PyAny>) -> Outcome<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow().map_err(|_| Error::invalid("model", Problem::NotJson))?.into_owned();
        PaymentModel::from_json(&s)?;
        return Ok(s);
    }
    if obj.is_instance_of::<PyDict>() {
        let value = to_value(obj, "model")?;
        PaymentModel::from_value(&value)?;
        return Ok(value.to_string());
    }
    Err(Error::invalid("model", Problem::WrongType).into())
}

/// The national follow-up's figures for the cases discharged on a Stockholm date in
/// `[from_, to)`: `{"from", "to", "days", "overall", "groups"}` (see `Indicators`).
#[pyfunction]
pub fn indicators<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let (from, to) = period(from_, to)?;
        let held = case_list(Some(cases))?;
        let found = read_cases(&held, |cases| Ok(embed::indicators_json(cases, &from, &to)?))?;
        Ok(to_py(py, &found)?)
    })
}

/// What each municipality owes for the cases discharged in `[from_, to)` under `model` (a
/// dict or JSON text): `[{"municipality", "discharges", "payable_days", "amount_sek", ...}]`.
#[pyfunction]
pub fn payment_basis<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    model: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let (from, to) = period(from_, to)?;
        let model = model_text(model)?;
        let held = case_list(Some(cases))?;
        let rows = read_cases(&held, |cases| Ok(embed::payment_basis_json(cases, &from, &to, &model)?))?;
        Ok(to_py(py, &rows)?)
    })
}

/// A named preset's model (docs/payment.md), to pass to `payment_basis` as it is or changed.
/// An unknown name is `InvalidInput` on `preset`, with the names `allowed`.
#[pyfunction]
pub fn payment_preset<'py>(py: Python<'py>, name: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let name = text(name, "preset")?;
        Ok(to_py(py, &embed::payment_preset_json(&name)?)?)
    })
}

/// `PAYMENT_PRESETS`: the names `payment_preset` knows, in docs/payment.md's order.
pub fn presets(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    PyTuple::new(py, PAYMENT_PRESETS)
}

/// For the binding's own tests: panics while reading `cases` as `indicators` does, which must
/// raise `InternalError` and poison none of them.
#[pyfunction]
pub fn _indicators_panic_for_test(py: Python<'_>, cases: &Bound<'_, PyAny>) -> PyResult<()> {
    guard(py, || {
        let held = case_list(Some(cases))?;
        read_cases(&held, |_| -> Outcome<()> { panic!("panic requested by a test") })
    })
}
