"""The examples in the package's README and docstrings run as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import utskrivning

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})


def test_the_module_docstring_example_runs() -> None:
    result = doctest.testmod(utskrivning)
    assert result.attempted > 0 and result.failed == 0
