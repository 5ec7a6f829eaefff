//! `utskrivning.worklist`: what one role has to do now across the cases the caller passes
//! (spec: Worklists), a thin layer over `embed::worklist`. The role and the time are read
//! first, then the list (the same `Case` object twice is `duplicate` before any case is
//! borrowed), then the core judges `case_id`s given twice and `patient`/`relative`, all before
//! it reads a case. Each case that gives items gets a `worklist` line in its access log, so the
//! cases are held as a change: a panic poisons them all.

use pyo3::prelude::*;
use utskrivning::embed;

use crate::case::{case_list, change_cases, optional_text};
use crate::convert::{text, time_text, to_py};
use crate::errors::{Outcome, guard};

/// The worklist of `role` at `at` over `cases`: `[{case_id, kind, ref, since, due, overdue}]`,
/// overdue first. `unit` narrows a care contact's list to the cases of that unit.
#[pyfunction]
#[pyo3(signature = (role, at, cases, unit = None))]
pub fn worklist<'py>(
    py: Python<'py>,
    role: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    cases: &Bound<'py, PyAny>,
    unit: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let role = text(role, "role")?;
        let at = time_text(at, "at")?;
        // Judged here too, so that a bad role or time comes before anything about the cases.
        embed::role(&role)?;
        embed::timestamp("at", &at)?;
        let unit = optional_text(unit, "unit")?;
        let held = case_list(Some(cases))?;
        let items = change_cases(&held, |cases| Ok(embed::worklist(&role, &at, cases, unit.as_deref())?))?;
        Ok(to_py(py, &embed::worklist_json(&items))?)
    })
}

/// For the binding's own tests: panics while holding `cases` as `worklist` does, which must
/// poison them all and raise `InternalError`.
#[pyfunction]
pub fn _worklist_panic_for_test(py: Python<'_>, cases: &Bound<'_, PyAny>) -> PyResult<()> {
    guard(py, || {
        let held = case_list(Some(cases))?;
        change_cases(&held, |_| -> Outcome<()> { panic!("panic requested by a test") })
    })
}
