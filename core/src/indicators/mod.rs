//! Indicators and the payment basis (spec: Indicators and the payment basis): figures over many
//! cases, for the national follow-up and for what each municipality owes. Built from each
//! case's public answers (its journal, municipality, care type and deadlines), beside the
//! worklist and the planner: read only, so nothing is logged as a view.
//!
//! A case's *ready days* are the Stockholm date of its discharge minus the Stockholm date of
//! the ready-for-discharge notice in force then (the last `mark_ready_for_discharge` before the
//! discharge, an unmarking in between having withdrawn the earlier one). A case counts in the
//! period `[from, to)` that holds the Stockholm date of its discharge, whatever came after.

mod payment;

use std::collections::BTreeMap;

use jiff::SignedDuration;
use serde::Serialize;

use crate::case::{Case, distinct_case_ids};
use crate::model::{CareType, DeadlineKind, Error, EventKind, Problem, Result};
use crate::time::{CivilDate, Timestamp, stockholm_date};

pub use payment::{PAYMENT_PRESETS, PaymentModel, PaymentRow, payment_basis, payment_basis_of};

/// The figures of one set of discharges (the period's, or one group's).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Figures {
    /// Cases discharged in the period.
    pub discharges: u64,
    /// Of them, those discharged on the day of their ready notice (0 ready days).
    pub same_day: u64,
    /// `same_day ÷ discharges`; `null` when there are no discharges.
    pub same_day_share: Option<f64>,
    /// Discharges with at least one ready day.
    pub episodes_with_days: u64,
    /// The ready days of every discharge, summed.
    pub ready_days_total: u64,
    /// `ready_days_total ÷ episodes_with_days` (same-day discharges are not in the mean, as
    /// the national indicator counts it); `null` when there are none.
    pub mean_ready_days: Option<f64>,
    /// `ready_days_total ÷` the days of the period: the beds held by ready patients per day,
    /// every day of an episode counted in the period of its discharge.
    pub beds_per_day: f64,
}

