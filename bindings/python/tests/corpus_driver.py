"""The thin conformance driver (tests/scenarios/README.md, "Drivers"): applies each scenario's
steps through the binding and writes what it got, one JSON line per step, to
``OUTDIR/<stem>.jsonl``, and the cross-binding policies to ``OUTDIR/policies.json``. It judges
nothing: the Rust comparer (``scenarios --driven OUTDIR``) matches the lines with the
expectations.

    python corpus_driver.py OUTDIR tests/scenarios/*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import utskrivning
from utskrivning import Case, InternalError, UtskrivningError, WorklistItem

#: The keys of every line, in the protocol's order; an accepted worklist step's line adds `items`.
LINE_KEYS = ("step", "ok", "code", "details", "state", "journal")


def perform(case: Case, step: Any) -> Optional[List[WorklistItem]]:
    """One step through the binding's own API: a worklist step's items, else `None`; a
    rejection raises."""
    fields: Dict[str, Any] = step if isinstance(step, dict) else {}
    at, actor = fields.get("at"), fields.get("actor")
    role, when = (actor if isinstance(actor, str) else "", at if isinstance(at, str) else "")
    if fields.get("worklist") is True:
        return utskrivning.worklist(role, when, [case], unit=fields.get("unit"))
    if fields.get("view") is True:
        case.view(role, when)
        return None
    event: Dict[str, Any] = {"at": at, "actor": actor}
    own = fields.get("event")
    if isinstance(own, dict):
        event.update(own)
    case.apply(event)
    return None


def drive(scenario: Any) -> List[Dict[str, Any]]:
    """The lines of one scenario, a step each, from an empty case."""
    steps = scenario.get("steps") if isinstance(scenario, dict) else None
    case = Case()
    lines = []
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        line: Dict[str, Any] = {"step": i, "ok": True, "code": None, "details": None}
        items = None
        try:
            items = perform(case, step)
        except UtskrivningError as e:
            line.update(ok=False, code=e.code, details=e.details)
        line.update(state=case.state, journal=len(case.journal))
        if items is not None:
            line["items"] = items
        lines.append(line)
    return lines


def _error(call: Callable[[], Any]) -> Dict[str, Any]:
    try:
        call()
    except UtskrivningError as e:
        return {"code": e.code, "details": e.details}
    raise AssertionError("expected an error")


def policies() -> Dict[str, Any]:
    """The answers every binding must give alike (compared across bindings by the main build)."""
    case = Case()
    case.apply({"at": "2026-03-02T08:00:00Z", "actor": "inpatient", "type": "admit", "case_id": "c-1",
                "routine": "professional_check_in", "municipal_care_at_admission": False})
    accepted = case.apply({"at": "2026-03-02T09:00:00Z", "actor": "inpatient", "type": "send_admission_notice",
                           "to": ["care_contact", "social_services"]})
    try:
        utskrivning._native._panic_for_test()
        raise AssertionError("expected InternalError")
    except InternalError as e:
        internal = {"code": e.code, "details": e.details, "message_en": str(e), "message_sv": e.message_sv}
    return {
        "accepted": accepted,
        "unknown_word": _error(lambda: utskrivning.label("role", "nobody", "en")),
        "unknown_kind": _error(lambda: utskrivning.label("nokind", "x", "en")),
        "internal": internal,
    }


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def main(args: List[str]) -> int:
    if len(args) < 2:
        print("usage: corpus_driver.py OUTDIR FILE...", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    for file in map(Path, args[1:]):
        try:
            scenario = json.loads(file.read_text(encoding="utf-8"))
        except ValueError:
            scenario = None  # no lines: the comparer reports the file
        text = "".join(_dump(line) + "\n" for line in drive(scenario))
        (out / f"{file.stem}.jsonl").write_text(text, encoding="utf-8")
    (out / "policies.json").write_text(_dump(policies()) + "\n", encoding="utf-8")
    print(f"drove {len(args) - 1} scenarios into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
