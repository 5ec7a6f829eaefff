//! sol_application (ansökan om bistånd enligt SoL): `none` → `applied`, `already_exists` or
//! `declined`, recorded once by social services.

use serde::Serialize;
use statig::prelude::*;

use crate::machine::ctx::{Ctx, Input};
use crate::machine::tracks::messages::RoleSet;
use crate::model::{EventKind, Message, Role, SolApplicationState, SolStatus};
use crate::time::Timestamp;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SolApplicationTrack {
    pub recorded_at: Option<Timestamp>,
}

#[state_machine(
    initial = "SolApplicationState::None",
    state(custom, name = "SolApplicationState"),
    context_identifier = "ctx",
    event_identifier = "input"
)]
impl SolApplicationTrack {
    #[state(superstate = "sol_application")]
    fn none(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<SolApplicationState> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            EventKind::RecordSolApplication { status } => {
                if !ctx.permit_texts() {
                    return Handled;
                }
                self.recorded_at = Some(e.at);
                ctx.notify(Message::SolApplicationRecorded, RoleSet::of(&[Role::CareContact, Role::Inpatient]));
                Transition(match status {
                    SolStatus::Applied => SolApplicationState::Applied,
                    SolStatus::AlreadyExists => SolApplicationState::AlreadyExists,
                    SolStatus::Declined => SolApplicationState::Declined,
                })
            }
            _ => Super,
        }
    }

    #[state(superstate = "sol_application")]
    fn applied(input: &Input<'_>) -> Outcome<SolApplicationState> {
        let _ = input;
        Super
    }

    #[state(superstate = "sol_application")]
    fn already_exists(input: &Input<'_>) -> Outcome<SolApplicationState> {
        let _ = input;
        Super
    }

    #[state(superstate = "sol_application")]
    fn declined(input: &Input<'_>) -> Outcome<SolApplicationState> {
        let _ = input;
        Super
    }

    #[superstate]
    fn sol_application(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<SolApplicationState> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            _ => Handled,
        }
    }
}
