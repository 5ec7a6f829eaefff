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
use utskrivning as engine;
use utskrivning::embed::FieldReader;
use utskrivning::{Error, ErrorCode, Problem, embed};

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

// --- The fast path of events: straight from the dict into the core's typed event ---------------
//
// `event_to_value` + `embed::event_from_value` build a `serde_json::Value` tree (a map, a
// `String` per key and text) only for the core to read it field by field. The fast path reads
// the dict's items in place through `embed::FieldReader` and gives the core its typed event.
// It runs no Python code (so nothing can change the dict while it is read) and accepts only
// what the JSON path accepts, as the same event: a str, an aware `datetime` whose tzinfo is a
// `datetime.timezone` (text, as `walk` writes it), a bool, `None`, a list or tuple of those.
// Whatever it does not accept it does not judge: the caller then takes the JSON path, so every
// error (and the order in which errors are found) is that path's, by construction.

/// `PyUnicode_AsUTF8AndSize`: the str's own UTF-8, cached in the object (no copy). In the stable
/// ABI since 3.10 (and in every CPython since 3.3): used when the interpreter is 3.10 or newer,
/// `to_cow` (a copy through a bytes object) on 3.9.
mod utf8_ffi {
    use pyo3::ffi::{Py_ssize_t, PyObject};
    unsafe extern "C" {
        pub fn PyUnicode_AsUTF8AndSize(unicode: *mut PyObject, size: *mut Py_ssize_t) -> *const std::ffi::c_char;
    }
}

static UTF8_IN_PLACE: PyOnceLock<bool> = PyOnceLock::new();

/// The text of a str, borrowed when the interpreter allows; `None` for one without UTF-8 (a
/// lone surrogate), the error it raised cleared.
fn utf8<'a>(s: &'a Bound<'_, PyString>) -> Option<Cow<'a, str>> {
    let py = s.py();
    if !*UTF8_IN_PLACE.get_or_init(py, || py.version_info() >= (3, 10)) {
        return s.to_cow().ok();
    }
    let mut size: pyo3::ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live str (any subclass) and the GIL is held; the buffer returned belongs
    // to `s` and lives as long as it, which the borrow of `s` bounds.
    let data = unsafe { utf8_ffi::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
    if data.is_null() {
        drop(PyErr::take(py));
        return None;
    }
    let len = usize::try_from(size).ok()?;
    // SAFETY: CPython gives `len` bytes of UTF-8 at `data` (it encoded them itself, refusing
    // what has none), owned by `s` and never changed while `s` lives.
    Some(Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast::<u8>(), len)) }))
}

static TIMEZONE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Why the fast path stops: the JSON path then reads the event (and names any error).
struct Slow;

/// The text `walk` makes of a str or of an aware `datetime` (exactly the type, its tzinfo a
/// `datetime.timezone`: C code only, so nothing runs that could change the event); `Slow` for
/// anything else.
fn string_of<'a>(obj: &'a Bound<'_, PyAny>) -> Result<Cow<'a, str>, Slow> {
    if let Ok(s) = obj.cast::<PyString>() {
        return utf8(s).ok_or(Slow);
    }
    datetime_fast(obj).map(Cow::Owned)
}

