//! The one handle helper (rustls-ffi's `Castable`): a C handle type is an opaque struct that
//! names the Rust value behind it; every handle holds that value, the outcome of its last call
//! and a poisoned flag. The case and planner files keep only their conversions.

use std::cell::Cell;
use std::os::raw::c_char;

use serde_json::Value;
use utskrivning::embed::Internal;

use crate::error::FfiError;
use crate::ffi::{out, owned_string};
use crate::result::utskrivning_result;

/// An opaque C type and the value its pointers point to (always a [`Handle`] of it).
pub(crate) trait Castable {
    type Value;
}

/// What a `*mut C` points to, made by [`into_raw`] only.
pub(crate) struct Handle<T> {
    value: T,
    /// The outcome of the last call on the handle (`None`: it succeeded).
    last_error: Cell<Option<FfiError>>,
    /// Set while a call changes the value; still set after a caught panic, so a value that
    /// may be half changed answers `internal` (`poisoned`) from then on instead of being trusted.
    poisoned: Cell<bool>,
}

impl<T> Handle<T> {
    /// The value, unless a panic may have left it half changed.
    pub(crate) fn sound(&self) -> Result<&T, FfiError> {
        if self.poisoned.get() { Err(FfiError::Internal(Internal::Poisoned)) } else { Ok(&self.value) }
    }

    /// Runs `f` on the value, poisoned while it runs. The outcome is not recorded: a planner
    /// call changing a case records on the planner, not on the case.
    pub(crate) fn guarded<R>(&mut self, f: impl FnOnce(&mut T) -> Result<R, FfiError>) -> Result<R, FfiError> {
        self.sound()?;
        self.poisoned.set(true);
        let outcome = f(&mut self.value);
        self.poisoned.set(false);
        outcome
    }

    /// As [`Handle::guarded`], for several handles at once (all sound, or none is touched).
    pub(crate) fn guard_all<R>(
        handles: &mut [&mut Handle<T>],
        f: impl FnOnce(&mut [&mut T]) -> Result<R, FfiError>,
    ) -> Result<R, FfiError> {
        if handles.iter().any(|h| h.poisoned.get()) {
            return Err(FfiError::Internal(Internal::Poisoned));
        }
        handles.iter().for_each(|h| h.poisoned.set(true));
        let mut values: Vec<&mut T> = handles.iter_mut().map(|h| &mut h.value).collect();
        let outcome = f(&mut values);
        handles.iter().for_each(|h| h.poisoned.set(false));
        outcome
    }

    fn record(&self, outcome: Result<(), FfiError>) -> utskrivning_result {
        let result = outcome.as_ref().err().map_or(utskrivning_result::Ok, FfiError::result);
        self.last_error.set(outcome.err());
        result
    }
}

/// A new handle for `value`, freed with [`free`].
pub(crate) fn into_raw<C: Castable>(value: C::Value) -> *mut C {
    let handle = Handle { value, last_error: Cell::new(None), poisoned: Cell::new(false) };
    Box::into_raw(Box::new(handle)).cast()
}

/// Frees a handle from [`into_raw`]; NULL does nothing.
///
/// # Safety
/// `ptr` is NULL or from [`into_raw`] of the same `C`, freed once.
pub(crate) unsafe fn free<C: Castable>(ptr: *mut C) {
    if !ptr.is_null() {
        // SAFETY: made by `Box::into_raw` of a `Handle<C::Value>` in `into_raw`, freed once.
        drop(unsafe { Box::from_raw(ptr.cast::<Handle<C::Value>>()) });
    }
}

/// The handle behind a pointer.
///
/// # Safety
/// `ptr` is NULL or a live handle from [`into_raw`] of the same `C`, for `'a`.
pub(crate) unsafe fn handle<'a, C: Castable>(ptr: *const C) -> Option<&'a Handle<C::Value>> {
    // SAFETY: a live `Handle<C::Value>`, by the contract.
    unsafe { ptr.cast::<Handle<C::Value>>().as_ref() }
}

/// The handle behind a pointer, to change.
///
/// # Safety
/// As [`handle`], and not in use by another call for `'a`.
pub(crate) unsafe fn handle_mut<'a, C: Castable>(ptr: *mut C) -> Option<&'a mut Handle<C::Value>> {
    // SAFETY: a live `Handle<C::Value>` used by this call alone, by the contract.
    unsafe { ptr.cast::<Handle<C::Value>>().as_mut() }
}

/// Runs a call that only reads the value behind `ptr`, and records its outcome.
///
/// # Safety
/// As [`handle`].
pub(crate) unsafe fn read<C: Castable>(
    ptr: *const C,
    f: impl FnOnce(&C::Value) -> Result<(), FfiError>,
) -> utskrivning_result {
    // SAFETY: as the function's contract.
    let Some(h) = (unsafe { handle(ptr) }) else { return utskrivning_result::NullParameter };
    // Stays the answer if `f` panics.
    h.last_error.set(Some(FfiError::Internal(Internal::Panic)));
    let outcome = h.sound().and_then(f);
    h.record(outcome)
}

/// Runs a call that may change the value behind `ptr`, and records its outcome.
///
/// # Safety
/// As [`handle_mut`].
pub(crate) unsafe fn change<C: Castable>(
    ptr: *mut C,
    f: impl FnOnce(&mut C::Value) -> Result<(), FfiError>,
) -> utskrivning_result {
    // SAFETY: as the function's contract.
    let Some(h) = (unsafe { handle_mut(ptr) }) else { return utskrivning_result::NullParameter };
    h.last_error.set(Some(FfiError::Internal(Internal::Panic)));
    let outcome = h.guarded(f);
    h.record(outcome)
}

/// `*error_out` = the last call's error JSON, or `null`. Not itself recorded.
///
/// # Safety
/// `ptr` as [`handle`]; `error_out` is NULL or valid for writes.
pub(crate) unsafe fn last_error<C: Castable>(ptr: *const C, error_out: *mut *mut c_char) -> utskrivning_result {
    // SAFETY: as the function's contract.
    let (Some(h), Ok(error_out)) = (unsafe { handle(ptr) }, unsafe { out(error_out, "error_out") }) else {
        return utskrivning_result::NullParameter;
    };
    let last = h.last_error.take();
    let json = last.as_ref().map_or(Value::Null, FfiError::to_json);
    h.last_error.set(last);
    match owned_string(json.to_string()) {
        Ok(s) => {
            *error_out = s;
            utskrivning_result::Ok
        }
        Err(e) => e.result(),
    }
}
