"""A whole dataset: every record of the model, with look-ups by id."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, TypeVar

import attrs

from casedu.errors import UnknownRecordError
from casedu.model.backbone import BackboneReport
from casedu.model.learning import Attendance, ExternalLearning, OnlineLearning
from casedu.model.organization import Department, Institute, Person
from casedu.model.plans import TrainingPlan
from casedu.model.summary import AnnualSummary
from casedu.results import notebook_html

__all__ = ["Dataset"]


def _as_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Records are kept as tuples, whatever iterable they were given as."""
    return tuple(items)

K = TypeVar("K")
V = TypeVar("V")


@attrs.frozen(kw_only=True, repr=False)
class Dataset:
    """Every record the statistics need, immutable.

    Build one with :func:`casedu.load_dataset` (checked) or directly (the caller vouches for the
    references). Look-ups by id are built on first use.
    """

    institutes: tuple[Institute, ...] = attrs.field(default=(), converter=_as_tuple)
    departments: tuple[Department, ...] = attrs.field(default=(), converter=_as_tuple)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_as_tuple)
    plans: tuple[TrainingPlan, ...] = attrs.field(default=(), converter=_as_tuple)
    attendance: tuple[Attendance, ...] = attrs.field(default=(), converter=_as_tuple)
    external_learning: tuple[ExternalLearning, ...] = attrs.field(default=(), converter=_as_tuple)
    online_learning: tuple[OnlineLearning, ...] = attrs.field(default=(), converter=_as_tuple)
    backbone_reports: tuple[BackboneReport, ...] = attrs.field(default=(), converter=_as_tuple)
    summaries: tuple[AnnualSummary, ...] = attrs.field(default=(), converter=_as_tuple)

    def __repr__(self) -> str:
        """How many records of each kind (the records themselves would fill the screen)."""
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in (
            "institutes", "departments", "people", "plans", "attendance", "external_learning",
            "online_learning", "backbone_reports", "summaries"))
        return f"Dataset({counts})"

    @cached_property
    def institute_by_code(self) -> dict[str, Institute]:
        """Institutes by code."""
        return {i.code: i for i in self.institutes}

    @cached_property
    def department_by_id(self) -> dict[str, Department]:
        """Departments by id."""
        return {d.id: d for d in self.departments}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        """People by id."""
        return {p.id: p for p in self.people}

    @cached_property
    def plan_by_id(self) -> dict[str, TrainingPlan]:
        """Plans by id."""
        return {p.id: p for p in self.plans}

    @cached_property
    def people_by_institute(self) -> dict[str, tuple[Person, ...]]:
        """Each institute's people, in dataset order."""
        return _group(self.people, lambda p: p.institute)

    @cached_property
    def plans_by_institute(self) -> dict[str, tuple[TrainingPlan, ...]]:
        """Each institute's plans, in dataset order."""
        return _group(self.plans, lambda p: p.institute)

    @cached_property
    def reports_by_institute_year(self) -> dict[tuple[str, int], tuple[BackboneReport, ...]]:
        """The backbone reports of each (institute, year)."""
        return _group(self.backbone_reports, lambda r: (r.institute, r.year))

    def _repr_html_(self) -> str:
        return notebook_html(self)

    def institute(self, code: str) -> Institute:
        """The institute with ``code``, or :class:`UnknownRecordError` naming the known codes."""
        try:
            return self.institute_by_code[code]
        except KeyError:
            known = ", ".join(sorted(self.institute_by_code)) or "none"
            raise UnknownRecordError(f"no institute {code!r} (known: {known})") from None

    def person(self, person_id: str) -> Person:
        """The person with ``person_id``, or :class:`UnknownRecordError`."""
        try:
            return self.person_by_id[person_id]
        except KeyError:
            raise UnknownRecordError(f"no person {person_id!r}") from None

    def department_name(self, department_id: str | None) -> str:
        """A department's name, or '' for none."""
        if department_id is None:
            return ""
        department = self.department_by_id.get(department_id)
        return department.name if department is not None else department_id

    def summary(self, institute: str, year: int) -> AnnualSummary | None:
        """The institute's summary of ``year``, if one exists."""
        return self._summaries.get((institute, year))

    @cached_property
    def _summaries(self) -> dict[tuple[str, int], AnnualSummary]:
        return {(s.institute, s.year): s for s in self.summaries}


def _group(items: Iterable[V], key: Callable[[V], K]) -> dict[K, tuple[V, ...]]:
    groups: dict[K, list[V]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return {k: tuple(v) for k, v in groups.items()}