/// `obj.astimezone(timezone.utc).isoformat()`, as `datetime_text` writes it, for a `datetime`
/// of exactly that type whose tzinfo is a `datetime.timezone`: the fields are read and the text
/// written here (`isoformat` itself costs ten times as much).
fn datetime_fast(obj: &Bound<'_, PyAny>) -> Result<String, Slow> {
    use pyo3::intern;
    let py = obj.py();
    let datetime = DATETIME.import(py, "datetime", "datetime").map_err(|_| Slow)?;
    if !obj.get_type().is(datetime) {
        return Err(Slow);
    }
    let tzinfo = obj.getattr(intern!(py, "tzinfo")).map_err(|_| Slow)?;
    let timezone = TIMEZONE.import(py, "datetime", "timezone").map_err(|_| Slow)?;
    if !tzinfo.get_type().is(timezone) {
        return Err(Slow);
    }
    let utc = UTC
        .get_or_try_init(py, || py.import("datetime")?.getattr("timezone")?.getattr("utc").map(Bound::unbind))
        .map_err(|_| Slow)?;
    // Already in UTC, `astimezone(utc)` is the datetime itself.
    let in_utc = if tzinfo.is(utc.bind(py)) {
        obj.clone()
    } else {
        obj.call_method1(intern!(py, "astimezone"), (utc.bind(py),)).map_err(|_| Slow)?
    };
    let field = |name: &Bound<'_, PyString>| -> Result<u32, Slow> {
        in_utc.getattr(name).and_then(|v| v.extract::<u32>()).map_err(|_| Slow)
    };
    let (year, month, day) = (field(intern!(py, "year"))?, field(intern!(py, "month"))?, field(intern!(py, "day"))?);
    let (hour, minute, second) =
        (field(intern!(py, "hour"))?, field(intern!(py, "minute"))?, field(intern!(py, "second"))?);
    let micro = field(intern!(py, "microsecond"))?;
    // As `isoformat` writes it (`%04d-%02d-%02dT%02d:%02d:%02d`, `.%06d` only when there are
    // microseconds, then the offset), digit by digit: `format!` would cost more than the rest.
    if year > 9999 || micro > 999_999 {
        return Err(Slow);
    }
    let mut text = String::with_capacity(32);
    let digits = |text: &mut String, n: u32, width: u32| {
        for place in (0..width).rev() {
            text.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
        }
    };
    digits(&mut text, year, 4);
    for (sep, n) in [('-', month), ('-', day), ('T', hour), (':', minute), (':', second)] {
        text.push(sep);
        digits(&mut text, n, 2);
    }
    if micro != 0 {
        text.push('.');
        digits(&mut text, micro, 6);
    }
    text.push_str("+00:00");
    Ok(text)
}

/// The items of a list or tuple (any subclass, as `walk` takes them); `Slow` for anything else.
fn sequence_of<'py>(obj: &Bound<'py, PyAny>) -> Result<Bound<'py, PyTuple>, Slow> {
    if let Ok(list) = obj.cast::<PyList>() {
        return Ok(list.to_tuple());
    }
    obj.cast::<PyTuple>().cloned().map_err(|_| Slow)
}

/// An event's items with their keys as text, in the dict's order.
type Items<'a, 'py> = [Item<'a, 'py>];
type Item<'a, 'py> = (Cow<'a, str>, &'a Bound<'py, PyAny>);

/// `embed::FieldReader` over the items of a dict: `Fields` of the JSON path, read from the
/// Python objects. Any refusal only sends the event to the JSON path (see above).
struct DictFields<'i, 'a, 'py> {
    items: &'i Items<'a, 'py>,
}

fn slow() -> Error {
    Error::invalid("event", Problem::WrongType)
}

impl<'py> DictFields<'_, '_, 'py> {
    fn lookup(&self, name: &str) -> Option<&Bound<'py, PyAny>> {
        self.items.iter().find(|(k, _)| k == name).map(|(_, v)| *v).filter(|v| !v.is_none())
    }

    fn get(&self, name: &str) -> Result<&Bound<'py, PyAny>, Error> {
        self.lookup(name).ok_or_else(slow)
    }

    /// The text of a field, borrowed where it can be (words and times are only parsed).
    fn str_of(&self, name: &str) -> Result<Cow<'_, str>, Error> {
        string_of(self.get(name)?).map_err(|_| slow())
    }

    fn string(&self, name: &str) -> Result<String, Error> {
        self.str_of(name).map(Cow::into_owned)
    }

    fn each<T>(&self, name: &str, f: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, Error> {
        let items = sequence_of(self.get(name)?).map_err(|_| slow())?;
        items.iter().map(|item| string_of(&item).ok().and_then(|s| f(&s)).ok_or_else(slow)).collect()
    }
}

