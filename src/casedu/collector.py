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
def collector_paused(*, long_lived: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (as it was after it).

    With ``long_lived``, what the block made is meant to stay (a dataset's records): when the
    block ends without an exception, every container alive is handed to the collector's oldest
    generation (``gc.freeze()`` then ``gc.unfreeze()``, two list splices), so that the first
    collection after the block does not walk the millions of them to find no cycle. Not done
    when something else froze objects (``gc.get_freeze_count()``): unfreezing would hand them
    back too.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if long_lived and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
    finally:
        if was_enabled:
            gc.enable()
