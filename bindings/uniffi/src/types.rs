//! The core's answers as foreign records and enums, so Kotlin and Swift read fields instead of
//! parsing JSON. Times are RFC 3339 text and days `YYYY-MM-DD`, as in the core's JSON; each
//! conversion destructures the core's type, so a field added there fails to compile here.

use utskrivning as engine;

use crate::vocab::{
    AccessAction, AccessOutcome, AgendaItem, CareType, DeadlineKind, DeadlineStatus, ErrorCode, Message,
    Responsibility, Role, WorkKind,
};

/// Counts and indexes are `usize` in the core; uniffi has none, and none comes near `u32::MAX`.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn roles(list: Vec<engine::Role>) -> Vec<Role> {
    list.into_iter().map(Role::from).collect()
}

/// The estimated day of discharge a message carries (`admission_notice`,
/// `estimated_discharge_changed`). A record rather than a bare optional day, so the three forms
/// of the core's JSON stay apart: no record (the key absent, any other message), a record with
/// no `date` (`null`: an admission notice sent before a date was set), and a record with one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EstimatedDischarge {
    /// `YYYY-MM-DD`, or none when no date is set.
    pub date: Option<String>,
}

/// What an accepted event asks of the embedding system, or what moved (spec: Effects).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Effect {
    /// A message to send to these roles (each once, in the spec's Roles order). The case keeps
    /// it under `id` (`m1`, `m2`, …), by which a recipient acknowledges it (the
    /// `acknowledge_message` event). `meeting_at` for `sip_invitation` and `check_in_booked`;
    /// `estimated_discharge` for `admission_notice` and `estimated_discharge_changed`.
    Notify {
        id: String,
        message: Message,
        to: Vec<Role>,
        meeting_at: Option<String>,
        estimated_discharge: Option<EstimatedDischarge>,
    },
    /// A responsibility passed from one role to another on a Stockholm day.
    ResponsibilityMoved { responsibility: Responsibility, from: Role, to: Role, on: String },
    /// The patient is enrolled in municipal home health care.
    EnrolledInHomeHealthCare,
    /// The payment clock started; payment responsibility begins on this day.
    PaymentClockStarted { begins_on: String },
    /// The payment clock stopped.
    PaymentClockStopped,
    /// A track changed state (`track` is its path in the state document).
    StateChanged { track: String, from: String, to: String },
    /// Warning: an agenda item ran past its timebox.
    Overrun { item: AgendaItem, timebox_minutes: i64, minutes: i64 },
}

impl From<engine::Effect> for Effect {
    fn from(e: engine::Effect) -> Self {
        use engine::Effect as E;
        match e {
            E::Notify { id, message, to, meeting_at, estimated_discharge } => Effect::Notify {
                id,
                message: message.into(),
                to: roles(to),
                meeting_at: meeting_at.map(|t| t.to_string()),
                estimated_discharge: estimated_discharge
                    .map(|date| EstimatedDischarge { date: date.map(|d| d.to_string()) }),
            },
            E::ResponsibilityMoved { responsibility, from, to, on } => Effect::ResponsibilityMoved {
                responsibility: responsibility.into(),
                from: from.into(),
                to: to.into(),
                on: on.to_string(),
            },
            E::EnrolledInHomeHealthCare => Effect::EnrolledInHomeHealthCare,
            E::PaymentClockStarted { begins_on } => Effect::PaymentClockStarted { begins_on: begins_on.to_string() },
            E::PaymentClockStopped => Effect::PaymentClockStopped,
            E::StateChanged { track, from, to } => {
                Effect::StateChanged { track: track.into(), from: from.into(), to: to.into() }
            }
            E::Overrun { item, timebox_minutes, minutes } => {
                Effect::Overrun { item: item.into(), timebox_minutes, minutes }
            }
        }
    }
}

fn effects(list: Vec<engine::Effect>) -> Vec<Effect> {
    list.into_iter().map(Effect::from).collect()
}

/// An accepted event's answer: its effects, in the order they happened.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Accepted {
    pub effects: Vec<Effect>,
}

impl From<engine::Accepted> for Accepted {
    fn from(a: engine::Accepted) -> Self {
        let engine::Accepted { effects: list } = a;
        Accepted { effects: effects(list) }
    }
}

/// One obligation at the asked time (spec: Deadlines).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub owner: Role,
    pub due: String,
    pub status: DeadlineStatus,
    /// When the obligation arose (the event that started its clock).
    pub since: String,
    /// When it was met (possibly after `due`).
    pub met_at: Option<String>,
    /// Payment responsibility only: the days the municipality pays for.
    pub days: Option<u32>,
    /// Payment responsibility only: `days` × the agreement's daily amount.
    pub amount_sek: Option<u64>,
}