impl FieldReader for DictFields<'_, '_, '_> {
    fn text(&mut self, name: &'static str) -> Result<String, Error> {
        self.string(name)
    }
    fn name(&mut self, name: &'static str) -> Result<String, Error> {
        self.string(name)
    }
    fn texts(&mut self, name: &'static str) -> Result<Vec<String>, Error> {
        self.each(name, |s| Some(s.to_string()))
    }
    fn roles(&mut self, name: &'static str) -> Result<Vec<engine::Role>, Error> {
        let roles = self.each(name, engine::Role::parse)?;
        if roles.is_empty() { Err(slow()) } else { Ok(roles) }
    }
    fn time(&mut self, name: &'static str) -> Result<engine::Timestamp, Error> {
        embed::timestamp(name, &self.str_of(name)?)
    }
    fn date(&mut self, name: &'static str) -> Result<engine::CivilDate, Error> {
        embed::date(name, &self.str_of(name)?)
    }
    fn opt_word<W: engine::Word>(&mut self, name: &'static str) -> Result<Option<W>, Error> {
        match self.lookup(name) {
            None => Ok(None),
            Some(_) => self.word(name).map(Some),
        }
    }
    fn opt_municipality(&mut self, name: &'static str) -> Result<Option<String>, Error> {
        match self.lookup(name) {
            None => Ok(None),
            Some(_) => {
                let code = self.string(name)?;
                let digits = code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit());
                if digits { Ok(Some(code)) } else { Err(slow()) }
            }
        }
    }
    fn bool(&mut self, name: &'static str) -> Result<bool, Error> {
        self.get(name)?.cast::<PyBool>().map(|b| b.is_true()).map_err(|_| slow())
    }
    fn opt_bool(&mut self, name: &'static str) -> Result<Option<bool>, Error> {
        match self.lookup(name) {
            None => Ok(None),
            Some(v) => v.cast::<PyBool>().map(|b| Some(b.is_true())).map_err(|_| slow()),
        }
    }
    fn word<W: engine::Word>(&mut self, name: &'static str) -> Result<W, Error> {
        W::parse_word(&self.str_of(name)?).ok_or_else(slow)
    }
    fn agreement(&mut self, name: &'static str) -> Result<Option<engine::Agreement>, Error> {
        // An agreement (only in `admit`, once a case) is a nested object: the JSON path reads it.
        match self.lookup(name) {
            None => Ok(None),
            Some(_) => Err(slow()),
        }
    }
}

/// The event the items give, read as the JSON path reads it: `type`, `at`, `actor`, no key
/// beside those and the type's fields, then the fields; `Slow` where that path must judge.
fn read_items(items: &Items<'_, '_>) -> Result<engine::Event, Slow> {
    let mut f = DictFields { items };
    let event_type = engine::EventType::parse(&f.str_of("type").map_err(|_| Slow)?).ok_or(Slow)?;
    let at = f.time("at").map_err(|_| Slow)?;
    let actor = engine::Role::parse(&f.str_of("actor").map_err(|_| Slow)?).ok_or(Slow)?;
    let fields = event_type.fields();
    if !items.iter().all(|(k, _)| matches!(k.as_ref(), "at" | "actor" | "type") || fields.contains(&k.as_ref())) {
        return Err(Slow);
    }
    embed::read_event(at, actor, event_type, &mut f).map_err(|_| Slow)
}

/// Keys as text: exactly `str` (a subclass may define its own equality, which a dict honours
/// and the JSON path's map does not), with UTF-8.
fn keyed<'a, 'py>(pairs: &'a [(Bound<'py, PyAny>, Bound<'py, PyAny>)]) -> Result<Vec<Item<'a, 'py>>, Slow> {
    pairs
        .iter()
        .map(|(k, v)| {
            let key = k.cast_exact::<PyString>().map_err(|_| Slow)?;
            Ok((utf8(key).ok_or(Slow)?, v))
        })
        .collect()
}

