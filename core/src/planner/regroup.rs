//! Regrouping a session: bookings never move on their own (see `place`), so a care contact
//! whose cases came in between others' may have slots apart. Before the links go out,
//! inpatient care may regroup: every care contact's slots next to each other, from the
//! session's start, in the order the care contacts first appear, moving only what must move.

use super::place::Taken;
use super::{Booking, Planner, book_check_in, inpatient};
use crate::case::{Case, distinct_case_ids};
use crate::model::{Detail, Error, EventKind, Problem, Result};
use crate::time::Timestamp;

impl Planner {
    /// Regroups a session. Pass every case booked in it (a case that must move and is not
    /// passed gets `invalid_input`, field `cases`; cases from elsewhere are ignored); each
    /// case that moves takes `cancel_check_in` and `book_check_in` at its new slot. All or
    /// nothing: if one case refuses, its error (with its `case_id`) is returned and no case
    /// and no slot has changed. Returns a booking for each case that moved.
    pub fn regroup(&mut self, session: &str, cases: &mut [&mut Case], at: Timestamp) -> Result<Vec<Booking>> {
        let times = self.open_session(session, at)?;
        distinct_case_ids(cases.iter().map(|c| c.case_id()))?;
        let current = self.taken.get(&times.id).cloned().unwrap_or_default();
        let mut contacts: Vec<&str> = Vec::new();
        for t in &current {
            if !contacts.contains(&t.care_contact.as_str()) {
                contacts.push(&t.care_contact);
            }
        }
        // (old index, new slot) for every taken slot, in the new order.
        let layout: Vec<(usize, Taken)> = contacts
            .iter()
            .flat_map(|c| current.iter().filter(move |t| t.care_contact == *c))
            .enumerate()
            .map(|(index, t)| (t.index, Taken { index, ..t.clone() }))
            .collect();
        // Each case that moves, on a copy first.
        let mut moved = Vec::new();
        for (old, new) in &layout {
            let Some(case_id) = new.case_id.as_deref().filter(|_| *old != new.index) else { continue };
            let refused = |e: Error| e.with(Detail::CaseId, case_id);
            let position = cases
                .iter()
                .position(|c| c.case_id() == Some(case_id))
                .ok_or_else(|| refused(Error::invalid("cases", Problem::Missing)))?;
            let Some(case) = cases.get(position) else { continue };
            let mut next = Case::clone(case);
            let (starts_at, _) = self.config.slot_times(&times, new.index);
            let mut effects = next.apply(&inpatient(at, EventKind::CancelCheckIn)).map_err(refused)?.effects;
            effects.extend(next.apply(&book_check_in(at, starts_at)).map_err(refused)?.effects);
            moved.push((position, next, effects, new.index));
        }
        // Every case accepted: commit the slots and the cases together.
        if !layout.is_empty() {
            self.taken.insert(times.id.clone(), layout.into_iter().map(|(_, t)| t).collect());
        }
        let mut bookings = Vec::new();
        for (position, next, effects, index) in moved {
            if let Some(case) = cases.get_mut(position) {
                **case = next;
            }
            bookings.push(Booking { slot: self.slot(&times, index), effects });
        }
        Ok(bookings)
    }
}
