#!/usr/bin/env python3
"""Benchmark (not a test): events per second through the binding, against the same slice of
the process written in pure Python with the `transitions` library, in one run.

The slice is the care request track: send → acknowledge → request_completion → complete →
accept → close, with its guards (the case not finished, time not going back, the actor, the
state, blank texts, the empty `missing` list, enrolment, consent, and under
`professional_check_in` the check-in in progress or held). Each round starts from a case in
planning with the check-in in progress and the consent given (a copy of one template), and
applies the six events. The `transitions` model gets its times as `datetime`s, already parsed;
the binding's dict events carry RFC 3339 text, as an embedding system would hand it over, and
its typed events `datetime`s. The variants are timed interleaved (every variant once per pass,
the best pass kept), so that load on a shared machine falls on all alike; the last column is
the time `transitions` takes for an event over the variant's.

    .venv/bin/python bindings/python/bench/bench_transitions.py [--rounds 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import transitions
from transitions import Machine, MachineError

import utskrivning
from utskrivning import Case, UtskrivningError, events

T0 = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


# --- The binding ------------------------------------------------------------------------------


def template() -> Case:
    """A case in planning, check-in in progress, consent for the care request given."""
    case = Case.admit(at=T0, case_id="bench", routine="professional_check_in", municipal_care_at_admission=False)
    for event in (
        {"type": "send_admission_notice", "at": at(30), "actor": "inpatient", "to": ["care_contact"]},
        {"type": "assign_care_contact", "at": at(60), "actor": "care_contact", "unit": "VC"},
        {"type": "book_check_in", "at": at(70), "actor": "inpatient", "starts_at": at(120), "remote": True},
        {"type": "start_check_in", "at": at(120), "actor": "care_contact"},
        {"type": "give_consent", "at": at(125), "actor": "patient", "purpose": "care_request", "written_information_given": True},
    ):
        case.apply(event)
    return case


STREAM: List[Dict[str, Any]] = [
    {"type": "send_care_request", "at": "2026-03-02T10:10:00Z", "actor": "care_contact", "question": "Hemsjukvård?"},
    {"type": "acknowledge_care_request", "at": "2026-03-02T11:00:00Z", "actor": "municipal_care"},
    {"type": "request_completion", "at": "2026-03-02T12:00:00Z", "actor": "municipal_care", "missing": ["Läkemedelslista"]},
    {"type": "complete_care_request", "at": "2026-03-02T13:00:00Z", "actor": "care_contact", "supplied": "Bifogad"},
    {"type": "accept_care_request", "at": "2026-03-02T14:00:00Z", "actor": "municipal_care"},
    {"type": "close_care_request", "at": "2026-03-02T15:00:00Z", "actor": "care_contact"},
]
STREAM_TEXT = [json.dumps(e) for e in STREAM]
STREAM_TYPED: List[events.Event] = [
    events.SendCareRequest(at=at(130), actor="care_contact", question="Hemsjukvård?"),
    events.AcknowledgeCareRequest(at=at(180), actor="municipal_care"),
    events.RequestCompletion(at=at(240), actor="municipal_care", missing=["Läkemedelslista"]),
    events.CompleteCareRequest(at=at(300), actor="care_contact", supplied="Bifogad"),
    events.AcceptCareRequest(at=at(360), actor="municipal_care"),
    events.CloseCareRequest(at=at(420), actor="care_contact"),
]


def binding_dicts(rounds: int, base: Case) -> None:
    for _ in range(rounds):
        case = base.copy()
        for event in STREAM:
            case.apply(event)


def binding_batch(rounds: int, base: Case) -> None:
    for _ in range(rounds):
        base.copy().apply_many(STREAM)


def binding_text(rounds: int, base: Case) -> None:
    for _ in range(rounds):
        case = base.copy()
        for event in STREAM_TEXT:
            case.apply(event)


def binding_typed(rounds: int, base: Case) -> None:
    for _ in range(rounds):
        case = base.copy()
        for event in STREAM_TYPED:
            case.apply(event)


def binding_copy_only(rounds: int, base: Case) -> None:
    for _ in range(rounds):
        base.copy()


# --- The same slice in `transitions` ----------------------------------------------------------


class Rejected(Exception):
    """A guard said no; `code` is the spec's error code."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


