//! `utskrivning.Planner`: one hospital's check-in sessions (docs/sessions.md), a thin layer over
//! the core's `Planner`. The core books a case only through the case's own events, on a copy
//! first, so a refusal leaves both planner and case unchanged; here a caught panic retires the
//! planner (and, through `with_case`, the case), as it might be half-changed.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde::Serialize;
use serde_json::Value;
use utskrivning as engine;
use utskrivning::{Error, Problem, embed};

use crate::case::{Case, with_case};
use crate::convert::{text, time_text, to_py, to_value};
use crate::errors::{Failure, Outcome, guard};

/// One hospital's check-in sessions: weekly times, booked slots and the log of session views.
#[pyclass(module = "utskrivning", name = "Planner")]
pub struct Planner {
    inner: engine::Planner,
    /// Set when a panic was caught while the planner was being changed.
    retired: bool,
}

fn json<T: Serialize + ?Sized>(value: &T) -> Outcome<Value> {
    serde_json::to_value(value).map_err(|_| Failure::Internal("serialize"))
}

fn timestamp(obj: &Bound<'_, PyAny>, field: &str) -> Outcome<engine::Timestamp> {
    let s = time_text(obj, field)?;
    Ok(embed::timestamp(field, &s)?)
}

/// Runs `f` on the planner, mutably; a panic retires it and comes out as `InternalError`.
fn with_planner<T>(slf: &Bound<'_, Planner>, f: impl FnOnce(&mut engine::Planner) -> Outcome<T>) -> Outcome<T> {
    let mut this = slf.try_borrow_mut().map_err(|_| Failure::Internal("planner_in_use"))?;
    if this.retired {
        return Err(Failure::Internal("planner_retired_after_panic"));
    }
    match catch_unwind(AssertUnwindSafe(|| f(&mut this.inner))) {
        // A panic caught inside (in `with_case`) may have left the planner half-changed too.
        Ok(Err(Failure::Internal("panic"))) | Err(_) => {
            this.retired = true;
            Err(Failure::Internal("panic"))
        }
        Ok(outcome) => outcome,
    }
}

/// A JSON-shaped argument given as text or as the dict it parses to.
fn text_or_dict(obj: &Bound<'_, PyAny>, field: &str) -> Outcome<Result<String, Value>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Ok(s.to_cow().map_err(|_| Error::invalid(field, Problem::NotJson))?.into_owned()));
    }
    if obj.is_instance_of::<PyDict>() {
        return Ok(Err(to_value(obj, field)?));
    }
    Err(Error::invalid(field, Problem::WrongType).into())
}

/// The cases of a list argument (a list or tuple of `Case`, or `None` for none). A case given
/// twice is refused before any is borrowed: each must be borrowed once, and mutably in `regroup`.
fn case_list<'py>(cases: Option<&Bound<'py, PyAny>>) -> Outcome<Vec<Bound<'py, Case>>> {
    let Some(cases) = cases else { return Ok(Vec::new()) };
    if !(cases.is_instance_of::<PyList>() || cases.is_instance_of::<PyTuple>()) {
        return Err(Error::invalid("cases", Problem::WrongType).into());
    }
    let mut items: Vec<Bound<'py, Case>> = Vec::new();
    for item in cases.try_iter()? {
        let item = item?;
        let case = item.cast_into::<Case>().map_err(|_| Error::invalid("cases", Problem::WrongType))?;
        if items.iter().any(|c| c.is(&case)) {
            return Err(Error::invalid("cases", Problem::Duplicate).into());
        }
        items.push(case);
    }
    Ok(items)
}

fn case_arg<'a, 'py>(obj: &'a Bound<'py, PyAny>) -> Outcome<&'a Bound<'py, Case>> {
    obj.cast::<Case>().map_err(|_| Error::invalid("case", Problem::WrongType).into())
}