impl From<engine::Deadline> for Deadline {
    fn from(d: engine::Deadline) -> Self {
        let engine::Deadline { kind, owner, since, due, status, met_at, days, amount_sek } = d;
        Deadline {
            kind: kind.into(),
            owner: owner.into(),
            due: due.to_string(),
            status: status.into(),
            since: since.to_string(),
            met_at: met_at.map(|t| t.to_string()),
            days,
            amount_sek,
        }
    }
}

/// One attempt to view a case, allowed or refused (`code` says why it was refused).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccessEntry {
    pub at: String,
    pub role: Role,
    pub action: AccessAction,
    pub outcome: AccessOutcome,
    pub code: Option<ErrorCode>,
}

impl From<engine::AccessEntry> for AccessEntry {
    fn from(a: engine::AccessEntry) -> Self {
        let engine::AccessEntry { at, role, action, outcome, code } = a;
        AccessEntry {
            at: at.to_string(),
            role: role.into(),
            action: action.into(),
            outcome: outcome.into(),
            code: code.map(ErrorCode::from),
        }
    }
}

/// One message the case sent (the state's `messages`), with who of its recipients has
/// acknowledged it, in the order they did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MessageEntry {
    /// `m1`, `m2`, …: what `acknowledge_message` names.
    pub id: String,
    pub message: Message,
    /// When it was sent (the event's time).
    pub at: String,
    /// The recipients, in the spec's Roles order.
    pub to: Vec<Role>,
    /// The recipients that acknowledged it, in the order they did.
    pub acknowledged: Vec<Role>,
}

/// One thing a role has to do (spec: Worklists).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WorklistItem {
    pub case_id: String,
    pub kind: WorkKind,
    /// The JSON's `ref`: the message's id, the question's id or the deadline's kind; none for
    /// the other kinds.
    pub reference: Option<String>,
    /// When the item arose (the event that made it).
    pub since: String,
    /// When it is due; none where nothing is due.
    pub due: Option<String>,
    /// The asked time is later than `due`.
    pub overdue: bool,
}

impl From<engine::WorklistItem> for WorklistItem {
    fn from(w: engine::WorklistItem) -> Self {
        let engine::WorklistItem { case_id, kind, reference, since, due, overdue } = w;
        WorklistItem {
            case_id,
            kind: kind.into(),
            reference,
            since: since.to_string(),
            due: due.map(|t| t.to_string()),
            overdue,
        }
    }
}

/// One slot of a check-in session.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Slot {
    pub session: String,
    pub index: u32,
    pub starts_at: String,
    pub ends_at: String,
    /// The care contact's unit; none for a free slot.
    pub care_contact: Option<String>,
    /// None for a free slot or a questions slot.
    pub case_id: Option<String>,
}

impl From<engine::Slot> for Slot {
    fn from(s: engine::Slot) -> Self {
        let engine::Slot { session, index, starts_at, ends_at, care_contact, case_id } = s;
        Slot {
            session,
            index: count(index),
            starts_at: starts_at.to_string(),
            ends_at: ends_at.to_string(),
            care_contact,
            case_id,
        }
    }
}

pub(crate) fn slots(list: Vec<engine::Slot>) -> Vec<Slot> {
    list.into_iter().map(Slot::from).collect()
}

/// A session of the weekly times, with how many of its slots are free.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionInfo {
    pub session: String,
    pub starts_at: String,
    pub ends_at: String,
    pub slots: u32,
    pub free: u32,
}

impl From<engine::SessionInfo> for SessionInfo {
    fn from(s: engine::SessionInfo) -> Self {
        let engine::SessionInfo { session, starts_at, ends_at, slots, free } = s;
        SessionInfo {
            session,
            starts_at: starts_at.to_string(),
            ends_at: ends_at.to_string(),
            slots: count(slots),
            free: count(free),
        }
    }
}

/// An accepted booking: the slot and the case's effects (the meeting link to send).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Booking {
    pub slot: Slot,
    pub effects: Vec<Effect>,
}

impl From<engine::Booking> for Booking {
    fn from(b: engine::Booking) -> Self {
        let engine::Booking { slot, effects: list } = b;
        Booking { slot: slot.into(), effects: effects(list) }
    }
}

/// A session as one party may see it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionView {
    pub session: String,
    pub starts_at: String,
    pub ends_at: String,
    pub slot_minutes: u32,
    pub slots: Vec<Slot>,
}

impl From<engine::SessionView> for SessionView {
    fn from(v: engine::SessionView) -> Self {
        let engine::SessionView { session, starts_at, ends_at, slot_minutes, slots: list } = v;
        SessionView {
            session,
            starts_at: starts_at.to_string(),
            ends_at: ends_at.to_string(),
            slot_minutes,
            slots: slots(list),
        }
    }
}

