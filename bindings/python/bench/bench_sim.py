#!/usr/bin/env python3
"""Benchmark (not a test): the population simulator written in Rust (``utskrivning-sim``,
through ``utskrivning._native.SimRun``) against the one written in Python
(examples/python/simulate.py, every event through ``Case.apply``), on the same parameters (the
national 2020 preset), in one run.

Both write each case's story from the same model, apply every event through the engine and
take the year's indicators and payment basis from the engine. The Rust simulator runs a
national year (1.3 million admissions) on every core; the Python one a smaller number of cases
on one. Throughput is cases written and applied per second, the figures included (the warm-up
admissions before the year count as cases). Their somatic and psychiatric figures are printed
side by side: they draw different random numbers, so they agree statistically, not exactly.

    .venv/bin/python bindings/python/bench/bench_sim.py [--cases 1300000] [--python-cases 50000] [--seed 1]
    .venv/bin/python bindings/python/bench/bench_sim.py --quick
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, List, Optional, Sequence, Tuple

import utskrivning
from utskrivning import Figures, _native

SIMULATE = Path(__file__).resolve().parents[3] / "examples" / "python" / "simulate.py"


def load_simulate() -> ModuleType:
    """examples/python/simulate.py as a module (it is not in a package)."""
    spec = importlib.util.spec_from_file_location("simulate", SIMULATE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {SIMULATE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["simulate"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@dataclass
class Timing:
    name: str
    cases: int  # written and applied, the warm-up's included
    events: int
    write: float  # seconds writing and applying the cases
    figures: float  # seconds computing the indicators and the payment basis

    @property
    def total(self) -> float:
        return self.write + self.figures

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.total


def rust(cases: int, seed: int) -> Tuple[Timing, Dict[str, Any]]:
    run = _native.SimRun({"cases": cases}, seed)
    started = time.perf_counter()
    run.advance(run.total_cases)
    written = time.perf_counter()
    summary = run.summary()
    done = time.perf_counter()
    figures = {"indicators": summary["indicators"], "by_care_type": summary["by_care_type"], "payment_basis": summary["payment_basis"]}
    return Timing("Rust (SimRun)", run.total_cases, summary["events"], written - started, done - written), figures


def python(cases: int, seed: int) -> Tuple[Timing, Dict[str, Any]]:
    simulate = load_simulate()
    run = simulate.simulate(simulate.sim_params({"cases": cases}), seed)  # times its loop, as advance is timed
    started = time.perf_counter()
    f = simulate.figures(run)
    done = time.perf_counter()
    summary = {"indicators": f.indicators, "by_care_type": f.by_care_type, "payment_basis": f.payment_basis}
    return Timing("Python (simulate.py)", run.plan.total_cases, run.events, run.seconds, done - started), summary


def share(g: Figures) -> str:
    """The same-day share with its binomial standard error."""
    p, n = g["same_day_share"], g["discharges"]
    if p is None or n == 0:
        return "-"
    return f"{p:.2%} ± {math.sqrt(p * (1 - p) / n):.2%}"


def mean(g: Figures) -> str:
    return "-" if g["mean_ready_days"] is None else f"{g['mean_ready_days']:.3f}"


def payment_days_per_discharge(summary: Dict[str, Any]) -> float:
    rows: List[Dict[str, Any]] = summary["payment_basis"]
    discharges = sum(r["discharges"] for r in rows)
    return sum(r["payable_days"] for r in rows) / discharges if discharges else 0.0


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1_300_000, help="admissions for the Rust simulator (a national year)")
    ap.add_argument("--python-cases", type=int, default=50_000, help="admissions for the Python simulator")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="a smoke run: 20 000 and 2 000 admissions")
    args = ap.parse_args(argv)
    cases, python_cases = (20_000, 2_000) if args.quick else (args.cases, args.python_cases)

    print(f"utskrivning {utskrivning.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores; national 2020 preset, seed {args.seed}; load average {load()}")
    timings: List[Timing] = []
    summaries: List[Dict[str, Any]] = []
    for run, n in ((rust, cases), (python, python_cases)):
        t, s = run(n, args.seed)
        timings.append(t)
        summaries.append(s)
    print(f"load average after: {load()}\n")

    print(f"{'simulator':<22} {'cases':>9} {'events':>10} {'write+apply':>12} {'figures':>8} {'total':>8} {'cases/s':>9} {'events/s':>10}")
    for t in timings:
        print(f"{t.name:<22} {t.cases:>9} {t.events:>10} {t.write:>11.2f}s {t.figures:>7.2f}s {t.total:>7.2f}s "
              f"{t.cases_per_second:>9.0f} {t.events / t.total:>10.0f}")
    rust_t, python_t = timings
    print(f"\nthroughput Rust / Python: {rust_t.cases_per_second / python_t.cases_per_second:.0f}×")
    print(f"the Rust simulator's year of {cases} admissions ({rust_t.cases} cases with the warm-up): {rust_t.total:.2f} s wall\n")

    print(f"{'figure (the year)':<34} {'Rust':>18} {'Python':>18}")
    groups: List[Tuple[str, Optional[str]]] = [("all", None), ("somatic", "somatic"), ("psychiatric", "psychiatric")]
    for label, care_type in groups:
        g = [s["indicators"]["overall"] if care_type is None else s["by_care_type"][care_type] for s in summaries]
        print(f"{label + ' same-day share':<34} {share(g[0]):>18} {share(g[1]):>18}")
        print(f"{label + ' mean ready days':<34} {mean(g[0]):>18} {mean(g[1]):>18}")
    per = [payment_days_per_discharge(s) for s in summaries]
    print(f"{'payable days per discharge':<34} {per[0]:>18.3f} {per[1]:>18.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
