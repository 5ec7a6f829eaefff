//! Writes `include/utskrivning.h` from this crate with cbindgen (config: `cbindgen.toml`).
//! `cargo run -p utskrivning-c --bin utskrivning-c-header` — the xtask runs it, then fails if
//! the committed header differs.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = match cbindgen::Config::from_file(dir.join("cbindgen.toml")) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("utskrivning-c-header: {e}");
            return ExitCode::FAILURE;
        }
    };
    config.after_includes = Some(version_macros());
    let header = dir.join("include/utskrivning.h");
    match cbindgen::Builder::new().with_crate(dir).with_config(config).generate() {
        Ok(bindings) => {
            bindings.write_to_file(&header);
            eprintln!("wrote {}", header.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("utskrivning-c-header: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The version macros, from the package version: the one place it is written.
fn version_macros() -> String {
    format!(
        "\n/** The version of this header; `utskrivning_version()` gives the library's. */\n\
         #define UTSKRIVNING_VERSION \"{}\"\n\
         #define UTSKRIVNING_VERSION_MAJOR {}\n\
         #define UTSKRIVNING_VERSION_MINOR {}\n\
         #define UTSKRIVNING_VERSION_PATCH {}",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    )
}