#[pymethods]
impl Planner {
    /// A planner with no bookings, from its configuration (a dict or JSON text):
    /// `{"hospital", "slot_minutes", "times": [{"weekday", "starts", "ends"}]}`.
    #[new]
    fn new(py: Python<'_>, config: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let inner = match text_or_dict(config, "config")? {
                Ok(s) => engine::Planner::from_config_json(&s)?,
                Err(v) => engine::Planner::new(engine::PlannerConfig::from_value(&v)?)?,
            };
            Ok(Planner { inner, retired: false })
        })
    }

    /// Every session starting in `[from_, to)` (at most a year), with its slot count and free slots.
    fn sessions_between<'py>(
        slf: &Bound<'py, Self>,
        from_: &Bound<'py, PyAny>,
        to: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let (from, to) = (timestamp(from_, "from")?, timestamp(to, "to")?);
            let found = with_planner(slf, |p| json(&p.sessions_between(from, to)?))?;
            Ok(to_py(py, &found)?)
        })
    }

    /// Every slot of a session, free ones included, in time order.
    fn slots<'py>(slf: &Bound<'py, Self>, session: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let session = text(session, "session")?.into_owned();
            let found = with_planner(slf, |p| json(&p.slots(&session)?))?;
            Ok(to_py(py, &found)?)
        })
    }

    /// Books a case into a session: `{"slot", "effects"}`. A refusal changes neither.
    fn book<'py>(
        slf: &Bound<'py, Self>,
        session: &Bound<'py, PyAny>,
        case: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        book_or_rebook(slf, session, case, at, false)
    }

    /// Moves a booked case to a slot in `session`, freeing its old slot. All or nothing.
    fn rebook<'py>(
        slf: &Bound<'py, Self>,
        session: &Bound<'py, PyAny>,
        case: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        book_or_rebook(slf, session, case, at, true)
    }

    /// Cancels a case's check-in and frees its slot; returns the case's effects.
    fn cancel<'py>(
        slf: &Bound<'py, Self>,
        case: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let case = case_arg(case)?;
            let at = timestamp(at, "at")?;
            let effects = with_planner(slf, |p| with_case(case, |c| json(&p.cancel(c, at)?.effects)))?;
            Ok(to_py(py, &effects)?)
        })
    }

    /// The session as `role` may see it at `at`; `care_contact` is the unit of a care contact,
    /// `cases` those municipal care's relationships are judged on. Every attempt is logged.
    #[pyo3(signature = (session, role, at, cases = None, care_contact = None))]
    fn view<'py>(
        slf: &Bound<'py, Self>,
        session: &Bound<'py, PyAny>,
        role: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        cases: Option<&Bound<'py, PyAny>>,
        care_contact: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let session = text(session, "session")?.into_owned();
            let role = embed::role(&text(role, "role")?)?;
            let at = timestamp(at, "at")?;
            let unit = care_contact.map(|c| text(c, "care_contact").map(|s| s.into_owned())).transpose()?;
            let items = case_list(cases)?;
            let mut held = Vec::new();
            for case in &items {
                let this = case.try_borrow().map_err(|_| Failure::Internal("case_in_use"))?;
                if this.retired {
                    return Err(Failure::Internal("case_retired_after_panic"));
                }
                held.push(this);
            }
            let refs: Vec<&engine::Case> = held.iter().map(|c| &c.inner).collect();
            let seen = with_planner(slf, |p| json(&p.view(&session, role, unit.as_deref(), at, &refs)?))?;
            Ok(to_py(py, &seen)?)
        })
    }

    /// Puts each care contact's slots next to each other, from the session's start, moving only
    /// what must move; pass every case booked in the session. Returns a booking for each case
    /// that moved. All or nothing: a refusal (with the refusing case's `case_id`) changes none.
    fn regroup<'py>(
        slf: &Bound<'py, Self>,
        session: &Bound<'py, PyAny>,
        cases: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let session = text(session, "session")?.into_owned();
            let items = case_list(Some(cases))?;
            let at = timestamp(at, "at")?;
            let mut held = Vec::new();
            for case in &items {
                let this = case.try_borrow_mut().map_err(|_| Failure::Internal("case_in_use"))?;
                if this.retired {
                    return Err(Failure::Internal("case_retired_after_panic"));
                }
                held.push(this);
            }
            let outcome = with_planner(slf, |p| {
                let mut refs: Vec<&mut engine::Case> = held.iter_mut().map(|c| &mut c.inner).collect();
                json(&p.regroup(&session, &mut refs, at)?)
            });
            // A panic inside may have left any of the cases half-changed: retire them all.
            if matches!(outcome, Err(Failure::Internal("panic"))) {
                held.iter_mut().for_each(|c| c.retired = true);
            }
            Ok(to_py(py, &outcome?)?)
        })
    }

    /// Gives a care contact with no case in the session a slot of their own, so that others can
    /// ask them about a patient; a case of theirs booked later takes it over.
    fn reserve_questions_slot<'py>(
        slf: &Bound<'py, Self>,
        session: &Bound<'py, PyAny>,
        care_contact: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let session = text(session, "session")?.into_owned();
            let unit = text(care_contact, "care_contact")?.into_owned();
            let at = timestamp(at, "at")?;
            let slot = with_planner(slf, |p| json(&p.reserve_questions_slot(&session, &unit, at)?))?;
            Ok(to_py(py, &slot)?)
        })
    }

    /// Frees a care contact's questions slot.
    fn release_questions_slot(
        slf: &Bound<'_, Self>,
        session: &Bound<'_, PyAny>,
        care_contact: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        guard(slf.py(), || {
            let session = text(session, "session")?.into_owned();
            let unit = text(care_contact, "care_contact")?.into_owned();
            with_planner(slf, |p| Ok(p.release_questions_slot(&session, &unit)?))
        })
    }

    /// The slot the planner holds for a case id, or `None`.
    fn slot_of<'py>(slf: &Bound<'py, Self>, case_id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let case_id = text(case_id, "case_id")?.into_owned();
            let slot = with_planner(slf, |p| json(&p.slot_of(&case_id)))?;
            Ok(to_py(py, &slot)?)
        })
    }

    /// Every session view, allowed or refused: time, role, session, outcome (and the code).
    #[getter]
    fn access_log<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let log = with_planner(slf, |p| json(p.access_log()))?;
            Ok(to_py(py, &log)?)
        })
    }

    /// The snapshot as JSON text: configuration, booked slots and access log, with a format version.
    fn snapshot(slf: &Bound<'_, Self>) -> PyResult<String> {
        guard(slf.py(), || with_planner(slf, |p| Ok(p.snapshot_json())))
    }

    /// A planner from a snapshot (JSON text or the dict it parses to).
    #[staticmethod]
    fn restore(py: Python<'_>, snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let inner = match text_or_dict(snapshot, "snapshot")? {
                Ok(s) => engine::Planner::restore(&s)?,
                Err(v) => engine::Planner::restore_value(&v)?,
            };
            Ok(Planner { inner, retired: false })
        })
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        guard(slf.py(), || {
            with_planner(slf, |p| {
                Ok(format!("Planner(times={}, slot_minutes={})", p.config().times.len(), p.config().slot_minutes))
            })
        })
    }
}

fn book_or_rebook<'py>(
    slf: &Bound<'py, Planner>,
    session: &Bound<'py, PyAny>,
    case: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    rebook: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    guard(py, || {
        let session = text(session, "session")?.into_owned();
        let case = case_arg(case)?;
        let at = timestamp(at, "at")?;
        let booking = with_planner(slf, |p| {
            with_case(case, |c| json(&if rebook { p.rebook(&session, c, at)? } else { p.book(&session, c, at)? }))
        })?;
        Ok(to_py(py, &booking)?)
    })
}
