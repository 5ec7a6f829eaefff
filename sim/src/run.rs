//! A run: the cases written and applied in parallel (each independent, each drawn from its own
//! stream), one row kept of each, then the indicators and the payment basis computed from the
//! rows' discharges by the engine's own [`utskrivning::indicators_of`] and
//! [`utskrivning::payment_basis_of`].

use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;
use utskrivning::{
    Agreement, CareRequestState, CareType, CivilDate, ColorTrackState, Discharge, Error, Event, EventKind, EventType,
    Figures, Indicators, PaymentRow, PhaseState, Problem, Role, Routine, SipState, indicators_of, payment_basis_of,
};

use crate::calendar::Calendar;
use crate::params::{ByCareType, Params};
use crate::rng::Rng;
use crate::story::{self, Setting};

/// Admissions in the days before the year (so that its first discharges are counted in full).
pub const WARM_UP_DAYS: i64 = 30;

/// What went wrong in a run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    /// A parameter is wrong (`invalid_input` naming it); nothing ran.
    #[error("{0}")]
    Params(Error),
    /// The engine refused an event of a story. A story is meant to be accepted whole: this is a
    /// bug in the story (or the engine), reported with the case and the event.
    #[error("case {case}: event {index} ({event}) refused: {error}")]
    Refused { case: u64, index: usize, event: EventType, error: Error },
}

impl From<Error> for SimError {
    fn from(e: Error) -> Self {
        SimError::Params(e)
    }
}

/// One case as the run leaves it: its setting, what the engine says became of it (the final
/// state of its tracks, read from the case) and its discharge as the indicators count it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseRow {
    /// The case's index in the run (its `case_id` is `sim-<index>`).
    pub index: u64,
    /// Index into the parameters' municipalities.
    pub municipality: u16,
    pub care_type: CareType,
    pub routine: Routine,
    pub municipal_care_at_admission: bool,
    /// Unix seconds.
    pub admitted_at: i64,
    /// The ready notice in force at discharge (Unix seconds), for a discharged case.
    pub ready_at: Option<i64>,
    pub discharged_at: Option<i64>,
    /// [`Discharge::of`]'s Stockholm date of the discharge: the period it counts in.
    pub discharged_on: Option<CivilDate>,
    /// [`Discharge::of`]'s: for a discharged case.
    pub ready_days: Option<u32>,
    pub payment_days: u32,
    pub phase: PhaseState,
    pub care_request: CareRequestState,
    pub color_track: ColorTrackState,
    pub sip: SipState,
    /// The events applied, `admit` included.
    pub events: u32,
}

/// A run's result: the rows (in case order) and the figures over them.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub params: Params,
    pub seed: u64,
    pub rows: Vec<CaseRow>,
    pub summary: Summary,
}

/// The figures of a run, over the discharges in its year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub cases: u64,
    pub events: u64,
    pub indicators: Indicators,
    /// The overall figures of each care type (the national follow-up publishes them apart).
    pub by_care_type: ByCareType<Figures>,
    pub payment_basis: Vec<PaymentRow>,
}

/// Everything a run shares: the parameters, checked, and their calendar.
pub struct Plan {
    params: Params,
    calendar: Calendar,
    /// Cumulative municipality weights.
    weights: Vec<f64>,
    year: (CivilDate, CivilDate),
    /// The first second admissions may have, and the window's length.
    admissions: (i64, i64),
    warm_up: u64,
}

impl Plan {
    pub fn new(params: &Params) -> Result<Plan, SimError> {
        params.validate()?;
        let bad_year = || Error::invalid("year", Problem::OutOfRange);
        let from = CivilDate::new(params.year, 1, 1).map_err(|_| bad_year())?;
        let to = CivilDate::new(params.year + 1, 1, 1).map_err(|_| bad_year())?;
        let first = from.checked_sub(jiff::Span::new().days(WARM_UP_DAYS + 1)).map_err(|_| bad_year())?;
        // Two years of days: far beyond any story's last event (stays and waits are capped).
        let calendar = Calendar::new(first, 800);
        let start = calendar.midnight(1);
        let end = calendar.midnight(1 + WARM_UP_DAYS as usize + 365 + usize::from(from.in_leap_year()));
        let mut total = 0.0;
        let weights = params
            .municipalities
            .iter()
            .map(|m| {
                total += m.weight;
                total
            })
            .collect();
        let warm_up = (params.cases as f64 * WARM_UP_DAYS as f64 / 365.0).round() as u64;
        Ok(Plan {
            params: params.clone(),
            calendar,
            weights,
            year: (from, to),
            admissions: (start, end - start),
            warm_up,
        })
    }

    /// The cases a run writes: the year's admissions and those of the warm-up days.
    pub fn total_cases(&self) -> u64 {
        self.params.cases + self.warm_up
    }

    /// Writes and applies the cases of `range` (indices into the run), in parallel; the rows in
    /// index order.
    pub fn run(&self, seed: u64, range: Range<u64>) -> Result<Vec<CaseRow>, SimError> {
        range.into_par_iter().map(|index| self.case(seed, index)).collect()
    }

