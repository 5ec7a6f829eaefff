//! Which (track state, event, actor) triples the scenario corpus reaches, against those the
//! exploration of the machine accepts. A triple is the state of the event's own track just
//! before the event (`utskrivning::conformance::explore::own_state`), the event type and the actor.
//!
//! `cargo run -q --release -p utskrivning-tools --bin coverage -- docs/coverage.md [FILE...]`
//! (the files default to `tests/scenarios/*.json`; `--depth N` before the output path explores
//! deeper) writes the report; it lists every triple
//! the exploration accepts that no scenario accepts, the gaps a new scenario should close.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::{Map, Value};
use utskrivning::conformance::explore;
use utskrivning::{Case, EventType, Role, Routine, embed};

/// As deep as the diagrams look: depth 8 finds every triple that depth 10 finds.
const DEPTH: usize = 8;

/// `(track, state, event, actor)`.
type Triple = (&'static str, &'static str, EventType, Role);

/// What the scenarios did with one triple: the files that had it accepted, and the codes (with
/// files) it was rejected with.
#[derive(Default)]
struct Seen {
    accepted: BTreeSet<String>,
    rejected: BTreeMap<&'static str, BTreeSet<String>>,
}

#[derive(Default)]
struct Corpus {
    files: usize,
    steps: usize,
    /// Follow-up question events, keyed by no track state.
    follow_ups: usize,
    /// Events that do not parse (`invalid_input`), keyed by no track state either.
    malformed: usize,
    triples: BTreeMap<Triple, Seen>,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let mut depth = DEPTH;
    if args.peek().is_some_and(|a| a == "--depth") {
        args.next();
        depth = args.next().and_then(|d| d.parse().ok()).unwrap_or(DEPTH);
    }
    let out = args.next().unwrap_or_else(|| "docs/coverage.md".into());
    let mut files: Vec<String> = args.collect();
    if files.is_empty() {
        files = scenario_files();
    }
    let corpus = match read_corpus(&files) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("coverage: {e}");
            return ExitCode::FAILURE;
        }
    };
    let explored = explored(depth);
    let report = report(&corpus, &explored, depth);
    if let Err(e) = std::fs::write(&out, report) {
        eprintln!("coverage: {out}: {e}");
        return ExitCode::FAILURE;
    }
    let missing = explored.iter().filter(|t| !accepted_in_corpus(&corpus, t)).count();
    println!("{} of {} accepted triples covered; {missing} missing → {out}", explored.len() - missing, explored.len());
    ExitCode::SUCCESS
}

fn scenario_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("tests/scenarios")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    files
}

/// Runs every scenario through the core as the reference runner does, noting each event
/// step's triple and outcome.
fn read_corpus(files: &[String]) -> Result<Corpus, String> {
    let mut corpus = Corpus::default();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let scenario: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        let steps = scenario.get("steps").and_then(Value::as_array).ok_or(format!("{file}: no steps"))?;
        let name = std::path::Path::new(file).file_stem().map_or(file.clone(), |s| s.to_string_lossy().into_owned());
        corpus.files += 1;
        let mut case = Case::new();
        for step in steps {
            if step.get("view").and_then(Value::as_bool) == Some(true) {
                continue; // views change no track, and leave the triples alone
            }
            corpus.steps += 1;
            let mut event = Map::new();
            event.insert("at".into(), step.get("at").cloned().unwrap_or(Value::Null));
            event.insert("actor".into(), step.get("actor").cloned().unwrap_or(Value::Null));
            if let Some(Value::Object(fields)) = step.get("event") {
                event.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            let Ok(event) = embed::event_from_value(&Value::Object(event)) else {
                corpus.malformed += 1;
                continue;
            };
            let own = explore::own_state(&case, &event.kind);
            let answer = case.apply(&event);
            let Some((track, state)) = own else {
                corpus.follow_ups += 1;
                continue;
            };
            let seen = corpus.triples.entry((track, state, event.kind.event_type(), event.actor)).or_default();
            match answer {
                Ok(_) => seen.accepted.insert(name.clone()),
                Err(e) => seen.rejected.entry(e.code.as_str()).or_default().insert(name.clone()),
            };
        }
    }
    Ok(corpus)
}

/// Every triple the machine accepts somewhere, under either routine.
fn explored(depth: usize) -> BTreeSet<Triple> {
    let alphabet = explore::full_alphabet();
    let mut found: BTreeSet<Triple> = Routine::ALL
        .iter()
        .flat_map(|r| explore::explore_with(*r, depth, &alphabet, |_, _, _, _, _| {}).accepted)
        .collect();
    // The exploration starts from admitted cases: the inpatient's `admit` made them.
    found.insert(("phase", "not_admitted", EventType::Admit, Role::Inpatient));
    found
}

fn accepted_in_corpus(corpus: &Corpus, triple: &Triple) -> bool {
    corpus.triples.get(triple).is_some_and(|s| !s.accepted.is_empty())
}

/// Sorts triples as the spec reads: tracks in the snapshot's order, states in the
/// vocabulary's, then events and roles in theirs.
fn order(triples: impl IntoIterator<Item = Triple>) -> Vec<Triple> {
    let tracks = Case::new().state_names().map(|(t, _)| t);
    let labels = utskrivning::embed::label_rows();
    let state_rank = |track: &str, state: &str| {
        let kind = if track.starts_with("consents.") { "consent" } else { track };
        labels.iter().find(|(k, _)| *k == kind).and_then(|(_, rows)| rows.iter().position(|r| r.0 == state))
    };
    let mut v: Vec<Triple> = triples.into_iter().collect();
    v.sort_by_key(|&(t, s, e, r)| (tracks.iter().position(|x| *x == t), state_rank(t, s), e, r));
    v
}

