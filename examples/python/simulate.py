#!/usr/bin/env python3
"""Simulates a year of admissions in one region under one routine, through the engine.

Each admission becomes a story of events (admission notice, care contact, check-in, care
request, colour track, SIP, SoL application, questions, ready for discharge, discharge,
closing) drawn with the probabilities below and a seed; every event goes through
``Case.apply``, so the engine checks every step of every story. The summary counts what the
engine says: SIPs held, care requests by outcome, days from admission to discharge, and the
days of payment responsibility from ``case.deadlines(at)``. A plot is written with matplotlib.

    .venv/bin/python examples/python/simulate.py --cases 150000 --routine individual_check_in \\
        --seed 7 --needs-municipal-care 0.4 --plot build/python/simulate.png

A story is meant to be accepted whole: a rejected event is a bug (in the story or the engine)
and stops the run with the case's journal.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from utskrivning import Agreement, Case, Routine, UtskrivningError

DAY = 24 * 60  # minutes
EPOCH_DAYS = 800  # the calendar the stories may reach into, from 2026-01-01


@dataclass(frozen=True)
class Probabilities:
    """How often each turn of a story happens (each a probability per case)."""

    municipal_care_at_admission: float = 0.12
    needs_municipal_care: float = 0.30
    consent_declined: float = 0.05
    completion_requested: float = 0.25
    rejected: float = 0.08
    red_track: float = 0.15
    sip_consent_declined: float = 0.10
    sol_application: float = 0.35
    rehab: float = 0.20
    question: float = 0.30
    unmark: float = 0.04
    cancelled: float = 0.02
    late_notice: float = 0.05


# --- Time as text: minutes since 2026-01-01T00:00Z, formatted from tables (fast) -----------


def _day_prefixes() -> List[str]:
    from datetime import date, timedelta

    start = date(2026, 1, 1)
    return [(start + timedelta(days=d)).isoformat() + "T" for d in range(EPOCH_DAYS)]


DAYS = _day_prefixes()
DAY_INDEX = {prefix: i for i, prefix in enumerate(DAYS)}
CLOCK = [f"{m // 60:02d}:{m % 60:02d}:00Z" for m in range(DAY)]


def iso(minute: int) -> str:
    return DAYS[minute // DAY] + CLOCK[minute % DAY]


# --- One case ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What became of one case."""

    cancelled: bool = False
    care_request: str = "not_needed"
    sip: str = "none"  # none, held_at_hospital, held_elsewhere, declined
    stay_days: Optional[float] = None  # admission to discharge
    payment_days: int = 0
    ready_day: Optional[int] = None  # day index (from 2026-01-01) of the final ready notice
    discharge_day: Optional[int] = None


@dataclass
class Story:
    """The events of one case, built out of order and sorted by time before they are applied."""

    events: List[Tuple[int, int, Dict[str, Any]]] = field(default_factory=list)

    def add(self, minute: int, kind: str, actor: str, **fields: Any) -> None:
        event = {"type": kind, "at": iso(minute), "actor": actor}
        event.update(fields)
        self.events.append((minute, len(self.events), event))

    def ordered(self) -> List[Dict[str, Any]]:
        return [e for _, _, e in sorted(self.events, key=lambda t: (t[0], t[1]))]


def between(rng: random.Random, lo: float, hi: float) -> int:
    return int(rng.uniform(lo, hi))


