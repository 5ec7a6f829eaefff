"""The session runner in Python: tests/sessions/*.json through ``utskrivning.Planner``, with the
semantics of the Rust reference runner (``World`` in core/tests/sessions.rs):

- ``planner`` is the configuration; each of ``cases`` is admitted on Monday 2 March 2026
  (08:00, professional check-in), gets the admission notice at 08:05 unless its ``phase`` is
  ``admitted``, and the care contact's ``assign_care_contact`` at 08:10 when it names one;
- a step does one operation (``book``, ``rebook``, ``cancel``, ``reserve_questions_slot``,
  ``release_questions_slot``, ``regroup`` and ``view`` with every case, ``case_event``);
- ``expect.error`` is the code and ``expect.details`` a subset of the details, and a refusal
  changes no case's journal and no slot (only a refused view's log line); otherwise
  ``expect.answer`` is a subset of the answer, ``expect.cases`` of each case's state, and
  ``expect.logged`` the outcomes the step added to the access log;
- after every step the snapshot restores a planner with the same snapshot.

Run as a program it prints one ``ok``/``FAIL`` line per file and ends with
``sessions N passed, M failed``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from utskrivning import Case, Planner, UtskrivningError

OPERATIONS = (
    "book",
    "rebook",
    "cancel",
    "reserve_questions_slot",
    "release_questions_slot",
    "regroup",
    "view",
    "case_event",
)


@dataclass
class Report:
    name: str
    failures: List[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


class StepError(Exception):
    """A step that cannot be run (not an outcome of the planner)."""


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _kind(v: Any) -> str:
    """A JSON value's kind, keeping apart what Python's ``==`` does not (``True == 1 == 1.0``)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return type(v).__name__


def json_equal(a: Any, b: Any) -> bool:
    """Equality of JSON values as serde_json has it."""
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        return False
    if ka == "array":
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if ka == "object":
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return bool(a == b)


def subset_mismatch(want: Any, got: Any, path: str) -> Optional[str]:
    """``None`` if ``want`` is a subset of ``got`` (the Rust runner's rule); else where they differ."""
    if isinstance(want, dict) and isinstance(got, dict):
        # In key order, as serde_json's map walks them (byte order of UTF-8 = code point order).
        for k, wv in sorted(want.items()):
            if k not in got:
                return f"{path}.{k}: missing"
            found = subset_mismatch(wv, got[k], f"{path}.{k}")
            if found is not None:
                return found
        return None
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (wv, gv) in enumerate(zip(want, got)):
            found = subset_mismatch(wv, gv, f"{path}[{i}]")
            if found is not None:
                return found
        return None
    if json_equal(want, got):
        return None
    return f"{path}: expected {_dump(want)}, got {_dump(got)}"


def make_case(case_id: str, spec: Dict[str, Any]) -> Case:
    """A case as the Rust runner makes it (core/tests/sessions.rs, `case`)."""
    case = Case.admit(
        at="2026-03-02T08:00:00Z",
        case_id=case_id,
        routine="professional_check_in",
        municipal_care_at_admission=spec.get("municipal_care_at_admission") is True,
    )
    if spec.get("phase") != "admitted":
        case.apply(
            {
                "at": "2026-03-02T08:05:00Z",
                "actor": "inpatient",
                "type": "send_admission_notice",
                "to": ["care_contact", "social_services"],
            }
        )
    unit = spec.get("care_contact")
    if isinstance(unit, str):
        case.apply({"at": "2026-03-02T08:10:00Z", "actor": "care_contact", "type": "assign_care_contact", "unit": unit})
    return case