/// At most this many items are read on the fast path (an event has at most nine keys).
const FAST_ITEMS: usize = 12;

/// An event dict read on the fast path, or `None`: then `event_to_value` and the core's JSON
/// reader judge it.
pub fn fast_event_from_dict(d: &Bound<'_, PyDict>) -> Option<engine::Event> {
    if d.len() > FAST_ITEMS {
        return None;
    }
    // No Python code runs while the dict is iterated, so it cannot change under the iterator.
    let pairs: Vec<_> = d.iter().collect();
    let items = keyed(&pairs).ok()?;
    read_items(&items).ok()
}

static EVENT_TO_DICT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A typed event (`utskrivning.events`) read on the fast path, or `None` (its `to_dict()` then
/// goes the dict's way). `Event.to_dict` is `{"type": cls.type, **vars(self)}` less the optional
/// fields left `None`, which read as absent anyway: so the items are read in place, unless the
/// class writes its own `to_dict` (as `SetEstimatedDischarge` does) or `vars` says `type` itself.
pub fn fast_event_from_typed(obj: &Bound<'_, PyAny>, base: &Bound<'_, PyType>) -> Option<engine::Event> {
    let py = obj.py();
    let to_dict = pyo3::intern!(py, "to_dict");
    let base_to_dict = EVENT_TO_DICT.get_or_try_init(py, || base.getattr(to_dict).map(Bound::unbind)).ok()?.bind(py);
    let ty = obj.get_type();
    if !ty.getattr(to_dict).ok()?.is(base_to_dict) {
        return None;
    }
    let event_type = ty.getattr(pyo3::intern!(py, "type")).ok()?;
    let vars = obj.getattr(pyo3::intern!(py, "__dict__")).ok()?;
    let vars = vars.cast_exact::<PyDict>().ok()?;
    if vars.len() >= FAST_ITEMS {
        return None;
    }
    let type_key = pyo3::intern!(py, "type").clone().into_any();
    let mut pairs = Vec::with_capacity(vars.len() + 1);
    pairs.push((type_key, event_type));
    pairs.extend(vars.iter());
    let items = keyed(&pairs).ok()?;
    if items.iter().skip(1).any(|(k, _)| k == "type") {
        return None;
    }
    read_items(&items).ok()
}

// --- Effects, built as Python objects ------------------------------------------------------

/// `{"effects": [...]}` as `embed::accepted_json` writes it (the same keys, in the same order,
/// the same values), built as Python objects without a `serde_json::Value` in between; keys
/// are interned once.
pub fn accepted_to_py<'py>(py: Python<'py>, accepted: &engine::Accepted) -> PyResult<Bound<'py, PyAny>> {
    let effects = PyList::empty(py);
    for effect in &accepted.effects {
        effects.append(effect_to_py(py, effect)?)?;
    }
    let out = PyDict::new(py);
    out.set_item(pyo3::intern!(py, "effects"), effects)?;
    Ok(out.into_any())
}

fn roles_to_py<'py>(py: Python<'py>, roles: &[engine::Role]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, roles.iter().map(|r| word(py, r.as_str())))
}

/// The words effects are written in (roles, messages, tracks, states: the core's `&'static str`
/// names), each made a Python str once, when the first is asked for, and then read without a
/// lock: a mutex's two atomic operations were most of what a word cost. Keyed by the text, not
/// its address (the binding's copy of a word's text need not be the core's). A text not among
/// the core's vocabularies is made anew each time; there is none today.
static WORDS: PyOnceLock<Words> = PyOnceLock::new();

type Words = std::collections::HashMap<WordKey, Py<PyString>, WordHash>;

fn all_words(py: Python<'_>) -> Words {
    engine::embed::effect_words().into_iter().map(|w| (WordKey(w), PyString::new(py, w).unbind())).collect()
}

