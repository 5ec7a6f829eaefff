//! Python objects to JSON values and back. Events, agreements, snapshots and journals go into
//! the core as `serde_json::Value`s, so the core's own parser judges them and a dict gets the
//! very errors the same JSON text would. Only what JSON cannot say is judged here: a
//! `datetime` becomes RFC 3339 text (a naive one is refused, naming the field), and a value of
//! a type JSON has no word for is `invalid_input` / `wrong_type`, naming the field.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};
use utskrivning::{Error, ErrorCode, Problem};

/// Nested input deeper than this is refused rather than walked (no event is deeper than 3).
const MAX_DEPTH: usize = 32;

static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Whether `obj` is a `datetime.datetime` (or a subclass, such as pandas' `Timestamp`).
fn is_datetime(obj: &Bound<'_, PyAny>) -> bool {
    DATETIME.import(obj.py(), "datetime", "datetime").is_ok_and(|ty| obj.is_instance(ty).unwrap_or(false))
}

/// `invalid_input` naming the field; the input's value is never echoed.
fn invalid(field: &str, problem: Problem) -> Error {
    Error::invalid(field, problem)
}

/// A timezone-aware `datetime` as RFC 3339 text in UTC; naive ones are refused.
fn datetime_text(obj: &Bound<'_, PyAny>, field: &str) -> Result<String, Error> {
    let py = obj.py();
    let naive = obj.call_method0("utcoffset").map(|o| o.is_none()).unwrap_or(true);
    if naive {
        let mut details = Map::new();
        details.insert("field".into(), Value::from(field));
        details.insert("problem".into(), Value::from(Problem::NotATimestamp.as_str()));
        details.insert("reason".into(), Value::from("naive_datetime"));
        return Err(Error::new(ErrorCode::InvalidInput, Value::Object(details)));
    }
    // In UTC first: Python may print offsets with seconds, which RFC 3339 has no room for.
    let utc = UTC
        .get_or_try_init(py, || py.import("datetime")?.getattr("timezone")?.getattr("utc").map(Bound::unbind))
        .map_err(|_| invalid(field, Problem::NotATimestamp))?;
    obj.call_method1("astimezone", (utc.bind(py),))
        .and_then(|d| d.call_method0("isoformat"))
        .and_then(|s| s.extract::<String>())
        .map_err(|_| invalid(field, Problem::NotATimestamp))
}

/// A time argument: a timezone-aware `datetime`, or RFC 3339 text (the core reads it).
pub fn time_text(obj: &Bound<'_, PyAny>, field: &str) -> Result<String, Error> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().map(Cow::into_owned).map_err(|_| invalid(field, Problem::WrongType));
    }
    if is_datetime(obj) {
        return datetime_text(obj, field);
    }
    Err(invalid(field, Problem::WrongType))
}

/// A calendar-day argument: a `datetime.date` (as its `YYYY-MM-DD`), or that text (the core
/// reads it). A `datetime` is a `date` too in Python, but not a calendar day: which day it is
/// depends on the zone, so it is refused as `not_a_date`, as its RFC 3339 text would be.
pub fn date_text(obj: &Bound<'_, PyAny>, field: &str) -> Result<String, Error> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().map(Cow::into_owned).map_err(|_| invalid(field, Problem::WrongType));
    }
    if is_datetime(obj) {
        return Err(invalid(field, Problem::NotADate));
    }
    let is_date = DATE.import(obj.py(), "datetime", "date").is_ok_and(|ty| obj.is_instance(ty).unwrap_or(false));
    if !is_date {
        return Err(invalid(field, Problem::WrongType));
    }
    obj.call_method0("isoformat").and_then(|s| s.extract::<String>()).map_err(|_| invalid(field, Problem::NotADate))
}

/// A string argument (a role, a kind, a language); `str` enums are strings too.
pub fn text<'a>(obj: &'a Bound<'_, PyAny>, field: &str) -> Result<Cow<'a, str>, Error> {
    obj.cast::<PyString>()
        .map_err(|_| invalid(field, Problem::WrongType))?
        .to_cow()
        .map_err(|_| invalid(field, Problem::WrongType))
}

/// An event object (a dict): its keys are the event's field names.
pub fn event_to_value(obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    walk(obj, "", 0)
}

/// Any JSON-like Python value as a JSON value. `field` names where it sits, for errors; the
/// keys of a dict inside are named `field.key`.
pub fn to_value(obj: &Bound<'_, PyAny>, field: &str) -> Result<Value, Error> {
    walk(obj, field, 0)
}

/// `field` is empty at the root of an event.
fn walk(obj: &Bound<'_, PyAny>, field: &str, depth: usize) -> Result<Value, Error> {
    let name = if field.is_empty() { "event" } else { field };
    let wrong_type = || invalid(name, Problem::WrongType);
    if depth > MAX_DEPTH {
        return Err(wrong_type());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().map(|s| Value::String(s.into_owned())).map_err(|_| wrong_type());
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // `bool` before `int`: in Python a bool is an int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(n) = obj.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = obj.extract::<u64>() {
            return Ok(Value::from(n));
        }
        // Larger than 64 bits: as JSON text would be read, a float (that no field accepts).
        return obj.extract::<f64>().ok().and_then(Number::from_f64).map(Value::Number).ok_or_else(wrong_type);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value()).map(Value::Number).ok_or_else(wrong_type);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        // The items as a list taken at once, not pyo3's live iterator, which panics when the
        // dict changes size while it is walked: converting a value runs Python code (a
        // `datetime`'s `utcoffset`), and that code may change the dict. A dict that changed
        // while it was read is refused (`inconsistent`), as Python refuses to iterate it.
        let size = d.len();
        let items = d.items();
        let mut map = Map::new();
        for item in items.iter() {
            let Ok((k, v)) = item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>() else {
                return Err(invalid(name, Problem::Inconsistent));
            };
            let Ok(key) = k.cast::<PyString>() else { return Err(wrong_type()) };
            let key = key.to_cow().map_err(|_| wrong_type())?.into_owned();
            // A key is input: named so a typo can be found, but cut short (as the core does).
            let short: String = key.chars().take(64).collect();
            let path = if field.is_empty() { short } else { format!("{field}.{short}") };
            let value = walk(&v, &path, depth + 1)?;
            map.insert(key, value);
        }
        if d.len() != size {
            return Err(invalid(name, Problem::Inconsistent));
        }
        return Ok(Value::Object(map));
    }
    // A list as a tuple taken at once, like a dict's items: one that grows while it is walked
    // (by a value's own Python code) is refused, not walked without end.
    if let Ok(list) = obj.cast::<PyList>() {
        let size = list.len();
        let items = list.to_tuple();
        let values = items.iter().map(|item| walk(&item, name, depth + 1)).collect::<Result<Vec<_>, _>>()?;
        if list.len() != size {
            return Err(invalid(name, Problem::Inconsistent));
        }
        return Ok(Value::Array(values));
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple.iter().map(|item| walk(&item, name, depth + 1)).collect::<Result<Vec<_>, _>>().map(Value::Array);
    }
    if is_datetime(obj) {
        return datetime_text(obj, name).map(Value::String);
    }
    Err(wrong_type())
}

/// A JSON value as plain Python objects: dict, list, str, int, float, bool, None.
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(PyString::new(py, k), to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}
