"""The pythonic API: admission, events as dicts, typed objects or JSON text, views, deadlines,
snapshots, replay, labels, and the enums and event classes against the core's own lists."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

import pytest
from conftest import T0, at

import utskrivning
from utskrivning import (
    AgendaItem,
    Case,
    CareType,
    Lang,
    Message,
    NoCareRelationship,
    Purpose,
    Role,
    Routine,
    SolStatus,
    WorkKind,
    WrongState,
    events,
)

STOCKHOLM_WINTER = timezone(timedelta(hours=1))


def test_admit_gives_an_admitted_case() -> None:
    case = Case.admit(at=T0, case_id="c-1", routine=Routine.INDIVIDUAL_CHECK_IN, municipal_care_at_admission=True)
    state = case.state
    assert (state["phase"], state["routine"], state["case_id"]) == ("admitted", "individual_check_in", "c-1")
    assert state["municipal_care_at_admission"] is True
    assert case.phase == "admitted"
    assert case.journal == [
        {"at": "2026-03-02T08:00:00Z", "actor": "inpatient", "type": "admit", "case_id": "c-1",
         "routine": "individual_check_in", "municipal_care_at_admission": True}
    ]


def test_admit_takes_plain_strings_and_an_agreement() -> None:
    case = Case.admit(at="2026-03-02T09:00:00+01:00", case_id="c-2", routine="professional_check_in",
                      municipal_care_at_admission=False, agreement={"payment_days": 5, "daily_amount_sek": 100})
    agreement = case.state["agreement"]
    assert agreement["payment_days"] == 5 and agreement["daily_amount_sek"] == 100
    assert agreement["admission_notice_hours"] == 24  # the law's default kept
    assert case.state["admitted_at"] == "2026-03-02T08:00:00Z"


def test_admit_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Case.admit(T0, "c", "professional_check_in", False)  # type: ignore[call-arg]


def test_an_empty_case_needs_admit_first() -> None:
    case = Case()
    with pytest.raises(WrongState) as e:
        case.apply({"type": "discharge", "at": T0, "actor": "inpatient"})
    assert e.value.details == {"event": "discharge", "track": "phase", "state": "not_admitted"}
    case.apply({"type": "admit", "at": T0, "actor": "inpatient", "case_id": "c", "routine": "individual_check_in",
                "municipal_care_at_admission": False})
    assert case.phase == "admitted"


def test_apply_answers_the_effects(planning: Case) -> None:
    accepted = planning.apply({"type": "mark_ready_for_discharge", "at": "2026-03-05T10:00:00Z", "actor": "inpatient"})
    assert list(accepted) == ["effects"]
    effects = accepted["effects"]
    assert {"type": "payment_clock_started", "begins_on": "2026-03-08"} in effects
    notify = [e for e in effects if e["type"] == "notify"]
    assert notify == [{"type": "notify", "id": "m3", "message": "ready_for_discharge", "to": ["care_contact", "social_services"]}]


def test_dict_typed_event_and_json_text_are_the_same_event(planning: Case) -> None:
    typed = events.BookCheckIn(at=at(120), actor=Role.INPATIENT, starts_at=at(24 * 60), remote=True)
    as_dict = typed.to_dict()
    as_text = json.dumps({**as_dict, "at": "2026-03-02T10:00:00Z", "starts_at": "2026-03-03T08:00:00Z"})
    results = []
    for event in (typed, as_dict, as_text):
        case = planning.copy()
        results.append((case.apply(event), case.state))
    assert results[0] == results[1] == results[2]
    assert results[0][1]["check_in"]["state"] == "booked"


def test_typed_events_leave_out_unset_optional_fields() -> None:
    sip = events.GiveConsent(at=T0, actor=Role.PATIENT, purpose=Purpose.SIP)
    assert sip.to_dict() == {"type": "give_consent", "at": T0, "actor": Role.PATIENT, "purpose": Purpose.SIP}
    admit = events.Admit(at=T0, actor="inpatient", case_id="c", routine=Routine.INDIVIDUAL_CHECK_IN,
                         municipal_care_at_admission=False)
    assert "agreement" not in admit.to_dict()


def test_typed_events_are_exactly_the_cores_event_types_and_fields() -> None:
    core = utskrivning.event_fields()
    assert set(events.EVENTS) == set(core)
    for type_, cls in events.EVENTS.items():
        own = [f.name for f in dataclasses.fields(cls) if f.name not in ("at", "actor")]
        assert own == core[type_], type_
        assert cls.__name__.lower() == type_.replace("_", ""), type_


@pytest.mark.parametrize(
    "enum, kind",
    [(Role, "role"), (Routine, "routine"), (CareType, "care_type"), (Purpose, "purpose"), (AgendaItem, "item"),
     (SolStatus, "sol_status"), (Message, "message"), (WorkKind, "work"), (Lang, "lang")],
)
def test_enums_are_the_cores_word_lists(enum: Any, kind: str) -> None:
    assert [m.value for m in enum] == utskrivning.vocabulary()[kind]


def test_enum_members_are_their_wire_names() -> None:
    assert isinstance(Role.PATIENT, str) and str(Role.PATIENT) == "patient"
    assert {"patient": 1}[Role.PATIENT] == 1  # equal to, and hashed as, the plain string
    assert f"{Routine.INDIVIDUAL_CHECK_IN}" == "individual_check_in"
    assert Role("care_contact") is Role.CARE_CONTACT


def test_times_with_any_offset_are_the_same_instant(planning: Case) -> None:
    a, b = planning.copy(), planning.copy()
    local = datetime(2026, 3, 2, 11, 0, tzinfo=STOCKHOLM_WINTER)
    a.apply({"type": "add_rehab_party", "at": local, "actor": "inpatient", "provider": "Rehab Väst"})
    b.apply({"type": "add_rehab_party", "at": "2026-03-02T10:00:00Z", "actor": "inpatient", "provider": "Rehab Väst"})
    assert a.state == b.state
    # Sub-second precision survives.
    c = planning.copy()
    c.apply({"type": "add_rehab_party", "at": datetime(2026, 3, 2, 10, 0, 0, 123456, tzinfo=timezone.utc),
             "actor": "inpatient", "provider": "Rehab Väst"})
    assert c.journal[-1]["at"] == "2026-03-02T10:00:00.123456Z"


def test_view_is_logged_allowed_or_refused(planning: Case) -> None:
    seen = planning.view(Role.CARE_CONTACT, at(90))
    assert seen["phase"] == "planning"
    with pytest.raises(NoCareRelationship):
        planning.view("municipal_care", "2026-03-02T09:45:00Z")
    assert planning.access_log == [
        {"at": "2026-03-02T09:30:00Z", "role": "care_contact", "action": "read", "outcome": "allowed"},
        {"at": "2026-03-02T09:45:00Z", "role": "municipal_care", "action": "read", "outcome": "refused",
         "code": "no_care_relationship"},
    ]


def test_deadlines_with_payment_days(planning: Case) -> None:
    planning.apply({"type": "mark_ready_for_discharge", "at": "2026-03-05T10:00:00Z", "actor": "inpatient"})
    by_kind: Dict[str, Any] = {d["kind"]: d for d in planning.deadlines("2026-03-10T12:00:00Z")}
    assert by_kind["admission_notice"]["status"] == "met"
    payment = by_kind["payment_responsibility"]
    assert payment["owner"] == "social_services"
    assert payment["due"] == "2026-03-07T23:00:00Z"  # 8 March, Stockholm midnight
    assert payment["days"] == 3  # 8, 9, 10 March
    assert planning.deadlines(datetime(2026, 3, 6, tzinfo=timezone.utc))[-1]["days"] == 0


def test_snapshot_restore_copy_pickle(planning: Case) -> None:
    planning.view("patient", at(70))
    text = planning.snapshot()
    assert json.loads(text)["version"] == utskrivning.SNAPSHOT_VERSION
    for other in (Case.restore(text), Case.restore(json.loads(text)), planning.copy(), copy.deepcopy(planning),
                  pickle.loads(pickle.dumps(planning))):
        assert other.snapshot() == text
    # A copy is independent.
    twin = planning.copy()
    twin.apply({"type": "cancel", "at": at(200), "actor": "inpatient", "reason": "Felregistrering"})
    assert planning.phase == "planning" and twin.phase == "cancelled"


def test_replay_from_list_or_text(planning: Case) -> None:
    journal: List[Dict[str, Any]] = planning.journal
    assert Case.replay(journal).state == planning.state
    assert Case.replay(json.dumps(journal)).state == planning.state
    assert Case.replay(tuple(journal)).snapshot() == Case.replay(journal).snapshot()


def test_apply_many_applies_each_and_stops_at_the_first_rejection(planning: Case) -> None:
    batch: List[Any] = [
        {"type": "add_rehab_party", "at": at(100), "actor": "inpatient", "provider": "Rehab Väst"},
        events.MarkReadyForDischarge(at=at(110), actor=Role.INPATIENT),
        {"type": "discharge", "at": at(120), "actor": "patient"},
        {"type": "discharge", "at": at(130), "actor": "inpatient"},
    ]
    with pytest.raises(utskrivning.NotPermitted) as e:
        planning.apply_many(batch)
    assert e.value.details["index"] == 2
    assert [ev["type"] for ev in planning.journal[-2:]] == ["add_rehab_party", "mark_ready_for_discharge"]
    answers = planning.apply_many(batch[3:])
    assert len(answers) == 1 and answers[0]["effects"] and planning.phase == "discharged"


def test_labels_in_swedish_and_english() -> None:
    assert utskrivning.label("role", "patient") == "den enskilde"
    assert utskrivning.label("role", Role.PATIENT, "en") == "the individual"
    assert utskrivning.label("error", "wrong_place", Lang.EN) == "The SIP meeting must be held at the hospital"
    assert utskrivning.label("phase", "planning", lang="sv") != utskrivning.label("phase", "planning", lang="en")
    for kind, words in utskrivning.vocabulary().items():
        if kind in ("sol_status", "lang"):
            continue
        for word in words:
            assert utskrivning.label(kind, word, "sv") and utskrivning.label(kind, word, "en")


def test_repr_names_the_case_and_phase(planning: Case) -> None:
    assert repr(planning) == 'Case(case_id="c-py", phase=\'planning\', events=3)'
