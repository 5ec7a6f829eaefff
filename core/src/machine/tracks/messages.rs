//! messages (meddelanden och kvittens): every message an accepted event sends is kept, in the
//! order sent, with its recipients and who of them has acknowledged it (spec: Messages and
//! acknowledgement). Kept small: a message is its kind, its time, its recipients as a set of
//! roles and its acknowledgements packed in order — a few bytes beyond its time.

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::machine::ctx::{Ctx, require};
use crate::model::text::{numbered, numbered_id};
use crate::model::{Effect, Error, Event, EventKind, Message, Role};
use crate::time::Timestamp;

/// Roles as a set of bits, by their place in the spec's Roles table: a list written from it is
/// in that order, each role once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleSet(u8);

fn bit(role: Role) -> u8 {
    let place = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    1 << place
}

impl RoleSet {
    pub fn of(roles: &[Role]) -> Self {
        RoleSet(roles.iter().fold(0, |set, r| set | bit(*r)))
    }

    pub fn contains(self, role: Role) -> bool {
        self.0 & bit(role) != 0
    }

    /// The set and `role`.
    pub fn with(self, role: Role) -> Self {
        RoleSet(self.0 | bit(role))
    }

    /// The set without `role`.
    pub fn without(self, role: Role) -> Self {
        RoleSet(self.0 & !bit(role))
    }

    pub fn roles(self) -> impl Iterator<Item = Role> {
        Role::ALL.iter().copied().filter(move |r| self.contains(*r))
    }
}

/// Who acknowledged, in the order they did: three bits a role (its place + 1), at most seven.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Acknowledged(u32);

impl Acknowledged {
    fn push(&mut self, role: Role) {
        let place = Role::ALL.iter().position(|r| *r == role).unwrap_or(0) as u32 + 1;
        let n = self.len();
        self.0 |= place << (3 * n);
    }

    fn len(self) -> u32 {
        (0..7).take_while(|i| (self.0 >> (3 * i)) & 0b111 != 0).count() as u32
    }

    pub fn contains(self, role: Role) -> bool {
        self.roles().any(|r| r == role)
    }

    pub fn roles(self) -> impl Iterator<Item = Role> {
        (0..7)
            .map(move |i| ((self.0 >> (3 * i)) & 0b111) as usize)
            .take_while(|place| *place != 0)
            .filter_map(|place| Role::ALL.get(place - 1).copied())
    }
}

/// One message the case sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageEntry {
    pub message: Message,
    pub at: Timestamp,
    pub to: RoleSet,
    pub acknowledged: Acknowledged,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages(pub Vec<MessageEntry>);

/// The place of message `mN` in the list.
fn place(id: &str) -> Option<usize> {
    numbered(id, 'm')
}

impl Messages {
    /// The message with this id, if the case issued it (found by its number: no scan).
    pub fn get(&self, id: &str) -> Option<&MessageEntry> {
        self.0.get(place(id)?)
    }

    /// Numbers the messages of an accepted event and keeps them: each `notify` effect gets the
    /// next id, and its recipients are written in the Roles table's order, each once.
    pub(crate) fn record(&mut self, effects: &mut [Effect], at: Timestamp) {
        for effect in effects {
            // `to` was written from a `RoleSet` (`Ctx::notify_with`): already a set, in order.
            if let Effect::Notify { id, message, to, .. } = effect {
                *id = numbered_id('m', self.0.len());
                self.0.push(MessageEntry {
                    message: *message,
                    at,
                    to: RoleSet::of(to),
                    acknowledged: Acknowledged::default(),
                });
            }
        }
    }

    /// Keeps the messages an accepted event sent in quiet mode (as `record`, without effects).
    pub(crate) fn record_sent(&mut self, sent: impl Iterator<Item = (Message, RoleSet)>, at: Timestamp) {
        for (message, to) in sent {
            self.0.push(MessageEntry { message, at, to, acknowledged: Acknowledged::default() });
        }
    }