    fn case(&self, seed: u64, index: u64) -> Result<CaseRow, SimError> {
        let p = &self.params;
        let mut rng = Rng::for_case(seed, index);
        // Admissions are uniform over the window, in index order (warm-up cases first).
        let total = self.total_cases().max(1);
        let slot = self.admissions.1 as f64 / total as f64;
        let admitted = self.admissions.0 + ((index as f64 + rng.unit()) * slot) as i64;
        let care_type = if rng.chance(p.psychiatric_share) { CareType::Psychiatric } else { CareType::Somatic };
        let routine = if rng.chance(p.individual_check_in_share) {
            Routine::IndividualCheckIn
        } else {
            Routine::ProfessionalCheckIn
        };
        let municipality = rng.pick(&self.weights);
        let setting = Setting {
            routine,
            care_type,
            municipal_care_at_admission: rng.chance(p.probabilities.municipal_care_at_admission),
            admitted,
        };
        let agreement = Agreement {
            payment_days: p.payment_days.of(care_type),
            daily_amount_sek: p.daily_amount_sek,
            ..Agreement::default()
        };
        let admit = Event {
            at: story::time(admitted),
            actor: Role::Inpatient,
            kind: EventKind::Admit {
                case_id: format!("sim-{index}"),
                routine,
                municipal_care_at_admission: setting.municipal_care_at_admission,
                municipality: p.municipalities.get(municipality).map(|m| m.code.clone()),
                care_type: Some(care_type),
                agreement: (agreement != Agreement::default()).then_some(agreement),
            },
        };
        let events = story::write(&mut rng, p, &self.calendar, &setting).into_events();
        let mut case = utskrivning::Case::new();
        for (i, event) in std::iter::once(&admit).chain(&events).enumerate() {
            if let Err(error) = case.apply(event) {
                return Err(SimError::Refused { case: index, index: i, event: event.kind.event_type(), error });
            }
        }
        let discharge = Discharge::of(&case);
        let ready_at = case.ready_for_discharge_at().map(|t| t.as_second());
        let discharged_at = discharge
            .as_ref()
            .and_then(|_| case.events().find(|e| matches!(e.kind, EventKind::Discharge)).map(|e| e.at.as_second()));
        Ok(CaseRow {
            index,
            municipality: u16::try_from(municipality).unwrap_or(u16::MAX),
            care_type,
            routine,
            municipal_care_at_admission: setting.municipal_care_at_admission,
            admitted_at: admitted,
            ready_at: discharge.as_ref().and(ready_at),
            discharged_at,
            discharged_on: discharge.as_ref().map(|d| d.discharged_on),
            ready_days: discharge.as_ref().map(|d| u32::try_from(d.ready_days).unwrap_or(u32::MAX)),
            payment_days: discharge.as_ref().map_or(0, |d| u32::try_from(d.payment_days).unwrap_or(u32::MAX)),
            phase: case.phase(),
            care_request: case.care_request(),
            color_track: case.color_track(),
            sip: case.sip(),
            events: u32::try_from(case.journal_len()).unwrap_or(u32::MAX),
        })
    }

    /// The indicators and the payment basis of the discharges in the year, from the rows.
    pub fn summarize(&self, rows: &[CaseRow]) -> Result<Summary, SimError> {
        let discharges: Vec<Discharge> = rows.iter().filter_map(|r| self.discharge(r)).collect();
        let (from, to) = self.year;
        let of_care_type = |list: &[Discharge], care_type: CareType| -> Result<Figures, SimError> {
            let only: Vec<Discharge> = list.iter().filter(|d| d.care_type == care_type).cloned().collect();
            Ok(indicators_of(&only, from, to)?.overall)
        };
        Ok(Summary {
            cases: rows.len() as u64,
            events: rows.iter().map(|r| u64::from(r.events)).sum(),
            indicators: indicators_of(&discharges, from, to)?,
            by_care_type: ByCareType {
                somatic: of_care_type(&discharges, CareType::Somatic)?,
                psychiatric: of_care_type(&discharges, CareType::Psychiatric)?,
            },
            payment_basis: payment_basis_of(&discharges, from, to, &self.params.payment_model)?,
        })
    }

    /// A row's discharge, as [`Discharge::of`] read it from the case.
    fn discharge(&self, row: &CaseRow) -> Option<Discharge> {
        Some(Discharge {
            municipality: self.params.municipalities.get(usize::from(row.municipality)).map(|m| m.code.clone()),
            care_type: row.care_type,
            discharged_on: row.discharged_on?,
            ready_days: u64::from(row.ready_days?),
            payment_days: u64::from(row.payment_days),
        })
    }
}

/// Simulates a year: every case written from the seed, applied by the engine, and summarized.
/// The same parameters and seed give the same rows and figures on every machine and with any
/// number of threads.
pub fn simulate(params: &Params, seed: u64) -> Result<Simulation, SimError> {
    let plan = Plan::new(params)?;
    let rows = plan.run(seed, 0..plan.total_cases())?;
    let summary = plan.summarize(&rows)?;
    Ok(Simulation { params: params.clone(), seed, rows, summary })
}
