//! Where a case goes in a session. A booked time never moves because of someone else's
//! booking (its care contact has been sent it), so a care contact's cases are kept next to
//! each other by where each new one is put, not by shifting others.

use serde::{Deserialize, Serialize};

/// A taken slot: a care contact with a case, or with no case (a questions slot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct Taken {
    pub index: usize,
    pub care_contact: String,
    /// `None`: the care contact has no case in the session but joins for questions (seed 000:
    /// "a party with no current case still joins").
    pub case_id: Option<String>,
}

/// The slot for one more of `care_contact`'s cases among `taken` (of `slots` in all), or
/// `None` when the session is full. In order:
/// 1. `questions_slot_taken_over`: the care contact's questions slot, now for a case;
/// 2. `next_to_own_block`: the free slot right after the care contact's last slot, else
///    right before their first;
/// 3. `after_the_last_taken`: the first free slot after every taken one (a new block);
/// 4. `first_free`: any free slot (a hole a cancellation left).
pub(crate) fn choose(taken: &[&Taken], slots: usize, care_contact: &str) -> Option<usize> {
    let is_free = |i: usize| i < slots && taken.iter().all(|t| t.index != i);
    let own: Vec<usize> = taken.iter().filter(|t| t.care_contact == care_contact).map(|t| t.index).collect();
    let questions_slot = taken.iter().find(|t| t.care_contact == care_contact && t.case_id.is_none());
    if let Some(t) = questions_slot {
        return Some(t.index);
    }
    let after_own = own.iter().max().map(|i| i.saturating_add(1)).filter(|i| is_free(*i));
    let before_own = own.iter().min().and_then(|i| i.checked_sub(1)).filter(|i| is_free(*i));
    let after_last = taken.iter().map(|t| t.index.saturating_add(1)).max().unwrap_or(0);
    after_own
        .or(before_own)
        .or_else(|| (after_last..slots).find(|i| is_free(*i)))
        .or_else(|| (0..slots).find(|i| is_free(*i)))
}
