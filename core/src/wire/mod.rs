//! JSON in: the one layer that reads `serde_json::Value` input. An event object is read field
//! by field, as the table of events (`model::event`) declares them, so that every malformed
//! input gets `invalid_input` naming the field and the problem, and never echoing the value.

pub(crate) mod snapshot;
mod strict;

pub(crate) use strict::parse as parse_strict;
pub(crate) use strict::{Node, parse_node};

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::model::agreement::AGREEMENT_FIELDS;
use crate::model::event::FieldReader;
use crate::model::text::is_identifier;
use crate::model::{Agreement, Error, Event, EventKind, EventType, Problem, Purpose, Result, Role};
use crate::time::{CivilDate, Timestamp, parse_date, parse_timestamp};
use crate::vocab::Word;

/// Parses one event from JSON text. The typed path reads the text into a light [`Node`] and
/// the event from it; whatever it refuses is read again through `serde_json::Value` by
/// [`event_from_value`], so that every error is the one that reading gives.
pub fn event_from_str(json: &str) -> Result<Event> {
    match strict::parse_node(json) {
        Some(node) => event_from_node(&node).or_else(|_| event_from_value(&node.to_value())),
        None => event_from_value(&strict::parse(json, "event")?),
    }
}

/// Reads one event from a [`Node`] as [`event_from_value`] reads it from the same value: the
/// same checks in the same order. Its errors are not reported (the callers ask the `Value`
/// path for those), but an event it gives is the one the `Value` path gives.
pub(crate) fn event_from_node(node: &Node<'_>) -> Result<Event> {
    let Node::Object(entries) = node else {
        return Err(Error::invalid("event", Problem::NotAnObject));
    };
    let mut f = NodeFields { entries };
    let event_type: EventType = f.word("type")?;
    let at = f.time("at")?;
    let actor: Role = f.word("actor")?;
    f.allow(event_type.fields())?;
    let kind = EventKind::read(event_type, &mut f)?;
    form_rules(&kind)?;
    Ok(Event { at, actor, kind })
}

/// Parses one event from a JSON value (`{"at", "actor", "type", <fields>}`).
pub fn event_from_value(value: &Value) -> Result<Event> {
    let Value::Object(map) = value else {
        return Err(Error::invalid("event", Problem::NotAnObject));
    };
    let mut f = Fields::new(map);
    let event_type: EventType = f.word("type")?;
    let at = f.time("at")?;
    let actor: Role = f.word("actor")?;
    // Unknown fields are named first: a typo is the likeliest cause of a missing field.
    f.allow(event_type.fields())?;
    let kind = EventKind::read(event_type, &mut f)?;
    form_rules(&kind)?;
    Ok(Event { at, actor, kind })
}

/// The rules of an event's form that one field alone does not tell.
pub(crate) fn form_rules(kind: &EventKind) -> Result<()> {
    match kind {
        // Required for the care request consent (spec: consents); absent is malformed.
        EventKind::GiveConsent { purpose: Purpose::CareRequest, written_information_given: None } => {
            Err(Error::invalid("written_information_given", Problem::Missing))
        }
        _ => Ok(()),
    }
}

