"""Error paths: the exception hierarchy, bad types, bad JSON, naive datetimes, refused
snapshots and journals, and panics that must come out as InternalError."""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime, timezone
from typing import Any, Dict

import pytest
from conftest import T0, at

import utskrivning
from utskrivning import (
    ERRORS,
    Case,
    InternalError,
    InvalidInput,
    Planner,
    UtskrivningError,
    events,
)

SPEC_CODES = [
    "invalid_input", "wrong_state", "not_permitted", "consent_missing", "already_enrolled",
    "missing_information", "color_track_not_used", "agreement_incomplete", "preparation_incomplete",
    "wrong_place", "no_care_relationship", "open_items", "time_went_backwards", "case_finished",
]


SESSIONS = {"hospital": "h", "slot_minutes": 10, "times": [{"weekday": "tuesday", "starts": "13:00", "ends": "14:00"}]}


def invalid(call: Any) -> Dict[str, Any]:
    """The details of the InvalidInput that `call()` raises."""
    with pytest.raises(InvalidInput) as e:
        call()
    assert e.value.code == "invalid_input"
    return e.value.details


def test_one_class_per_spec_code_under_one_base() -> None:
    assert utskrivning.vocabulary()["error"] == SPEC_CODES
    assert set(ERRORS) == set(SPEC_CODES) | {"internal"}
    for code, cls in ERRORS.items():
        assert issubclass(cls, UtskrivningError) and cls.code == code
        assert getattr(utskrivning, cls.__name__) is cls
    assert issubclass(InternalError, UtskrivningError)


def test_an_error_carries_code_details_and_both_messages(planning: Case) -> None:
    with pytest.raises(utskrivning.WrongState) as e:
        planning.apply({"type": "discharge", "at": at(100), "actor": "inpatient"})
    err = e.value
    assert err.code == "wrong_state"
    assert err.details == {"event": "discharge", "track": "phase", "state": "planning"}
    assert str(err).startswith("The event is not allowed") and "track=phase" in str(err)
    assert err.message_sv.startswith("Händelsen är inte tillåten")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is type(err) and again.details == err.details and str(again) == str(err)


def test_errors_never_echo_what_a_person_wrote(planning: Case) -> None:
    secret = "Patienten Anna Andersson 19121212-1212"
    with pytest.raises(UtskrivningError) as e:
        planning.apply({"type": "send_care_request", "at": at(100), "actor": "care_contact", "question": secret})
    assert secret not in str(e.value) + e.value.message_sv + json.dumps(e.value.details)
    for event in (
        {"type": "cancel", "at": at(100), "actor": "relative", "reason": secret},  # not permitted
        {"type": "cancel", "at": at(100), "actor": "inpatient", "reason": [secret]},  # wrong type
        {"type": "raise_question", "at": at(100), "actor": "patient", "text": secret, "concerns_inpatient": secret},
        {"type": "assign_care_contact", "at": secret, "actor": "care_contact", "unit": "VC"},  # not a time
        {"type": secret, "at": at(100), "actor": "inpatient"},  # unknown type
    ):
        with pytest.raises(UtskrivningError) as e2:
            planning.apply(event)
        assert secret not in str(e2.value) + e2.value.message_sv + json.dumps(e2.value.details, ensure_ascii=False)


@pytest.mark.parametrize("event", [42, None, 1.5, ["type", "discharge"], b"{}", object(), date(2026, 3, 2)])
def test_an_event_that_is_not_an_object(planning: Case, event: Any) -> None:
    assert invalid(lambda: planning.apply(event)) == {"field": "event", "problem": "not_an_object"}


@pytest.mark.parametrize("text", ["{", "", "null", "[1]", '{"type": "discharge", "at": }'])
def test_bad_json_text(planning: Case, text: str) -> None:
    details = invalid(lambda: planning.apply(text))
    assert details["field"] == "event" and details["problem"] in ("not_json", "not_an_object")


