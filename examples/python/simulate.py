#!/usr/bin/env python3
"""Simulates a region's year of admissions by writing each case's story in Python.

The example of writing one's own stories: every event goes through ``Case.apply``, so the
engine checks every step, and the year's figures are the engine's own (``utskrivning.indicators``
and ``utskrivning.payment_basis`` over the simulated cases). The model is the Rust simulator's
(sim/src/story.rs and run.rs, docs/simulation.md): the same turns, the same parameter document
(a region's preset for a year, completed and checked by the engine; ``--params`` changes it),
the same distributions. Python's random numbers are not Rust's: the figures agree with
``utskrivning._native.SimRun``'s statistically (bindings/python/bench/bench_sim.py shows both).
A story is meant to be accepted whole: a rejected event stops the run with the case's journal.

    .venv/bin/python examples/python/simulate.py --region stockholm --year 2017 --seed 7 \\
        --params '{"probabilities": {"rejected": 0.1}}' --plot build/python/simulate.png
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

import utskrivning
from utskrivning import Agreement, Case, Figures, Indicators, PaymentRow, UtskrivningError, _native

MINUTE, HOUR, DAY = 60, 3600, 86400
WARM_UP_DAYS = 30  # admissions before the year, so that its first discharges count in full
LAW_PAYMENT_DAYS = 3  # the agreement's default (an admit without one)

Params = Dict[str, Any]  # the simulator's parameter document (sim/src/params.rs), every key present
sim_params = _native.sim_params  # a preset completed with the changes given, and checked

INPATIENT, CARE_CONTACT, MUNICIPAL, PATIENT, SOCIAL = "inpatient", "care_contact", "municipal_care", "patient", "social_services"
MUST_AGREE = [INPATIENT, CARE_CONTACT, SOCIAL]
ROUTINES = ["professional_check_in", "individual_check_in"]


class Rng(random.Random):
    """The Rust simulator's draws (sim/src/rng.rs), the same distributions."""

    def chance(self, p: float) -> bool:
        return self.random() < p
    def between(self, lo: int, hi: int) -> int:  # uniform in [lo, hi), lo when hi ≤ lo
        return lo if hi <= lo else lo + int((hi - lo) * self.random())
    def lognormal(self, median: float, sigma: float) -> float:
        return median * math.exp(sigma * self.gauss(0.0, 1.0))
    def exponential(self, mean: float) -> float:
        return -mean * math.log(1.0 - self.random())
    def geometric_from_one(self, mean: float) -> int:  # 1, 2, 3, … with this mean
        return 1 if mean <= 1.0 else 1 + int(math.log(1.0 - self.random()) / math.log(1.0 - 1.0 / mean))
    def pick(self, cumulative: Sequence[float]) -> int:
        return min(bisect.bisect_right(cumulative, self.random() * cumulative[-1]), len(cumulative) - 1)


class Calendar:
    """Stockholm's days as UTC seconds (ready days count Stockholm dates); times as RFC 3339 text."""

    def __init__(self, first: date, days: int) -> None:
        tz = ZoneInfo("Europe/Stockholm")
        self.first = first
        self.midnights = [int(datetime(d.year, d.month, d.day, tzinfo=tz).timestamp())
                          for d in (first + timedelta(days=i) for i in range(days + 1))]
        self.utc = int(datetime(first.year, first.month, first.day, tzinfo=timezone.utc).timestamp())
        self.prefixes = [(first + timedelta(days=i)).isoformat() + "T" for i in range(days + 2)]
        self.clock = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(DAY)]

    def midnight(self, day: int) -> int:
        return self.midnights[min(day, len(self.midnights) - 1)]
    def day_of(self, second: int) -> int:
        return min(max(bisect.bisect_right(self.midnights, second) - 1, 0), len(self.midnights) - 2)
    def date_of(self, second: int) -> date:
        return self.first + timedelta(days=self.day_of(second))
    def iso(self, second: int) -> str:
        day, clock = divmod(second - self.utc, DAY)
        return self.prefixes[day] + self.clock[clock]


@dataclass
class Request:  # a care request sent: the durations of its answer's steps, and the answer
    sent: int
    steps: List[int]
    completion: bool
    accepted: bool


