"""casedu's loggers: ``casedu`` and a child per area (docs/logging.md).

The library adds one handler of its own, a ``NullHandler`` on ``casedu``, when its first
logger is made: it prints nothing, and what a program does with the events is its own logging
configuration's choice. A module that logs takes its logger from here, so the handler is there
before any event.

>>> logger("store").name
'casedu.store'
"""

from __future__ import annotations

import logging

__all__ = ["ROOT", "logger"]

#: The logger of all of casedu.
ROOT = logging.getLogger("casedu")
ROOT.addHandler(logging.NullHandler())


def logger(area: str) -> logging.Logger:
    """The logger of one area of casedu (``store``, ``services``, ``exporters`` …)."""
    return ROOT.getChild(area)
