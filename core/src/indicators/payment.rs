//! The payment basis (spec: Indicators and the payment basis): what each municipality owes for
//! the cases discharged in a period, by the law's individual rule or by a region's average
//! model, and the named presets docs/payment.md gives with their sources.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::case::Case;
use crate::indicators::{Discharge, check_input, discharges_in, in_period, municipality_key, period_days};
use crate::model::{Error, Problem, Result};
use crate::time::CivilDate;
use crate::wire;

/// The names [`PaymentModel::preset`] knows, in docs/payment.md's order.
pub const PAYMENT_PRESETS: [&str; 4] = ["law", "vastra_gotaland", "stockholm", "pre_2018"];

/// How the payment basis is counted: `{"kind": "individual", "daily_amount_sek"}` or
/// `{"kind": "average", "threshold_days", "include_same_day", "individual_after_days",
/// "daily_amount_sek"}`. Every number is ≥ 0 and may be fractional.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentModel {
    /// The law's rule: each case's payment days as its own agreement counts them (the `days`
    /// of its `payment_responsibility` deadline at its discharge).
    Individual { daily_amount_sek: f64 },
    /// A region's model on a municipality's average ready days.
    Average {
        /// The mean ready days the municipality may reach before it pays.
        threshold_days: f64,
        /// Whether discharges with 0 ready days count in the average.
        include_same_day: bool,
        /// Cases with more ready days than this are charged the days above it, each, and left
        /// out of the average; `null`: no such rule.
        individual_after_days: Option<f64>,
        daily_amount_sek: f64,
    },
}

/// One municipality's payment basis for the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentRow {
    /// The home municipality's code; `null` for cases admitted without one.
    pub municipality: Option<String>,
    /// Cases discharged in the period.
    pub discharges: u64,
    /// The days charged (the individual model: the cases' payment days; the average model:
    /// `excess_days + individual_days`).
    pub payable_days: f64,
    /// `payable_days × daily_amount_sek` (the model's amount), not rounded.
    pub amount_sek: f64,
    /// The average model only: cases charged individually (more ready days than
    /// `individual_after_days`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub individual_cases: Option<u64>,
    /// The average model only: `Σ (ready days − individual_after_days)` over those cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub individual_days: Option<f64>,
    /// The average model only: `max(0, Σ ready days − threshold_days × their number)` over
    /// the cases in the average.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excess_days: Option<f64>,
}

const KINDS: [&str; 2] = ["individual", "average"];
const INDIVIDUAL_FIELDS: [&str; 2] = ["kind", "daily_amount_sek"];
const AVERAGE_FIELDS: [&str; 5] =
    ["kind", "threshold_days", "include_same_day", "individual_after_days", "daily_amount_sek"];

impl PaymentModel {
    /// Reads a model from JSON text, strictly: a key twice (`model`, `duplicate_key`), an
    /// unknown key (`unknown_field`), a missing or `null` field (`missing`; only
    /// `individual_after_days` may be absent or `null`), a field of the wrong type
    /// (`wrong_type`), a negative number (`out_of_range`) are `invalid_input` naming the field.
    pub fn from_json(json: &str) -> Result<PaymentModel> {
        let value = wire::parse_strict(json, "model")?;
        PaymentModel::from_value(&value)
    }

    /// Reads a model from a JSON value (what a binding built from its own dictionary or map).
    pub fn from_value(value: &Value) -> Result<PaymentModel> {
        let Value::Object(map) = value else {
            return Err(Error::invalid("model", Problem::NotAnObject));
        };
        let kind = match map.get("kind") {
            None | Some(Value::Null) => return Err(Error::invalid("kind", Problem::Missing)),
            Some(Value::String(s)) => s.as_str(),
            Some(_) => return Err(Error::invalid("kind", Problem::WrongType)),
        };
        match kind {
            "individual" => {
                wire::unknown_key(map, |k| INDIVIDUAL_FIELDS.contains(&k), None)?;
                Ok(PaymentModel::Individual { daily_amount_sek: number(map, "daily_amount_sek")? })
            }
            "average" => {
                wire::unknown_key(map, |k| AVERAGE_FIELDS.contains(&k), None)?;
                Ok(PaymentModel::Average {
                    threshold_days: number(map, "threshold_days")?,
                    include_same_day: boolean(map, "include_same_day")?,
                    individual_after_days: match map.get("individual_after_days") {
                        None | Some(Value::Null) => None,
                        Some(_) => Some(number(map, "individual_after_days")?),
                    },
                    daily_amount_sek: number(map, "daily_amount_sek")?,
                })
            }
            _ => Err(Error::invalid_allowed("kind", Problem::UnknownValue, &KINDS)),
        }
    }

    /// The model as JSON, as [`PaymentModel::from_json`] reads it.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Every number finite and ≥ 0 (a model built in code may break it; one read from JSON
    /// cannot): else `invalid_input` (the field, `out_of_range`).
    pub fn validate(&self) -> Result<()> {
        let numbers: Vec<(&str, f64)> = match *self {
            PaymentModel::Individual { daily_amount_sek } => vec![("daily_amount_sek", daily_amount_sek)],
            PaymentModel::Average { threshold_days, individual_after_days, daily_amount_sek, .. } => {
                let mut n = vec![("threshold_days", threshold_days)];
                n.extend(individual_after_days.map(|d| ("individual_after_days", d)));
                n.push(("daily_amount_sek", daily_amount_sek));
                n
            }
        };
        match numbers.into_iter().find(|(_, v)| !v.is_finite() || *v < 0.0) {
            Some((field, _)) => Err(Error::invalid(field, Problem::OutOfRange)),
            None => Ok(()),
        }
    }