/// `3 files (033, 034, 052)`: a file's number is enough to find it.
fn files(names: &BTreeSet<String>) -> String {
    let numbers: Vec<&str> = names.iter().map(|n| n.split('_').next().unwrap_or(n)).collect();
    match numbers.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        more if more.len() <= 4 => more.join(", "),
        more => format!("{}, … ({} files)", more[..3].join(", "), more.len()),
    }
}

fn rejections(seen: Option<&Seen>) -> String {
    seen.map(|s| s.rejected.iter().map(|(code, f)| format!("{code} ({})", files(f))).collect::<Vec<_>>().join("; "))
        .unwrap_or_default()
}

fn report(corpus: &Corpus, explored: &BTreeSet<Triple>, depth: usize) -> String {
    let reached: BTreeSet<Triple> = corpus.triples.keys().copied().collect();
    let accepted: BTreeSet<Triple> = reached.iter().copied().filter(|t| accepted_in_corpus(corpus, t)).collect();
    let missing = order(explored.difference(&accepted).copied());
    let unexplored = order(accepted.difference(explored).copied());
    let mut s = String::from(
        "# Coverage of the scenario corpus\n\n\
         Generated by `cargo run -q --release -p utskrivning-tools --bin coverage -- docs/coverage.md`;\n\
         `cargo xtask test fuzz` fails when it is out of date.\n\n\
         A *triple* is the state of the event's own track just before the event, the event type and\n\
         the actor (`phase` for the phase events, `check_in` for the check-in and agenda events, and so\n\
         on; `utskrivning::conformance::explore::own_state`). The scenarios' triples come from running every\n\
         `tests/scenarios/*.json` through the core, accepted or rejected. The machine's come from\n",
    );
    let _ = writeln!(
        s,
        "`utskrivning::conformance::explore` with the full alphabet (every event template by every role) to {depth} events after\n\
         `admit`, under both routines, with and without municipal care at admission: the triples it\n\
         ever accepts. Follow-up question events (a list, not a track with states) and events that\n\
         do not parse are not keyed by a triple and are only counted.\n"
    );
    let rejected_only = reached.len() - accepted.len();
    s.push_str("## Summary\n\n");
    let _ = writeln!(s, "| | |\n| --- | ---: |");
    let _ = writeln!(s, "| scenario files | {} |", corpus.files);
    let _ = writeln!(s, "| event steps (views not counted) | {} |", corpus.steps);
    let _ = writeln!(s, "| … of them follow-up question events | {} |", corpus.follow_ups);
    let _ = writeln!(s, "| … of them malformed (`invalid_input` before any state) | {} |", corpus.malformed);
    let _ = writeln!(s, "| triples the scenarios reach | {} |", reached.len());
    let _ = writeln!(s, "| … accepted in some scenario | {} |", accepted.len());
    let _ = writeln!(s, "| … only ever rejected | {rejected_only} |");
    let _ = writeln!(s, "| triples the machine accepts (exploration) | {} |", explored.len());
    let _ = writeln!(s, "| … accepted in some scenario too | {} |", explored.len() - missing.len());
    let _ = writeln!(s, "| … accepted in no scenario | {} |", missing.len());
    let _ = writeln!(s, "| triples accepted in a scenario, never in the exploration | {} |\n", unexplored.len());

    s.push_str("## Accepted by the machine, in no scenario\n\n");
    if missing.is_empty() {
        s.push_str("None: every triple the machine accepts is accepted in some scenario.\n\n");
    } else {
        s.push_str("| track | state | event | actor | scenarios reject it with |\n| --- | --- | --- | --- | --- |\n");
        for t in &missing {
            let _ = writeln!(s, "| {} | {} | {} | {} | {} |", t.0, t.1, t.2, t.3, rejections(corpus.triples.get(t)));
        }
        s.push('\n');
    }
    s.push_str("## Accepted in a scenario, never in the exploration\n\n");
    if unexplored.is_empty() {
        s.push_str("None.\n\n");
    } else {
        s.push_str(
            "The exploration's alphabet or depth does not reach these (a scenario's own times or texts do).\n\n\
             | track | state | event | actor | accepted in |\n| --- | --- | --- | --- | --- |\n",
        );
        for t in &unexplored {
            let f = corpus.triples.get(t).map(|s| files(&s.accepted)).unwrap_or_default();
            let _ = writeln!(s, "| {} | {} | {} | {} | {f} |", t.0, t.1, t.2, t.3);
        }
        s.push('\n');
    }
    s.push_str(
        "## Every triple\n\n\
         `machine`: accepted by the exploration. `accepted in` and `rejected with`: the scenario files\n\
         (by number) where that triple was accepted or rejected, and with which code.\n\n\
         | track | state | event | actor | machine | accepted in | rejected with |\n\
         | --- | --- | --- | --- | :---: | --- | --- |\n",
    );
    for t in order(reached.union(explored).copied()) {
        let seen = corpus.triples.get(&t);
        let acc = seen.map(|x| files(&x.accepted)).unwrap_or_default();
        let mark = if explored.contains(&t) { "✓" } else { "" };
        let _ = writeln!(s, "| {} | {} | {} | {} | {mark} | {acc} | {} |", t.0, t.1, t.2, t.3, rejections(seen));
    }
    s
}
