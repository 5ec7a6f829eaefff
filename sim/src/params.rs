//! The parameters of a run, read strictly: a region's preset for a year (src/presets.rs gives
//! each value and its source, or says it is an assumption) with the caller's changes laid over
//! it. A parameter of the wrong type, out of its range, or unknown is `invalid_input` naming it
//! by its path (`probabilities.rejected`, `ready_wait.somatic.mean_days`), before any case runs.

use serde::Serialize;
use serde_json::{Map, Value};
use utskrivning::{CareType, Error, PaymentModel, Problem, Result};

use crate::presets;

/// The probabilities of a story's turns, each per case (none has a public source: every one is
/// an assumption, docs/simulation.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Probabilities {
    /// The patient has municipal health care when admitted (municipal care takes part at once).
    pub municipal_care_at_admission: f64,
    /// The patient needs municipal health care after discharge: a care request is sent.
    pub needs_municipal_care: f64,
    /// The patient declines consent to the care request.
    pub consent_declined: f64,
    /// Municipal care asks for the request to be completed before it decides.
    pub completion_requested: f64,
    /// Municipal care rejects the request.
    pub rejected: f64,
    /// The red track: a SIP at the hospital before discharge.
    pub red_track: f64,
    /// The patient declines consent to a SIP.
    pub sip_consent_declined: f64,
    /// Social services record an application under SoL.
    pub sol_application: f64,
    /// A rehabilitation party (vårdval rehab) is added.
    pub rehab: f64,
    /// The patient or a relative raises a question, answered later.
    pub question: f64,
    /// The ready notice is withdrawn and given again days later.
    pub unmark: f64,
    /// The case is cancelled on the way (never discharged).
    pub cancelled: f64,
    /// The admission notice comes after the law's 24 hours.
    pub late_notice: f64,
    /// Inpatient care sets an estimated discharge date with the admission notice.
    pub estimated_discharge: f64,
}

/// The days from the ready notice to the discharge, of one care type: a share discharged on
/// the day of the notice, the rest after a geometric number of days (1, 2, …) with this mean.
/// These two are what the national follow-up publishes (calibrated, docs/simulation.md).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReadyWait {
    pub same_day: f64,
    pub mean_days: f64,
}

/// A value per care type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ByCareType<T> {
    pub somatic: T,
    pub psychiatric: T,
}

impl<T: Copy> ByCareType<T> {
    pub fn of(&self, care_type: CareType) -> T {
        match care_type {
            CareType::Somatic => self.somatic,
            CareType::Psychiatric => self.psychiatric,
        }
    }
}

/// A municipality the region's patients live in, with its share of the admissions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Municipality {
    /// The four-digit kommunkod.
    pub code: String,
    /// Relative weight (> 0); the shares are the weights over their sum.
    pub weight: f64,
}

/// Everything a run needs, as `simulate` reads it (and `to_json` writes it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Params {
    /// The preset the values were taken from: `national`, `vastra_gotaland`, `stockholm`.
    pub region: String,
    /// The year simulated (a preset's year: 2017 or 2020): admissions through the year (and
    /// the 30 days before it, so that January starts full), discharges counted in it.
    pub year: i16,
    /// The admissions in the year.
    pub cases: u64,
    /// The share of cases under `individual_check_in` (seed 003); the rest are
    /// `professional_check_in` (seed 000).
    pub individual_check_in_share: f64,
    /// The share of psychiatric cases.
    pub psychiatric_share: f64,
    pub municipalities: Vec<Municipality>,
    /// The agreement's `payment_days` per care type (the law: 3).
    pub payment_days: ByCareType<u32>,
    /// The agreement's daily amount, if the region sets one in its agreement.
    pub daily_amount_sek: Option<u32>,
    /// The model the payment basis is counted by (`kind` `individual` or `average`).
    pub payment_model: PaymentModel,
    /// Length of stay from admission to the first ready notice: log-normal (days).
    pub stay_median_days: f64,
    pub stay_sigma: f64,
    pub ready_wait: ByCareType<ReadyWait>,
    pub probabilities: Probabilities,
}

