"""Run by `cargo xtask test python` in fresh venvs that hold nothing but the wheel: the README's
example and the package's doctest, on whichever Python the venv has. Not a pytest module."""

import doctest
import importlib.util
import re
import sys
from pathlib import Path

import utskrivning
from utskrivning import Purpose, Role, events

readme = Path(__file__).resolve().parents[1] / "README.md"
for block in re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S):
    exec(compile(block, str(readme), "exec"), {})
assert doctest.testmod(utskrivning).failed == 0
# utskrivning.sim needs NumPy, which this venv has not: importing it says so, and how to get it.
if importlib.util.find_spec("numpy") is None:
    try:
        import utskrivning.sim  # noqa: F401
        raise AssertionError("utskrivning.sim imported without NumPy")
    except ImportError as e:
        assert "pip install 'utskrivning[sim]'" in str(e), e
consent = events.GiveConsent(at="2026-03-02T08:00:00Z", actor=Role.PATIENT, purpose=Purpose.SIP)
assert consent.to_dict() == {"type": "give_consent", "at": "2026-03-02T08:00:00Z", "actor": "patient", "purpose": "sip"}
print(f"wheel ok on Python {sys.version.split()[0]}: utskrivning {utskrivning.__version__} from {utskrivning.__file__}")
