"""Phase timings for whoever wants them, without the domains knowing who that is.

The domains time their phases with `phase(name)`; the web layer installs a recorder at start
(its Server-Timing header) with `install_recorder`. With none installed, timing costs a clock
read and nothing is kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Recorder = Callable[[str, float], None]


def _discard(name: str, seconds: float) -> None:
    del name, seconds


_recorder: Recorder = _discard


def install_recorder(recorder: Recorder) -> None:
    """Send every phase timed from now on to `recorder(name, seconds)`."""
    global _recorder
    _recorder = recorder


@contextmanager
def phase(name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        _recorder(name, time.perf_counter() - started)
