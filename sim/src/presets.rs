//! The presets: one per region and year. Which values are calibrated to the published national
//! figures (../shared/spec/legal.md, "The national follow-up") and which are assumptions is
//! said beside each, and in docs/simulation.md; nothing here is a hidden default of the engine.

use utskrivning::{Error, PaymentModel, Problem, Result};

use crate::params::{ByCareType, Municipality, Params, Probabilities, ReadyWait};

/// The regions there are presets of, the first the default.
pub const REGIONS: [&str; 3] = ["national", "vastra_gotaland", "stockholm"];
/// The years there are presets of (the national follow-up's published years).
pub const YEARS: [i64; 2] = [2017, 2020];
pub(crate) const DEFAULT_YEAR: i64 = 2020;

/// Calibrated (docs/simulation.md, "Calibration"): the share discharged on the day of the
/// notice and the mean days of the others, per care type and year. Somatic 2017: 13 %, 4.6
/// days; 2020: 67 %, 2.1 days (Läkartidningen 2021-04). Psychiatry's means 6.1 and 4.0 are
/// published; its same-day shares are not (assumptions: 10 % and 40 %). The simulated figures
/// land a little off these inputs (a red-track SIP held at the hospital, a late care request
/// answer move a discharge on); the values below are the inputs that give the published
/// outputs (sim/tests/calibration.rs).
fn ready_wait(year: i64) -> ByCareType<ReadyWait> {
    match year {
        2017 => ByCareType {
            somatic: ReadyWait { same_day: 0.13, mean_days: 4.6 },
            psychiatric: ReadyWait { same_day: 0.10, mean_days: 6.1 },
        },
        _ => ByCareType {
            somatic: ReadyWait { same_day: 0.67, mean_days: 2.1 },
            psychiatric: ReadyWait { same_day: 0.40, mean_days: 4.0 },
        },
    }
}

/// The municipalities of a region with weights (assumption: roughly their populations in
/// thousands, rounded; the largest of each region only — docs/simulation.md).
fn municipalities(region: &str) -> Vec<Municipality> {
    let list: &[(&str, f64)] = match region {
        "vastra_gotaland" => &[
            ("1480", 600.0), // Göteborg
            ("1490", 115.0), // Borås
            ("1481", 70.0),  // Mölndal
            ("1488", 60.0),  // Trollhättan
            ("1485", 57.0),  // Uddevalla
            ("1496", 57.0),  // Skövde
            ("1482", 48.0),  // Kungälv
            ("1441", 43.0),  // Lerum
            ("1489", 42.0),  // Alingsås
            ("1494", 40.0),  // Lidköping
        ],
        "stockholm" => &[
            ("0180", 980.0), // Stockholm
            ("0126", 115.0), // Huddinge
            ("0182", 108.0), // Nacka
            ("0181", 100.0), // Södertälje
            ("0127", 95.0),  // Botkyrka
            ("0136", 95.0),  // Haninge
            ("0184", 85.0),  // Solna
            ("0123", 85.0),  // Järfälla
            ("0163", 75.0),  // Sollentuna
            ("0160", 75.0),  // Täby
        ],
        _ => &[
            ("0180", 980.0), // Stockholm
            ("1480", 600.0), // Göteborg
            ("1280", 360.0), // Malmö
            ("0380", 240.0), // Uppsala
            ("0580", 165.0), // Linköping
            ("1880", 160.0), // Örebro
            ("1980", 160.0), // Västerås
            ("1281", 125.0), // Lund
            ("0680", 145.0), // Jönköping
            ("2480", 130.0), // Umeå
        ],
    };
    list.iter().map(|&(code, weight)| Municipality { code: code.to_string(), weight }).collect()
}

/// Admissions a year that enter the process (assumption, derived: the published beds held by
/// ready patients, about 1 440 a day in January 2017 and under 280 in April 2020, over the
/// calibrated ready days per case give about 130 000–150 000 episodes a year nationally; the
/// regions by their share of the population, about 17 % and 23 %).
fn cases(region: &str) -> u64 {
    match region {
        "vastra_gotaland" => 24_000,
        "stockholm" => 32_000,
        _ => 140_000,
    }
}

/// The payment model of a region and year: before 2018 the old law's per-patient rule; from
/// 2018 the region's own (docs/payment.md).
fn payment_model(region: &str, year: i64) -> Result<PaymentModel> {
    let name = match (region, year) {
        (_, 2017) => "pre_2018",
        ("national", _) => "law",
        (region, _) => region,
    };
    PaymentModel::preset(name)
}

pub(crate) fn preset(region: &str, year: i64) -> Result<Params> {
    if !REGIONS.contains(&region) {
        return Err(Error::invalid_allowed("region", Problem::UnknownValue, &REGIONS));
    }
    if !YEARS.contains(&year) {
        return Err(Error::invalid_allowed("year", Problem::UnknownValue, &["2017", "2020"]));
    }
    Ok(Params {
        region: region.to_string(),
        year: if year == 2017 { 2017 } else { 2020 },
        cases: cases(region),
        individual_check_in_share: 0.3,
        psychiatric_share: 0.08,
        municipalities: municipalities(region),
        // Lag 1990:1404 (2017): 5 weekdays somatic (7 calendar days stand in), 30 days
        // psychiatric; Lag 2017:612 (2020): 3 days for both.
        payment_days: if year == 2017 {
            ByCareType { somatic: 7, psychiatric: 30 }
        } else {
            ByCareType { somatic: 3, psychiatric: 3 }
        },
        daily_amount_sek: None,
        payment_model: payment_model(region, year)?,
        stay_median_days: 4.5,
        stay_sigma: 0.6,
        ready_wait: ready_wait(year),
        probabilities: Probabilities {
            municipal_care_at_admission: 0.12,
            needs_municipal_care: 0.30,
            consent_declined: 0.05,
            completion_requested: 0.25,
            rejected: 0.08,
            red_track: 0.15,
            sip_consent_declined: 0.10,
            sol_application: 0.35,
            rehab: 0.20,
            question: 0.30,
            unmark: 0.04,
            cancelled: 0.02,
            late_notice: 0.05,
            estimated_discharge: 0.8,
        },
    })
}
