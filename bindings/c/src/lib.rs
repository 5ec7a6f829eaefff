//! The C API of `utskrivning`, in the style of rustls-ffi: an opaque case handle, one result
//! enum with fixed numbers, JSON text in and out, and every exported function inside one panic
//! boundary ([`ffi_panic_boundary!`]), so no panic unwinds into C.
//!
//! The header `include/utskrivning.h` is generated from this crate by cbindgen
//! (`utskrivning-c-header`); docs/c-api.md says who owns every pointer.

// Exported names are the C names (`utskrivning_case`, `utskrivning_result`).
#![allow(non_camel_case_types)]
// Nothing a caller passes may reach a panic; the boundary is the last line, not the first.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

#[macro_use]
mod panic;

mod case;
mod error;
mod ffi;
mod fhir;
mod handle;
mod indicators;
mod labels;
mod planner;
#[cfg(test)]
mod policies;
mod result;
mod worklist;

pub use case::*;
pub use indicators::*;
pub use labels::*;
pub use planner::*;
pub use result::utskrivning_result;
pub use worklist::*;
