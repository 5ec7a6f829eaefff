//! Deadlines: the obligations the law and the routines put on the parties, as `deadlines(at)`
//! lists them.

use serde::Serialize;

use crate::model::role::Role;
use crate::time::Timestamp;
use crate::vocab::vocabulary;

vocabulary! {
    /// The obligations `deadlines(at)` lists, in this order.
    pub enum DeadlineKind {
        /// Inpatient care notifies the units concerned (inskrivningsmeddelande).
        AdmissionNotice = "admission_notice",
        /// The care contact calls a SIP after the ready-for-discharge notice.
        SipInvitation = "sip_invitation",
        /// The day the municipality's payment responsibility begins (betalningsansvar).
        PaymentResponsibility = "payment_responsibility",
        /// Inpatient care adds the rehab provider before the check-in (seed 000).
        RehabParty = "rehab_party",
    }
}

vocabulary! {
    pub enum DeadlineStatus {
        Pending = "pending",
        Met = "met",
        Overdue = "overdue",
    }
}

/// One obligation: who owes it, when it is due, and how it stands at the asked time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub owner: Role,
    pub due: Timestamp,
    pub status: DeadlineStatus,
    /// When the obligation arose (the event that made it).
    pub since: Timestamp,
    /// When the obligation was met (it may be after `due`: met late).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_at: Option<Timestamp>,
    /// Payment responsibility only: calendar days the municipality pays for, up to the asked
    /// time or the discharge day, whichever is first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Payment responsibility only: `days` × the agreement's daily amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_sek: Option<u64>,
}

impl Deadline {
    pub(crate) fn new(
        kind: DeadlineKind,
        owner: Role,
        since: Timestamp,
        due: Timestamp,
        met_at: Option<Timestamp>,
        at: Timestamp,
    ) -> Self {
        let status = match met_at {
            Some(_) => DeadlineStatus::Met,
            None if at > due => DeadlineStatus::Overdue,
            None => DeadlineStatus::Pending,
        };
        Deadline { kind, owner, due, status, since, met_at, days: None, amount_sek: None }
    }
}
