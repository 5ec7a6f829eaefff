//! coordination: who holds the coordination responsibility. Inpatient care until the check-in
//! meeting ends; then the care contact, dated the meeting's day (seed 000's checklist rule).

use serde::Serialize;

use crate::model::Role;
use crate::time::CivilDate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Coordination {
    pub responsible: Role,
    /// The Stockholm date the care contact took over.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::time::CivilDateSchema>"))]
    pub since: Option<CivilDate>,
}

impl Default for Coordination {
    fn default() -> Self {
        Coordination { responsible: Role::Inpatient, since: None }
    }
}

impl Coordination {
    /// The care contact holds it from the meeting's day.
    pub(crate) fn care_contact_since(on: CivilDate) -> Self {
        Coordination { responsible: Role::CareContact, since: Some(on) }
    }
}
