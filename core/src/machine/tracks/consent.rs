//! consents: one machine per purpose (`care_request`, `sip`), each `unknown`, `given`,
//! `declined` or `withdrawn`. Only the patient decides.

use serde::Serialize;
use statig::prelude::*;

use crate::machine::ctx::{Cascade, Ctx, Input, require};
use crate::machine::tracks::messages::RoleSet;
use crate::model::{ConsentValue, Error, EventKind, Message, Purpose, Role};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConsentTrack;

#[state_machine(
    initial = "ConsentValue::Unknown",
    state(custom, name = "ConsentValue"),
    context_identifier = "ctx",
    event_identifier = "input"
)]
impl ConsentTrack {
    #[state(superstate = "not_given")]
    fn unknown(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<ConsentValue> {
        match input {
            Input::Event(e) => match &e.kind {
                EventKind::DeclineConsent { purpose } => record(ctx, *purpose, ConsentValue::Declined),
                _ => Super,
            },
            _ => Super,
        }
    }

    #[state(superstate = "not_given")]
    fn declined(input: &Input<'_>) -> Outcome<ConsentValue> {
        let _ = input;
        Super
    }

    #[state(superstate = "not_given")]
    fn withdrawn(input: &Input<'_>) -> Outcome<ConsentValue> {
        let _ = input;
        Super
    }

    #[state(superstate = "consent")]
    fn given(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<ConsentValue> {
        match input {
            Input::Event(e) => match &e.kind {
                EventKind::WithdrawConsent { purpose } => record(ctx, *purpose, ConsentValue::Withdrawn),
                _ => Super,
            },
            _ => Super,
        }
    }

    /// Consent may be given from any value but `given`; for the care request only once the
    /// patient has had the written information (seed 000, appendix 1).
    #[superstate(superstate = "consent")]
    fn not_given(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<ConsentValue> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            EventKind::GiveConsent { purpose, written_information_given } => {
                let informed = *purpose != Purpose::CareRequest || *written_information_given == Some(true);
                match ctx.permit(|_| require(informed, || Error::missing_information("written_information_given"))) {
                    true => recorded(ctx, *purpose, ConsentValue::Given),
                    false => Handled,
                }
            }
            _ => Super,
        }
    }

    #[superstate]
    fn consent(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<ConsentValue> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            _ => Handled,
        }
    }
}

/// Accepts a consent event with no guard of its own beyond its texts.
fn record(ctx: &mut Ctx, purpose: Purpose, value: ConsentValue) -> Outcome<ConsentValue> {
    if ctx.permit_texts() { recorded(ctx, purpose, value) } else { Handled }
}

/// The consent is recorded: the care contact is told, and the purpose's track follows.
fn recorded(ctx: &mut Ctx, purpose: Purpose, value: ConsentValue) -> Outcome<ConsentValue> {
    ctx.notify(Message::ConsentRecorded, RoleSet::of(&[Role::CareContact]));
    ctx.cascade(Cascade::ConsentChanged(purpose, value));
    Transition(value)
}
