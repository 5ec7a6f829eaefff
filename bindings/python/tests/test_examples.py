"""The Python examples run as written: examples/python/integration.py, the day in a record
system that docs/integration.md quotes, imported and run here."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

import pytest
from conftest import ROOT

from utskrivning import Case

EXAMPLES = ROOT / "examples" / "python"


def example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_day_in_the_record_system(capsys: pytest.CaptureFixture[str]) -> None:
    day = example("integration")
    left = day.main()
    out = capsys.readouterr().out
    # Every notify effect went out, with its id; the refusal was reported and changed nothing.
    assert "  -> c-1042 m1 admission notice (2026-03-06) to care contact in outpatient care; social services" in out
    assert "  -> c-1042 m3 estimated discharge date changed (2026-03-05)" in out
    assert "  refused discharge in c-1042: wrong_state" in out
    assert "  OVERDUE c-1042 acknowledge message m1 due 2026-03-03T08:00:00Z" in out
    assert [(i["case_id"], i["kind"]) for i in left] == [("c-1043", "answer_question"), ("c-1042", "ready_for_discharge")]
    # The store holds what the morning did: the acknowledgements and the worklist's log line.
    case = Case.restore(day.store["c-1042"])
    assert [m["id"] for m in case.state["messages"] if "care_contact" in m["acknowledged"]] == ["m1", "m3", "m4"]
    assert case.access_log[-1] == {"at": "2026-03-03T08:30:00Z", "role": "care_contact", "action": "worklist",
                                   "outcome": "allowed"}
    assert case.state["municipality"] == "1480" and Case.restore(day.store["c-1043"]).state["care_type"] == "psychiatric"
    assert Case.restore(day.store["c-1044"]).access_log == []  # no care contact yet: not VC Centrum's


def test_the_example_runs_as_a_program() -> None:
    done = subprocess.run([sys.executable, str(EXAMPLES / "integration.py")], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "still to do: [('c-1043', 'answer_question'), ('c-1042', 'ready_for_discharge')]"
