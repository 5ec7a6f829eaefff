//! The deadline computation (spec: Deadlines): due times from the agreement, statuses at the
//! asked time, and the payment responsibility's days.

use jiff::SignedDuration;

use crate::machine::CaseState;
use crate::model::{Agreement, Deadline, DeadlineKind, DeadlineStatus, Role, SipState};
use crate::time::{Timestamp, start_of_stockholm_day, stockholm_date};

/// Every obligation of a case, with its owner, due time and status at `at`.
pub(crate) fn of(state: &CaseState, at: Timestamp) -> Vec<Deadline> {
    let phase = state.phase_record();
    let Some(admitted_at) = phase.admitted_at else { return Vec::new() };
    // A finished case's clocks stopped when it finished.
    let at = phase.finished_at.map_or(at, |f| f.min(at));
    let agreement = state.agreement();
    let mut out = vec![Deadline::new(
        DeadlineKind::AdmissionNotice,
        Role::Inpatient,
        admitted_at,
        plus_hours(admitted_at, agreement.admission_notice_hours),
        phase.admission_notice.as_ref().map(|n| n.sent_at),
        at,
    )];
    if let Some(ready_at) = phase.ready_for_discharge_at {
        let sip = state.sip_record();
        let needed = !matches!(state.sip(), SipState::NotNeeded | SipState::Declined) || sip.invited_at.is_some();
        if needed {
            // Listed from the later of the notice and the SIP's last becoming needed.
            let since = sip.last_needed_at.map_or(ready_at, |needed| needed.max(ready_at));
            out.push(Deadline::new(
                DeadlineKind::SipInvitation,
                Role::CareContact,
                since,
                plus_hours(ready_at, agreement.sip_invitation_days.saturating_mul(24)),
                sip.invited_at,
                at,
            ));
        }
        if phase.admission_notice.is_some() {
            out.push(payment(&agreement, ready_at, phase.discharged_at, at));
        }
    }
    let check_in = state.check_in_record();
    if let Some(due) = check_in.started_at.or(check_in.starts_at) {
        let met_at = phase.rehab.as_ref().map(|r| r.at);
        let since = check_in.booked_at.unwrap_or(due);
        out.push(Deadline::new(DeadlineKind::RehabParty, Role::Inpatient, since, due, met_at, at));
    }
    out
}

/// `at` plus whole hours, saturating at the end of time.
fn plus_hours(at: Timestamp, hours: u32) -> Timestamp {
    at.checked_add(SignedDuration::from_hours(i64::from(hours))).unwrap_or(Timestamp::MAX)
}

/// Payment responsibility, as of `at`: pending before it begins, met if the patient left
/// before it began, else overdue with the days counted (the discharge day included).
fn payment(agreement: &Agreement, ready_at: Timestamp, discharged_at: Option<Timestamp>, at: Timestamp) -> Deadline {
    let begins_on = agreement.payment_begins_on(ready_at);
    let due = start_of_stockholm_day(begins_on);
    let mut d = Deadline::new(DeadlineKind::PaymentResponsibility, Role::SocialServices, ready_at, due, None, at);
    match discharged_at {
        Some(left) if left < due => {
            d.status = DeadlineStatus::Met;
            d.met_at = Some(left);
            d.days = Some(0);
        }
        _ => {
            let end = stockholm_date(discharged_at.map_or(at, |left| left.min(at)));
            let days = if at <= due { 0 } else { end.since(begins_on).map_or(0, |span| span.get_days() + 1) };
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
