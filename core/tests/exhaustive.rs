//! Breadth-first over every case reachable from admission under each routine, with a finite
//! alphabet of events × all seven roles: every (state, event, actor) answers Ok or a spec code,
//! a rejection changes nothing, and every state reached keeps the invariants.

use utskrivning::conformance::explore::explore;
use utskrivning::conformance::invariants::{check_answer, check_case};
use utskrivning::{ErrorCode, Routine};

const DEPTH: usize = 10;

// One test per routine, so that the test harness runs the two explorations side by side.
#[test]
fn every_reachable_state_answers_every_event_and_keeps_the_invariants_professional() {
    explore_routine(Routine::ProfessionalCheckIn);
}

#[test]
fn every_reachable_state_answers_every_event_and_keeps_the_invariants_individual() {
    explore_routine(Routine::IndividualCheckIn);
}

fn explore_routine(routine: Routine) {
    {
        let routine = &routine;
        let mut broken = Vec::new();
        let mut codes = std::collections::BTreeSet::new();
        let found = explore(*routine, DEPTH, |before, event, answer, after, new| {
            if let Err(e) = answer {
                codes.insert(e.code);
            }
            let verdict =
                check_answer(before, event, answer, after).and_then(|()| if new { check_case(after) } else { Ok(()) });
            if let Err(why) = verdict {
                if broken.len() < 10 {
                    broken.push(format!("{} by {}: {why}", event.kind.event_type(), event.actor));
                }
            }
        });
        println!(
            "{routine}: {} distinct states to depth {}, {} attempts, {} transitions, error codes seen: {}",
            found.states,
            found.depth,
            found.attempts,
            found.transitions.len(),
            codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
        );
        assert!(broken.is_empty(), "{routine}: {}", broken.join("\n"));
        assert_eq!(found.depth, DEPTH, "{routine}: the exploration stopped early");
        // Every code the spec has is reachable by some event in some state (time and finished
        // case codes included); only `invalid_input` needs malformed JSON or unknown ids.
        for code in
            ErrorCode::ALL.iter().filter(|c| !matches!(c, ErrorCode::TimeWentBackwards | ErrorCode::NoCareRelationship))
        {
            assert!(codes.contains(code), "{routine}: no state answered {code}");
        }
    }
}
