//! Check-in sessions (seed 000): a hospital holds check-in meetings by video on fixed days and
//! times; each care contact joins only in their own slot, for confidentiality, while social
//! services stay for the whole session; inpatient care books the cases and sends the links.
//!
//! A [`Planner`] keeps one hospital's sessions. It books a case's check-in only through the
//! case's own `book_check_in` and `cancel_check_in` events, applied to a copy first: when the
//! case refuses, the error is the case's own and neither the case nor the planner changes.
//! The rules are named in `docs/sessions.md` and here, each where it is checked.

// docs/sessions.md's example is compiled and run as a doctest, so it cannot rot.
#[doc = include_str!("../../../docs/sessions.md")]
#[cfg(doctest)]
pub struct SessionsDoctests;

mod place;
mod regroup;
mod schedule;
mod snapshot;
mod view;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::case::{Accepted, Case};
use crate::model::{CheckInState, Detail, Effect, Error, Event, EventKind, Problem, Result, Role};
use crate::time::Timestamp;

use place::Taken;
use schedule::SessionTimes;
pub use schedule::{PlannerConfig, Weekday, WeeklyTime};
pub use snapshot::{PLANNER_SNAPSHOT_FORMAT, PLANNER_SNAPSHOT_VERSION};
pub use view::{SessionAccessEntry, SessionView};

/// One slot of a session as the planner shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Slot {
    pub session: String,
    pub index: usize,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// The care contact's unit (as in the case's `care_contact`); `None` for a free slot.
    pub care_contact: Option<String>,
    /// `None` for a free slot or a care contact's questions slot.
    pub case_id: Option<String>,
}

/// A session from the weekly times, with how many of its slots are free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    pub session: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub slots: usize,
    pub free: usize,
}

/// An accepted booking: the slot, and the case's effects (the meeting link to send; on a
/// rebooking, first the cancellation's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Booking {
    pub slot: Slot,
    pub effects: Vec<Effect>,
}

/// One hospital's check-in sessions: its weekly times, the taken slots and the access log of
/// session views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planner {
    config: PlannerConfig,
    /// Taken slots by session id, each list sorted by index; a session with none is absent.
    taken: BTreeMap<String, Vec<Taken>>,
    access_log: Vec<SessionAccessEntry>,
}

impl Planner {
    /// A planner with no bookings. The configuration is checked (`PlannerConfig::validate`).
    pub fn new(config: PlannerConfig) -> Result<Planner> {
        config.validate()?;
        Ok(Planner { config, taken: BTreeMap::new(), access_log: Vec::new() })
    }

    /// A planner from configuration JSON: `{"hospital", "times": [{"weekday", "starts",
    /// "ends"}], "slot_minutes"}`.
    pub fn from_config_json(json: &str) -> Result<Planner> {
        Planner::new(PlannerConfig::from_json(json)?)
    }

    pub fn config(&self) -> &PlannerConfig {
        &self.config
    }

    /// Every session starting in `[from, to)` (at most a year), with its free slots.
    pub fn sessions_between(&self, from: Timestamp, to: Timestamp) -> Result<Vec<SessionInfo>> {
        let sessions = self.config.sessions_between(from, to)?;
        Ok(sessions
            .into_iter()
            .map(|s| {
                let taken = self.taken.get(&s.id).map_or(0, Vec::len);
                SessionInfo {
                    free: s.slots.saturating_sub(taken),
                    session: s.id,
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                    slots: s.slots,
                }
            })
            .collect())
    }

    /// Every slot of a session, free ones included, in time order.
    pub fn slots(&self, session: &str) -> Result<Vec<Slot>> {
        let times = self.config.session(session)?;
        Ok((0..times.slots).map(|i| self.slot(&times, i)).collect())
    }

    /// The slot the planner holds for a case, if any.
    pub fn slot_of(&self, case_id: &str) -> Option<Slot> {
        let (session, index) = self.find(case_id)?;
        let times = self.config.session(&session).ok()?;
        Some(self.slot(&times, index))
    }

    /// Books a case into a session: the planner chooses the slot and the case takes
    /// `book_check_in` at the slot's start (actor `inpatient`, `remote`: the sessions are held
    /// by video). Checks, in order: the session is known and has not started; the case
    /// accepts the booking (its own code: not in planning, no care contact, already booked,
    /// …); a slot is free (`session_full`).
    pub fn book(&mut self, session: &str, case: &mut Case, at: Timestamp) -> Result<Booking> {
        self.book_case(session, case, at, false)
    }

