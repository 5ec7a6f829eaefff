"""A run's parameters: the presets, and changes laid over them. Every value is checked by the
simulator itself (``_native.sim_params``); this module only merges, so its errors and the
core's name fields the same way (``probabilities.rejected``, ``municipalities[0].weight``)."""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from .. import _native
from ..errors import InvalidInput
from ..types import PaymentModel, SimPresets

__all__ = ["Params", "preset", "presets", "categories", "params", "given", "invalid", "parse_assignment", "model_name"]

#: A run's parameters as JSON-shaped data (``preset()`` shows every key).
Params = Dict[str, Any]

#: Keys the simulator replaces whole instead of key by key: a payment model of another kind
#: has other keys, and a list has no keys to merge.
_WHOLE = frozenset({"payment_model", "municipalities"})

# One step of a path: a key, or an index into a list.
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_PATH = re.compile(r"[^.\[\]]+(\[\d+\])*(\.[^.\[\]]+(\[\d+\])*)*")


def invalid(field: str, problem: str, allowed: Optional[List[str]] = None) -> InvalidInput:
    """An ``InvalidInput`` shaped as the core's (same details, same message)."""
    details: Dict[str, Any] = {"field": field, "problem": problem}
    if allowed is not None:
        details["allowed"] = allowed
    shown = ", ".join(f"{k}={json.dumps(v, separators=(',', ':')) if k == 'allowed' else v}" for k, v in details.items())
    return InvalidInput(f"Invalid input ({shown})", details, f"Ogiltig indata ({shown})")


def preset(region: str = "national", year: int = 2020) -> Params:
    """A region's preset for a year, every parameter present (docs/simulation.md gives each
    value's source, or says it is an assumption)."""
    return _native.sim_preset(region, year)


def presets() -> SimPresets:
    """The regions and years there are presets of: ``{"regions": [...], "years": [...]}``."""
    return _native.sim_presets()


@lru_cache(maxsize=None)
def _categories() -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    # Asked once: the words are the engine's and cannot change while it is loaded.
    return tuple((column, tuple(words)) for column, words in _native.sim_categories().items())


def categories() -> Dict[str, Tuple[str, ...]]:
    """The words behind each coded column (``care_type``, ``routine``, ``phase``,
    ``care_request``, ``color_track``, ``sip``), in code order."""
    return dict(_categories())


def _payment_model(value: Any) -> Any:
    """A preset's name stands for its model (``utskrivning.PAYMENT_PRESETS``)."""
    if not isinstance(value, str):
        return value
    if value not in _native.PAYMENT_PRESETS:
        raise invalid("payment_model", "unknown_value", list(_native.PAYMENT_PRESETS))
    return dict(_native.payment_preset(value))


def _overlay(base: Dict[str, Any], changes: Mapping[str, Any], path: str = "") -> None:
    """Lays ``changes`` over ``base`` key by key into objects, as the simulator does."""
    for key, value in changes.items():
        here = f"{path}.{key}" if path else key
        if here == "payment_model":
            value = _payment_model(value)
        slot = base.get(key)
        if isinstance(value, Mapping) and isinstance(slot, dict) and here not in _WHOLE:
            _overlay(slot, value, here)
        else:
            base[key] = copy.deepcopy(value)


def given(params: Any) -> Any:
    """What ``simulate`` hands the simulator: a mapping as a dict with a payment model's name
    read; JSON text, ``None`` and anything else as given (the simulator names a wrong type)."""
    if isinstance(params, Mapping):
        out: Params = {}
        _overlay(out, params)
        return out
    return params


def _steps(path: str) -> List[Union[str, int]]:
    if not _PATH.fullmatch(path):
        raise invalid(path, "unknown_field")
    return [key if key else int(index) for key, index in _STEP.findall(path)]


def _assign(doc: Params, path: str, value: Any) -> None:
    """Sets one dotted path in a complete document; a key it does not have is unknown."""
    steps = _steps(path)
    if path == "payment_model":
        value = _payment_model(value)
    here = ""
    node: Any = doc
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if isinstance(step, int):
            here += f"[{step}]"
            if not isinstance(node, list):
                raise invalid(here, "unknown_field")
            if step >= len(node):
                raise invalid(here, "out_of_range")
        else:
            here = f"{here}.{step}" if here else step
            if not isinstance(node, dict) or step not in node:
                raise invalid(here, "unknown_field")
        if last:
            node[step] = copy.deepcopy(value)
        else:
            node = node[step]


def params(
    base: Optional[Mapping[str, Any]] = None, /, *, paths: Optional[Mapping[str, Any]] = None, **changes: Any
) -> Params:
    """The parameters a run would use, complete and checked.

    ``base`` (default: the national 2020 preset) with ``changes`` laid over it key by key, as
    the simulator reads them: ``params(region="stockholm", probabilities={"rejected": 0.1})``
    changes one probability of Stockholm's preset; ``payment_model`` may be a preset's name
    (``"law"``). Then ``paths``, dotted (``{"probabilities.rejected": 0.1,
    "payment_model.daily_amount_sek": 5000, "municipalities[0].weight": 2}``), each set in the
    completed parameters, so a change inside the payment model or the list of municipalities
    keeps the rest. Keys ``base`` already has win over a new region's preset: to change
    region, start from ``preset(region)`` or leave ``base`` out.

    Raises ``InvalidInput`` naming the field, as the simulator would.
    """
    given: Params = {}
    _overlay(given, base or {})
    _overlay(given, changes)
    if paths:
        for path in paths:
            _steps(path)
        # Region and year choose the preset the rest is completed from: take them first.
        _overlay(given, {key: paths[key] for key in ("region", "year") if key in paths})
        given = _native.sim_params(given)
        for path, value in paths.items():
            _assign(given, path, value)
    return _native.sim_params(given)


def parse_assignment(text: str) -> Tuple[str, Any]:
    """``"probabilities.rejected=0.1"`` as ``("probabilities.rejected", 0.1)``: the value is
    read as JSON (numbers, ``true``, ``null``, objects), else kept as text
    (``region=stockholm``)."""
    path, sep, raw = text.partition("=")
    if not sep or not path:
        raise invalid(text, "unknown_field")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return path.strip(), value


def model_name(model: Union[PaymentModel, Mapping[str, Any]]) -> str:
    """The name of the payment preset ``model`` is (``law``, ``stockholm``, …), else
    ``custom``."""
    for name in _native.PAYMENT_PRESETS:
        if dict(_native.payment_preset(name)) == dict(model):
            return name
    return "custom"
