//! `utskrivning.Case`: one patient's case, a thin layer over the core's `Case`. Every method
//! converts its Python arguments first, then works on the case through its `Guarded` (the
//! poisoning policy it shares with `Planner`): a panic while changing poisons the case, so no
//! later call can see a case that broke the rule "rejected ⇒ unchanged".

use std::collections::HashSet;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString, PyTuple, PyType};
use serde_json::Value;
use utskrivning as engine;
use utskrivning::{Error, Problem, embed};

use crate::convert::{
    accepted_to_py, event_to_value, fast_event_from_dict, fast_event_from_typed, text, time_text, to_py, to_value,
};
use crate::errors::{Failure, Outcome, guard, json};
use crate::guarded::{Guarded, changing};

/// `utskrivning.events.Event`, the base of the typed events.
static EVENT_BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// One patient's discharge case (spec: The case).
#[pyclass(module = "utskrivning", name = "Case")]
pub struct Case(pub(crate) Guarded<engine::Case>);

impl Case {
    fn wrap(inner: engine::Case) -> Self {
        Case(Guarded::new(inner))
    }
}

/// Runs `f` on the case, mutably; a panic poisons the case.
fn change<T>(slf: &Bound<'_, Case>, f: impl FnOnce(&mut engine::Case) -> Outcome<T>) -> Outcome<T> {
    let mut this = slf.try_borrow_mut()?;
    this.0.change(f)
}

/// Runs `f` on the case without changing it.
fn read<T>(slf: &Bound<'_, Case>, f: impl FnOnce(&engine::Case) -> Outcome<T>) -> Outcome<T> {
    let this = slf.try_borrow()?;
    f(this.0.get()?)
}

/// The cases of a list argument (a list or tuple of `Case`, or `None` for none). A case given
/// twice is refused before any is borrowed: each must be borrowed once, and mutably in `regroup`.
pub(crate) fn case_list<'py>(cases: Option<&Bound<'py, PyAny>>) -> Outcome<Vec<Bound<'py, Case>>> {
    let Some(cases) = cases else { return Ok(Vec::new()) };
    if !(cases.is_instance_of::<PyList>() || cases.is_instance_of::<PyTuple>()) {
        return Err(Error::invalid("cases", Problem::WrongType).into());
    }
    let mut items: Vec<Bound<'py, Case>> = Vec::new();
    let mut seen = HashSet::new();
    for item in cases.try_iter()? {
        let item = item?;
        let case = item.cast_into::<Case>().map_err(|_| Error::invalid("cases", Problem::WrongType))?;
        // The same object, not merely an equal one: Python objects do not move.
        if !seen.insert(case.as_ptr() as usize) {
            return Err(Error::invalid("cases", Problem::Duplicate).into());
        }
        items.push(case);
    }
    Ok(items)
}

/// Runs `f` on the cases (from [`case_list`]), all mutably; a panic poisons them all, as any
/// may have been left half changed. A poisoned case among them refuses the whole call.
pub(crate) fn change_cases<T>(
    cases: &[Bound<'_, Case>],
    f: impl FnOnce(&mut [&mut engine::Case]) -> Outcome<T>,
) -> Outcome<T> {
    let mut held = cases.iter().map(|c| c.try_borrow_mut()).collect::<Result<Vec<_>, _>>()?;
    let mut marks = Vec::with_capacity(held.len());
    let mut refs = Vec::with_capacity(held.len());
    for case in &mut held {
        let (case, mark) = case.0.open()?;
        refs.push(case);
        marks.push(mark);
    }
    changing(marks, || f(&mut refs))
}

/// Runs `f` on the cases (from [`case_list`]), all read only: a panic poisons none, since
/// nothing was being changed. A poisoned case among them refuses the whole call.
pub(crate) fn read_cases<T>(cases: &[Bound<'_, Case>], f: impl FnOnce(&[&engine::Case]) -> Outcome<T>) -> Outcome<T> {
    let held = cases.iter().map(|c| c.try_borrow()).collect::<Result<Vec<_>, _>>()?;
    let refs = held.iter().map(|c| c.0.get()).collect::<Outcome<Vec<_>>>()?;
    f(&refs)
}

/// A snapshot as the core reads it: its JSON text, or the value a dict converts to.
enum Document<'a> {
    Text(std::borrow::Cow<'a, str>),
    Value(Value),
}

/// The embedding system's key for a snapshot's chain: `bytes`, or `str` as its UTF-8. A copy
/// of its own, wiped when dropped; it has no `Debug`, and an error about it names only the
/// field, never a byte of it.
pub(crate) struct Key(Vec<u8>);

impl Key {
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.0.fill(0);
        // Seen as used, so the wipe of a buffer about to be freed is not optimised away.
        std::hint::black_box(&self.0);
    }
}

/// An optional `key` argument: `None` (or left out) is no key, the chain by plain SHA-256.
pub(crate) fn optional_key(obj: Option<&Bound<'_, PyAny>>) -> Outcome<Option<Key>> {
    let wrong_type = || Error::invalid("key", Problem::WrongType);
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => {
            if let Ok(b) = o.cast::<PyBytes>() {
                return Ok(Some(Key(b.as_bytes().to_vec())));
            }
            let s = o.cast::<PyString>().map_err(|_| wrong_type())?;
            // A lone surrogate has no UTF-8.
            let s = s.to_cow().map_err(|_| wrong_type())?;
            Ok(Some(Key(s.as_bytes().to_vec())))
        }
    }
}

