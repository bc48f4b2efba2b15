"""The cyclic garbage collector paused while casedu makes millions of acyclic objects.

Each collection walks every container still alive: while a dataset of an academy's year is
read, or its year summed, that is the millions of records made so far, again and again, to
find no cycle (half of the time at academy scale). Reference counting still frees everything.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (as it was after it).

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
