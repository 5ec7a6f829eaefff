"""Check-in sessions through ``utskrivning.Planner``: the session corpus (tests/sessions/*.json),
the error paths a Python caller can reach, and a property over random bookings."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from session_runner import make_case, run_text

from utskrivning import (
    Case,
    InvalidInput,
    NotPermitted,
    Planner,
    PreparationIncomplete,
    Role,
    UtskrivningError,
    WrongState,
)

CONFIG: Dict[str, Any] = {
    "hospital": "h-1",
    "slot_minutes": 10,
    "times": [
        {"weekday": "tuesday", "starts": "13:00", "ends": "14:00"},
        {"weekday": "thursday", "starts": "13:00", "ends": "14:00"},
    ],
}
TUESDAY = "2026-03-03T13:00"
THURSDAY = "2026-03-05T13:00"
MONDAY = datetime(2026, 3, 2, 12, tzinfo=timezone.utc)


def session_files() -> List[Path]:
    return sorted((ROOT / "tests" / "sessions").glob("*.json"))


def in_planning(case_id: str, unit: Optional[str] = "vc-norr") -> Case:
    return make_case(case_id, {} if unit is None else {"care_contact": unit})


# --- The session corpus ------------------------------------------------------------------


def test_the_session_corpus_is_there() -> None:
    assert len(session_files()) >= 11


@pytest.mark.parametrize("path", session_files(), ids=lambda p: p.stem)
def test_session_scenario(path: Path) -> None:
    report = run_text(path.read_text(encoding="utf-8"))
    assert report.failures == [], f"{path.name}: {report.name}"


def test_the_runner_fails_a_wrong_expectation() -> None:
    scenario = json.loads(session_files()[0].read_text(encoding="utf-8"))
    scenario["steps"][0]["expect"]["answer"]["slot"]["index"] = 7
    assert run_text(json.dumps(scenario)).failures == ["step 1: answer.slot.index: expected 7, got 0"]


# --- Configuration and sessions -----------------------------------------------------------


def test_a_planner_takes_its_configuration_as_a_dict_or_json_text() -> None:
    assert Planner(CONFIG).snapshot() == Planner(json.dumps(CONFIG)).snapshot()


@pytest.mark.parametrize(
    "change, field, problem",
    [
        ({"slot_minutes": 0}, "slot_minutes", "out_of_range"),
        ({"times": []}, "times", "empty_list"),
        ({"hospital": 3}, "hospital", "wrong_type"),
        ({"extra": 1}, "extra", "unknown_field"),
    ],
)
def test_a_bad_configuration_names_the_field(change: Dict[str, Any], field: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as e:
        Planner({**CONFIG, **change})
    assert e.value.details["field"] == field
    assert e.value.details["problem"] == problem


def test_overlapping_weekly_times_are_refused() -> None:
    times = [{"weekday": "tuesday", "starts": "13:00", "ends": "14:00"}, {"weekday": "tuesday", "starts": "13:30", "ends": "15:00"}]
    with pytest.raises(InvalidInput) as e:
        Planner({**CONFIG, "times": times})
    assert e.value.details["problem"] == "overlapping_sessions"


def test_a_configuration_error_never_echoes_what_was_written() -> None:
    with pytest.raises(InvalidInput) as e:
        Planner({**CONFIG, "times": [{"weekday": "Patient Andersson", "starts": "13:00", "ends": "14:00"}]})
    assert "Andersson" not in str(e.value) and "Andersson" not in json.dumps(e.value.details)


def test_the_weeks_sessions_and_their_free_slots() -> None:
    planner = Planner(CONFIG)
    week = planner.sessions_between(datetime(2026, 3, 2, tzinfo=timezone.utc), "2026-03-09T00:00:00+01:00")
    assert [s["session"] for s in week] == [TUESDAY, THURSDAY]
    assert week[0] == {"session": TUESDAY, "starts_at": "2026-03-03T12:00:00Z", "ends_at": "2026-03-03T13:00:00Z", "slots": 6, "free": 6}


def test_a_naive_datetime_is_refused_naming_the_argument() -> None:
    with pytest.raises(InvalidInput) as e:
        Planner(CONFIG).sessions_between(datetime(2026, 3, 2), datetime(2026, 3, 9))
    assert e.value.details["field"] == "from"


def test_an_unknown_session_is_named() -> None:
    with pytest.raises(InvalidInput) as e:
        Planner(CONFIG).slots("2026-03-04T13:00")
    assert e.value.details == {"field": "session", "problem": "unknown_value"}


# --- Booking -------------------------------------------------------------------------------


def test_a_booking_books_the_cases_check_in_at_the_slots_start() -> None:
    planner, case = Planner(CONFIG), in_planning("c-1")
    booking = planner.book(TUESDAY, case, MONDAY)
    assert booking["slot"]["starts_at"] == case.state["check_in"]["starts_at"] == "2026-03-03T12:00:00Z"
    assert booking["slot"]["case_id"] == "c-1"
    assert planner.slot_of("c-1") == booking["slot"]
    assert planner.slot_of("c-2") is None


def test_a_refused_booking_changes_neither_the_case_nor_the_planner() -> None:
    planner, ready, not_ready = Planner(CONFIG), in_planning("c-1"), in_planning("c-2", unit=None)
    planner.book(TUESDAY, ready, MONDAY)
    before_case, before_planner = not_ready.snapshot(), planner.snapshot()
    with pytest.raises(PreparationIncomplete):
        planner.book(TUESDAY, not_ready, MONDAY)
    assert not_ready.snapshot() == before_case
    assert planner.snapshot() == before_planner


def test_a_full_session_is_refused_and_the_next_one_fits() -> None:
    planner = Planner(CONFIG)
    for i in range(6):
        planner.book(TUESDAY, in_planning(f"c-{i}"), MONDAY)
    late = in_planning("c-late")
    with pytest.raises(WrongState) as e:
        planner.book(TUESDAY, late, MONDAY)
    assert e.value.details == {"problem": "session_full", "session": TUESDAY, "slots": 6}
    assert planner.book(THURSDAY, late, MONDAY)["slot"]["session"] == THURSDAY


def test_a_rebooking_frees_the_old_slot_and_cancel_frees_the_new() -> None:
    planner, case = Planner(CONFIG), in_planning("c-1")
    planner.book(TUESDAY, case, MONDAY)
    moved = planner.rebook(THURSDAY, case, MONDAY)
    assert moved["effects"][0]["to"] == "not_booked"
    assert all(s["case_id"] is None for s in planner.slots(TUESDAY))
    effects = planner.cancel(case, MONDAY)["effects"]
    assert effects[0] == {"type": "state_changed", "track": "check_in", "from": "booked", "to": "not_booked"}
    assert planner.slot_of("c-1") is None
    assert case.state["check_in"]["state"] == "not_booked"


def test_regroup_moves_only_what_must_move() -> None:
    planner = Planner(CONFIG)
    a1, b1, a2 = in_planning("a-1", "vc-a"), in_planning("b-1", "vc-b"), in_planning("a-2", "vc-a")
    for case in (a1, b1):
        planner.book(TUESDAY, case, MONDAY)
    planner.cancel(a1, MONDAY)
    planner.book(TUESDAY, a1, MONDAY)  # vc-a's cases now sit apart: b-1, a-1
    planner.book(TUESDAY, a2, MONDAY)
    moved = planner.regroup(TUESDAY, (a1, b1, a2), MONDAY)
    units = [s["care_contact"] for s in planner.slots(TUESDAY) if s["care_contact"]]
    assert units == sorted(units, key=units.index)  # each unit's slots together
    assert {b["slot"]["case_id"] for b in moved} <= {"a-1", "b-1", "a-2"}
    for case in (a1, b1, a2):
        slot = planner.slot_of(case.state["case_id"])
        assert slot is not None and slot["starts_at"] == case.state["check_in"]["starts_at"]


def test_a_case_given_twice_is_refused_before_anything_is_touched() -> None:
    planner, case = Planner(CONFIG), in_planning("c-1")
    planner.book(TUESDAY, case, MONDAY)
    before = planner.snapshot()
    with pytest.raises(InvalidInput) as e:
        planner.regroup(TUESDAY, [case, case], MONDAY)
    assert e.value.details == {"field": "cases", "problem": "duplicate"}
    with pytest.raises(InvalidInput):
        planner.view(TUESDAY, Role.MUNICIPAL_CARE, MONDAY, [case, case])
    assert planner.snapshot() == before


@pytest.mark.parametrize("cases", [[object()], "c-1", [None]])
def test_cases_must_be_a_list_of_cases(cases: Any) -> None:
    with pytest.raises(InvalidInput) as e:
        Planner(CONFIG).regroup(TUESDAY, cases, MONDAY)
    assert e.value.details == {"field": "cases", "problem": "wrong_type"}


def test_a_questions_slot_is_reserved_and_released() -> None:
    planner = Planner(CONFIG)
    slot = planner.reserve_questions_slot(TUESDAY, "vc-syd", MONDAY)
    assert (slot["care_contact"], slot["case_id"]) == ("vc-syd", None)
    with pytest.raises(WrongState) as e:
        planner.reserve_questions_slot(TUESDAY, "vc-syd", MONDAY)
    assert e.value.details["problem"] == "care_contact_has_slot"
    planner.release_questions_slot(TUESDAY, "vc-syd")
    with pytest.raises(WrongState):
        planner.release_questions_slot(TUESDAY, "vc-syd")


# --- Views and the access log -------------------------------------------------------------


def booked_session() -> tuple[Planner, List[Case]]:
    planner = Planner(CONFIG)
    cases = [in_planning("c-1", "vc-norr"), in_planning("c-2", "vc-syd")]
    for case in cases:
        planner.book(TUESDAY, case, MONDAY)
    return planner, cases


def test_a_care_contact_sees_only_their_own_slots() -> None:
    planner, cases = booked_session()
    view = planner.view(TUESDAY, Role.CARE_CONTACT, MONDAY, cases, care_contact="vc-norr")
    assert [s["case_id"] for s in view["slots"]] == ["c-1"]
    assert "c-2" not in json.dumps(view)


def test_social_services_see_the_whole_session_and_the_patient_none() -> None:
    planner, cases = booked_session()
    assert len(planner.view(TUESDAY, "social_services", MONDAY)["slots"]) == 6
    with pytest.raises(NotPermitted):
        planner.view(TUESDAY, Role.PATIENT, MONDAY, cases)
    assert [(e["role"], e["outcome"]) for e in planner.access_log] == [("social_services", "allowed"), ("patient", "refused")]
    assert planner.access_log[1]["code"] == "not_permitted"


def test_a_care_contact_view_needs_the_unit() -> None:
    planner, _ = booked_session()
    with pytest.raises(InvalidInput) as e:
        planner.view(TUESDAY, Role.CARE_CONTACT, MONDAY)
    assert e.value.details == {"field": "care_contact", "problem": "missing"}


# --- Snapshots -----------------------------------------------------------------------------


def test_a_snapshot_restores_the_same_planner_from_text_or_dict() -> None:
    planner, _ = booked_session()
    planner.view(TUESDAY, Role.INPATIENT, MONDAY)
    snapshot = planner.snapshot()
    assert Planner.restore(snapshot).snapshot() == snapshot
    assert Planner.restore(json.loads(snapshot)).snapshot() == snapshot


def test_a_tampered_planner_snapshot_is_refused() -> None:
    planner, _ = booked_session()
    snapshot = json.loads(planner.snapshot())
    tampered = copy.deepcopy(snapshot)
    tampered["version"] = 99
    with pytest.raises(InvalidInput):
        Planner.restore(tampered)
    with pytest.raises(InvalidInput):
        Planner.restore(planner.snapshot()[:-5])


# --- Property ------------------------------------------------------------------------------

UNITS = ["vc-a", "vc-b", "vc-c"]
operations = st.lists(
    st.tuples(st.sampled_from(["book", "rebook", "cancel", "regroup"]), st.integers(0, 7), st.sampled_from([TUESDAY, THURSDAY])),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_random_bookings_keep_the_session_invariants(ops: List[tuple[str, int, str]]) -> None:
    """No two cases share a slot; every booked slot is its case's `check_in.starts_at`; no care
    contact sees another's case; a refusal changes neither planner nor case."""
    planner = Planner(CONFIG)
    cases = [in_planning(f"c-{i}", UNITS[i % 3]) for i in range(8)]
    for op, i, session in ops:
        before = (planner.snapshot(), [c.snapshot() for c in cases])
        try:
            if op == "book":
                planner.book(session, cases[i], MONDAY)
            elif op == "rebook":
                planner.rebook(session, cases[i], MONDAY)
            elif op == "cancel":
                planner.cancel(cases[i], MONDAY)
            else:
                planner.regroup(session, cases, MONDAY)
        except UtskrivningError:
            assert (planner.snapshot(), [c.snapshot() for c in cases]) == before
        for session_id in (TUESDAY, THURSDAY):
            slots = planner.slots(session_id)
            held = [s["case_id"] for s in slots if s["case_id"]]
            assert len(held) == len(set(held))
            for slot in slots:
                if slot["case_id"]:
                    case = cases[int(slot["case_id"][2:])]
                    assert case.state["check_in"]["starts_at"] == slot["starts_at"]
            for unit in UNITS:
                view = planner.view(session_id, Role.CARE_CONTACT, MONDAY, cases, care_contact=unit)
                assert all(s["care_contact"] == unit for s in view["slots"])
