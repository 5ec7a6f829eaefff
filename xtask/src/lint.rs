//! lint: formatting (rustfmt.toml; the fuzz crate too), the core's layers (layers.rs), then clippy with warnings
//! as errors. Stops at the first that fails.

use crate::layers;
use crate::util::{self, cargo};

/// The `lint` part: all three.
pub fn run() -> Result<String, String> {
    lint(true)
}

/// `lint --no-clippy`: the quick two, while developing.
pub fn without_clippy() -> Result<String, String> {
    lint(false)
}

fn lint(clippy: bool) -> Result<String, String> {
    util::run(cargo().args(["fmt", "--all", "--check"]))
        .map_err(|_| "fmt: the tree is not formatted (`cargo fmt --all` formats it)".to_string())?;
    // The fuzz crate is a workspace of its own (cargo-fuzz's nightly build): formatted all the same.
    util::run(cargo().args(["fmt", "--all", "--check", "--manifest-path", "fuzz/Cargo.toml"]))
        .map_err(|_| "fmt: fuzz/ is not formatted (`cargo fmt --all --manifest-path fuzz/Cargo.toml`)".to_string())?;
    let layers = layers::report().map_err(|e| format!("layers: {e}"))?;
    let mut done = format!("fmt, layers ({} files, {} imports)", layers.files, layers.imports);
    if clippy {
        util::run(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))
            .map_err(|_| "clippy: warnings or errors (see above)".to_string())?;
        done.push_str(", clippy");
    }
    Ok(done)
}
