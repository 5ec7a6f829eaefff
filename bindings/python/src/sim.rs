//! `utskrivning._native.SimRun` and `sim_preset`: the simulator (crate `utskrivning-sim`) for
//! `utskrivning.sim`, which wraps them. A run's cases are written and applied in Rust on every
//! core, the GIL released; its rows reach Python as one little-endian buffer per column (NumPy
//! reads them without a copy, pandas and polars take NumPy columns), never row by row. The
//! parameters are checked when the run is made, before any case is written: a wrong one is
//! `InvalidInput` naming it.

use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde_json::Value;
use utskrivning::{CareRequestState, CareType, ColorTrackState, Error, PhaseState, Problem, Routine, SipState};
use utskrivning_sim::{CaseRow, Params, Plan, SimError};

use crate::convert::{to_py, to_value};
use crate::errors::{Failure, Outcome, guard, json};

fn failure(e: SimError) -> Failure {
    match e {
        SimError::Params(e) => Failure::Rejected(e),
        // A story the engine refused is the simulator's bug, not the caller's input.
        refused @ SimError::Refused { .. } => Failure::Python(PyRuntimeError::new_err(refused.to_string())),
    }
}

/// The threads a run's cases are written on: a pool of this process's own. Rayon's global pool
/// does not survive `fork` (a `ProcessPoolExecutor`'s default on Linux): the child inherits the
/// pool but not its threads, and would wait for them for ever. So the pool is made per process
/// id, and a forked child makes its own; the copy of the parent's is left alone (dropping it
/// would signal threads that are not there).
fn pool() -> PyResult<Arc<rayon::ThreadPool>> {
    static POOL: Mutex<Option<(u32, Arc<rayon::ThreadPool>)>> = Mutex::new(None);
    let pid = std::process::id();
    let mut slot = POOL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((owner, pool)) = slot.as_ref()
        && *owner == pid
    {
        return Ok(Arc::clone(pool));
    }
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("utskrivning-sim-{i}"))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("the simulator's threads: {e}")))?,
    );
    if let Some(inherited) = slot.replace((pid, Arc::clone(&pool))) {
        std::mem::forget(inherited);
    }
    Ok(pool)
}

/// Parameters given as a dict, as JSON text, or `None` (the default preset).
fn read_params(obj: Option<&Bound<'_, PyAny>>) -> Outcome<Params> {
    let value = match obj {
        None => Value::Object(Default::default()),
        Some(o) if o.is_none() => Value::Object(Default::default()),
        Some(o) => {
            if let Ok(s) = o.cast::<PyString>() {
                let s = s.to_cow().map_err(|_| Error::invalid("params", Problem::NotJson))?;
                serde_json::from_str(&s).map_err(|_| Error::invalid("params", Problem::NotJson))?
            } else if o.is_instance_of::<PyDict>() {
                to_value(o, "params")?
            } else {
                return Err(Error::invalid("params", Problem::WrongType).into());
            }
        }
    };
    Ok(Params::from_value(&value)?)
}

/// A region's preset for a year, every parameter present.
#[pyfunction]
pub fn sim_preset<'py>(py: Python<'py>, region: &str, year: i64) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || Ok(to_py(py, &Params::preset(region, year)?.to_json())?))
}

/// The parameters completed from their preset and checked (what a run will use).
#[pyfunction]
#[pyo3(signature = (params=None))]
pub fn sim_params<'py>(py: Python<'py>, params: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || Ok(to_py(py, &read_params(params)?.to_json())?))
}

/// One run: its plan, its seed and the rows written so far (cases `0..len`).
#[pyclass(module = "utskrivning._native", name = "SimRun")]
pub struct SimRun {
    plan: Plan,
    params: Params,
    seed: u64,
    rows: Vec<CaseRow>,
}

/// The columns, in the order `columns()` gives them, with their NumPy dtypes.
pub const COLUMNS: [(&str, &str); 16] = [
    ("index", "<u8"),
    ("municipality", "<u2"),
    ("care_type", "u1"),
    ("routine", "u1"),
    ("municipal_care_at_admission", "?"),
    ("admitted_at", "<i8"),
    ("ready_at", "<i8"),
    ("discharged_at", "<i8"),
    ("ready_days", "<i4"),
    ("payment_days", "<i4"),
    ("phase", "u1"),
    ("care_request", "u1"),
    ("color_track", "u1"),
    ("sip", "u1"),
    ("events", "<u4"),
    ("discharged", "?"),
];

/// A missing time (NumPy's `NaT` as `datetime64[s]`) and missing days.
const NO_TIME: i64 = i64::MIN;
const NO_DAYS: i32 = -1;

fn position<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).and_then(|i| u8::try_from(i).ok()).unwrap_or(u8::MAX)
}

#[pymethods]
impl SimRun {
    /// A run of `params` (dict, JSON text or `None`) under `seed`; nothing is written yet.
    #[new]
    #[pyo3(signature = (params=None, seed=1))]
    fn new(py: Python<'_>, params: Option<&Bound<'_, PyAny>>, seed: u64) -> PyResult<SimRun> {
        guard(py, || {
            let params = read_params(params)?;
            let plan = Plan::new(&params).map_err(failure)?;
            Ok(SimRun { plan, params, seed, rows: Vec::new() })
        })
    }

