"""Spec version 2 in Python: admission's municipality and care type, the estimated discharge
date, messages with ids and their acknowledgement, administrative messages, and worklists over
several cases (order, access log, the duplicate case, patient and relative, the unit filter,
poisoning)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, Dict, List, Tuple

import pytest

import utskrivning
from utskrivning import (
    Case,
    CareType,
    InternalError,
    InvalidInput,
    Message,
    NotPermitted,
    Role,
    Routine,
    WorkKind,
    WorklistItem,
    WrongState,
    events,
)

MORNING = datetime(2026, 3, 4, 7, 0, tzinfo=timezone.utc)


def ward() -> Dict[str, Case]:
    """Four cases: c-1 of VC Norr (acknowledgement within 24 hours, ready for discharge), c-2 of
    VC Söder (a relative's question), c-3 just admitted, c-4 cancelled."""
    c1 = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-1", routine=Routine.PROFESSIONAL_CHECK_IN,
                    municipal_care_at_admission=False, agreement={"acknowledgement_hours": 24})
    c1.apply_many([
        events.SendAdmissionNotice(at="2026-03-02T09:00:00Z", actor=Role.INPATIENT,
                                   to=[Role.SOCIAL_SERVICES, Role.CARE_CONTACT]),                     # m1
        events.AssignCareContact(at="2026-03-02T10:00:00Z", actor=Role.CARE_CONTACT, unit="VC Norr"),  # m2
        events.MarkReadyForDischarge(at="2026-03-02T11:00:00Z", actor=Role.INPATIENT),                # m3
    ])
    c2 = Case.admit(at="2026-03-03T08:00:00Z", case_id="c-2", routine=Routine.INDIVIDUAL_CHECK_IN,
                    municipal_care_at_admission=False)
    c2.apply_many([
        events.SendAdmissionNotice(at="2026-03-03T08:30:00Z", actor=Role.INPATIENT, to=[Role.CARE_CONTACT]),
        events.AssignCareContact(at="2026-03-03T09:00:00Z", actor=Role.CARE_CONTACT, unit="VC Söder"),
        events.RaiseQuestion(at="2026-03-03T09:30:00Z", actor=Role.RELATIVE, text="Hemtjänst?",
                             concerns_inpatient=False),
    ])
    c3 = Case.admit(at="2026-03-03T12:00:00Z", case_id="c-3", routine=Routine.PROFESSIONAL_CHECK_IN,
                    municipal_care_at_admission=False)
    c4 = Case.admit(at="2026-03-02T07:00:00Z", case_id="c-4", routine=Routine.PROFESSIONAL_CHECK_IN,
                    municipal_care_at_admission=False)
    c4.apply(events.Cancel(at="2026-03-02T08:00:00Z", actor=Role.INPATIENT, reason="Felregistrering"))
    return {"c-1": c1, "c-2": c2, "c-3": c3, "c-4": c4}


def brief(items: List[WorklistItem]) -> List[Tuple[str, str, Any, bool]]:
    return [(i["case_id"], i["kind"], i["ref"], i["overdue"]) for i in items]


def logs(cases: Dict[str, Case]) -> Dict[str, int]:
    return {k: len(c.access_log) for k, c in cases.items()}


def invalid(call: Any) -> Dict[str, Any]:
    with pytest.raises(InvalidInput) as e:
        call()
    return e.value.details


# --- admission, estimated discharge, messages ----------------------------------------------


