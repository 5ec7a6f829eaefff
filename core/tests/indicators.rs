//! Indicators and the payment basis (spec: Indicators and the payment basis), with figures
//! computed by hand. January 2026 in Stockholm is UTC+1: 22:30Z is 23:30 the same day there,
//! 23:30Z is 00:30 the next day.
//!
//! | case | municipality | care | ready notice in force (Stockholm) | discharge (Stockholm) | ready days | payment days |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | a | 1480 | somatic | 01-05 23:30 | 01-05 23:50 | 0 | 0 |
//! | b | 1480 | somatic | 01-06 00:30 | 01-10 | 4 | 2 (from 01-09) |
//! | c | 1480 | psychiatric | 01-12 23:59 (marked 01-02, unmarked 01-03) | 01-21 00:30 | 9 | 7 (from 01-15) |
//! | d | 0180 | somatic | 01-14 (agreement: payment_days 1) | 01-16 | 2 | 2 (from 01-15) |
//! | e | 0180 | somatic | 01-20 | 01-20 | 0 | 0 |
//! | f | 0180 | psychiatric | 01-01 | 01-31 23:30 | 30 | 28 (from 01-04) |
//! | g | 0180 | somatic | 01-25 | 02-01 00:30 (February) | 7 | 5 (from 01-28) |
//! | h | none | somatic | 01-31 23:30 (2025-12-31) | 01-01 00:30 | 1 | 0 |
//! | i | 1480 | somatic | 01-15, not discharged | — | — | — |
//! | j | 1480 | somatic | 01-08 | 01-09, then cancelled | 1 | 0 |

use serde_json::{Value, json};
use utskrivning::{
    Case, CivilDate, Discharge, ErrorCode, PAYMENT_PRESETS, PaymentModel, embed, indicators, indicators_of,
    payment_basis, payment_basis_of,
};

