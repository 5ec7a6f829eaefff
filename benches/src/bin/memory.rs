//! Bytes per live case, measured: a counting global allocator, N cases built and kept alive
//! in one `Vec` (so each case's own struct is counted with its heap), and the live bytes
//! after, less those before, divided by N. The fixtures are built before counting starts.
//!
//! cargo run --release -p utskrivning-benches --bin memory [-- N]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering::Relaxed};

use utskrivning::Case;
use utskrivning_benches::fixtures::{self, Step};

/// The system allocator, counting the bytes it has handed out and not yet got back.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to `System` unchanged; the counters are only arithmetic.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Relaxed);
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract for `alloc` is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Relaxed);
        // SAFETY: the caller's contract for `dealloc` is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Relaxed);
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract for `realloc` is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Live bytes per case and allocations per case for N cases built by `build`.
fn per_case(n: usize, build: impl Fn() -> Case) -> (f64, f64) {
    let (live_before, allocs_before) = (LIVE.load(Relaxed), ALLOCATIONS.load(Relaxed));
    let mut cases = Vec::with_capacity(n);
    for _ in 0..n {
        cases.push(build());
    }
    let live = LIVE.load(Relaxed) - live_before;
    let allocs = ALLOCATIONS.load(Relaxed) - allocs_before;
    drop(std::hint::black_box(cases));
    (live as f64 / n as f64, allocs as f64 / n as f64)
}

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000usize);
    let stories: [(&str, Vec<Step>); 2] = [("seed_000", fixtures::seed_000()), ("seed_003", fixtures::seed_003())];
    println!(
        "bytes per live case, N = {n} cases kept alive (size_of::<Case>() = {} bytes, included)",
        size_of::<Case>()
    );
    println!("{:<44} {:>10} {:>18}", "case", "bytes", "allocations made");
    for (name, steps) in &stories {
        let journal = fixtures::play(steps).journal_len();
        let full = per_case(n, || fixtures::play(steps));
        let restored_from = fixtures::play(steps).snapshot_json();
        let restored = per_case(n, || Case::restore(&restored_from).unwrap_or_default());
        let half = per_case(n, || fixtures::play_prefix(steps, steps.len() / 2));
        println!("{:<44} {:>10.0} {:>18.0}", format!("{name}, full ({journal} events, played)"), full.0, full.1);
        println!(
            "{:<44} {:>10.0} {:>18.0}",
            format!("{name}, full, restored from its snapshot"),
            restored.0,
            restored.1
        );
        println!("{:<44} {:>10.0} {:>18.0}", format!("{name}, in flight (first half of the steps)"), half.0, half.1);
    }
    println!("target: <= 2048 bytes per live case");
}
