//! One hospital's check-in sessions as a foreign object (docs/sessions.md). Like [`Case`], a
//! mutex inside serialises calls. A call that takes cases locks the planner first, then the
//! cases in the order given; a case given twice is refused before any is locked (locking one
//! mutex twice would deadlock, and changing one case twice in one call has no meaning). A
//! panic poisons every lock held, so the planner and the cases it was changing answer
//! `Internal` from then on.

use std::sync::{Arc, Mutex, MutexGuard};

use utskrivning::{self as engine, Error, Problem, embed};

use crate::case::{Case, timestamp};
use crate::error::{Result, guard};
use crate::types::{Accepted, Booking, SessionAccessEntry, SessionInfo, SessionView, Slot, slots};
use crate::vocab::Role;

/// One hospital's check-in sessions: weekly times, booked slots and the access log of session
/// views. It books and moves cases only through their own events; a refusal changes neither
/// the planner nor a case.
#[derive(uniffi::Object)]
pub struct Planner {
    inner: Mutex<engine::Planner>,
}

impl Planner {
    fn wrap(planner: engine::Planner) -> Arc<Self> {
        Arc::new(Planner { inner: Mutex::new(planner) })
    }

    fn lock(&self) -> Result<MutexGuard<'_, engine::Planner>> {
        self.inner.lock().map_err(|_| embed::Internal::Poisoned.into())
    }
}

/// Locks each case once, in order; a case given twice is refused first.
fn lock_all(cases: &[Arc<Case>]) -> Result<Vec<MutexGuard<'_, engine::Case>>> {
    for (i, case) in cases.iter().enumerate() {
        if cases.get(..i).is_some_and(|earlier| earlier.iter().any(|c| Arc::ptr_eq(c, case))) {
            return Err(Error::invalid("cases", Problem::Duplicate).into());
        }
    }
    cases.iter().map(|c| c.lock()).collect()
}

#[uniffi::export]
impl Planner {
    /// A planner with no bookings, from its configuration JSON: `{"hospital", "slot_minutes",
    /// "times": [{"weekday", "starts", "ends"}]}`. A bad one is `InvalidInput` naming the field.
    #[uniffi::constructor]
    pub fn new(config_json: String) -> Result<Arc<Self>> {
        guard(|| Ok(Planner::wrap(engine::Planner::from_config_json(&config_json)?)))
    }

    /// A planner from a snapshot (`snapshot()`); a tampered or newer one is refused.
    #[uniffi::constructor]
    pub fn restore(snapshot_json: String) -> Result<Arc<Self>> {
        guard(|| Ok(Planner::wrap(engine::Planner::restore(&snapshot_json)?)))
    }

    /// The versioned snapshot: configuration, booked slots and access log (not the cases).
    pub fn snapshot(&self) -> Result<String> {
        guard(|| Ok(self.lock()?.snapshot_json()))
    }

    /// Every session starting in `[from, to)` (RFC 3339; at most a year).
    pub fn sessions_between(&self, from: String, to: String) -> Result<Vec<SessionInfo>> {
        guard(|| {
            let (from, to) = (embed::timestamp("from", &from)?, embed::timestamp("to", &to)?);
            Ok(self.lock()?.sessions_between(from, to)?.into_iter().map(SessionInfo::from).collect())
        })
    }

    /// Every slot of a session (named by its local start, `2026-03-03T13:00`), free ones too.
    pub fn slots(&self, session: String) -> Result<Vec<Slot>> {
        guard(|| Ok(slots(self.lock()?.slots(&session)?)))
    }

    /// The slot the planner holds for a case id, or none.
    pub fn slot_of(&self, case_id: String) -> Result<Option<Slot>> {
        guard(|| Ok(self.lock()?.slot_of(&case_id).map(Slot::from)))
    }

    /// Books a case into a session; the case takes `book_check_in` at the slot's start.
    /// The slot and the case's effects (they send the meeting link).
    pub fn book(&self, session: String, case: Arc<Case>, at: String) -> Result<Booking> {
        guard(|| {
            let at = timestamp(&at)?;
            let mut planner = self.lock()?;
            Ok(planner.book(&session, &mut *case.lock()?, at)?.into())
        })
    }

    /// Moves a booked case to a slot in `session`; its old slot is freed. All or nothing.
    pub fn rebook(&self, session: String, case: Arc<Case>, at: String) -> Result<Booking> {
        guard(|| {
            let at = timestamp(&at)?;
            let mut planner = self.lock()?;
            Ok(planner.rebook(&session, &mut *case.lock()?, at)?.into())
        })
    }

