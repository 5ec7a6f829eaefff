"""The conformance corpus (tests/scenarios/*.json) through the thin driver: it writes a line per
step with the protocol's keys, and the policies. Whether the lines meet the expectations is the
Rust comparer's to judge (`cargo xtask test python` runs it on this driver's output)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import scenario_files
from corpus_driver import LINE_KEYS, main


def test_the_corpus_is_there() -> None:
    assert len(scenario_files()) >= 45


def test_the_driver_writes_a_line_per_step_and_the_policies(tmp_path: Path) -> None:
    files = scenario_files()
    assert main([str(tmp_path), *map(str, files)]) == 0
    rejected = worklists = 0
    for file in files:
        steps = json.loads(file.read_text(encoding="utf-8"))["steps"]
        lines = [json.loads(t) for t in (tmp_path / f"{file.stem}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(lines) == len(steps), file.name
        for i, (step, line) in enumerate(zip(steps, lines)):
            worklist = step.get("worklist") is True and line["ok"]
            assert tuple(line) == LINE_KEYS + (("items",) if worklist else ()) and line["step"] == i, file.name
            worklists += worklist
            assert isinstance(line["state"], dict) and isinstance(line["journal"], int)
            assert line["ok"] == (line["code"] is None) == (line["details"] is None)
            rejected += not line["ok"]
    assert rejected > 0 and worklists > 0
    policies = json.loads((tmp_path / "policies.json").read_text(encoding="utf-8"))
    assert set(policies) == {"accepted", "unknown_word", "unknown_kind", "internal"}
    assert set(policies["accepted"]) == {"effects"}
    assert policies["unknown_word"]["code"] == policies["unknown_kind"]["code"] == "invalid_input"
    assert policies["unknown_word"]["details"]["field"] == "word"
    assert policies["unknown_kind"]["details"]["field"] == "kind"
    assert policies["internal"]["code"] == "internal" and policies["internal"]["details"] == {"reason": "panic"}
    assert set(policies["internal"]) == {"code", "details", "message_en", "message_sv"}