/// The most admissions one run takes (10 million; the national year is 1.3 million).
pub const MAX_CASES: u64 = 10_000_000;

impl Params {
    /// A region's preset for a year: `invalid_input` (`region` or `year`, `unknown_value`, with
    /// the names allowed) for one there is none of.
    pub fn preset(region: &str, year: i64) -> Result<Params> {
        presets::preset(region, year)
    }

    /// Reads parameters from JSON text (see [`Params::from_value`]).
    pub fn from_json(json: &str) -> Result<Params> {
        let value: Value = serde_json::from_str(json).map_err(|_| Error::invalid("params", Problem::NotJson))?;
        Params::from_value(&value)
    }

    /// Reads parameters: `region` (default `national`) and `year` (default 2020) choose the
    /// preset; every other key given replaces the preset's value (an object key by key, so
    /// `{"probabilities": {"rejected": 0.1}}` changes one probability); then every value is
    /// checked.
    pub fn from_value(value: &Value) -> Result<Params> {
        let Value::Object(given) = value else {
            return Err(Error::invalid("params", Problem::NotAnObject));
        };
        let region = match given.get("region") {
            None | Some(Value::Null) => presets::REGIONS[0],
            Some(Value::String(s)) => s.as_str(),
            Some(_) => return Err(Error::invalid("region", Problem::WrongType)),
        };
        let year = match given.get("year") {
            None | Some(Value::Null) => presets::DEFAULT_YEAR,
            Some(Value::Number(n)) => n.as_i64().ok_or_else(|| Error::invalid("year", Problem::WrongType))?,
            Some(_) => return Err(Error::invalid("year", Problem::WrongType)),
        };
        let mut merged = presets::preset(region, year)?.to_json();
        overlay(&mut merged, given, "")?;
        let params = read(&merged)?;
        params.validate()?;
        Ok(params)
    }

    /// The parameters as JSON, every key present: what [`Params::from_value`] reads back.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Every value in its range: probabilities and shares in [0, 1], counts ≥ 0, days and
    /// weights positive; else `invalid_input` naming the parameter (`out_of_range`).
    pub fn validate(&self) -> Result<()> {
        let p = &self.probabilities;
        let unit = [
            ("individual_check_in_share", self.individual_check_in_share),
            ("psychiatric_share", self.psychiatric_share),
            ("ready_wait.somatic.same_day", self.ready_wait.somatic.same_day),
            ("ready_wait.psychiatric.same_day", self.ready_wait.psychiatric.same_day),
            ("probabilities.municipal_care_at_admission", p.municipal_care_at_admission),
            ("probabilities.needs_municipal_care", p.needs_municipal_care),
            ("probabilities.consent_declined", p.consent_declined),
            ("probabilities.completion_requested", p.completion_requested),
            ("probabilities.rejected", p.rejected),
            ("probabilities.red_track", p.red_track),
            ("probabilities.sip_consent_declined", p.sip_consent_declined),
            ("probabilities.sol_application", p.sol_application),
            ("probabilities.rehab", p.rehab),
            ("probabilities.question", p.question),
            ("probabilities.unmark", p.unmark),
            ("probabilities.cancelled", p.cancelled),
            ("probabilities.late_notice", p.late_notice),
            ("probabilities.estimated_discharge", p.estimated_discharge),
        ];
        if let Some((name, _)) = unit.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
            return Err(Error::invalid(name, Problem::OutOfRange));
        }
        // A mean of the days after the notice, for those not discharged the same day, is at
        // least one day; a stay is positive and not absurd.
        let bounded = [
            ("ready_wait.somatic.mean_days", self.ready_wait.somatic.mean_days, 1.0, 120.0),
            ("ready_wait.psychiatric.mean_days", self.ready_wait.psychiatric.mean_days, 1.0, 120.0),
            ("stay_median_days", self.stay_median_days, 0.1, 120.0),
            ("stay_sigma", self.stay_sigma, 0.0, 3.0),
        ];
        if let Some((name, ..)) = bounded.iter().find(|(_, v, lo, hi)| !(lo..=hi).contains(&v)) {
            return Err(Error::invalid(name, Problem::OutOfRange));
        }
        if self.cases > MAX_CASES {
            return Err(Error::invalid("cases", Problem::OutOfRange));
        }
        if self.municipalities.is_empty() {
            return Err(Error::invalid("municipalities", Problem::Missing));
        }
        for (i, m) in self.municipalities.iter().enumerate() {
            if !(m.code.len() == 4 && m.code.bytes().all(|b| b.is_ascii_digit())) {
                return Err(Error::invalid(&format!("municipalities[{i}].code"), Problem::UnknownValue));
            }
            if !(m.weight.is_finite() && m.weight > 0.0) {
                return Err(Error::invalid(&format!("municipalities[{i}].weight"), Problem::OutOfRange));
            }
        }
        for (name, days) in [
            ("payment_days.somatic", self.payment_days.somatic),
            ("payment_days.psychiatric", self.payment_days.psychiatric),
        ] {
            if days > 60 {
                return Err(Error::invalid(name, Problem::OutOfRange));
            }
        }
        self.payment_model.validate().map_err(|e| prefixed(e, "payment_model"))
    }
}

