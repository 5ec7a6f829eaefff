//! Indicators and the payment basis for the bindings (spec: Indicators and the payment basis):
//! the dates and the model as the caller's strings, the answers as JSON. Read in this order:
//! `from`, `to` (each `YYYY-MM-DD`, else `invalid_input` naming it, `not_a_date`), the model
//! (strictly: see [`PaymentModel::from_json`]), then `to` after `from` and no `case_id` twice.
//! Nothing is logged: the cases are only read.

use serde_json::Value;

use crate::case::Case;
use crate::indicators::{self, PaymentModel};
use crate::model::{Error, Problem, Result};
use crate::time::{CivilDate, parse_date};

/// A calendar date the caller passed as `YYYY-MM-DD`; `field` names it in the error.
pub fn date(field: &str, s: &str) -> Result<CivilDate> {
    parse_date(s).ok_or_else(|| Error::invalid(field, Problem::NotADate))
}

/// The indicators of the cases discharged in `[from, to)` as JSON: `{"from", "to", "days",
/// "overall": {figures}, "groups": [{"municipality", "care_type", figures}]}`, the figures
/// being `discharges`, `same_day`, `same_day_share`, `episodes_with_days`, `ready_days_total`,
/// `mean_ready_days` and `beds_per_day`.
pub fn indicators_json(cases: &[&Case], from: &str, to: &str) -> Result<Value> {
    let (from, to) = (date("from", from)?, date("to", to)?);
    let found = indicators::indicators(cases, from, to)?;
    Ok(serde_json::to_value(found).unwrap_or(Value::Null))
}

/// The payment basis of the cases discharged in `[from, to)` under the model given as JSON
/// text: a list of `{municipality, discharges, payable_days, amount_sek}` (the average model
/// adds `individual_cases`, `individual_days`, `excess_days`).
pub fn payment_basis_json(cases: &[&Case], from: &str, to: &str, model_json: &str) -> Result<Value> {
    let (from, to) = (date("from", from)?, date("to", to)?);
    let model = PaymentModel::from_json(model_json)?;
    let rows = indicators::payment_basis(cases, from, to, &model)?;
    Ok(serde_json::to_value(rows).unwrap_or_else(|_| Value::Array(Vec::new())))
}

/// A named preset's model as JSON (`law`, `vastra_gotaland`, `stockholm`, `pre_2018`; see
/// docs/payment.md), to pass to [`payment_basis_json`] as it is or changed.
pub fn payment_preset_json(name: &str) -> Result<Value> {
    PaymentModel::preset(name).map(|m| m.to_json())
}