impl FieldReader for Fields<'_> {
    fn text(&mut self, name: &'static str) -> Result<String> {
        Fields::text(self, name)
    }
    fn name(&mut self, name: &'static str) -> Result<String> {
        Fields::text(self, name)
    }
    fn texts(&mut self, name: &'static str) -> Result<Vec<String>> {
        Fields::texts(self, name)
    }
    fn roles(&mut self, name: &'static str) -> Result<Vec<Role>> {
        Fields::roles(self, name)
    }
    fn time(&mut self, name: &'static str) -> Result<Timestamp> {
        Fields::time(self, name)
    }
    fn bool(&mut self, name: &'static str) -> Result<bool> {
        Fields::bool(self, name)
    }
    fn date(&mut self, name: &'static str) -> Result<CivilDate> {
        match self.get(name)? {
            Value::String(s) => parse_date(s).ok_or_else(|| Error::invalid(name, Problem::NotADate)),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn opt_word<W: Word>(&mut self, name: &'static str) -> Result<Option<W>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => Fields::word(self, name).map(Some),
        }
    }
    fn opt_municipality(&mut self, name: &'static str) -> Result<Option<String>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(s.clone())),
            Some(Value::String(_)) => Err(Error::invalid(name, Problem::UnknownValue)),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn opt_bool(&mut self, name: &'static str) -> Result<Option<bool>> {
        Fields::opt_bool(self, name)
    }
    fn word<W: Word>(&mut self, name: &'static str) -> Result<W> {
        Fields::word(self, name)
    }
    fn agreement(&mut self, name: &'static str) -> Result<Option<Agreement>> {
        Fields::agreement(self, name)
    }
}

/// A reader over one JSON object that names each field it fails on.
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(map: &'a Map<String, Value>) -> Self {
        Fields { map }
    }

    fn get(&self, name: &str) -> Result<&'a Value> {
        match self.map.get(name) {
            None | Some(Value::Null) => Err(Error::invalid(name, Problem::Missing)),
            Some(v) => Ok(v),
        }
    }

    /// Refuses any key that is not `at`, `actor`, `type` or one of `fields`.
    pub(crate) fn allow(&self, fields: &[&str]) -> Result<()> {
        unknown_key(self.map, |k| matches!(k, "at" | "actor" | "type") || fields.contains(&k), None)
    }

    pub(crate) fn text(&self, name: &str) -> Result<String> {
        match self.get(name)? {
            Value::String(s) => Ok(s.clone()),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn bool(&self, name: &str) -> Result<bool> {
        match self.get(name)? {
            Value::Bool(b) => Ok(*b),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn opt_bool(&self, name: &str) -> Result<Option<bool>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn time(&self, name: &str) -> Result<Timestamp> {
        match self.get(name)? {
            Value::String(s) => parse_timestamp(s).ok_or_else(|| Error::invalid(name, Problem::NotATimestamp)),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn word<W: Word>(&self, name: &str) -> Result<W> {
        match self.get(name)? {
            Value::String(s) => W::parse_word(s).ok_or_else(|| unknown_word::<W>(name)),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    /// A non-empty list of known roles (spec: "an empty list where roles are listed gets
    /// `invalid_input`").
    pub(crate) fn roles(&self, name: &str) -> Result<Vec<Role>> {
        let Value::Array(items) = self.get(name)? else {
            return Err(Error::invalid(name, Problem::WrongType));
        };
        if items.is_empty() {
            return Err(Error::invalid(name, Problem::EmptyList));
        }
        items
            .iter()
            .map(|v| match v {
                Value::String(s) => Role::parse(s).ok_or_else(|| unknown_word::<Role>(name)),
                _ => Err(Error::invalid(name, Problem::WrongType)),
            })
            .collect()
    }

    /// A list of texts; an empty one is well formed (the guard gives `missing_information`).
    pub(crate) fn texts(&self, name: &str) -> Result<Vec<String>> {
        let Value::Array(items) = self.get(name)? else {
            return Err(Error::invalid(name, Problem::WrongType));
        };
        items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                _ => Err(Error::invalid(name, Problem::WrongType)),
            })
            .collect()
    }

    pub(crate) fn agreement(&self, name: &str) -> Result<Option<Agreement>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => agreement_from_fields(&Fields::new(map)).map(Some),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    pub(crate) fn opt_u32(&self, name: &str) -> Result<Option<u32>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| Error::invalid(name, Problem::WrongType)),
        }
    }
}

/// [`Fields`] over a [`Node`] object: the same rules, field by field.
struct NodeFields<'n, 'a> {
    entries: &'n [(Cow<'a, str>, Node<'a>)],
}

impl<'n, 'a> NodeFields<'n, 'a> {
    fn lookup(&self, name: &str) -> Option<&'n Node<'a>> {
        self.entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    fn get(&self, name: &str) -> Result<&'n Node<'a>> {
        match self.lookup(name) {
            None | Some(Node::Null) => Err(Error::invalid(name, Problem::Missing)),
            Some(v) => Ok(v),
        }
    }

    fn allow(&self, fields: &[&str]) -> Result<()> {
        let known = |k: &str| matches!(k, "at" | "actor" | "type") || fields.contains(&k);
        node_unknown_key(self.entries, known, None)
    }

    fn opt_u32(&self, name: &str) -> Result<Option<u32>> {
        match self.lookup(name) {
            None | Some(Node::Null) => Ok(None),
            Some(Node::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| Error::invalid(name, Problem::WrongType)),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
}

impl FieldReader for NodeFields<'_, '_> {
    fn text(&mut self, name: &'static str) -> Result<String> {
        match self.get(name)? {
            Node::String(s) => Ok(s.to_string()),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn name(&mut self, name: &'static str) -> Result<String> {
        self.text(name)
    }
    fn texts(&mut self, name: &'static str) -> Result<Vec<String>> {
        let Node::Array(items) = self.get(name)? else {
            return Err(Error::invalid(name, Problem::WrongType));
        };
        items
            .iter()
            .map(|v| match v {
                Node::String(s) => Ok(s.to_string()),
                _ => Err(Error::invalid(name, Problem::WrongType)),
            })
            .collect()
    }
    fn roles(&mut self, name: &'static str) -> Result<Vec<Role>> {
        let Node::Array(items) = self.get(name)? else {
            return Err(Error::invalid(name, Problem::WrongType));
        };
        if items.is_empty() {
            return Err(Error::invalid(name, Problem::EmptyList));
        }
        items
            .iter()
            .map(|v| match v {
                Node::String(s) => Role::parse(s).ok_or_else(|| unknown_word::<Role>(name)),
                _ => Err(Error::invalid(name, Problem::WrongType)),
            })
            .collect()
    }
    fn time(&mut self, name: &'static str) -> Result<Timestamp> {
        match self.get(name)? {
            Node::String(s) => parse_timestamp(s).ok_or_else(|| Error::invalid(name, Problem::NotATimestamp)),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn bool(&mut self, name: &'static str) -> Result<bool> {
        match self.get(name)? {
            Node::Bool(b) => Ok(*b),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn date(&mut self, name: &'static str) -> Result<CivilDate> {
        match self.get(name)? {
            Node::String(s) => parse_date(s).ok_or_else(|| Error::invalid(name, Problem::NotADate)),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn opt_word<W: Word>(&mut self, name: &'static str) -> Result<Option<W>> {
        match self.lookup(name) {
            None | Some(Node::Null) => Ok(None),
            Some(_) => self.word(name).map(Some),
        }
    }
    fn opt_municipality(&mut self, name: &'static str) -> Result<Option<String>> {
        match self.lookup(name) {
            None | Some(Node::Null) => Ok(None),
            Some(Node::String(s)) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(s.to_string())),
            Some(Node::String(_)) => Err(Error::invalid(name, Problem::UnknownValue)),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn opt_bool(&mut self, name: &'static str) -> Result<Option<bool>> {
        match self.lookup(name) {
            None | Some(Node::Null) => Ok(None),
            Some(Node::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn word<W: Word>(&mut self, name: &'static str) -> Result<W> {
        match self.get(name)? {
            Node::String(s) => W::parse_word(s).ok_or_else(|| unknown_word::<W>(name)),
            _ => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
    fn agreement(&mut self, name: &'static str) -> Result<Option<Agreement>> {
        match self.lookup(name) {
            None | Some(Node::Null) => Ok(None),
            Some(Node::Object(entries)) => {
                let f = NodeFields { entries };
                node_unknown_key(entries, |k| AGREEMENT_FIELDS.contains(&k), Some("agreement"))?;
                let d = Agreement::default();
                let agreement = Agreement {
                    admission_notice_hours: f.opt_u32("admission_notice_hours")?.unwrap_or(d.admission_notice_hours),
                    sip_invitation_days: f.opt_u32("sip_invitation_days")?.unwrap_or(d.sip_invitation_days),
                    payment_days: f.opt_u32("payment_days")?.unwrap_or(d.payment_days),
                    payment_counts_notice_day: match f.lookup("payment_counts_notice_day") {
                        None | Some(Node::Null) => d.payment_counts_notice_day,
                        Some(Node::Bool(b)) => *b,
                        Some(_) => return Err(Error::invalid("payment_counts_notice_day", Problem::WrongType)),
                    },
                    payment_cutoff_hour: f.opt_u32("payment_cutoff_hour")?,
                    daily_amount_sek: f.opt_u32("daily_amount_sek")?,
                    acknowledgement_hours: f.opt_u32("acknowledgement_hours")?,
                };
                agreement.validate()?;
                Ok(Some(agreement))
            }
            Some(_) => Err(Error::invalid(name, Problem::WrongType)),
        }
    }
}

/// [`unknown_key`] over a [`Node`] object's entries.
fn node_unknown_key(
    entries: &[(Cow<'_, str>, Node<'_>)],
    known: impl Fn(&str) -> bool,
    within: Option<&str>,
) -> Result<()> {
    match entries.iter().map(|(k, _)| k).enumerate().find(|(_, k)| !known(k)) {
        None => Ok(()),
        Some((_, key)) if is_identifier(key) => {
            let field = within.map_or_else(|| key.to_string(), |w| format!("{w}.{key}"));
            Err(Error::invalid(&field, Problem::UnknownField))
        }
        Some((position, _)) => Err(Error::unknown_key_at(within, position)),
    }
}

/// Reads an agreement object; absent fields keep the law's default.
fn agreement_from_fields(f: &Fields<'_>) -> Result<Agreement> {
    unknown_key(f.map, |k| AGREEMENT_FIELDS.contains(&k), Some("agreement"))?;
    let d = Agreement::default();
    let agreement = Agreement {
        admission_notice_hours: f.opt_u32("admission_notice_hours")?.unwrap_or(d.admission_notice_hours),
        sip_invitation_days: f.opt_u32("sip_invitation_days")?.unwrap_or(d.sip_invitation_days),
        payment_days: f.opt_u32("payment_days")?.unwrap_or(d.payment_days),
        payment_counts_notice_day: f.opt_bool("payment_counts_notice_day")?.unwrap_or(d.payment_counts_notice_day),
        payment_cutoff_hour: f.opt_u32("payment_cutoff_hour")?,
        daily_amount_sek: f.opt_u32("daily_amount_sek")?,
        acknowledgement_hours: f.opt_u32("acknowledgement_hours")?,
    };
    agreement.validate()?;
    Ok(agreement)
}

pub(crate) fn unknown_word<W: Word>(field: &str) -> Error {
    let allowed: Vec<&str> = W::WORDS.iter().map(|w| w.as_word()).collect();
    Error::invalid_allowed(field, Problem::UnknownValue, &allowed)
}

/// The first key of `map` not in `known`, as the error names it (spec: an unknown key is named
/// only when it looks like an identifier, else by its 0-based position in document order,
/// beside `within`, the field of the object that holds it when nested).
pub(crate) fn unknown_key(map: &Map<String, Value>, known: impl Fn(&str) -> bool, within: Option<&str>) -> Result<()> {
    match map.keys().enumerate().find(|(_, k)| !known(k)) {
        None => Ok(()),
        Some((_, key)) if is_identifier(key) => {
            let field = within.map_or_else(|| key.clone(), |w| format!("{w}.{key}"));
            Err(Error::invalid(&field, Problem::UnknownField))
        }
        Some((position, _)) => Err(Error::unknown_key_at(within, position)),
    }
}

/// A role from its JSON name, for bindings that take roles as strings.
pub fn role_from_str(s: &str) -> Result<Role> {
    Role::parse(s).ok_or_else(|| unknown_word::<Role>("role"))
}

/// A timestamp from RFC 3339 text, for bindings that take times as strings.
pub fn timestamp_from_str(field: &str, s: &str) -> Result<Timestamp> {
    parse_timestamp(s).ok_or_else(|| Error::invalid(field, Problem::NotATimestamp))
}
