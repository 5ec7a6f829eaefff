//! Access (vårdrelation): who may view a case (spec: Access). Every attempt is logged by the
//! case, with the fields HSLF-FS 2016:40 4 kap. 9 § asks for that the core knows.

use crate::machine::CaseState;
use crate::model::{Error, Result, Role};

/// The view rule (spec: Access).
pub(crate) fn may_view(role: Role, state: &CaseState) -> Result<()> {
    let no_relationship = || Error::no_care_relationship(role);
    match role {
        Role::Inpatient | Role::CareContact | Role::SocialServices | Role::Patient => Ok(()),
        Role::Rehab if state.rehab_added() => Ok(()),
        Role::MunicipalCare if state.municipal_care_related() => Ok(()),
        Role::Rehab | Role::MunicipalCare => Err(no_relationship()),
        Role::Relative => Err(Error::not_permitted_to_read("view", role)),
    }
}