    /// Cancels a case's check-in and frees its slot: the effects, as from `apply`.
    pub fn cancel(&self, case: Arc<Case>, at: String) -> Result<Accepted> {
        guard(|| {
            let at = timestamp(&at)?;
            let mut planner = self.lock()?;
            Ok(planner.cancel(&mut *case.lock()?, at)?.into())
        })
    }

    /// Puts each care contact's slots together, moving only what must move; pass every case
    /// booked in the session. One booking per case that moved.
    pub fn regroup(&self, session: String, cases: Vec<Arc<Case>>, at: String) -> Result<Vec<Booking>> {
        guard(|| {
            let at = timestamp(&at)?;
            let mut planner = self.lock()?;
            let mut held = lock_all(&cases)?;
            let mut refs: Vec<&mut engine::Case> = held.iter_mut().map(|g| &mut **g).collect();
            Ok(planner.regroup(&session, &mut refs, at)?.into_iter().map(Booking::from).collect())
        })
    }

    /// A slot for a care contact (their unit) with no case in the session, for questions.
    pub fn reserve_questions_slot(&self, session: String, care_contact: String, at: String) -> Result<Slot> {
        guard(|| {
            let at = timestamp(&at)?;
            Ok(self.lock()?.reserve_questions_slot(&session, &care_contact, at)?.into())
        })
    }

    /// Frees a care contact's questions slot.
    pub fn release_questions_slot(&self, session: String, care_contact: String) -> Result<()> {
        guard(|| Ok(self.lock()?.release_questions_slot(&session, &care_contact)?))
    }

    /// The session as `role` may see it: inpatient care and social services every slot, a care
    /// contact (`care_contact`: their unit) only their own, municipal care only the slots of
    /// those `cases` where it has a care relationship. Every attempt is logged on the planner.
    pub fn view(
        &self,
        session: String,
        role: Role,
        care_contact: Option<String>,
        at: String,
        cases: Vec<Arc<Case>>,
    ) -> Result<SessionView> {
        guard(|| {
            let at = timestamp(&at)?;
            let mut planner = self.lock()?;
            let held = lock_all(&cases)?;
            let refs: Vec<&engine::Case> = held.iter().map(|g| &**g).collect();
            Ok(planner.view(&session, role.into(), care_contact.as_deref(), at, &refs)?.into())
        })
    }

    /// Every session view, allowed or refused, oldest first.
    pub fn access_log(&self) -> Result<Vec<SessionAccessEntry>> {
        guard(|| Ok(self.lock()?.access_log().iter().cloned().map(SessionAccessEntry::from).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UtskrivningError;
    use crate::vocab::Routine;

    const CONFIG: &str = r#"{"hospital": "h-1", "slot_minutes": 10, "times": [{"weekday": "tuesday", "starts": "13:00", "ends": "14:00"}]}"#;
    const TUESDAY: &str = "2026-03-03T13:00";
    const MONDAY: &str = "2026-03-02T12:00:00Z";

    fn in_planning(id: &str) -> Arc<Case> {
        let case = Case::admit(
            "2026-03-02T08:00:00Z".into(),
            id.into(),
            Routine::ProfessionalCheckIn,
            false,
            None,
            None,
            None,
        )
        .unwrap();
        case.apply(
            r#"{"at":"2026-03-02T08:05:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#
                .into(),
        )
        .unwrap();
        case.apply(
            r#"{"at":"2026-03-02T08:10:00Z","actor":"care_contact","type":"assign_care_contact","unit":"vc-norr"}"#
                .into(),
        )
        .unwrap();
        case
    }

    #[test]
    fn a_booking_books_the_case_and_a_duplicate_list_is_refused_without_deadlock() {
        let planner = Planner::new(CONFIG.into()).unwrap();
        let case = in_planning("c-1");
        let booking = planner.book(TUESDAY.into(), case.clone(), MONDAY.into()).unwrap();
        assert_eq!(booking.slot.case_id.as_deref(), Some("c-1"));
        assert!(case.state().unwrap().contains(r#""starts_at":"2026-03-03T12:00:00Z""#));
        let before = planner.snapshot().unwrap();
        let e = planner.regroup(TUESDAY.into(), vec![case.clone(), case.clone()], MONDAY.into()).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(matches!(&e, UtskrivningError::InvalidInput { details, .. } if details.contains("duplicate")));
        assert_eq!(planner.snapshot().unwrap(), before);
    }
}
