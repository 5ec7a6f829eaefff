"""The examples in the package's README and docstrings run as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import utskrivning

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_example_runs() -> None:
    # "python numpy" blocks need NumPy (utskrivning.sim): run here, not in the bare fresh venvs.
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python(?: numpy)?\n(.*?)```", text, flags=re.S)
    assert blocks and "```python numpy\n" in text
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})


def test_the_module_docstring_example_runs() -> None:
    result = doctest.testmod(utskrivning)
    assert result.attempted > 0 and result.failed == 0
