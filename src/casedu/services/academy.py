"""The academy's view (院级管理员): every institute's year in one roll-up, and what stops the
academy's year (who has not submitted, whose submitted summary no longer matches its data).

:func:`academy_rollup` and :func:`check_academy` read a dataset or a store, as the library's
other figures do, for a program with no session; :class:`AcademyOperations` gives them to the
academy admin, authorized (``view_academy``) and refused to every other role.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from casedu.errors import expect
from casedu.metrics import YearHours
from casedu.metrics.rollup import AcademyRollup, RollupStatus
from casedu.metrics.rollup import academy_rollup as rollup_of
from casedu.metrics.rollup_check import AcademyFinding
from casedu.metrics.rollup_check import check_academy as check_of
from casedu.model import Dataset
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.services.authorization import Actor, Target
from casedu.services.base import WorkflowBase
from casedu.services.store import Store

__all__ = ["AcademyOperations", "academy_rollup", "check_academy", "figures_data"]


def figures_data(source: Dataset | Store, year: int,
                 policy: Policy = DEFAULT_POLICY) -> tuple[Dataset, YearHours | None]:
    """The data the academy's figures read: a dataset as it is; a store's roster and the hours
    it sums itself (a SQL store's database)."""
    if isinstance(source, Dataset):
        return source, None
    if isinstance(source, Store):
        # the figures read the hours alone: one row a person, no single training
        return source.roster(), source.year_hours(year, policy=policy, singles=False)
    expect("source", source, Dataset, what="a Dataset or a store (casedu.store.open_store)")
    raise AssertionError  # expect raised


def academy_rollup(source: Dataset | Store, year: int, *, policy: Policy = DEFAULT_POLICY,
                   status: Iterable[RollupStatus | str] | None = None,
                   below: Decimal | str | None = None,
                   rate: str = "completion_rate") -> AcademyRollup:
    """继续教育与培训工作汇总 of ``year``, from a dataset or a store (the library, with no
    session: the portal authorizes through :meth:`AcademyOperations.academy_rollup`). The
    filters are :func:`casedu.metrics.rollup.academy_rollup`'s.

    >>> from casedu.sample import sample_dataset
    >>> from casedu.services import MemoryStore
    >>> academy_rollup(MemoryStore(sample_dataset()), 2026).totals.institutes
    1
    """
    dataset, hours = figures_data(source, year, policy)
    return rollup_of(dataset, year, policy=policy, hours=hours, status=status, below=below,
                     rate=rate)


def check_academy(source: Dataset | Store, year: int, *,
                  policy: Policy = DEFAULT_POLICY) -> tuple[AcademyFinding, ...]:
    """What stops the academy's year: the institutes that have not submitted, and those whose
    submitted summary no longer matches its data."""
    dataset, hours = figures_data(source, year, policy)
    return check_of(dataset, year, policy=policy, hours=hours)


class AcademyOperations(WorkflowBase):
    """院级汇总: the academy admin's reads of every institute."""

    def academy_rollup(self, actor: Actor, year: int, **filters: Any) -> AcademyRollup:
        """The roll-up of ``year`` for the academy admin (``view_academy``); the filters of
        :func:`academy_rollup`."""
        self._academy(actor, year)
        return academy_rollup(self.store, year, policy=self.policy, **filters)

    def check_academy(self, actor: Actor, year: int) -> tuple[AcademyFinding, ...]:
        """The academy's check of ``year`` (``view_academy``)."""
        self._academy(actor, year)
        return check_academy(self.store, year, policy=self.policy)

    def _academy(self, actor: Actor, year: int) -> None:
        expect("year", year, int, what="a year such as 2026")
        self._read(actor, "view_academy", Target(institute=actor.grant.institute,
                                                 label=f"academy {year}"))
