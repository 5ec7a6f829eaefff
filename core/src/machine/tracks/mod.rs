//! The case's tracks, each a statig machine that carries its own transitions, guards and
//! actions (spec: Tracks): a handler that accepts an event also sends that event's messages
//! and hands on what it moves in other tracks, through the context. A track mutates only when
//! it accepts; a rejection is written to the context and the track is left as it was.

pub mod care_request;
pub mod check_in;
pub mod color_track;
pub mod consent;
pub mod coordination;
pub mod follow_ups;
pub mod messages;
pub mod phase;
pub mod sip;
pub mod sol_application;
