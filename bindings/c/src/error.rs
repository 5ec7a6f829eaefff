//! Why a call failed: a rejection of the core, a fault of the C layer's own (a NULL or
//! non-UTF-8 parameter, a small buffer), or the bindings' one internal error (a caught panic, a
//! poisoned handle, an answer that could not be written). Its JSON has the core's shape,
//! `{"code", "message_sv", "message_en", "details"}`; details name parameters, fields and
//! states, never a value a caller passed (the core's rule, kept here).

use std::os::raw::c_char;

use serde_json::{Value, json};
use utskrivning::Error;
use utskrivning::embed::Internal;

use crate::ffi::owned_string;
use crate::result::utskrivning_result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FfiError {
    /// The core rejected the input or the event.
    Core(Error),
    /// The named pointer parameter was NULL.
    NullParameter(&'static str),
    /// The named string parameter was not UTF-8.
    InvalidUtf8(&'static str),
    /// The answer needs `needed` bytes (its NUL included); the buffer had `given`.
    BufferTooSmall { needed: usize, given: usize },
    /// A bug, never the input's fault: `embed::Internal`, the same in every binding.
    Internal(Internal),
}

impl From<Error> for FfiError {
    fn from(e: Error) -> Self {
        FfiError::Core(e)
    }
}

impl FfiError {
    pub(crate) fn result(&self) -> utskrivning_result {
        match self {
            FfiError::Core(e) => utskrivning_result::from_code(e.code),
            FfiError::NullParameter(_) => utskrivning_result::NullParameter,
            FfiError::InvalidUtf8(_) => utskrivning_result::InvalidUtf8,
            FfiError::BufferTooSmall { .. } => utskrivning_result::BufferTooSmall,
            FfiError::Internal(_) => utskrivning_result::Internal,
        }
    }

    /// The error as the core's errors read in JSON.
    pub(crate) fn to_json(&self) -> Value {
        let (sv, en, details) = match self {
            FfiError::Core(e) => return e.to_json(),
            FfiError::NullParameter(p) => ("Parametern är NULL", "The parameter is NULL", json!({"parameter": p})),
            FfiError::InvalidUtf8(p) => ("Texten är inte UTF-8", "The text is not UTF-8", json!({"parameter": p})),
            FfiError::BufferTooSmall { needed, given } => {
                ("Bufferten är för liten", "The buffer is too small", json!({"given": given, "needed": needed}))
            }
            FfiError::Internal(internal) => return internal.to_json(),
        };
        json!({
            "code": self.result().name().to_str().unwrap_or_default(),
            "message_sv": with_details(sv, &details),
            "message_en": with_details(en, &details),
            "details": details,
        })
    }
}

/// The answer of a call with no handle to record on: on failure `*error_out`, when not NULL,
/// gets the error JSON, a string the caller frees with `utskrivning_string_free`.
///
/// # Safety
/// `error_out` is NULL or valid for writes.
pub(crate) unsafe fn answer(outcome: Result<(), FfiError>, error_out: *mut *mut c_char) -> utskrivning_result {
    let Err(e) = outcome else { return utskrivning_result::Ok };
    // SAFETY: as the function's contract; NULL means the caller wants no details.
    if let Some(error_out) = unsafe { error_out.as_mut() } {
        *error_out = owned_string(e.to_json().to_string()).unwrap_or(std::ptr::null_mut());
    }
    e.result()
}

/// `message (key=value, ...)`, as the core writes its messages.
fn with_details(message: &str, details: &Value) -> String {
    let Value::Object(map) = details else { return message.to_string() };
    let parts: Vec<String> = map
        .iter()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect();
    if parts.is_empty() { message.to_string() } else { format!("{message} ({})", parts.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_core_error_keeps_its_json() {
        let e = Error::invalid("at", utskrivning::Problem::NotATimestamp);
        assert_eq!(FfiError::from(e.clone()).to_json(), e.to_json());
        assert_eq!(FfiError::from(e).result(), utskrivning_result::InvalidInput);
    }

    #[test]
    fn a_layer_error_has_the_same_shape() {
        let j = FfiError::NullParameter("event_json").to_json();
        assert_eq!(j["code"], "null_parameter");
        assert_eq!(j["details"], json!({"parameter": "event_json"}));
        assert_eq!(j["message_en"], "The parameter is NULL (parameter=event_json)");
        assert_eq!(j["message_sv"], "Parametern är NULL (parameter=event_json)");
        let j = FfiError::BufferTooSmall { needed: 12, given: 4 }.to_json();
        assert_eq!(j["code"], "buffer_too_small");
        assert_eq!(j["message_en"], "The buffer is too small (given=4, needed=12)");
    }

    #[test]
    fn the_internal_error_is_the_bindings_one() {
        for internal in [Internal::Panic, Internal::Poisoned, Internal::Output] {
            let e = FfiError::Internal(internal);
            assert_eq!(e.to_json(), internal.to_json());
            assert_eq!(e.result(), utskrivning_result::Internal);
            assert_eq!(e.result().name().to_str().unwrap(), utskrivning::embed::INTERNAL);
        }
    }
}
