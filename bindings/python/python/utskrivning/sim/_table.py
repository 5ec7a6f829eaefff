"""A run's summary as the text table the command line prints."""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from ._params import model_name
from ._result import RunSummary

__all__ = ["count", "describe_model", "summary_table"]


def _number(value: Optional[float], digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def count(value: int) -> str:
    """A count with a thin space between thousands, as Swedish tables write them."""
    return f"{value:,}".replace(",", " ")


def _share(value: Optional[float]) -> str:
    return "-" if value is None else f"{value * 100:.1f} %"


def describe_model(model: Mapping[str, Any]) -> str:
    """``law (individual: 9 300 kr a day)``: the preset's name and what the model counts."""
    amount = f"{_number(model['daily_amount_sek'], 0)} kr a day"
    if model["kind"] == "individual":
        detail = f"individual: each case's own payment days, {amount}"
    else:
        same_day = "same-day discharges in the average" if model["include_same_day"] else "same-day ones left out"
        after = model.get("individual_after_days")
        each = f", a case over {_number(after, 1)} days on its own" if after is not None else ""
        detail = f"average: days over {_number(model['threshold_days'], 1)} on average, {same_day}{each}, {amount}"
    return f"{model_name(model)} ({detail})"


def summary_table(run: RunSummary, seconds: Optional[float] = None) -> str:
    """The overall figures and each care type's, then the payment basis per municipality."""
    p, s = run.params, run.summary
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    lines: List[str] = [
        f"{p['region']} {p['year']}, seed {run.seed}: {count(s['cases'])} cases, {count(s['events'])} events "
        f"applied by the engine{took}",
        "",
        f"{'discharged in ' + str(p['year']):<18} {'discharges':>10} {'same day':>9} {'mean ready days':>16} "
        f"{'beds per day':>13}",
    ]
    scopes = [("overall", run.overall), ("somatic", run.by_care_type["somatic"])]
    scopes.append(("psychiatric", run.by_care_type["psychiatric"]))
    for name, f in scopes:
        lines.append(
            f"{name:<18} {f['discharges']:>10} {_share(f['same_day_share']):>9} "
            f"{_number(f['mean_ready_days']):>16} {_number(f['beds_per_day']):>13}"
        )
    lines += ["", f"payment basis, model {describe_model(p['payment_model'])}"]
    lines.append(f"{'municipality':<18} {'discharges':>10} {'payable days':>13} {'amount (kr)':>16}")
    basis = run.payment_basis
    for r in basis:
        lines.append(
            f"{r['municipality'] or '-':<18} {r['discharges']:>10} {_number(r['payable_days'], 1):>13} "
            f"{_number(r['amount_sek'], 0):>16}"
        )
    total_days = sum(r["payable_days"] for r in basis)
    total = sum(r["amount_sek"] for r in basis)
    discharges = sum(r["discharges"] for r in basis)
    lines.append(f"{'total':<18} {discharges:>10} {_number(total_days, 1):>13} {_number(total, 0):>16}")
    return "\n".join(lines)
