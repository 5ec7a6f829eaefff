//! Writes the JSON Schemas of every document the engine reads or writes into a directory
//! (docs/schema/README.md), from `utskrivning::embed::schema` (feature `schema`).
//!
//! `cargo run -q -p utskrivning-tools --bin schemas -- docs/schema` writes them;
//! `... -- --check docs/schema` writes nothing and fails, naming each file, when the directory
//! holds anything else than what it would write (`cargo xtask test rust` runs it).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

use utskrivning::embed::schema;

fn rendered() -> Vec<(&'static str, String)> {
    schema::files()
        .into_iter()
        .map(|(name, value)| {
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            (name, text + "\n")
        })
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (check, dir) = match args.as_slice() {
        [flag, dir] if flag == "--check" => (true, dir),
        [dir] => (false, dir),
        _ => {
            eprintln!("usage: schemas [--check] DIR");
            return ExitCode::from(2);
        }
    };
    let dir = Path::new(dir);
    let files = rendered();
    if !check {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        for (name, text) in &files {
            if let Err(e) = std::fs::write(dir.join(name), text) {
                eprintln!("{name}: {e}");
                return ExitCode::FAILURE;
            }
        }
        println!("{} schemas -> {}", files.len(), dir.display());
        return ExitCode::SUCCESS;
    }
    let mut differ = Vec::new();
    for (name, text) in &files {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            differ.push(name.to_string());
        }
    }
    let ours: BTreeSet<&str> = files.iter().map(|(n, _)| *n).collect();
    let on_disk = std::fs::read_dir(dir).into_iter().flatten().filter_map(|e| e.ok());
    for entry in on_disk {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".schema.json") && !ours.contains(name.as_str()) {
            differ.push(format!("{name} (not generated)"));
        }
    }
    if differ.is_empty() {
        println!("{} schemas in sync", files.len());
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "schemas out of date in {} (cargo run -p utskrivning-tools --bin schemas -- {}):",
            dir.display(),
            dir.display()
        );
        for name in differ {
            eprintln!("  {name}");
        }
        ExitCode::FAILURE
    }
}
