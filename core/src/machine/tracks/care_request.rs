//! care_request (vårdbegäran): `none` → `sent` → `acknowledged` ⇄ `completion_requested`;
//! `acknowledged` → `accepted` or `rejected` → `closed`; `withdrawn` when the patient withdraws
//! consent while a request is open. After `closed` or `withdrawn` a new request may be sent.

use serde::Serialize;
use statig::prelude::*;

use crate::machine::ctx::{Cascade, Ctx, Input, require};
use crate::machine::tracks::messages::RoleSet;
use crate::model::{CareRequestState, ConsentValue, Effect, Error, EventKind, Message, Purpose, Role};
use crate::time::Timestamp;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CareRequestTrack {
    /// How many requests have been sent in this case.
    pub requests_sent: u32,
    pub sent_at: Option<Timestamp>,
    /// Enrolled in home health care by an accepted request; a withdrawal does not undo it.
    pub enrolled: bool,
}

#[state_machine(
    initial = "CareRequestState::None",
    state(custom, name = "CareRequestState"),
    context_identifier = "ctx",
    event_identifier = "input"
)]
impl CareRequestTrack {
    #[state(superstate = "idle")]
    fn none(input: &Input<'_>) -> Outcome<CareRequestState> {
        let _ = input;
        Super
    }

    #[state(superstate = "idle")]
    fn closed(input: &Input<'_>) -> Outcome<CareRequestState> {
        let _ = input;
        Super
    }

    #[state(superstate = "idle")]
    fn withdrawn(input: &Input<'_>) -> Outcome<CareRequestState> {
        let _ = input;
        Super
    }

    /// No request open: one may be sent, in `planning`, and under seed 000 only at or after
    /// the check-in meeting.
    #[superstate(superstate = "care_request")]
    fn idle(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            EventKind::SendCareRequest { .. }
                if ctx.facts.planning() && ctx.facts.meeting_reached_if_professional() =>
            {
                let enrolled = self.enrolled;
                if !ctx.permit(|f| {
                    require(!(f.enrolled_at_admission || enrolled), || {
                        let by = if f.enrolled_at_admission { "admission" } else { "accepted_request" };
                        Error::already_enrolled(by)
                    })?;
                    require(f.consent(Purpose::CareRequest) == ConsentValue::Given, || {
                        Error::consent_missing(Purpose::CareRequest)
                    })
                }) {
                    return Handled;
                }
                self.requests_sent += 1;
                self.sent_at = Some(e.at);
                ctx.notify(Message::CareRequest, RoleSet::of(&[Role::MunicipalCare]));
                Transition(CareRequestState::Sent)
            }
            _ => Super,
        }
    }

    #[state(superstate = "open")]
    fn sent(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        match input {
            Input::Event(e) if matches!(e.kind, EventKind::AcknowledgeCareRequest) => {
                let answer = accept_to(
                    ctx,
                    CareRequestState::Acknowledged,
                    Message::CareRequestAcknowledged,
                    &[Role::CareContact],
                );
                if ctx.rejection.is_none() {
                    ctx.cascade(Cascade::CareRequestAcknowledged);
                }
                answer
            }
            _ => Super,
        }
    }

    #[state(superstate = "open")]
    fn acknowledged(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            EventKind::RequestCompletion { missing } => {
                let none_named = missing.is_empty();
                match ctx.permit(|_| require(!none_named, || Error::missing_information("missing"))) {
                    true => {
                        ctx.notify(Message::CompletionRequested, RoleSet::of(&[Role::CareContact]));
                        Transition(CareRequestState::CompletionRequested)
                    }
                    false => Handled,
                }
            }
            EventKind::AcceptCareRequest => {
                if !ctx.permit_texts() {
                    return Handled;
                }
                self.enrolled = true;
                ctx.notify(Message::CareRequestAccepted, RoleSet::of(&[Role::CareContact, Role::Inpatient]));
                ctx.effect(Effect::EnrolledInHomeHealthCare);
                Transition(CareRequestState::Accepted)
            }
            EventKind::RejectCareRequest { .. } => accept_to(
                ctx,
                CareRequestState::Rejected,
                Message::CareRequestRejected,
                &[Role::CareContact, Role::Inpatient],
            ),
            _ => Super,
        }
    }

    #[state(superstate = "open")]
    fn completion_requested(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        match input {
            Input::Event(e) if matches!(e.kind, EventKind::CompleteCareRequest { .. }) => {
                accept_to(ctx, CareRequestState::Acknowledged, Message::CareRequestCompleted, &[Role::MunicipalCare])
            }
            _ => Super,
        }
    }

    #[state(superstate = "open")]
    fn accepted(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        match input {
            Input::Event(e) if matches!(e.kind, EventKind::CloseCareRequest) => {
                accept_to(ctx, CareRequestState::Closed, Message::CareRequestClosed, &[Role::MunicipalCare])
            }
            _ => Super,
        }
    }

    #[state(superstate = "open")]
    fn rejected(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        match input {
            Input::Event(e) if matches!(e.kind, EventKind::CloseCareRequest) => {
                accept_to(ctx, CareRequestState::Closed, Message::CareRequestClosed, &[Role::MunicipalCare])
            }
            _ => Super,
        }
    }

    /// A request is open: withdrawing the care-request consent withdraws it.
    #[superstate(superstate = "care_request")]
    fn open(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        match input {
            Input::ConsentChanged(Purpose::CareRequest, ConsentValue::Withdrawn) => {
                ctx.notify(Message::CareRequestWithdrawn, RoleSet::of(&[Role::MunicipalCare, Role::CareContact]));
                Transition(CareRequestState::Withdrawn)
            }
            _ => Super,
        }
    }

    #[superstate]
    fn care_request(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<CareRequestState> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            _ => Handled,
        }
    }
}

/// Accept with no guard of the event's own beyond its texts, sending `message` to `to`.
fn accept_to(ctx: &mut Ctx, state: CareRequestState, message: Message, to: &[Role]) -> Outcome<CareRequestState> {
    if !ctx.permit_texts() {
        return Handled;
    }
    ctx.notify(message, RoleSet::of(to));
    Transition(state)
}
