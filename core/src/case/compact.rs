//! The compact encoding of events and access-log entries (issue 16): what the live journal
//! keeps and what the binary snapshot carries, written once for both. A time is a zigzag
//! varint of whole seconds after the previous item's time (the epoch first) with a flag for
//! nanoseconds; an actor, a type and every word one byte (its place in its vocabulary's list);
//! then the event's own fields in the event table's order. Every value has one encoding, so
//! bytes that decode re-encode to themselves.

use crate::model::event::{FieldReader, FieldWriter};
use crate::model::{
    AccessAction, AccessEntry, AccessOutcome, Agreement, Error, ErrorCode, Event, EventKind, EventType, Problem,
    Result, Role,
};
use crate::time::{CivilDate, Timestamp};
use crate::vocab::Word;

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// The place of a word in its vocabulary's list.
fn place<W: Word>(word: W) -> u8 {
    u8::try_from(word.place()).unwrap_or(u8::MAX)
}

pub(super) struct Writer<'o> {
    pub(super) out: &'o mut Vec<u8>,
    /// The time deltas are from: the previous event's (or entry's) time, the epoch first.
    pub(super) base: Timestamp,
}

impl Writer<'_> {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    pub(super) fn count(&mut self, n: usize) {
        self.varint(n as u64);
    }

    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn str(&mut self, s: &str) {
        self.count(s.len());
        self.out.extend_from_slice(s.as_bytes());
    }

    /// `zigzag(seconds after base) << 1 | has nanoseconds`, then the nanoseconds if any.
    fn time_from(&mut self, base: Timestamp, t: Timestamp) {
        let seconds = t.as_second() - base.as_second();
        let nanos = t.subsec_nanosecond();
        self.varint((zigzag(seconds) << 1) | u64::from(nanos != 0));
        if nanos != 0 {
            self.varint(nanos as u64);
        }
    }

    fn opt_u32(&mut self, v: Option<u32>) {
        match v {
            None => self.byte(0),
            Some(v) => {
                self.byte(1);
                self.varint(u64::from(v));
            }
        }
    }

    pub(super) fn event(&mut self, event: &Event) {
        self.time_from(self.base, event.at);
        self.base = event.at;
        self.byte(place(event.actor));
        self.byte(place(event.kind.event_type()));
        event.kind.write_fields(self);
    }

    pub(super) fn access_entry(&mut self, entry: &AccessEntry) {
        self.time_from(self.base, entry.at);
        self.base = entry.at;
        self.byte(place(entry.role));
        self.byte(place(entry.action));
        self.byte(place(entry.outcome));
        match entry.code {
            None => self.byte(0),
            Some(code) => self.byte(place(code).saturating_add(1)),
        }
    }
}

impl FieldWriter for Writer<'_> {
    fn text(&mut self, v: &str) {
        self.str(v);
    }
    fn name(&mut self, v: &str) {
        self.str(v);
    }
    fn texts(&mut self, v: &[String]) {
        self.count(v.len());
        for s in v {
            self.str(s);
        }
    }
    fn roles(&mut self, v: &[Role]) {
        self.count(v.len());
        for r in v {
            self.byte(place(*r));
        }
    }
    /// A time in an event's fields: from the event's own time.
    fn time(&mut self, v: &Timestamp) {
        self.time_from(self.base, *v);
    }
    fn date(&mut self, v: &CivilDate) {
        self.varint(zigzag(i64::from(v.year())));
        self.byte(v.month() as u8);
        self.byte(v.day() as u8);
    }
    fn opt_word<W: Word>(&mut self, v: &Option<W>) {
        match v {
            None => self.byte(0),
            Some(w) => self.byte(place(*w).saturating_add(1)),
        }
    }
    fn opt_municipality(&mut self, v: &Option<String>) {
        match v {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                self.str(s);
            }
        }
    }
    fn bool(&mut self, v: &bool) {
        self.byte(u8::from(*v));
    }
    fn opt_bool(&mut self, v: &Option<bool>) {
        self.byte(match v {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        });
    }
    fn word<W: Word>(&mut self, v: &W) {
        self.byte(place(*v));
    }
    fn agreement(&mut self, v: &Option<Agreement>) {
        let Some(a) = v else { return self.byte(0) };
        self.byte(1);
        self.varint(u64::from(a.admission_notice_hours));
        self.varint(u64::from(a.sip_invitation_days));
        self.varint(u64::from(a.payment_days));
        self.byte(u8::from(a.payment_counts_notice_day));
        self.opt_u32(a.payment_cutoff_hour);
        self.opt_u32(a.daily_amount_sek);
        self.opt_u32(a.acknowledgement_hours);
    }
}

