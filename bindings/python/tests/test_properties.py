"""Property: random event streams never corrupt a case. Whatever hypothesis throws at it, every
rejection leaves the snapshot unchanged, only `UtskrivningError`s are raised, replaying the
journal gives the same state, and a snapshot restores to the same case. Worklists asked along
the way change nothing but the access log: one `worklist` line when they give items, none
otherwise, and their items come sorted as the spec sorts them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Tuple

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import utskrivning
from utskrivning import Agreement, Case, UtskrivningError

T0 = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)
ROLES = utskrivning.vocabulary()["role"]
FIELDS = utskrivning.event_fields()
TYPES = sorted(t for t in FIELDS if t != "admit")

# Who usually performs each event, so that most streams get somewhere (any role is tried too).
PERFORMER = {
    "send_admission_notice": "inpatient", "assign_care_contact": "care_contact", "add_rehab_party": "inpatient",
    "mark_ready_for_discharge": "inpatient", "unmark_ready_for_discharge": "inpatient", "discharge": "inpatient",
    "close_case": "care_contact", "cancel": "inpatient", "book_check_in": "inpatient", "cancel_check_in": "inpatient",
    "start_check_in": "care_contact", "start_item": "care_contact", "skip_item": "care_contact",
    "end_check_in": "care_contact", "send_care_request": "care_contact", "acknowledge_care_request": "municipal_care",
    "request_completion": "municipal_care", "complete_care_request": "care_contact",
    "accept_care_request": "municipal_care", "reject_care_request": "municipal_care",
    "close_care_request": "care_contact", "give_consent": "patient", "decline_consent": "patient",
    "withdraw_consent": "patient", "decide_color_track": "care_contact", "schedule_sip": "care_contact",
    "hold_sip": "care_contact", "record_sol_application": "social_services", "raise_question": "patient",
    "answer_question": "care_contact", "set_estimated_discharge": "inpatient", "acknowledge_message": "social_services",
    "send_administrative_message": "care_contact",
}

texts = st.one_of(st.sampled_from(["Vårdcentralen Norrmalm", "hospital", "Läkemedelslista", "  ", ""]), st.text(max_size=8))
roles = st.lists(st.sampled_from(ROLES), max_size=4)
# A value of any kind, for the odd field that gets the wrong one.
junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts, roles, st.just(object()),
                 st.just(datetime(2026, 3, 2, 10)), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def good_value(name: str, now: datetime) -> st.SearchStrategy[Any]:
    """A value of the right type for a field (it may still break the event's guards)."""
    choices: Dict[str, st.SearchStrategy[Any]] = {
        "to": roles, "agreed_by": roles, "participants": roles,
        "starts_at": st.integers(0, 72).map(lambda h: now + timedelta(hours=h)),
        "meeting_at": st.integers(0, 72).map(lambda h: now + timedelta(hours=h)),
        "remote": st.booleans(), "concerns_inpatient": st.booleans(),
        "written_information_given": st.one_of(st.booleans(), st.none()),
        "item": st.sampled_from(utskrivning.vocabulary()["item"]),
        "purpose": st.sampled_from(utskrivning.vocabulary()["purpose"]),
        "status": st.sampled_from(utskrivning.vocabulary()["sol_status"]),
        "track": st.sampled_from(["red", "none", "green"]),
        "missing": st.lists(texts, max_size=2),
        "id": st.sampled_from(["q1", "q2", "m1", "m2", "m3", "m10"]),
        "date": st.sampled_from(["2026-03-09", "2026-03-12", "2026-02-30", "9.3.2026"]),
        "place": st.sampled_from(["hospital", "home"]),
    }
    return choices.get(name, texts)


@st.composite
def an_event(draw: st.DrawFn, now: datetime) -> Tuple[str, Any]:
    """("view" or "worklist", (role, at)) or ("event", event) — mostly well formed, sometimes not."""
    asks = draw(st.integers(0, 9))
    if asks in (0, 1):
        role = draw(st.sampled_from(ROLES + ["nobody"]))
        return ("view", "worklist")[asks], (role, now - timedelta(hours=draw(st.integers(0, 5))))
    kind = draw(st.sampled_from(TYPES))
    actor = PERFORMER[kind] if draw(st.integers(0, 3)) else draw(st.sampled_from(ROLES))
    event: Dict[str, Any] = {"type": kind, "at": now, "actor": actor}
    for name in FIELDS[kind]:
        event[name] = draw(good_value(name, now))
    spoil = draw(st.integers(0, 11))
    if spoil == 0 and FIELDS[kind]:
        event[draw(st.sampled_from(FIELDS[kind]))] = draw(junk)
    elif spoil == 1:
        event[draw(st.sampled_from(["at", "actor", "type", "extra"]))] = draw(junk)
    elif spoil == 2:
        event["at"] = now - timedelta(days=1)
    if spoil == 3:
        return "event", json.dumps(event, default=str)  # the JSON text path too
    return "event", event


# The road a case usually takes under each routine, as (type, actor, fields). Streams follow it
# part of the time, so that random events also meet the later states of every track.
_ALL3 = ["inpatient", "care_contact", "social_services"]
_SIP = {"place": "hospital", "participants": ["patient", "inpatient", "municipal_care"]}
_SHARED_START: List[Tuple[str, str, Dict[str, Any]]] = [
    ("send_admission_notice", "inpatient", {"to": ["care_contact", "social_services"]}),
    ("set_estimated_discharge", "inpatient", {"date": "2026-03-09"}),
    ("acknowledge_message", "care_contact", {"id": "m1"}),
    ("assign_care_contact", "care_contact", {"unit": "VC Norrmalm"}),
    ("add_rehab_party", "inpatient", {"provider": "Rehab Väst"}),
]
_CARE_REQUEST: List[Tuple[str, str, Dict[str, Any]]] = [
    ("give_consent", "patient", {"purpose": "care_request", "written_information_given": True}),
    ("send_care_request", "care_contact", {"question": "Hemsjukvård?"}),
    ("acknowledge_care_request", "municipal_care", {}),
    ("request_completion", "municipal_care", {"missing": ["Läkemedelslista"]}),
    ("complete_care_request", "care_contact", {"supplied": "Bifogad"}),
    ("accept_care_request", "municipal_care", {}),
]
_END: List[Tuple[str, str, Dict[str, Any]]] = [
    ("mark_ready_for_discharge", "inpatient", {}),
    ("raise_question", "relative", {"text": "Recept?", "concerns_inpatient": True}),
    ("answer_question", "inpatient", {"id": "q1"}),
    ("discharge", "inpatient", {}),
    ("close_care_request", "care_contact", {}),
    ("close_case", "care_contact", {}),
]
ROADS: Dict[str, List[Tuple[str, str, Dict[str, Any]]]] = {
    "professional_check_in": _SHARED_START + [
        ("book_check_in", "inpatient", {"remote": True}),
        ("start_check_in", "care_contact", {}),
        *_CARE_REQUEST,
        ("decide_color_track", "care_contact", {"track": "red", "agreed_by": _ALL3}),
        ("give_consent", "patient", {"purpose": "sip"}),
        ("schedule_sip", "care_contact", _SIP),
        ("hold_sip", "care_contact", {}),
        ("end_check_in", "care_contact", {}),
    ] + _END,
    "individual_check_in": _SHARED_START + _CARE_REQUEST + [
        ("close_care_request", "care_contact", {}),
        ("book_check_in", "inpatient", {"remote": False}),
        ("start_check_in", "care_contact", {}),
        ("start_item", "care_contact", {"item": "opening"}),
        ("start_item", "social_services", {"item": "sol_application"}),
        ("record_sol_application", "social_services", {"status": "applied"}),
        ("start_item", "care_contact", {"item": "sip_consent"}),
        ("give_consent", "patient", {"purpose": "sip"}),
        ("start_item", "care_contact", {"item": "other_questions"}),
        ("start_item", "care_contact", {"item": "closing"}),
        ("end_check_in", "care_contact", {}),
        ("schedule_sip", "care_contact", {"place": "home", "participants": ["patient", "care_contact"]}),
        ("hold_sip", "care_contact", {}),
    ] + _END,
}


def road_event(step: Tuple[str, str, Dict[str, Any]], now: datetime) -> Dict[str, Any]:
    kind, actor, fields = step
    event: Dict[str, Any] = {"type": kind, "at": now, "actor": actor, **fields}
    for name in ("starts_at", "meeting_at"):
        if name in FIELDS[kind]:
            event[name] = now + timedelta(minutes=30)
    return event


KINDS = utskrivning.vocabulary()["work"]
ACKNOWLEDGE_IN_4H: Agreement = {"acknowledgement_hours": 4}


def worklist_order(item: Any) -> Tuple[Any, ...]:
    """The spec's sort (one case, so `case_id` ties): overdue first, due (none last), since,
    the kind's row, the ref's number. RFC 3339 in UTC as the engine writes it sorts as text
    only without fractions, which these streams never have."""
    ref = item["ref"] or ""
    number = int(ref[1:]) if ref[1:].isdigit() else 0
    return (not item["overdue"], item["due"] is None, item["due"] or "", item["since"], KINDS.index(item["kind"]),
            number, ref)


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_streams_never_corrupt_a_case(data: st.DataObject) -> None:
    routine = data.draw(st.sampled_from(utskrivning.vocabulary()["routine"]))
    case = Case.admit(at=T0, case_id="c-prop", routine=routine, municipal_care_at_admission=data.draw(st.booleans()),
                      municipality=data.draw(st.sampled_from([None, "1480", "0180"])),
                      care_type=data.draw(st.sampled_from([None, "somatic", "psychiatric"])),
                      agreement=data.draw(st.sampled_from([None, ACKNOWLEDGE_IN_4H])))
    road, now = ROADS[routine], T0
    for _ in range(data.draw(st.integers(1, 60))):
        now += timedelta(minutes=data.draw(st.integers(0, 120)))
        on_road = road and data.draw(st.integers(0, 9)) < 6
        what, payload = ("event", road_event(road[0], now)) if on_road else data.draw(an_event(now))
        before = case.snapshot()
        try:
            if what == "view":
                role, when = payload
                case.view(role, when)
            elif what == "worklist":
                role, when = payload
                logged = len(case.access_log)
                items = utskrivning.worklist(role, when, [case])
                after, old = json.loads(case.snapshot()), json.loads(before)
                assert (after["state"], after["journal"]) == (old["state"], old["journal"])
                assert isinstance(when, datetime)
                line = {"at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "role": role, "action": "worklist", "outcome": "allowed"}
                assert case.access_log[logged:] == ([line] if items else [])
                assert items == sorted(items, key=worklist_order)
                event("worklist with items" if items else "worklist without items")
            else:
                case.apply(payload)
                if on_road:
                    road = road[1:]
        except UtskrivningError as e:
            assert e.code in utskrivning.ERRORS and e.code != "internal"
            if what == "event":
                assert case.snapshot() == before, f"a rejected {e.code} changed the case"
            elif what == "worklist":  # refused before any case is read: nothing changes
                assert case.snapshot() == before
            else:  # a refused view adds to the access log, nothing else
                assert json.loads(case.snapshot())["state"] == json.loads(before)["state"]
    # Where streams end, for `pytest --hypothesis-show-statistics`.
    state = case.state
    for track in ("check_in", "care_request", "sip"):
        event(f"{track} {state[track]['state']}")
    event(f"phase {state['phase']}")
    assert Case.replay(case.journal).state == case.state
    assert Case.restore(case.snapshot()).snapshot() == case.snapshot()
