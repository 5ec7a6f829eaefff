//! consents: one machine per purpose (`care_request`, `sip`), each `unknown`, `given`,
//! `declined` or `withdrawn`. Only the patient decides.

use serde::Serialize;
use statig::prelude::*;

use crate::ctx::{Ctx, Input, require};
use crate::error::Error;
use crate::event::{EventKind, Purpose};
use crate::vocab::vocabulary;

vocabulary! {
    pub enum ConsentValue {
        Unknown = "unknown",
        Given = "given",
        Declined = "declined",
        Withdrawn = "withdrawn",
    }
}

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
            Input::Event(e) if matches!(e.kind, EventKind::DeclineConsent { .. }) => {
                if ctx.permit_texts() { Transition(ConsentValue::Declined) } else { Handled }
            }
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
            Input::Event(e) if matches!(e.kind, EventKind::WithdrawConsent { .. }) => {
                if ctx.permit_texts() { Transition(ConsentValue::Withdrawn) } else { Handled }
            }
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
                    true => Transition(ConsentValue::Given),
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
