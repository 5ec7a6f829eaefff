//! Labels, the version and result names: the calls that need no case.

use std::os::raw::c_char;

use utskrivning::embed;

use crate::error::{FfiError, answer};
use crate::ffi::{arg_str, copy_to_buffer, out, owned_string};
use crate::result::utskrivning_result;

/// A buffer of this many bytes holds any label and its NUL (a test keeps it so).
pub const UTSKRIVNING_LABEL_MAX: usize = 256;

/// The display label of a word of the spec's vocabulary, in `lang` (`sv` or `en`): kinds are
/// role, routine, event, error, phase, check_in, care_request, consent, color_track, sip,
/// sol_application, purpose, item, deadline, deadline_status and message. The label and a NUL
/// are copied into the caller's `buf` of `len` bytes and `*out_n` gets the label's length in
/// bytes (without the NUL). An unknown kind, word or language is
/// `UTSKRIVNING_RESULT_INVALID_INPUT`; a buffer shorter than the label and its NUL is
/// `UTSKRIVNING_RESULT_BUFFER_TOO_SMALL`, and `UTSKRIVNING_LABEL_MAX` bytes always suffice.
/// Neither `buf` nor `*out_n` is written unless the call succeeds. On failure `*error_out`, when
/// `error_out` is not NULL, gets the error JSON (an unknown word: `{"field": "word", "problem":
/// "unknown_value", "allowed": [...]}`, an unknown kind the same on `kind`), a string the caller
/// frees with `utskrivning_string_free`.
///
/// # Safety
/// Each string is NULL or NUL-terminated; `buf` is NULL or valid for writes of `len` bytes;
/// `out_n` and `error_out` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_label(
    kind: *const c_char,
    word: *const c_char,
    lang: *const c_char,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        let outcome = unsafe {
            (|| {
                let kind = arg_str(kind, "kind")?;
                let word = arg_str(word, "word")?;
                let lang_name = arg_str(lang, "lang")?;
                if buf.is_null() {
                    return Err(FfiError::NullParameter("buf"));
                }
                let out_n = out(out_n, "out_n")?;
                let label = embed::label(kind, word, embed::lang(lang_name)?)?;
                copy_to_buffer(label, buf, len, out_n)
            })()
        };
        // SAFETY: as the contract above says.
        unsafe { answer(outcome, error_out) }
    }
}

/// Every kind with every word's labels, `{"role": [{"word", "sv", "en"}, ...], ...}`, in
/// `*labels_out`, a string the caller frees with `utskrivning_string_free`.
///
/// # Safety
/// `labels_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_labels(labels_out: *mut *mut c_char) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: as the contract above says.
        let outcome = (|| {
            // SAFETY: as the contract above says.
            let labels_out = unsafe { out(labels_out, "labels_out") }?;
            *labels_out = owned_string(embed::labels_json().to_string())?;
            Ok(())
        })();
        // SAFETY: no error output.
        unsafe { answer(outcome, std::ptr::null_mut()) }
    }
}

/// The library's version, `"MAJOR.MINOR.PATCH"`: a static string, never freed. Compare it
/// with `UTSKRIVNING_VERSION` to check that the header and the library agree.
#[unsafe(no_mangle)]
pub extern "C" fn utskrivning_version() -> *const c_char {
    ffi_panic_boundary! {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
    }
}

/// The name of a result code: `"ok"`, the spec's code (`"wrong_state"`), or the C layer's
/// (`"null_parameter"`, `"invalid_utf8"`, `"buffer_too_small"`, `"internal"`); `"unknown"`
/// for a number that is no result. A static string, never freed.
#[unsafe(no_mangle)]
pub extern "C" fn utskrivning_result_name(result: u32) -> *const c_char {
    ffi_panic_boundary! {
        utskrivning_result::from_u32(result).map_or(c"unknown", utskrivning_result::name).as_ptr()
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::{CStr, CString};
    use std::ptr;

    use utskrivning::Lang;

    use super::*;

    #[test]
    fn every_label_fits_in_label_max() {
        let longest = embed::label_rows()
            .iter()
            .flat_map(|(_, rows)| rows.iter().flat_map(|(_, sv, en)| [sv.len(), en.len()]))
            .max();
        assert!(longest.unwrap() < UTSKRIVNING_LABEL_MAX, "{longest:?}");
    }

    #[test]
    fn a_label_is_copied_with_its_nul_and_a_short_buffer_is_untouched() {
        let (kind, word, lang) =
            (CString::new("role").unwrap(), CString::new("patient").unwrap(), CString::new("en").unwrap());
        let want = embed::label("role", "patient", Lang::En).unwrap();
        let mut buf = [b'#' as c_char; 64];
        let mut n = 999usize;
        let small = want.len(); // no room for the NUL
        let r = unsafe {
            utskrivning_label(
                kind.as_ptr(),
                word.as_ptr(),
                lang.as_ptr(),
                buf.as_mut_ptr(),
                small,
                &mut n,
                ptr::null_mut(),
            )
        };
        assert_eq!(r, utskrivning_result::BufferTooSmall);
        assert!(buf.iter().all(|b| *b == b'#' as c_char) && n == 999);
        let r = unsafe {
            utskrivning_label(
                kind.as_ptr(),
                word.as_ptr(),
                lang.as_ptr(),
                buf.as_mut_ptr(),
                small + 1,
                &mut n,
                ptr::null_mut(),
            )
        };
        assert_eq!(r, utskrivning_result::Ok);
        assert_eq!(unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap(), want);
        assert_eq!(n, want.len());
    }

    #[test]
    fn the_version_is_the_package_version() {
        assert_eq!(unsafe { CStr::from_ptr(utskrivning_version()) }.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn result_names() {
        let name = |n| unsafe { CStr::from_ptr(utskrivning_result_name(n)) }.to_str().unwrap();
        assert_eq!(name(0), "ok");
        assert_eq!(name(13), "time_went_backwards");
        assert_eq!(name(102), "buffer_too_small");
        assert_eq!(name(7000), "unknown");
    }
}
