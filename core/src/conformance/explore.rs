//! Breadth-first exploration of the cases reachable from admission, with a finite alphabet of
//! events and actors. It feeds the exhaustive test (every state, event and actor answers Ok or a
//! spec code) and the statechart diagrams, which are drawn from the transitions the running
//! machine actually takes (statig's transitions live in handler code: no macro can draw them).

use std::collections::{BTreeSet, HashSet, VecDeque};

use crate::case::{Accepted, Case};
use crate::model::event::FieldReader;
use crate::model::{
    AgendaItem, Agreement, Effect, Event, EventKind, EventType, Purpose, Result, Role, Routine, SolStatus,
};
use crate::time::Timestamp;
use crate::vocab::Word;

/// One transition a track took: `from` → `to` in `track`, taken by `event`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Transition {
    pub track: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub event: EventType,
}

/// What an exploration found.
#[derive(Debug, Clone, Default)]
pub struct Exploration {
    /// Distinct case states reached (admitted cases; the empty case not counted).
    pub states: usize,
    /// Events tried (state × alphabet).
    pub attempts: usize,
    /// The deepest level completed.
    pub depth: usize,
    /// Every transition taken, per track.
    pub transitions: BTreeSet<Transition>,
    /// Every (track state, event, actor) triple that was accepted somewhere.
    pub accepted: BTreeSet<(&'static str, &'static str, EventType, Role)>,
}

/// The time every explored event carries: equal times never go backwards, so order alone
/// decides, and a SIP meeting at the same instant may be held.
pub fn explore_time() -> Timestamp {
    Timestamp::from_second(1_772_438_400).unwrap_or(Timestamp::UNIX_EPOCH) // 2026-03-02T08:00:00Z
}

/// The events tried in every state: each event type with well-formed fields, the variants
/// its guards tell apart (a green track, a missing party, a blank text, …), by every role.
pub fn alphabet() -> Vec<Event> {
    let at = explore_time();
    let t = |s: &str| s.to_string();
    let three = vec![Role::Inpatient, Role::CareContact, Role::SocialServices];
    use EventKind as K;
    let kinds = vec![
        K::SendAdmissionNotice { to: vec![Role::CareContact, Role::SocialServices] },
        K::AssignCareContact { unit: t("VC Norr") },
        K::AssignCareContact { unit: t(" ") },
        K::AddRehabParty { provider: t("Rehab Syd") },
        K::MarkReadyForDischarge,
        K::UnmarkReadyForDischarge,
        K::Discharge,
        K::CloseCase,
        K::Cancel { reason: t("died") },
        K::BookCheckIn { starts_at: at, remote: true },
        K::CancelCheckIn,
        K::StartCheckIn,
        K::StartItem { item: AgendaItem::Opening },
        K::StartItem { item: AgendaItem::SolApplication },
        K::StartItem { item: AgendaItem::SipConsent },
        K::StartItem { item: AgendaItem::OtherQuestions },
        K::StartItem { item: AgendaItem::Closing },
        K::SkipItem { item: AgendaItem::SolApplication, reason: t("separately") },
        K::SkipItem { item: AgendaItem::SipConsent, reason: t("separately") },
        K::SkipItem { item: AgendaItem::Opening, reason: t("no") },
        K::EndCheckIn,
        K::SendCareRequest { question: t("home care?") },
        K::AcknowledgeCareRequest,
        K::RequestCompletion { missing: vec![t("medication list")] },
        K::RequestCompletion { missing: vec![] },
        K::CompleteCareRequest { supplied: t("attached") },
        K::AcceptCareRequest,
        K::RejectCareRequest { reason: t("not needed") },
        K::CloseCareRequest,
        K::GiveConsent { purpose: Purpose::CareRequest, written_information_given: Some(true) },
        K::GiveConsent { purpose: Purpose::CareRequest, written_information_given: Some(false) },
        K::GiveConsent { purpose: Purpose::Sip, written_information_given: None },
        K::DeclineConsent { purpose: Purpose::CareRequest },
        K::DeclineConsent { purpose: Purpose::Sip },
        K::WithdrawConsent { purpose: Purpose::CareRequest },
        K::WithdrawConsent { purpose: Purpose::Sip },
        K::DecideColorTrack { track: t("red"), agreed_by: three.clone() },
        K::DecideColorTrack { track: t("none"), agreed_by: three.clone() },
        K::DecideColorTrack { track: t("red"), agreed_by: vec![Role::CareContact] },
        K::DecideColorTrack { track: t("green"), agreed_by: three },
        K::ScheduleSip {
            meeting_at: at,
            place: t("hospital"),
            participants: vec![Role::Patient, Role::Inpatient, Role::MunicipalCare, Role::CareContact],
        },
        K::ScheduleSip { meeting_at: at, place: t("home"), participants: vec![Role::Patient, Role::CareContact] },
        K::HoldSip,
        K::RecordSolApplication { status: SolStatus::Applied },
        K::RaiseQuestion { text: t("when do I go home?"), concerns_inpatient: false },
        K::RaiseQuestion { text: t("my medicine?"), concerns_inpatient: true },
        K::AnswerQuestion { id: t("q1") },
        K::AnswerQuestion { id: t("q2") },
        K::Admit {
            case_id: t("again"),
            routine: Routine::ProfessionalCheckIn,
            municipal_care_at_admission: false,
            municipality: None,
            care_type: None,
            agreement: None,
        },
    ];
    with_every_type(kinds)
        .into_iter()
        .flat_map(|kind| Role::ALL.iter().map(move |&actor| Event { at, actor, kind: kind.clone() }))
        .collect()
}

