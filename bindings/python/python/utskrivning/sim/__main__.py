"""``python -m utskrivning.sim``: a region-year through the engine, from the command line.

    python -m utskrivning.sim --region vastra_gotaland --year 2020 --cases 5000 --seed 1 \\
        --set probabilities.rejected=0.1 --plot build/sim

Prints the figures overall and per care type and the payment basis per municipality under the
region's model (``--json``: the parameters, seed and summary as JSON). A progress bar goes to
stderr when it is a terminal, or with ``--progress``. A wrong parameter prints its field and
problem and exits with 2, before any case runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from ..errors import InvalidInput
from . import params, parse_assignment, simulate, summary_table
from ._params import invalid

# Exit codes: 2 for what the caller got wrong (as argparse's own), 1 for what is missing here.
BAD_INPUT = 2
MISSING = 1


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m utskrivning.sim", description="A region-year through the engine.")
    p.add_argument("--region", help="national (default), vastra_gotaland or stockholm")
    p.add_argument("--year", type=int, help="2017 or 2020 (default)")
    p.add_argument("--cases", type=int, help="admissions in the year (default: the preset's)")
    p.add_argument("--seed", type=int, default=1, help="the run's seed (default 1)")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        help="change one parameter by its dotted path, the value read as JSON "
        "(probabilities.rejected=0.1, payment_model=stockholm); may be repeated",
    )
    p.add_argument("--params", type=Path, metavar="FILE", help="a JSON object of parameters to start from")
    p.add_argument("--json", action="store_true", help="print the parameters, seed and summary as JSON")
    p.add_argument("--plot", type=Path, metavar="DIR", help="write three PNGs into DIR (needs matplotlib)")
    p.add_argument("--progress", action="store_true", help="a progress bar on stderr even when it is no terminal")
    p.add_argument("--chunk", type=int, help="cases per step of the progress bar")
    return p


def _given(args: argparse.Namespace) -> Dict[str, Any]:
    """The parameters named on the command line, before the preset completes them."""
    given: Dict[str, Any] = {}
    if args.params is not None:
        loaded = json.loads(args.params.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise invalid("params", "not_an_object")
        given.update(loaded)
    for key in ("region", "year", "cases"):
        if getattr(args, key) is not None:
            given[key] = getattr(args, key)
    return given


def _refuse(e: InvalidInput) -> int:
    d = e.details
    allowed = f" (allowed: {', '.join(map(str, d['allowed']))})" if "allowed" in d else ""
    print(f"invalid parameter {d.get('field', '?')}: {d.get('problem', '?')}{allowed}", file=sys.stderr)
    return BAD_INPUT


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.plot is not None and importlib.util.find_spec("matplotlib") is None:
        print("--plot needs matplotlib: pip install 'utskrivning[plot]'", file=sys.stderr)
        return MISSING
    try:
        given = _given(args)
    except (OSError, ValueError) as e:
        # An unreadable --params file, or one that is no JSON.
        print(f"--params {args.params}: {e}", file=sys.stderr)
        return BAD_INPUT
    except InvalidInput as e:
        return _refuse(e)
    try:
        paths = dict(parse_assignment(text) for text in args.set)
        run_params = params(given, paths=paths)
        progress = args.progress or sys.stderr.isatty()
        started = time.perf_counter()
        result = simulate(run_params, args.seed, progress=progress, chunk=args.chunk)
        seconds = time.perf_counter() - started
    except InvalidInput as e:
        return _refuse(e)
    if args.json:
        print(json.dumps({"params": result.params, "seed": result.seed, "summary": result.summary}, indent=2))
    else:
        print(summary_table(result, seconds))
    if args.plot is not None:
        from ._plots import write_plots

        written: List[Path] = write_plots(result, args.plot)
        print("plots: " + ", ".join(str(p) for p in written), file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
