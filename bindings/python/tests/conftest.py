"""Shared fixtures: the repository's scenario corpus and a case in planning."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List

import pytest

from utskrivning import Case, Role, Routine

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = ROOT / "tests" / "scenarios"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)

# The runner is a module beside the tests (also a program of its own).
sys.path.insert(0, str(Path(__file__).resolve().parent))


def scenario_files() -> List[Path]:
    return sorted(SCENARIOS.glob("*.json"))


def at(minutes: int) -> datetime:
    """T0 plus some minutes."""
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def planning() -> Case:
    """A case under professional_check_in, notice sent, care contact assigned."""
    case = Case.admit(at=T0, case_id="c-py", routine=Routine.PROFESSIONAL_CHECK_IN, municipal_care_at_admission=False)
    case.apply({"type": "send_admission_notice", "at": at(30), "actor": Role.INPATIENT, "to": [Role.CARE_CONTACT]})
    case.apply({"type": "assign_care_contact", "at": at(60), "actor": Role.CARE_CONTACT, "unit": "VC Norrmalm"})
    return case
