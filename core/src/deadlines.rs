//! Deadlines: the obligations the law and the routines put on the parties, with their legal
//! defaults (docs/deadlines.md gives each its source). A region's agreement may set others at
//! admission; it travels in the `admit` event, so replay reproduces it.

use jiff::{SignedDuration, ToSpan};
use serde::Serialize;

use crate::error::{Error, Problem, Result};
use crate::parse::Fields;
use crate::role::Role;
use crate::time::{CivilDate, Timestamp, start_of_stockholm_day, stockholm_date, stockholm_hour};
use crate::vocab::vocabulary;

/// The durations a region's agreement may set (spec: Deadlines). Defaults are the law's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
        }
    }
}

const AGREEMENT_FIELDS: [&str; 6] = [
    "admission_notice_hours",
    "sip_invitation_days",
    "payment_days",
    "payment_counts_notice_day",
    "payment_cutoff_hour",
    "daily_amount_sek",
];

impl Agreement {
    /// Reads an agreement object; absent fields keep the law's default.
    pub(crate) fn from_fields(f: &Fields<'_>) -> Result<Agreement> {
        if let Some(extra) = f.keys().find(|k| !AGREEMENT_FIELDS.contains(&k.as_str())) {
            let name: String = extra.chars().take(64).collect();
            return Err(Error::invalid(&format!("agreement.{name}"), Problem::UnknownField));
        }
        let d = Agreement::default();
        let agreement = Agreement {
            admission_notice_hours: f.opt_u32("admission_notice_hours")?.unwrap_or(d.admission_notice_hours),
            sip_invitation_days: f.opt_u32("sip_invitation_days")?.unwrap_or(d.sip_invitation_days),
            payment_days: f.opt_u32("payment_days")?.unwrap_or(d.payment_days),
            payment_counts_notice_day: f
                .opt_bool_field("payment_counts_notice_day")?
                .unwrap_or(d.payment_counts_notice_day),
            payment_cutoff_hour: f.opt_u32("payment_cutoff_hour")?,
            daily_amount_sek: f.opt_u32("daily_amount_sek")?,
        };
        agreement.validate()?;
        Ok(agreement)
    }

    /// The bounds a region's agreement must keep, however it came in (JSON or typed).
    pub fn validate(&self) -> Result<()> {
        let bounds = [
            ("admission_notice_hours", self.admission_notice_hours, 24 * 30),
            ("sip_invitation_days", self.sip_invitation_days, 60),
            ("payment_days", self.payment_days, 60),
            ("payment_cutoff_hour", self.payment_cutoff_hour.unwrap_or(0), 23),
        ];
        match bounds.iter().find(|(_, value, max)| value > max) {
            Some((name, _, max)) => {
                Err(Error::invalid(&format!("agreement.{name}"), Problem::UnknownValue).with("max", max))
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
pub struct Deadline {
    pub kind: DeadlineKind,
    pub owner: Role,
    pub due: Timestamp,
    pub status: DeadlineStatus,
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
    pub(crate) fn new(kind: DeadlineKind, owner: Role, due: Timestamp, met_at: Option<Timestamp>, at: Timestamp) -> Self {
        let status = match met_at {
            Some(_) => DeadlineStatus::Met,
            None if at >= due => DeadlineStatus::Overdue,
            None => DeadlineStatus::Pending,
        };
        Deadline { kind, owner, due, status, met_at, days: None, amount_sek: None }
    }
}

/// `at` plus whole hours, saturating at the end of time.
pub(crate) fn plus_hours(at: Timestamp, hours: u32) -> Timestamp {
    at.checked_add(SignedDuration::from_hours(i64::from(hours))).unwrap_or(Timestamp::MAX)
}

/// Payment responsibility, as of `at`: pending before it begins, met if the patient left
/// before it began, else overdue with the days counted (the discharge day included).
pub(crate) fn payment(agreement: &Agreement, ready_at: Timestamp, discharged_at: Option<Timestamp>, at: Timestamp) -> Deadline {
    let begins_on = agreement.payment_begins_on(ready_at);
    let due = start_of_stockholm_day(begins_on);
    let mut d = Deadline::new(DeadlineKind::PaymentResponsibility, Role::SocialServices, due, None, at);
    match discharged_at {
        Some(left) if left < due => {
            d.status = DeadlineStatus::Met;
            d.met_at = Some(left);
            d.days = Some(0);
        }
        _ => {
            let end = stockholm_date(discharged_at.map_or(at, |left| left.min(at)));
            let days = if at < due { 0 } else { end.since(begins_on).map_or(0, |span| span.get_days() + 1) };
            let days = u32::try_from(days.max(0)).unwrap_or(0);
            d.days = Some(days);
            if discharged_at.is_some_and(|left| left <= at) && days > 0 {
                d.status = DeadlineStatus::Overdue;
            }
        }
    }
    d.amount_sek = agreement.daily_amount_sek.zip(d.days).map(|(amount, days)| u64::from(amount) * u64::from(days));
    d
}