def test_admit_takes_municipality_and_care_type() -> None:
    case = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-1", routine=Routine.PROFESSIONAL_CHECK_IN,
                      municipal_care_at_admission=False, municipality="1480", care_type=CareType.PSYCHIATRIC)
    assert (case.state["municipality"], case.state["care_type"]) == ("1480", "psychiatric")
    assert case.journal[0]["municipality"] == "1480" and case.journal[0]["care_type"] == "psychiatric"
    plain = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-2", routine="professional_check_in",
                       municipal_care_at_admission=False, municipality=None)
    assert (plain.state["municipality"], plain.state["care_type"]) == (None, "somatic")
    assert "municipality" not in plain.journal[0] and "care_type" not in plain.journal[0]
    typed = events.Admit(at="2026-03-02T08:00:00Z", actor="inpatient", case_id="c-3", routine="individual_check_in",
                         municipal_care_at_admission=False, municipality="0180")
    assert typed.to_dict()["municipality"] == "0180" and "care_type" not in typed.to_dict()
    assert Case().apply(typed)["effects"][0]["to"] == "admitted"


@pytest.mark.parametrize(
    "fields, details",
    [({"municipality": "148"}, {"field": "municipality", "problem": "unknown_value"}),
     ({"municipality": 1480}, {"field": "municipality", "problem": "wrong_type"}),
     ({"care_type": "geriatric"}, {"field": "care_type", "problem": "unknown_value"}),
     ({"care_type": "geriatric", "agreement": {"payment_days": 99}}, {"field": "care_type"})],
)
def test_admit_refuses_a_bad_municipality_or_care_type(fields: Dict[str, Any], details: Dict[str, Any]) -> None:
    got = invalid(lambda: Case.admit(at="2026-03-02T08:00:00Z", case_id="c-1", routine="professional_check_in",
                                     municipal_care_at_admission=False, **fields))
    assert {k: got[k] for k in details} == details
    # The same event as a dict gets the same error.
    event = {"type": "admit", "at": "2026-03-02T08:00:00Z", "actor": "inpatient", "case_id": "c-1",
             "routine": "professional_check_in", "municipal_care_at_admission": False, **fields}
    assert invalid(lambda: Case().apply(event)) == got


def test_the_estimated_discharge_date_travels_with_the_notice_and_its_changes() -> None:
    case = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-1", routine="professional_check_in",
                      municipal_care_at_admission=False)
    assert case.state["estimated_discharge"] is None
    assert case.apply(events.SetEstimatedDischarge(at="2026-03-02T08:10:00Z", actor=Role.INPATIENT,
                                                   date=date(2026, 3, 9))) == {"effects": []}
    notice = case.apply(events.SendAdmissionNotice(at="2026-03-02T09:00:00Z", actor="inpatient",
                                                   to=["social_services", "care_contact"]))["effects"][-1]
    assert notice == {"type": "notify", "id": "m1", "message": Message.ADMISSION_NOTICE,
                      "to": ["care_contact", "social_services"], "estimated_discharge": "2026-03-09"}
    changed = case.apply({"type": "set_estimated_discharge", "at": "2026-03-03T09:00:00Z", "actor": "inpatient",
                          "date": "2026-03-11"})
    assert changed["effects"] == [{"type": "notify", "id": "m2", "message": "estimated_discharge_changed",
                                   "to": ["care_contact", "social_services"], "estimated_discharge": "2026-03-11"}]
    assert case.state["estimated_discharge"] == {"date": "2026-03-11"}
    # Without a date set, the notice says so: `null`.
    other = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-2", routine="professional_check_in",
                       municipal_care_at_admission=False)
    effects = other.apply({"type": "send_admission_notice", "at": "2026-03-02T09:00:00Z", "actor": "inpatient",
                           "to": ["care_contact"]})["effects"]
    assert effects[-1]["estimated_discharge"] is None


def test_a_date_must_be_a_calendar_day() -> None:
    case = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-1", routine="professional_check_in",
                      municipal_care_at_admission=False)
    before = case.snapshot()
    for day in ("2026-02-30", "9/3/2026", "2026-03-09T00:00:00Z", datetime(2026, 3, 9, tzinfo=timezone.utc)):
        assert invalid(lambda: case.apply(events.SetEstimatedDischarge(at="2026-03-02T09:00:00Z",
                                                                        actor="inpatient", date=day)))["field"] == "date"
    assert case.snapshot() == before


