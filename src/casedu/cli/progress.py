"""The command line's progress bars: tqdm on standard error, on a terminal only.

The library tells the progress of its long work to a listener (:mod:`casedu.progress`); a
command listens while it runs when standard error is a terminal and ``-q``/``--quiet`` is not
given. In a pipe, a file or a cron job's mail nothing is written: no bar, no carriage return.
A bar is cleared when its task ends (``leave=False``), so the command's own lines stay as they
were.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from casedu.progress import Bar, listening

__all__ = ["progress_bars", "shows_progress"]


def shows_progress(quiet: bool) -> bool:
    """Whether a command shows bars: on a terminal and not ``--quiet``."""
    stream = sys.stderr
    return not quiet and stream is not None and stream.isatty()


@contextlib.contextmanager
def progress_bars(quiet: bool) -> Iterator[None]:
    """Show the tasks of the block as tqdm bars, or nothing (see :func:`shows_progress`)."""
    if not shows_progress(quiet):
        yield
        return
    with listening(_bar):
        yield


#: Seconds a task runs before its bar shows: a quick command prints no bar at all. tqdm's own
#: ``TQDM_DELAY`` (and its other ``TQDM_`` variables) set it otherwise.
DELAY = 0.5


def _bar(label: str, total: int | None, unit: str) -> Bar:
    from tqdm import tqdm

    delay = {} if "TQDM_DELAY" in os.environ else {"delay": DELAY}
    in_bytes = unit == "B"  # 12.3MB, and 1234 rows
    bar: Bar = tqdm(desc=label, total=total, unit=unit if in_bytes else f" {unit}",
                    unit_scale=in_bytes, file=sys.stderr, leave=False, dynamic_ncols=True,
                    **delay)
    return bar
