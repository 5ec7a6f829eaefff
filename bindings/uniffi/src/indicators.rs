//! Indicators and the payment basis (spec: Indicators and the payment basis) over the cases the
//! app passes, as typed records. In the core's order: `from` and then `to` (`YYYY-MM-DD`) are
//! read first, then the model is checked, then the cases are locked as the worklist locks them
//! (a case given twice refused before any lock, then one at a time by address, so no two calls
//! can deadlock), then the core judges `to` after `from` and a `case_id` given twice. The cases
//! are only read: nothing is logged, and a panic while they are held is caught before their
//! locks are released, so it poisons none of them (as in the other bindings: a read changes
//! nothing).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use utskrivning::{self as engine, CivilDate, PAYMENT_PRESETS, embed};

use crate::case::Case;
use crate::error::{Result, guard};
use crate::types::{Indicators, PaymentModel, PaymentRow};
use crate::worklist::lock_in_address_order;

fn period(from: &str, to: &str) -> Result<(CivilDate, CivilDate)> {
    Ok((embed::date("from", from)?, embed::date("to", to)?))
}

/// Runs `read` on the cases, locked in address order and handed on in the caller's order. A
/// panic inside is caught while the locks are held, so it comes out as `Internal` (`panic`)
/// and leaves every case sound.
fn read_cases<T>(cases: &[Arc<Case>], read: impl FnOnce(&[&engine::Case]) -> Result<T>) -> Result<T> {
    let mut held = lock_in_address_order(cases)?;
    held.sort_by_key(|(place, _)| *place);
    let refs: Vec<&engine::Case> = held.iter().map(|(_, g)| &**g).collect();
    let outcome = catch_unwind(AssertUnwindSafe(|| read(&refs)));
    drop(refs);
    drop(held);
    outcome.unwrap_or_else(|_| Err(embed::Internal::Panic.into()))
}

/// The national follow-up's figures for the cases discharged on a Stockholm date in `[from,
/// to)` (each `YYYY-MM-DD`), overall and per (municipality, care type). A malformed date is
/// `InvalidInput` naming `from` or `to` (`not_a_date`); `to` not after `from` is `InvalidInput`
/// (`{"field":"to","problem":"out_of_range"}`), a case given twice `{"field":"cases",
/// "problem":"duplicate"}`. Read only: no access log gets a line.
#[uniffi::export]
pub fn indicators(cases: Vec<Arc<Case>>, from: String, to: String) -> Result<Indicators> {
    guard(|| {
        let (from, to) = period(&from, &to)?;
        read_cases(&cases, |cases| Ok(engine::indicators(cases, from, to)?.into()))
    })
}

/// What each municipality owes for the cases discharged in `[from, to)` under `model`: one row
/// per municipality, sorted as the groups of `indicators`. The model is checked after the dates
/// and before the cases (a negative or non-finite number is `InvalidInput` naming the field,
/// `out_of_range`); then as `indicators`.
#[uniffi::export]
pub fn payment_basis(cases: Vec<Arc<Case>>, from: String, to: String, model: PaymentModel) -> Result<Vec<PaymentRow>> {
    guard(|| {
        let (from, to) = period(&from, &to)?;
        let model = engine::PaymentModel::from(model);
        model.validate()?;
        let rows = read_cases(&cases, |cases| Ok(engine::payment_basis(cases, from, to, &model)?))?;
        Ok(rows.into_iter().map(PaymentRow::from).collect())
    })
}

/// A named preset's model (`law`, `vastra_gotaland`, `stockholm`, `pre_2018`; docs/payment.md
/// gives each value's source and says which are unconfirmed), to pass to `payment_basis` as it
/// is or changed. Another name is `InvalidInput` (`{"field":"preset","problem":"unknown_value",
/// "allowed":[...]}`).
#[uniffi::export]
pub fn payment_preset(name: String) -> Result<PaymentModel> {
    guard(|| Ok(engine::PaymentModel::preset(&name)?.into()))
}