/// A case with at least this many journal events and access-log entries is snapshot from a
/// copy without the GIL; a smaller one is written in place (copying would cost more than
/// holding the GIL for it).
const DETACHED_SNAPSHOT: usize = 512;

/// The snapshot text of the case, under `key`. A big case is copied under its borrow and
/// written without the GIL, so no borrow is held while other threads run (one of them could
/// otherwise find the case borrowed).
fn snapshot_text(slf: &Bound<'_, Case>, key: Option<&[u8]>) -> Outcome<String> {
    let write = |case: &engine::Case| case.snapshot_value_with_key(key).to_string();
    let big = |case: &engine::Case| case.journal_len() + case.access_log().len() >= DETACHED_SNAPSHOT;
    let copy = read(slf, |case| Ok(big(case).then(|| case.clone())))?;
    match copy {
        Some(case) => Ok(slf.py().detach(move || write(&case))),
        None => read(slf, |case| Ok(write(case))),
    }
}

/// An optional text argument: `None` (or left out) is absent, as `null` is in an event.
pub(crate) fn optional_text<'a>(
    obj: Option<&'a Bound<'_, PyAny>>,
    field: &str,
) -> Outcome<Option<std::borrow::Cow<'a, str>>> {
    match obj {
        Some(o) if !o.is_none() => Ok(Some(text(o, field)?)),
        _ => Ok(None),
    }
}

pub(crate) fn timestamp(obj: &Bound<'_, PyAny>, field: &str) -> Outcome<engine::Timestamp> {
    let s = time_text(obj, field)?;
    Ok(embed::timestamp(field, &s)?)
}

/// An event as the core reads it: JSON text, a dict, or a typed event (`utskrivning.events`).
/// A dict or typed event the fast path reads is already the core's event; any other goes
/// through a JSON value, whose reader names every error (see `convert`).
enum Input {
    Text(String),
    Value(Value),
    Event(engine::Event),
}

fn event_input(obj: &Bound<'_, PyAny>) -> Outcome<Input> {
    read_input(obj, true)
}

/// `fast`: whether the fast path may read the event (always, but in the test that holds it to
/// the JSON path).
fn read_input(obj: &Bound<'_, PyAny>, fast: bool) -> Outcome<Input> {
    let py = obj.py();
    if let Ok(d) = obj.cast::<PyDict>() {
        if let Some(event) = fast.then(|| fast_event_from_dict(d)).flatten() {
            return Ok(Input::Event(event));
        }
        return Ok(Input::Value(event_to_value(obj)?));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow().map_err(|_| Error::invalid("event", Problem::NotJson))?;
        return Ok(Input::Text(s.into_owned()));
    }
    let base = EVENT_BASE.import(py, "utskrivning.events", "Event").ok();
    if let Some(base) = base.filter(|b| obj.is_instance(b).unwrap_or(false)) {
        if let Some(event) = fast.then(|| fast_event_from_typed(obj, base)).flatten() {
            return Ok(Input::Event(event));
        }
        let dict = obj.call_method0("to_dict").map_err(|_| Error::invalid("event", Problem::NotAnObject))?;
        if dict.is_instance_of::<PyDict>() {
            return Ok(Input::Value(event_to_value(&dict)?));
        }
    }
    Err(Error::invalid("event", Problem::NotAnObject).into())
}

