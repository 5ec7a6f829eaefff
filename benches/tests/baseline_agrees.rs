//! The baseline is only a baseline if it does the core's work: for the benchmarked stream it
//! must accept and refuse the same events with the same effects and errors, and end in the
//! same states with the same journal.

use utskrivning::{PhaseState, Purpose};
use utskrivning_benches::baseline::Baseline;
use utskrivning_benches::fixtures;

#[test]
fn baseline_answers_the_stream_exactly_as_the_core() {
    let mut case = fixtures::care_request_ready();
    let mut baseline = Baseline::from_case(&case);
    let mut refused = 0;
    for (i, event) in fixtures::care_request_stream().iter().enumerate() {
        let core = case.apply(event);
        refused += usize::from(core.is_err());
        assert_eq!(baseline.apply(event), core, "event {i} ({})", event.kind.event_type());
        assert_eq!(baseline.care_request(), case.care_request(), "care request after event {i}");
        assert_eq!(baseline.consent(), case.consent(Purpose::CareRequest), "consent after event {i}");
    }
    assert_eq!(baseline.journal(), case.journal());
    assert_eq!(refused, 8, "the stream refuses one event for each check it exercises");
}

#[test]
fn the_typical_full_cases_run_to_closed() {
    for (steps, accepted) in [(fixtures::seed_000(), 21), (fixtures::seed_003(), 21)] {
        let case = fixtures::play(&steps);
        assert_eq!(case.phase(), PhaseState::Closed);
        assert_eq!(case.journal_len(), accepted);
    }
}
