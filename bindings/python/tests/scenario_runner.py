"""The scenario runner in Python: tests/scenarios/*.json, run through the binding with the
semantics of the Rust reference runner (core/src/scenario.rs), line for line:

- a step's ``at`` and ``actor`` go into the event, then the event's own keys (which win);
- ``"view": true`` views as ``actor`` at ``at`` (role first, then time, as in Rust);
- ``expect.error`` (a string) must be the rejection's code, and the rejection must leave state
  and journal unchanged; otherwise the step must be accepted and ``expect.state`` must be a
  subset of the case state: objects key by key, lists of equal length element by element,
  scalars equal as JSON values (``1`` is not ``1.0`` nor ``true``).

Run as a program it prints one ``ok``/``FAIL`` line per file like the Rust runner, and ends
with ``N passed, M failed``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any, List, Optional, Tuple

from utskrivning import Case, UtskrivningError


@dataclass
class Report:
    name: str
    failures: List[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


class StepError(Exception):
    """A step that cannot be run (not an outcome of the case)."""


def run_text(text: str) -> Report:
    try:
        scenario = json.loads(text)
    except ValueError as e:
        return Report("?", [f"not JSON: {e}"])
    return run(scenario)


def run(scenario: Any) -> Report:
    name = scenario.get("name") if isinstance(scenario, dict) else None
    report = Report(name if isinstance(name, str) else "?")
    steps = scenario.get("steps") if isinstance(scenario, dict) else None
    if not isinstance(steps, list):
        report.failures.append("no `steps` list")
        return report
    case = Case()
    for i, step in enumerate(steps):
        why = run_step(case, step)
        if why is not None:
            report.failures.append(f"step {i + 1}: {why}")
    return report


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


def perform(case: Case, step: Any) -> Tuple[Optional[UtskrivningError], Any]:
    """The step's outcome: ``(None, value)`` if accepted, ``(error, None)`` if rejected."""
    at = _get(step, "at")
    actor = _get(step, "actor")
    if _get(step, "view") is True:
        # As the Rust runner: a missing or non-text role or time reads as "".
        role = actor if isinstance(actor, str) else ""
        when = at if isinstance(at, str) else ""
        try:
            return None, case.view(role, when)
        except UtskrivningError as e:
            return e, None
    fields = _get(step, "event")
    if not isinstance(fields, dict):
        raise StepError('a step needs `event` (an object) or `"view": true`')
    event = {"at": at, "actor": actor}
    event.update(fields)
    try:
        case.apply(event)
    except UtskrivningError as e:
        return e, None
    return None, case.state


def run_step(case: Case, step: Any) -> Optional[str]:
    # Present, even as null, is enough (Rust: `step.get("expect")`).
    if not isinstance(step, dict) or "expect" not in step:
        return "no `expect`"
    expect = step["expect"]
    before_state, before_journal = case.state, case.journal
    try:
        error, value = perform(case, step)
    except StepError as e:
        return str(e)
    want_code = _get(expect, "error")
    if not isinstance(want_code, str):
        want_code = None
    if want_code is not None:
        if error is None:
            return f"expected error {want_code}, but it was accepted"
        if error.code != want_code:
            return f"expected error {want_code}, got {error.code} {_dump(error.details)}"
        # A rejection leaves the case as it was, except the access log of a refused view.
        if not (json_equal(case.state, before_state) and json_equal(case.journal, before_journal)):
            return "a rejected event changed the case"
        return None
    if error is not None:
        return f"expected ok, got {error.code} {_dump(error.details)}"
    want = _get(expect, "state")
    if want is None:
        return None
    mismatch = subset_mismatch(want, case.state, "state")
    if mismatch is not None:
        return mismatch
    return "no state" if value is None else None


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
    """``None`` if ``want`` is a subset of ``got``; else where they differ."""
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


def main(files: List[str]) -> int:
    if not files:
        print("usage: scenario_runner.py FILE...", file=sys.stderr)
        return 2
    passed = failed = 0
    for file in files:
        try:
            with open(file, encoding="utf-8") as f:
                report = run_text(f.read())
        except OSError as e:
            report = Report(file, [str(e)])
        if report.passed:
            passed += 1
            print(f"ok   {file}  {report.name}")
        else:
            failed += 1
            print(f"FAIL {file}  {report.name}")
            for why in report.failures:
                print(f"     {why}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
