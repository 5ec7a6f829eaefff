//! kotlin: not built yet (its issue adds it).

pub fn run() -> Result<String, String> {
    Ok("not present yet".into())
}