/// One attempt to view a session, allowed or refused.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionAccessEntry {
    pub at: String,
    pub role: Role,
    pub session: String,
    pub outcome: AccessOutcome,
    pub code: Option<ErrorCode>,
}

impl From<engine::SessionAccessEntry> for SessionAccessEntry {
    fn from(a: engine::SessionAccessEntry) -> Self {
        let engine::SessionAccessEntry { at, role, session, outcome, code } = a;
        SessionAccessEntry {
            at: at.to_string(),
            role: role.into(),
            session,
            outcome: outcome.into(),
            code: code.map(ErrorCode::from),
        }
    }
}

/// A word's display labels.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LabelRow {
    /// The spec's name (`care_contact`).
    pub word: String,
    pub sv: String,
    pub en: String,
}

/// One kind of word (`role`, `error`, ...) with every word's labels.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LabelKind {
    pub kind: String,
    pub words: Vec<LabelRow>,
}

/// One event type with its own fields (beside `at`, `actor` and `type`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EventFields {
    pub event_type: String,
    pub fields: Vec<String>,
}

/// The figures of one set of discharges (the period's, or one group's; spec: Indicators and
/// the payment basis). Nothing is rounded; a share or mean over no cases is none.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Figures {
    /// Cases discharged in the period.
    pub discharges: u64,
    /// Of them, those discharged on the day of their ready notice (0 ready days).
    pub same_day: u64,
    /// `same_day ÷ discharges`; none when there are no discharges.
    pub same_day_share: Option<f64>,
    /// Discharges with at least one ready day.
    pub episodes_with_days: u64,
    /// The ready days of every discharge, summed.
    pub ready_days_total: u64,
    /// `ready_days_total ÷ episodes_with_days` (same-day discharges are not in the mean); none
    /// when there are none.
    pub mean_ready_days: Option<f64>,
    /// `ready_days_total ÷` the days of the period: the beds held by ready patients per day.
    pub beds_per_day: f64,
}

impl From<engine::Figures> for Figures {
    fn from(f: engine::Figures) -> Self {
        let engine::Figures {
            discharges,
            same_day,
            same_day_share,
            episodes_with_days,
            ready_days_total,
            mean_ready_days,
            beds_per_day,
        } = f;
        Figures {
            discharges,
            same_day,
            same_day_share,
            episodes_with_days,
            ready_days_total,
            mean_ready_days,
            beds_per_day,
        }
    }
}

/// One (municipality, care type) group's figures (the JSON's figures beside the two keys).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct IndicatorGroup {
    /// The home municipality's code; none for cases admitted without one.
    pub municipality: Option<String>,
    pub care_type: CareType,
    pub figures: Figures,
}

impl From<engine::IndicatorGroup> for IndicatorGroup {
    fn from(g: engine::IndicatorGroup) -> Self {
        let engine::IndicatorGroup { municipality, care_type, figures } = g;
        IndicatorGroup { municipality, care_type: care_type.into(), figures: figures.into() }
    }
}

/// The indicators of a period `[from, to)` (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Indicators {
    pub from: String,
    pub to: String,
    /// The days of the period, `to − from` (the divisor of `beds_per_day`).
    pub days: u64,
    pub overall: Figures,
    /// Sorted by municipality code (none last), then somatic before psychiatric; only groups
    /// with a discharge in the period.
    pub groups: Vec<IndicatorGroup>,
}

impl From<engine::Indicators> for Indicators {
    fn from(i: engine::Indicators) -> Self {
        let engine::Indicators { from, to, days, overall, groups } = i;
        Indicators {
            from: from.to_string(),
            to: to.to_string(),
            days,
            overall: overall.into(),
            groups: groups.into_iter().map(IndicatorGroup::from).collect(),
        }
    }
}

/// One municipality's payment basis for the period. The last three are the average model's
/// only (none under the individual model).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PaymentRow {
    /// The home municipality's code; none for cases admitted without one.
    pub municipality: Option<String>,
    pub discharges: u64,
    /// The days charged (individual: the cases' payment days; average: `excess_days +
    /// individual_days`).
    pub payable_days: f64,
    /// `payable_days × daily_amount_sek` (the model's amount), not rounded.
    pub amount_sek: f64,
    /// Cases charged individually (more ready days than `individual_after_days`).
    pub individual_cases: Option<u64>,
    /// `Σ (ready days − individual_after_days)` over those cases.
    pub individual_days: Option<f64>,
    /// `max(0, Σ ready days − threshold_days × their number)` over the cases in the average.
    pub excess_days: Option<f64>,
}

impl From<engine::PaymentRow> for PaymentRow {
    fn from(r: engine::PaymentRow) -> Self {
        let engine::PaymentRow {
            municipality,
            discharges,
            payable_days,
            amount_sek,
            individual_cases,
            individual_days,
            excess_days,
        } = r;
        PaymentRow {
            municipality,
            discharges,
            payable_days,
            amount_sek,
            individual_cases,
            individual_days,
            excess_days,
        }
    }
}