/// The kinds above, and a sample of every event type they lack (its fields read from the table
/// of events by [`Sample`]): an event added to the table is explored without touching this file.
fn with_every_type(mut kinds: Vec<EventKind>) -> Vec<EventKind> {
    for t in EventType::ALL {
        if !kinds.iter().any(|k| k.event_type() == *t) {
            if let Ok(kind) = EventKind::read(*t, &mut Sample) {
                kinds.push(kind);
            }
        }
    }
    kinds
}

/// Well-formed values for every kind of field of the table: texts that say something, the
/// professional roles, the explored time, the first word of each vocabulary.
struct Sample;

impl FieldReader for Sample {
    fn text(&mut self, _: &'static str) -> Result<String> {
        Ok("sample".into())
    }
    fn name(&mut self, _: &'static str) -> Result<String> {
        Ok("q1".into())
    }
    fn texts(&mut self, _: &'static str) -> Result<Vec<String>> {
        Ok(vec!["sample".into()])
    }
    fn roles(&mut self, _: &'static str) -> Result<Vec<Role>> {
        Ok(vec![Role::CareContact, Role::SocialServices])
    }
    fn time(&mut self, _: &'static str) -> Result<Timestamp> {
        Ok(explore_time())
    }
    fn bool(&mut self, _: &'static str) -> Result<bool> {
        Ok(true)
    }
    fn date(&mut self, _: &'static str) -> Result<crate::time::CivilDate> {
        Ok(crate::time::stockholm_date(explore_time()))
    }
    fn opt_word<W: Word>(&mut self, _: &'static str) -> Result<Option<W>> {
        Ok(None)
    }
    fn opt_municipality(&mut self, _: &'static str) -> Result<Option<String>> {
        Ok(None)
    }
    fn opt_bool(&mut self, _: &'static str) -> Result<Option<bool>> {
        Ok(Some(true))
    }
    fn word<W: Word>(&mut self, name: &'static str) -> Result<W> {
        W::WORDS.first().copied().ok_or_else(|| crate::model::Error::invalid(name, crate::model::Problem::EmptyList))
    }
    fn agreement(&mut self, _: &'static str) -> Result<Option<Agreement>> {
        Ok(None)
    }
}

/// [`alphabet`] and the SoL statuses it leaves out (`already_exists`, `declined`): final states
/// of their own track that no other rule looks at, so the exhaustive test spares itself the
/// larger state space, while the diagrams and the coverage report need every state drawn.
pub fn full_alphabet() -> Vec<Event> {
    let at = explore_time();
    let extra = [SolStatus::AlreadyExists, SolStatus::Declined].into_iter().flat_map(|status| {
        Role::ALL.iter().map(move |&actor| Event { at, actor, kind: EventKind::RecordSolApplication { status } })
    });
    alphabet().into_iter().chain(extra).collect()
}