class World:
    def __init__(self, scenario: Dict[str, Any]) -> None:
        self.planner = Planner(scenario["planner"])
        # In key order, as the Rust runner's BTreeMap passes them to regroup and view.
        self.cases: Dict[str, Case] = {k: make_case(k, v) for k, v in sorted(scenario["cases"].items())}

    def case(self, op: Dict[str, Any]) -> Case:
        case_id = op.get("case")
        if case_id not in self.cases:
            raise StepError(f"no case {case_id}")
        return self.cases[case_id]

    def perform(self, step: Dict[str, Any]) -> Tuple[Optional[UtskrivningError], Any]:
        """The step's outcome: ``(None, answer)`` if accepted, ``(error, None)`` if refused."""
        name = next((k for k in OPERATIONS if k in step), None)
        if name is None:
            raise StepError("a step needs an operation")
        op, at, p = step[name], step["at"], self.planner
        try:
            if name == "book":
                return None, p.book(op["session"], self.case(op), at)
            if name == "rebook":
                return None, p.rebook(op["session"], self.case(op), at)
            if name == "cancel":
                return None, p.cancel(self.case(op), at)
            if name == "reserve_questions_slot":
                return None, p.reserve_questions_slot(op["session"], op["care_contact"], at)
            if name == "release_questions_slot":
                p.release_questions_slot(op["session"], op["care_contact"])
                return None, None
            if name == "regroup":
                return None, p.regroup(op["session"], list(self.cases.values()), at)
            if name == "view":
                cases = list(self.cases.values())
                return None, p.view(op["session"], op["role"], at, cases, care_contact=op.get("care_contact"))
            event = dict(op["event"])
            event["at"] = at
            return None, self.case(op).apply(event)
        except UtskrivningError as e:
            return e, None

    def step(self, step: Any) -> Optional[str]:
        if not isinstance(step, dict) or "expect" not in step:
            return "no `expect`"
        expect = step["expect"]
        slots_before = json.loads(self.planner.snapshot())["sessions"]
        journals_before = {k: c.journal for k, c in self.cases.items()}
        log_before = len(self.planner.access_log)
        try:
            error, answer = self.perform(step)
        except StepError as e:
            return str(e)
        logged = [e["outcome"] for e in self.planner.access_log[log_before:]]
        want_code = expect.get("error")
        if isinstance(want_code, str):
            if error is None:
                return f"expected {want_code}, got ok {json.dumps(answer)}"
            if error.code != want_code:
                return f"expected {want_code}, got {error.code} {json.dumps(error.details)}"
            if "details" in expect:
                mismatch = subset_mismatch(expect["details"], error.details, "details")
                if mismatch is not None:
                    return mismatch
            same_cases = all(c.journal == journals_before[k] for k, c in self.cases.items())
            same_slots = json.loads(self.planner.snapshot())["sessions"] == slots_before
            if len(logged) > 1 or not same_cases or not same_slots:
                return "a refusal changed the planner or a case"
        elif error is not None:
            return f"expected ok, got {error.code} {json.dumps(error.details)}"
        elif "answer" in expect:
            mismatch = subset_mismatch(expect["answer"], answer, "answer")
            if mismatch is not None:
                return mismatch
        if "logged" in expect and expect["logged"] != logged:
            return f"access log: expected {json.dumps(expect['logged'])}, got {json.dumps(logged)}"
        for case_id, want in (expect.get("cases") or {}).items():
            if case_id not in self.cases:
                return f"no case {case_id}"
            mismatch = subset_mismatch(want, self.cases[case_id].state, case_id)
            if mismatch is not None:
                return mismatch
        snapshot = self.planner.snapshot()
        if Planner.restore(snapshot).snapshot() != snapshot:
            return "the snapshot did not restore the planner"
        return None


def run_text(text: str) -> Report:
    try:
        scenario = json.loads(text)
        world = World(scenario)
    except (ValueError, KeyError, TypeError, AttributeError, UtskrivningError) as e:
        return Report("?", [f"cannot set up: {type(e).__name__} {e}"])
    report = Report(scenario.get("name", "?"))
    for i, step in enumerate(scenario.get("steps") or []):
        why = world.step(step)
        if why is not None:
            report.failures.append(f"step {i + 1}: {why}")
            break
    return report


def main(files: List[str]) -> int:
    passed = failed = 0
    for file in files:
        with open(file, encoding="utf-8") as f:
            report = run_text(f.read())
        if report.passed:
            passed += 1
            print(f"ok   {file}  {report.name}")
        else:
            failed += 1
            print(f"FAIL {file}  {report.name}")
            for why in report.failures:
                print(f"     {why}")
    print(f"sessions {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
