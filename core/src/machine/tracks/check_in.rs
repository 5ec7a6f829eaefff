//! check_in (avstämning): `not_booked` → `booked` → `in_progress` → `held`; `booked` →
//! `not_booked` by `cancel_check_in`. Under `individual_check_in` the meeting follows the
//! five-item agenda of seed 003, whose items are recorded with their times.

use serde::Serialize;
use statig::prelude::*;

use crate::machine::ctx::{Cascade, Ctx, Input, require};
use crate::model::{
    AgendaItem, CheckInState, Effect, Error, EventKind, Message, PhaseState, Responsibility, Role, Routine,
};
use crate::time::{Timestamp, stockholm_date};

/// One agenda item as it went: started at a time, or skipped (split off from the meeting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgendaRecord {
    pub item: AgendaItem,
    pub at: Timestamp,
    pub skipped: bool,
}

/// An agenda item that ran past the upper bound of its timebox (a warning, not an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Overrun {
    pub item: AgendaItem,
    pub timebox_minutes: i64,
    /// Whole minutes the item ran (rounded up).
    pub minutes: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckInTrack {
    pub starts_at: Option<Timestamp>,
    pub remote: Option<bool>,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaRecord>,
    /// When the check-in was booked (the rehab deadline's `since`); not in the state document.
    #[serde(skip)]
    pub booked_at: Option<Timestamp>,
}

#[state_machine(
    initial = "CheckInState::NotBooked",
    state(custom, name = "CheckInState"),
    context_identifier = "ctx",
    event_identifier = "input"
)]
impl CheckInTrack {
    #[state(superstate = "check_in")]
    fn not_booked(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CheckInState> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            EventKind::BookCheckIn { starts_at, remote } if ctx.facts.planning() => {
                if !ctx.permit(|f| require(f.care_contact_assigned, || Error::preparation_missing("care_contact"))) {
                    return Handled;
                }
                *self = CheckInTrack {
                    starts_at: Some(*starts_at),
                    remote: Some(*remote),
                    booked_at: Some(e.at),
                    ..Default::default()
                };
                ctx.notify_with(Message::CheckInBooked, ctx.facts.meeting_participants(), Some(*starts_at), None);
                Transition(CheckInState::Booked)
            }
            _ => Super,
        }
    }

    #[state(superstate = "check_in")]
    fn booked(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CheckInState> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            // A meeting that the discharge overtook can still be cleared.
            EventKind::CancelCheckIn if ctx.facts.in_phase(&[PhaseState::Planning, PhaseState::Discharged]) => {
                if !ctx.permit_texts() {
                    return Handled;
                }
                *self = CheckInTrack::default();
                ctx.notify(Message::CheckInCancelled, ctx.facts.meeting_participants());
                Transition(CheckInState::NotBooked)
            }
            EventKind::StartCheckIn if ctx.facts.planning() => {
                // Seed 003: decisions on municipal health care are settled before the meeting.
                if !ctx.permit(|f| {
                    require(f.routine != Routine::IndividualCheckIn || !f.care_request_open, || {
                        Error::preparation_open("care_request")
                    })
                }) {
                    return Handled;
                }
                self.started_at = Some(e.at);
                Transition(CheckInState::InProgress)
            }
            _ => Super,
        }
    }

    #[state(superstate = "check_in")]
    fn in_progress(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CheckInState> {
        let Input::Event(e) = input else { return Super };
        // A meeting the discharge overtook is cleared; coordination does not move, and the
        // agenda's progress stays in the journal only.
        if matches!(e.kind, EventKind::CancelCheckIn) && ctx.facts.phase == PhaseState::Discharged {
            if !ctx.permit_texts() {
                return Handled;
            }
            *self = CheckInTrack::default();
            ctx.notify(Message::CheckInCancelled, ctx.facts.meeting_participants());
            return Transition(CheckInState::NotBooked);
        }
        if !ctx.facts.planning() {
            return Super;
        }
        let individual = ctx.facts.routine == Routine::IndividualCheckIn;
        match &e.kind {
            EventKind::StartItem { item } if individual && self.next_item() == Some(*item) => {
                if ctx.permit_texts() {
                    self.agenda.push(AgendaRecord { item: *item, at: e.at, skipped: false });
                    sip_needed_at(ctx, *item);
                }
                Handled
            }
            EventKind::SkipItem { item, .. }
                if individual && self.next_item() == Some(*item) && item.may_be_skipped() =>
            {
                if ctx.permit_texts() {
                    self.agenda.push(AgendaRecord { item: *item, at: e.at, skipped: true });
                    sip_needed_at(ctx, *item);
                }
                Handled
            }
            EventKind::EndCheckIn if !individual || self.current_item() == Some(AgendaItem::Closing) => {
                if !ctx.permit_texts() {
                    return Handled;
                }
                self.ended_at = Some(e.at);
                // Coordination passes to the care contact, dated the meeting's day (the
                // Stockholm date of `start_check_in`: the checklist rule).
                let on = stockholm_date(self.started_at.unwrap_or(e.at));
                ctx.cascade(Cascade::CoordinationToCareContact(on));
                ctx.effect(Effect::ResponsibilityMoved {
                    responsibility: Responsibility::Coordination,
                    from: Role::Inpatient,
                    to: Role::CareContact,
                    on,
                });
                for o in self.overruns() {
                    ctx.effect(Effect::Overrun {
                        item: o.item,
                        timebox_minutes: o.timebox_minutes,
                        minutes: o.minutes,
                    });
                }
                Transition(CheckInState::Held)
            }
            _ => Super,
        }
    }

    /// A held check-in is not booked again.
    #[state(superstate = "check_in")]
    fn held(input: &Input<'_>) -> Outcome<CheckInState> {
        let _ = input;
        Super
    }

    #[superstate]
    fn check_in(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CheckInState> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            _ => Handled,
        }
    }
}

/// Reaching the `sip_consent` item (started or skipped) makes the SIP needed: skipping it
/// still does, the consent is then obtained outside the meeting.
fn sip_needed_at(ctx: &mut Ctx, item: AgendaItem) {
    if item == AgendaItem::SipConsent {
        ctx.cascade(Cascade::SipNeeded);
    }
}

impl CheckInTrack {
    /// The agenda item that may start (or be skipped) next.
    pub fn next_item(&self) -> Option<AgendaItem> {
        AgendaItem::ALL.get(self.agenda.len()).copied()
    }

    /// The item now running: the last one started and not skipped.
    pub fn current_item(&self) -> Option<AgendaItem> {
        self.agenda.last().filter(|r| !r.skipped).map(|r| r.item)
    }

    /// Items that ran past their timebox: an item runs from its `start_item` to the next
    /// `start_item`, `skip_item` or `end_check_in`.
    pub fn overruns(&self) -> Vec<Overrun> {
        let Some(ended_at) = self.ended_at else { return Vec::new() };
        let ends = self.agenda.iter().skip(1).map(|r| r.at).chain(std::iter::once(ended_at));
        self.agenda
            .iter()
            .zip(ends)
            .filter(|(r, _)| !r.skipped)
            .filter_map(|(r, end)| {
                // To the nanosecond: 3 min 0.5 s overruns a 3-minute box (spec: check_in).
                let nanos = end.duration_since(r.at).as_nanos();
                let limit = r.item.timebox_minutes();
                let minute: i128 = 60_000_000_000;
                (nanos > i128::from(limit) * minute).then(|| Overrun {
                    item: r.item,
                    timebox_minutes: limit,
                    minutes: i64::try_from((nanos + minute - 1) / minute).unwrap_or(i64::MAX),
                })
            })
            .collect()
    }
}
