"""The progress of long work, told to whoever listens: the command line's bars, or nobody.

The library marks its long loops with :func:`task` (a piece of work, with its size when it is
known) and :func:`advance` (so much of it done); a listener installed by :func:`listening`
makes a bar of each task. Without a listener, as in a library call, a web request, a pipe or
``casedu --quiet``, a task is a context variable's lookup and shows nothing. The command line
listens with tqdm, on a terminal only (:mod:`casedu.cli.progress`).

>>> shown = []
>>> class Bar:
...     def __init__(self, label, total, unit):
...         shown.append([label, total, unit, 0])
...     def update(self, count):
...         shown[-1][3] += count
...     def close(self):
...         shown[-1].append("closed")
>>> with listening(Bar), task("writing", total=3, unit="rows"):
...     advance(2)
...     advance()
>>> shown
[['writing', 3, 'rows', 3, 'closed']]
>>> with task("nobody listens"):
...     advance(5)
>>> len(shown)
1
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Protocol

__all__ = ["Bar", "Listener", "advance", "listening", "task"]


class Bar(Protocol):
    """What a listener makes of a task (tqdm's bars are such)."""

    def update(self, count: int) -> object:
        """``count`` more units done."""
        ...

    def close(self) -> None:
        """The task is over (done, or given up by an error)."""
        ...


#: Makes the bar of a task from its label, its size (None: not known) and its unit.
Listener = Callable[[str, int | None, str], Bar]

_LISTENER: ContextVar[Listener | None] = ContextVar("casedu_progress_listener", default=None)
_BAR: ContextVar[Bar | None] = ContextVar("casedu_progress_bar", default=None)


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Show the tasks begun inside the block through ``listener``."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


@contextlib.contextmanager
def task(label: str, total: int | None = None, unit: str = "rows") -> Iterator[None]:
    """A piece of work of ``total`` units (None: not known up front); :func:`advance` inside
    the block moves its bar. A task begun inside another has a bar of its own."""
    listener = _LISTENER.get()
    if listener is None:
        yield
        return
    bar = listener(label, total, unit)
    token = _BAR.set(bar)
    try:
        yield
    finally:
        _BAR.reset(token)
        bar.close()


def advance(count: int = 1) -> None:
    """``count`` more units of the innermost task done (nothing when nobody listens)."""
    bar = _BAR.get()
    if bar is not None and count:
        bar.update(count)