def test_messages_are_kept_and_acknowledged_by_id() -> None:
    c1 = ward()["c-1"]
    c1.apply(events.AcknowledgeMessage(at="2026-03-03T08:00:00Z", actor=Role.SOCIAL_SERVICES, id="m1"))
    c1.apply({"type": "acknowledge_message", "at": "2026-03-03T08:05:00Z", "actor": "care_contact", "id": "m1"})
    admin = c1.apply(events.SendAdministrativeMessage(at="2026-03-03T08:10:00Z", actor=Role.CARE_CONTACT,
                                                      to=[Role.SOCIAL_SERVICES, Role.INPATIENT], text="Ring mig"))
    assert admin["effects"] == [{"type": "notify", "id": "m4", "message": "administrative_message",
                                 "to": ["inpatient", "social_services"]}]
    messages = c1.state["messages"]
    assert [(m["id"], m["message"], m["acknowledged"]) for m in messages] == [
        ("m1", "admission_notice", ["social_services", "care_contact"]),
        ("m2", "care_contact_assigned", []),
        ("m3", "ready_for_discharge", []),
        ("m4", "administrative_message", []),
    ]
    assert "Ring mig" not in json.dumps(messages) and c1.journal[-1]["text"] == "Ring mig"


def test_acknowledge_message_refusals_leave_the_snapshot_byte_identical() -> None:
    c1 = ward()["c-1"]
    c1.apply(events.AcknowledgeMessage(at="2026-03-03T08:00:00Z", actor=Role.SOCIAL_SERVICES, id="m1"))
    before = c1.snapshot()
    refusals: List[Tuple[Dict[str, Any], type]] = [
        ({"actor": "social_services", "id": "m1"}, WrongState),       # acknowledged already
        ({"actor": "care_contact", "id": "m9"}, InvalidInput),        # never issued
        ({"actor": "care_contact", "id": 1}, InvalidInput),           # not an id
        ({"actor": "inpatient", "id": "m1"}, NotPermitted),           # not a recipient
        ({"actor": "patient", "id": "m1"}, NotPermitted),             # informed, not asked
        ({"actor": "relative", "id": "m3"}, NotPermitted),
        ({"actor": "nobody", "id": "m1"}, InvalidInput),
        ({"actor": "care_contact", "id": "m1", "extra": True}, InvalidInput),
        ({"actor": "care_contact", "id": "m1", "at": "2026-03-01T00:00:00Z"}, utskrivning.TimeWentBackwards),
    ]
    for fields, error in refusals:
        event = {"type": "acknowledge_message", "at": "2026-03-03T09:00:00Z", **fields}
        with pytest.raises(error):
            c1.apply(event)
        assert c1.snapshot() == before, fields
    # A finished case refuses it too, and stays as it was.
    c1.apply({"type": "cancel", "at": "2026-03-03T10:00:00Z", "actor": "inpatient", "reason": "Flyttad"})
    finished = c1.snapshot()
    with pytest.raises(utskrivning.CaseFinished):
        c1.apply(events.AcknowledgeMessage(at="2026-03-03T11:00:00Z", actor=Role.CARE_CONTACT, id="m3"))
    assert c1.snapshot() == finished


def test_a_care_request_message_is_acknowledged_by_acknowledge_care_request() -> None:
    case = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-1", routine="individual_check_in",
                      municipal_care_at_admission=False)
    case.apply_many([
        {"type": "send_admission_notice", "at": "2026-03-02T09:00:00Z", "actor": "inpatient", "to": ["care_contact"]},
        {"type": "give_consent", "at": "2026-03-02T09:10:00Z", "actor": "patient", "purpose": "care_request",
         "written_information_given": True},
        {"type": "send_care_request", "at": "2026-03-02T09:20:00Z", "actor": "care_contact", "question": "Hemsjukvård?"},
    ])
    [request] = [m for m in case.state["messages"] if m["message"] == "care_request"]
    before = case.snapshot()
    with pytest.raises(WrongState):
        case.apply(events.AcknowledgeMessage(at="2026-03-02T10:00:00Z", actor=Role.MUNICIPAL_CARE, id=request["id"]))
    assert case.snapshot() == before
    case.apply({"type": "acknowledge_care_request", "at": "2026-03-02T10:00:00Z", "actor": "municipal_care"})
    [request] = [m for m in case.state["messages"] if m["message"] == "care_request"]
    assert request["acknowledged"] == ["municipal_care"]