    /// `acknowledge_care_request` acknowledges the latest `care_request` message for municipal care.
    pub(crate) fn care_request_acknowledged(&mut self) {
        if let Some(entry) = self.0.iter_mut().rev().find(|m| m.message == Message::CareRequest) {
            if !entry.acknowledged.contains(Role::MunicipalCare) {
                entry.acknowledged.push(Role::MunicipalCare);
            }
        }
    }

    /// The message events: `acknowledge_message` and `send_administrative_message`.
    pub(crate) fn handle(&mut self, event: &Event, ctx: &mut Ctx) {
        match &event.kind {
            EventKind::AcknowledgeMessage { id } => match place(id).and_then(|i| self.0.get_mut(i)) {
                // A care request is acknowledged by its own event, `acknowledge_care_request`.
                Some(entry) if entry.message == Message::CareRequest => ctx.wrong_state_named("care_request"),
                Some(entry) if entry.acknowledged.contains(event.actor) => ctx.wrong_state_named("acknowledged"),
                Some(entry) => {
                    if ctx.permit_texts() {
                        entry.acknowledged.push(event.actor);
                    }
                }
                None => ctx.wrong_state_named("unknown"),
            },
            EventKind::SendAdministrativeMessage { to, .. } => {
                let involved = |role: Role| event.actor == role || to.contains(&role);
                if ctx.permit(|f| {
                    // Municipal care needs a care relationship and rehab must have been added,
                    // whether it sends or is told (as for viewing).
                    require(!involved(Role::MunicipalCare) || f.municipal_care_related, || {
                        Error::no_care_relationship(Role::MunicipalCare)
                    })?;
                    require(!involved(Role::Rehab) || f.rehab_added, || Error::no_care_relationship(Role::Rehab))
                }) {
                    ctx.notify(Message::AdministrativeMessage, RoleSet::of(to));
                }
            }
            _ => ctx.wrong_state_named("messages"),
        }
    }
}

impl Serialize for MessageEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The id is the entry's place: written by the list.
        let mut s = serializer.serialize_struct("MessageEntry", 4)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("at", &self.at)?;
        s.serialize_field("to", &self.to.roles().collect::<Vec<_>>())?;
        s.serialize_field("acknowledged", &self.acknowledged.roles().collect::<Vec<_>>())?;
        s.end()
    }
}

/// The schema of the list `Messages` writes: each entry its id (`m1`, `m2`, … in order),
/// kind, time, recipients and who acknowledged, as the two `serialize` here write them.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Messages {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Messages".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let roles = schemars::json_schema!({"type": "array", "items": g.subschema_for::<Role>()});
        schemars::json_schema!({
            "description": "Every message the case sent, in the order sent.",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": "^m[1-9][0-9]*$"},
                    "message": g.subschema_for::<Message>(),
                    "at": g.subschema_for::<Timestamp>(),
                    "to": roles,
                    "acknowledged": roles,
                },
                "required": ["id", "message", "at", "to", "acknowledged"],
                "additionalProperties": false,
            },
        })
    }
}

impl Serialize for Messages {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Entry<'a> {
            id: String,
            #[serde(flatten)]
            entry: &'a MessageEntry,
        }
        serializer.collect_seq(self.0.iter().enumerate().map(|(i, entry)| Entry { id: numbered_id('m', i), entry }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledgements_keep_their_order() {
        let mut a = Acknowledged::default();
        for r in [Role::Rehab, Role::Inpatient, Role::MunicipalCare] {
            a.push(r);
        }
        assert_eq!(a.roles().collect::<Vec<_>>(), vec![Role::Rehab, Role::Inpatient, Role::MunicipalCare]);
        assert!(a.contains(Role::Inpatient) && !a.contains(Role::Patient));
        let set = RoleSet::of(&[Role::SocialServices, Role::Inpatient, Role::SocialServices]);
        assert_eq!(set.roles().collect::<Vec<_>>(), vec![Role::Inpatient, Role::SocialServices]);
        assert_eq!(place("m1"), Some(0));
        assert_eq!(place("m10"), Some(9));
        assert_eq!((place("m0"), place("m01"), place("x1"), place("m")), (None, None, None, None));
    }
}