/// One (municipality, care type) group's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorGroup {
    /// The home municipality's code; `null` for cases admitted without one.
    pub municipality: Option<String>,
    pub care_type: CareType,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The indicators of a period: `{"from", "to", "days", "overall": {figures}, "groups":
/// [{"municipality", "care_type", figures}]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Indicators {
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::CivilDateSchema"))]
    pub from: CivilDate,
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::CivilDateSchema"))]
    pub to: CivilDate,
    /// The days of the period, `to − from` (the divisor of `beds_per_day`).
    pub days: u64,
    pub overall: Figures,
    /// Sorted by municipality code (`null` last), then `somatic` before `psychiatric`; only
    /// groups with at least one discharge in the period.
    pub groups: Vec<IndicatorGroup>,
}

/// One case's discharge as the figures count it: what [`indicators_of`] and
/// [`payment_basis_of`] read, so that a caller holding many cases (a simulator) may keep these
/// few words of each and let the case go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discharge {
    /// The home municipality's code; `null` for a case admitted without one.
    pub municipality: Option<String>,
    pub care_type: CareType,
    /// The Stockholm date of the discharge: the period it counts in.
    pub discharged_on: CivilDate,
    /// The Stockholm date of discharge minus that of the ready notice in force then.
    pub ready_days: u64,
    /// The `days` of the case's `payment_responsibility` deadline once it is discharged: its
    /// payment days as its own agreement counts them, through the discharge day (0 where it
    /// has none).
    pub payment_days: u64,
}

impl Discharge {
    /// The discharge of a case, from its journal and deadlines; `None` for a case not
    /// discharged.
    pub fn of(case: &Case) -> Option<Discharge> {
        let (notice, discharged_at) = discharge_of(case)?;
        Some(Discharge {
            municipality: case.municipality().map(str::to_string),
            care_type: case.care_type(),
            discharged_on: stockholm_date(discharged_at),
            ready_days: ready_days(notice, discharged_at),
            payment_days: payment_days(case, discharged_at),
        })
    }
}

/// The ready notice in force at discharge and the discharge, from the journal: `None` for a
/// case not discharged.
fn discharge_of(case: &Case) -> Option<(Timestamp, Timestamp)> {
    let mut notice = None;
    for event in case.events() {
        match event.kind {
            EventKind::MarkReadyForDischarge => notice = Some(event.at),
            EventKind::UnmarkReadyForDischarge => notice = None,
            // A discharge needs a notice in force (spec: phase); without one it is not counted.
            EventKind::Discharge => return notice.map(|n| (n, event.at)),
            _ => {}
        }
    }
    None
}

/// A case's ready days: the Stockholm date of discharge minus that of the notice in force.
fn ready_days(notice: Timestamp, discharged_at: Timestamp) -> u64 {
    let days = stockholm_date(discharged_at).since(stockholm_date(notice)).map_or(0, |span| span.get_days());
    u64::try_from(days).unwrap_or(0)
}

/// The period's days; `to` not after `from` is `invalid_input` (`to`, `out_of_range`).
pub(crate) fn period_days(from: CivilDate, to: CivilDate) -> Result<u64> {
    if to <= from {
        return Err(Error::invalid("to", Problem::OutOfRange));
    }
    let days = to.since(from).map_or(0, |span| span.get_days());
    u64::try_from(days).map_err(|_| Error::invalid("to", Problem::OutOfRange))
}

/// The checks every figure over many cases makes, in this order: `to` after `from`, then no
/// `case_id` twice.
pub(crate) fn check_input(cases: &[&Case], from: CivilDate, to: CivilDate) -> Result<()> {
    period_days(from, to)?;
    distinct_case_ids(cases.iter().map(|c| c.case_id()))
}

/// The discharges of `cases` on a Stockholm date in `[from, to)`, in the order of `cases`.
pub(crate) fn discharges_in(cases: &[&Case], from: CivilDate, to: CivilDate) -> Vec<Discharge> {
    cases.iter().filter_map(|case| Discharge::of(case)).filter(|d| in_period(d, from, to)).collect()
}

pub(crate) fn in_period(d: &Discharge, from: CivilDate, to: CivilDate) -> bool {
    from <= d.discharged_on && d.discharged_on < to
}

/// The sort key of groups and rows: municipality code, `null` last.
pub(crate) fn municipality_key(m: Option<&str>) -> (bool, &str) {
    (m.is_none(), m.unwrap_or(""))
}

/// A ratio, `null` over nothing.
fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn figures<'a>(discharges: impl IntoIterator<Item = &'a Discharge>, days: u64) -> Figures {
    let (mut count, mut same_day, mut with_days, mut total) = (0u64, 0u64, 0u64, 0u64);
    for e in discharges {
        count += 1;
        if e.ready_days == 0 {
            same_day += 1;
        } else {
            with_days += 1;
        }
        total = total.saturating_add(e.ready_days);
    }
    Figures {
        discharges: count,
        same_day,
        same_day_share: share(same_day, count),
        episodes_with_days: with_days,
        ready_days_total: total,
        mean_ready_days: share(total, with_days),
        beds_per_day: share(total, days).unwrap_or(0.0),
    }
}

/// The national follow-up's figures for the cases discharged on a Stockholm date in
/// `[from, to)`, overall and per (municipality, care type). `to` not after `from` is
/// `invalid_input` (`to`, `out_of_range`), a `case_id` given twice `invalid_input` (`cases`,
/// `duplicate`), both before any case is read. Nothing is logged.
pub fn indicators(cases: &[&Case], from: CivilDate, to: CivilDate) -> Result<Indicators> {
    check_input(cases, from, to)?;
    indicators_of(&discharges_in(cases, from, to), from, to)
}

/// The indicators of discharges already read from their cases ([`Discharge::of`]): those on a
/// date in `[from, to)` count, as [`indicators`] counts them. `to` not after `from` is
/// `invalid_input` (`to`, `out_of_range`).
pub fn indicators_of(discharges: &[Discharge], from: CivilDate, to: CivilDate) -> Result<Indicators> {
    let days = period_days(from, to)?;
    let mut overall = Vec::new();
    let mut groups: BTreeMap<((bool, &str), CareType), Vec<&Discharge>> = BTreeMap::new();
    for d in discharges.iter().filter(|d| in_period(d, from, to)) {
        overall.push(d);
        groups.entry((municipality_key(d.municipality.as_deref()), d.care_type)).or_default().push(d);
    }
    let groups = groups
        .into_iter()
        .map(|(((none, code), care_type), list)| IndicatorGroup {
            municipality: (!none).then(|| code.to_string()),
            care_type,
            figures: figures(list, days),
        })
        .collect();
    Ok(Indicators { from, to, days, overall: figures(overall, days), groups })
}

/// The `days` of a case's `payment_responsibility` deadline once it is discharged.
/// Asked just after the discharge, so that a discharge at the very instant payment begins
/// (00:00 on that day) counts that day, as it does asked at any later time.
fn payment_days(case: &Case, discharged_at: Timestamp) -> u64 {
    let after = discharged_at.checked_add(SignedDuration::from_nanos(1)).unwrap_or(discharged_at);
    case.deadlines(after)
        .iter()
        .find(|d| d.kind == DeadlineKind::PaymentResponsibility)
        .and_then(|d| d.days)
        .map_or(0, u64::from)
}
