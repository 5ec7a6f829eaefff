//! Errors for Python: every rejection becomes an instance of the spec code's class in
//! `utskrivning.errors` (all under `UtskrivningError`), and a panic becomes `InternalError`
//! instead of pyo3's `PanicException`, which derives from `BaseException` and would slip past
//! `except Exception`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde_json::{Value, json};
use utskrivning::{Error, Lang};

use crate::convert::to_py;

/// `utskrivning.errors._from_native`, which picks the class by code.
static FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The code of errors that are the binding's fault, not the input's.
pub const INTERNAL: &str = "internal_error";

/// What a binding call can fail with before it becomes a Python exception.
pub enum Failure {
    /// A rejection with one of the spec's codes (from the core, or found here in the input).
    Rejected(Error),
    /// A fault in the binding (a caught panic, a case in use); `what` is a fixed word.
    Internal(&'static str),
    /// An exception Python itself raised while output was built (`MemoryError`, say): passed on.
    Python(PyErr),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Rejected(e)
    }
}

impl Failure {
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Rejected(e) => {
                let details = e.details.clone();
                build(py, e.code.as_str(), &e.message(Lang::En), &e.message(Lang::Sv), &details)
            }
            Failure::Internal(what) => build(
                py,
                INTERNAL,
                &format!("internal error in the utskrivning binding ({what})"),
                &format!("internt fel i Python-bindningen till utskrivning ({what})"),
                &json!({"what": what}),
            ),
            Failure::Python(e) => e,
        }
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Failure::Python(e)
    }
}

/// Builds the exception through the Python factory; falls back to `RuntimeError` only if the
/// package around this module is missing (the module was loaded on its own).
fn build(py: Python<'_>, code: &str, message_en: &str, message_sv: &str, details: &Value) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let factory = FACTORY
            .get_or_try_init(py, || py.import("utskrivning.errors")?.getattr("_from_native").map(Bound::unbind))?;
        let instance = factory.bind(py).call1((code, message_en, message_sv, to_py(py, details)?))?;
        Ok(PyErr::from_value(instance))
    })();
    made.unwrap_or_else(|_| PyRuntimeError::new_err(format!("{code}: {message_en}")))
}

pub type Outcome<T> = Result<T, Failure>;

/// Runs a binding entry point: a panic inside comes out as `InternalError`, never unwinding
/// into Python.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> Outcome<T>) -> PyResult<T> {
    // Building the exception runs inside the guard too.
    match catch_unwind(AssertUnwindSafe(|| f().map_err(|failure| failure.into_pyerr(py)))) {
        Ok(result) => result,
        Err(_) => Err(Failure::Internal("panic").into_pyerr(py)),
    }
}
