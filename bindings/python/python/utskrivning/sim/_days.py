"""Stockholm dates of many instants at once, with NumPy: the engine counts ready days and the
year's discharges by the date in Stockholm, so a recomputation from the columns must too."""

from __future__ import annotations

from datetime import date
from typing import Tuple

import numpy as np
from numpy.typing import NDArray

__all__ = ["stockholm_days", "year_days", "beds_held"]

_DAY = 86_400
_HOUR = 3_600


def _last_sunday(year: int, month: int) -> int:
    """Unix seconds of 01:00 UTC on the last Sunday of March or October (both have 31 days)."""
    last = date(year, month, 31)
    sunday = last.toordinal() - (last.weekday() + 1) % 7
    return (sunday - date(1970, 1, 1).toordinal()) * _DAY + _HOUR


def stockholm_days(seconds: NDArray[np.int64]) -> NDArray[np.int64]:
    """The Stockholm date of each instant (Unix seconds), as days since 1970-01-01.

    Stockholm keeps CET (UTC+1) and, by the EU rule Sweden has followed since 1996, CEST
    (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
    October. Computed here rather than by a time-zone database, so that it needs none and runs
    on whole columns: a few transitions per year, looked up with ``searchsorted``.
    """
    seconds = np.asarray(seconds, dtype=np.int64)
    if seconds.size == 0:
        return np.zeros(0, dtype=np.int64)
    # UTC years are close enough to choose the transitions: both lie far from New Year.
    years = seconds.astype("datetime64[s]").astype("datetime64[Y]").astype(np.int64) + 1970
    first, last = int(years.min()), int(years.max())
    edges = np.array(
        [at for y in range(first, last + 1) for at in (_last_sunday(y, 3), _last_sunday(y, 10))], dtype=np.int64
    )
    # An odd number of edges at or before an instant: between a spring and an autumn edge.
    summer = np.searchsorted(edges, seconds, side="right") % 2 == 1
    offset = np.where(summer, 2 * _HOUR, _HOUR)
    return np.floor_divide(seconds + offset, _DAY)


def year_days(year: int) -> Tuple[int, int]:
    """The first day of ``year`` (days since 1970-01-01) and the number of its days."""
    first = date(year, 1, 1).toordinal() - date(1970, 1, 1).toordinal()
    return first, date(year + 1, 1, 1).toordinal() - date(year, 1, 1).toordinal()


def beds_held(
    ready_at: NDArray[np.int64], discharged_at: NDArray[np.int64], year: int
) -> Tuple[NDArray[np.datetime64], NDArray[np.int64]]:
    """Beds held by patients ready for discharge, on each Stockholm day of ``year``.

    A case ready on date r and discharged on date d holds a bed on the days r … d − 1: its d − r
    ready days, as the engine counts them. Only the cases with both times count (a case is given
    its ready notice's time only once it is discharged). Vectorised: +1 on the first day, −1 on
    the day of discharge, then a running sum.
    """
    ready_at = np.asarray(ready_at, dtype=np.int64)
    discharged_at = np.asarray(discharged_at, dtype=np.int64)
    nat = np.iinfo(np.int64).min
    both = (ready_at != nat) & (discharged_at != nat)
    first, n = year_days(year)
    start = np.clip(stockholm_days(ready_at[both]) - first, 0, n)
    stop = np.clip(stockholm_days(discharged_at[both]) - first, 0, n)
    change = np.bincount(start, minlength=n + 1) - np.bincount(stop, minlength=n + 1)
    beds = np.cumsum(change)[:n].astype(np.int64)
    days = np.arange(first, first + n, dtype=np.int64).astype("datetime64[D]")
    return days, beds
