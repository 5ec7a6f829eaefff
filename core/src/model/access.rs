//! The access log's entries: one for every attempt to read a case with the fields HSLF-FS 2016:40 4 kap. 9 § asks for that the core knows (the
//! action, the time, the role and the outcome; the user and unit are the embedder's).

use serde::{Deserialize, Serialize};

use crate::model::error::ErrorCode;
use crate::model::role::Role;
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
        /// Reading the case for a worklist.
        Worklist = "worklist",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
