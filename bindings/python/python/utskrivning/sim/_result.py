"""A simulated year as Python holds it: the parameters, the seed, the summary (the engine's
figures) and, for a whole result, one NumPy array per column, read straight from the bytes the
simulator wrote (``numpy.frombuffer``: no copy, no loop over rows)."""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple, Union

import numpy as np
from numpy.typing import NDArray

from .. import _native
from ..types import Figures, FiguresByCareType, Indicators, PaymentRow, SimSummary
from . import _days
from ._params import Params, categories, given, invalid, model_name
from ._progress import Progress, ProgressBar, reporter

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["RunSummary", "SimResult", "simulate", "check_seed", "TIME_COLUMNS"]

#: The columns that are times: ``datetime64[s]``, UTC, ``NaT`` where there is none.
TIME_COLUMNS = ("admitted_at", "ready_at", "discharged_at")

_NAT = np.iinfo(np.int64).min
_MAX_SEED = 2**64 - 1


class RunSummary:
    """One run's parameters (complete), seed and summary: what a sweep's worker sends back (a
    few kilobytes, whatever the run's size). Picklable; equal when all three are."""

    __slots__ = ("params", "seed", "summary")

    def __init__(self, params: Params, seed: int, summary: SimSummary) -> None:
        self.params = params
        self.seed = seed
        self.summary = summary

    @property
    def indicators(self) -> Indicators:
        """The year's indicators: ``from``, ``to``, ``days``, ``overall`` and ``groups`` (per
        municipality and care type)."""
        return self.summary["indicators"]

    @property
    def overall(self) -> Figures:
        return self.summary["indicators"]["overall"]

    @property
    def by_care_type(self) -> FiguresByCareType:
        """The overall figures of each care type."""
        return self.summary["by_care_type"]

    @property
    def payment_basis(self) -> List[PaymentRow]:
        """What each municipality owes, under the parameters' ``payment_model``."""
        return self.summary["payment_basis"]

    @property
    def model_name(self) -> str:
        """The payment preset the run's model is (``law``, ``stockholm``, …) or ``custom``."""
        return model_name(self.params["payment_model"])

    def _key(self) -> Tuple[Any, ...]:
        return (self.params, self.seed, self.summary)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, RunSummary)
        return self._key() == other._key()

    def __repr__(self) -> str:
        o = self.overall
        return (
            f"{type(self).__name__}({self.params['region']} {self.params['year']}, seed {self.seed}: "
            f"{self.summary['cases']} cases, {o['discharges']} discharges in the year)"
        )


Buffers = Dict[str, Tuple[str, bytes]]


def _arrays(buffers: Buffers) -> Dict[str, NDArray[Any]]:
    """Read-only NumPy views of the simulator's buffers; times seen as ``datetime64[s]``
    (Unix seconds, with int64's minimum as ``NaT``, which is NumPy's own)."""
    out: Dict[str, NDArray[Any]] = {}
    for name, (dtype, data) in buffers.items():
        array = np.frombuffer(data, dtype=np.dtype(dtype))
        out[name] = array.view("datetime64[s]") if name in TIME_COLUMNS and array.dtype.kind == "i" else array
    return out


def _unique(words: Tuple[str, ...]) -> Tuple[List[str], NDArray[np.int64]]:
    """The distinct words in first-seen order, and each code's position among them (two
    municipalities may share a kommunkod; a categorical's categories may not)."""
    distinct: List[str] = []
    for w in words:
        if w not in distinct:
            distinct.append(w)
    return distinct, np.array([distinct.index(w) for w in words], dtype=np.int64)


