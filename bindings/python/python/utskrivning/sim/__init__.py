"""utskrivning.sim: a population of discharge cases simulated through the engine.

Each case's story is drawn from a region's parameters and a seed, and every event is applied
by the utskrivning engine in Rust, on every core; the year's indicators and each
municipality's payment basis are the engine's own figures over the simulated discharges
(docs/simulation.md: which parameters are calibrated to published figures, which are
assumptions). NumPy is the only requirement (``pip install 'utskrivning[sim]'``); pandas,
polars and matplotlib are used when asked for (``to_pandas``, ``to_polars``, plots).

>>> from utskrivning import sim
>>> result = sim.simulate({"cases": 500}, seed=7)
>>> result == sim.simulate({"cases": 500}, seed=7, chunk=100)
True
>>> int(result.in_year().sum()) == result.overall["discharges"]
True
"""

try:
    import numpy as _numpy  # noqa: F401 (only to say clearly what is missing)
except ImportError as e:  # pragma: no cover - exercised by the fresh-venv smoke test
    raise ImportError("utskrivning.sim needs NumPy: pip install 'utskrivning[sim]'") from e

from ._days import beds_held, stockholm_days
from ._params import Params, categories, model_name, params, parse_assignment, preset, presets
from ._progress import Progress, ProgressBar
from ._result import TIME_COLUMNS, RunSummary, SimResult, simulate
from ._sweep import LEVELS, Grid, SweepResult, sweep
from ._table import describe_model, summary_table

__all__ = [
    "preset",
    "presets",
    "params",
    "categories",
    "parse_assignment",
    "model_name",
    "describe_model",
    "simulate",
    "sweep",
    "Params",
    "Grid",
    "Progress",
    "ProgressBar",
    "RunSummary",
    "SimResult",
    "SweepResult",
    "LEVELS",
    "TIME_COLUMNS",
    "summary_table",
    "beds_held",
    "stockholm_days",
]