# --- worklists -----------------------------------------------------------------------------


def test_a_worklist_over_several_cases_is_sorted_and_logged_where_it_gives_items() -> None:
    cases = ward()
    items = utskrivning.worklist(Role.CARE_CONTACT, MORNING, list(cases.values()))
    assert brief(items) == [
        ("c-1", "acknowledge_message", "m1", True),   # overdue first, by due
        ("c-1", "acknowledge_message", "m3", True),
        ("c-1", "ready_for_discharge", None, False),  # then by since (nothing due)
        ("c-2", "acknowledge_message", "m1", False),
        ("c-2", "acknowledge_message", "m3", False),  # the question_raised message
        ("c-2", "answer_question", "q1", False),       # same since: the kind's row
    ]
    assert items[0] == {"case_id": "c-1", "kind": WorkKind.ACKNOWLEDGE_MESSAGE, "ref": "m1",
                        "since": "2026-03-02T09:00:00Z", "due": "2026-03-03T09:00:00Z", "overdue": True}
    # One `worklist` line in each case that gave items; none in c-3 (nothing) or c-4 (finished).
    line = {"at": "2026-03-04T07:00:00Z", "role": "care_contact", "action": "worklist", "outcome": "allowed"}
    assert [c.access_log for c in cases.values()] == [[line], [line], [], []]
    # The order of the cases passed does not matter; a deadline with a due time comes before
    # items without one.
    inpatient = utskrivning.worklist("inpatient", "2026-03-04T08:00:00+01:00", list(reversed(cases.values())))
    assert brief(inpatient) == [
        ("c-1", "acknowledge_message", "m2", True),
        ("c-3", "deadline", "admission_notice", False),
        ("c-1", "ready_for_discharge", None, False),
        ("c-2", "acknowledge_message", "m2", False),
    ]
    assert logs(cases) == {"c-1": 2, "c-2": 2, "c-3": 1, "c-4": 0}


def test_acknowledging_from_the_worklist_takes_the_item_off() -> None:
    cases = ward()
    for item in utskrivning.worklist("care_contact", MORNING, list(cases.values())):
        if item["kind"] == WorkKind.ACKNOWLEDGE_MESSAGE:
            cases[item["case_id"]].apply(events.AcknowledgeMessage(at=MORNING, actor=Role.CARE_CONTACT, id=str(item["ref"])))
    left = utskrivning.worklist("care_contact", MORNING, list(cases.values()))
    assert [i["kind"] for i in left] == ["ready_for_discharge", "answer_question"]


def test_the_same_case_twice_is_refused_before_any_case_is_borrowed() -> None:
    cases = ward()
    c1 = cases["c-1"]
    before = {k: c.snapshot() for k, c in cases.items()}
    for twice in ([c1, cases["c-2"], c1], (c1, c1)):
        assert invalid(lambda: utskrivning.worklist("care_contact", MORNING, twice)) == \
            {"field": "cases", "problem": "duplicate"}
    # Two objects of one case_id (a copy) are the core's duplicate, with the same details.
    assert invalid(lambda: utskrivning.worklist("care_contact", MORNING, [c1, c1.copy()])) == \
        {"field": "cases", "problem": "duplicate"}
    # A bad role or time comes first.
    assert invalid(lambda: utskrivning.worklist("nurse", MORNING, [c1, c1]))["field"] == "role"
    assert invalid(lambda: utskrivning.worklist("care_contact", "2026-03-04", [c1, c1]))["field"] == "at"
    # Nothing was logged, nothing is left borrowed: every case still answers.
    assert {k: c.snapshot() for k, c in cases.items()} == before
    assert utskrivning.worklist("care_contact", MORNING, [c1])[0]["ref"] == "m1"


