"""The binary snapshot (docs/snapshots.md, "The binary snapshot"): bytes restore the same case,
under their key only; a flipped byte or a truncation is refused naming the field, never a byte."""

from __future__ import annotations

from typing import Any, Callable, Dict

import pytest

from utskrivning import Case, InvalidInput

KEY = b"the record system's secret \x00\xff"
TAMPERED = {"field": "snapshot", "problem": "tampered"}


def invalid(call: Callable[[], Any]) -> Dict[str, Any]:
    with pytest.raises(InvalidInput) as e:
        call()
    return e.value.details


def test_bytes_restore_the_same_case(planning: Case) -> None:
    data = planning.snapshot_bytes()
    assert isinstance(data, bytes) and data[:5] == b"UTSB\x01"
    assert len(data) < len(planning.snapshot())
    restored = Case.restore_bytes(data)
    assert restored.snapshot() == planning.snapshot() and restored.snapshot_bytes() == data


def test_a_keyed_binary_snapshot_restores_under_its_key_only(planning: Case) -> None:
    signed = planning.snapshot_bytes(key=KEY)
    assert signed != planning.snapshot_bytes() and KEY not in signed
    assert Case.restore_bytes(signed, key=KEY).snapshot(key=KEY) == planning.snapshot(key=KEY)
    assert invalid(lambda: Case.restore_bytes(signed)) == TAMPERED
    assert invalid(lambda: Case.restore_bytes(signed, b"another key")) == TAMPERED
    assert invalid(lambda: Case.restore_bytes(planning.snapshot_bytes(), key=KEY)) == TAMPERED
    # A str key is its UTF-8, as for the JSON snapshot.
    assert planning.snapshot_bytes("nyckel") == planning.snapshot_bytes(b"nyckel")


def test_flips_truncations_and_wrong_types_are_refused(planning: Case) -> None:
    data = planning.snapshot_bytes()
    for i in range(5, len(data)):
        flipped = bytearray(data)
        flipped[i] ^= 0x10
        assert invalid(lambda: Case.restore_bytes(bytes(flipped))) == TAMPERED
    for n in range(len(data)):
        assert invalid(lambda: Case.restore_bytes(data[:n]))["field"] in ("snapshot", "format")
    assert invalid(lambda: Case.restore_bytes(planning.snapshot().encode())) == {"field": "format", "problem": "unknown_value"}
    assert invalid(lambda: Case.restore_bytes(planning.snapshot())) == {"field": "snapshot", "problem": "wrong_type"}  # type: ignore[arg-type]
    assert invalid(lambda: Case.restore_bytes(data, key=3)) == {"field": "key", "problem": "wrong_type"}  # type: ignore[arg-type]