/// An error of a nested reader, its field put under `prefix`.
fn prefixed(e: Error, prefix: &str) -> Error {
    match e.details.get("field").and_then(Value::as_str) {
        Some(field) => {
            let problem = e.details.get("problem").and_then(Value::as_str).and_then(Problem::parse);
            Error::invalid(&format!("{prefix}.{field}"), problem.unwrap_or(Problem::OutOfRange))
        }
        None => e,
    }
}

/// Lays `given` over `base`, key by key into objects; a key `base` does not have is
/// `invalid_input` (`unknown_field`, the key's path). `payment_model` and `municipalities` are
/// replaced whole (a model of another kind has other keys).
fn overlay(base: &mut Value, given: &Map<String, Value>, path: &str) -> Result<()> {
    let Value::Object(base) = base else { return Ok(()) };
    for (key, value) in given {
        let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        let Some(slot) = base.get_mut(key) else {
            return Err(Error::invalid(&here, Problem::UnknownField));
        };
        match value {
            Value::Object(inner) if slot.is_object() && here != "payment_model" => overlay(slot, inner, &here)?,
            _ => *slot = value.clone(),
        }
    }
    Ok(())
}

/// Reads the merged document (every key there, from the preset or the caller).
fn read(v: &Value) -> Result<Params> {
    let r = Reader { v, path: String::new() };
    let p = r.object("probabilities")?;
    let wait = r.object("ready_wait")?;
    let wait = |care: &str| -> Result<ReadyWait> {
        let w = wait.object(care)?;
        Ok(ReadyWait { same_day: w.number("same_day")?, mean_days: w.number("mean_days")? })
    };
    let days = r.object("payment_days")?;
    let municipalities = match r.get("municipalities")? {
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let m = Reader { v: m, path: format!("municipalities[{i}]") };
                m.expect_object()?;
                Ok(Municipality { code: m.string("code")?, weight: m.number("weight")? })
            })
            .collect::<Result<Vec<_>>>()?,
        _ => return Err(Error::invalid("municipalities", Problem::WrongType)),
    };
    let model = PaymentModel::from_value(r.get("payment_model")?).map_err(|e| prefixed(e, "payment_model"))?;
    Ok(Params {
        region: r.string("region")?,
        year: i16::try_from(r.integer("year")?).map_err(|_| Error::invalid("year", Problem::OutOfRange))?,
        cases: r.count("cases")?,
        individual_check_in_share: r.number("individual_check_in_share")?,
        psychiatric_share: r.number("psychiatric_share")?,
        municipalities,
        payment_days: ByCareType { somatic: days.small("somatic")?, psychiatric: days.small("psychiatric")? },
        daily_amount_sek: match r.get("daily_amount_sek")? {
            Value::Null => None,
            _ => Some(r.small("daily_amount_sek")?),
        },
        payment_model: model,
        stay_median_days: r.number("stay_median_days")?,
        stay_sigma: r.number("stay_sigma")?,
        ready_wait: ByCareType { somatic: wait("somatic")?, psychiatric: wait("psychiatric")? },
        probabilities: Probabilities {
            municipal_care_at_admission: p.number("municipal_care_at_admission")?,
            needs_municipal_care: p.number("needs_municipal_care")?,
            consent_declined: p.number("consent_declined")?,
            completion_requested: p.number("completion_requested")?,
            rejected: p.number("rejected")?,
            red_track: p.number("red_track")?,
            sip_consent_declined: p.number("sip_consent_declined")?,
            sol_application: p.number("sol_application")?,
            rehab: p.number("rehab")?,
            question: p.number("question")?,
            unmark: p.number("unmark")?,
            cancelled: p.number("cancelled")?,
            late_notice: p.number("late_notice")?,
            estimated_discharge: p.number("estimated_discharge")?,
        },
    })
}