def test_patient_and_relative_have_no_worklist() -> None:
    cases = ward()
    before = {k: c.snapshot() for k, c in cases.items()}
    for role in (Role.PATIENT, "relative"):
        with pytest.raises(NotPermitted):
            utskrivning.worklist(role, MORNING, list(cases.values()))
        with pytest.raises(NotPermitted):
            utskrivning.worklist(role, MORNING, [])
    # The duplicate is judged before the role.
    assert invalid(lambda: utskrivning.worklist("patient", MORNING, [cases["c-1"]] * 2))["problem"] == "duplicate"
    assert {k: c.snapshot() for k, c in cases.items()} == before


def test_unit_narrows_a_care_contacts_list_exactly() -> None:
    cases = ward()
    mine = utskrivning.worklist("care_contact", MORNING, list(cases.values()), unit="VC Söder")
    assert {i["case_id"] for i in mine} == {"c-2"}
    assert logs(cases) == {"c-1": 0, "c-2": 1, "c-3": 0, "c-4": 0}
    assert utskrivning.worklist("care_contact", MORNING, list(cases.values()), unit="vc söder") == []
    assert utskrivning.worklist("care_contact", MORNING, list(cases.values()), unit=None)[0]["case_id"] == "c-1"
    # Other roles' lists are not narrowed by a unit.
    everyone = utskrivning.worklist("social_services", MORNING, list(cases.values()))
    assert utskrivning.worklist("social_services", MORNING, list(cases.values()), unit="VC Söder") == everyone


def test_municipal_care_sees_only_cases_it_has_a_care_relationship_with() -> None:
    cases = ward()
    assert utskrivning.worklist(Role.MUNICIPAL_CARE, MORNING, list(cases.values())) == []
    assert logs(cases) == {"c-1": 0, "c-2": 0, "c-3": 0, "c-4": 0}  # left out, not logged


def test_worklist_arguments_of_the_wrong_type_are_invalid_input() -> None:
    c1 = ward()["c-1"]
    assert invalid(lambda: utskrivning.worklist(3, MORNING, [c1])) == {"field": "role", "problem": "wrong_type"}  # type: ignore[arg-type]
    assert invalid(lambda: utskrivning.worklist("inpatient", datetime(2026, 3, 4), [c1]))["reason"] == "naive_datetime"
    not_lists: List[Any] = [c1, {"c-1": c1}, [c1, "c-2"], None]
    for cases in not_lists:
        assert invalid(lambda: utskrivning.worklist("inpatient", MORNING, cases)) == {"field": "cases", "problem": "wrong_type"}
    assert invalid(lambda: utskrivning.worklist("care_contact", MORNING, [c1], unit=5))["field"] == "unit"  # type: ignore[arg-type]
    assert utskrivning.worklist("inpatient", MORNING, [Case()]) == []  # not admitted: no items
    assert c1.access_log == []


def test_a_panic_while_the_worklist_holds_cases_poisons_them() -> None:
    cases = ward()
    held, bystander = [cases["c-1"], cases["c-2"]], cases["c-3"]
    with pytest.raises(InternalError) as e:
        utskrivning._native._worklist_panic_for_test(held)
    assert e.value.details == {"reason": "panic"}
    for case in held:
        with pytest.raises(InternalError) as e:
            case.snapshot()
        assert e.value.details == {"reason": "poisoned"}
    with pytest.raises(InternalError) as e:
        utskrivning.worklist("inpatient", MORNING, [bystander, cases["c-1"]])
    assert e.value.details == {"reason": "poisoned"}
    assert bystander.access_log == [] and bystander.phase == "admitted"  # untouched
