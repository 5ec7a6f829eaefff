//! A region's agreement on deadlines and payment (spec: Deadlines). The defaults are the law's
//! (docs/deadlines.md gives each its source); the agreement travels in the `admit` event, so
//! replay reproduces it.

use jiff::ToSpan;
use serde::Serialize;

use crate::model::error::{Detail, Error, Problem, Result};
use crate::time::{CivilDate, Timestamp, stockholm_date, stockholm_hour};

/// The durations a region's agreement may set (spec: Deadlines). Defaults are the law's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Agreement {
    /// Admission notice within this many hours of admission (Lag 2017:612: 24).
    pub admission_notice_hours: u32,
    /// SIP invitation within this many days of the ready-for-discharge notice (3).
    pub sip_invitation_days: u32,
    /// Payment responsibility begins this many calendar days after the notice day (3).
    pub payment_days: u32,
    /// Whether the notice day itself counts as the first of `payment_days` (false).
    pub payment_counts_notice_day: bool,
    /// A notice at or after this Stockholm hour counts as sent the next day (none).
    pub payment_cutoff_hour: Option<u32>,
    /// The daily amount in kronor (set yearly by Socialstyrelsen; none by default).
    pub daily_amount_sek: Option<u32>,
    /// A message unacknowledged this many hours after it was sent is overdue in its
    /// recipient's worklist (none; 1–720).
    pub acknowledgement_hours: Option<u32>,
}

impl Default for Agreement {
    fn default() -> Self {
        Agreement {
            admission_notice_hours: 24,
            sip_invitation_days: 3,
            payment_days: 3,
            payment_counts_notice_day: false,
            payment_cutoff_hour: None,
            daily_amount_sek: None,
            acknowledgement_hours: None,
        }
    }
}

/// The agreement's fields, as the `admit` event names them.
pub const AGREEMENT_FIELDS: [&str; 7] = [
    "admission_notice_hours",
    "sip_invitation_days",
    "payment_days",
    "payment_counts_notice_day",
    "payment_cutoff_hour",
    "daily_amount_sek",
    "acknowledgement_hours",
];

impl Agreement {
    /// The agreement as an `admit` event may give it: any of the fields, each within the
    /// bounds [`Agreement::validate`] keeps (`null` or absent: the law's default).
    #[cfg(feature = "schema")]
    pub fn input_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let count = |max: u32| serde_json::json!({"type": ["integer", "null"], "minimum": 0, "maximum": max});
        let properties = serde_json::json!({
            "admission_notice_hours": count(24 * 30),
            "sip_invitation_days": count(60),
            "payment_days": count(60),
            "payment_counts_notice_day": {"type": ["boolean", "null"]},
            "payment_cutoff_hour": count(23),
            "daily_amount_sek": count(u32::MAX),
            "acknowledgement_hours": {"type": ["integer", "null"], "minimum": 1, "maximum": 720},
        });
        schemars::json_schema!({
            "description": "A region's agreement on deadlines and payment; an absent field keeps the law's default.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
    }

    /// The bounds a region's agreement must keep, however it came in (JSON or typed).
    pub fn validate(&self) -> Result<()> {
        let bounds = [
            ("admission_notice_hours", self.admission_notice_hours, 24 * 30),
            ("sip_invitation_days", self.sip_invitation_days, 60),
            ("payment_days", self.payment_days, 60),
            ("payment_cutoff_hour", self.payment_cutoff_hour.unwrap_or(0), 23),
        ];
        if self.acknowledgement_hours == Some(0) {
            return Err(Error::invalid("agreement.acknowledgement_hours", Problem::OutOfRange));
        }
        let acknowledgement = [("acknowledgement_hours", self.acknowledgement_hours.unwrap_or(1), 720)];
        let bounds = bounds.iter().chain(&acknowledgement);
        match bounds.into_iter().find(|(_, value, max)| value > max) {
            Some((name, _, max)) => {
                Err(Error::invalid(&format!("agreement.{name}"), Problem::UnknownValue).with(Detail::Max, max))
            }
            None => Ok(()),
        }
    }

    /// The Stockholm date payment responsibility begins, for a ready notice sent at `notice`.
    pub fn payment_begins_on(&self, notice: Timestamp) -> CivilDate {
        let mut day = stockholm_date(notice);
        if let Some(cutoff) = self.payment_cutoff_hour {
            if i64::from(stockholm_hour(notice)) >= i64::from(cutoff) {
                day = day.saturating_add(1.day());
            }
        }
        let offset = i64::from(self.payment_days) - i64::from(self.payment_counts_notice_day);
        day.saturating_add(offset.max(0).days())
    }
}