/// The names `payment_preset` knows, in docs/payment.md's order.
#[uniffi::export]
pub fn payment_presets() -> Vec<String> {
    PAYMENT_PRESETS.iter().map(|name| name.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{CareType, Routine};

    /// A case of `municipality`, ready at `ready` and discharged at `discharge`.
    fn discharged(id: &str, municipality: &str, care_type: CareType, ready: &str, discharge: &str) -> Arc<Case> {
        let case = Case::admit(
            "2026-01-02T08:00:00Z".into(),
            id.into(),
            Routine::ProfessionalCheckIn,
            false,
            None,
            Some(municipality.into()),
            Some(care_type),
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        for (at, rest) in [
            ("2026-01-02T08:10:00Z", r#""send_admission_notice","to":["care_contact"]"#),
            (ready, r#""mark_ready_for_discharge""#),
            (discharge, r#""discharge""#),
        ] {
            let event = format!(r#"{{"at":"{at}","actor":"inpatient","type":{rest}}}"#);
            case.apply(event).unwrap_or_else(|e| panic!("{e:?}"));
        }
        case
    }

    fn details(e: &crate::UtskrivningError) -> String {
        match e {
            crate::UtskrivningError::InvalidInput { details, .. }
            | crate::UtskrivningError::Internal { details, .. } => details.clone(),
            other => format!("{other:?}"),
        }
    }

    fn ward() -> Vec<Arc<Case>> {
        vec![
            // 23:30Z is 00:30 on 01-06 in Stockholm: 4 days to 01-10, payment from 01-09.
            discharged("c-1", "1480", CareType::Somatic, "2026-01-05T23:30:00Z", "2026-01-10T10:00:00Z"),
            // 23:30Z on 01-20 is 00:30 on 01-21: 9 days, payment from 01-15.
            discharged("c-2", "0180", CareType::Psychiatric, "2026-01-12T10:00:00Z", "2026-01-20T23:30:00Z"),
        ]
    }

    #[test]
    fn the_records_are_the_cores_figures() {
        let cases = ward();
        let found =
            indicators(cases.clone(), "2026-01-01".into(), "2026-02-01".into()).unwrap_or_else(|e| panic!("{e:?}"));
        let core = {
            let guards: Vec<_> = cases.iter().map(|c| c.lock().unwrap_or_else(|e| panic!("{e:?}"))).collect();
            let refs: Vec<&engine::Case> = guards.iter().map(|g| &**g).collect();
            let day = |s: &str| embed::date("d", s).unwrap_or_else(|e| panic!("{e:?}"));
            engine::indicators(&refs, day("2026-01-01"), day("2026-02-01")).unwrap_or_else(|e| panic!("{e:?}"))
        };
        assert_eq!(found, Indicators::from(core));
        assert_eq!((found.from.as_str(), found.to.as_str(), found.days), ("2026-01-01", "2026-02-01", 31));
        assert_eq!(found.overall.ready_days_total, 13);
        assert_eq!(found.overall.mean_ready_days, Some(6.5));
        assert_eq!(found.overall.same_day_share, Some(0.0));
        let groups: Vec<_> = found.groups.iter().map(|g| (g.municipality.as_deref(), g.care_type)).collect();
        assert_eq!(groups, [(Some("0180"), CareType::Psychiatric), (Some("1480"), CareType::Somatic)]);
        assert!(cases.iter().all(|c| c.access_log().is_ok_and(|log| log.is_empty())), "nothing logged");
        let rows = payment_basis(
            cases,
            "2026-01-01".into(),
            "2026-02-01".into(),
            PaymentModel::Individual { daily_amount_sek: 10.0 },
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let brief: Vec<_> =
            rows.iter().map(|r| (r.municipality.as_deref(), r.payable_days, r.amount_sek, r.excess_days)).collect();
        assert_eq!(brief, [(Some("0180"), 7.0, 70.0, None), (Some("1480"), 2.0, 20.0, None)]);
    }

    #[test]
    fn the_model_is_validated_by_the_core_after_the_dates() {
        let cases = ward();
        let call = |from: &str, model: PaymentModel| {
            payment_basis(cases.clone(), from.into(), "2026-01-01".into(), model).err().map(|e| details(&e))
        };
        let nan = PaymentModel::Average {
            threshold_days: f64::NAN,
            include_same_day: true,
            individual_after_days: None,
            daily_amount_sek: 1.0,
        };
        // `to` is before `from`: the model is judged first.
        assert_eq!(call("2026-02-01", nan).as_deref(), Some(r#"{"field":"threshold_days","problem":"out_of_range"}"#));
        let negative = PaymentModel::Individual { daily_amount_sek: -1.0 };
        assert_eq!(
            call("2026-02-01", negative).as_deref(),
            Some(r#"{"field":"daily_amount_sek","problem":"out_of_range"}"#)
        );
        assert_eq!(call("2026-1-01", negative).as_deref(), Some(r#"{"field":"from","problem":"not_a_date"}"#));
        let fine = PaymentModel::Individual { daily_amount_sek: 1.0 };
        assert_eq!(call("2026-02-01", fine).as_deref(), Some(r#"{"field":"to","problem":"out_of_range"}"#));
    }

    #[test]
    fn presets_round_trip() {
        assert_eq!(payment_presets(), PAYMENT_PRESETS);
        for name in payment_presets() {
            let model = payment_preset(name.clone()).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(
                engine::PaymentModel::from(model),
                engine::PaymentModel::preset(&name).unwrap_or_else(|e| panic!("{e:?}"))
            );
            assert_eq!(PaymentModel::from(engine::PaymentModel::from(model)), model);
        }
        let e = payment_preset("halland".into()).err().unwrap_or_else(|| panic!("accepted"));
        assert!(details(&e).starts_with(r#"{"field":"preset","problem":"unknown_value""#), "{}", details(&e));
    }

    #[test]
    fn a_panic_while_reading_poisons_no_case_and_the_same_case_twice_is_refused() {
        let cases = ward();
        let e = read_cases(&cases, |_| -> Result<()> { panic!("a bug") }).err().unwrap_or_else(|| panic!("no error"));
        assert_eq!(details(&e), r#"{"reason":"panic"}"#);
        assert!(cases.iter().all(|c| c.lock().is_ok()), "no lock was poisoned");
        let twice = vec![cases[0].clone(), cases[1].clone(), cases[0].clone()];
        let e = indicators(twice, "2026-01-01".into(), "2026-02-01".into()).err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!(details(&e), r#"{"field":"cases","problem":"duplicate"}"#);
    }
}
