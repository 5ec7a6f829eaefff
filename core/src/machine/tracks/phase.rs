//! phase: `admitted` → `planning` → `discharged` → `closed`; `cancelled` from any phase
//! before `closed`. Also keeps what the phase events record: the admission notice, the care
//! contact's unit, the rehab party and the ready-for-discharge mark.

use serde::Serialize;
use statig::prelude::*;

use crate::machine::ctx::{Ctx, Input};
use crate::machine::tracks::messages::RoleSet;
use crate::model::{Agreement, CareType, Effect, Error, EventKind, Message, PhaseState, Role, Routine};
use crate::time::{CivilDate, Timestamp};

/// What the `admit` event fixed for the whole case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Admission {
    pub case_id: String,
    pub routine: Routine,
    pub municipal_care_at_admission: bool,
    /// The home municipality's code (kommunkod), when given.
    pub municipality: Option<String>,
    pub care_type: CareType,
    pub agreement: Agreement,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AdmissionNotice {
    pub sent_at: Timestamp,
    pub to: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Assigned {
    pub name: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PhaseTrack {
    pub admission: Option<Admission>,
    pub admitted_at: Option<Timestamp>,
    pub admission_notice: Option<AdmissionNotice>,
    /// The estimated day of discharge (planerat utskrivningsdatum), as last set.
    pub estimated_discharge: Option<CivilDate>,
    /// The care contact's unit (`assign_care_contact`; a repeat replaces it).
    pub care_contact: Option<Assigned>,
    /// The rehabilitation provider (`add_rehab_party`; a repeat replaces it).
    pub rehab: Option<Assigned>,
    /// When the patient was (last) marked ready for discharge; `None` while not ready.
    pub ready_for_discharge_at: Option<Timestamp>,
    pub discharged_at: Option<Timestamp>,
    pub finished_at: Option<Timestamp>,
}

#[state_machine(
    initial = "PhaseState::NotAdmitted",
    state(custom, name = "PhaseState"),
    superstate(derive(Debug)),
    context_identifier = "ctx",
    event_identifier = "input"
)]
impl PhaseTrack {
    #[state]
    fn not_admitted(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<PhaseState> {
        match input {
            Input::Event(e) => match &e.kind {
                EventKind::Admit {
                    case_id,
                    routine,
                    municipal_care_at_admission,
                    municipality,
                    care_type,
                    agreement,
                } => {
                    if !ctx.permit_texts() {
                        return Handled;
                    }
                    self.admission = Some(Admission {
                        case_id: case_id.clone(),
                        routine: *routine,
                        municipal_care_at_admission: *municipal_care_at_admission,
                        municipality: municipality.clone(),
                        care_type: care_type.unwrap_or(CareType::Somatic),
                        agreement: agreement.unwrap_or_default(),
                    });
                    self.admitted_at = Some(e.at);
                    Transition(PhaseState::Admitted)
                }
                _ => ctx.wrong_state(),
            },
            _ => Handled,
        }
    }

    #[state(superstate = "unfinished")]
    fn admitted(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<PhaseState> {
        match input {
            Input::Event(e) => match &e.kind {
                EventKind::SendAdmissionNotice { to } => {
                    if !ctx.permit_texts() {
                        return Handled;
                    }
                    self.admission_notice = Some(AdmissionNotice { sent_at: e.at, to: to.clone() });
                    // The notice carries the estimated discharge date (`null` when none is set).
                    ctx.notify_with(Message::AdmissionNotice, RoleSet::of(to), None, Some(self.estimated_discharge));
                    Transition(PhaseState::Planning)
                }
                EventKind::AssignCareContact { unit } => self.assign_care_contact(ctx, unit, e.at),
                EventKind::SetEstimatedDischarge { date } => self.set_estimated_discharge(ctx, *date),
                _ => Super,
            },
            _ => Super,
        }
    }

    #[state(superstate = "unfinished")]
    fn planning(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<PhaseState> {
        let Input::Event(e) = input else { return Super };
        let ready = self.ready_for_discharge_at.is_some();
        match &e.kind {
            EventKind::AssignCareContact { unit } => self.assign_care_contact(ctx, unit, e.at),
            EventKind::SetEstimatedDischarge { date } => self.set_estimated_discharge(ctx, *date),
            EventKind::MarkReadyForDischarge if !ready => {
                if ctx.permit_texts() {
                    self.ready_for_discharge_at = Some(e.at);
                    ctx.notify(Message::ReadyForDischarge, ctx.facts.parties_but(Role::Inpatient));
                    let begins_on = ctx.facts.agreement.payment_begins_on(e.at);
                    ctx.effect(Effect::PaymentClockStarted { begins_on });
                }
                Handled
            }
            EventKind::UnmarkReadyForDischarge if ready => {
                if ctx.permit_texts() {
                    self.ready_for_discharge_at = None;
                    ctx.notify(Message::NoLongerReadyForDischarge, ctx.facts.parties_but(Role::Inpatient));
                    ctx.effect(Effect::PaymentClockStopped);
                }
                Handled
            }
            EventKind::Discharge if ready => {
                if !ctx.permit_texts() {
                    return Handled;
                }
                self.discharged_at = Some(e.at);
                ctx.notify(Message::Discharged, ctx.facts.parties_but(Role::Inpatient).with(Role::Patient));
                Transition(PhaseState::Discharged)
            }
            _ => Super,
        }
    }

    #[state(superstate = "unfinished")]
    fn discharged(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<PhaseState> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            EventKind::CloseCase => {
                let open = std::mem::take(&mut ctx.open_items);
                if !ctx.permit(|_| match open.is_empty() {
                    true => Ok(()),
                    false => Err(Error::open_items(open)),
                }) {
                    return Handled;
                }
                self.finished_at = Some(e.at);
                ctx.notify(Message::CaseClosed, ctx.facts.parties_but(Role::CareContact));
                Transition(PhaseState::Closed)
            }
            _ => Super,
        }
    }

    /// Events any unfinished phase takes: a rehab party, and cancelling the case.
    #[superstate]
    fn unfinished(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<PhaseState> {
        let Input::Event(e) = input else { return Handled };
        match &e.kind {
            EventKind::AddRehabParty { provider } => {
                if ctx.permit_texts() {
                    self.rehab = Some(Assigned { name: provider.clone(), at: e.at });
                    ctx.notify(Message::RehabPartyAdded, RoleSet::of(&[Role::Rehab, Role::CareContact]));
                }
                Handled
            }
            EventKind::Cancel { .. } => {
                if !ctx.permit_texts() {
                    return Handled;
                }
                self.finished_at = Some(e.at);
                ctx.notify(Message::CaseCancelled, ctx.facts.parties_but(e.actor));
                Transition(PhaseState::Cancelled)
            }
            _ => ctx.wrong_state(),
        }
    }

    /// Final phases: the case checks `case_finished` before any track sees an event, so these
    /// answer only for completeness.
    #[state]
    fn closed(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<PhaseState> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            _ => Handled,
        }
    }

    #[state]
    fn cancelled(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<PhaseState> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            _ => Handled,
        }
    }
}

impl PhaseTrack {
    /// Records the estimate (it may be repeated); once the admission notice is sent, its
    /// recipients are told at once (Lag 2017:612: a changed estimate is told as soon as possible).
    fn set_estimated_discharge(&mut self, ctx: &mut Ctx, date: CivilDate) -> Outcome<PhaseState> {
        if ctx.permit_texts() {
            self.estimated_discharge = Some(date);
            if let Some(notice) = &self.admission_notice {
                ctx.notify_with(Message::EstimatedDischargeChanged, RoleSet::of(&notice.to), None, Some(Some(date)));
            }
        }
        Handled
    }

    fn assign_care_contact(&mut self, ctx: &mut Ctx, unit: &str, at: Timestamp) -> Outcome<PhaseState> {
        if ctx.permit_texts() {
            self.care_contact = Some(Assigned { name: unit.to_string(), at });
            ctx.notify(Message::CareContactAssigned, ctx.facts.parties_but(Role::CareContact));
        }
        Handled
    }
}