/// How the payment basis is counted (docs/payment.md). Every number must be finite and ≥ 0 and
/// may be fractional; the core checks it (`InvalidInput` naming the field, `out_of_range`).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Enum)]
pub enum PaymentModel {
    /// The law's rule: each case's payment days as its own agreement counts them.
    Individual { daily_amount_sek: f64 },
    /// A region's model on a municipality's average ready days: cases with more than
    /// `individual_after_days` (when set) are charged the days above it alone; over the rest
    /// (0-day cases only when `include_same_day`) the days above `threshold_days` each.
    Average { threshold_days: f64, include_same_day: bool, individual_after_days: Option<f64>, daily_amount_sek: f64 },
}

impl From<PaymentModel> for engine::PaymentModel {
    fn from(m: PaymentModel) -> Self {
        match m {
            PaymentModel::Individual { daily_amount_sek } => engine::PaymentModel::Individual { daily_amount_sek },
            PaymentModel::Average { threshold_days, include_same_day, individual_after_days, daily_amount_sek } => {
                engine::PaymentModel::Average {
                    threshold_days,
                    include_same_day,
                    individual_after_days,
                    daily_amount_sek,
                }
            }
        }
    }
}

impl From<engine::PaymentModel> for PaymentModel {
    fn from(m: engine::PaymentModel) -> Self {
        match m {
            engine::PaymentModel::Individual { daily_amount_sek } => PaymentModel::Individual { daily_amount_sek },
            engine::PaymentModel::Average {
                threshold_days,
                include_same_day,
                individual_after_days,
                daily_amount_sek,
            } => PaymentModel::Average { threshold_days, include_same_day, individual_after_days, daily_amount_sek },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The record's fields, written as the core writes its JSON: what the Kotlin driver's
    /// policies file writes too.
    fn effect_json(e: &Effect) -> Value {
        match e {
            Effect::Notify { id, message, to, meeting_at, estimated_discharge } => {
                let mut v = json!({"type": "notify", "id": id, "message": engine::Message::from(*message).as_str(),
                    "to": to.iter().map(|r| engine::Role::from(*r).as_str()).collect::<Vec<_>>()});
                if let Some(map) = v.as_object_mut() {
                    if let Some(at) = meeting_at {
                        map.insert("meeting_at".into(), json!(at));
                    }
                    if let Some(EstimatedDischarge { date }) = estimated_discharge {
                        map.insert("estimated_discharge".into(), json!(date));
                    }
                }
                v
            }
            Effect::StateChanged { track, from, to } => {
                json!({"type": "state_changed", "track": track, "from": from, "to": to})
            }
            other => json!(format!("{other:?}")),
        }
    }

    /// Applies each event in turn, checking the typed effects write the core's JSON exactly.
    fn same_json(events: &[&str]) {
        let (mut case, _) = engine::embed::admit("2026-03-02T08:00:00Z", "c-1", "professional_check_in", false, None)
            .unwrap_or_else(|e| panic!("{e:?}"));
        for event in events {
            let accepted = case.apply_json(event).unwrap_or_else(|e| panic!("{e:?}"));
            let core = engine::embed::accepted_json(&accepted);
            let mine = Accepted::from(accepted);
            let written: Vec<Value> = mine.effects.iter().map(effect_json).collect();
            assert_eq!(json!({"effects": written}), core, "{event}");
        }
    }

    #[test]
    fn effects_carry_what_the_core_json_says() {
        // An admission notice with no date (`null`), then a date set (a date), then a message
        // without the key (absent): the three forms the record keeps apart.
        same_json(&[
            r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["social_services","care_contact"]}"#,
            r#"{"at":"2026-03-02T10:00:00Z","actor":"inpatient","type":"set_estimated_discharge","date":"2026-03-09"}"#,
            r#"{"at":"2026-03-02T11:00:00Z","actor":"care_contact","type":"send_administrative_message","to":["inpatient"],"text":"x"}"#,
        ]);
    }

    #[test]
    fn an_admission_notice_after_a_date_carries_it() {
        same_json(&[
            r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"set_estimated_discharge","date":"2026-03-09"}"#,
            r#"{"at":"2026-03-02T10:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#,
        ]);
    }

    #[test]
    fn times_are_rfc_3339_and_days_iso() {
        let d = engine::embed::timestamp("at", "2026-03-02T09:00:00Z").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(d.to_string(), "2026-03-02T09:00:00Z");
        let e =
            Effect::from(engine::Effect::PaymentClockStarted { begins_on: engine::CivilDate::constant(2026, 3, 5) });
        assert_eq!(e, Effect::PaymentClockStarted { begins_on: "2026-03-05".into() });
    }
}
