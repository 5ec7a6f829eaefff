//! Kotlin and Swift bindings of `utskrivning`, through uniffi (proc macros, no UDL).
//!
//! A thin, mechanical layer over `utskrivning::embed`: one object for a case ([`Case`]), one
//! for a hospital's check-in sessions ([`Planner`]), [`worklist()`], [`indicators()`] and
//! [`payment_basis()`] over many cases, the spec's words as enums, the core's answers (effects,
//! deadlines, messages, worklist items, slots, access entries, figures, payment rows) as
//! records, a payment model as an enum, and one error enum whose variants are the spec's codes
//! plus `Internal`. JSON text only where the core's document is
//! opaque to an app: events in, snapshots, journals and the state document out. Every exported
//! function runs inside [`error::guard`], so no panic crosses into the JVM or Swift.

uniffi::setup_scaffolding!();

mod case;
mod error;
mod fhir;
mod indicators;
mod labels;
mod planner;
mod types;
mod vocab;
mod worklist;

pub use case::Case;
pub use error::{UtskrivningError, trigger_internal_error};
pub use fhir::from_fhir_task;
pub use indicators::{indicators, payment_basis, payment_preset, payment_presets};
pub use labels::{all_labels, event_fields, label};
pub use planner::Planner;
pub use types::{
    Accepted, AccessEntry, Booking, Deadline, Effect, EstimatedDischarge, EventFields, Figures, IndicatorGroup,
    Indicators, LabelKind, LabelRow, MessageEntry, PaymentModel, PaymentRow, SessionAccessEntry, SessionInfo,
    SessionView, Slot, WorklistItem,
};
pub use vocab::{
    AccessAction, AccessOutcome, AgendaItem, Agreement, CareType, DeadlineKind, DeadlineStatus, ErrorCode, Lang,
    Message, Responsibility, Role, Routine, WorkKind, default_agreement, role_as_str, role_from_str, routine_as_str,
    routine_from_str,
};
pub use worklist::worklist;
