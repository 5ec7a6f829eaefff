//! The panic boundary (rustls-ffi's `panic.rs`): every exported function's body runs inside
//! [`ffi_panic_boundary!`]; a panic becomes the function's "internal" answer and never unwinds
//! into C, where it would be undefined behaviour.

use std::os::raw::c_char;

use crate::result::utskrivning_result;

/// What an exported function answers when its body panicked.
pub(crate) trait OnPanic {
    fn on_panic() -> Self;
}

impl OnPanic for utskrivning_result {
    fn on_panic() -> Self {
        utskrivning_result::Internal
    }
}

impl OnPanic for () {
    fn on_panic() -> Self {}
}

impl OnPanic for *const c_char {
    /// Functions returning a static string answer an empty one rather than NULL, so a caller
    /// that prints it without a check stays defined.
    fn on_panic() -> Self {
        c"".as_ptr()
    }
}

/// Runs the body, catching any panic and answering [`OnPanic::on_panic`] for the return type.
macro_rules! ffi_panic_boundary {
    ( $($body:tt)* ) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(answer) => answer,
            Err(_) => $crate::panic::OnPanic::on_panic(),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panics() -> utskrivning_result {
        ffi_panic_boundary! {
            if std::hint::black_box(true) {
                panic!("boom");
            }
            utskrivning_result::Ok
        }
    }

    #[test]
    fn a_panic_becomes_internal() {
        assert_eq!(panics(), utskrivning_result::Internal);
    }

    #[test]
    fn a_static_string_function_answers_an_empty_string() {
        let s: *const c_char = ffi_panic_boundary! {
            if std::hint::black_box(true) {
                panic!("boom");
            }
            c"x".as_ptr()
        };
        // SAFETY: on_panic answers a static, NUL-terminated string.
        assert_eq!(unsafe { std::ffi::CStr::from_ptr(s) }.to_bytes(), b"");
    }
}