class CareRequest:
    """The case facts the care-request guards read, and the track's own data."""

    state: str  # set by the machine

    def __init__(self) -> None:
        self.phase = "planning"
        self.routine = "professional_check_in"
        self.check_in = "in_progress"
        self.consent = "given"
        self.enrolled_at_admission = False
        self.enrolled = False
        self.last_at: Optional[datetime] = at(125)
        self.requests_sent = 0
        self.sent_at: Optional[datetime] = None
        self.journal: List[Tuple[str, Dict[str, Any]]] = []

    # Checks in the spec's order; each raises `Rejected` with the spec's code.
    def check_common(self, ev: Any) -> bool:
        kw = ev.kwargs
        if self.phase in ("closed", "cancelled"):
            raise Rejected("case_finished", phase=self.phase)
        if self.last_at is not None and kw["at"] < self.last_at:
            raise Rejected("time_went_backwards")
        if kw["actor"] != ACTORS[ev.event.name]:
            raise Rejected("not_permitted", event=ev.event.name, actor=kw["actor"])
        return True

    def check_send(self, ev: Any) -> bool:
        if self.phase != "planning" or (self.routine == "professional_check_in" and self.check_in not in ("in_progress", "held")):
            raise Rejected("wrong_state", event="send_care_request")
        if not ev.kwargs["question"].strip():
            raise Rejected("missing_information", field="question")
        if self.enrolled_at_admission or self.enrolled:
            raise Rejected("already_enrolled")
        if self.consent != "given":
            raise Rejected("consent_missing")
        return True

    def check_missing(self, ev: Any) -> bool:
        missing = ev.kwargs["missing"]
        if not missing or any(not m.strip() for m in missing):
            raise Rejected("missing_information", field="missing")
        return True

    def check_supplied(self, ev: Any) -> bool:
        if not ev.kwargs["supplied"].strip():
            raise Rejected("missing_information", field="supplied")
        return True

    def record(self, ev: Any) -> None:
        self.last_at = ev.kwargs["at"]
        self.journal.append((ev.event.name, ev.kwargs))
        if ev.event.name == "send_care_request":
            self.requests_sent += 1
            self.sent_at = ev.kwargs["at"]
        elif ev.event.name == "accept_care_request":
            self.enrolled = True


ACTORS = {
    "send_care_request": "care_contact",
    "acknowledge_care_request": "municipal_care",
    "request_completion": "municipal_care",
    "complete_care_request": "care_contact",
    "accept_care_request": "municipal_care",
    "reject_care_request": "municipal_care",
    "close_care_request": "care_contact",
}

STATES = ["none", "sent", "acknowledged", "completion_requested", "accepted", "rejected", "closed", "withdrawn"]
TRANSITIONS: List[Dict[str, Any]] = [
    {"trigger": "send_care_request", "source": ["none", "closed", "withdrawn"], "dest": "sent",
     "conditions": ["check_common", "check_send"], "after": "record"},
    {"trigger": "acknowledge_care_request", "source": "sent", "dest": "acknowledged",
     "conditions": ["check_common"], "after": "record"},
    {"trigger": "request_completion", "source": "acknowledged", "dest": "completion_requested",
     "conditions": ["check_common", "check_missing"], "after": "record"},
    {"trigger": "complete_care_request", "source": "completion_requested", "dest": "acknowledged",
     "conditions": ["check_common", "check_supplied"], "after": "record"},
    {"trigger": "accept_care_request", "source": "acknowledged", "dest": "accepted",
     "conditions": ["check_common"], "after": "record"},
    {"trigger": "close_care_request", "source": ["accepted", "rejected"], "dest": "closed",
     "conditions": ["check_common"], "after": "record"},
]

PY_STREAM: List[Tuple[str, Dict[str, Any]]] = [
    ("send_care_request", {"at": at(130), "actor": "care_contact", "question": "Hemsjukvård?"}),
    ("acknowledge_care_request", {"at": at(180), "actor": "municipal_care"}),
    ("request_completion", {"at": at(240), "actor": "municipal_care", "missing": ["Läkemedelslista"]}),
    ("complete_care_request", {"at": at(300), "actor": "care_contact", "supplied": "Bifogad"}),
    ("accept_care_request", {"at": at(360), "actor": "municipal_care"}),
    ("close_care_request", {"at": at(420), "actor": "care_contact"}),
]


def new_machine() -> Tuple[CareRequest, Machine]:
    model = CareRequest()
    machine = Machine(model=model, states=STATES, transitions=TRANSITIONS, initial="none",
                      send_event=True, auto_transitions=False)
    return model, machine


def python_transitions(rounds: int, _base: Case) -> None:
    # One machine, its model reset each round (building a Machine per case costs far more).
    model, machine = new_machine()
    for _ in range(rounds):
        model.__init__()  # type: ignore[misc]
        machine.set_state("none", model)
        for trigger, kwargs in PY_STREAM:
            model.trigger(trigger, **kwargs)  # type: ignore[attr-defined]


def python_reset_only(rounds: int, _base: Case) -> None:
    model, machine = new_machine()
    for _ in range(rounds):
        model.__init__()  # type: ignore[misc]
        machine.set_state("none", model)


# --- Agreement and timing ---------------------------------------------------------------------


def outcome_binding(case: Case, event: Dict[str, Any]) -> str:
    try:
        case.apply(event)
        return "ok"
    except UtskrivningError as e:
        return e.code


