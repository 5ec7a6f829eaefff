//! Access (vårdrelation) and the access log: who may view a case, and a log entry for every
//! attempt with the fields HSLF-FS 2016:40 4 kap. 9 § asks for that the core knows (the
//! action, the time, the role and the outcome; the user and unit are the embedder's).

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::role::Role;
use crate::time::Timestamp;
use crate::vocab::vocabulary;

vocabulary! {
    pub enum AccessOutcome {
        Allowed = "allowed",
        Refused = "refused",
    }
}

vocabulary! {
    pub enum AccessAction {
        /// Reading the case (`view`).
        Read = "read",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessEntry {
    pub at: Timestamp,
    pub role: Role,
    pub action: AccessAction,
    pub outcome: AccessOutcome,
    /// The code of a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
}

/// What the view rule needs to know of the case.
pub(crate) struct Relationship {
    pub rehab_added: bool,
    /// Municipal care has a care relationship: an enrolment (at admission or by an accepted
    /// request) or an open request (a rejected one not yet closed counts).
    pub municipal_care: bool,
}

/// The view rule (spec: Access).
pub(crate) fn may_view(role: Role, rel: &Relationship) -> Result<()> {
    let no_relationship = || Error::new(ErrorCode::NoCareRelationship, serde_json::json!({"role": role}));
    match role {
        Role::Inpatient | Role::CareContact | Role::SocialServices | Role::Patient => Ok(()),
        Role::Rehab if rel.rehab_added => Ok(()),
        Role::MunicipalCare if rel.municipal_care => Ok(()),
        Role::Rehab | Role::MunicipalCare => Err(no_relationship()),
        Role::Relative => Err(Error::new(ErrorCode::NotPermitted, serde_json::json!({"action": "view", "actor": role}))),
    }
}