@pytest.mark.parametrize(
    "event, details",
    [
        ({"type": "dischargee", "at": "2026-03-02T10:00:00Z", "actor": "inpatient"}, {"field": "type", "problem": "unknown_value"}),
        ({"type": "discharge", "at": "yesterday", "actor": "inpatient"}, {"field": "at", "problem": "not_a_timestamp"}),
        ({"type": "discharge", "at": "2026-03-02T10:00:00", "actor": "inpatient"}, {"field": "at", "problem": "not_a_timestamp"}),
        ({"type": "discharge", "at": "2026-03-02T10:00:00Z", "actor": "doctor"}, {"field": "actor", "problem": "unknown_value"}),
        ({"type": "discharge", "at": "2026-03-02T10:00:00Z", "actor": "inpatient", "reason": "x"}, {"field": "reason", "problem": "unknown_field"}),
        ({"type": "cancel", "at": "2026-03-02T10:00:00Z", "actor": "inpatient"}, {"field": "reason", "problem": "missing"}),
        ({"type": "cancel", "at": "2026-03-02T10:00:00Z", "actor": "inpatient", "reason": 5}, {"field": "reason", "problem": "wrong_type"}),
        ({"type": "send_admission_notice", "at": "2026-03-02T10:00:00Z", "actor": "inpatient", "to": []}, {"field": "to", "problem": "empty_list"}),
        ({"type": "book_check_in", "at": "2026-03-02T10:00:00Z", "actor": "inpatient", "starts_at": "2026-03-03T10:00:00Z", "remote": 1}, {"field": "remote", "problem": "wrong_type"}),
    ],
)
def test_a_dict_gets_the_same_error_as_its_json_text(planning: Case, event: Dict[str, Any], details: Dict[str, Any]) -> None:
    from_dict = invalid(lambda: planning.apply(event))
    from_text = invalid(lambda: planning.apply(json.dumps(event)))
    assert from_dict == from_text
    assert {k: from_dict[k] for k in details} == details


@pytest.mark.parametrize(
    "value",
    [object(), {1, 2}, b"bytes", float("nan"), float("inf"), 2**70, date(2026, 3, 2), "\ud800", {1: "non-text key"}],
)
def test_a_value_json_has_no_word_for_is_wrong_type_naming_the_field(planning: Case, value: Any) -> None:
    event = {"type": "assign_care_contact", "at": at(100), "actor": "care_contact", "unit": value}
    details = invalid(lambda: planning.apply(event))
    assert details["field"] in ("unit", "unit.1") and details["problem"] == "wrong_type"


def test_nested_fields_are_named_by_their_path() -> None:
    unserialisable: Any = {"payment_days": object()}
    details = invalid(lambda: Case.admit(at=T0, case_id="c", routine="individual_check_in",
                                         municipal_care_at_admission=False, agreement=unserialisable))
    assert details == {"field": "agreement.payment_days", "problem": "wrong_type"}
    details = invalid(lambda: Case.admit(at=T0, case_id="c", routine="individual_check_in",
                                         municipal_care_at_admission=False, agreement={"payment_days": 99}))
    assert details == {"field": "agreement.payment_days", "problem": "unknown_value", "max": 60}
    details = invalid(lambda: Case.admit(at=T0, case_id="c", routine="individual_check_in",
                                         municipal_care_at_admission=False, agreement=[1]))  # type: ignore[arg-type]
    assert details == {"field": "agreement", "problem": "wrong_type"}


NAIVE = datetime(2026, 3, 2, 10, 0)
NAIVE_AT = {"problem": "not_a_timestamp", "reason": "naive_datetime"}


def test_naive_datetimes_are_refused_naming_the_field(planning: Case) -> None:
    assert invalid(lambda: Case.admit(at=NAIVE, case_id="c", routine="individual_check_in",
                                      municipal_care_at_admission=False)) == {"field": "at", **NAIVE_AT}
    assert invalid(lambda: planning.apply({"type": "discharge", "at": NAIVE, "actor": "inpatient"})) == {"field": "at", **NAIVE_AT}
    typed = events.BookCheckIn(at=at(100), actor="inpatient", starts_at=NAIVE, remote=False)
    assert invalid(lambda: planning.apply(typed)) == {"field": "starts_at", **NAIVE_AT}
    assert invalid(lambda: planning.view("patient", NAIVE)) == {"field": "at", **NAIVE_AT}
    assert invalid(lambda: planning.deadlines(NAIVE)) == {"field": "at", **NAIVE_AT}
    with pytest.raises(InvalidInput) as e:
        planning.deadlines(NAIVE)
    assert "field=at" in str(e.value) and "naive_datetime" in str(e.value)


def test_wrong_argument_types_are_invalid_input_not_type_error(planning: Case) -> None:
    assert invalid(lambda: planning.view(3, at(100))) == {"field": "role", "problem": "wrong_type"}  # type: ignore[arg-type]
    assert invalid(lambda: planning.view("nurse", at(100)))["field"] == "role"
    assert invalid(lambda: planning.view("patient", 1700000000)) == {"field": "at", "problem": "wrong_type"}  # type: ignore[arg-type]
    assert invalid(lambda: planning.deadlines(date(2026, 3, 2))) == {"field": "at", "problem": "wrong_type"}  # type: ignore[arg-type]
    for not_a_list in (5, "[]", {"type": "discharge"}, b"[]"):
        assert invalid(lambda: planning.apply_many(not_a_list)) == {"field": "events", "problem": "wrong_type"}  # type: ignore[arg-type]
    assert invalid(lambda: Case.admit(at=T0, case_id=7, routine="individual_check_in",  # type: ignore[arg-type]
                                      municipal_care_at_admission=False))["field"] == "case_id"
    assert invalid(lambda: Case.admit(at=T0, case_id="c", routine="weekly",
                                      municipal_care_at_admission="no"))["field"] == "routine"  # type: ignore[arg-type]


