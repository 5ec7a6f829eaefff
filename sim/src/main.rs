//! `simulate`: a region-year through the engine, from the command line.
//!
//!     cargo run --release -p utskrivning-sim -- --region vastra_gotaland --year 2020 --seed 1
//!
//! Prints the indicators overall and per municipality and care type, and the payment basis
//! under the region's model. `--params FILE` lays a JSON document of parameters over the preset;
//! `--cases N` changes the admissions.

use std::process::ExitCode;
use std::time::Instant;

use serde_json::{Map, Value, json};
use utskrivning_sim::{Params, simulate};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn usage() -> &'static str {
    "usage: simulate [--region national|vastra_gotaland|stockholm] [--year 2017|2020] [--cases N] [--seed S] [--params FILE] [--json]"
}

fn main() -> ExitCode {
    let mut given = Map::new();
    let (mut seed, mut as_json) = (1u64, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        let step: Result<(), String> = (|| {
            match arg.as_str() {
                "--region" => {
                    given.insert("region".into(), json!(value()?));
                }
                "--year" => {
                    given.insert("year".into(), json!(value()?.parse::<i64>().map_err(|_| "--year: a year")?));
                }
                "--cases" => {
                    given.insert("cases".into(), json!(value()?.parse::<u64>().map_err(|_| "--cases: a count")?));
                }
                "--seed" => seed = value()?.parse().map_err(|_| "--seed: a number")?,
                "--params" => {
                    let path = value()?;
                    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                    match serde_json::from_str::<Value>(&text) {
                        Ok(Value::Object(m)) => given.extend(m),
                        _ => return Err(format!("{path}: not a JSON object")),
                    }
                }
                "--json" => as_json = true,
                _ => return Err(usage().to_string()),
            }
            Ok(())
        })();
        if let Err(e) = step {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    let params = match Params::from_value(&Value::Object(given)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("invalid parameters: {}", e.details);
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let sim = match simulate(&params, seed) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let s = &sim.summary;
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"params": params.to_json(), "seed": seed, "summary": s}))
                .unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    println!(
        "{} {}, seed {seed}: {} cases, {} events applied by the engine in {seconds:.2} s",
        params.region, params.year, s.cases, s.events
    );
    let o = &s.indicators.overall;
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.2}"));
    println!(
        "discharges {}  same day {} ({})  mean ready days {}  beds per day {:.1}",
        o.discharges,
        o.same_day,
        f(o.same_day_share.map(|v| v * 100.0)).to_string() + " %",
        f(o.mean_ready_days),
        o.beds_per_day
    );
    for (name, f2) in [("somatic", &s.by_care_type.somatic), ("psychiatric", &s.by_care_type.psychiatric)] {
        println!(
            "  {name:<12} discharges {}  same day {} %  mean ready days {}",
            f2.discharges,
            f(f2.same_day_share.map(|v| v * 100.0)),
            f(f2.mean_ready_days)
        );
    }
    println!(
        "\n{:<12} {:<12} {:>10} {:>9} {:>10} {:>8}",
        "municipality", "care type", "discharges", "same day", "mean days", "beds"
    );
    for g in &s.indicators.groups {
        println!(
            "{:<12} {:<12} {:>10} {:>8}% {:>10} {:>8.1}",
            g.municipality.as_deref().unwrap_or("-"),
            g.care_type.as_str(),
            g.figures.discharges,
            f(g.figures.same_day_share.map(|v| v * 100.0)),
            f(g.figures.mean_ready_days),
            g.figures.beds_per_day
        );
    }
    println!("\npayment basis ({}):", serde_json::to_string(&params.payment_model.to_json()).unwrap_or_default());
    println!("{:<12} {:>10} {:>13} {:>16}", "municipality", "discharges", "payable days", "amount (kr)");
    for r in &s.payment_basis {
        println!(
            "{:<12} {:>10} {:>13.1} {:>16.0}",
            r.municipality.as_deref().unwrap_or("-"),
            r.discharges,
            r.payable_days,
            r.amount_sek
        );
    }
    ExitCode::SUCCESS
}
