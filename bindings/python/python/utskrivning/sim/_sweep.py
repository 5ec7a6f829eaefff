"""Many runs over a grid of parameters and seeds. Each run is independent and decided by its
parameters and seed alone, so any ``concurrent.futures.Executor`` may run them (threads,
processes, a dask cluster); the results are put back in grid order, so the merged result is
the same whichever ran them, and in whatever order they finished."""

from __future__ import annotations

import itertools
import json
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from .. import _native
from ._params import Params, invalid, params
from ._result import RunSummary, SimResult, check_seed, simulate

if TYPE_CHECKING:
    import pandas

__all__ = ["Grid", "SweepResult", "sweep", "LEVELS"]

#: A list of ``(params, seed)`` pairs (``params`` a dict of changes, or ``None``), or a dict
#: of lists whose product is run: ``{"region": [...], "seed": [...], "probabilities.rejected":
#: [...]}`` (keys are parameters or dotted paths, as ``params(paths=...)`` takes them, and
#: ``seed``; the last key varies fastest).
Grid = Union[Sequence[Tuple[Optional[Mapping[str, Any]], int]], Mapping[str, Iterable[Any]]]

#: The tables ``SweepResult.rows`` makes: a row per run; per run and care type (``all``,
#: ``somatic``, ``psychiatric``); per run, municipality and care type (the indicator groups);
#: per run and municipality (the payment basis).
LEVELS = ("run", "care_type", "group", "payment")

_FIGURES = (
    "discharges",
    "same_day",
    "same_day_share",
    "episodes_with_days",
    "ready_days_total",
    "mean_ready_days",
    "beds_per_day",
)
_PAYMENT = ("discharges", "payable_days", "amount_sek", "individual_cases", "individual_days", "excess_days")
_COMMON = ("run", "seed", "region", "year", "cases", "payment_model")


def _points(grid: Grid, base: Optional[Mapping[str, Any]]) -> List[Tuple[Dict[str, Any], Params, int]]:
    """Each run's coordinates in the grid, its complete parameters and its seed; every point
    checked here, so that a wrong one stops the sweep before any run starts."""
    if isinstance(grid, Mapping):
        keys = list(grid)
        axes = []
        for key in keys:
            # A list, a tuple, a NumPy array, a range: anything iterable but text or a dict,
            # which are one value, not a list of them.
            if isinstance(grid[key], (str, bytes, Mapping)) or not isinstance(grid[key], Iterable):
                raise invalid(key, "wrong_type")
            axes.append([_plain(v) for v in grid[key]])
        out = []
        for combo in itertools.product(*axes):
            coordinates = dict(zip(keys, combo))
            seed = check_seed(coordinates.get("seed", 1))
            paths = {k: v for k, v in coordinates.items() if k != "seed"}
            out.append((coordinates, params(base, paths=paths), seed))
        return out
    points = []
    for i, point in enumerate(grid):
        if not (isinstance(point, (tuple, list)) and len(point) == 2):
            raise invalid(f"grid[{i}]", "wrong_type")
        changes, seed = point
        if changes is not None and not isinstance(changes, Mapping):
            raise invalid(f"grid[{i}]", "wrong_type")
        points.append(({"seed": seed}, params(base, **dict(changes or {})), check_seed(seed)))
    return points


def _plain(value: Any) -> Any:
    """A NumPy scalar as the Python number it holds (the simulator reads Python's types)."""
    item = getattr(value, "item", None)
    return item() if callable(item) and type(value).__module__ == "numpy" else value


def _run(run_params: Params, seed: int, keep_columns: bool) -> RunSummary:
    """One run, in whichever process the executor chose: the summary only, unless the columns
    are wanted (they are what makes a result large)."""
    if keep_columns:
        return simulate(run_params, seed)
    run = _native.SimRun(run_params, seed)
    run.advance(run.total_cases)
    return RunSummary(run.params(), run.seed, run.summary())