/// The roots: a case just admitted under `routine`, with and without municipal care at
/// admission.
pub fn roots(routine: Routine) -> Vec<Case> {
    [false, true]
        .into_iter()
        .filter_map(|mc| Case::admit(explore_time(), "explore", routine, mc, None).ok().map(|(c, _)| c))
        .collect()
}

/// Explores breadth-first from the roots to `max_depth` events after admission. `visit` sees
/// every attempt: the case before, the event, the answer, the case after, and whether the case
/// after is a state not reached before.
pub fn explore(
    routine: Routine,
    max_depth: usize,
    visit: impl FnMut(&Case, &Event, &Result<Accepted>, &Case, bool),
) -> Exploration {
    explore_with(routine, max_depth, &alphabet(), visit)
}

/// [`explore`] with another alphabet (e.g. [`full_alphabet`]).
pub fn explore_with(
    routine: Routine,
    max_depth: usize,
    alphabet: &[Event],
    mut visit: impl FnMut(&Case, &Event, &Result<Accepted>, &Case, bool),
) -> Exploration {
    let mut seen: HashSet<Key> = HashSet::new();
    let mut queue: VecDeque<(Case, usize)> = VecDeque::new();
    let mut found = Exploration::default();
    for root in roots(routine) {
        if seen.insert(key(&root)) {
            queue.push_back((root, 0));
        }
    }
    found.transitions.insert(Transition {
        track: "phase",
        from: "not_admitted",
        to: "admitted",
        event: EventType::Admit,
    });
    while let Some((case, depth)) = queue.pop_front() {
        found.depth = found.depth.max(depth);
        if depth >= max_depth {
            continue;
        }
        let names = case.state_names();
        // One working copy per state, cloned again only after an acceptance: a rejection
        // leaves it as it was (which `visit` may check against `case`).
        let mut next = case.clone();
        for event in alphabet {
            found.attempts += 1;
            let answer = next.apply(event);
            let new = answer.is_ok() && seen.insert(key(&next));
            visit(&case, event, &answer, &next, new);
            let Ok(accepted) = answer else { continue };
            let event_type = event.kind.event_type();
            if let Some((own, state)) = own_state_in(&names, &event.kind) {
                found.accepted.insert((own, state, event_type, event.actor));
            }
            for effect in &accepted.effects {
                if let Effect::StateChanged { track, from, to } = effect {
                    found.transitions.insert(Transition { track, from, to, event: event_type });
                }
            }
            let done = std::mem::replace(&mut next, case.clone());
            if new {
                queue.push_back((done, depth + 1));
            }
        }
    }
    found.states = seen.len();
    found
}

/// The event's own track (see [`EventKind::track`]) and that track's state in `case`;
/// `None` for the follow-up questions, a list rather than a track with states. The coverage
/// report keys scenario steps by this, as the exploration keys `accepted`.
pub fn own_state(case: &Case, kind: &EventKind) -> Option<(&'static str, &'static str)> {
    own_state_in(&case.state_names(), kind)
}

fn own_state_in(names: &[(&'static str, &'static str); 8], kind: &EventKind) -> Option<(&'static str, &'static str)> {
    let own = kind.track();
    names.iter().find(|(t, _)| *t == own).copied()
}

/// What tells two explored cases apart for every rule of the spec. Every explored event has the
/// same time, so times never do; the follow-up list is cut after three questions, the most the
/// alphabet can tell apart (it answers `q1` and `q2`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    states: [&'static str; 8],
    flags: [bool; 8],
    agenda: usize,
    coordination: Role,
    follow_ups: Vec<(Role, bool)>,
}

fn key(case: &Case) -> Key {
    let s = case.machine();
    let phase = s.phase_record();
    let check_in = s.check_in_record();
    Key {
        states: case.state_names().map(|(_, state)| state),
        flags: [
            phase.admission_notice.is_some(),
            phase.care_contact.is_some(),
            phase.rehab.is_some(),
            phase.ready_for_discharge_at.is_some(),
            s.care_request_record().enrolled,
            case.municipal_care_has_relationship(),
            check_in.agenda.last().is_some_and(|r| r.skipped),
            s.sip_record().needed_at.is_some(),
        ],
        agenda: check_in.agenda.len(),
        coordination: case.coordination().responsible,
        follow_ups: case.follow_ups().iter().take(3).map(|q| (q.owner, q.resolved)).collect(),
    }
}
