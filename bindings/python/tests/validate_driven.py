"""The corpus's answers as each binding gave them, against docs/schema: every state and every
refusal (code and details) in the driven files the C, Python and Kotlin drivers wrote
(target/conformance/<binding>/*.jsonl), with Python's ``jsonschema``. Run by ``cargo xtask test``
(its ``same`` part, after the three); prints one summary line.

    python bindings/python/tests/validate_driven.py target/conformance/c target/conformance/kotlin ...
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[3] / "docs" / "schema"


def validators() -> Dict[str, Draft202012Validator]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMAS.glob("*.schema.json"))}
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s, default_specification=DRAFT202012)) for s in schemas.values()
    )
    return {
        name: Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry)
        for name in ("state", "error")
    }


def main(dirs: List[str]) -> int:
    check = validators()
    seen: Set[Tuple[str, str]] = set()
    counts = {"state": 0, "error": 0}
    wrong: List[str] = []
    for d in dirs:
        files = sorted(Path(d).glob("*.jsonl"))
        if not files:
            wrong.append(f"{d}: no driven files (run its part first)")
        for path in files:
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                step: Dict[str, Any] = json.loads(line)
                documents = [("state", step.get("state"))]
                if step.get("ok") is False:
                    # The driven lines keep code and details; the two messages are the binding's
                    # texts, not recorded there, so each stands in as a text.
                    error = {"code": step.get("code"), "details": step.get("details"), "message_sv": "-", "message_en": "-"}
                    documents.append(("error", error))
                for name, document in documents:
                    if document is None:
                        continue
                    counts[name] += 1
                    text = json.dumps(document, sort_keys=True)
                    if (name, text) in seen:
                        continue
                    errors = list(check[name].iter_errors(document))
                    if errors:
                        where = "/".join(map(str, errors[0].absolute_path))
                        wrong.append(f"{path}:{n + 1}: not a valid {name} at /{where}: {errors[0].message[:200]}")
                    seen.add((name, text))
    for w in wrong[:20]:
        print(w, file=sys.stderr)
    print(
        f"driven answers valid: {counts['state']} states and {counts['error']} refusals of "
        f"{', '.join(Path(d).name for d in dirs)} against docs/schema, {len(wrong)} invalid"
    )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
