//! Kotlin and Swift bindings of `utskrivning`, through uniffi (proc macros, no UDL).
//!
//! A thin, mechanical layer: one object for a case ([`Case`]), one for a hospital's check-in
//! sessions ([`Planner`]), the spec's roles and routines
//! as enums, one error enum whose variants are the spec's codes, and JSON text wherever the core
//! speaks JSON (events, effects, views, snapshots, deadlines). Every exported function runs
//! inside [`error::guard`], so no panic crosses into the JVM or Swift.

uniffi::setup_scaffolding!();

mod case;
mod error;
mod labels;
mod planner;
mod vocab;

pub use case::Case;
pub use error::UtskrivningError;
pub use labels::{all_labels, label};
pub use planner::Planner;
pub use vocab::{
    Agreement, Lang, Role, Routine, default_agreement, role_as_str, role_from_str, routine_as_str, routine_from_str,
};