    /// The cases the run writes (the year's admissions and the warm-up's).
    #[getter]
    fn total_cases(&self) -> u64 {
        self.plan.total_cases()
    }

    /// The cases written so far.
    fn __len__(&self) -> usize {
        self.rows.len()
    }

    #[getter]
    fn seed(&self) -> u64 {
        self.seed
    }

    /// The parameters, every one present.
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || Ok(to_py(py, &self.params.to_json())?))
    }

    /// Writes and applies up to `n` more cases (on every core, the GIL released); answers how
    /// many are written in all.
    fn advance(&mut self, py: Python<'_>, n: u64) -> PyResult<usize> {
        let start = self.rows.len() as u64;
        let stop = start.saturating_add(n).min(self.plan.total_cases());
        let (plan, seed) = (&self.plan, self.seed);
        let pool = pool()?;
        let more = py.detach(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pool.install(|| plan.run(seed, start..stop))))
        });
        guard(py, || match more {
            Ok(rows) => {
                self.rows.extend(rows.map_err(failure)?);
                Ok(self.rows.len())
            }
            Err(_) => Err(utskrivning::embed::Internal::Panic.into()),
        })
    }

    /// The rows as columns: `{name: (dtype, bytes)}` (see `COLUMNS`); codes index the lists
    /// `categories()` gives, a time is Unix seconds (`NaT` when there is none), days are -1
    /// when the case was not discharged.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = &self.rows;
        fn bytes<T: Copy, const N: usize>(
            rows: &[CaseRow],
            f: impl Fn(&CaseRow) -> T,
            le: fn(T) -> [u8; N],
        ) -> Vec<u8> {
            let mut out = Vec::with_capacity(rows.len() * N);
            for r in rows {
                out.extend_from_slice(&le(f(r)));
            }
            out
        }
        let columns: Vec<Vec<u8>> = py.detach(|| {
            vec![
                bytes(rows, |r| r.index, u64::to_le_bytes),
                bytes(rows, |r| r.municipality, u16::to_le_bytes),
                bytes(rows, |r| position(CareType::ALL, &r.care_type), u8::to_le_bytes),
                bytes(rows, |r| position(Routine::ALL, &r.routine), u8::to_le_bytes),
                bytes(rows, |r| u8::from(r.municipal_care_at_admission), u8::to_le_bytes),
                bytes(rows, |r| r.admitted_at, i64::to_le_bytes),
                bytes(rows, |r| r.ready_at.unwrap_or(NO_TIME), i64::to_le_bytes),
                bytes(rows, |r| r.discharged_at.unwrap_or(NO_TIME), i64::to_le_bytes),
                bytes(
                    rows,
                    |r| r.ready_days.map_or(NO_DAYS, |d| i32::try_from(d).unwrap_or(i32::MAX)),
                    i32::to_le_bytes,
                ),
                bytes(rows, |r| i32::try_from(r.payment_days).unwrap_or(i32::MAX), i32::to_le_bytes),
                bytes(rows, |r| position(PhaseState::ALL, &r.phase), u8::to_le_bytes),
                bytes(rows, |r| position(CareRequestState::ALL, &r.care_request), u8::to_le_bytes),
                bytes(rows, |r| position(ColorTrackState::ALL, &r.color_track), u8::to_le_bytes),
                bytes(rows, |r| position(SipState::ALL, &r.sip), u8::to_le_bytes),
                bytes(rows, |r| r.events, u32::to_le_bytes),
                bytes(rows, |r| u8::from(r.ready_days.is_some()), u8::to_le_bytes),
            ]
        });
        let out = PyDict::new(py);
        for ((name, dtype), data) in COLUMNS.iter().zip(columns) {
            out.set_item(*name, (*dtype, PyBytes::new(py, &data)))?;
        }
        Ok(out)
    }

    /// The indicators of the year's discharges, overall, per (municipality, care type) and per
    /// care type, the payment basis under the parameters' model, and the counts: computed by
    /// the engine from the rows written so far.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let found = py.detach(|| self.plan.summarize(&self.rows));
        guard(py, || Ok(to_py(py, &json(&found.map_err(failure)?)?)?))
    }
}

/// The words behind each coded column, in code order.
#[pyfunction]
pub fn sim_categories<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    fn words<T: Copy + std::fmt::Display>(all: &[T]) -> Value {
        Value::Array(all.iter().map(|w| Value::String(w.to_string())).collect())
    }
    let v = serde_json::json!({
        "care_type": words(CareType::ALL),
        "routine": words(Routine::ALL),
        "phase": words(PhaseState::ALL),
        "care_request": words(CareRequestState::ALL),
        "color_track": words(ColorTrackState::ALL),
        "sip": words(SipState::ALL),
    });
    guard(py, || Ok(to_py(py, &v)?))
}

/// The regions and years there are presets of.
#[pyfunction]
pub fn sim_presets<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::json!({"regions": utskrivning_sim::REGIONS, "years": utskrivning_sim::YEARS});
    guard(py, || Ok(to_py(py, &v)?))
}
