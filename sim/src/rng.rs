//! The draws of one case. Each case has its own ChaCha8 stream (the run's seed, the case's
//! index as the stream), so a case's story depends on nothing but the seed and its index: not
//! on the thread that wrote it, nor on how many cases ran before it.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

pub(crate) struct Rng(ChaCha8Rng);

impl Rng {
    pub(crate) fn for_case(seed: u64, case: u64) -> Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(case);
        Rng(rng)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in [lo, hi) (lo when hi ≤ lo).
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo { lo } else { lo + ((hi - lo) as f64 * self.unit()) as i64 }
    }

    /// A standard normal draw (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit(); // (0, 1]
        let v = self.unit();
        libm::sqrt(-2.0 * libm::log(u)) * libm::cos(2.0 * std::f64::consts::PI * v)
    }

    /// Log-normal with this median and shape.
    pub(crate) fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * libm::exp(sigma * self.normal())
    }

    /// Exponential with this mean.
    pub(crate) fn exponential(&mut self, mean: f64) -> f64 {
        -mean * libm::log(1.0 - self.unit())
    }

    /// Geometric on 1, 2, 3, … with this mean (≥ 1).
    pub(crate) fn geometric_from_one(&mut self, mean: f64) -> i64 {
        if mean <= 1.0 {
            return 1;
        }
        let u = 1.0 - self.unit(); // (0, 1]
        1 + (libm::log(u) / libm::log(1.0 - 1.0 / mean)) as i64
    }

    /// An index drawn by cumulative weights (the last weight is the total).
    pub(crate) fn pick(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(0.0);
        let x = self.unit() * total;
        cumulative.partition_point(|&c| c <= x).min(cumulative.len().saturating_sub(1))
    }
}