fn case(
    id: &str,
    municipality: Option<&str>,
    care_type: &str,
    agreement: Option<&str>,
    steps: &[(&str, &str)],
) -> Case {
    let mut c = Case::new();
    let municipality = municipality.map_or(String::new(), |m| format!(r#","municipality":"{m}""#));
    let agreement = agreement.map_or(String::new(), |a| format!(r#","agreement":{a}"#));
    let admit = format!(
        r#"{{"at":"2025-12-20T08:00:00Z","actor":"inpatient","type":"admit","case_id":"{id}","routine":"professional_check_in","municipal_care_at_admission":false,"care_type":"{care_type}"{municipality}{agreement}}}"#
    );
    c.apply_json(&admit).unwrap();
    c.apply_json(r#"{"at":"2025-12-20T08:10:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}"#)
        .unwrap();
    for (at, event) in steps {
        let json = format!(r#"{{"at":"{at}","actor":"inpatient","type":"{event}"}}"#);
        let json =
            if *event == "cancel" { json.replace(r#""cancel""#, r#""cancel","reason":"fel patient""#) } else { json };
        c.apply_json(&json).unwrap_or_else(|e| panic!("{id}: {json}: {e}"));
    }
    c
}

const MARK: &str = "mark_ready_for_discharge";
const UNMARK: &str = "unmark_ready_for_discharge";
const DISCHARGE: &str = "discharge";

fn cases() -> Vec<Case> {
    vec![
        case(
            "a",
            Some("1480"),
            "somatic",
            None,
            &[("2026-01-05T22:30:00Z", MARK), ("2026-01-05T22:50:00Z", DISCHARGE)],
        ),
        case(
            "b",
            Some("1480"),
            "somatic",
            None,
            &[("2026-01-05T23:30:00Z", MARK), ("2026-01-10T10:00:00Z", DISCHARGE)],
        ),
        case(
            "c",
            Some("1480"),
            "psychiatric",
            None,
            &[
                ("2026-01-02T09:00:00Z", MARK),
                ("2026-01-03T09:00:00Z", UNMARK),
                ("2026-01-12T22:59:00Z", MARK),
                ("2026-01-20T23:30:00Z", DISCHARGE),
            ],
        ),
        case(
            "d",
            Some("0180"),
            "somatic",
            Some(r#"{"payment_days":1}"#),
            &[("2026-01-14T08:00:00Z", MARK), ("2026-01-16T08:00:00Z", DISCHARGE)],
        ),
        case(
            "e",
            Some("0180"),
            "somatic",
            None,
            &[("2026-01-20T10:00:00Z", MARK), ("2026-01-20T15:00:00Z", DISCHARGE)],
        ),
        case(
            "f",
            Some("0180"),
            "psychiatric",
            None,
            &[("2026-01-01T10:00:00Z", MARK), ("2026-01-31T22:30:00Z", DISCHARGE)],
        ),
        case(
            "g",
            Some("0180"),
            "somatic",
            None,
            &[("2026-01-25T10:00:00Z", MARK), ("2026-01-31T23:30:00Z", DISCHARGE)],
        ),
        case("h", None, "somatic", None, &[("2025-12-31T22:30:00Z", MARK), ("2025-12-31T23:30:00Z", DISCHARGE)]),
        case("i", Some("1480"), "somatic", None, &[("2026-01-15T10:00:00Z", MARK)]),
        case(
            "j",
            Some("1480"),
            "somatic",
            None,
            &[("2026-01-08T10:00:00Z", MARK), ("2026-01-09T10:00:00Z", DISCHARGE), ("2026-01-09T11:00:00Z", "cancel")],
        ),
    ]
}

fn date(s: &str) -> CivilDate {
    s.parse().unwrap()
}

fn figures(discharges: u64, same_day: u64, with_days: u64, total: u64, days: f64) -> Value {
    let d = discharges as f64;
    json!({
        "discharges": discharges,
        "same_day": same_day,
        "same_day_share": if discharges == 0 { Value::Null } else { json!(same_day as f64 / d) },
        "episodes_with_days": with_days,
        "ready_days_total": total,
        "mean_ready_days": if with_days == 0 { Value::Null } else { json!(total as f64 / with_days as f64) },
        "beds_per_day": total as f64 / days,
    })
}

fn group(municipality: Option<&str>, care_type: &str, mut figures: Value) -> Value {
    figures["municipality"] = json!(municipality);
    figures["care_type"] = json!(care_type);
    figures
}

#[test]
fn january_overall_and_per_group() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let logs: Vec<usize> = cases.iter().map(|c| c.access_log().len()).collect();
    let found = indicators(&refs, date("2026-01-01"), date("2026-02-01")).unwrap();
    let days = 31.0;
    let expected = json!({
        "from": "2026-01-01",
        "to": "2026-02-01",
        "days": 31,
        // a 0, b 4, c 9, d 2, e 0, f 30, h 1, j 1 (g is February's, i not discharged).
        "overall": figures(8, 2, 6, 47, days),
        "groups": [
            group(Some("0180"), "somatic", figures(2, 1, 1, 2, days)),
            group(Some("0180"), "psychiatric", figures(1, 0, 1, 30, days)),
            group(Some("1480"), "somatic", figures(3, 1, 2, 5, days)),
            group(Some("1480"), "psychiatric", figures(1, 0, 1, 9, days)),
            group(None, "somatic", figures(1, 0, 1, 1, days)),
        ],
    });
    assert_eq!(serde_json::to_value(&found).unwrap(), expected);
    assert_eq!(found.overall.same_day_share, Some(0.25));
    assert_eq!(found.overall.mean_ready_days, Some(47.0 / 6.0));
    assert_eq!(found.groups[2].figures.mean_ready_days, Some(2.5));
    // Indicators are not views: no case's access log grew.
    assert_eq!(cases.iter().map(|c| c.access_log().len()).collect::<Vec<_>>(), logs);
    // The bindings' helper answers the same.
    assert_eq!(embed::indicators_json(&refs, "2026-01-01", "2026-02-01").unwrap(), expected);
}

#[test]
fn a_discharge_after_midnight_counts_in_the_next_period() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let february = indicators(&refs, date("2026-02-01"), date("2026-03-01")).unwrap();
    // g: ready on 01-25, discharged at 00:30 on 02-01 in Stockholm: 7 days, all in February.
    assert_eq!(serde_json::to_value(&february.overall).unwrap(), figures(1, 0, 1, 7, 28.0));
    assert_eq!(february.overall.beds_per_day, 0.25);
    assert_eq!(february.groups.len(), 1);
    // h: 00:30 on 2026-01-01 in Stockholm is January's, not December's.
    let december = indicators(&refs, date("2025-12-01"), date("2026-01-01")).unwrap();
    assert_eq!(december.overall.discharges, 0);
    let new_year = indicators(&refs, date("2026-01-01"), date("2026-01-02")).unwrap();
    assert_eq!(serde_json::to_value(&new_year.overall).unwrap(), figures(1, 0, 1, 1, 1.0));
    assert_eq!(new_year.groups[0].municipality, None);
}

#[test]
fn a_period_without_discharges_has_null_shares_and_means() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let found = embed::indicators_json(&refs, "2025-06-01", "2025-06-02").unwrap();
    assert_eq!(
        found["overall"],
        json!({"discharges": 0, "same_day": 0, "same_day_share": null, "episodes_with_days": 0,
               "ready_days_total": 0, "mean_ready_days": null, "beds_per_day": 0.0})
    );
    assert_eq!(found["groups"], json!([]));
    // Only same-day discharges: a share, but no mean.
    let only_a = indicators(&[&cases[0]], date("2026-01-05"), date("2026-01-06")).unwrap();
    assert_eq!(only_a.overall.same_day_share, Some(1.0));
    assert_eq!(only_a.overall.mean_ready_days, None);
}

#[test]
fn the_notice_in_force_is_the_last_before_discharge() {
    let cases = cases();
    let c = &cases[2];
    // Marked on 01-02, unmarked, re-marked at 23:59 on 01-12: 9 days, not 19.
    let found = indicators(&[c], date("2026-01-01"), date("2026-02-01")).unwrap();
    assert_eq!(found.overall.ready_days_total, 9);
    let rows = payment_basis(
        &[c],
        date("2026-01-01"),
        date("2026-02-01"),
        &PaymentModel::Individual { daily_amount_sek: 1.0 },
    )
    .unwrap();
    assert_eq!(rows[0].payable_days, 7.0);
}

#[test]
fn the_individual_model_counts_each_cases_own_payment_days() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let model = r#"{"kind":"individual","daily_amount_sek":1000}"#;
    let rows = embed::payment_basis_json(&refs, "2026-01-01", "2026-02-01", model).unwrap();
    assert_eq!(
        rows,
        json!([
            // d 2 (its agreement: from the day after the notice), e 0, f 28.
            {"municipality": "0180", "discharges": 3, "payable_days": 30.0, "amount_sek": 30000.0},
            // a 0, b 2, c 7, j 0.
            {"municipality": "1480", "discharges": 4, "payable_days": 9.0, "amount_sek": 9000.0},
            {"municipality": null, "discharges": 1, "payable_days": 0.0, "amount_sek": 0.0},
        ])
    );
    // g's 5 days (01-28 to 02-01) are February's.
    let february = embed::payment_basis_json(&refs, "2026-02-01", "2026-03-01", model).unwrap();
    assert_eq!(february, json!([{"municipality": "0180", "discharges": 1, "payable_days": 5.0, "amount_sek": 5000.0}]));
}

#[test]
fn the_average_model_with_a_7_day_rule_and_no_day_0() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let model = PaymentModel::Average {
        threshold_days: 1.5,
        include_same_day: false,
        individual_after_days: Some(7.0),
        daily_amount_sek: 500.0,
    };
    let rows = payment_basis(&refs, date("2026-01-01"), date("2026-02-01"), &model).unwrap();
    assert_eq!(
        serde_json::to_value(&rows).unwrap(),
        json!([
            // f 30 > 7: 23 days alone; the average over d (2), e's 0 left out: 2 − 1.5 = 0.5.
            {"municipality": "0180", "discharges": 3, "payable_days": 23.5, "amount_sek": 11750.0,
             "individual_cases": 1, "individual_days": 23.0, "excess_days": 0.5},
            // c 9 > 7: 2 days; b 4 and j 1, a's 0 left out: 5 − 3 = 2.
            {"municipality": "1480", "discharges": 4, "payable_days": 4.0, "amount_sek": 2000.0,
             "individual_cases": 1, "individual_days": 2.0, "excess_days": 2.0},
            // h 1 < 1.5: nothing.
            {"municipality": null, "discharges": 1, "payable_days": 0.0, "amount_sek": 0.0,
             "individual_cases": 0, "individual_days": 0.0, "excess_days": 0.0},
        ])
    );
}

#[test]
fn the_average_model_counting_day_0() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let model = r#"{"kind":"average","threshold_days":1.5,"include_same_day":true,"individual_after_days":null,"daily_amount_sek":500}"#;
    let rows = embed::payment_basis_json(&refs, "2026-01-01", "2026-02-01", model).unwrap();
    assert_eq!(
        rows,
        json!([
            // d 2, e 0, f 30: 32 − 3 × 1.5 = 27.5.
            {"municipality": "0180", "discharges": 3, "payable_days": 27.5, "amount_sek": 13750.0,
             "individual_cases": 0, "individual_days": 0.0, "excess_days": 27.5},
            // a 0, b 4, c 9, j 1: 14 − 4 × 1.5 = 8.
            {"municipality": "1480", "discharges": 4, "payable_days": 8.0, "amount_sek": 4000.0,
             "individual_cases": 0, "individual_days": 0.0, "excess_days": 8.0},
            {"municipality": null, "discharges": 1, "payable_days": 0.0, "amount_sek": 0.0,
             "individual_cases": 0, "individual_days": 0.0, "excess_days": 0.0},
        ])
    );
    // The same without `individual_after_days` at all.
    let absent = r#"{"kind":"average","threshold_days":1.5,"include_same_day":true,"daily_amount_sek":500}"#;
    assert_eq!(embed::payment_basis_json(&refs, "2026-01-01", "2026-02-01", absent).unwrap(), rows);
}

fn invalid(e: utskrivning::Error) -> Value {
    assert_eq!(e.code, ErrorCode::InvalidInput, "{e}");
    e.details
}

#[test]
fn the_period_and_the_cases_are_checked() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let jan = date("2026-01-01");
    let out_of_range = json!({"field": "to", "problem": "out_of_range"});
    assert_eq!(invalid(indicators(&refs, jan, jan).unwrap_err()), out_of_range);
    assert_eq!(invalid(indicators(&refs, jan, date("2025-12-31")).unwrap_err()), out_of_range);
    let model = PaymentModel::Individual { daily_amount_sek: 1.0 };
    assert_eq!(invalid(payment_basis(&refs, jan, jan, &model).unwrap_err()), out_of_range);
    // The same case twice, or two cases with one id.
    let twice = [&cases[0], &cases[1], &cases[0]];
    let duplicate = json!({"field": "cases", "problem": "duplicate"});
    assert_eq!(invalid(indicators(&twice, jan, date("2026-02-01")).unwrap_err()), duplicate);
    assert_eq!(invalid(payment_basis(&twice, jan, date("2026-02-01"), &model).unwrap_err()), duplicate);
    let other_a = case("a", Some("0180"), "somatic", None, &[]);
    assert_eq!(invalid(indicators(&[&cases[0], &other_a], jan, date("2026-02-01")).unwrap_err()), duplicate);
    // A case not yet admitted has no id and no discharge.
    let blank = Case::new();
    assert_eq!(indicators(&[&blank, &Case::new()], jan, date("2026-02-01")).unwrap().overall.discharges, 0);
    // Dates as strings.
    assert_eq!(
        invalid(embed::indicators_json(&refs, "2026-1-01", "2026-02-01").unwrap_err()),
        json!({"field": "from", "problem": "not_a_date"})
    );
    assert_eq!(
        invalid(embed::indicators_json(&refs, "2026-01-01", "2026-02-30").unwrap_err()),
        json!({"field": "to", "problem": "not_a_date"})
    );
    assert_eq!(invalid(embed::indicators_json(&refs, "2026-02-01", "2026-01-01").unwrap_err()), out_of_range);
    let m = r#"{"kind":"individual","daily_amount_sek":1}"#;
    assert_eq!(invalid(embed::payment_basis_json(&twice, "2026-01-01", "2026-02-01", m).unwrap_err()), duplicate);
}

#[test]
fn the_model_is_read_strictly() {
    let refused = |text: &str| invalid(PaymentModel::from_json(text).unwrap_err());
    let fd = |field: &str, problem: &str| json!({"field": field, "problem": problem});
    assert_eq!(refused("{"), fd("model", "not_json"));
    assert_eq!(refused("[]"), fd("model", "not_an_object"));
    assert_eq!(refused(r#"{"kind":"individual","kind":"average","daily_amount_sek":1}"#), fd("model", "duplicate_key"));
    assert_eq!(refused(r#"{"daily_amount_sek":1}"#), fd("kind", "missing"));
    assert_eq!(refused(r#"{"kind":1,"daily_amount_sek":1}"#), fd("kind", "wrong_type"));
    let unknown = refused(r#"{"kind":"weekly","daily_amount_sek":1}"#);
    assert_eq!(unknown["field"], "kind");
    assert_eq!(unknown["problem"], "unknown_value");
    assert_eq!(unknown["allowed"], json!(["individual", "average"]));
    assert_eq!(refused(r#"{"kind":"individual"}"#), fd("daily_amount_sek", "missing"));
    assert_eq!(refused(r#"{"kind":"individual","daily_amount_sek":null}"#), fd("daily_amount_sek", "missing"));
    assert_eq!(refused(r#"{"kind":"individual","daily_amount_sek":"9300"}"#), fd("daily_amount_sek", "wrong_type"));
    assert_eq!(refused(r#"{"kind":"individual","daily_amount_sek":-1}"#), fd("daily_amount_sek", "out_of_range"));
    assert_eq!(refused(r#"{"kind":"individual","daily_amount_sek":-0.5}"#), fd("daily_amount_sek", "out_of_range"));
    // A field of the other model is unknown to this one.
    assert_eq!(
        refused(r#"{"kind":"individual","daily_amount_sek":1,"threshold_days":3}"#),
        fd("threshold_days", "unknown_field")
    );
    assert_eq!(
        refused(r#"{"kind":"individual","daily_amount_sek":1,"19121212-1212":3}"#),
        json!({"problem": "unknown_field", "position": 2})
    );
    let average = |rest: &str| format!(r#"{{"kind":"average",{rest}}}"#);
    let full = r#""threshold_days":3,"include_same_day":true,"individual_after_days":7,"daily_amount_sek":4277"#;
    assert_eq!(
        PaymentModel::from_json(&average(full)).unwrap(),
        PaymentModel::Average {
            threshold_days: 3.0,
            include_same_day: true,
            individual_after_days: Some(7.0),
            daily_amount_sek: 4277.0
        }
    );
    assert_eq!(
        refused(&average(r#""threshold_days":-3,"include_same_day":true,"daily_amount_sek":1"#)),
        fd("threshold_days", "out_of_range")
    );
    assert_eq!(
        refused(&average(
            r#""threshold_days":3,"include_same_day":true,"individual_after_days":-7,"daily_amount_sek":1"#
        )),
        fd("individual_after_days", "out_of_range")
    );
    assert_eq!(
        refused(&average(r#""threshold_days":3,"include_same_day":"yes","daily_amount_sek":1"#)),
        fd("include_same_day", "wrong_type")
    );
    assert_eq!(refused(&average(r#""threshold_days":3,"daily_amount_sek":1"#)), fd("include_same_day", "missing"));
    assert_eq!(
        refused(&average(r#""threshold_days":3,"include_same_day":true,"daily_amount_sek":1,"cap":1"#)),
        fd("cap", "unknown_field")
    );
    // Through the bindings' helper, the model is read before the period is checked.
    let cases = cases();
    let bad = r#"{"kind":"individual","daily_amount_sek":-1}"#;
    assert_eq!(
        invalid(embed::payment_basis_json(&[&cases[0]], "2026-02-01", "2026-01-01", bad).unwrap_err()),
        fd("daily_amount_sek", "out_of_range")
    );
    // A model built in code is checked too.
    let typed = PaymentModel::Average {
        threshold_days: f64::NAN,
        include_same_day: false,
        individual_after_days: None,
        daily_amount_sek: 1.0,
    };
    assert_eq!(
        invalid(payment_basis(&[&cases[0]], date("2026-01-01"), date("2026-02-01"), &typed).unwrap_err()),
        fd("threshold_days", "out_of_range")
    );
}

#[test]
fn a_model_round_trips_through_json() {
    for name in PAYMENT_PRESETS {
        let model = PaymentModel::preset(name).unwrap();
        assert_eq!(PaymentModel::from_value(&model.to_json()).unwrap(), model, "{name}");
        assert_eq!(embed::payment_preset_json(name).unwrap(), model.to_json());
    }
    let e = invalid(PaymentModel::preset("halland").unwrap_err());
    assert_eq!(e["field"], "preset");
    assert_eq!(e["allowed"], json!(PAYMENT_PRESETS));
}

/// docs/payment.md writes each preset as `<!-- preset: NAME -->` followed by a JSON block;
/// every block must read as the model `PaymentModel::preset(NAME)` gives, and every preset be
/// written there.
#[test]
fn the_presets_in_the_docs_are_the_code_s() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/payment.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let mut seen = Vec::new();
    for (i, _) in doc.match_indices("<!-- preset: ") {
        let rest = &doc[i + "<!-- preset: ".len()..];
        let name = &rest[..rest.find(" -->").unwrap()];
        let block = &rest[rest.find("```json\n").unwrap() + "```json\n".len()..];
        let block = &block[..block.find("```").unwrap()];
        let written = PaymentModel::from_json(block).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(written, PaymentModel::preset(name).unwrap(), "docs/payment.md's {name}");
        seen.push(name.to_string());
    }
    assert_eq!(seen, PAYMENT_PRESETS, "docs/payment.md writes every preset, in order");
}

#[test]
fn a_discharge_at_the_instant_payment_begins_pays_that_day() {
    // Ready on 01-05 (Stockholm): payment begins at 00:00 on 01-08, which is 23:00Z on 01-07.
    let c = case(
        "k",
        Some("1480"),
        "somatic",
        None,
        &[("2026-01-05T10:00:00Z", MARK), ("2026-01-07T23:00:00Z", DISCHARGE)],
    );
    let found = indicators(&[&c], date("2026-01-01"), date("2026-02-01")).unwrap();
    assert_eq!(found.overall.ready_days_total, 3);
    let model = PaymentModel::Individual { daily_amount_sek: 10.0 };
    let rows = payment_basis(&[&c], date("2026-01-01"), date("2026-02-01"), &model).unwrap();
    assert_eq!((rows[0].payable_days, rows[0].amount_sek), (1.0, 10.0));
    // A minute earlier, on 01-07 in Stockholm: before payment began.
    let c = case(
        "k",
        Some("1480"),
        "somatic",
        None,
        &[("2026-01-05T10:00:00Z", MARK), ("2026-01-07T22:59:00Z", DISCHARGE)],
    );
    let rows = payment_basis(&[&c], date("2026-01-01"), date("2026-02-01"), &model).unwrap();
    assert_eq!(rows[0].payable_days, 0.0);
}

/// A caller that keeps only each case's discharge (a simulator letting its cases go) gets the
/// same figures and payment basis as one passing the cases.
#[test]
fn figures_from_discharges_equal_figures_from_cases() {
    let cases = cases();
    let refs: Vec<&Case> = cases.iter().collect();
    let discharges: Vec<Discharge> = cases.iter().filter_map(Discharge::of).collect();
    let (from, to) = (date("2026-01-01"), date("2026-02-01"));
    assert_eq!(indicators_of(&discharges, from, to).unwrap(), indicators(&refs, from, to).unwrap());
    for name in PAYMENT_PRESETS {
        let model = PaymentModel::preset(name).unwrap();
        assert_eq!(
            payment_basis_of(&discharges, from, to, &model).unwrap(),
            payment_basis(&refs, from, to, &model).unwrap(),
            "{name}"
        );
    }
    let b = discharges.iter().find(|d| d.ready_days == 4).unwrap();
    assert_eq!((b.municipality.as_deref(), b.payment_days), (Some("1480"), 2));
    assert_eq!(indicators_of(&discharges, to, from).unwrap_err().code, ErrorCode::InvalidInput);
}
