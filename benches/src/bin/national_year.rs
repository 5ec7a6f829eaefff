//! A national year through the engine: 1.3 million admissions (and the warm-up's), every event
//! applied by the core, the indicators and the payment basis computed from the cases, on one
//! thread and then on every core (the ratio is how well the cases spread). A benchmark, not a
//! test; the Python-written simulator's ratio is bindings/python/bench/bench_sim.py's.
//!
//! cargo run --release -p utskrivning-benches --bin national_year [-- --cases N]

use std::time::Instant;

use serde_json::json;
use utskrivning_sim::{Params, simulate};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cases: u64 =
        std::env::args().skip_while(|a| a != "--cases").nth(1).and_then(|n| n.parse().ok()).unwrap_or(1_300_000);
    let params = match Params::from_value(&json!({"region": "national", "year": 2020, "cases": cases})) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", e.details);
            std::process::exit(2);
        }
    };
    let threads = rayon::current_num_threads();
    let mut results = Vec::new();
    for n in [1, threads] {
        let pool = match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let started = Instant::now();
        let sim = match pool.install(|| simulate(&params, 1)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        let s = &sim.summary;
        println!(
            "{n} thread{}: {} cases, {} events, indicators and payment basis: {seconds:.2} s ({:.0} cases/s, {:.1} M events/s); somatic same day {:.1} %, mean ready days {:.2}",
            if n == 1 { "" } else { "s" },
            s.cases,
            s.events,
            s.cases as f64 / seconds,
            s.events as f64 / seconds / 1e6,
            s.by_care_type.somatic.same_day_share.unwrap_or(0.0) * 100.0,
            s.by_care_type.somatic.mean_ready_days.unwrap_or(0.0),
        );
        results.push((seconds, sim));
        if threads == 1 {
            break;
        }
    }
    if let [(one, a), (many, b)] = &results[..] {
        assert_eq!(a, b, "the same seed gave another run on {threads} threads");
        println!("{threads} threads: {:.2}× one thread's speed, the same cases and figures", one / many);
    }
}
