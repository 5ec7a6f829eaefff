"""The JSON Schemas of docs/schema (generated from the Rust types) checked by an independent
validator, Python's ``jsonschema`` (draft 2020-12): every file of the corpora, every event and
every ``expect`` in them, every answer the corpora make the binding give (effects, errors,
states, views, deadlines, worklists, access logs, snapshots of versions 1 and 2, indicators,
payment bases and models, and the planner's documents), and a handful of wrong documents that
the schemas must refuse."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest

# jsonschema ships no type stubs (types-jsonschema would be one more pin for two names).
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import utskrivning
from conftest import ROOT, scenario_files
from session_runner import OPERATIONS, World
from utskrivning import Case, Planner, UtskrivningError

SCHEMAS = ROOT / "docs" / "schema"
SESSIONS = ROOT / "tests" / "sessions"


def _load() -> Tuple[Dict[str, Dict[str, Any]], Registry]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMAS.glob("*.schema.json"))}
    resources = [(s["$id"], Resource.from_contents(s, default_specification=DRAFT202012)) for s in schemas.values()]
    return schemas, Registry().with_resources(resources)


SCHEMA_FILES, REGISTRY = _load()
_VALIDATORS: Dict[str, Draft202012Validator] = {}


def validator(name: str) -> Draft202012Validator:
    if name not in _VALIDATORS:
        schema = SCHEMA_FILES[f"{name}.schema.json"]
        _VALIDATORS[name] = Draft202012Validator(
            schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
    return _VALIDATORS[name]


_VALID: Set[Tuple[str, str]] = set()


def check(name: str, document: Any, where: str) -> None:
    # A document validated once is valid again (a refused step leaves the state as it was).
    text = json.dumps(document, sort_keys=True)
    if (name, text) in _VALID:
        return
    errors = sorted(validator(name).iter_errors(json.loads(text)), key=lambda e: list(e.absolute_path))
    if errors:
        best = errors[0]
        path = "/".join(map(str, best.absolute_path))
        raise AssertionError(f"{where}: not a valid {name} at /{path}: {best.message[:300]}")
    _VALID.add((name, text))


def refused(name: str, document: Any) -> bool:
    try:
        validator(name).validate(document)
    except ValidationError:
        return True
    return False


def error_document(e: UtskrivningError) -> Dict[str, Any]:
    """An error as every binding passes it on (docs/errors.md)."""
    return {"code": e.code, "message_sv": e.message_sv, "message_en": e.message, "details": e.details}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# --- The schemas themselves ---------------------------------------------------------------


def test_every_schema_is_a_valid_draft_2020_12_schema_with_its_id() -> None:
    assert len(SCHEMA_FILES) >= 20
    for name, schema in SCHEMA_FILES.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert schema["$id"].endswith("/" + name), name


def test_the_enumerations_are_the_engines() -> None:
    defs = SCHEMA_FILES["common.schema.json"]["$defs"]
    vocabulary = utskrivning.vocabulary()
    assert defs["Role"]["enum"] == vocabulary["role"]
    assert defs["EventType"]["enum"] == list(utskrivning.event_fields())
    assert defs["ErrorCode"]["enum"] == [c for c in utskrivning.ERRORS if c != "internal"]
    assert defs["PhaseState"]["enum"] == vocabulary["phase"]
    events = SCHEMA_FILES["event.schema.json"]["$defs"]
    for event_type, fields in utskrivning.event_fields().items():
        own = events[event_type]
        assert list(own["properties"]) == ["at", "actor", "type", *fields], event_type
        assert own["additionalProperties"] is False
    errors = SCHEMA_FILES["error.schema.json"]["$defs"]
    assert sorted(errors) == sorted(utskrivning.ERRORS)


# --- The corpora: their files, events and expectations ------------------------------------


def session_files() -> List[Path]:
    return sorted(SESSIONS.glob("*.json"))


def test_every_corpus_file_and_every_expect_fits_its_schema() -> None:
    expects = 0
    for file in scenario_files():
        scenario = load(file)
        check("scenario", scenario, file.name)
        expects += len(scenario["steps"])
    for file in session_files():
        scenario = load(file)
        check("session-scenario", scenario, file.name)
        check("planner-config", scenario["planner"], file.name)
        expects += len(scenario["steps"])
    assert expects > 1000


def corpus_events() -> List[Tuple[str, Dict[str, Any], Dict[str, Any]]]:
    """`(where, event, expect)` for every event of both corpora, the event whole."""
    events = []
    for file in scenario_files():
        for i, step in enumerate(load(file)["steps"]):
            if isinstance(step.get("event"), dict):
                events.append((f"{file.name} step {i}", {"at": step["at"], "actor": step["actor"], **step["event"]}, step["expect"]))
    for file in session_files():
        for i, step in enumerate(load(file)["steps"]):
            if "case_event" in step:
                events.append((f"{file.name} step {i}", {**step["case_event"]["event"], "at": step["at"]}, step["expect"]))
    return events


# What no schema can say: a text that says nothing, a personal number in a case id, a time
# that goes back, a message the case has not issued — the engine's later checks.
def test_every_event_of_the_corpus_fits_unless_the_engine_refuses_its_form() -> None:
    events = corpus_events()
    assert len(events) > 700
    form_refused = schema_refused = 0
    for where, event, expect in events:
        if expect.get("error") == "invalid_input":
            form_refused += 1
            schema_refused += refused("event", event)
        else:
            check("event", event, where)
    # Most malformed events are malformed in a way the schema says (a type, a word, a key).
    assert form_refused > 20 and schema_refused >= 0.8 * form_refused, (schema_refused, form_refused)


# --- What the corpus makes the binding answer ---------------------------------------------


def _step(case: Case, step: Dict[str, Any], where: str) -> None:
    at, actor = step["at"], step["actor"]
    try:
        if step.get("worklist") is True:
            check("worklist", utskrivning.worklist(actor, at, [case], unit=step.get("unit")), where)
        elif step.get("view") is True:
            check("view", case.view(actor, at), where)
        else:
            check("accepted", case.apply({"at": at, "actor": actor, **step["event"]}), where)
    except UtskrivningError as e:
        check("error", error_document(e), where)


def test_every_answer_of_the_scenario_corpus_fits() -> None:
    cases = []
    for file in scenario_files():
        case = Case()
        for i, step in enumerate(load(file)["steps"]):
            where = f"{file.name} step {i}"
            _step(case, step, where)
            check("state", case.state, where)
            if case.phase != "not_admitted":
                try:
                    check("deadlines", case.deadlines(step["at"]), where)
                except UtskrivningError as e:  # a step's malformed time, to show it refused
                    check("error", error_document(e), where)
        check("access-log", case.access_log, file.name)
        if case.phase == "not_admitted":
            continue
        snapshot = json.loads(case.snapshot())
        check("snapshot", snapshot, file.name)
        assert snapshot["version"] == 2
        # Version 1, as an older library wrote it: no chain; it restores.
        older = {k: v for k, v in snapshot.items() if k != "chain"}
        older["version"] = 1
        check("snapshot", older, file.name)
        assert Case.restore(json.dumps(older)).state == case.state
        cases.append(case)
    # One case per `case_id` (the corpus reuses its ids), as the operations over many cases ask.
    cases = list({c.state["case_id"]: c for c in cases}.values())
    for preset in utskrivning.PAYMENT_PRESETS:
        model = utskrivning.payment_preset(preset)
        check("payment-model", model, preset)
        check("payment-basis", utskrivning.payment_basis(cases, "2026-01-01", "2027-01-01", model), preset)
    found = utskrivning.indicators(cases, "2026-01-01", "2027-01-01")
    check("indicators", found, "indicators")
    assert found["overall"]["discharges"] > 0


def test_every_answer_of_the_session_corpus_fits() -> None:
    answers = 0
    for file in session_files():
        scenario = load(file)
        world = World(scenario)
        for i, step in enumerate(scenario["steps"]):
            where = f"{file.name} step {i}"
            error, answer = world.perform(step)
            operation = next(k for k in OPERATIONS if k in step)
            if error is not None:
                check("error", error_document(error), where)
                continue
            answers += 1
            kind = {
                "book": "booking",
                "rebook": "booking",
                "cancel": "accepted",
                "reserve_questions_slot": "slot",
                "view": "session-view",
                "case_event": "accepted",
            }.get(operation)
            if kind is not None:
                check(kind, answer, where)
            elif operation == "regroup":
                for booking in answer:
                    check("booking", booking, where)
            for case in world.cases.values():
                check("state", case.state, where)
        planner = world.planner
        check("planner-snapshot", json.loads(planner.snapshot()), file.name)
        check("session-access-log", planner.access_log, file.name)
        sessions = planner.sessions_between("2026-03-02T00:00:00Z", "2026-03-16T00:00:00Z")
        check("sessions", sessions, file.name)
        for info in sessions[:2]:
            for slot in planner.slots(info["session"]):
                check("slot", slot, file.name)
    assert answers > 50


def test_the_errors_of_malformed_input_and_snapshots_fit() -> None:
    """Refusals the corpora do not make: an unknown key named by its position, at the top and
    nested, and a snapshot whose journal the case rejects."""
    documents = []
    for event in ({**ADMIT, "Smeknamn": 1}, {**ADMIT, "agreement": {"Övrigt": 1}}, {**ADMIT, "routine": 7}):
        with pytest.raises(UtskrivningError) as refusal:
            Case().apply(event)
        documents.append(refusal.value)
    snapshot = _snapshot()
    older = {k: v for k, v in snapshot.items() if k != "chain"}
    older.update(version=1, journal=[snapshot["journal"][0]] * 2)
    for text in (json.dumps(older), json.dumps({**snapshot, "version": 9}), json.dumps({**snapshot, "Extra": 1}), "[]"):
        with pytest.raises(UtskrivningError) as refusal:
            Case.restore(text)
        documents.append(refusal.value)
    for e in documents:
        check("error", error_document(e), json.dumps(e.details))
    assert {"position", "code"} <= {k for e in documents for k in e.details}


# --- Wrong documents are refused ----------------------------------------------------------

ADMIT = {
    "at": "2026-03-02T08:00:00Z",
    "actor": "inpatient",
    "type": "admit",
    "case_id": "c-1",
    "routine": "professional_check_in",
    "municipal_care_at_admission": False,
}


def _changed(document: Dict[str, Any], **changes: Any) -> Dict[str, Any]:
    out = copy.deepcopy(document)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def _state() -> Dict[str, Any]:
    case = Case()
    case.apply(ADMIT)
    return case.state


def _snapshot() -> Dict[str, Any]:
    case = Case()
    case.apply(ADMIT)
    snapshot: Dict[str, Any] = json.loads(case.snapshot())
    return snapshot


WRONG: List[Tuple[str, str, Any]] = [
    ("an unknown field", "event", {**ADMIT, "nickname": "x"}),
    ("an unknown event type", "event", {**ADMIT, "type": "admitt"}),
    ("an unknown role", "event", {**ADMIT, "actor": "doctor"}),
    ("an unknown routine", "event", {**ADMIT, "routine": "weekly"}),
    ("a missing required field", "event", {k: v for k, v in ADMIT.items() if k != "case_id"}),
    ("a time without seconds", "event", {**ADMIT, "at": "2026-03-02T08:00Z"}),
    ("an empty list of roles", "event", {"at": ADMIT["at"], "actor": "inpatient", "type": "send_admission_notice", "to": []}),
    ("an unknown key in the agreement", "event", {**ADMIT, "agreement": {"payment_days": 3, "grace": 1}}),
    ("an agreement out of bounds", "event", {**ADMIT, "agreement": {"payment_days": 61}}),
    ("a field of another type", "event", {"at": ADMIT["at"], "actor": "patient", "type": "decline_consent", "purpose": "sip", "written_information_given": True}),
    ("an error with an unknown code", "error", {"code": "oops", "message_sv": "", "message_en": "", "details": {}}),
    ("an error without its required detail", "error", {"code": "wrong_state", "message_sv": "", "message_en": "", "details": {"event": "discharge", "track": "phase"}}),
    ("an error with a detail of another code", "error", {"code": "consent_missing", "message_sv": "", "message_en": "", "details": {"purpose": "sip", "role": "rehab"}}),
    ("an error with an unknown problem", "error", {"code": "invalid_input", "message_sv": "", "message_en": "", "details": {"field": "at", "problem": "too_early"}}),
    ("an error detail of the wrong type", "error", {"code": "time_went_backwards", "message_sv": "", "message_en": "", "details": {"last_at": 5}}),
    ("an error without its messages", "error", {"code": "case_finished", "details": {"phase": "closed"}}),
    ("an unknown effect", "effect", {"type": "teleport"}),
    ("an effect with an unknown key", "effect", {"type": "payment_clock_stopped", "why": "x"}),
    ("a state change of no track", "effect", {"type": "state_changed", "track": "moon", "from": "none", "to": "sent"}),
    ("a state change to no state", "effect", {"type": "state_changed", "track": "sip", "from": "none", "to": "asleep"}),
    ("a deadline without its due time", "deadlines", [{"kind": "admission_notice", "owner": "inpatient", "status": "pending", "since": "2026-03-02T08:00:00Z"}]),
    ("a worklist item of an unknown kind", "worklist", [{"case_id": "c", "kind": "nap", "ref": None, "since": "2026-03-02T08:00:00Z", "due": None, "overdue": False}]),
]


@pytest.mark.parametrize("why,schema,document", WRONG, ids=[w[0] for w in WRONG])
def test_a_wrong_document_is_refused(why: str, schema: str, document: Any) -> None:
    assert refused(schema, document), why


def test_wrong_states_and_snapshots_are_refused() -> None:
    state = _state()
    check("state", state, "admitted")
    assert refused("state", _changed(state, phase="sleeping"))
    assert refused("state", _changed(state, ward="7B"))
    assert refused("state", _changed(state, consents={"care_request": "given"}))
    assert refused("state", _changed(state, check_in={**state["check_in"], "state": "done"}))
    snapshot = _snapshot()
    check("snapshot", snapshot, "admitted")
    assert refused("snapshot", _changed(snapshot, chain=None))
    assert refused("snapshot", _changed(snapshot, version=3))
    assert refused("snapshot", _changed(snapshot, chain={"journal": "00", "access_log": "00"}))
    assert refused("snapshot", _changed(snapshot, journal=[{**ADMIT, "nickname": "x"}]))
