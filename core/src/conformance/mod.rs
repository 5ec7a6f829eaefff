//! The conformance harness (cargo feature `conformance`): exploring every reachable case, the
//! invariants every case keeps, and the reference runners of the scenario and session corpora.
//! Tests, fuzz targets and the developer tools use it; the library the bindings link does not
//! carry it.

pub mod driven;
pub mod error_details;
pub mod explore;
pub mod invariants;
pub mod quiet;
pub mod scenario;
pub mod sessions;
