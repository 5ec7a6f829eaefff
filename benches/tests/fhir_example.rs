//! docs/fhir.md's example Bundle is seed 000's patient exported by `to_fhir`, as the benches'
//! fixture plays the story: this test keeps the two the same. To rewrite the example after a
//! change of the mapping: `UTSKRIVNING_WRITE_FHIR_EXAMPLE=1 cargo test -p utskrivning-benches
//! --test fhir_example`.

use std::path::Path;

use serde_json::Value;
use utskrivning_benches::fixtures::{play, seed_000, time};

const START: &str = "<!-- example bundle: begin -->\n```json\n";
const END: &str = "```\n<!-- example bundle: end -->";

#[test]
fn the_example_bundle_is_seed_000_exported() {
    let case = play(&seed_000());
    let at = time("2026-03-12T12:00:00+01:00");
    let bundle: Value = serde_json::from_str(&utskrivning::to_fhir(&case, at).unwrap()).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/fhir.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = doc.split_once(START).expect("docs/fhir.md has the example's start marker");
    let (example, tail) = rest.split_once(END).expect("docs/fhir.md has the example's end marker");
    if std::env::var_os("UTSKRIVNING_WRITE_FHIR_EXAMPLE").is_some() {
        let pretty = serde_json::to_string_pretty(&bundle).unwrap();
        std::fs::write(&path, format!("{head}{START}{pretty}\n{END}{tail}")).unwrap();
        return;
    }
    let written: Value = serde_json::from_str(example).expect("the example is JSON");
    assert!(
        written == bundle,
        "docs/fhir.md's example differs from to_fhir of seed 000: rewrite it (see the top of this file)"
    );
}
