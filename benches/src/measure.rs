//! The operations measured, and a plain timer for the figures that criterion does not give
//! directly: a ratio of two workloads timed interleaved in the same run (so that the load
//! other processes put on the machine falls on both alike), and rates per second.

use std::hint::black_box;
use std::time::{Duration, Instant};

use utskrivning::{Case, Event};

use crate::baseline::Baseline;
use crate::fixtures::{self, Step};

/// Everything the measurements run on, built once.
pub struct Workloads {
    /// The two typical full cases, as stories and as the cases they end in.
    pub stories: Vec<(&'static str, Vec<Step>, Case)>,
    pub ready: Case,
    pub ready_baseline: Baseline,
    pub stream: Vec<Event>,
}

impl Workloads {
    pub fn new() -> Workloads {
        let stories = [("seed_000", fixtures::seed_000()), ("seed_003", fixtures::seed_003())]
            .into_iter()
            .map(|(name, steps)| {
                let case = fixtures::play(&steps);
                (name, steps, case)
            })
            .collect();
        let ready = fixtures::care_request_ready();
        let ready_baseline = Baseline::from_case(&ready);
        Workloads { stories, ready, ready_baseline, stream: fixtures::care_request_stream() }
    }

    /// The full case of seed 000 (the red track), the one most figures use.
    pub fn full(&self) -> &Case {
        &self.stories[0].2
    }
}

impl Default for Workloads {
    fn default() -> Self {
        Workloads::new()
    }
}

/// Applies the stream to the core case; returns how many events were accepted.
pub fn core_stream(case: &mut Case, stream: &[Event]) -> usize {
    stream.iter().filter(|e| black_box(case.apply(e)).is_ok()).count()
}

/// Applies the stream to the baseline; returns how many events were accepted.
pub fn baseline_stream(b: &mut Baseline, stream: &[Event]) -> usize {
    stream.iter().filter(|e| black_box(b.apply(e)).is_ok()).count()
}

/// Snapshot to JSON text and restore from it: what a store does per case.
pub fn snapshot_restore(case: &Case) -> Option<Case> {
    Case::restore(&case.snapshot_json()).ok()
}

/// Nanoseconds per run of `routine` on inputs made by `setup` (not timed), `batch` at once.
pub fn time_batched<I>(batch: usize, setup: impl Fn() -> I, mut routine: impl FnMut(&mut I)) -> f64 {
    let mut inputs: Vec<I> = (0..batch).map(|_| setup()).collect();
    let start = Instant::now();
    for input in &mut inputs {
        routine(black_box(input));
    }
    let elapsed = start.elapsed();
    drop(black_box(inputs));
    elapsed.as_nanos() as f64 / batch as f64
}

/// Two workloads timed in alternation; medians over the rounds.
#[derive(Debug, Clone, Copy)]
pub struct Ratio {
    pub a_ns: f64,
    pub b_ns: f64,
    /// The median of the rounds' a/b.
    pub ratio: f64,
}

pub fn interleaved(rounds: usize, mut a: impl FnMut() -> f64, mut b: impl FnMut() -> f64) -> Ratio {
    let (mut xs, mut ys, mut rs) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (x, y) = (a(), b());
        xs.push(x);
        ys.push(y);
        rs.push(x / y);
    }
    Ratio { a_ns: median(&mut xs), b_ns: median(&mut ys), ratio: median(&mut rs) }
}

/// The care-request stream, core against baseline: `rounds` rounds of `batch` runs each.
pub fn care_request_ratio(w: &Workloads, rounds: usize, batch: usize) -> Ratio {
    interleaved(
        rounds,
        || {
            time_batched(
                batch,
                || w.ready.clone(),
                |c| {
                    black_box(core_stream(c, &w.stream));
                },
            )
        },
        || {
            time_batched(
                batch,
                || w.ready_baseline.clone(),
                |b| {
                    black_box(baseline_stream(b, &w.stream));
                },
            )
        },
    )
}

/// Runs per second of `f`: the best of `rounds` rounds of at least `round` each (the best,
/// because other processes on the machine only ever slow a round down).
pub fn per_second(rounds: usize, round: Duration, mut f: impl FnMut()) -> f64 {
    let mut best = 0.0f64;
    for _ in 0..rounds {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < round {
            for _ in 0..64 {
                f();
            }
            n += 64;
        }
        best = best.max(n as f64 / start.elapsed().as_secs_f64());
    }
    best
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}