def working_time(rng: Rng, cal: Calendar, at: int) -> int:
    """The earliest time on a Stockholm working day (08:00–15:00) at or after `at`."""
    day = cal.day_of(at)
    clock = at - cal.midnight(day)
    if clock < 8 * HOUR:
        return max(cal.midnight(day) + rng.between(8 * HOUR, 12 * HOUR), at)
    if clock >= 15 * HOUR:
        return cal.midnight(day + 1) + rng.between(8 * HOUR, 12 * HOUR)
    return at


def fit(start: int, end: Optional[int], durations: List[int]) -> List[int]:
    """The steps of an answer laid end to end from `start`, shrunk to end by `end` (≥ a minute each)."""
    total = sum(durations)
    room = total if end is None else end - start
    scale = max(room, 0) / total if total > room and total > 0 else 1.0
    times, t = [], start
    for d in durations:
        t += max(int(d * scale), MINUTE)
        times.append(t)
    return times


def write_story(rng: Rng, p: Params, cal: Calendar, routine: str, care_type: str, enrolled: bool,
                admitted: int) -> List[Dict[str, Any]]:
    """Every event after `admit`, in time order (sim/src/story.rs, turn by turn)."""
    pr = p["probabilities"]
    story: List[Tuple[int, int, str, str, Dict[str, Any]]] = []  # built out of order

    def add(at: int, kind: str, actor: str, **fields: Any) -> None:
        story.append((at, len(story), kind, actor, fields))

    professional = routine == "professional_check_in"
    late = rng.chance(pr["late_notice"])
    notice = admitted + (rng.between(24 * HOUR + MINUTE, 48 * HOUR) if late else rng.between(30 * MINUTE, 20 * HOUR))
    add(notice, "send_admission_notice", INPATIENT, to=[CARE_CONTACT, SOCIAL] + ([MUNICIPAL] if enrolled else []))
    stay = min(int(rng.lognormal(p["stay_median_days"] * DAY, p["stay_sigma"])), 120 * DAY)
    if rng.chance(pr["estimated_discharge"]):
        add(notice + MINUTE, "set_estimated_discharge", INPATIENT, date=cal.date_of(admitted + stay + DAY // 2).isoformat())
    assigned = notice + rng.between(30 * MINUTE, 4 * HOUR)
    add(assigned, "assign_care_contact", CARE_CONTACT, unit="Vårdcentralen")
    if rng.chance(pr["rehab"]):
        add(assigned + rng.between(5 * MINUTE, HOUR), "add_rehab_party", INPATIENT, provider="Rehab")
    booked = assigned + rng.between(70 * MINUTE, 2 * HOUR)
    starts_at = cal.midnight(cal.day_of(booked) + 1) + rng.between(8 * HOUR, 15 * HOUR)
    add(booked, "book_check_in", INPATIENT, starts_at=cal.iso(starts_at), remote=professional)

    needs_care = not enrolled and rng.chance(pr["needs_municipal_care"])
    red = rng.chance(pr["red_track"])

    def care_request(start: int) -> Optional[Request]:  # consent and the request, its answer written later
        if rng.chance(pr["consent_declined"]):
            add(start, "decline_consent", PATIENT, purpose="care_request")
            return None
        add(start, "give_consent", PATIENT, purpose="care_request", written_information_given=True)
        sent = start + 2 * MINUTE
        add(sent, "send_care_request", CARE_CONTACT, question="Behov av kommunal hemsjukvård")
        completion = rng.chance(pr["completion_requested"])
        steps = [rng.between(HOUR, 8 * HOUR)]
        if completion:
            steps += [rng.between(HOUR, 6 * HOUR), rng.between(12 * HOUR, 48 * HOUR)]
        steps.append(int(rng.exponential(36.0 * HOUR)) + 30 * MINUTE)
        return Request(sent, steps, completion, not rng.chance(pr["rejected"]))

    def answer(r: Request, times: List[int]) -> int:  # municipal care's answer, a time per step
        add(times[0], "acknowledge_care_request", MUNICIPAL)
        if r.completion:
            add(times[1], "request_completion", MUNICIPAL, missing=["Läkemedelslista"])
            add(times[2], "complete_care_request", CARE_CONTACT, supplied="Läkemedelslista bifogad")
        if r.accepted:
            add(times[-1], "accept_care_request", MUNICIPAL)
        else:
            add(times[-1], "reject_care_request", MUNICIPAL, reason="Insatsen ges inte av kommunen")
        return times[-1]

    request: Optional[Request] = None
    decision: Optional[int] = None  # when municipal care answered (seed 003: the request closed)
    held: Optional[int] = None  # when a SIP was held
    start = starts_at
    if professional:
        # Seed 000: the request is sent during the check-in, answered before the discharge.
        add(start, "start_check_in", CARE_CONTACT)
        if needs_care:
            request = care_request(start + rng.between(2 * MINUTE, 10 * MINUTE))
        if red:
            add(start + 15 * MINUTE, "decide_color_track", CARE_CONTACT, track="red", agreed_by=MUST_AGREE)
        elif rng.chance(0.5):
            add(start + 15 * MINUTE, "decide_color_track", CARE_CONTACT, track="none", agreed_by=MUST_AGREE)
        sip_consent_at = start + 18 * MINUTE
        if rng.chance(pr["sol_application"]):
            add(start + 20 * MINUTE, "record_sol_application", SOCIAL, status=sol_status(rng))
        ended = start + rng.between(25 * MINUTE, 45 * MINUTE)
        add(ended, "end_check_in", CARE_CONTACT)
        sip_needed = red
    else:
        # Seed 003: municipal health care is settled before the meeting, whose agenda follows.
        if needs_care:
            r = care_request(assigned + rng.between(HOUR, 6 * HOUR))
            if r is not None:
                settled = answer(r, fit(r.sent, None, r.steps)) + rng.between(30 * MINUTE, 4 * HOUR)
                add(settled, "close_care_request", CARE_CONTACT)
                start = max(start, settled + 10 * MINUTE)
                decision = settled
        if red:
            add(assigned + 30 * MINUTE, "decide_color_track", CARE_CONTACT, track="red", agreed_by=MUST_AGREE)
        add(start, "start_check_in", CARE_CONTACT)
        for minutes, actor, item in ((1, CARE_CONTACT, "opening"), (3, SOCIAL, "sol_application"),
                                     (12, CARE_CONTACT, "sip_consent"), (21, CARE_CONTACT, "other_questions"),
                                     (26, CARE_CONTACT, "closing")):
            add(start + minutes * MINUTE, "start_item", actor, item=item)
        if rng.chance(pr["sol_application"]):
            add(start + 8 * MINUTE, "record_sol_application", SOCIAL, status=sol_status(rng))
        sip_consent_at = start + 15 * MINUTE
        ended = start + 27 * MINUTE
        add(ended, "end_check_in", CARE_CONTACT)
        sip_needed = True

    # Ready for discharge: the stay drawn, on a working day, after the meeting.
    ready = working_time(rng, cal, max(admitted + stay, ended + 30 * MINUTE, notice + HOUR))
    add(ready, "mark_ready_for_discharge", INPATIENT)
    if rng.chance(pr["unmark"]):
        unmarked = ready + rng.between(6 * HOUR, 24 * HOUR)
        add(unmarked, "unmark_ready_for_discharge", INPATIENT)
        ready = working_time(rng, cal, unmarked + rng.between(DAY, 3 * DAY))
        add(ready, "mark_ready_for_discharge", INPATIENT)
    # The wait the follow-up counts: the same Stockholm day, or a geometric number of days.
    wait = p["ready_wait"][care_type]
    ready_day = cal.day_of(ready)
    if rng.chance(wait["same_day"]):
        end_of_day = cal.midnight(ready_day + 1) - 10 * MINUTE
        leaves = rng.between(ready + HOUR, min(end_of_day, ready + 10 * HOUR))
    else:
        days = min(rng.geometric_from_one(wait["mean_days"]), 120)
        leaves = cal.midnight(ready_day + days) + rng.between(9 * HOUR, 20 * HOUR)

    # Seed 000's answer comes before the discharge it allows (fitted into the wait); a
    # rejection is answered in its own time.
    if request is not None:
        times = fit(request.sent, None, request.steps)
        if request.accepted and times[-1] > leaves - 30 * MINUTE:
            room_end = max(leaves - rng.between(30 * MINUTE, 3 * HOUR), request.sent + 10 * MINUTE)
            times = fit(request.sent, room_end, request.steps)
        decision = answer(request, times)
        if request.accepted and decision + 30 * MINUTE > leaves:
            leaves = decision + rng.between(30 * MINUTE, 3 * HOUR)

    if sip_needed:
        if rng.chance(pr["sip_consent_declined"]):
            add(sip_consent_at, "decline_consent", PATIENT, purpose="sip")
        else:
            add(sip_consent_at, "give_consent", PATIENT, purpose="sip")
            since = max(ended + HOUR, ready + 10 * MINUTE)
            if red:
                # Held at the hospital before the discharge: fitted into the wait.
                if leaves - HOUR < since + 40 * MINUTE:
                    leaves = since + 40 * MINUTE + rng.between(HOUR, 3 * HOUR)
                invited = rng.between(since, min(since + 2 * HOUR, leaves - HOUR - 30 * MINUTE))
                meeting = rng.between(invited + 30 * MINUTE, leaves - HOUR)
                place, who = "hospital", [PATIENT, INPATIENT, MUNICIPAL, CARE_CONTACT]
            else:
                invited = max(since, ready + rng.between(2 * HOUR, 80 * HOUR))
                meeting = invited + rng.between(DAY, 3 * DAY)
                place, who = "Vårdcentralen", [PATIENT, CARE_CONTACT, SOCIAL]
            add(invited, "schedule_sip", CARE_CONTACT, meeting_at=cal.iso(meeting), place=place, participants=who)
            add(meeting, "hold_sip", CARE_CONTACT)
            held = meeting

    last = leaves
    if rng.chance(pr["question"]):
        raised = rng.between(notice + 1, leaves)
        concerns_inpatient = rng.chance(0.4)
        who_asks = PATIENT if rng.chance(0.5) else "relative"
        add(raised, "raise_question", who_asks, text="Fråga", concerns_inpatient=concerns_inpatient)
        answered = raised + rng.between(HOUR, 24 * HOUR)
        add(answered, "answer_question", INPATIENT if concerns_inpatient else CARE_CONTACT, id="q1")
        last = max(last, answered)
    add(leaves, "discharge", INPATIENT)
    if professional and decision is not None:
        closed = max(leaves, decision) + rng.between(HOUR, 24 * HOUR)
        add(closed, "close_care_request", CARE_CONTACT)
        last = max(last, closed)
    add(max(last, held or last) + rng.between(HOUR, 48 * HOUR), "close_case", CARE_CONTACT)

    if rng.chance(pr["cancelled"]):
        # Cancelled somewhere along the way: the story ends there.
        at = rng.between(admitted + 1, leaves)
        story[:] = [e for e in story if e[0] < at]
        add(at, "cancel", INPATIENT if rng.chance(0.5) else CARE_CONTACT, reason="Överflyttad")
    # In time order, as the engine takes them (ties in the order written).
    return [{"type": kind, "at": cal.iso(at), "actor": actor, **fields}
            for at, _, kind, actor, fields in sorted(story, key=lambda e: (e[0], e[1]))]


def sol_status(rng: Rng) -> str:
    return ("applied", "applied", "already_exists", "declined")[rng.between(0, 4)]


class Refused(Exception):  # the engine refused an event of a story: a bug in the story (or the engine)
    pass


class Plan:
    """What every case of a run shares: the parameters, the calendar, the admission window."""
    def __init__(self, params: Params) -> None:
        self.params, year = params, params["year"]
        self.year = (date(year, 1, 1), date(year + 1, 1, 1))
        self.cal = Calendar(self.year[0] - timedelta(days=WARM_UP_DAYS + 1), 800)
        # The year's admissions and the warm-up's, spread evenly over the window, in index order.
        self.total_cases = params["cases"] + math.floor(params["cases"] * WARM_UP_DAYS / 365 + 0.5)
        self.start = self.cal.midnight(1)
        end = self.cal.midnight(1 + WARM_UP_DAYS + (self.year[1] - self.year[0]).days)
        self.slot = (end - self.start) / max(self.total_cases, 1)
        weights = [m["weight"] for m in params["municipalities"]]
        self.weights = [sum(weights[: i + 1]) for i in range(len(weights))]  # cumulative


@dataclass
class Run:
    plan: Plan
    seed: int
    cases: Dict[str, List[Case]]  # by care type, in index order (the warm-up's first)
    events: int
    seconds: float


def run_case(rng: Rng, plan: Plan, index: int) -> Tuple[Case, str, int]:
    """Admits case `index` and applies its story: the case, its care type, its event count."""
    p, cal = plan.params, plan.cal
    admitted = plan.start + int((index + rng.random()) * plan.slot)
    care_type = "psychiatric" if rng.chance(p["psychiatric_share"]) else "somatic"
    routine = ROUTINES[1] if rng.chance(p["individual_check_in_share"]) else ROUTINES[0]
    municipality = p["municipalities"][rng.pick(plan.weights)]["code"]
    enrolled = rng.chance(p["probabilities"]["municipal_care_at_admission"])
    days = p["payment_days"][care_type]
    agreement: Agreement = {} if days == LAW_PAYMENT_DAYS else {"payment_days": days}
    if p["daily_amount_sek"] is not None:
        agreement["daily_amount_sek"] = p["daily_amount_sek"]
    case = Case.admit(at=cal.iso(admitted), case_id=f"sim-{index}", routine=routine, municipal_care_at_admission=enrolled,
                      municipality=municipality, care_type=care_type, agreement=agreement or None)
    events = write_story(rng, p, cal, routine, care_type, enrolled, admitted)
    for i, event in enumerate(events, start=1):
        try:
            case.apply(event)
        except UtskrivningError as e:
            raise Refused(f"case sim-{index}: event {i} ({event['type']}) refused: {e.code} {json.dumps(e.details)}\n"
                          f"event: {json.dumps(event, ensure_ascii=False)}\n"
                          f"journal: {json.dumps(case.journal, ensure_ascii=False, indent=1)}") from e
    return case, care_type, len(events) + 1


def simulate(params: Params, seed: int) -> Run:
    """Every case of the run written from `seed` and applied; `params` as `sim_params` gives them."""
    plan, rng = Plan(params), Rng(seed)
    run = Run(plan, seed, {"somatic": [], "psychiatric": []}, 0, 0.0)
    started = time.perf_counter()
    for index in range(plan.total_cases):
        case, care_type, events = run_case(rng, plan, index)
        run.cases[care_type].append(case)
        run.events += events
    run.seconds = time.perf_counter() - started
    return run


@dataclass
class YearFigures:  # the engine's figures of the discharges in a period
    indicators: Indicators
    by_care_type: Dict[str, Figures]
    payment_basis: List[PaymentRow]


def figures(run: Run, frm: Optional[date] = None, to: Optional[date] = None) -> YearFigures:
    """The indicators (overall and per care type) and the payment basis of the discharges in
    [frm, to) (the year by default), by the engine."""
    frm, to = frm or run.plan.year[0], to or run.plan.year[1]
    every = [case for cases in run.cases.values() for case in cases]
    return YearFigures(utskrivning.indicators(every, frm, to),
                       {t: utskrivning.indicators(cases, frm, to)["overall"] for t, cases in run.cases.items()},
                       utskrivning.payment_basis(every, frm, to, run.plan.params["payment_model"]))


def report(run: Run, f: YearFigures, routine: Optional[str]) -> str:
    p, n, mix = run.plan.params, run.plan.total_cases, routine or f"{run.plan.params['individual_check_in_share']:.0%} individual"
    lines = [f"utskrivning simulation in Python: {p['region']} {p['year']}, {mix}, seed {run.seed}",
             f"  {n} cases ({p['cases']} admitted in the year, the rest in the {WARM_UP_DAYS} days before), {run.events} events "
             f"applied, every one accepted, in {run.seconds:.1f} s ({n / run.seconds:.0f} cases/s)", "",
             f"  {'discharges in ' + str(p['year']):<22} {'count':>8} {'same day':>9} {'mean ready days':>16} {'beds/day':>9}"]
    for name, g in [("all", f.indicators["overall"]), *f.by_care_type.items()]:
        share = "-" if g["same_day_share"] is None else f"{g['same_day_share']:.1%}"
        mean = "-" if g["mean_ready_days"] is None else f"{g['mean_ready_days']:.2f}"
        lines.append(f"  {name:<22} {g['discharges']:>8} {share:>9} {mean:>16} {g['beds_per_day']:>9.1f}")
    model = p["payment_model"]
    lines += ["", f"  payment basis ({model['kind']} model, {model['daily_amount_sek']:.0f} kr/day)",
              f"  {'municipality':<22} {'count':>8} {'days':>9} {'amount (kr)':>16}"]
    rows = [(r["municipality"] or "(none)", r["discharges"], r["payable_days"], r["amount_sek"]) for r in f.payment_basis]
    rows.append(("total", sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows)))
    for name, count, days, amount in rows:
        lines.append(f"  {name:<22} {count:>8} {days:>9.0f} {amount:>16,.0f}".replace(",", " "))
    return "\n".join(lines)


def plot(run: Run, f: YearFigures, path: Path) -> None:
    """The engine's figures month by month, per care type, and the payment basis."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    year, months = run.plan.params["year"], list(range(1, 13))
    starts = [date(year, m, 1) for m in months] + [date(year + 1, 1, 1)]
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), constrained_layout=True)
    fig.suptitle(f"{run.plan.total_cases} simulated cases, {run.plan.params['region']} {year}: the engine's figures")
    for care_type, cases in run.cases.items():
        monthly = [utskrivning.indicators(cases, a, b)["overall"] for a, b in zip(starts, starts[1:])]
        axes[0][0].plot(months, [g["same_day_share"] for g in monthly], marker="o", label=care_type)
        axes[0][1].plot(months, [g["mean_ready_days"] for g in monthly], marker="o", label=care_type)
        axes[1][0].plot(months, [g["beds_per_day"] for g in monthly], marker="o", label=care_type)
    for ax, title in ((axes[0][0], "Share discharged on the day of the ready notice"),
                      (axes[0][1], "Mean ready days of those not discharged that day"),
                      (axes[1][0], "Beds held by patients ready for discharge, per day")):
        ax.set(title=title, xlabel=f"month of discharge, {year}", xticks=months)
        ax.legend()
    basis = sorted(f.payment_basis, key=lambda r: r["amount_sek"])
    axes[1][1].barh([r["municipality"] or "(none)" for r in basis], [r["amount_sek"] / 1e6 for r in basis], color="tab:red")
    axes[1][1].set(title=f"Payment basis by municipality ({year})", xlabel="million kr")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--region", default="national", help="the preset's region: national (default), stockholm, …")
    ap.add_argument("--year", type=int, default=2020, help="the preset's year: 2017 or 2020 (default)")
    ap.add_argument("--cases", type=int, help="admissions in the year (default the preset's)")
    ap.add_argument("--routine", choices=ROUTINES, help="every case under this routine (default the preset's mix)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--params", type=json.loads, default={}, metavar="JSON",
                    help='changes laid over the preset, e.g. \'{"probabilities": {"rejected": 0.1}}\'')
    ap.add_argument("--plot", type=Path, default=Path("build/python/simulate.png"), help="PNG to write")
    ap.add_argument("--no-plot", action="store_true")
    args = ap.parse_args(argv)
    given: Params = {**args.params, "region": args.region, "year": args.year}
    if args.cases is not None:
        given["cases"] = args.cases
    if args.routine is not None:
        given["individual_check_in_share"] = float(args.routine == "individual_check_in")
    try:
        run = simulate(sim_params(given), args.seed)
    except (UtskrivningError, Refused) as e:
        print(e, file=sys.stderr)  # a parameter named, or the story refused with its journal
        return 1
    f = figures(run)
    print(report(run, f, args.routine))
    if not args.no_plot:
        plot(run, f, args.plot)
        print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