def _cell(value: Any) -> Any:
    """A coordinate as a table cell: numbers, text, booleans and None as they are, the rest
    as JSON text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return json.dumps(value, sort_keys=True)


class SweepResult:
    """The runs of a sweep in grid order, each a ``RunSummary`` (a ``SimResult`` with
    ``keep_columns=True``), and each run's ``coordinates`` (what the grid set, ``seed``
    included). Picklable; equal when the coordinates and the runs are."""

    __slots__ = ("coordinates", "runs")

    def __init__(self, coordinates: Sequence[Dict[str, Any]], runs: Sequence[RunSummary]) -> None:
        self.coordinates: Tuple[Dict[str, Any], ...] = tuple(coordinates)
        self.runs: Tuple[RunSummary, ...] = tuple(runs)

    def __len__(self) -> int:
        return len(self.runs)

    def __iter__(self) -> Iterator[RunSummary]:
        return iter(self.runs)

    def __getitem__(self, i: int) -> RunSummary:
        return self.runs[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SweepResult):
            return NotImplemented
        return self.coordinates == other.coordinates and self.runs == other.runs

    def __repr__(self) -> str:
        return f"SweepResult({len(self.runs)} runs)"

    def result(self, i: int) -> SimResult:
        """Run ``i`` with its columns; only when the sweep kept them."""
        run = self.runs[i]
        if not isinstance(run, SimResult):
            raise ValueError("the sweep kept no columns: run it with keep_columns=True")
        return run

    def _common(self, i: int) -> Dict[str, Any]:
        run = self.runs[i]
        p = run.params
        row: Dict[str, Any] = {
            "run": i,
            "seed": run.seed,
            "region": p["region"],
            "year": p["year"],
            "cases": p["cases"],
            "payment_model": run.model_name,
        }
        for key, value in self.coordinates[i].items():
            if key not in _COMMON:
                row[key] = _cell(value)
        return row

    def rows(self, level: str = "run") -> List[Dict[str, Any]]:
        """A tidy table as a list of dicts, every row starting with ``run``, ``seed``,
        ``region``, ``year``, ``cases``, ``payment_model`` (its preset's name, or ``custom``)
        and the grid's other coordinates. ``level`` (``LEVELS``): ``run`` adds the overall
        figures, ``events`` and the payment basis's totals (``payable_days``,
        ``amount_sek``); ``care_type`` a row per ``care_type`` (``all``, ``somatic``,
        ``psychiatric``) with its figures; ``group`` a row per indicator group
        (``municipality``, ``care_type``, figures); ``payment`` a row per municipality's
        payment basis (the average model's keys ``None`` under the individual model)."""
        if level not in LEVELS:
            raise invalid("level", "unknown_value", list(LEVELS))
        out: List[Dict[str, Any]] = []
        for i, run in enumerate(self.runs):
            common = self._common(i)
            out.extend({**common, **row} for row in _level_rows(run, level))
        return out

    def to_pandas(self, level: str = "run") -> pandas.DataFrame:
        """``rows(level)`` as a ``pandas.DataFrame``. Needs pandas."""
        import pandas as pd

        return pd.DataFrame(self.rows(level))


def _figures(figures: Mapping[str, Any]) -> Dict[str, Any]:
    return {key: figures[key] for key in _FIGURES}


def _level_rows(run: RunSummary, level: str) -> List[Dict[str, Any]]:
    if level == "run":
        basis = run.payment_basis
        return [
            {
                **_figures(run.overall),
                "events": run.summary["events"],
                "payable_days": sum(r["payable_days"] for r in basis),
                "amount_sek": sum(r["amount_sek"] for r in basis),
            }
        ]
    if level == "care_type":
        scopes: List[Tuple[str, Mapping[str, Any]]] = [
            ("all", run.overall),
            ("somatic", run.by_care_type["somatic"]),
            ("psychiatric", run.by_care_type["psychiatric"]),
        ]
        return [{"care_type": name, **_figures(f)} for name, f in scopes]
    if level == "group":
        return [
            {"municipality": g["municipality"], "care_type": g["care_type"], **_figures(g)}
            for g in run.indicators["groups"]
        ]
    rows: List[Mapping[str, Any]] = list(run.payment_basis)
    return [{"municipality": r["municipality"], **{key: r.get(key) for key in _PAYMENT}} for r in rows]


def sweep(
    grid: Grid,
    executor: Optional[Executor] = None,
    *,
    base: Optional[Mapping[str, Any]] = None,
    keep_columns: bool = False,
) -> SweepResult:
    """Runs every point of ``grid`` (see ``Grid``), each laid over ``base`` (changes, as
    ``params()`` takes them), on ``executor`` (``None``: one after another in this process;
    else any ``concurrent.futures.Executor``: a ``ProcessPoolExecutor``, a dask client's
    ``get_executor()``, …). Every point is completed and checked first, so a wrong one raises
    ``InvalidInput`` before any run starts. Workers send back summaries only, unless
    ``keep_columns``. The result is in grid order, the same whatever the executor.
    """
    points = _points(grid, base)
    if executor is None:
        runs = [_run(p, seed, keep_columns) for _, p, seed in points]
    else:
        futures: List[Future[RunSummary]] = [executor.submit(_run, p, seed, keep_columns) for _, p, seed in points]
        try:
            runs = [f.result() for f in futures]
        except BaseException:
            # One failed (or we were interrupted): the rest are not wanted.
            for f in futures:
                f.cancel()
            raise
    return SweepResult([c for c, _, _ in points], runs)
