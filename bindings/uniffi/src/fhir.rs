//! HL7 FHIR R4's way back (docs/fhir.md): the care request's Task from municipal care's system
//! as the event it stands for. The export is `Case::to_fhir`.

use utskrivning::embed;

use crate::error::{Result, guard};

/// The event a FHIR R4 Task (JSON text) from municipal care's system stands for (status
/// `received`, `accepted`, `rejected` with `statusReason.text`, or `businessStatus`
/// `completion_requested` with `output`), at `at` (RFC 3339), as the event JSON `Case.apply`
/// takes. A Task that does not fit is `InvalidInput` naming the FHIR element (`Task.status`).
#[uniffi::export]
pub fn from_fhir_task(task: String, at: String) -> Result<String> {
    guard(|| Ok(embed::from_fhir_task(&task, &at)?.to_string()))
}