def test_labels_refuse_unknown_kind_word_and_language() -> None:
    kind = invalid(lambda: utskrivning.label("colour", "red"))
    assert kind["field"] == "kind" and "color_track" in kind["allowed"]
    word = invalid(lambda: utskrivning.label("role", "doctor"))
    assert word["field"] == "word" and "patient" in word["allowed"]
    assert invalid(lambda: utskrivning.label("role", "patient", "de"))["field"] == "lang"
    assert invalid(lambda: utskrivning.label("role", None))["field"] == "word"  # type: ignore[arg-type]


def test_snapshots_that_are_not_ours_are_refused(planning: Case) -> None:
    good = json.loads(planning.snapshot())
    assert invalid(lambda: Case.restore("{")) == {"field": "snapshot", "problem": "not_json"}
    assert invalid(lambda: Case.restore(5)) == {"field": "snapshot", "problem": "wrong_type"}  # type: ignore[arg-type]
    newer = dict(good, version=good["version"] + 1)
    assert invalid(lambda: Case.restore(newer))["problem"] == "unsupported_version"
    tampered = json.loads(planning.snapshot())
    tampered["state"]["phase"] = "discharged"
    assert invalid(lambda: Case.restore(tampered)) == {"field": "state", "problem": "mismatch"}
    truncated = dict(good, journal=good["journal"][:-1])  # the chain's head no longer matches
    assert invalid(lambda: Case.restore(json.dumps(truncated))) == {"field": "journal", "problem": "tampered"}


def test_journals_that_do_not_replay_name_the_event(planning: Case) -> None:
    journal = planning.journal
    journal[1]["at"] = "2026-03-01T00:00:00Z"
    with pytest.raises(utskrivning.TimeWentBackwards) as e:
        Case.replay(journal)
    assert e.value.details["journal_index"] == 1
    assert invalid(lambda: Case.replay([{"type": "admit"}]))["journal_index"] == 0
    assert invalid(lambda: Case.replay("[")) == {"field": "journal", "problem": "not_json"}
    assert invalid(lambda: Case.replay({"a": 1})) == {"field": "journal", "problem": "wrong_type"}  # type: ignore[arg-type]


def test_a_panic_is_internal_not_panic_exception() -> None:
    with pytest.raises(InternalError) as e:
        utskrivning._native._panic_for_test()
    assert e.value.code == "internal" and e.value.details == {"reason": "panic"}
    assert str(e.value) == "Internal error in the library (reason=panic)"
    assert e.value.message_sv == "Internt fel i biblioteket (reason=panic)"


def test_a_panic_inside_a_case_poisons_the_case(planning: Case) -> None:
    with pytest.raises(InternalError) as e:
        planning._panic_for_test()
    assert e.value.details == {"reason": "panic"}
    for call in (
        lambda: planning.apply({"type": "discharge", "at": at(100), "actor": "inpatient"}),
        lambda: planning.state,
        lambda: planning.snapshot(),
        lambda: Planner(SESSIONS).cancel(planning, at(100)),
    ):
        with pytest.raises(InternalError) as e:
            call()
        assert e.value.code == "internal" and e.value.details == {"reason": "poisoned"}


def test_a_panic_inside_a_planner_operation_poisons_the_planner_and_its_cases(planning: Case) -> None:
    planner, bystander = Planner(SESSIONS), planning.copy()
    with pytest.raises(InternalError) as e:
        planner._panic_for_test([planning])
    assert e.value.details == {"reason": "panic"}
    for call in (lambda: planner.slots("2026-03-03"), lambda: planning.phase,
                 lambda: planner.book("2026-03-03", bystander, at(100))):
        with pytest.raises(InternalError) as e:
            call()
        assert e.value.details == {"reason": "poisoned"}
    assert bystander.phase == "planning"  # a case the operation did not hold is untouched


def test_a_rejection_leaves_the_case_as_it_was(planning: Case) -> None:
    before = planning.snapshot()
    for event in (
        {"type": "discharge", "at": at(100), "actor": "inpatient"},
        {"type": "send_care_request", "at": at(100), "actor": "care_contact", "question": "?"},
        {"type": "assign_care_contact", "at": at(100), "actor": "care_contact", "unit": "  "},
        {"type": "assign_care_contact", "at": datetime(2020, 1, 1, tzinfo=timezone.utc), "actor": "care_contact", "unit": "X"},
        {"type": "assign_care_contact", "at": NAIVE, "actor": "care_contact", "unit": "X"},
    ):
        with pytest.raises(UtskrivningError):
            planning.apply(event)
        assert planning.snapshot() == before