/// Reads what `Writer` wrote; `None` at the first byte that is missing or out of place.
pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) base: Timestamp,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(*b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            // The tenth byte holds one bit; a longer or overflowing varint is malformed.
            if shift == 63 && bits > 1 {
                return None;
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                // Canonical only (no trailing zero groups): every value has one encoding, so
                // bytes that restore re-encode to themselves.
                return (shift == 0 || bits != 0).then_some(v);
            }
        }
        None
    }

    /// A count of items that each take at least a byte: never more than the bytes left.
    pub(super) fn count(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok().filter(|n| *n <= self.bytes.len())
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.varint()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_string)
    }

    fn word<W: Word>(&mut self) -> Option<W> {
        W::WORDS.get(usize::from(self.byte()?)).copied()
    }

    fn time_from(&mut self, base: Timestamp) -> Option<Timestamp> {
        let v = self.varint()?;
        let seconds = base.as_second().checked_add(unzigzag(v >> 1))?;
        let nanos = match v & 1 {
            1 => i32::try_from(self.varint()?).ok().filter(|n| *n != 0)?,
            _ => 0,
        };
        Timestamp::new(seconds, nanos).ok()
    }

    fn opt_u32(&mut self) -> Option<Option<u32>> {
        match self.byte()? {
            0 => Some(None),
            1 => u32::try_from(self.varint()?).ok().map(Some),
            _ => None,
        }
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(super) fn event(&mut self) -> Option<Event> {
        let at = self.time_from(self.base)?;
        self.base = at;
        let actor: Role = self.word()?;
        let event_type: EventType = self.word()?;
        let kind = EventKind::read(event_type, &mut Fields(self)).ok()?;
        Some(Event { at, actor, kind })
    }

    pub(super) fn access_entry(&mut self) -> Option<AccessEntry> {
        let at = self.time_from(self.base)?;
        self.base = at;
        let role = self.word()?;
        let action: AccessAction = self.word()?;
        let outcome: AccessOutcome = self.word()?;
        let code = match self.byte()? {
            0 => None,
            n => Some(ErrorCode::WORDS.get(usize::from(n) - 1).copied()?),
        };
        Some(AccessEntry { at, role, action, outcome, code })
    }
}

/// The event table's reader over the bytes. Its errors are only "stop here": the caller names
/// the journal entry (`journal[i]`, `malformed`), never a value.
struct Fields<'r, 'a>(&'r mut Reader<'a>);

fn stop<T>(v: Option<T>, name: &'static str) -> Result<T> {
    v.ok_or_else(|| Error::invalid(name, Problem::Malformed))
}

impl FieldReader for Fields<'_, '_> {
    fn text(&mut self, name: &'static str) -> Result<String> {
        stop(self.0.string(), name)
    }
    fn name(&mut self, name: &'static str) -> Result<String> {
        stop(self.0.string(), name)
    }
    fn texts(&mut self, name: &'static str) -> Result<Vec<String>> {
        let n = stop(self.0.count(), name)?;
        (0..n).map(|_| stop(self.0.string(), name)).collect()
    }
    /// A non-empty list, as the JSON reader asks, each role once in the spec's order, as the
    /// engine records it (so the encoding stays canonical).
    fn roles(&mut self, name: &'static str) -> Result<Vec<Role>> {
        let n = stop(self.0.count().filter(|n| *n > 0), name)?;
        let roles = (0..n).map(|_| stop(self.0.word(), name)).collect::<Result<Vec<Role>>>()?;
        let in_order = roles.windows(2).all(|w| w.first() < w.get(1));
        stop(in_order.then_some(roles), name)
    }
    fn time(&mut self, name: &'static str) -> Result<Timestamp> {
        let base = self.0.base;
        stop(self.0.time_from(base), name)
    }
    fn date(&mut self, name: &'static str) -> Result<CivilDate> {
        let year = stop(self.0.varint().and_then(|v| i16::try_from(unzigzag(v)).ok()), name)?;
        let month = stop(self.0.byte().and_then(|b| i8::try_from(b).ok()), name)?;
        let day = stop(self.0.byte().and_then(|b| i8::try_from(b).ok()), name)?;
        // The JSON reader's range: four-digit years.
        stop(CivilDate::new(year, month, day).ok().filter(|_| (0..=9999).contains(&year)), name)
    }
    fn opt_word<W: Word>(&mut self, name: &'static str) -> Result<Option<W>> {
        match stop(self.0.byte(), name)? {
            0 => Ok(None),
            n => stop(W::WORDS.get(usize::from(n) - 1).copied(), name).map(Some),
        }
    }
    /// Four ASCII digits, as the JSON reader asks.
    fn opt_municipality(&mut self, name: &'static str) -> Result<Option<String>> {
        match stop(self.0.flag(), name)? {
            false => Ok(None),
            true => {
                stop(self.0.string().filter(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())), name).map(Some)
            }
        }
    }
    fn bool(&mut self, name: &'static str) -> Result<bool> {
        stop(self.0.flag(), name)
    }
    fn opt_bool(&mut self, name: &'static str) -> Result<Option<bool>> {
        match stop(self.0.byte(), name)? {
            0 => Ok(None),
            1 => Ok(Some(false)),
            2 => Ok(Some(true)),
            _ => Err(Error::invalid(name, Problem::Malformed)),
        }
    }
    fn word<W: Word>(&mut self, name: &'static str) -> Result<W> {
        stop(self.0.word(), name)
    }
    fn agreement(&mut self, name: &'static str) -> Result<Option<Agreement>> {
        if !stop(self.0.flag(), name)? {
            return Ok(None);
        }
        let r = &mut *self.0;
        let agreement = (|| {
            Some(Agreement {
                admission_notice_hours: r.u32()?,
                sip_invitation_days: r.u32()?,
                payment_days: r.u32()?,
                payment_counts_notice_day: r.flag()?,
                payment_cutoff_hour: r.opt_u32()?,
                daily_amount_sek: r.opt_u32()?,
                acknowledgement_hours: r.opt_u32()?,
            })
        })();
        stop(agreement, name).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, CareType, Purpose, Routine};

    fn places_hold<W: Word>() -> bool {
        W::WORDS.iter().enumerate().all(|(i, w)| w.place() == i)
    }

    /// The encoding writes a word's `place()`, the decoder indexes `WORDS` with it.
    #[test]
    fn a_words_place_is_its_index_in_its_list() {
        assert!(places_hold::<Role>());
        assert!(places_hold::<EventType>());
        assert!(places_hold::<AccessAction>());
        assert!(places_hold::<AccessOutcome>());
        assert!(places_hold::<ErrorCode>());
        assert!(places_hold::<Routine>());
        assert!(places_hold::<Purpose>());
        assert!(places_hold::<CareType>());
        assert!(places_hold::<AgendaItem>());
    }
}