def outcome_python(model: CareRequest, trigger: str, kwargs: Dict[str, Any]) -> str:
    try:
        model.trigger(trigger, **kwargs)  # type: ignore[attr-defined]
        return "ok"
    except Rejected as e:
        return e.code
    except MachineError:
        return "wrong_state"


def check_agreement(base: Case) -> int:
    """Both sides give the same outcome for the stream and for some wrong turns in it."""
    probes: List[Tuple[int, str, Dict[str, Any]]] = [  # (index in the stream to replace, trigger, kwargs)
        (1, "acknowledge_care_request", {"at": at(180), "actor": "care_contact"}),
        (1, "acknowledge_care_request", {"at": at(100), "actor": "municipal_care"}),
        (2, "request_completion", {"at": at(240), "actor": "municipal_care", "missing": []}),
        (2, "request_completion", {"at": at(240), "actor": "municipal_care", "missing": [" "]}),
        (3, "accept_care_request", {"at": at(300), "actor": "municipal_care"}),
        (4, "close_care_request", {"at": at(360), "actor": "care_contact"}),
        (0, "send_care_request", {"at": at(130), "actor": "care_contact", "question": "  "}),
    ]
    checked = 0
    for index, trigger, kwargs in [(-1, "", {})] + probes:
        case = base.copy()
        model, _ = new_machine()
        stream = list(PY_STREAM)
        if index >= 0:
            stream = stream[:index] + [(trigger, kwargs)]
        for name, kw in stream:
            event = {"type": name, **{k: v for k, v in kw.items()}}
            a, b = outcome_binding(case, event), outcome_python(model, name, kw)
            if a != b:
                raise SystemExit(f"the binding says {a}, transitions says {b}, for {name} {kw}")
            checked += 1
    return checked


def best_of(run: Callable[[int, Case], None], rounds: int, repeat: int, base: Case) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run(rounds, base)
        times.append(time.perf_counter() - started)
    return min(times)


def interleaved(
    runs: Sequence[Tuple[str, Callable[[int, Case], None]]], rounds: int, repeat: int, base: Case
) -> Dict[str, float]:
    """The best time of each run over `repeat` passes, each pass timing every run once in turn:
    a burst of load on a shared machine then falls on all of them alike, not on one."""
    best: Dict[str, float] = {}
    for _ in range(repeat):
        for name, run in runs:
            started = time.perf_counter()
            run(rounds, base)
            seconds = time.perf_counter() - started
            best[name] = min(best.get(name, seconds), seconds)
    return best


def cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(description="binding vs transitions, care request slice")
    ap.add_argument("--rounds", type=int, default=20_000, help="care requests per timing (6 events each)")
    ap.add_argument("--repeat", type=int, default=5, help="timings per variant; the best is kept")
    args = ap.parse_args(argv)

    base = template()
    checked = check_agreement(base)
    per_round = len(STREAM)
    # Each round's setup (a case copy; a model reset) is timed alone and subtracted.
    setups: List[Tuple[str, Callable[[int, Case], None]]] = [
        ("binding", binding_copy_only),
        ("transitions", python_reset_only),
    ]
    variants: List[Tuple[str, Callable[[int, Case], None]]] = [
        ("binding, dict events", binding_dicts),
        ("binding, typed events", binding_typed),
        ("binding, JSON text events", binding_text),
        ("binding, apply_many (dicts)", binding_batch),
        ("transitions (pure Python)", python_transitions),
    ]
    timed = interleaved(setups + variants, args.rounds, args.repeat, base)
    print(f"care request slice, {args.rounds} rounds x {per_round} events, best of {args.repeat} (interleaved)")
    print(f"machine: {cpu()}, {platform.system()} {platform.machine()}; Python {platform.python_version()}; "
          f"utskrivning {utskrivning.__version__}; transitions {transitions.__version__}")
    print(f"both sides agree on {checked} outcomes (the stream and {checked - per_round} wrong turns)")
    per_event: Dict[str, float] = {}
    for name, _ in variants:
        seconds = timed[name] - timed[name.split(" ")[0].rstrip(",")]
        per_event[name] = seconds / (args.rounds * per_round)
    python = per_event["transitions (pure Python)"]
    print(f"{'variant':<30} {'events/s':>12} {'us/event':>9} {'vs transitions':>15}")
    for name, _ in variants:
        rate = f"{1 / per_event[name]:,.0f}".replace(",", " ")
        print(f"{name:<30} {rate:>12} {1e6 * per_event[name]:>9.2f} {python / per_event[name]:>14.1f}x")
    loop, batch = per_event["binding, dict events"], per_event["binding, apply_many (dicts)"]
    print(f"apply_many against a loop of apply (dicts): {100 * (1 - batch / loop):.0f} % less time per event")
    print(f"(setup per round, subtracted: case copy {1e6 * timed['binding'] / args.rounds:.2f} us, "
          f"model reset {1e6 * timed['transitions'] / args.rounds:.2f} us)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
