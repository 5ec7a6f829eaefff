"""The fast path of `Case.apply` (a dict or typed event read in place, the effects built as
Python objects) held to the JSON path it replaced (`_apply_json_path_for_test`: the dict as a
JSON value, read by the core's JSON reader, the answer through a JSON value): for every event,
well formed or not, the same answer or the same error, and the same case after it."""

from __future__ import annotations

import copy
import enum
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, List, Tuple

import pytest
from conftest import T0, at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from utskrivning import Case, Role, UtskrivningError, events


class Text(str):
    """A str subclass, as a str enum is."""


class Tick(datetime):
    """A datetime subclass (as pandas' Timestamp is): the JSON path reads it."""


class Colour(str, enum.Enum):
    RED = "red"


def ready() -> Case:
    """A case in planning, care contact assigned, check-in booked and started, SIP consent given."""
    case = Case.admit(at=T0, case_id="c-fast", routine="professional_check_in", municipal_care_at_admission=False)
    for event in (
        {"type": "send_admission_notice", "at": at(30), "actor": "inpatient", "to": ["care_contact"]},
        {"type": "assign_care_contact", "at": at(60), "actor": "care_contact", "unit": "VC"},
        {"type": "book_check_in", "at": at(70), "actor": "inpatient", "starts_at": at(120), "remote": True},
        {"type": "start_check_in", "at": at(120), "actor": "care_contact"},
    ):
        case.apply(event)
    return case


BASE = ready()

# Events of every field kind; some are accepted on BASE, some refused by the case's rules.
EVENTS: List[Dict[str, Any]] = [
    {"type": "give_consent", "at": at(125), "actor": "patient", "purpose": "care_request", "written_information_given": True},
    {"type": "give_consent", "at": at(125), "actor": "patient", "purpose": "sip"},
    {"type": "send_care_request", "at": "2026-03-02T10:10:00Z", "actor": "care_contact", "question": "Hemsjukvård?"},
    {"type": "raise_question", "at": at(130), "actor": "patient", "text": "När?", "concerns_inpatient": True},
    {"type": "set_estimated_discharge", "at": at(130), "actor": "inpatient", "date": "2026-03-05"},
    {"type": "decide_color_track", "at": at(130), "actor": "care_contact", "track": "red",
     "agreed_by": ["municipal_care", "care_contact"]},
    {"type": "schedule_sip", "at": at(130), "actor": "care_contact", "meeting_at": at(3000), "place": "VC",
     "participants": ("patient", "care_contact")},
    {"type": "send_administrative_message", "at": "2026-03-02T10:10:00.5+01:00", "actor": "inpatient",
     "to": ["social_services"], "text": "Hej"},
    {"type": "request_completion", "at": at(130), "actor": "municipal_care", "missing": ["Läkemedelslista"]},
    {"type": "start_item", "at": at(130), "actor": "care_contact", "item": "opening"},
    {"type": "mark_ready_for_discharge", "at": at(130), "actor": "inpatient"},
    {"type": "cancel", "at": at(130), "actor": Role.INPATIENT, "reason": "Flyttar"},
    {"type": "end_check_in", "at": at(140), "actor": "care_contact"},
]

ODD_VALUES: List[Any] = [
    None, 5, True, False, 1.5, float("nan"), 2**70, "", " ", "\u200b", "\ud800", "x", "care_contact", "sip",
    "2026-03-05", "2026-03-02T12:00:00Z", [], ["x"], ["patient", 5], ("care_contact",), {"a": 1}, {1, 2}, b"x",
    T0, T0.replace(tzinfo=None), T0.astimezone(timezone(timedelta(hours=2))), Tick(2026, 3, 2, 9, tzinfo=timezone.utc),
    datetime(2026, 3, 2, 9, 0, 0, 250, tzinfo=timezone.utc), Text("care_contact"), Colour.RED, Role.PATIENT, object(),
]
ODD_KEYS: List[Any] = ["reasom", "19121212-1212 Tolvan", "", Text("type"), 1, ("a",)]


def outcome(apply: Callable[[Any], Any], event: Any) -> Tuple[str, Any]:
    try:
        return "ok", apply(event)
    except UtskrivningError as e:
        return e.code, e.details


def same_both_ways(event: Any) -> None:
    fast, slow = BASE.copy(), BASE.copy()
    a = outcome(fast.apply, copy.copy(event))
    b = outcome(slow._apply_json_path_for_test, copy.copy(event))
    assert a == b, event
    assert fast.snapshot() == slow.snapshot()
    # The same through apply_many (with the index of a refusal).
    many = BASE.copy()
    try:
        many.apply_many([copy.copy(event)])
    except UtskrivningError as e:
        assert a[0] == e.code and dict(a[1], index=0) == e.details
    assert many.snapshot() == fast.snapshot()


@pytest.mark.parametrize("event", EVENTS, ids=[e["type"] for e in EVENTS])
def test_every_kind_of_field_reads_the_same(event: Dict[str, Any]) -> None:
    same_both_ways(event)


def test_the_stream_gives_the_same_effects_and_cases() -> None:
    fast, slow = BASE.copy(), BASE.copy()
    for event in EVENTS:
        assert outcome(fast.apply, event) == outcome(slow._apply_json_path_for_test, event)
    assert fast.snapshot() == slow.snapshot()


mutation = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 8), st.none()),
    st.tuples(st.just("set"), st.integers(0, 8), st.sampled_from(range(len(ODD_VALUES)))),
    st.tuples(st.just("add"), st.sampled_from(range(len(ODD_KEYS))), st.sampled_from(range(len(ODD_VALUES)))),
    st.tuples(st.just("reverse"), st.none(), st.none()),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(EVENTS))), st.lists(mutation, max_size=3))
def test_any_mutated_dict_gets_what_the_json_path_gives(index: int, mutations: List[Tuple[str, Any, Any]]) -> None:
    event: Dict[Any, Any] = dict(EVENTS[index])
    for kind, where, what in mutations:
        keys = list(event)
        if kind == "drop" and keys:
            del event[keys[where % len(keys)]]
        elif kind == "set" and keys:
            event[keys[where % len(keys)]] = ODD_VALUES[what]
        elif kind == "add":
            event[ODD_KEYS[where]] = ODD_VALUES[what]
        elif kind == "reverse":
            event = dict(reversed(list(event.items())))
    same_both_ways(event)


def typed(event: Dict[str, Any]) -> events.Event:
    fields = {k: v for k, v in event.items() if k != "type"}
    return events.EVENTS[event["type"]](**fields)


@pytest.mark.parametrize("event", EVENTS, ids=[e["type"] for e in EVENTS])
def test_typed_events_read_the_same(event: Dict[str, Any]) -> None:
    same_both_ways(typed(event))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(range(len(EVENTS))), st.sampled_from(range(len(ODD_VALUES))), st.integers(0, 8))
def test_typed_events_with_odd_values_get_what_the_json_path_gives(index: int, value: int, where: int) -> None:
    event = dict(EVENTS[index])
    keys = [k for k in event if k != "type"]
    event[keys[where % len(keys)]] = ODD_VALUES[value]
    same_both_ways(typed(event))


def test_a_typed_event_with_an_attribute_of_its_own_is_read_as_to_dict_gives() -> None:
    event = typed(EVENTS[3])
    object.__setattr__(event, "extra", 1)
    same_both_ways(event)
    object.__setattr__(event, "type", "cancel")
    same_both_ways(event)