class SimResult(RunSummary):
    """A whole run: ``params``, ``seed``, ``summary`` and ``columns``, one read-only NumPy
    array per column, a row per case written (the warm-up's too), in case order.

    Codes (``municipality``, ``care_type``, ``routine``, ``phase``, ``care_request``,
    ``color_track``, ``sip``) are small unsigned ints indexing ``categories[column]``
    (``municipality``'s are the kommunkoder of ``params["municipalities"]``); times are
    ``datetime64[s]`` in UTC, ``NaT`` when there is none; ``ready_days`` is -1 for a case not
    discharged. Picklable (the buffers travel, not per-row objects); ``==`` compares params,
    seed, summary and every column byte for byte.
    """

    __slots__ = ("columns", "categories")

    def __init__(
        self,
        params: Params,
        seed: int,
        summary: SimSummary,
        columns: Mapping[str, NDArray[Any]],
    ) -> None:
        super().__init__(params, seed, summary)
        self.columns: Dict[str, NDArray[Any]] = dict(columns)
        self.categories: Dict[str, Tuple[str, ...]] = {
            **categories(),
            "municipality": tuple(m["code"] for m in params["municipalities"]),
        }

    @classmethod
    def of(cls, run: _native.SimRun) -> SimResult:
        """The result of a native run, its cases so far."""
        return cls(run.params(), run.seed, run.summary(), _arrays(run.columns()))

    def __reduce__(self) -> Tuple[Any, Tuple[Params, int, SimSummary, Buffers]]:
        # The raw buffers, so that the copy on the other side is read-only views again.
        buffers = {name: (a.dtype.str, a.tobytes()) for name, a in self.columns.items()}
        return (_restore, (self.params, self.seed, self.summary, buffers))

    def __len__(self) -> int:
        return len(self.columns["index"])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, SimResult)
        if self._key() != other._key() or self.columns.keys() != other.columns.keys():
            return False
        # Bytes, not values: NaT is not equal to itself.
        return all(
            a.dtype == b.dtype and a.tobytes() == b.tobytes()
            for a, b in ((self.columns[n], other.columns[n]) for n in self.columns)
        )

    def in_year(self) -> NDArray[np.bool_]:
        """The cases the summary counts: discharged on a Stockholm date in the year."""
        at = self.columns["discharged_at"].view(np.int64)
        first, n = _days.year_days(int(self.params["year"]))
        day = np.full(at.shape, -1, dtype=np.int64)
        known = at != _NAT
        day[known] = _days.stockholm_days(at[known]) - first
        counted: NDArray[np.bool_] = known & (day >= 0) & (day < n)
        return counted

    def beds_held(self) -> Tuple[NDArray[np.datetime64], NDArray[np.int64]]:
        """Each Stockholm day of the year (``datetime64[D]``) and the beds held that day by
        patients ready for discharge but not yet discharged."""
        return _days.beds_held(
            self.columns["ready_at"].view(np.int64),
            self.columns["discharged_at"].view(np.int64),
            int(self.params["year"]),
        )

    def to_pandas(self) -> pandas.DataFrame:
        """A ``pandas.DataFrame``: codes as ``Categorical``s of their words (municipality: of
        the kommunkoder), times as UTC-aware datetimes (``NaT`` where none). Needs pandas."""
        import pandas as pd

        data: Dict[str, Any] = {}
        for name, array in self.columns.items():
            if name in self.categories:
                words, position = _unique(self.categories[name])
                codes: NDArray[np.int64] = position[array]
                data[name] = pd.Categorical.from_codes(codes, categories=pd.Index(words))
            elif name in TIME_COLUMNS:
                data[name] = pd.Series(array).dt.tz_localize("UTC")
            else:
                data[name] = array
        return pd.DataFrame(data)

    def to_polars(self) -> polars.DataFrame:
        """A ``polars.DataFrame``: codes as ``Enum``s of their words (municipality: of the
        kommunkoder), times as ``Datetime("ms", "UTC")`` (null where none). Needs polars."""
        import polars as pl

        series: List[pl.Series] = []
        for name, array in self.columns.items():
            if name in self.categories:
                words, position = _unique(self.categories[name])
                # Gathering from the words by code: no Python string per row.
                series.append(pl.Series(name, words, dtype=pl.Enum(words)).gather(position[array]))
            elif name in TIME_COLUMNS:
                # Polars takes NumPy datetimes in ms, not s; NaT becomes null.
                series.append(pl.Series(name, array.astype("datetime64[ms]")).dt.replace_time_zone("UTC"))
            else:
                series.append(pl.Series(name, array))
        return pl.DataFrame(series)


def _restore(params: Params, seed: int, summary: SimSummary, buffers: Buffers) -> SimResult:
    """Unpickles a ``SimResult`` (a module-level name, so that any pickler finds it)."""
    return SimResult(params, seed, summary, _arrays(buffers))


def check_seed(seed: Any) -> int:
    """A seed as the simulator takes it: an int in [0, 2⁶⁴)."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise invalid("seed", "wrong_type")
    if not 0 <= seed <= _MAX_SEED:
        raise invalid("seed", "out_of_range")
    return seed


def _chunk(chunk: Any, total: int, reporting: bool) -> int:
    """Cases per ``advance``: all at once unless someone watches; then about a hundredth (at
    least a thousand, so each call still spreads over every core)."""
    if chunk is None:
        return max(total, 1) if not reporting else max(1000, math.ceil(total / 100))
    if isinstance(chunk, bool) or not isinstance(chunk, int):
        raise invalid("chunk", "wrong_type")
    if chunk < 1:
        raise invalid("chunk", "out_of_range")
    return chunk


def simulate(
    params: Union[Mapping[str, Any], str, None] = None,
    seed: int = 1,
    *,
    progress: Union[bool, Progress] = False,
    chunk: Optional[int] = None,
) -> SimResult:
    """Simulates a year: every case written from ``seed`` and applied by the engine, in Rust on
    every core (the GIL released), ``chunk`` cases per call so that ``progress`` can move.

    ``params`` is a dict (missing keys from the preset of its ``region`` and ``year``; see
    ``params()``), JSON text, or ``None`` (the national 2020 preset). A wrong parameter raises
    ``InvalidInput`` naming it, before any case runs. ``progress`` is ``True`` (a bar on
    stderr) or a callable ``(done, total)``. The same parameters and seed give the same result
    whatever the chunk, the machine or the number of threads.
    """
    run = _native.SimRun(given(params), check_seed(seed))
    total = run.total_cases
    report = reporter(progress, sys.stderr)
    step = _chunk(chunk, total, report is not None)
    try:
        while len(run) < total:
            done = run.advance(step)
            if report is not None:
                report(done, total)
    finally:
        if isinstance(report, ProgressBar):
            report.close()
    return SimResult.of(run)