    /// Moves a booked case to a slot in `session` (the same or another): `cancel_check_in`
    /// then `book_check_in` on the case, and its old slot is freed. All or nothing.
    pub fn rebook(&mut self, session: &str, case: &mut Case, at: Timestamp) -> Result<Booking> {
        self.book_case(session, case, at, true)
    }

    /// Cancels a case's check-in (`cancel_check_in`) and frees its slot. A finished case takes
    /// no more events: its booked slot is freed without one (`finished_case_frees_slot`).
    pub fn cancel(&mut self, case: &mut Case, at: Timestamp) -> Result<Accepted> {
        let held = case.case_id().and_then(|id| self.find(id));
        if case.phase().is_finished() && case.check_in() == CheckInState::Booked {
            let Some(slot) = held else { return Err(not_in_planner()) };
            self.free(&slot);
            return Ok(Accepted { effects: Vec::new() });
        }
        // The check-in was cancelled on the case directly: the planner's slot is only freed.
        if case.check_in() == CheckInState::NotBooked {
            if let Some(slot) = held {
                self.free(&slot);
                return Ok(Accepted { effects: Vec::new() });
            }
        }
        let mut next = case.clone();
        let accepted = next.apply(&inpatient(at, EventKind::CancelCheckIn))?;
        if let Some(slot) = held {
            self.free(&slot);
        }
        *case = next;
        Ok(accepted)
    }

    /// Gives a care contact with no case in a session a slot of their own, so that others can
    /// ask them about a patient (seed 000: "a party with no current case still joins"). A case
    /// of theirs booked later takes this slot over (`questions_slot_taken_over`).
    pub fn reserve_questions_slot(&mut self, session: &str, care_contact: &str, at: Timestamp) -> Result<Slot> {
        let times = self.open_session(session, at)?;
        if care_contact.trim().is_empty() {
            return Err(Error::missing_information("care_contact"));
        }
        let taken = self.taken.get(&times.id).map(|v| v.iter().collect::<Vec<_>>()).unwrap_or_default();
        // Rule `care_contact_has_slot`: one who already joins needs no second slot.
        if taken.iter().any(|t| t.care_contact == care_contact) {
            return Err(session_problem(Problem::CareContactHasSlot, &times.id));
        }
        let index = place::choose(&taken, times.slots, care_contact).ok_or_else(|| session_full(&times))?;
        self.take(&times.id, Taken { index, care_contact: care_contact.to_string(), case_id: None });
        Ok(self.slot(&times, index))
    }

    /// Frees a care contact's questions slot.
    pub fn release_questions_slot(&mut self, session: &str, care_contact: &str) -> Result<()> {
        let times = self.config.session(session)?;
        let index = self
            .taken
            .get(&times.id)
            .and_then(|v| v.iter().find(|t| t.care_contact == care_contact && t.case_id.is_none()))
            .map(|t| t.index)
            .ok_or_else(|| session_problem(Problem::NoQuestionsSlot, &times.id))?;
        self.free(&(times.id, index));
        Ok(())
    }

    pub fn access_log(&self) -> &[SessionAccessEntry] {
        &self.access_log
    }

    // --- The booking rule --------------------------------------------------------------

    fn book_case(&mut self, session: &str, case: &mut Case, at: Timestamp, cancel_first: bool) -> Result<Booking> {
        let times = self.open_session(session, at)?;
        self.is_the_held_case(case)?;
        // The case decides first, on a copy: its refusal leaves both as they were.
        let mut next = case.clone();
        let mut effects = Vec::new();
        if cancel_first {
            effects.extend(next.apply(&inpatient(at, EventKind::CancelCheckIn))?.effects);
        }
        next.clone().apply(&book_check_in(at, times.starts_at))?;
        let (case_id, care_contact) = parties(&next)?;
        // A slot the planner still holds for the case is freed: on a rebooking its old one, on
        // a booking one whose check-in was cancelled on the case directly.
        let old = self.find(&case_id);
        let taken: Vec<&Taken> = self
            .taken
            .get(&times.id)
            .map(|v| v.iter().filter(|t| old.as_ref() != Some(&(times.id.clone(), t.index))).collect())
            .unwrap_or_default();
        let index = place::choose(&taken, times.slots, &care_contact).ok_or_else(|| session_full(&times))?;
        let (starts_at, _) = self.config.slot_times(&times, index);
        effects.extend(next.apply(&book_check_in(at, starts_at))?.effects);
        // Nothing below can fail: commit the planner and the case together.
        if let Some(old) = old {
            self.free(&old);
        }
        self.take(&times.id, Taken { index, care_contact, case_id: Some(case_id) });
        *case = next;
        Ok(Booking { slot: self.slot(&times, index), effects })
    }