/// The event applied: what it did, to be given as `{"effects": [...]}`, as every binding gives it.
fn apply_input(case: &mut engine::Case, input: &Input) -> Outcome<engine::Accepted> {
    Ok(match input {
        Input::Text(s) => case.apply_json(s)?,
        Input::Value(v) => case.apply(&embed::event_from_value(v)?)?,
        Input::Event(e) => case.apply(e)?,
    })
}

#[pymethods]
impl Case {
    /// The moment before admission: no case yet; the first event applied must be `admit`.
    #[new]
    fn new(py: Python<'_>) -> PyResult<Self> {
        guard(py, || Ok(Case::wrap(engine::Case::new())))
    }

    /// Admits a patient: `embed::admit_with`, the `admit` event by `inpatient`, so the fields
    /// and the agreement are checked exactly as in `apply`. Admission's only effect is the
    /// phase change, so the case alone is returned.
    #[staticmethod]
    #[pyo3(signature = (*, at, case_id, routine, municipal_care_at_admission, municipality = None, care_type = None, agreement = None))]
    #[allow(clippy::too_many_arguments)] // the admit event's fields, each its own keyword
    fn admit(
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        case_id: &Bound<'_, PyAny>,
        routine: &Bound<'_, PyAny>,
        municipal_care_at_admission: &Bound<'_, PyAny>,
        municipality: Option<&Bound<'_, PyAny>>,
        care_type: Option<&Bound<'_, PyAny>>,
        agreement: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let at = time_text(at, "at")?;
            let case_id = text(case_id, "case_id")?;
            let routine = text(routine, "routine")?;
            // In the event's order: the routine is judged before the flag, the care type
            // before the agreement.
            embed::routine(&routine)?;
            let municipal = municipal_care_at_admission
                .cast::<PyBool>()
                .map_err(|_| Error::invalid("municipal_care_at_admission", Problem::WrongType))?
                .is_true();
            let municipality = optional_text(municipality, "municipality")?;
            let care_type = optional_text(care_type, "care_type")?;
            if let Some(kind) = &care_type {
                embed::word::<engine::CareType>("care_type", kind)?;
            }
            let agreement = match agreement {
                Some(a) if !a.is_none() => Some(to_value(a, "agreement")?.to_string()),
                _ => None,
            };
            let (case, _) = embed::admit_with(&embed::Admit {
                at: &at,
                case_id: &case_id,
                routine: &routine,
                municipal_care_at_admission: municipal,
                municipality: municipality.as_deref(),
                care_type: care_type.as_deref(),
                agreement_json: agreement.as_deref(),
            })?;
            Ok(Case::wrap(case))
        })
    }

    /// Applies one event (a dict, a typed event, or JSON text) and returns `{"effects": [...]}`;
    /// a rejection raises the code's `UtskrivningError` and leaves the case as it was.
    fn apply<'py>(slf: &Bound<'py, Self>, event: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let input = event_input(event)?;
            let accepted = change(slf, |case| apply_input(case, &input))?;
            Ok(accepted_to_py(py, &accepted)?)
        })
    }

    /// Applies events in order, each on its own as `apply` would, and returns the answer of
    /// each. At the first rejection it stops: the events before it stay applied, and the error's
    /// `details` gain `index`. For loops where a call per event costs more than the event.
    fn apply_many<'py>(slf: &Bound<'py, Self>, events: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            // A string or a dict is iterable too, but not a list of events.
            if events.is_instance_of::<PyString>()
                || events.is_instance_of::<PyDict>()
                || events.is_instance_of::<PyBytes>()
            {
                return Err(Error::invalid("events", Problem::WrongType).into());
            }
            let items = events.try_iter().map_err(|_| Error::invalid("events", Problem::WrongType))?;
            let out = PyList::empty(py);
            for (index, item) in items.enumerate() {
                let item = item?;
                let accepted = event_input(&item)
                    .and_then(|input| change(slf, |case| apply_input(case, &input)))
                    .map_err(|f| match f {
                        Failure::Rejected(e) => Failure::Rejected(embed::with_index(e, index)),
                        other => other,
                    })?;
                out.append(accepted_to_py(py, &accepted)?)?;
            }
            Ok(out.into_any())
        })
    }

    /// The case as `role` may see it at `at` (a dict like `state`), or `NoCareRelationship` /
    /// `NotPermitted`. Every attempt is written to the access log.
    fn view<'py>(
        slf: &Bound<'py, Self>,
        role: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let role = embed::role(&text(role, "role")?)?;
            let at = timestamp(at, "at")?;
            let seen = change(slf, |case| Ok(case.view(role, at)?))?;
            Ok(to_py(py, &seen)?)
        })
    }

    /// Every obligation at `at`: kind, owner, due, status, and for payment responsibility the
    /// days (and amount) counted.
    fn deadlines<'py>(slf: &Bound<'py, Self>, at: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let at = timestamp(at, "at")?;
            let deadlines = read(slf, |case| json(&case.deadlines(at)))?;
            Ok(to_py(py, &deadlines)?)
        })
    }

    /// The case as an HL7 FHIR R4 Bundle of type `collection` (JSON text), deadlines' status
    /// and the Bundle's `timestamp` at `at` (docs/fhir.md).
    fn to_fhir(slf: &Bound<'_, Self>, at: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(slf.py(), || {
            let at = time_text(at, "at")?;
            read(slf, |case| Ok(embed::to_fhir(case, &at)?))
        })
    }

    /// The snapshot as JSON text: state, journal and access log, with a format version and the
    /// heads of the hash chain, under `key` (HMAC-SHA-256) when one is given. A big case is
    /// written without the GIL (from a copy: the case stays free for other threads).
    #[pyo3(signature = (key = None))]
    fn snapshot(slf: &Bound<'_, Self>, key: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        guard(slf.py(), || {
            let key = optional_key(key)?;
            snapshot_text(slf, key.as_ref().map(Key::bytes))
        })
    }

    /// A case from a snapshot (JSON text or the dict it parses to), its chain checked under
    /// `key` when one is given. A tampered, truncated or newer snapshot is refused; so is a
    /// version 1 snapshot (no chain) under a key, unless `upgrade_unsigned`. The snapshot is
    /// checked and replayed without the GIL.
    #[staticmethod]
    #[pyo3(
        signature = (snapshot, key = None, *, upgrade_unsigned = None),
        text_signature = "(snapshot, key=None, *, upgrade_unsigned=False)"
    )]
    fn restore(
        py: Python<'_>,
        snapshot: &Bound<'_, PyAny>,
        key: Option<&Bound<'_, PyAny>>,
        upgrade_unsigned: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let document = match snapshot.cast::<PyString>() {
                Ok(s) => Document::Text(s.to_cow().map_err(|_| Error::invalid("snapshot", Problem::NotJson))?),
                Err(_) if snapshot.is_instance_of::<PyDict>() => Document::Value(to_value(snapshot, "snapshot")?),
                Err(_) => return Err(Error::invalid("snapshot", Problem::WrongType).into()),
            };
            let key = optional_key(key)?;
            let upgrade_unsigned = match upgrade_unsigned {
                None => false,
                Some(flag) => {
                    flag.cast::<PyBool>().map_err(|_| Error::invalid("upgrade_unsigned", Problem::WrongType))?.is_true()
                }
            };
            let options = engine::Restore { key: key.as_ref().map(Key::bytes), upgrade_unsigned };
            // The document moves in, so a big one is dropped without the GIL too.
            let case = py.detach(move || match document {
                Document::Text(text) => engine::Case::restore_with(&text, &options),
                Document::Value(value) => engine::Case::restore_value_with(&value, &options),
            })?;
            Ok(Case::wrap(case))
        })
    }

    // --- The binary snapshot (docs/snapshots.md, "The binary snapshot") ------------------

    /// The binary snapshot as bytes: the journal and the access log, compactly, with a digest
    /// (SHA-256, or HMAC-SHA-256 under `key`). Written without the GIL from a copy when big.
    #[pyo3(signature = (key = None))]
    fn snapshot_bytes<'py>(slf: &Bound<'py, Self>, key: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyBytes>> {
        guard(slf.py(), || {
            let key = optional_key(key)?;
            let key = key.as_ref().map(Key::bytes);
            let write = |case: &engine::Case| match key {
                Some(k) => case.snapshot_bytes_with_key(k),
                None => case.snapshot_bytes(),
            };
            let big = |case: &engine::Case| case.journal_len() + case.access_log().len() >= DETACHED_SNAPSHOT;
            let bytes = match read(slf, |case| Ok(big(case).then(|| case.clone())))? {
                Some(case) => slf.py().detach(move || write(&case)),
                None => read(slf, |case| Ok(write(case)))?,
            };
            Ok(PyBytes::new(slf.py(), &bytes))
        })
    }

    /// A case from a binary snapshot (`bytes`), its digest checked under `key` when one is
    /// given; a tampered or truncated snapshot, or one written under another key (or none),
    /// is refused. Checked and replayed without the GIL.
    #[staticmethod]
    #[pyo3(signature = (data, key = None))]
    fn restore_bytes(py: Python<'_>, data: &Bound<'_, PyAny>, key: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        guard(py, || {
            let data = data.cast::<PyBytes>().map_err(|_| Error::invalid("snapshot", Problem::WrongType))?;
            let bytes = data.as_bytes().to_vec();
            let key = optional_key(key)?;
            let options = engine::Restore { key: key.as_ref().map(Key::bytes), upgrade_unsigned: false };
            let case = py.detach(move || engine::Case::restore_bytes_with(&bytes, &options))?;
            Ok(Case::wrap(case))
        })
    }

    // --- End of the binary snapshot --------------------------------------------------------

    /// A case replayed from a journal (a list of events as `journal` gives them, or its JSON
    /// text); its state equals that of the case that wrote the journal. The replay runs
    /// without the GIL.
    #[staticmethod]
    fn replay(py: Python<'_>, journal: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let text = match journal.cast::<PyString>() {
                Ok(s) => s.to_cow().map_err(|_| Error::invalid("journal", Problem::NotJson))?,
                // The core's reader of journals is for text; a list goes through it as text, so
                // both are judged alike.
                Err(_) if journal.is_instance_of::<PyList>() || journal.is_instance_of::<PyTuple>() => {
                    to_value(journal, "journal")?.to_string().into()
                }
                Err(_) => return Err(Error::invalid("journal", Problem::WrongType).into()),
            };
            Ok(Case::wrap(py.detach(move || engine::Case::replay_json(&text))?))
        })
    }

    /// The case state (every track), as the scenarios match it.
    #[getter]
    fn state<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let state = read(slf, |case| Ok(case.state_value()))?;
            Ok(to_py(py, &state)?)
        })
    }

    /// The phase alone (`admitted`, `planning`, …), without building the whole state.
    #[getter]
    fn phase(slf: &Bound<'_, Self>) -> PyResult<&'static str> {
        guard(slf.py(), || read(slf, |case| Ok(case.phase().as_str())))
    }

    /// The accepted events, in order, as dicts.
    #[getter]
    fn journal<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let journal = read(slf, |case| json(&case.journal()))?;
            Ok(to_py(py, &journal)?)
        })
    }

    /// Every view, allowed or refused: time, role, action, outcome (and the refusal's code).
    #[getter]
    fn access_log<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let log = read(slf, |case| json(case.access_log()))?;
            Ok(to_py(py, &log)?)
        })
    }

    /// An independent copy (journal and access log included).
    fn copy(slf: &Bound<'_, Self>) -> PyResult<Self> {
        guard(slf.py(), || read(slf, |case| Ok(Case::wrap(case.clone()))))
    }

    fn __copy__(slf: &Bound<'_, Self>) -> PyResult<Self> {
        Case::copy(slf)
    }

    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> PyResult<Self> {
        Case::copy(slf)
    }

    /// Pickles as its snapshot.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let restore = slf.get_type().getattr("restore")?;
        Ok((restore, (Case::snapshot(slf, None)?,)))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        guard(slf.py(), || {
            read(slf, |case| {
                Ok(format!(
                    "Case(case_id={:?}, phase='{}', events={})",
                    case.case_id().unwrap_or(""),
                    case.phase(),
                    case.journal_len()
                ))
            })
        })
    }

    /// For the binding's own tests: `apply` as it was before the fast path, through a JSON value
    /// in and out (`embed::event_from_value`, `embed::accepted_json`), to hold the fast path to.
    fn _apply_json_path_for_test<'py>(
        slf: &Bound<'py, Self>,
        event: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let input = read_input(event, false)?;
            let accepted = change(slf, |case| apply_input(case, &input))?;
            Ok(to_py(py, &embed::accepted_json(&accepted))?)
        })
    }

    /// For the binding's own tests: panics while changing the case, which must poison it and
    /// raise `InternalError`.
    fn _panic_for_test(slf: &Bound<'_, Self>) -> PyResult<()> {
        guard(slf.py(), || change(slf, |_| -> Outcome<()> { panic!("panic requested by a test") }))
    }
}
