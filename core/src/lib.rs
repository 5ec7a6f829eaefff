//! # utskrivning
//!
//! Swedish discharge coordination under Lag (2017:612) om samverkan vid utskrivning från
//! sluten hälso- och sjukvård, as a typed state machine. One [`Case`] is one patient's
//! inpatient episode; it changes only by [`Event`]s, each accepted (with [`Effect`]s to carry
//! out) or rejected with an [`Error`] whose [`ErrorCode`] is the spec's, leaving the case as it
//! was.
//!
//! The core is pure: no I/O, no clock (time comes in with events and queries), no global
//! state. Bindings for C, Python, Kotlin and Swift wrap this crate.

#![forbid(unsafe_code)]
// No input may reach a panic: the lints that find the ways there are errors in the library.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

// The README's example is compiled and run as a doctest, so it cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

mod vocab;

pub mod access;
pub mod case;
pub mod ctx;
pub mod deadlines;
pub mod effect;
pub mod error;
pub mod explore;
pub mod invariants;
pub mod event;
pub mod labels;
pub mod parse;
pub mod role;
pub mod scenario;
pub mod session;
pub mod snapshot;
pub mod time;
pub mod tracks;

pub use access::{AccessAction, AccessEntry, AccessOutcome};
pub use case::{Accepted, Case};
pub use deadlines::{Agreement, Deadline, DeadlineKind, DeadlineStatus};
pub use effect::{Effect, Message};
pub use error::{Error, ErrorCode, Problem};
pub use event::{AgendaItem, Event, EventKind, EventType, Purpose, SolStatus};
pub use role::{Lang, Role, Routine};
pub use session::{Booking, Planner, PlannerConfig, SessionView, Slot};
pub use time::Timestamp;
pub use tracks::{
    CareRequestState, CheckInState, ColorTrackState, ConsentValue, PhaseState, SipState, SolApplicationState,
};
pub use vocab::Word;