    /// Rule `duplicate`: the planner knows a case by its `case_id`, so two different cases with
    /// the same id must not share it. While the planner holds a slot for the id, only the case
    /// booked there (its check-in at that slot's start) may be booked or rebooked (and then the
    /// case itself decides); any other is refused. A case whose check-in was cancelled on the
    /// case directly frees its slot through `cancel` first.
    fn is_the_held_case(&self, case: &Case) -> Result<()> {
        let held = case.case_id().and_then(|id| self.find(id));
        if held.is_none() || self.holds(case) { Ok(()) } else { Err(Error::invalid("case_id", Problem::Duplicate)) }
    }

    /// When the slot the planner holds starts.
    fn held_start(&self, (session, index): &(String, usize)) -> Option<Timestamp> {
        let times = self.config.session(session).ok()?;
        Some(self.config.slot_times(&times, *index).0)
    }

    /// Whether `case` is the case the planner holds a slot for (booked at that slot's start).
    pub(crate) fn holds(&self, case: &Case) -> bool {
        let Some(held) = case.case_id().and_then(|id| self.find(id)) else { return false };
        case.check_in() == CheckInState::Booked && case.check_in_starts_at() == self.held_start(&held)
    }

    /// Rules `unknown_session` and `session_started`: bookings go into a known session that
    /// has not begun at `at`.
    fn open_session(&self, session: &str, at: Timestamp) -> Result<SessionTimes> {
        let times = self.config.session(session)?;
        if at >= times.starts_at {
            return Err(session_problem(Problem::SessionStarted, &times.id));
        }
        Ok(times)
    }

    // --- Taken slots ---------------------------------------------------------------------

    fn find(&self, case_id: &str) -> Option<(String, usize)> {
        self.taken.iter().find_map(|(session, taken)| {
            taken.iter().find(|t| t.case_id.as_deref() == Some(case_id)).map(|t| (session.clone(), t.index))
        })
    }

    /// Takes a slot, replacing what held that index (a questions slot taken over).
    fn take(&mut self, session: &str, slot: Taken) {
        let list = self.taken.entry(session.to_string()).or_default();
        list.retain(|t| t.index != slot.index);
        list.push(slot);
        list.sort_by_key(|t| t.index);
    }

    fn free(&mut self, (session, index): &(String, usize)) {
        if let Some(list) = self.taken.get_mut(session) {
            list.retain(|t| t.index != *index);
            if list.is_empty() {
                self.taken.remove(session);
            }
        }
    }

    fn slot(&self, times: &SessionTimes, index: usize) -> Slot {
        let (starts_at, ends_at) = self.config.slot_times(times, index);
        let taken = self.taken.get(&times.id).and_then(|v| v.iter().find(|t| t.index == index));
        Slot {
            session: times.id.clone(),
            index,
            starts_at,
            ends_at,
            care_contact: taken.map(|t| t.care_contact.clone()),
            case_id: taken.and_then(|t| t.case_id.clone()),
        }
    }
}

/// The case's id and its care contact's unit (both exist once the case accepted a booking).
fn parties(case: &Case) -> Result<(String, String)> {
    let care_contact = case.care_contact_unit().map(str::to_string);
    match (case.case_id(), care_contact) {
        (Some(id), Some(unit)) => Ok((id.to_string(), unit)),
        _ => Err(Error::preparation_missing("care_contact")),
    }
}

fn inpatient(at: Timestamp, kind: EventKind) -> Event {
    Event { at, actor: Role::Inpatient, kind }
}

fn book_check_in(at: Timestamp, starts_at: Timestamp) -> Event {
    inpatient(at, EventKind::BookCheckIn { starts_at, remote: true })
}

/// `wrong_state` for a session that does not allow it, naming the rule.
fn session_problem(problem: Problem, session: &str) -> Error {
    Error::planner_rule(problem, Some(session))
}

/// Rule `session_full`.
fn session_full(times: &SessionTimes) -> Error {
    session_problem(Problem::SessionFull, &times.id).with(Detail::Slots, times.slots)
}

/// Rule `not_in_planner`: the planner holds no slot for the case.
fn not_in_planner() -> Error {
    Error::planner_rule(Problem::NotInPlanner, None)
}