/// A JSON object at a path, read field by field with the path in every error.
struct Reader<'a> {
    v: &'a Value,
    path: String,
}

impl<'a> Reader<'a> {
    fn name(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    fn expect_object(&self) -> Result<()> {
        match self.v {
            Value::Object(_) => Ok(()),
            _ => Err(Error::invalid(&self.path, Problem::NotAnObject)),
        }
    }

    fn get(&self, key: &str) -> Result<&'a Value> {
        match self.v.get(key) {
            Some(v) => Ok(v),
            None => Err(Error::invalid(&self.name(key), Problem::Missing)),
        }
    }

    fn object(&self, key: &str) -> Result<Reader<'a>> {
        let v = self.get(key)?;
        let r = Reader { v, path: self.name(key) };
        r.expect_object()?;
        Ok(r)
    }

    fn number(&self, key: &str) -> Result<f64> {
        match self.get(key)? {
            Value::Number(n) => {
                n.as_f64().filter(|v| v.is_finite()).ok_or_else(|| Error::invalid(&self.name(key), Problem::OutOfRange))
            }
            Value::Null => Err(Error::invalid(&self.name(key), Problem::Missing)),
            _ => Err(Error::invalid(&self.name(key), Problem::WrongType)),
        }
    }

    fn integer(&self, key: &str) -> Result<i64> {
        match self.get(key)? {
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                n.as_i64().ok_or_else(|| Error::invalid(&self.name(key), Problem::OutOfRange))
            }
            Value::Null => Err(Error::invalid(&self.name(key), Problem::Missing)),
            _ => Err(Error::invalid(&self.name(key), Problem::WrongType)),
        }
    }

    /// A count ≥ 0.
    fn count(&self, key: &str) -> Result<u64> {
        u64::try_from(self.integer(key)?).map_err(|_| Error::invalid(&self.name(key), Problem::OutOfRange))
    }

    fn small(&self, key: &str) -> Result<u32> {
        u32::try_from(self.integer(key)?).map_err(|_| Error::invalid(&self.name(key), Problem::OutOfRange))
    }

    fn string(&self, key: &str) -> Result<String> {
        match self.get(key)? {
            Value::String(s) => Ok(s.clone()),
            Value::Null => Err(Error::invalid(&self.name(key), Problem::Missing)),
            _ => Err(Error::invalid(&self.name(key), Problem::WrongType)),
        }
    }
}
