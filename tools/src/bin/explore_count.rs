fn main() {
    let depth: usize = std::env::args().nth(1).and_then(|d| d.parse().ok()).unwrap_or(5);
    for routine in utskrivning::Routine::ALL {
        let t = std::time::Instant::now();
        let found = utskrivning::conformance::explore::explore(*routine, depth, |_, _, _, _, _| {});
        println!("{routine} depth {depth}: {} states, {} attempts, {:?}", found.states, found.attempts, t.elapsed());
    }
}
