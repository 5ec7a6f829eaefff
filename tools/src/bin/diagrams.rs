//! Statechart diagrams drawn from the running machine: `utskrivning::conformance::explore` walks every case
//! reachable from admission (both routines, a bounded number of events) and records each state
//! change a track made and each event a track accepted without moving. statig keeps its
//! transitions in handler code, so this is the only faithful picture (toolchain.md, statig
//! issue #26).
//!
//! `cargo run -q --release -p utskrivning-tools --bin diagrams -- docs/diagrams` writes one
//! Mermaid (`.mmd`) and one Graphviz (`.dot`) file per track, the same for the whole case, and
//! a README.md that shows them all; with Graphviz's `dot` on the PATH it also renders the whole
//! case to `case.svg` and `case.png`. The test command checks the files for drift.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode};

use utskrivning::conformance::explore;
use utskrivning::{Case, EventType, PhaseState, Routine};

/// Depth 8 is the first that draws every edge with every event that takes it (the SIP made
/// needed by the `sip_consent` agenda item once the patient has decided comes last); depth 10
/// draws the same diagrams. Depth 8 takes under ten seconds in release.
const DEPTH: usize = 8;

/// `(track, from, to)` → the events that take it.
type Edges = BTreeMap<(&'static str, &'static str, &'static str), BTreeSet<EventType>>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().map_or("docs/diagrams", String::as_str);
    let depth = args.get(1).and_then(|d| d.parse().ok()).unwrap_or(DEPTH);
    match run(Path::new(out), depth) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diagrams: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(out: &Path, depth: usize) -> Result<(), String> {
    let edges = collect(depth);
    let tracks = tracks();
    for (track, states) in &tracks {
        for state in states {
            let touched = edges.keys().any(|(t, f, to)| t == track && (f == state || to == state));
            if !touched {
                eprintln!("diagrams: note: {track} state `{state}` is never reached at depth {depth}");
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let write = |name: &str, text: &str| {
        std::fs::write(out.join(name), text).map_err(|e| format!("{}: {e}", out.join(name).display()))
    };
    for (track, states) in &tracks {
        write(&format!("{}.mmd", file_stem(track)), &mermaid_track(track, states, &edges))?;
        write(&format!("{}.dot", file_stem(track)), &dot_track(track, states, &edges))?;
    }
    write("case.mmd", &mermaid_case(&tracks, &edges))?;
    write("case.dot", &dot_case(&tracks, &edges))?;
    write("README.md", &readme(&tracks, &edges, depth))?;
    render(out)
}

/// Every state change and every event accepted without a move, per track, from both routines.
fn collect(depth: usize) -> Edges {
    let alphabet = explore::full_alphabet();
    let mut edges = Edges::new();
    for &routine in Routine::ALL {
        let mut stays: BTreeSet<(&'static str, &'static str, EventType)> = BTreeSet::new();
        let found = explore::explore_with(routine, depth, &alphabet, |before, event, answer, after, _| {
            if answer.is_err() {
                return;
            }
            if let (Some((track, from)), Some((_, to))) =
                (explore::own_state(before, &event.kind), explore::own_state(after, &event.kind))
                && from == to
            {
                stays.insert((track, from, event.kind.event_type()));
            }
        });
        eprintln!(
            "diagrams: {routine}: depth {}, {} states, {} attempts, {} transitions",
            found.depth,
            found.states,
            found.attempts,
            found.transitions.len()
        );
        let moves = found.transitions.iter().map(|t| (t.track, t.from, t.to, t.event));
        for (track, from, to, event) in moves.chain(stays.into_iter().map(|(t, s, e)| (t, s, s, e))) {
            edges.entry((track, from, to)).or_default().insert(event);
        }
    }
    edges
}

/// Each track's path and its states in the spec's order, as the vocabulary lists them.
fn tracks() -> Vec<(&'static str, Vec<&'static str>)> {
    let labels = utskrivning::embed::label_rows();
    Case::new()
        .state_names()
        .iter()
        .map(|(track, _)| {
            let kind = if track.starts_with("consents.") { "consent" } else { track };
            let states = labels.iter().find(|(k, _)| *k == kind).map(|(_, rows)| rows.iter().map(|r| r.0).collect());
            (*track, states.unwrap_or_default())
        })
        .collect()
}

fn initial(track: &str) -> &'static str {
    Case::new().state_names().iter().find(|(t, _)| *t == track).map_or("", |(_, s)| s)
}

fn is_final(track: &str, state: &str) -> bool {
    track == "phase" && PhaseState::parse(state).is_some_and(PhaseState::is_finished)
}

fn file_stem(track: &str) -> String {
    track.replace('.', "_")
}

/// The events of one edge, one per line (parallel edges merged into one).
fn label_lines(events: &BTreeSet<EventType>) -> Vec<String> {
    events.iter().map(EventType::to_string).collect()
}

/// A track's edges in the order of its states (the vocabulary's), so the files read in order.
fn track_edges(track: &str, states: &[&'static str], edges: &Edges) -> Vec<(&'static str, &'static str, Vec<String>)> {
    let rank = |s: &str| states.iter().position(|x| *x == s);
    let mut v: Vec<_> = edges
        .iter()
        .filter(|((t, _, _), _)| *t == track)
        .map(|((_, from, to), events)| (*from, *to, label_lines(events)))
        .collect();
    v.sort_by_key(|(from, to, _)| (rank(from), rank(to)));
    v
}

/// The states a diagram shows: those the exploration reached, in the vocabulary's order.
fn shown<'a>(track: &str, states: &'a [&'static str], edges: &Edges) -> Vec<&'a str> {
    states
        .iter()
        .copied()
        .filter(|s| *s == initial(track) || edges.keys().any(|(t, f, to)| *t == track && (f == s || to == s)))
        .collect()
}

// --- Mermaid ---------------------------------------------------------------------------------

fn mermaid_id(track: &str, state: &str) -> String {
    format!("{}__{state}", file_stem(track))
}

fn mermaid_body(track: &str, states: &[&'static str], edges: &Edges, indent: &str) -> String {
    let mut s = String::new();
    for state in shown(track, states, edges) {
        let _ = writeln!(s, "{indent}{} : {state}", mermaid_id(track, state));
    }
    let _ = writeln!(s, "{indent}[*] --> {}", mermaid_id(track, initial(track)));
    for (from, to, lines) in track_edges(track, states, edges) {
        let _ =
            writeln!(s, "{indent}{} --> {} : {}", mermaid_id(track, from), mermaid_id(track, to), lines.join("<br/>"));
    }
    for state in shown(track, states, edges).into_iter().filter(|s| is_final(track, s)) {
        let _ = writeln!(s, "{indent}{} --> [*]", mermaid_id(track, state));
    }
    s
}

fn mermaid_track(track: &str, states: &[&'static str], edges: &Edges) -> String {
    format!("stateDiagram-v2\n    direction LR\n{}", mermaid_body(track, states, edges, "    "))
}

/// The whole case: one composite state per track, the tracks moving side by side.
fn mermaid_case(tracks: &[(&'static str, Vec<&'static str>)], edges: &Edges) -> String {
    let mut s = String::from("stateDiagram-v2\n");
    for (track, states) in tracks {
        let _ = writeln!(s, "    state \"{track}\" as {} {{", file_stem(track));
        s.push_str("        direction LR\n");
        s.push_str(&mermaid_body(track, states, edges, "        "));
        s.push_str("    }\n");
    }
    s
}

// --- Graphviz ---------------------------------------------------------------------------------

const DOT_STYLE: &str = "    node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n    \
                         edge [fontname=\"Helvetica\", fontsize=9];\n";

fn dot_body(track: &str, states: &[&'static str], edges: &Edges, indent: &str) -> String {
    let id = |state: &str| format!("\"{}.{state}\"", file_stem(track));
    let mut s = String::new();
    let _ = writeln!(s, "{indent}\"{}.start\" [shape=point, width=0.12, label=\"\"];", file_stem(track));
    for state in shown(track, states, edges) {
        let extra = if is_final(track, state) { ", peripheries=2" } else { "" };
        let _ = writeln!(s, "{indent}{} [label=\"{state}\"{extra}];", id(state));
    }
    let _ = writeln!(s, "{indent}\"{}.start\" -> {};", file_stem(track), id(initial(track)));
    for (from, to, lines) in track_edges(track, states, edges) {
        let label: String = lines.iter().map(|l| format!("{l}\\l")).collect();
        let _ = writeln!(s, "{indent}{} -> {} [label=\"{label}\"];", id(from), id(to));
    }
    s
}

fn dot_track(track: &str, states: &[&'static str], edges: &Edges) -> String {
    format!(
        "digraph \"{track}\" {{\n    rankdir=LR;\n    label=\"{track}\";\n    labelloc=t;\n{DOT_STYLE}{}}}\n",
        dot_body(track, states, edges, "    ")
    )
}

/// The whole case: one cluster per track.
fn dot_case(tracks: &[(&'static str, Vec<&'static str>)], edges: &Edges) -> String {
    let mut s = String::from(
        "digraph case {\n    rankdir=LR;\n    newrank=true;\n    compound=true;\n    \
         label=\"utskrivning: one case, its tracks side by side (drawn from the running machine)\";\n    \
         labelloc=t;\n    fontname=\"Helvetica\";\n",
    );
    s.push_str(DOT_STYLE);
    // Graphviz stacks unconnected clusters bottom-up: reversed, `phase` comes out on top.
    for (track, states) in tracks.iter().rev() {
        let _ = writeln!(
            s,
            "    subgraph \"cluster_{}\" {{\n        label=\"{track}\";\n        style=rounded;\n        color=gray60;",
            file_stem(track)
        );
        s.push_str(&dot_body(track, states, edges, "        "));
        s.push_str("    }\n");
    }
    s.push_str("}\n");
    s
}

fn render(out: &Path) -> Result<(), String> {
    if Command::new("dot").arg("-V").output().is_err() {
        eprintln!("diagrams: Graphviz `dot` not found; case.svg and case.png not rendered");
        return Ok(());
    }
    for format in ["svg", "png"] {
        let target = out.join(format!("case.{format}"));
        let status = Command::new("dot")
            .arg(format!("-T{format}"))
            .arg(out.join("case.dot"))
            .arg("-o")
            .arg(&target)
            .status()
            .map_err(|e| format!("dot: {e}"))?;
        if !status.success() {
            return Err(format!("dot -T{format} failed ({status})"));
        }
    }
    Ok(())
}

// --- README ----------------------------------------------------------------------------------

fn readme(tracks: &[(&'static str, Vec<&'static str>)], edges: &Edges, depth: usize) -> String {
    let mut s = String::from(
        "# Statechart diagrams\n\n\
         Generated by `cargo run -q --release -p utskrivning-tools --bin diagrams -- docs/diagrams`\n\
         from the running machine, not drawn by hand: `utskrivning::conformance::explore` applies every event of\n\
         its alphabet, by every role, to every case reachable from admission under both routines\n",
    );
    let _ = write!(
        s,
        "(up to {depth} events after `admit`), and records each state change a track makes and each\n\
         event a track accepts without moving (the loops). An edge lists every event that takes it.\n\
         Both routines share the diagrams: `start_item` and `skip_item` (the agenda) are used only\n\
         under `individual_check_in`. A change in another track than the event's own (the colour\n\
         track making the SIP needed, a withdrawn consent withdrawing the care request) is drawn in\n\
         the track that moves. Follow-up questions are a list, not a track with states, and are\n\
         not drawn. `cargo xtask test fuzz` fails when these\n\
         files are out of date.\n\n\
         Each diagram is also here as Graphviz (`.dot`); the whole case is rendered as\n\
         [case.svg](case.svg) and [case.png](case.png).\n\n"
    );
    let counts: usize = edges.values().map(BTreeSet::len).sum();
    let _ = writeln!(s, "{} edges, {counts} event labels in all.\n", edges.len());
    s.push_str("## The whole case\n\n![the whole case](case.svg)\n\n");
    for (track, states) in tracks {
        let _ = writeln!(s, "## {track}\n\n```mermaid\n{}```\n", mermaid_track(track, states, edges));
    }
    s
}