def write_story(rng: random.Random, p: Probabilities, routine: str, admitted: int, enrolled: bool) -> Story:
    """Every event after `admit`, with its minute."""
    s = Story()
    care_contact, inpatient, municipal, patient = "care_contact", "inpatient", "municipal_care", "patient"
    social = "social_services"

    notice = admitted + (between(rng, 24 * 60, 48 * 60) if rng.random() < p.late_notice else between(rng, 30, 20 * 60))
    to = [care_contact, social] + ([municipal] if enrolled else [])
    s.add(notice, "send_admission_notice", inpatient, to=to)
    assigned = notice + between(rng, 30, 240)
    s.add(assigned, "assign_care_contact", care_contact, unit="Vårdcentralen")
    if rng.random() < p.rehab:
        s.add(assigned + between(rng, 5, 60), "add_rehab_party", inpatient, provider="Rehab")
    booked = assigned + between(rng, 70, 120)
    starts_at = (booked // DAY + 1) * DAY + between(rng, 8 * 60, 15 * 60)
    s.add(booked, "book_check_in", inpatient, starts_at=iso(starts_at), remote=routine == "professional_check_in")

    needs_care = not enrolled and rng.random() < p.needs_municipal_care
    red = rng.random() < p.red_track
    decision: Optional[int] = None  # when municipal care accepted or rejected
    answer = "none"  # what it answered

    def care_request(start: int) -> int:
        """Consent, request and answer from `start`; returns when it is settled (or `start`)."""
        nonlocal decision, answer
        if rng.random() < p.consent_declined:
            s.add(start, "decline_consent", patient, purpose="care_request")
            return start
        s.add(start, "give_consent", patient, purpose="care_request", written_information_given=True)
        sent = start + 2
        s.add(sent, "send_care_request", care_contact, question="Behov av kommunal hemsjukvård")
        t = sent + between(rng, 60, 8 * 60)
        s.add(t, "acknowledge_care_request", municipal)
        if rng.random() < p.completion_requested:
            t += between(rng, 60, 6 * 60)
            s.add(t, "request_completion", municipal, missing=["Läkemedelslista"])
            t += between(rng, 12 * 60, 48 * 60)
            s.add(t, "complete_care_request", care_contact, supplied="Läkemedelslista bifogad")
        t += int(rng.expovariate(1 / (36 * 60))) + 30
        if rng.random() < p.rejected:
            s.add(t, "reject_care_request", municipal, reason="Insatsen ges inte av kommunen")
            answer = "rejected"
        else:
            s.add(t, "accept_care_request", municipal)
            answer = "accepted"
        decision = t
        return t

    if routine == "professional_check_in":
        start = starts_at
        s.add(start, "start_check_in", care_contact)
        if needs_care:
            care_request(start + between(rng, 2, 10))
        if red:
            s.add(start + 15, "decide_color_track", care_contact, track="red", agreed_by=[inpatient, care_contact, social])
        elif rng.random() < 0.5:
            s.add(start + 15, "decide_color_track", care_contact, track="none", agreed_by=[inpatient, care_contact, social])
        sip_consent_at = start + 18
        if rng.random() < p.sol_application:
            s.add(start + 20, "record_sol_application", social, status=rng.choice(["applied", "applied", "already_exists", "declined"]))
        ended = start + between(rng, 25, 45)
        s.add(ended, "end_check_in", care_contact)
        sip_needed = red
    else:
        # Seed 003: municipal health care is settled before the meeting, whose agenda follows.
        start = starts_at
        if needs_care:
            settled = care_request(assigned + between(rng, 60, 6 * 60))
            if answer != "none":
                settled += between(rng, 30, 4 * 60)
                s.add(settled, "close_care_request", care_contact)
            start = max(start, settled + 10)
        if red:
            s.add(assigned + 30, "decide_color_track", care_contact, track="red", agreed_by=[inpatient, care_contact, social])
        s.add(start, "start_check_in", care_contact)
        s.add(start + 1, "start_item", care_contact, item="opening")
        s.add(start + 3, "start_item", social, item="sol_application")
        if rng.random() < p.sol_application:
            s.add(start + 8, "record_sol_application", social, status=rng.choice(["applied", "applied", "already_exists", "declined"]))
        s.add(start + 12, "start_item", care_contact, item="sip_consent")
        sip_consent_at = start + 15
        s.add(start + 21, "start_item", care_contact, item="other_questions")
        s.add(start + 26, "start_item", care_contact, item="closing")
        ended = start + 27
        s.add(ended, "end_check_in", care_contact)
        sip_needed = True

    # Ready for discharge: a length of stay drawn around 4.5 days, after the meeting.
    ready = max(admitted + int(rng.lognormvariate(math.log(4.5 * DAY), 0.6)), ended + 30, notice + 60)
    s.add(ready, "mark_ready_for_discharge", inpatient)
    if rng.random() < p.unmark:
        unmarked = ready + between(rng, 6 * 60, 24 * 60)
        s.add(unmarked, "unmark_ready_for_discharge", inpatient)
        ready = unmarked + between(rng, DAY, 3 * DAY)
        s.add(ready, "mark_ready_for_discharge", inpatient)
    leaves = ready + between(rng, 2 * 60, 20 * 60)
    if answer == "accepted" and decision is not None:
        leaves = max(leaves, decision + between(rng, 2 * 60, 12 * 60))

    if sip_needed:
        if rng.random() < p.sip_consent_declined:
            s.add(sip_consent_at, "decline_consent", patient, purpose="sip")
        else:
            s.add(sip_consent_at, "give_consent", patient, purpose="sip")
            invited = max(ended + 60, ready + between(rng, 2 * 60, 80 * 60))
            meeting = invited + between(rng, DAY, 3 * DAY)
            if red:
                place, who = "hospital", [patient, inpatient, municipal, care_contact]
                leaves = max(leaves, meeting + 120)
            else:
                place, who = "Vårdcentralen", [patient, care_contact, social]
            s.add(invited, "schedule_sip", care_contact, meeting_at=iso(meeting), place=place, participants=who)
            s.add(meeting, "hold_sip", care_contact)

    last = leaves
    if rng.random() < p.question:
        raised = between(rng, notice + 1, leaves)
        concerns_inpatient = rng.random() < 0.4
        s.add(raised, "raise_question", rng.choice([patient, "relative"]), text="Fråga", concerns_inpatient=concerns_inpatient)
        answered = raised + between(rng, 60, 24 * 60)
        s.add(answered, "answer_question", inpatient if concerns_inpatient else care_contact, id="q1")
        last = max(last, answered)
    s.add(leaves, "discharge", inpatient)
    if routine == "professional_check_in" and answer != "none" and decision is not None:
        closed = max(leaves, decision) + between(rng, 60, 24 * 60)
        s.add(closed, "close_care_request", care_contact)
        last = max(last, closed)
    last = max(last, *(m for m, _, e in s.events if e["type"] == "hold_sip"), 0)
    s.add(last + between(rng, 60, 48 * 60), "close_case", care_contact)

    if rng.random() < p.cancelled:
        # Cancelled somewhere along the way: the story ends there.
        at = between(rng, admitted + 1, leaves)
        s.events = [e for e in s.events if e[0] < at]
        s.add(at, "cancel", rng.choice([inpatient, care_contact]), reason="Överflyttad")
    return s


def run_case(rng: random.Random, p: Probabilities, routine: str, index: int, agreement: Optional[Agreement]) -> Tuple[Outcome, int]:
    """Admits one case and applies its story; the outcome is read from the engine's effects
    and deadlines, not from the story. Returns it with the number of events applied."""
    admitted = between(rng, 0, 365 * DAY)
    enrolled = rng.random() < p.municipal_care_at_admission
    case = Case.admit(at=iso(admitted), case_id=f"sim-{index}", routine=routine,
                      municipal_care_at_admission=enrolled, agreement=agreement)
    events = write_story(rng, p, routine, admitted, enrolled).ordered()
    o = Outcome(care_request="already_enrolled" if enrolled else "not_needed")
    red = False
    for event in events:
        try:
            effects = case.apply(event)["effects"]
        except UtskrivningError as e:
            raise SystemExit(
                f"case {index}: {e.code} {json.dumps(e.details)} on {json.dumps(event, ensure_ascii=False)}\n"
                f"journal: {json.dumps(case.journal, ensure_ascii=False)}"
            ) from e
        for effect in effects:
            kind = effect["type"]
            if kind == "state_changed":
                change = (effect["track"], effect["to"])
                if change == ("phase", "discharged"):
                    o.stay_days = (minute_of(event["at"]) - admitted) / DAY
                    o.discharge_day = minute_of(event["at"]) // DAY
                elif change == ("phase", "cancelled"):
                    o.cancelled = True
                elif change == ("color_track", "red"):
                    red = True
                elif change == ("sip", "held"):
                    # On the red track the engine only schedules a SIP at the hospital.
                    o.sip = "held_at_hospital" if red else "held_elsewhere"
                elif change == ("sip", "declined"):
                    o.sip = "declined"
                elif change == ("consents.care_request", "declined"):
                    o.care_request = "consent_declined"
                elif change == ("care_request", "sent"):
                    o.care_request = "open"
                elif change == ("care_request", "accepted"):
                    o.care_request = "accepted"
                elif change == ("care_request", "rejected"):
                    o.care_request = "rejected"
            elif kind == "payment_clock_started":
                o.ready_day = minute_of(event["at"]) // DAY
    if o.discharge_day is None:
        o.ready_day = None
    for deadline in case.deadlines(events[-1]["at"]):
        if deadline["kind"] == "payment_responsibility":
            o.payment_days = deadline.get("days", 0)
    return o, len(events) + 1


def minute_of(at: str) -> int:
    """The minute of a time `iso` wrote."""
    day = DAY_INDEX[at[:11]]
    return day * DAY + int(at[11:13]) * 60 + int(at[14:16])


# --- The run ----------------------------------------------------------------------------------


@dataclass
class Summary:
    outcomes: List[Outcome]
    events: int
    seconds: float


def simulate(cases: int, routine: str, seed: int, p: Probabilities, agreement: Optional[Agreement]) -> Summary:
    rng = random.Random(seed)
    outcomes: List[Outcome] = []
    events = 0
    started = time.perf_counter()
    for i in range(cases):
        outcome, n = run_case(rng, p, routine, i, agreement)
        outcomes.append(outcome)
        events += n
    return Summary(outcomes, events, time.perf_counter() - started)


CARE_REQUEST_OUTCOMES = ["accepted", "rejected", "consent_declined", "already_enrolled", "open", "not_needed"]
#: How the outcomes read in the table and the plot. A request still open can only be one whose
#: case was cancelled: a discharged case with one open does not close (`open_items`).
SHOWN = {"open": "open when cancelled"}


def shown(outcome: str) -> str:
    return SHOWN.get(outcome, outcome.replace("_", " "))


def report(summary: Summary, routine: str, seed: int, daily_amount: Optional[int]) -> str:
    o = summary.outcomes
    n = len(o)
    discharged = [c for c in o if c.stay_days is not None]
    requests = Counter(c.care_request for c in o)
    sips = Counter(c.sip for c in o)
    paying = [c.payment_days for c in discharged if c.payment_days > 0]
    total_days = sum(c.payment_days for c in o)

    def pct(k: int, of: int) -> str:
        return f"{100 * k / of:5.1f} %" if of else "    - "

    rows: List[Tuple[str, str, str]] = [
        ("cases", f"{n}", f"discharged {len(discharged)}, cancelled {n - len(discharged)}"),
        ("events applied", f"{summary.events}", "every one accepted"),
        ("SIPs held at the hospital", f"{sips['held_at_hospital']}", pct(sips["held_at_hospital"], n)),
        ("SIPs held elsewhere", f"{sips['held_elsewhere']}", pct(sips["held_elsewhere"], n)),
        ("SIPs declined", f"{sips['declined']}", pct(sips["declined"], n)),
        ("care requests", "", ""),
    ]
    rows += [(f"  {shown(k)}", f"{requests[k]}", pct(requests[k], n)) for k in CARE_REQUEST_OUTCOMES]
    stays = [c.stay_days for c in discharged if c.stay_days is not None]
    rows.append(("median days admission→discharge", f"{statistics.median(stays):.1f}" if stays else "-", ""))
    rows.append(("payment-responsibility days", f"{total_days}",
                 f"{len(paying)} cases ({pct(len(paying), len(discharged)).strip()} of discharged), "
                 f"mean {statistics.mean(paying):.1f}, max {max(paying)}" if paying else "none"))
    if daily_amount is not None:
        rows.append(("  at the daily amount", f"{total_days * daily_amount} kr", f"{daily_amount} kr/day"))
    rows.append(("time", f"{summary.seconds:.1f} s", f"{summary.events / summary.seconds:,.0f} events/s".replace(",", " ")))
    width = max(len(r[0]) for r in rows)
    lines = [f"utskrivning simulation: routine {routine}, seed {seed}"]
    lines += [f"  {a:<{width}}  {b:>10}  {c}".rstrip() for a, b, c in rows]
    return "\n".join(lines)


def plot(summary: Summary, routine: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    o = summary.outcomes
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), constrained_layout=True)
    fig.suptitle(f"{len(o)} simulated admissions under {routine}", fontsize=13)

    ax = axes[0][0]
    groups = ["accepted", "rejected", "not_needed", "already_enrolled"]
    stays = [[min(c.stay_days, 30) for c in o if c.stay_days is not None and c.care_request == g] for g in groups]
    ax.hist(stays, bins=60, range=(0, 30), stacked=True, label=[shown(g) for g in groups])
    ax.set_title("Days from admission to discharge, by care request")
    ax.set_xlabel("days (30 or more in the last bin)")
    ax.set_ylabel("cases")
    ax.legend()

    ax = axes[0][1]
    paying = [c.payment_days for c in o if c.payment_days > 0]
    top = max(paying, default=1)
    ax.hist(paying, bins=range(1, top + 2), color="tab:red", align="left")
    ax.set_title("Days of municipal payment responsibility (cases with any)")
    ax.set_xlabel("days")
    ax.set_ylabel("cases")

    ax = axes[1][0]
    counts = Counter(c.care_request for c in o)
    names = [k for k in CARE_REQUEST_OUTCOMES if counts[k]]
    bars = ax.barh([shown(k) for k in names], [counts[k] for k in names], color="tab:green")
    ax.bar_label(bars, padding=3)
    ax.set_title("Care requests by outcome")
    ax.set_xlabel("cases")
    ax.invert_yaxis()

    ax = axes[1][1]
    days = 380
    waiting = [0] * (days + 1)
    for c in o:
        if c.ready_day is not None and c.discharge_day is not None:
            for d in range(c.ready_day, min(c.discharge_day, days)):
                waiting[d] += 1
    ax.plot(range(days + 1), waiting, color="tab:purple", linewidth=0.8)
    ax.set_title("Patients ready for discharge but still in hospital, per day")
    ax.set_xlabel("day of 2026")
    ax.set_ylabel("patients")

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000, help="admissions to simulate (default 10000)")
    ap.add_argument("--routine", choices=[r.value for r in Routine], default=Routine.PROFESSIONAL_CHECK_IN.value)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plot", type=Path, default=Path("build/python/simulate.png"), help="PNG to write")
    ap.add_argument("--no-plot", action="store_true")
    ap.add_argument("--payment-days", type=int, help="the region's agreement: payment from this many days (law: 3)")
    ap.add_argument("--daily-amount", type=int, help="the region's agreement: kronor per payment day")
    for f in dataclasses.fields(Probabilities):
        ap.add_argument(f"--{f.name.replace('_', '-')}", type=float, default=f.default, metavar="P",
                        help=f"probability (default {f.default})")
    return ap.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    p = Probabilities(**{f.name: getattr(args, f.name) for f in dataclasses.fields(Probabilities)})
    bad = [f.name for f in dataclasses.fields(p) if not 0.0 <= getattr(p, f.name) <= 1.0]
    if bad:
        print(f"not a probability: {', '.join(bad)}", file=sys.stderr)
        return 2
    agreement: Agreement = {}
    if args.payment_days is not None:
        agreement["payment_days"] = args.payment_days
    if args.daily_amount is not None:
        agreement["daily_amount_sek"] = args.daily_amount
    summary = simulate(args.cases, args.routine, args.seed, p, agreement or None)
    print(report(summary, args.routine, args.seed, args.daily_amount))
    if not args.no_plot:
        plot(summary, args.routine, args.plot)
        print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
