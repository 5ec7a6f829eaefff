"""A progress bar on a text stream (stderr), one line redrawn in place; no dependency."""

from __future__ import annotations

import time
from typing import Callable, Optional, TextIO, Union

__all__ = ["Progress", "ProgressBar"]

#: Called after each chunk with (cases written, cases in all).
Progress = Callable[[int, int], None]


class ProgressBar:
    """``bar(done, total)`` redraws the line; ``bar.close()`` ends it with a newline."""

    def __init__(self, stream: TextIO, width: int = 30, label: str = "cases") -> None:
        self._stream = stream
        self._width = width
        self._label = label
        self._started = time.monotonic()
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        part = done / total if total else 1.0
        filled = min(self._width, int(part * self._width))
        seconds = time.monotonic() - self._started
        bar = "#" * filled + "." * (self._width - filled)
        # "\r" returns to the line's start, so the bar is redrawn, not repeated.
        self._stream.write(f"\r{self._label} [{bar}] {part * 100:5.1f} % {done}/{total} {seconds:6.1f} s")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False


def reporter(progress: Union[bool, Progress, None], stream: TextIO) -> Optional[Progress]:
    """What ``simulate(progress=...)`` calls: nothing, a bar on ``stream``, or the caller's."""
    if progress is None or progress is False:
        return None
    if progress is True:
        return ProgressBar(stream)
    return progress
