//! Errors for Python: every rejection becomes an instance of the spec code's class in
//! `utskrivning.errors` (all under `UtskrivningError`), and a panic becomes `InternalError`
//! (code `internal`, `details["reason"]`) instead of pyo3's `PanicException`, which derives
//! from `BaseException` and would slip past `except Exception`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde_json::Value;
use utskrivning::Error;
use utskrivning::embed::{self, Internal};

use crate::convert::to_py;

/// `utskrivning.errors._from_native`, which picks the class by code.
static FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// What a binding call can fail with before it becomes a Python exception.
pub enum Failure {
    /// A rejection with one of the spec's codes (from the core, or found here in the input).
    Rejected(Error),
    /// A fault in the binding: `embed`'s one internal error.
    Internal(Internal),
    /// An exception Python itself raised while output was built (`MemoryError`, say): passed on.
    Python(PyErr),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Rejected(e)
    }
}

impl From<Internal> for Failure {
    fn from(i: Internal) -> Self {
        Failure::Internal(i)
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Failure::Python(e)
    }
}

impl Failure {
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Rejected(e) => build(py, &embed::error_json(&e)),
            Failure::Internal(i) => build(py, &i.to_json()),
            Failure::Python(e) => e,
        }
    }
}

/// Builds the exception from `{"code", "message_sv", "message_en", "details"}` through the
/// Python factory; falls back to `RuntimeError` only if the package around this module is
/// missing (the module was loaded on its own).
fn build(py: Python<'_>, error: &Value) -> PyErr {
    let field = |k: &str| error.get(k).and_then(Value::as_str).unwrap_or_default();
    let (code, message_en, message_sv) = (field("code"), field("message_en"), field("message_sv"));
    let details = error.get("details").unwrap_or(&Value::Null);
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
        Err(_) => Err(Failure::Internal(Internal::Panic).into_pyerr(py)),
    }
}

/// A value as JSON for Python; a failure to write it is the binding's (`output`).
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Outcome<Value> {
    serde_json::to_value(value).map_err(|_| Failure::Internal(Internal::Output))
}

// A borrow conflict needs Python code to run while a binding call holds the object, which no
// call does: pyo3's own `RuntimeError` is passed on should it ever happen.
impl From<pyo3::pycell::PyBorrowError> for Failure {
    fn from(e: pyo3::pycell::PyBorrowError) -> Self {
        Failure::Python(e.into())
    }
}

impl From<pyo3::pycell::PyBorrowMutError> for Failure {
    fn from(e: pyo3::pycell::PyBorrowMutError) -> Self {
        Failure::Python(e.into())
    }
}
