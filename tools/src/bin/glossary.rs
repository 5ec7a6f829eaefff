//! Writes docs/glossary.md from the library's own labels, so the glossary cannot drift from
//! what the bindings show. `cargo run -p utskrivning-tools --bin glossary -- docs/glossary.md`

use std::fmt::Write;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "docs/glossary.md".into());
    let mut out = String::from(
        "# Glossary (sv/en)\n\nGenerated from `utskrivning::labels` by \
         `cargo run -p utskrivning-tools --bin glossary -- docs/glossary.md`; do not edit by hand.\n\
         Every identifier of the spec, its Swedish label (the term used in the routines and in SAMSA) \
         and its English label.\n",
    );
    for (kind, rows) in utskrivning::embed::label_rows() {
        let _ = write!(out, "\n## {kind}\n\n| identifier | svenska | English |\n| --- | --- | --- |\n");
        for (id, sv, en) in rows {
            let _ = writeln!(out, "| `{id}` | {sv} | {en} |");
        }
    }
    std::fs::write(path, out)
}
