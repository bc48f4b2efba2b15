"""Running a workflow operation again when it met a conflict.

Two writers that change the same record at once cannot both win: the store refuses the later one
with :class:`~casedu.errors.ConflictError` and writes nothing of it. Such an operation can simply
be run again on the new state, which is what :func:`retry` does, a few times, with a short and
growing random wait so that writers do not collide again in step.

>>> import datetime as dt
>>> from casedu.sample import sample_dataset
>>> from casedu.services import MemoryStore, PasswordHasher, Workflow
>>> flow = Workflow(MemoryStore(sample_dataset()), hasher=PasswordHasher(n=2**4))
>>> _ = flow.bootstrap_institute_admin("DEMO")
>>> admin = flow.login("DEMO", "DEMO654321")
>>> admin = flow.change_password(admin, "DEMO654321", "a-Better-one-2026")
>>> retry(flow.edit_summary)(admin, 2026, total_person_times=320).total_person_times
320
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from casedu.errors import ConflictError

__all__ = ["retry"]

P = ParamSpec("P")
R = TypeVar("R")


def retry(operation: Callable[P, R], attempts: int = 5,
          longest_wait: float | None = None) -> Callable[P, R]:
    """``operation``, made to run again (up to ``attempts`` times in all) while it raises
    :class:`ConflictError`; the last conflict is raised when every attempt met one. Any other
    error is raised at once: a refusal or a state error does not go away by trying. The random
    wait between attempts doubles each time, up to ``longest_wait`` seconds when given."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")

    @functools.wraps(operation)
    def again(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, attempts + 1):
            try:
                return operation(*args, **kwargs)
            except ConflictError:
                if attempt == attempts:
                    raise
                wait = 0.005 * 2**attempt
                time.sleep(random.uniform(0, wait if longest_wait is None
                                          else min(wait, longest_wait)))
        raise AssertionError("unreachable")  # pragma: no cover

    return again
