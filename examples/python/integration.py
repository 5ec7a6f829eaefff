"""A day in a record system, in Python: admit from the hospital's admissions, apply events as
messages arrive, send every `notify` effect on, and open the care contact's worklist the next
morning. The record system keeps the patient's identity and each case's snapshot; the library
keeps the rules. Run it: `python examples/python/integration.py`.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from utskrivning import Agreement, Case, Role, UtskrivningError, WorkKind, WorklistItem, events, label, worklist

# The HIS admissions (ADT A01) of the day, as the record system receives them.
ADMISSIONS: List[Dict[str, Any]] = [
    {"visit": "c-1042", "at": "2026-03-02T07:40:00+01:00", "kommun": "1480", "psychiatric": False, "home_care": False},
    {"visit": "c-1043", "at": "2026-03-02T10:15:00+01:00", "kommun": "1480", "psychiatric": True, "home_care": True},
    {"visit": "c-1044", "at": "2026-03-02T13:05:00+01:00", "kommun": None, "psychiatric": False, "home_care": False},
]
AGREEMENT: Agreement = {"acknowledgement_hours": 24}  # the region's: acknowledge within a day
TEAM = [Role.CARE_CONTACT, Role.SOCIAL_SERVICES]

# What arrives during the day, from the ward and the other parties' systems, for a case each.
INBOX: List[Tuple[str, events.Event]] = [
    ("c-1042", events.SetEstimatedDischarge(at="2026-03-02T08:30:00+01:00", actor=Role.INPATIENT, date="2026-03-06")),
    ("c-1042", events.SendAdmissionNotice(at="2026-03-02T09:00:00+01:00", actor=Role.INPATIENT, to=TEAM)),
    ("c-1042", events.AssignCareContact(at="2026-03-02T09:40:00+01:00", actor=Role.CARE_CONTACT, unit="VC Centrum")),
    ("c-1043", events.SendAdmissionNotice(at="2026-03-02T11:00:00+01:00", actor=Role.INPATIENT, to=TEAM)),
    ("c-1043", events.AssignCareContact(at="2026-03-02T11:30:00+01:00", actor=Role.CARE_CONTACT, unit="VC Centrum")),
    ("c-1042", events.Discharge(at="2026-03-02T12:00:00+01:00", actor=Role.INPATIENT)),  # not ready yet: refused
    ("c-1042", events.SetEstimatedDischarge(at="2026-03-02T15:00:00+01:00", actor=Role.INPATIENT, date="2026-03-05")),
    ("c-1043", events.RaiseQuestion(at="2026-03-02T16:00:00+01:00", actor=Role.RELATIVE, text="Får hon åka hem?",
                                    concerns_inpatient=False)),
    ("c-1042", events.MarkReadyForDischarge(at="2026-03-02T16:30:00+01:00", actor=Role.INPATIENT)),
]
MORNING = "2026-03-03T09:30:00+01:00"
LANG = "en"  # the labels shown to users: "sv" or "en"

# The record system's own table: case_id -> the latest snapshot (beside its link to the patient).
store: Dict[str, str] = {}


def load(case_id: str) -> Case:
    return Case.restore(store[case_id])


def save(case: Case) -> None:
    store[case.state["case_id"]] = case.snapshot()


def send(case_id: str, effects: List[Dict[str, Any]]) -> None:
    """Every `notify` effect becomes an outgoing message; the rest moved inside the case."""
    for effect in effects:
        if effect["type"] != "notify":
            continue
        date = f" ({effect['estimated_discharge']})" if effect.get("estimated_discharge") else ""
        to = "; ".join(label("role", role, LANG) for role in effect["to"])
        print(f"  -> {case_id} {effect['id']} {label('message', effect['message'], LANG)}{date} to {to}")


def admit(admission: Dict[str, Any]) -> None:
    case = Case.admit(at=admission["at"], case_id=admission["visit"], routine="professional_check_in",
                      municipal_care_at_admission=admission["home_care"], municipality=admission["kommun"],
                      care_type="psychiatric" if admission["psychiatric"] else "somatic", agreement=AGREEMENT)
    save(case)
    print(f"admitted {admission['visit']}")


def receive(case_id: str, event: events.Event) -> None:
    case = load(case_id)
    try:
        accepted = case.apply(event)
    except UtskrivningError as e:  # the case is exactly as it was: tell the sender why
        print(f"  refused {event.type} in {case_id}: {e.code} ({e})")
        return
    save(case)
    send(case_id, accepted["effects"])


def morning_worklist(unit: str) -> List[WorklistItem]:
    """The care contact's list over the record system's cases: every message on it is read and
    acknowledged at once; the rest is what is left to do."""
    cases = {case_id: load(case_id) for case_id in store}
    left = []
    for item in worklist(Role.CARE_CONTACT, MORNING, list(cases.values()), unit=unit):
        flag = "OVERDUE " if item["overdue"] else ""
        what = label("work", item["kind"], LANG) + (f" {item['ref']}" if item["ref"] else "")
        print(f"  {flag}{item['case_id']} {what} due {item['due'] or '-'}")
        if item["kind"] == WorkKind.ACKNOWLEDGE_MESSAGE:
            ack = events.AcknowledgeMessage(at=MORNING, actor=Role.CARE_CONTACT, id=item["ref"] or "")
            cases[item["case_id"]].apply(ack)
        else:
            left.append(item)
    for case in cases.values():  # the acknowledgements, and the worklist lines in the access logs
        save(case)
    return left


def main() -> List[WorklistItem]:
    for admission in ADMISSIONS:
        admit(admission)
    for case_id, event in INBOX:
        receive(case_id, event)
    print(f"morning worklist of VC Centrum, {MORNING}:")
    left = morning_worklist("VC Centrum")
    print(f"still to do: {[(i['case_id'], i['kind']) for i in left]}")
    return left


if __name__ == "__main__":
    main()
