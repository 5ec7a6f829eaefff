"""The strict input of spec version 2 (issue 13), through the binding, each with its input:
RFC 3339 exactly, a key twice refused, blank as White_Space/Cc/Cf, the `case_id` rules, an
unknown key named only when an identifier (and never echoed), weekly times as `HH:MM`; and a
dict or list that changes while it is converted, refused without a panic."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

import pytest
from conftest import T0, at

from utskrivning import Case, InvalidInput, MissingInformation, Planner, Role, Routine, UtskrivningError


def invalid(call: Any) -> Dict[str, Any]:
    """The details of the InvalidInput that `call()` raises."""
    with pytest.raises(InvalidInput) as e:
        call()
    assert e.value.code == "invalid_input"
    return e.value.details


def everything_in(error: UtskrivningError) -> str:
    """Every part of an exception a caller could print or store."""
    parts = [str(error), repr(error), error.message_sv, json.dumps(error.details, ensure_ascii=False)]
    parts += [str(a) for a in error.args] + [str(pickle.loads(pickle.dumps(error)).__dict__)]
    return "\n".join(parts) + json.dumps(error.__dict__, ensure_ascii=False, default=str)


NOT_RFC_3339 = [
    "2026-03-02T23:59Z",  # no seconds
    "2026-03-02T23:59:59+0100",  # an offset without its colon
    "2026-03-02T23:59:59+24:00",  # an offset hour out of range
    "2026-03-02T23:59:59+25:59",
    "20260302T235959Z",  # ISO 8601's basic format
    "2026-03-02T23:59:59,5Z",  # a comma before the fraction
    "+002026-03-02T23:59:59Z",  # an expanded year
    "2026-03-02T23:59:59Z[America/New_York]",  # RFC 9557's zone suffix
]


@pytest.mark.parametrize("text", NOT_RFC_3339)
def test_at_must_be_rfc_3339_exactly(planning: Case, text: str) -> None:
    before = planning.snapshot()
    refused = {"field": "at", "problem": "not_a_timestamp"}
    assert invalid(lambda: planning.apply({"type": "cancel", "at": text, "actor": "inpatient", "reason": "r"})) == refused
    assert invalid(lambda: planning.apply(json.dumps({"type": "cancel", "at": text, "actor": "inpatient"}))) == refused
    assert invalid(lambda: planning.deadlines(text)) == refused
    assert invalid(lambda: planning.view(Role.PATIENT, text)) == refused
    assert invalid(
        lambda: Case.admit(at=text, case_id="c-2", routine=Routine.INDIVIDUAL_CHECK_IN, municipal_care_at_admission=False)
    ) == refused
    assert planning.snapshot() == before


def test_a_nine_digit_fraction_is_accepted(planning: Case) -> None:
    planning.apply({"type": "raise_question", "at": "2026-03-02T23:59:59.123456789Z", "actor": "patient",
                    "text": "När får jag gå hem?", "concerns_inpatient": True})
    assert planning.journal[-1]["type"] == "raise_question"
    assert planning.deadlines("2026-03-03T00:00:00.000000001+01:00") is not None


def test_a_key_twice_in_json_text_is_refused(planning: Case) -> None:
    before = planning.snapshot()
    text = '{"type":"cancel","type":"raise_question","at":"2026-03-02T12:00:00Z","actor":"inpatient"}'
    assert invalid(lambda: planning.apply(text)) == {"field": "event", "problem": "duplicate_key"}
    assert planning.snapshot() == before


def test_a_text_of_only_a_zero_width_space_is_missing(planning: Case) -> None:
    with pytest.raises(MissingInformation) as e:
        planning.apply({"type": "raise_question", "at": at(100), "actor": "patient", "text": "\u200b",
                        "concerns_inpatient": True})
    assert e.value.details == {"field": "text"}
    with pytest.raises(MissingInformation):
        planning.apply({"type": "cancel", "at": at(100), "actor": "inpatient", "reason": "\u200b\u200b"})


def test_an_empty_case_id_is_refused() -> None:
    details = invalid(
        lambda: Case.admit(at=T0, case_id="", routine=Routine.PROFESSIONAL_CHECK_IN, municipal_care_at_admission=False)
    )
    assert details["field"] == "case_id"
    with pytest.raises(InvalidInput) as e:
        Case().apply({"type": "admit", "at": T0.isoformat(), "actor": "inpatient", "case_id": "",
                      "routine": "professional_check_in", "municipal_care_at_admission": False})
    assert e.value.details["field"] == "case_id"


def test_a_personal_number_as_case_id_is_refused_and_not_echoed() -> None:
    with pytest.raises(InvalidInput) as e:
        Case.admit(at=T0, case_id="19121212-1212", routine=Routine.PROFESSIONAL_CHECK_IN,
                   municipal_care_at_admission=False)
    assert e.value.details == {"field": "case_id", "problem": "personal_data"}
    assert "19121212" not in everything_in(e.value)


def test_an_unknown_key_that_is_not_an_identifier_is_given_by_position_never_echoed(planning: Case) -> None:
    key = "19121212-1212 Tolvan"
    before = planning.snapshot()
    as_dict = {"type": "cancel", "at": at(100), "actor": "inpatient", "reason": "r", key: 1}
    for event in (as_dict, json.dumps({**as_dict, "at": at(100).isoformat()})):
        with pytest.raises(InvalidInput) as e:
            planning.apply(event)
        assert e.value.details == {"problem": "unknown_field", "position": 4}
        text = everything_in(e.value)
        assert key not in text and "19121212" not in text and "Tolvan" not in text
    assert planning.snapshot() == before
    # An identifier is named, so a typo can be found.
    assert invalid(lambda: planning.apply({**as_dict, key: None, "reasom": 1}))["position"] == 4
    del as_dict[key]
    assert invalid(lambda: planning.apply({**as_dict, "reasom": 1})) == {"field": "reasom", "problem": "unknown_field"}


def test_a_weekly_time_must_be_hh_mm() -> None:
    for starts in ("1:00", "01:0", "01:00:00", "24:00", " 01:00"):
        config = {"hospital": "h", "slot_minutes": 10, "times": [{"weekday": "tuesday", "starts": starts, "ends": "14:00"}]}
        details = invalid(lambda: Planner(config))
        assert details["field"] == "starts" and details["problem"] == "not_a_time", starts


# A dict or list that changes while it is converted: converting a `datetime` runs its Python
# code, which may change what is being read. Refused as `inconsistent`, never a panic.


class Meddling(datetime):
    """A `datetime` whose `utcoffset` adds a key to a dict, or an item to a list."""

    target: Optional[Any] = None

    def utcoffset(self) -> Optional[timedelta]:
        target = Meddling.target
        if isinstance(target, dict):
            target[f"extra{len(target)}"] = 1
        elif isinstance(target, list):
            target.append(Meddling(2026, 3, 2, 9, tzinfo=timezone.utc))
        return timedelta(0)


def meddling() -> Meddling:
    return Meddling(2026, 3, 2, 9, tzinfo=timezone.utc)


def test_a_dict_that_grows_while_converted_is_refused_and_nothing_printed(
    planning: Case, capfd: pytest.CaptureFixture[str]
) -> None:
    before = planning.snapshot()
    event: Dict[str, Any] = {"type": "assign_care_contact", "at": meddling(), "actor": "care_contact", "unit": "VC"}
    Meddling.target = event
    try:
        assert invalid(lambda: planning.apply(event)) == {"field": "event", "problem": "inconsistent"}
        assert invalid(lambda: planning.apply_many([event])) == {"field": "event", "problem": "inconsistent", "index": 0}
        nested: Dict[str, Any] = {"at": meddling()}
        Meddling.target = nested
        agreement: Any = {"region": "r", "when": nested}
        details = invalid(lambda: Case.admit(at=T0, case_id="c-2", routine="professional_check_in",
                                             municipal_care_at_admission=False, agreement=agreement))
        assert details == {"field": "agreement.when", "problem": "inconsistent"}
        snapshot = json.loads(before)
        snapshot["journal"][0]["at"] = meddling()
        Meddling.target = snapshot
        assert invalid(lambda: Case.restore(snapshot)) == {"field": "snapshot", "problem": "inconsistent"}
    finally:
        Meddling.target = None
    assert planning.snapshot() == before
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_a_list_that_grows_while_converted_is_refused_not_walked_without_end(
    planning: Case, capfd: pytest.CaptureFixture[str]
) -> None:
    to: List[Any] = ["care_contact", meddling()]
    Meddling.target = to
    try:
        details = invalid(lambda: planning.apply({"type": "send_admission_notice", "at": at(100), "actor": "inpatient",
                                                  "to": to}))
        assert details == {"field": "to", "problem": "inconsistent"}
        journal: List[Any] = [meddling()]
        Meddling.target = journal
        assert invalid(lambda: Case.replay(journal)) == {"field": "journal", "problem": "inconsistent"}
    finally:
        Meddling.target = None
    assert capfd.readouterr() == ("", "")
