//! Pointers in and out (rustls-ffi's `ffi.rs`): a NULL or non-UTF-8 parameter becomes an
//! error naming the parameter, and every output is written by the caller of these helpers only
//! once the whole call has succeeded.

use std::ffi::{CStr, CString};
use std::os::raw::c_char;

use utskrivning::embed::Internal;

use crate::error::FfiError;

/// A NUL-terminated UTF-8 string parameter.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn arg_str<'a>(p: *const c_char, name: &'static str) -> Result<&'a str, FfiError> {
    if p.is_null() {
        return Err(FfiError::NullParameter(name));
    }
    // SAFETY: not NULL, and NUL-terminated by the caller's contract.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str().map_err(|_| FfiError::InvalidUtf8(name))
}

/// A string parameter that may be NULL (meaning "none").
///
/// # Safety
/// As [`arg_str`].
pub(crate) unsafe fn opt_arg_str<'a>(p: *const c_char, name: &'static str) -> Result<Option<&'a str>, FfiError> {
    if p.is_null() { Ok(None) } else { unsafe { arg_str(p, name) }.map(Some) }
}

/// A `(pointer, length)` byte parameter that may be absent: NULL with length 0 is none, NULL
/// with a length is `null_parameter` naming it, and any other pointer is `len` bytes (an empty
/// key is a key: HMAC-SHA-256 under zero bytes, not plain SHA-256). The bytes are borrowed for
/// the call only: nothing keeps, copies or logs them, and no error holds any of them.
///
/// # Safety
/// `p` is NULL or valid for reads of `len` bytes that outlive `'a`.
pub(crate) unsafe fn opt_arg_bytes<'a>(
    p: *const u8,
    len: usize,
    name: &'static str,
) -> Result<Option<&'a [u8]>, FfiError> {
    match (p.is_null(), len) {
        (true, 0) => Ok(None),
        (true, _) => Err(FfiError::NullParameter(name)),
        // SAFETY: not NULL and `len` readable bytes, by the caller's contract.
        (false, _) => Ok(Some(unsafe { std::slice::from_raw_parts(p, len) })),
    }
}

/// An output parameter, checked before any work is done and written after it succeeded.
///
/// # Safety
/// `p` is NULL or valid for writes of a `T`.
pub(crate) unsafe fn out<'a, T>(p: *mut T, name: &'static str) -> Result<&'a mut T, FfiError> {
    // SAFETY: valid for writes when not NULL, by the caller's contract.
    unsafe { p.as_mut() }.ok_or(FfiError::NullParameter(name))
}

/// A string the caller frees with `utskrivning_string_free`. JSON text holds no NUL byte
/// (serde_json escapes it), so the error is a bug, reported as such.
pub(crate) fn owned_string(s: String) -> Result<*mut c_char, FfiError> {
    CString::new(s).map(CString::into_raw).map_err(|_| FfiError::Internal(Internal::Output))
}

/// A value as a JSON string the caller frees with `utskrivning_string_free`.
pub(crate) fn json_string<T: serde::Serialize + ?Sized>(value: &T) -> Result<*mut c_char, FfiError> {
    serde_json::to_string(value).map_err(|_| FfiError::Internal(Internal::Output)).and_then(owned_string)
}

/// A C boolean (`uint8_t`): 0 or 1, anything else refused, since a Rust `bool` holding another
/// byte would be undefined behaviour. `field` names it in the error.
pub(crate) fn flag(value: u8, field: &str) -> Result<bool, FfiError> {
    match value {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(utskrivning::Error::invalid(field, utskrivning::Problem::WrongType).into()),
    }
}

/// Frees a string from [`owned_string`].
///
/// # Safety
/// `p` is NULL or came from [`owned_string`] and was not freed yet.
pub(crate) unsafe fn free_owned_string(p: *mut c_char) {
    if !p.is_null() {
        // SAFETY: made by `CString::into_raw`, freed once, by the caller's contract.
        drop(unsafe { CString::from_raw(p) });
    }
}

/// Copies `s` and a NUL into the caller's buffer; `written` gets the length without the NUL.
/// A buffer too small is left untouched.
///
/// # Safety
/// `buf` is valid for writes of `len` bytes.
pub(crate) unsafe fn copy_to_buffer(
    s: &str,
    buf: *mut c_char,
    len: usize,
    written: &mut usize,
) -> Result<(), FfiError> {
    let needed = s.len() + 1;
    if len < needed {
        return Err(FfiError::BufferTooSmall { needed, given: len });
    }
    // SAFETY: `buf` holds `len >= s.len() + 1` bytes, and `s` is not inside it (it is ours).
    unsafe {
        std::ptr::copy_nonoverlapping(s.as_ptr(), buf.cast::<u8>(), s.len());
        buf.add(s.len()).write(0);
    }
    *written = s.len();
    Ok(())
}
