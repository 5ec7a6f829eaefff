//! JSON in: the one layer that reads JSON input, as a `serde_json::Value` or as the typed
//! paths' light [`Node`] tree. An event object is read field by field, as the table of events
//! (`model::event`) declares them, by one [`Fields`] reader over either tree, so that every
//! malformed input gets `invalid_input` naming the field and the problem (the same for both
//! trees, each rule written once), never echoing the value.

pub(crate) mod snapshot;
mod strict;
mod tree;

pub(crate) use strict::parse as parse_strict;
pub(crate) use strict::{Node, parse_node};

use serde_json::{Map, Value};

use crate::model::agreement::AGREEMENT_FIELDS;
use crate::model::event::FieldReader;
use crate::model::text::is_identifier;
use crate::model::{Agreement, Error, Event, EventKind, EventType, Problem, Purpose, Result, Role};
use crate::time::{CivilDate, Timestamp, parse_date, parse_timestamp};
use crate::vocab::Word;
use tree::{Json, Object};

/// Parses one event from JSON text: read into a light [`Node`] and the event from it, by the
/// same [`Fields`] rules (and so with the same errors) as [`event_from_value`] over the same
/// value.
pub fn event_from_str(json: &str) -> Result<Event> {
    match strict::parse_node(json) {
        Some(node) => event_from(&node),
        None => event_from_value(&strict::parse(json, "event")?),
    }
}

/// Reads one event from a [`Node`]: [`event_from_value`] over the typed paths' tree.
pub(crate) fn event_from_node(node: &Node<'_>) -> Result<Event> {
    event_from(node)
}

/// Parses one event from a JSON value (`{"at", "actor", "type", <fields>}`).
pub fn event_from_value(value: &Value) -> Result<Event> {
    event_from(value)
}

/// One event from either tree (the one reading of an event's form).
pub(crate) fn event_from<J: Json>(value: &J) -> Result<Event> {
    let Some(map) = value.as_object() else {
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

impl<O: Object + ?Sized> FieldReader for Fields<'_, O> {
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
        Fields::date(self, name)
    }
    fn opt_word<W: Word>(&mut self, name: &'static str) -> Result<Option<W>> {
        Fields::opt_word(self, name)
    }
    fn opt_municipality(&mut self, name: &'static str) -> Result<Option<String>> {
        Fields::opt_municipality(self, name)
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

/// A reader over one JSON object, of either tree, that names each field it fails on: every
/// field rule of the wire, written once.
pub(crate) struct Fields<'a, O: ?Sized = Map<String, Value>> {
    map: &'a O,
}

impl<'a, O: Object + ?Sized> Fields<'a, O> {
    pub(crate) fn new(map: &'a O) -> Self {
        Fields { map }
    }

    /// The field, absent and `null` alike `None`.
    #[inline]
    fn opt(&self, name: &str) -> Option<&'a O::Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    #[inline]
    fn get(&self, name: &str) -> Result<&'a O::Value> {
        self.opt(name).ok_or_else(|| Error::invalid(name, Problem::Missing))
    }

    #[inline]
    fn str(&self, name: &str) -> Result<&'a str> {
        self.get(name)?.as_str().ok_or_else(|| Error::invalid(name, Problem::WrongType))
    }

    /// Refuses any key that is not `at`, `actor`, `type` or one of `fields`.
    pub(crate) fn allow(&self, fields: &[&str]) -> Result<()> {
        unknown_key(self.map, |k| matches!(k, "at" | "actor" | "type") || fields.contains(&k), None)
    }

    pub(crate) fn text(&self, name: &str) -> Result<String> {
        self.str(name).map(str::to_owned)
    }

    pub(crate) fn bool(&self, name: &str) -> Result<bool> {
        self.get(name)?.as_bool().ok_or_else(|| Error::invalid(name, Problem::WrongType))
    }

    pub(crate) fn opt_bool(&self, name: &str) -> Result<Option<bool>> {
        self.opt(name).map(|v| v.as_bool().ok_or_else(|| Error::invalid(name, Problem::WrongType))).transpose()
    }

    pub(crate) fn time(&self, name: &str) -> Result<Timestamp> {
        timestamp_from_str(name, self.str(name)?)
    }

    fn date(&self, name: &str) -> Result<CivilDate> {
        parse_date(self.str(name)?).ok_or_else(|| Error::invalid(name, Problem::NotADate))
    }

    pub(crate) fn word<W: Word>(&self, name: &str) -> Result<W> {
        word_from_str(name, self.str(name)?)
    }

    fn opt_word<W: Word>(&self, name: &str) -> Result<Option<W>> {
        self.opt(name).map(|_| self.word(name)).transpose()
    }

    /// A four-digit municipality code (kommunkod), optional.
    fn opt_municipality(&self, name: &str) -> Result<Option<String>> {
        let Some(v) = self.opt(name) else { return Ok(None) };
        match v.as_str() {
            Some(s) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(s.to_owned())),
            Some(_) => Err(Error::invalid(name, Problem::UnknownValue)),
            None => Err(Error::invalid(name, Problem::WrongType)),
        }
    }

    fn list(&self, name: &str) -> Result<&'a [O::Value]> {
        self.get(name)?.as_array().ok_or_else(|| Error::invalid(name, Problem::WrongType))
    }

    /// A non-empty list of known roles (spec: "an empty list where roles are listed gets
    /// `invalid_input`").
    pub(crate) fn roles(&self, name: &str) -> Result<Vec<Role>> {
        let items = self.list(name)?;
        if items.is_empty() {
            return Err(Error::invalid(name, Problem::EmptyList));
        }
        each_str(name, items, |s| word_from_str::<Role>(name, s))
    }

    /// A list of texts; an empty one is well formed (the guard gives `missing_information`).
    pub(crate) fn texts(&self, name: &str) -> Result<Vec<String>> {
        each_str(name, self.list(name)?, |s| Ok(s.to_owned()))
    }

    pub(crate) fn agreement(&self, name: &str) -> Result<Option<Agreement>> {
        let Some(v) = self.opt(name) else { return Ok(None) };
        let map = v.as_object().ok_or_else(|| Error::invalid(name, Problem::WrongType))?;
        agreement_from_fields(&Fields::new(map)).map(Some)
    }

    pub(crate) fn opt_u32(&self, name: &str) -> Result<Option<u32>> {
        self.opt(name)
            .map(|v| {
                v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| Error::invalid(name, Problem::WrongType))
            })
            .transpose()
    }
}

