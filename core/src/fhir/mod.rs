//! HL7 FHIR R4 (4.0.1): a case exported as a `Bundle` of type `collection`, and the care
//! request's Task read back as the engine event it stands for (docs/fhir.md has the mapping).
//! Plain `serde_json` writers for the few resources used, not a FHIR crate: the crates that
//! model R4 generate every resource of the release, a cost in build time the seven resources
//! here do not need (docs/fhir.md says more). The layer sits above `case`, read only through
//! the case's own API.

pub mod codes;
mod export;
mod import;

pub use export::{to_fhir, to_fhir_value};
pub use import::{TASK_STATUSES, from_fhir_task, from_fhir_task_value};

/// The FHIR release the export writes and the import reads.
pub const FHIR_VERSION: &str = "4.0.1";

/// Each care request's state as the journal tells it (the export reads the times and texts of
/// the requests from there): the conformance tests check the last one is the case's own.
#[cfg(feature = "conformance")]
pub fn journal_care_request_states(case: &crate::case::Case) -> Vec<crate::model::CareRequestState> {
    export::Story::read(case).requests.iter().map(|r| r.state()).collect()
}
