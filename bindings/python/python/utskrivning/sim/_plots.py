"""Three pictures of a run, as PNG files, with matplotlib's object interface (a ``Figure``
drawn by Agg): no pyplot, so no global backend or figure state is touched."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import List, Union

import numpy as np

from ._result import SimResult
from ._table import describe_model

__all__ = ["PLOTS", "write_plots"]

#: The files ``write_plots`` writes, in this order.
PLOTS = ("ready_days_by_outcome.png", "beds_per_day.png", "payment_by_municipality.png")

# Ready days beyond this share one last bin, so that a long tail does not flatten the rest.
_LAST_BIN = 21


def _ready_days_by_outcome(result: SimResult, path: Path) -> None:
    """A histogram of the ready days of the year's discharges, stacked by what became of the
    care request (none sent, accepted, …)."""
    from matplotlib.figure import Figure

    counted = result.in_year()
    days = np.minimum(result.columns["ready_days"][counted], _LAST_BIN)
    outcome = result.columns["care_request"][counted]
    words = result.categories["care_request"]
    present = [code for code in range(len(words)) if np.any(outcome == code)]
    fig = Figure(figsize=(8, 4.5))
    ax = fig.subplots()
    # One bar per whole day, centred on it.
    bins = [day - 0.5 for day in range(_LAST_BIN + 2)]
    if present:
        ax.hist([days[outcome == c] for c in present], bins=bins, stacked=True, label=[words[c] for c in present])
        ax.legend(title="care request at the end")
    ax.set_xlabel(f"ready days (the last bar: {_LAST_BIN} or more)")
    ax.set_ylabel("discharges")
    ax.set_title(f"Ready days by care request outcome, {result.params['region']} {result.params['year']}")
    fig.savefig(path, dpi=100)


def _beds_per_day(result: SimResult, path: Path) -> None:
    """Beds held each day by patients ready for discharge, with the summary's mean."""
    from matplotlib.figure import Figure

    days, beds = result.beds_held()
    fig = Figure(figsize=(9, 4.5))
    ax = fig.subplots()
    ax.plot(days, beds, linewidth=1, label="ready, not yet discharged")
    mean = result.overall["beds_per_day"]
    ax.axhline(mean, color="grey", linestyle="--", linewidth=1, label=f"summary: {mean:.1f} beds per day")
    ax.set_ylabel("beds")
    ax.set_title(f"Beds held by patients ready for discharge, {result.params['region']} {result.params['year']}")
    ax.legend()
    fig.autofmt_xdate()
    fig.savefig(path, dpi=100)


def _payment_by_municipality(result: SimResult, path: Path) -> None:
    """What each municipality owes for the year, as bars."""
    from matplotlib.figure import Figure

    rows = result.payment_basis
    fig = Figure(figsize=(9, 5))
    ax = fig.subplots()
    ax.bar([r["municipality"] or "-" for r in rows], [r["amount_sek"] / 1e6 for r in rows])
    ax.set_xlabel("municipality (kommunkod)")
    ax.set_ylabel("million kr")
    model = textwrap.fill(describe_model(result.params["payment_model"]), 100)
    ax.set_title(f"Payment basis, {result.params['region']} {result.params['year']}\nmodel {model}", fontsize=9)
    fig.savefig(path, dpi=100)


def write_plots(result: SimResult, directory: Union[str, Path]) -> List[Path]:
    """Writes the three PNGs of ``PLOTS`` into ``directory`` (made if missing); returns their
    paths. Needs matplotlib."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / name for name in PLOTS]
    for draw, path in zip((_ready_days_by_outcome, _beds_per_day, _payment_by_municipality), paths):
        draw(result, path)
    return paths
