"""Indicators and the payment basis in Python (spec: Indicators and the payment basis), with
figures computed by hand. January 2026 in Stockholm is UTC+1: 22:30Z is 23:30 the same day
there, 23:30Z is 00:30 the next day.

| case | municipality | care | ready notice (Stockholm) | discharge (Stockholm) | ready days | payment days |
| --- | --- | --- | --- | --- | --- | --- |
| p1 | 1480 | somatic | 01-05 23:30 | 01-05 23:50 | 0 | 0 |
| p2 | 1480 | somatic | 01-06 00:30 | 01-10 | 4 | 2 (from 01-09) |
| p3 | 1480 | psychiatric | 01-12 | 01-21 00:30 | 9 | 7 (from 01-15) |
| p4 | 0180 | somatic | 01-14 (agreement: payment_days 1) | 01-16 | 2 | 2 (from 01-15) |
| p5 | 0180 | psychiatric | 01-20 | 01-20 | 0 | 0 |
| p6 | 0180 | somatic | 01-25 | 02-01 00:30 (February) | 7 | 5 (from 01-28) |
| p7 | none | somatic | 01-02 | 01-03 | 1 | 0 |
| p8 | 1480 | somatic | 01-15, not discharged | — | — | — |
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, Callable, Dict, List, Optional

import pytest

import utskrivning
from utskrivning import (
    PAYMENT_PRESETS,
    Agreement,
    Case,
    CareType,
    Figures,
    IndicatorGroup,
    Indicators,
    InternalError,
    InvalidInput,
    PaymentModel,
    PaymentRow,
    Role,
    Routine,
    events,
    indicators,
    payment_basis,
    payment_preset,
)


def discharged(case_id: str, municipality: Optional[str], care_type: CareType, ready: str,
               discharge: Optional[str], agreement: Optional[Agreement] = None) -> Case:
    case = Case.admit(at="2025-12-20T08:00:00Z", case_id=case_id, routine=Routine.PROFESSIONAL_CHECK_IN,
                      municipal_care_at_admission=False, municipality=municipality, care_type=care_type,
                      agreement=agreement)
    case.apply_many([
        events.SendAdmissionNotice(at="2025-12-20T08:10:00Z", actor=Role.INPATIENT,
                                   to=[Role.CARE_CONTACT, Role.SOCIAL_SERVICES]),
        events.MarkReadyForDischarge(at=ready, actor=Role.INPATIENT),
    ])
    if discharge is not None:
        case.apply(events.Discharge(at=discharge, actor=Role.INPATIENT))
    return case


SOMATIC, PSYCHIATRIC = CareType.SOMATIC, CareType.PSYCHIATRIC


def ward() -> List[Case]:
    return [
        discharged("p1", "1480", SOMATIC, "2026-01-05T22:30:00Z", "2026-01-05T22:50:00Z"),
        discharged("p2", "1480", SOMATIC, "2026-01-05T23:30:00Z", "2026-01-10T10:00:00Z"),
        discharged("p3", "1480", PSYCHIATRIC, "2026-01-12T10:00:00Z", "2026-01-20T23:30:00Z"),
        discharged("p4", "0180", SOMATIC, "2026-01-14T08:00:00Z", "2026-01-16T08:00:00Z", {"payment_days": 1}),
        discharged("p5", "0180", PSYCHIATRIC, "2026-01-20T10:00:00Z", "2026-01-20T15:00:00Z"),
        discharged("p6", "0180", SOMATIC, "2026-01-25T10:00:00Z", "2026-01-31T23:30:00Z"),
        discharged("p7", None, SOMATIC, "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"),
        discharged("p8", "1480", SOMATIC, "2026-01-15T10:00:00Z", None),
    ]


def figures(discharges: int, same_day: int, with_days: int, total: int, days: int) -> Figures:
    return {
        "discharges": discharges,
        "same_day": same_day,
        "same_day_share": same_day / discharges if discharges else None,
        "episodes_with_days": with_days,
        "ready_days_total": total,
        "mean_ready_days": total / with_days if with_days else None,
        "beds_per_day": total / days,
    }


def group(municipality: Optional[str], care_type: str, f: Figures) -> IndicatorGroup:
    return {**f, "municipality": municipality, "care_type": care_type}


def invalid(call: Any) -> Dict[str, Any]:
    with pytest.raises(InvalidInput) as e:
        call()
    for text in (str(e.value), e.value.message_sv, json.dumps(e.value.details)):
        assert "1212" not in text and "Anna" not in text
    return e.value.details


def fd(field: str, problem: str) -> Dict[str, Any]:
    return {"field": field, "problem": problem}


# --- indicators -----------------------------------------------------------------------------


def test_january_overall_and_per_group() -> None:
    cases = ward()
    logs = [c.access_log for c in cases]
    snapshots = [c.snapshot() for c in cases]
    found: Indicators = indicators(cases, "2026-01-01", "2026-02-01")
    # p1 0, p2 4, p3 9, p4 2, p5 0, p7 1 (p6 is February's, p8 not discharged).
    assert found == {
        "from": "2026-01-01",
        "to": "2026-02-01",
        "days": 31,
        "overall": figures(6, 2, 4, 16, 31),
        "groups": [
            group("0180", "somatic", figures(1, 0, 1, 2, 31)),
            group("0180", "psychiatric", figures(1, 1, 0, 0, 31)),
            group("1480", "somatic", figures(2, 1, 1, 4, 31)),
            group("1480", "psychiatric", figures(1, 0, 1, 9, 31)),
            group(None, "somatic", figures(1, 0, 1, 1, 31)),
        ],
    }
    assert found["overall"]["same_day_share"] == 2 / 6 and found["overall"]["mean_ready_days"] == 4.0
    assert found["groups"][1]["mean_ready_days"] is None  # only a same-day discharge
    assert isinstance(found["overall"]["beds_per_day"], float)
    # Read only: no case logged the reading, none changed.
    assert [c.access_log for c in cases] == logs
    assert [c.snapshot() for c in cases] == snapshots


def test_stockholm_midnight_decides_the_day_of_notice_and_discharge() -> None:
    cases = ward()
    # p1's notice at 22:30Z is 23:30 on 01-05, its discharge 23:50 the same day: 0 days. p2's
    # notice at 23:30Z is 00:30 on 01-06: 4 days to 01-10 (5 counted in UTC).
    jan5 = indicators(cases[:2], "2026-01-05", "2026-01-06")
    assert jan5["overall"] == figures(1, 1, 0, 0, 1)
    assert indicators(cases[:2], date(2026, 1, 1), date(2026, 2, 1))["overall"]["ready_days_total"] == 4
    # p3's discharge at 23:30Z on 01-20 is 00:30 on 01-21 in Stockholm: 9 days, and 01-21's.
    assert indicators([cases[2]], "2026-01-20", "2026-01-21")["overall"]["discharges"] == 0
    jan21 = indicators([cases[2]], "2026-01-21", "2026-01-22")
    assert jan21["overall"] == figures(1, 0, 1, 9, 1)
    # p6's discharge at 23:30Z on 01-31 is February's: 7 days, all counted there.
    february = indicators(cases, "2026-02-01", "2026-03-01")
    assert february["days"] == 28
    assert february["overall"] == figures(1, 0, 1, 7, 28) and february["overall"]["beds_per_day"] == 0.25
    assert february["groups"] == [group("0180", "somatic", figures(1, 0, 1, 7, 28))]


def test_a_period_without_discharges_has_null_shares_and_means() -> None:
    found = indicators(ward(), "2025-06-01", "2025-06-02")
    assert found["overall"] == {"discharges": 0, "same_day": 0, "same_day_share": None, "episodes_with_days": 0,
                                "ready_days_total": 0, "mean_ready_days": None, "beds_per_day": 0.0}
    assert found["groups"] == []
    assert indicators([], "2026-01-01", "2026-01-02")["overall"]["discharges"] == 0
    assert indicators((Case(),), "2026-01-01", "2026-01-02")["overall"]["discharges"] == 0


def test_dates_by_keyword_as_dates_or_text() -> None:
    cases = ward()
    by_text = indicators(cases, "2026-01-01", "2026-02-01")
    assert indicators(cases=tuple(cases), from_=date(2026, 1, 1), to=date(2026, 2, 1)) == by_text
    assert payment_basis(cases, date(2026, 1, 1), "2026-02-01", payment_preset("law")) == \
        payment_basis(cases, from_="2026-01-01", to=date(2026, 2, 1), model=json.dumps(payment_preset("law")))


# --- the payment basis ----------------------------------------------------------------------


def test_the_individual_model_counts_each_cases_own_payment_days() -> None:
    cases = ward()
    logs = [c.access_log for c in cases]
    rows: List[PaymentRow] = payment_basis(cases, "2026-01-01", "2026-02-01",
                                           {"kind": "individual", "daily_amount_sek": 1000})
    assert rows == [
        # p4 2 (its agreement: from the day after the notice), p5 0.
        {"municipality": "0180", "discharges": 2, "payable_days": 2.0, "amount_sek": 2000.0},
        # p1 0, p2 2 (its notice on 01-06 in Stockholm: from 01-09), p3 7.
        {"municipality": "1480", "discharges": 3, "payable_days": 9.0, "amount_sek": 9000.0},
        {"municipality": None, "discharges": 1, "payable_days": 0.0, "amount_sek": 0.0},
    ]
    assert isinstance(rows[0]["payable_days"], float)
    # p6's 5 days (01-28 to 02-01) are February's.
    assert payment_basis(cases, "2026-02-01", "2026-03-01", '{"kind": "individual", "daily_amount_sek": 10}') == [
        {"municipality": "0180", "discharges": 1, "payable_days": 5.0, "amount_sek": 50.0},
    ]
    assert [c.access_log for c in cases] == logs


def test_the_average_model_with_a_7_day_rule_and_no_day_0() -> None:
    model: PaymentModel = {"kind": "average", "threshold_days": 1.5, "include_same_day": False,
                           "individual_after_days": 7, "daily_amount_sek": 500}
    assert payment_basis(ward(), "2026-01-01", "2026-02-01", model) == [
        # p4 2 in the average, p5's 0 left out: 2 − 1.5 = 0.5.
        {"municipality": "0180", "discharges": 2, "payable_days": 0.5, "amount_sek": 250.0,
         "individual_cases": 0, "individual_days": 0.0, "excess_days": 0.5},
        # p3 9 > 7: 2 days alone; p2 4, p1's 0 left out: 4 − 1.5 = 2.5.
        {"municipality": "1480", "discharges": 3, "payable_days": 4.5, "amount_sek": 2250.0,
         "individual_cases": 1, "individual_days": 2.0, "excess_days": 2.5},
        # p7 1 < 1.5: nothing.
        {"municipality": None, "discharges": 1, "payable_days": 0.0, "amount_sek": 0.0,
         "individual_cases": 0, "individual_days": 0.0, "excess_days": 0.0},
    ]


def test_the_average_model_counting_day_0_and_a_preset() -> None:
    cases = ward()
    model = {"kind": "average", "threshold_days": 3, "include_same_day": True, "daily_amount_sek": 100}
    rows = payment_basis(cases, "2026-01-01", "2026-02-01", model)
    # 0180: p4 2, p5 0: 2 − 2 × 3 < 0. 1480: p1 0, p2 4, p3 9: 13 − 3 × 3 = 4.
    assert [(r["municipality"], r["payable_days"], r["amount_sek"], r.get("excess_days")) for r in rows] == [
        ("0180", 0.0, 0.0, 0.0), ("1480", 4.0, 400.0, 4.0), (None, 0.0, 0.0, 0.0),
    ]
    assert payment_basis(cases, "2026-01-01", "2026-02-01", {**model, "individual_after_days": None}) == rows
    # Västra Götaland: 3.0 days, day 0 counted, p3's 9 > 7 charged 2 alone; p1 0 and p2 4 under 3.
    vg = payment_basis(cases, "2026-01-01", "2026-02-01", payment_preset("vastra_gotaland"))
    assert [(r["municipality"], r["payable_days"], r["amount_sek"]) for r in vg] == [
        ("0180", 0.0, 0.0), ("1480", 2.0, 2 * 4277.0), (None, 0.0, 0.0),
    ]


def test_presets_are_the_docs() -> None:
    assert PAYMENT_PRESETS == ("law", "vastra_gotaland", "stockholm", "pre_2018")
    assert utskrivning.PAYMENT_PRESETS is PAYMENT_PRESETS
    assert payment_preset("law") == {"kind": "individual", "daily_amount_sek": 9300.0}
    assert payment_preset("stockholm") == {"kind": "average", "threshold_days": 3.0, "include_same_day": True,
                                           "individual_after_days": None, "daily_amount_sek": 9300.0}
    for name in PAYMENT_PRESETS:
        model = payment_preset(name)
        assert model["kind"] in ("individual", "average")
        payment_basis([], "2026-01-01", "2026-02-01", model)  # each reads back as a model


# --- refusals -------------------------------------------------------------------------------


LAW: PaymentModel = {"kind": "individual", "daily_amount_sek": 9300}


def test_bad_dates_are_named_from_and_to() -> None:
    cases = ward()
    calls: List[Callable[[Any, Any, Any], Any]] = [indicators, lambda c, f, t: payment_basis(c, f, t, LAW)]
    for call in calls:
        assert invalid(lambda: call(cases, "2026-1-01", "2026-02-01")) == fd("from", "not_a_date")
        assert invalid(lambda: call(cases, "2026-01-01", "2026-02-30")) == fd("to", "not_a_date")
        assert invalid(lambda: call(cases, "2026-01-01T00:00:00Z", "2026-02-01")) == fd("from", "not_a_date")
        # A datetime's day depends on its zone: not a calendar day.
        assert invalid(lambda: call(cases, "2026-01-01", datetime(2026, 2, 1, tzinfo=timezone.utc))) == \
            fd("to", "not_a_date")
        assert invalid(lambda: call(cases, 20260101, "2026-02-01")) == fd("from", "wrong_type")
        assert invalid(lambda: call(cases, "19121212-1212", "2026-02-01")) == fd("from", "not_a_date")
        # `from` is read before `to`, both before the period is judged.
        assert invalid(lambda: call(cases, "x", "y")) == fd("from", "not_a_date")


def test_to_not_after_from_is_out_of_range() -> None:
    cases = ward()
    for f, t in (("2026-01-01", "2026-01-01"), ("2026-02-01", "2026-01-01")):
        assert invalid(lambda: indicators(cases, f, t)) == fd("to", "out_of_range")
        assert invalid(lambda: payment_basis(cases, f, t, LAW)) == fd("to", "out_of_range")


def test_a_case_given_twice_is_duplicate() -> None:
    cases = ward()
    twice = [cases[0], cases[1], cases[0]]
    again = discharged("p1", "0180", SOMATIC, "2026-01-05T10:00:00Z", None)  # another case of one id
    for refused in (twice, [cases[0], again]):
        assert invalid(lambda: indicators(refused, "2026-01-01", "2026-02-01")) == fd("cases", "duplicate")
        assert invalid(lambda: payment_basis(refused, "2026-01-01", "2026-02-01", LAW)) == fd("cases", "duplicate")
    not_a_list: Any = cases[0]
    not_cases: Any = [cases[0], "p2"]
    assert invalid(lambda: indicators(not_a_list, "2026-01-01", "2026-02-01")) == fd("cases", "wrong_type")
    assert invalid(lambda: indicators(not_cases, "2026-01-01", "2026-02-01")) == fd("cases", "wrong_type")


def test_a_bad_model_is_refused_naming_the_field() -> None:
    cases = ward()

    def refused(model: Any) -> Dict[str, Any]:
        return invalid(lambda: payment_basis(cases, "2026-01-01", "2026-02-01", model))

    average = {"kind": "average", "threshold_days": 3, "include_same_day": True, "daily_amount_sek": 1}
    assert refused({**average, "threshold_days": -1}) == fd("threshold_days", "out_of_range")
    assert refused({**average, "individual_after_days": -7}) == fd("individual_after_days", "out_of_range")
    assert refused({**average, "include_same_day": "yes"}) == fd("include_same_day", "wrong_type")
    assert refused({k: v for k, v in average.items() if k != "include_same_day"}) == fd("include_same_day", "missing")
    assert refused({**average, "cap": 1}) == fd("cap", "unknown_field")
    assert refused({"kind": "individual"}) == fd("daily_amount_sek", "missing")
    assert refused({"kind": "individual", "daily_amount_sek": None}) == fd("daily_amount_sek", "missing")
    assert refused({"kind": "individual", "daily_amount_sek": "9300"}) == fd("daily_amount_sek", "wrong_type")
    assert refused({"kind": "individual", "daily_amount_sek": float("nan")}) == \
        fd("model.daily_amount_sek", "wrong_type")
    assert refused({"kind": "individual", "daily_amount_sek": 1, "threshold_days": 3}) == \
        fd("threshold_days", "unknown_field")
    # A key that is not an identifier is named by position, never echoed.
    assert refused({"kind": "individual", "daily_amount_sek": 1, "19121212-1212 Anna": 3}) == \
        {"problem": "unknown_field", "position": 2}
    unknown = refused({"kind": "weekly", "daily_amount_sek": 1})
    assert (unknown["field"], unknown["problem"], unknown["allowed"]) == ("kind", "unknown_value",
                                                                         ["individual", "average"])
    assert refused({"daily_amount_sek": 1}) == fd("kind", "missing")
    assert refused("{") == fd("model", "not_json")
    assert refused('{"kind": "individual", "kind": "average", "daily_amount_sek": 1}') == fd("model", "duplicate_key")
    assert refused("[]") == fd("model", "not_an_object")
    assert refused(["individual"]) == fd("model", "wrong_type")
    assert refused(9300) == fd("model", "wrong_type")
    # The model is read before the period is judged and before the cases.
    bad = {"kind": "individual", "daily_amount_sek": -1}
    assert invalid(lambda: payment_basis(cases, "2026-02-01", "2026-01-01", bad)) == fd("daily_amount_sek", "out_of_range")
    assert invalid(lambda: payment_basis([cases[0], cases[0]], "2026-01-01", "2026-02-01", bad)) == \
        fd("daily_amount_sek", "out_of_range")


def test_an_unknown_preset_names_the_allowed() -> None:
    e = invalid(lambda: payment_preset("halland"))
    assert (e["field"], e["problem"], e["allowed"]) == ("preset", "unknown_value", list(PAYMENT_PRESETS))
    assert "halland" not in json.dumps(e)
    assert invalid(lambda: payment_preset(None)) == fd("preset", "wrong_type")  # type: ignore[arg-type]


def test_a_poisoned_case_refuses_the_call_and_a_panic_while_reading_poisons_none() -> None:
    cases = ward()
    with pytest.raises(InternalError) as e:
        utskrivning._native._indicators_panic_for_test(cases)
    assert e.value.details == {"reason": "panic"}
    # Reading changes nothing, so nothing was poisoned.
    assert indicators(cases, "2026-01-01", "2026-02-01")["overall"]["discharges"] == 6
    with pytest.raises(InternalError):
        cases[3]._panic_for_test()
    for call in (lambda: indicators(cases, "2026-01-01", "2026-02-01"),
                 lambda: payment_basis(cases, "2026-01-01", "2026-02-01", LAW)):
        with pytest.raises(InternalError) as e:
            call()
        assert e.value.details == {"reason": "poisoned"}
    # The input is judged before any case is read: a bad date still says so.
    assert invalid(lambda: indicators(cases, "x", "2026-02-01")) == fd("from", "not_a_date")
    assert indicators(cases[:3], "2026-01-01", "2026-02-01")["overall"]["discharges"] == 3