/// A word as a key: equal texts are equal, and the same `&'static str` (the usual case: the
/// core hands out its vocabulary's own text) is found equal without comparing the bytes.
#[derive(Clone, Copy)]
struct WordKey(&'static str);

impl PartialEq for WordKey {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}

impl Eq for WordKey {}

impl std::hash::Hash for WordKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
    }
}

/// Hashes a short word eight bytes at a time: no need for SipHash's resistance here (the keys
/// are the core's own words, never input).
#[derive(Default, Clone, Copy)]
struct WordHash;

impl std::hash::BuildHasher for WordHash {
    type Hasher = WordHasher;
    fn build_hasher(&self) -> WordHasher {
        WordHasher(0)
    }
}

struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(23) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.mix(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.mix(rest.iter().fold(0, |v, b| v << 8 | u64::from(*b)));
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.mix(u64::from(b));
    }
}

/// A core word as a Python str, made once (see [`WORDS`]).
fn word<'py>(py: Python<'py>, text: &'static str) -> Bound<'py, PyString> {
    match WORDS.get_or_init(py, || all_words(py)).get(&WordKey(text)) {
        Some(s) => s.bind(py).clone(),
        None => PyString::new(py, text),
    }
}

/// One effect, as serde writes `Effect` (internally tagged by `type`, in snake case; the
/// optional fields of `notify` left out when absent).
fn effect_to_py<'py>(py: Python<'py>, effect: &engine::Effect) -> PyResult<Bound<'py, PyDict>> {
    use engine::Effect;
    use pyo3::intern;
    let d = PyDict::new(py);
    let kind = intern!(py, "type");
    match effect {
        Effect::Notify { id, message, to, meeting_at, estimated_discharge } => {
            d.set_item(kind, intern!(py, "notify"))?;
            d.set_item(intern!(py, "id"), id)?;
            d.set_item(intern!(py, "message"), word(py, message.as_str()))?;
            d.set_item(intern!(py, "to"), roles_to_py(py, to)?)?;
            if let Some(at) = meeting_at {
                d.set_item(intern!(py, "meeting_at"), at.to_string())?;
            }
            if let Some(day) = estimated_discharge {
                d.set_item(intern!(py, "estimated_discharge"), day.map(|day| day.to_string()))?;
            }
        }
        Effect::ResponsibilityMoved { responsibility, from, to, on } => {
            d.set_item(kind, intern!(py, "responsibility_moved"))?;
            d.set_item(intern!(py, "responsibility"), word(py, responsibility.as_str()))?;
            d.set_item(intern!(py, "from"), word(py, from.as_str()))?;
            d.set_item(intern!(py, "to"), word(py, to.as_str()))?;
            d.set_item(intern!(py, "on"), on.to_string())?;
        }
        Effect::EnrolledInHomeHealthCare => {
            d.set_item(kind, intern!(py, "enrolled_in_home_health_care"))?;
        }
        Effect::PaymentClockStarted { begins_on } => {
            d.set_item(kind, intern!(py, "payment_clock_started"))?;
            d.set_item(intern!(py, "begins_on"), begins_on.to_string())?;
        }
        Effect::PaymentClockStopped => {
            d.set_item(kind, intern!(py, "payment_clock_stopped"))?;
        }
        Effect::StateChanged { track, from, to } => {
            d.set_item(kind, intern!(py, "state_changed"))?;
            d.set_item(intern!(py, "track"), word(py, track))?;
            d.set_item(intern!(py, "from"), word(py, from))?;
            d.set_item(intern!(py, "to"), word(py, to))?;
        }
        Effect::Overrun { item, timebox_minutes, minutes } => {
            d.set_item(kind, intern!(py, "overrun"))?;
            d.set_item(intern!(py, "item"), word(py, item.as_str()))?;
            d.set_item(intern!(py, "timebox_minutes"), *timebox_minutes)?;
            d.set_item(intern!(py, "minutes"), *minutes)?;
        }
    }
    Ok(d)
}
