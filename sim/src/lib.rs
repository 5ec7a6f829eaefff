//! A population simulator of discharge coordination: stories of cases drawn from a region's
//! parameters and a seed, every event applied by the utskrivning engine (no shortcut around its
//! rules), and the national follow-up's indicators and each municipality's payment basis
//! computed from the simulated cases by the engine's own functions. docs/simulation.md says
//! which parameters are calibrated to published figures and which are assumptions.
//!
//! Outside the core on purpose: the core is pure (no threads, no clock); this crate runs cases
//! on every core with rayon.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

mod calendar;
mod params;
mod presets;
mod rng;
mod run;
mod story;

pub use params::{ByCareType, MAX_CASES, Municipality, Params, Probabilities, ReadyWait};
pub use presets::{REGIONS, YEARS};
pub use run::{CaseRow, Plan, SimError, Simulation, Summary, WARM_UP_DAYS, simulate};
