//! Writes docs/errors.md from the core's table of error shapes (`utskrivning::ERROR_SHAPES`):
//! every code with its labels, the shapes of its details (keys, types, meanings) and an
//! example. `cargo run -q -p utskrivning-tools --bin errors -- docs/errors.md`; `cargo xtask
//! test` fails if the file drifts.

use std::fmt::Write as _;
use std::process::ExitCode;

use utskrivning::embed::{self, Internal};
use utskrivning::{DetailKey, ERROR_SHAPES, Lang, POSITION_KEYS, Problem};

fn keys_table(out: &mut String, keys: &[DetailKey]) {
    out.push_str("| key | type | required | meaning |\n| --- | --- | --- | --- |\n");
    for k in keys {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            k.name,
            k.kind.as_str(),
            if k.required { "yes" } else { "no" },
            k.meaning
        );
    }
}

fn render() -> String {
    let mut out = String::new();
    out.push_str(
        "# Errors\n\n\
         Generated from `utskrivning::ERROR_SHAPES` (core/src/model/error_shapes.rs) by\n\
         `cargo run -q -p utskrivning-tools --bin errors -- docs/errors.md`; do not edit by hand.\n\n\
         Every rejection, in every binding, reads the same in JSON:\n\n\
         ```json\n\
         {\"code\": \"wrong_state\", \"message_sv\": \"…\", \"message_en\": \"…\", \"details\": {…}}\n\
         ```\n\n\
         `code` is one of the spec's 14 codes, or `internal` (below). The messages are the code's label\n\
         followed by what the details name, ` (key=value, …)`. **Details name fields, codes, states,\n\
         roles and positions, never a value a person wrote**: an error can be logged and shown\n\
         without leaking patient text. Each code's details have one of the shapes below; a test\n\
         (core/tests/error_details.rs) checks every refusal of the scenario and session corpora\n\
         against them.\n\n\
         Besides its own keys, any code's details may carry these, saying where the failure was:\n\n",
    );
    keys_table(&mut out, POSITION_KEYS);
    for (code, shapes) in ERROR_SHAPES {
        let sv = embed::label("error", code.as_str(), Lang::Sv).unwrap_or_default();
        let en = embed::label("error", code.as_str(), Lang::En).unwrap_or_default();
        let _ = writeln!(out, "\n## `{code}`\n\n{en} — *{sv}*\n");
        for shape in *shapes {
            let _ = writeln!(out, "When {}:\n", shape.when);
            keys_table(&mut out, shape.keys);
            let _ = writeln!(out, "\nExample: `{}`\n", shape.example);
        }
    }
    out.push_str("\n## The problems of `invalid_input` and of the planner's `wrong_state`\n\n");
    let words: Vec<String> = Problem::ALL.iter().map(|p| format!("`{p}`")).collect();
    let _ = writeln!(out, "The `problem` detail is one of: {}.", words.join(", "));
    let _ = writeln!(
        out,
        "\n## `internal`\n\nNot one of the spec's codes: nothing a caller sends causes it. A binding answers it \
         when it caught a panic at its boundary (`reason`: `{}`), when the object was being changed when a panic \
         struck and is not trusted since (`{}`), or when an answer could not be written (`{}`). The same in C, \
         Python, Kotlin and Swift (`utskrivning::embed::Internal`):\n\n```json\n{}\n```",
        Internal::Panic.as_str(),
        Internal::Poisoned.as_str(),
        Internal::Output.as_str(),
        Internal::Panic.to_json()
    );
    out
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: errors OUT.md");
        return ExitCode::from(2);
    };
    match std::fs::write(&path, render()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
