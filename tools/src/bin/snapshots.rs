//! Writes the snapshot of every scenario's case, unkeyed and under a test key, so that another
//! language can verify the chain's heads independently (tools/verify_chain.py, run by `cargo
//! xtask test`): `snapshots OUTDIR KEY FILE...` writes `OUTDIR/<stem>.json` and
//! `OUTDIR/<stem>.keyed.json`.

use std::path::Path;
use std::process::ExitCode;

use utskrivning::conformance::driven::drive_case;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, key, files @ ..] = args.as_slice() else {
        eprintln!("usage: snapshots OUTDIR KEY FILE...");
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{out}: {e}");
        return ExitCode::FAILURE;
    }
    let mut written = 0;
    for file in files {
        let scenario = match std::fs::read_to_string(file).map(|t| serde_json::from_str(&t)) {
            Ok(Ok(v)) => v,
            _ => {
                eprintln!("{file}: not a scenario");
                return ExitCode::FAILURE;
            }
        };
        let case = drive_case(&scenario);
        let stem = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let plain = std::fs::write(Path::new(out).join(format!("{stem}.json")), case.snapshot_json());
        let keyed = std::fs::write(
            Path::new(out).join(format!("{stem}.keyed.json")),
            case.snapshot_json_with_key(key.as_bytes()),
        );
        if plain.is_err() || keyed.is_err() {
            eprintln!("{out}: cannot write");
            return ExitCode::FAILURE;
        }
        written += 2;
    }
    println!("{written} snapshots written to {out}");
    ExitCode::SUCCESS
}
