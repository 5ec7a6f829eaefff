"""The conformance corpus (tests/scenarios/*.json) through the binding, and the runner's own
semantics where Python and JSON differ."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest
from conftest import scenario_files
from scenario_runner import json_equal, run, run_text, subset_mismatch


def test_the_corpus_is_there() -> None:
    assert len(scenario_files()) >= 45


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_scenario(path: Path) -> None:
    report = run_text(path.read_text(encoding="utf-8"))
    assert report.failures == [], f"{path.name}: {report.name}"


def test_json_equality_keeps_bool_int_and_float_apart() -> None:
    assert not json_equal(True, 1)
    assert not json_equal(1, 1.0)
    assert not json_equal(0, False)
    assert not json_equal(None, False)
    assert json_equal({"a": [1, "x", None]}, {"a": [1, "x", None]})
    assert not json_equal({"a": 1}, {"a": 1, "b": 2})


def test_subset_matches_objects_by_key_and_lists_whole() -> None:
    got = {"phase": "planning", "follow_ups": [{"id": "q1", "owner": "care_contact", "resolved": False}]}
    assert subset_mismatch({"phase": "planning"}, got, "state") is None
    assert subset_mismatch({"follow_ups": [{"id": "q1"}]}, got, "state") is None
    assert subset_mismatch({"follow_ups": []}, got, "state") == (
        'state.follow_ups: expected [], got [{"id":"q1","owner":"care_contact","resolved":false}]'
    )
    assert subset_mismatch({"phase": "closed"}, got, "state") == 'state.phase: expected "closed", got "planning"'
    assert subset_mismatch({"nope": 1}, got, "state") == "state.nope: missing"


ADMIT: Dict[str, Any] = {
    "at": "2026-03-02T08:00:00Z",
    "actor": "inpatient",
    "event": {"type": "admit", "case_id": "c-r", "routine": "professional_check_in", "municipal_care_at_admission": False},
    "expect": {"ok": True},
}


def steps(*more: Dict[str, Any]) -> Dict[str, Any]:
    return {"name": "runner", "steps": [ADMIT, *more]}


def failures(scenario: Any) -> List[str]:
    return run(scenario).failures


def test_a_wrong_expectation_fails_with_the_rust_runners_words() -> None:
    view = {"at": "2026-03-02T09:00:00Z", "actor": "municipal_care", "view": True, "expect": {"ok": True}}
    assert failures(steps(view)) == ['step 2: expected ok, got no_care_relationship {"role":"municipal_care"}']
    wrong = dict(view, expect={"error": "wrong_state"})
    assert failures(steps(wrong)) == ['step 2: expected error wrong_state, got no_care_relationship {"role":"municipal_care"}']
    accepted = dict(view, actor="patient", expect={"error": "not_permitted"})
    assert failures(steps(accepted)) == ["step 2: expected error not_permitted, but it was accepted"]


def test_step_shapes_as_in_rust() -> None:
    assert failures({"steps": 3}) == ["no `steps` list"]
    assert run({"steps": []}).name == "?"
    assert failures(steps({"at": "2026-03-02T09:00:00Z", "actor": "inpatient"})) == ["step 2: no `expect`"]
    # `expect: null` is present: the step runs and is expected to be accepted.
    no_event = {"at": "2026-03-02T09:00:00Z", "actor": "inpatient", "expect": None}
    assert failures(steps(no_event)) == ['step 2: a step needs `event` (an object) or `"view": true`']
    # The event's own `at` and `actor` win over the step's.
    own = {"at": "2026-03-02T09:00:00Z", "actor": "relative", "expect": {"ok": True},
           "event": {"type": "send_admission_notice", "actor": "inpatient", "to": ["care_contact"]}}
    assert failures(steps(own)) == []
    # A view with no role reads as the empty role: invalid input.
    anonymous = {"at": "2026-03-02T09:00:00Z", "view": True, "expect": {"error": "invalid_input"}}
    assert failures(steps(anonymous)) == []


def test_not_json() -> None:
    report = run_text("{")
    assert report.name == "?" and report.failures[0].startswith("not JSON: ")


def test_the_runner_program_prints_the_rust_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from scenario_runner import main

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(steps({"at": "2026-03-02T09:00:00Z", "actor": "x", "view": True, "expect": {"ok": True}})))
    files = [str(p) for p in scenario_files()[:2]] + [str(bad)]
    assert main(files) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ok   ") and out[2] == f"FAIL {bad}  runner"
    assert out[-1] == "2 passed, 1 failed"
