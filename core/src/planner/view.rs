//! Who sees what of a session, and the planner's access log of session views.

use serde::{Deserialize, Serialize};

use super::{Planner, Slot};
use crate::case::{Case, distinct_case_ids};
use crate::model::{AccessOutcome, Error, ErrorCode, Problem, Result, Role};
use crate::time::Timestamp;

/// A session as one party may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionView {
    pub session: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub slot_minutes: u32,
    pub slots: Vec<Slot>,
}

/// One attempt to view a session: the fields of a case's access entry, and the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionAccessEntry {
    pub at: Timestamp,
    pub role: Role,
    pub session: String,
    pub outcome: AccessOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
}

impl Planner {
    /// The session as `role` may see it at `at`:
    /// - `whole_session`: inpatient care and social services see every slot, free ones too;
    /// - `own_slots_only`: a care contact (`care_contact`: their unit, as in their cases) sees
    ///   only their own slots, so no other patient's case id; a unit with no slot sees none;
    /// - `related_cases_only`: municipal care sees the slots of those `cases` where it has a
    ///   care relationship (a case not passed counts as none);
    /// - the patient, relatives and rehab are not session parties (`not_permitted`).
    ///
    /// Every permitted or refused view is logged on the planner; malformed input (an unknown
    /// session, a missing unit) is refused before anything is seen and is not.
    pub fn view(
        &mut self,
        session: &str,
        role: Role,
        care_contact: Option<&str>,
        at: Timestamp,
        cases: &[&Case],
    ) -> Result<SessionView> {
        let times = self.config.session(session)?;
        distinct_case_ids(cases.iter().map(|c| c.case_id()))?;
        match (role, care_contact) {
            (Role::CareContact, None) => return Err(Error::invalid("care_contact", Problem::Missing)),
            (Role::CareContact, Some(unit)) if unit.trim().is_empty() => {
                return Err(Error::invalid("care_contact", Problem::Missing));
            }
            (Role::CareContact, Some(_)) | (_, None) => {}
            (_, Some(_)) => return Err(Error::invalid("care_contact", Problem::OnlyForCareContact)),
        }
        let sees = |slot: &Slot| match role {
            Role::Inpatient | Role::SocialServices => true,
            Role::CareContact => slot.care_contact.as_deref() == care_contact,
            Role::MunicipalCare => slot
                .case_id
                .as_deref()
                // Only the case booked in the slot counts: another with its id grants nothing.
                .is_some_and(|id| {
                    cases
                        .iter()
                        .any(|c| c.case_id() == Some(id) && self.holds(c) && c.municipal_care_has_relationship())
                }),
            Role::Patient | Role::Relative | Role::Rehab => false,
        };
        let verdict = match role {
            Role::Patient | Role::Relative | Role::Rehab => Err(Error::not_permitted_to_read("view_session", role)),
            _ => Ok((0..times.slots).map(|i| self.slot(&times, i)).filter(|s| sees(s)).collect::<Vec<_>>()),
        };
        self.access_log.push(SessionAccessEntry {
            at,
            role,
            session: times.id.clone(),
            outcome: if verdict.is_ok() { AccessOutcome::Allowed } else { AccessOutcome::Refused },
            code: verdict.as_ref().err().map(|e| e.code),
        });
        let slots = verdict?;
        Ok(SessionView {
            session: times.id,
            starts_at: times.starts_at,
            ends_at: times.ends_at,
            slot_minutes: self.config.slot_minutes,
            slots,
        })
    }
}
