//! # utskrivning
//!
//! Swedish discharge coordination under Lag (2017:612) om samverkan vid utskrivning från
//! sluten hälso- och sjukvård, as a typed state machine. One [`Case`] is one patient's
//! inpatient episode; it changes only by [`Event`]s, each accepted (with [`Effect`]s to carry
//! out) or rejected with an [`Error`] whose [`ErrorCode`] is the spec's, leaving the case as it
//! was. A [`Planner`] keeps a hospital's check-in sessions over many cases.
//!
//! The core is pure: no I/O, no clock (time comes in with events and queries), no global
//! state, no personal identity number. Bindings for C, Python, Kotlin and Swift wrap this
//! crate through [`embed`], the one surface their shared policies live in.
//!
//! The modules read bottom-up, and `cargo xtask lint` enforces it: `vocab` and `time` →
//! `model` (the spec's nouns) → `machine` (the tracks, on statig) and `wire` (JSON in) →
//! `case` (the check order, access, deadlines, snapshots) → `planner`, `worklist`,
//! `indicators` (many cases) and `fhir` (a case in HL7 FHIR R4) → `labels` → `embed`.

#![forbid(unsafe_code)]
// No input may reach a panic: the lints that find the ways there are errors in the library.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

// The README's example is compiled and run as a doctest, so it cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

mod case;
pub mod fhir;
mod indicators;
mod labels;
mod machine;
mod model;
mod planner;
mod time;
mod vocab;
mod wire;
mod worklist;

pub mod embed;

#[cfg(feature = "conformance")]
pub mod conformance;

pub use case::{
    Accepted, BINARY_SNAPSHOT_TAG, BINARY_SNAPSHOT_VERSION, Case, Restore, SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
};
pub use fhir::{from_fhir_task, to_fhir};
pub use indicators::{
    Discharge, Figures, IndicatorGroup, Indicators, PAYMENT_PRESETS, PaymentModel, PaymentRow, indicators,
    indicators_of, payment_basis, payment_basis_of,
};
pub use labels::{Label, LabelRow};
pub use machine::{
    Admission, AdmissionNotice, AgendaRecord, Assigned, Coordination, FollowUp, MUST_AGREE, Overrun, RED_TRACK_PLACE,
};
pub use model::{
    AccessAction, AccessEntry, AccessOutcome, AgendaItem, Agreement, CareRequestState, CareType, CheckInState,
    ColorTrackState, ConsentValue, Deadline, DeadlineKind, DeadlineStatus, Detail, DetailKey, DetailShape, DetailType,
    ERROR_SHAPES, Effect, Error, ErrorCode, Event, EventKind, EventType, Lang, Message, POSITION_KEYS, PhaseState,
    Problem, Purpose, Responsibility, Result, Role, Routine, SipState, SolApplicationState, SolStatus, shapes_of,
};
pub use planner::{
    Booking, PLANNER_SNAPSHOT_FORMAT, PLANNER_SNAPSHOT_VERSION, Planner, PlannerConfig, SessionAccessEntry,
    SessionInfo, SessionView, Slot, Weekday, WeeklyTime,
};
pub use time::{CivilDate, Timestamp};
pub use vocab::{UnknownWord, Word};
pub use worklist::{WorkKind, WorklistItem, worklist};
