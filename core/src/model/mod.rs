//! The spec's nouns: roles and routines, events, effects, the agreement, deadlines, the access
//! log's entries, the tracks' state names and the errors. Plain data: no machine, no JSON
//! reading, no labels.

pub mod access;
pub mod agreement;
pub mod deadline;
pub mod effect;
pub mod error;
pub mod error_shapes;
pub mod event;
pub mod role;
pub mod states;
pub mod text;

pub use access::{AccessAction, AccessEntry, AccessOutcome};
pub use agreement::Agreement;
pub use deadline::{Deadline, DeadlineKind, DeadlineStatus};
pub use effect::{Effect, Message, Responsibility};
pub use error::{Detail, Error, ErrorCode, Problem, Result};
pub use error_shapes::{
    Key as DetailKey, KeyType as DetailType, POSITION_KEYS, SHAPES as ERROR_SHAPES, Shape as DetailShape, shapes_of,
};
pub use event::{AgendaItem, CareType, Event, EventKind, EventType, Purpose, SolStatus};
pub use role::{Lang, Role, Routine};
pub use states::{
    CareRequestState, CheckInState, ColorTrackState, ConsentValue, PhaseState, SipState, SolApplicationState,
    state_words, track,
};