    /// A named preset (docs/payment.md gives each value's source and says which are
    /// unconfirmed): `law`, `vastra_gotaland`, `stockholm`, `pre_2018`. Another name is
    /// `invalid_input` (`preset`, `unknown_value`, with the names allowed).
    pub fn preset(name: &str) -> Result<PaymentModel> {
        Ok(match name {
            // Lag 2017:612: per patient; 9 300 kr a day, Socialstyrelsen's amount for 2022.
            "law" => PaymentModel::Individual { daily_amount_sek: 9300.0 },
            // Västkom / Västra Götaland: the average above 3.0 days, a 7-day rule; 4 277 kr
            // (2017 level). Whether 0-day cases count and the 7-day formula are unconfirmed.
            "vastra_gotaland" => PaymentModel::Average {
                threshold_days: 3.0,
                include_same_day: true,
                individual_after_days: Some(7.0),
                daily_amount_sek: 4277.0,
            },
            // Vårdgivarguiden: an average that counts a day 0; the free days' steps and the
            // amount are unconfirmed (the law's 3 days and 2022's national amount stand in).
            "stockholm" => PaymentModel::Average {
                threshold_days: 3.0,
                include_same_day: true,
                individual_after_days: None,
                daily_amount_sek: 9300.0,
            },
            // Lag 1990:1404: per patient, the days (5 weekdays somatic, 30 psychiatric) in the
            // cases' agreements; the amount (the 2017 level) is unconfirmed.
            "pre_2018" => PaymentModel::Individual { daily_amount_sek: 4277.0 },
            _ => return Err(Error::invalid_allowed("preset", Problem::UnknownValue, &PAYMENT_PRESETS)),
        })
    }

    fn daily_amount_sek(&self) -> f64 {
        match *self {
            PaymentModel::Individual { daily_amount_sek } | PaymentModel::Average { daily_amount_sek, .. } => {
                daily_amount_sek
            }
        }
    }
}

/// A required number ≥ 0.
fn number(map: &Map<String, Value>, field: &str) -> Result<f64> {
    match map.get(field) {
        None | Some(Value::Null) => Err(Error::invalid(field, Problem::Missing)),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(v) if v.is_finite() && v >= 0.0 => Ok(v + 0.0),
            Some(_) => Err(Error::invalid(field, Problem::OutOfRange)),
            None => Err(Error::invalid(field, Problem::WrongType)),
        },
        Some(_) => Err(Error::invalid(field, Problem::WrongType)),
    }
}

/// A required boolean.
fn boolean(map: &Map<String, Value>, field: &str) -> Result<bool> {
    match map.get(field) {
        None | Some(Value::Null) => Err(Error::invalid(field, Problem::Missing)),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(Error::invalid(field, Problem::WrongType)),
    }
}

/// What each municipality owes for the cases discharged on a Stockholm date in `[from, to)`,
/// one row per municipality (by code, `null` last). The model is checked first, then the
/// input checks of [`crate::indicators::indicators`] apply. Nothing is logged.
pub fn payment_basis(cases: &[&Case], from: CivilDate, to: CivilDate, model: &PaymentModel) -> Result<Vec<PaymentRow>> {
    model.validate()?;
    check_input(cases, from, to)?;
    payment_basis_of(&discharges_in(cases, from, to), from, to, model)
}

/// The payment basis of discharges already read from their cases ([`Discharge::of`]): those
/// on a date in `[from, to)` count, as [`payment_basis`] counts them. The model is checked
/// first, then `to` after `from`.
pub fn payment_basis_of(
    discharges: &[Discharge],
    from: CivilDate,
    to: CivilDate,
    model: &PaymentModel,
) -> Result<Vec<PaymentRow>> {
    model.validate()?;
    period_days(from, to)?;
    let mut by_municipality: BTreeMap<(bool, &str), Vec<&Discharge>> = BTreeMap::new();
    for d in discharges.iter().filter(|d| in_period(d, from, to)) {
        by_municipality.entry(municipality_key(d.municipality.as_deref())).or_default().push(d);
    }
    let daily = model.daily_amount_sek();
    let rows = by_municipality
        .into_iter()
        .map(|((none, code), list)| {
            let municipality = (!none).then(|| code.to_string());
            let discharges = list.len() as u64;
            match *model {
                PaymentModel::Individual { .. } => {
                    let days: u64 = list.iter().map(|d| d.payment_days).sum();
                    let payable_days = days as f64;
                    PaymentRow {
                        municipality,
                        discharges,
                        payable_days,
                        amount_sek: payable_days * daily,
                        individual_cases: None,
                        individual_days: None,
                        excess_days: None,
                    }
                }
                PaymentModel::Average { threshold_days, include_same_day, individual_after_days, .. } => {
                    let (mut individual_cases, mut individual_days) = (0u64, 0.0f64);
                    let (mut averaged, mut averaged_days) = (0u64, 0u64);
                    for e in &list {
                        let days = e.ready_days as f64;
                        match individual_after_days {
                            Some(after) if days > after => {
                                individual_cases += 1;
                                individual_days += days - after;
                            }
                            _ if e.ready_days > 0 || include_same_day => {
                                averaged += 1;
                                averaged_days = averaged_days.saturating_add(e.ready_days);
                            }
                            _ => {}
                        }
                    }
                    let excess_days = (averaged_days as f64 - threshold_days * averaged as f64).max(0.0);
                    let payable_days = excess_days + individual_days;
                    PaymentRow {
                        municipality,
                        discharges,
                        payable_days,
                        amount_sek: payable_days * daily,
                        individual_cases: Some(individual_cases),
                        individual_days: Some(individual_days),
                        excess_days: Some(excess_days),
                    }
                }
            }
        })
        .collect();
    Ok(rows)
}
