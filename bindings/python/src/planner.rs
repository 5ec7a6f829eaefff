//! `utskrivning.Planner`: one hospital's check-in sessions (docs/sessions.md), a thin layer over
//! the core's `Planner`. The core books a case only through the case's own events, on a copy
//! first, so a refusal leaves both planner and case unchanged; a caught panic poisons the
//! planner and the cases the operation was changing (`guarded`, the one policy with `Case`).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde_json::Value;
use utskrivning as engine;
use utskrivning::embed::Internal;
use utskrivning::{Error, Problem, embed};

use crate::case::{Case, case_list, timestamp};
use crate::convert::{text, to_py, to_value};
use crate::errors::{Failure, Outcome, guard, json};
use crate::guarded::{Guarded, changing};

/// One hospital's check-in sessions: weekly times, booked slots and the log of session views.
#[pyclass(module = "utskrivning", name = "Planner")]
pub struct Planner(Guarded<engine::Planner>);

/// Runs `f` on the planner, mutably; a panic poisons it.
fn change<T>(slf: &Bound<'_, Planner>, f: impl FnOnce(&mut engine::Planner) -> Outcome<T>) -> Outcome<T> {
    let mut this = slf.try_borrow_mut()?;
    this.0.change(f)
}

/// Runs `f` on the planner without changing it.
fn read<T>(slf: &Bound<'_, Planner>, f: impl FnOnce(&engine::Planner) -> Outcome<T>) -> Outcome<T> {
    let this = slf.try_borrow()?;
    f(this.0.get()?)
}

/// Runs `f` on the planner and the cases, all mutably; a panic poisons them all, as any may
/// have been left half changed.
fn change_with_cases<T>(
    slf: &Bound<'_, Planner>,
    cases: &[Bound<'_, Case>],
    f: impl FnOnce(&mut engine::Planner, &mut [&mut engine::Case]) -> Outcome<T>,
) -> Outcome<T> {
    let mut this = slf.try_borrow_mut()?;
    let mut held = cases.iter().map(|c| c.try_borrow_mut()).collect::<Result<Vec<_>, _>>()?;
    let (planner, planner_mark) = this.0.open()?;
    let mut marks = vec![planner_mark];
    let mut refs = Vec::new();
    for case in &mut held {
        let (case, mark) = case.0.open()?;
        refs.push(case);
        marks.push(mark);
    }
    changing(marks, || f(planner, &mut refs))
}

/// Runs `f` on the planner and one case.
fn change_with_case<T>(
    slf: &Bound<'_, Planner>,
    case: &Bound<'_, Case>,
    f: impl FnOnce(&mut engine::Planner, &mut engine::Case) -> Outcome<T>,
) -> Outcome<T> {
    change_with_cases(slf, std::slice::from_ref(case), |p, cases| match cases {
        [case] => f(p, case),
        _ => Err(Failure::Internal(Internal::Panic)), // one case in, one out: never reached
    })
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
            Ok(Planner(Guarded::new(inner)))
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
            let found = read(slf, |p| json(&p.sessions_between(from, to)?))?;
            Ok(to_py(py, &found)?)
        })
    }

    /// Every slot of a session, free ones included, in time order.
    fn slots<'py>(slf: &Bound<'py, Self>, session: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let session = text(session, "session")?.into_owned();
            let found = read(slf, |p| json(&p.slots(&session)?))?;
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

    /// Cancels a case's check-in and frees its slot; answers as `Case.apply`: `{"effects"}`.
    fn cancel<'py>(
        slf: &Bound<'py, Self>,
        case: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let case = case_arg(case)?;
            let at = timestamp(at, "at")?;
            let accepted = change_with_case(slf, case, |p, c| Ok(embed::accepted_json(&p.cancel(c, at)?)))?;
            Ok(to_py(py, &accepted)?)
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
            let seen = {
                let held = items.iter().map(|c| c.try_borrow()).collect::<Result<Vec<_>, _>>()?;
                let refs = held.iter().map(|c| c.0.get()).collect::<Outcome<Vec<_>>>()?;
                change(slf, |p| json(&p.view(&session, role, unit.as_deref(), at, &refs)?))?
            };
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
            let moved = change_with_cases(slf, &items, |p, cases| json(&p.regroup(&session, cases, at)?))?;
            Ok(to_py(py, &moved)?)
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
            let slot = change(slf, |p| json(&p.reserve_questions_slot(&session, &unit, at)?))?;
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
            change(slf, |p| Ok(p.release_questions_slot(&session, &unit)?))
        })
    }

    /// The slot the planner holds for a case id, or `None`.
    fn slot_of<'py>(slf: &Bound<'py, Self>, case_id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let case_id = text(case_id, "case_id")?.into_owned();
            let slot = read(slf, |p| json(&p.slot_of(&case_id)))?;
            Ok(to_py(py, &slot)?)
        })
    }

    /// Every session view, allowed or refused: time, role, session, outcome (and the code).
    #[getter]
    fn access_log<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let log = read(slf, |p| json(p.access_log()))?;
            Ok(to_py(py, &log)?)
        })
    }

    /// The snapshot as JSON text: configuration, booked slots and access log, with a format version.
    fn snapshot(slf: &Bound<'_, Self>) -> PyResult<String> {
        guard(slf.py(), || read(slf, |p| Ok(p.snapshot_json())))
    }

    /// A planner from a snapshot (JSON text or the dict it parses to).
    #[staticmethod]
    fn restore(py: Python<'_>, snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let inner = match text_or_dict(snapshot, "snapshot")? {
                Ok(s) => engine::Planner::restore(&s)?,
                Err(v) => engine::Planner::restore_value(&v)?,
            };
            Ok(Planner(Guarded::new(inner)))
        })
    }

    /// For the binding's own tests: panics while changing the planner and `cases`, which must
    /// poison them all and raise `InternalError`.
    fn _panic_for_test(slf: &Bound<'_, Self>, cases: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(slf.py(), || {
            let items = case_list(Some(cases))?;
            change_with_cases(slf, &items, |_, _| -> Outcome<()> { panic!("panic requested by a test") })
        })
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        guard(slf.py(), || {
            read(slf, |p| {
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
        let booking = change_with_case(slf, case, |p, c| {
            json(&if rebook { p.rebook(&session, c, at)? } else { p.book(&session, c, at)? })
        })?;
        Ok(to_py(py, &booking)?)
    })
}
