//! Every refusal of the scenario corpus and the session corpus has details of the documented
//! shape of its code (docs/errors.md, generated from `utskrivning::ERROR_SHAPES`), and every
//! documented example fits its own shape.

use std::path::Path;

use serde_json::Value;
use utskrivning::conformance::error_details::check;
use utskrivning::conformance::{driven, sessions};
use utskrivning::{ERROR_SHAPES, Error, ErrorCode};

fn corpus(dir: &str) -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

#[test]
fn every_code_is_documented_and_every_example_fits() {
    for code in ErrorCode::ALL {
        let (_, shapes) = ERROR_SHAPES.iter().find(|(c, _)| c == code).unwrap_or_else(|| panic!("{code} undocumented"));
        for shape in *shapes {
            let details: Value = serde_json::from_str(shape.example).unwrap();
            check(&Error::new(*code, details)).unwrap();
        }
    }
}

#[test]
fn every_refusal_of_both_corpora_fits_its_documented_shape() {
    let mut refusals = Vec::new();
    for scenario in corpus("../tests/scenarios") {
        for line in driven::drive(&scenario) {
            if line["ok"] == false {
                let code = ErrorCode::parse(line["code"].as_str().unwrap()).unwrap();
                refusals.push(Error::new(code, line["details"].clone()));
            }
        }
    }
    let from_cases = refusals.len();
    for scenario in corpus("../tests/sessions") {
        let mut world = sessions::World::from(&scenario).unwrap();
        for step in scenario["steps"].as_array().unwrap() {
            if let Ok(Err(e)) = world.perform(step) {
                refusals.push(e);
            }
        }
    }
    assert!(from_cases > 100 && refusals.len() > from_cases, "{from_cases} / {}", refusals.len());
    let bad: Vec<String> = refusals.iter().filter_map(|e| check(e).err()).collect();
    assert!(bad.is_empty(), "{} of {} refusals:\n{}", bad.len(), refusals.len(), bad.join("\n"));
    // Each code the corpora refuse with is seen at least once.
    let seen: std::collections::BTreeSet<_> = refusals.iter().map(|e| e.code).collect();
    assert!(seen.len() >= 13, "{seen:?}");
}

#[test]
fn a_detail_of_the_wrong_shape_is_caught() {
    let e = Error::new(ErrorCode::CaseFinished, serde_json::json!({"phase": "closed", "text": "x"}));
    assert!(check(&e).is_err());
    let e = Error::new(ErrorCode::NoCareRelationship, serde_json::json!({"role": "nobody"}));
    assert!(check(&e).is_err());
    let e = Error::new(ErrorCode::InvalidInput, serde_json::json!({"field": "at"}));
    assert!(check(&e).is_err());
}
