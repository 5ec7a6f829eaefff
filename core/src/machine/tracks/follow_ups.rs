//! follow_ups (övriga frågor): questions the patient or a relative raise, owned by the care
//! contact, or by inpatient care when they concern inpatient care (seed 003, item 4).

use serde::Serialize;

use crate::machine::ctx::Ctx;
use crate::machine::tracks::messages::RoleSet;
use crate::model::text::{numbered, numbered_id};
use crate::model::{Event, EventKind, Message, Role};
use crate::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FollowUp {
    /// `q1`, `q2`, … in the order raised.
    pub id: String,
    pub owner: Role,
    pub resolved: bool,
    pub raised_by: Role,
    pub raised_at: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct FollowUps(pub Vec<FollowUp>);

/// The place of question `qN` in the list.
fn place(id: &str) -> Option<usize> {
    numbered(id, 'q')
}

impl FollowUps {
    /// The question with this id, found by its number (`q7` is the seventh raised): no scan, so
    /// replay stays linear however many questions a case has.
    pub fn get(&self, id: &str) -> Option<&FollowUp> {
        self.0.get(place(id)?).filter(|q| q.id == id)
    }

    /// Opens a question; its owner follows from what it concerns.
    pub fn raise(&mut self, by: Role, concerns_inpatient: bool, at: Timestamp) -> (String, Role) {
        let owner = if concerns_inpatient { Role::Inpatient } else { Role::CareContact };
        let id = numbered_id('q', self.0.len());
        self.0.push(FollowUp {
            id: id.clone(),
            owner,
            resolved: false,
            raised_by: by,
            raised_at: at,
            answered_at: None,
        });
        (id, owner)
    }

    /// Resolves a question; `false` if it was already resolved (nothing changes then).
    pub fn answer(&mut self, id: &str, at: Timestamp) -> bool {
        match place(id).and_then(|i| self.0.get_mut(i)).filter(|q| q.id == id) {
            Some(q) if !q.resolved => {
                q.resolved = true;
                q.answered_at = Some(at);
                true
            }
            _ => false,
        }
    }

    pub fn unanswered(&self) -> impl Iterator<Item = &FollowUp> {
        self.0.iter().filter(|q| !q.resolved)
    }
}

impl FollowUps {
    /// The follow-up events: a question is raised by anyone allowed at any time before the
    /// case is finished; answering a resolved question is a question in the wrong state.
    pub(crate) fn handle(&mut self, event: &Event, ctx: &mut Ctx) {
        match &event.kind {
            EventKind::RaiseQuestion { concerns_inpatient, .. } => {
                if ctx.permit_texts() {
                    let (_, owner) = self.raise(event.actor, *concerns_inpatient, event.at);
                    ctx.notify(Message::QuestionRaised, RoleSet::of(&[owner]));
                }
            }
            EventKind::AnswerQuestion { id } => match self.get(id) {
                Some(q) if q.resolved => {
                    ctx.wrong_state::<()>();
                }
                Some(q) => {
                    let raised_by = q.raised_by;
                    if ctx.permit_texts() {
                        self.answer(id, event.at);
                        ctx.notify(Message::QuestionAnswered, RoleSet::of(&[raised_by]));
                    }
                }
                None => {
                    ctx.wrong_state::<()>();
                }
            },
            _ => {
                ctx.wrong_state::<()>();
            }
        }
    }
}