/// Reads an agreement object; absent fields keep the law's default.
fn agreement_from_fields<O: Object + ?Sized>(f: &Fields<'_, O>) -> Result<Agreement> {
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

/// Every item of a list, each a string (else `wrong_type`), read by `item`.
fn each_str<'a, J: Json, T>(name: &str, items: &'a [J], item: impl Fn(&'a str) -> Result<T>) -> Result<Vec<T>> {
    items.iter().map(|v| v.as_str().ok_or_else(|| Error::invalid(name, Problem::WrongType)).and_then(&item)).collect()
}

/// One word of `W`'s vocabulary from its text.
#[inline]
fn word_from_str<W: Word>(field: &str, s: &str) -> Result<W> {
    W::parse_word(s).ok_or_else(|| unknown_word::<W>(field))
}

pub(crate) fn unknown_word<W: Word>(field: &str) -> Error {
    let allowed: Vec<&str> = W::WORDS.iter().map(|w| w.as_word()).collect();
    Error::invalid_allowed(field, Problem::UnknownValue, &allowed)
}

/// The first key of `map` not in `known`, as the error names it (spec: an unknown key is named
/// only when it looks like an identifier, else by its 0-based position in document order,
/// beside `within`, the field of the object that holds it when nested).
pub(crate) fn unknown_key<O: Object + ?Sized>(
    map: &O,
    known: impl Fn(&str) -> bool,
    within: Option<&str>,
) -> Result<()> {
    match map.keys().enumerate().find(|(_, k)| !known(k)) {
        None => Ok(()),
        Some((_, key)) if is_identifier(key) => {
            let field = within.map_or_else(|| key.to_owned(), |w| format!("{w}.{key}"));
            Err(Error::invalid(&field, Problem::UnknownField))
        }
        Some((position, _)) => Err(Error::unknown_key_at(within, position)),
    }
}

/// A role from its JSON name, for bindings that take roles as strings.
pub fn role_from_str(s: &str) -> Result<Role> {
    word_from_str("role", s)
}

/// A timestamp from RFC 3339 text, for bindings that take times as strings (and the `time`
/// field rule).
pub fn timestamp_from_str(field: &str, s: &str) -> Result<Timestamp> {
    parse_timestamp(s).ok_or_else(|| Error::invalid(field, Problem::NotATimestamp))
}
