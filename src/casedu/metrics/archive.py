"""A person's learning archive (学习档案): every record of theirs, credited or not, by year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from casedu.errors import expect
from casedu.metrics.hours import Source, course_hours, plan_year
from casedu.model import Dataset, Person
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import ZERO
from casedu.results import Records, notebook_html, short_repr, wide_frame

if TYPE_CHECKING:
    import pandas

__all__ = ["ArchiveEntry", "LearningArchive", "learning_archive"]


@attrs.frozen(kw_only=True)
class ArchiveEntry:
    """One record of the archive. ``credited`` is False for attendance not confirmed and external
    learning pending or rejected; ``status`` says which."""

    year: int
    source: Source
    key: str
    title: str
    start: dt.date
    end: dt.date
    hours: Decimal
    credited: bool
    status: str


@attrs.frozen(kw_only=True, repr=False)
class LearningArchive(Records):
    """学习档案 of one person: entries by date, and the credited hours of each year."""

    person: Person
    department: str
    entries: tuple[ArchiveEntry, ...]

    categories: ClassVar[tuple[str, ...]] = ("source", "status")

    def to_records(self) -> list[dict[str, Any]]:
        """Every entry: year, source, key, title, start, end, hours, credited, status."""
        return [{**attrs.asdict(e), "source": e.source.value} for e in self.entries]

    def _wide_frame(self) -> pandas.DataFrame:
        """One row, the person's; a column a year, oldest first: the credited hours."""
        return wide_frame({"person": [self.person.id], "name": [self.person.name],
                           "department": [self.department]},
                          {year: [self.total(year)] for year in sorted(self.years())})

    def __repr__(self) -> str:
        return short_repr("LearningArchive", person=self.person.id, name=self.person.name,
                          entries=len(self.entries), years=self.years())

    def _repr_html_(self) -> str:
        return notebook_html(self)

    def years(self) -> tuple[int, ...]:
        """The years the archive has entries in, newest first."""
        return tuple(sorted({e.year for e in self.entries}, reverse=True))

    def total(self, year: int) -> Decimal:
        """The credited hours of ``year`` (R2)."""
        return sum((e.hours for e in self.entries if e.year == year and e.credited), ZERO)

    def of_year(self, year: int) -> tuple[ArchiveEntry, ...]:
        """The entries of ``year``."""
        return tuple(e for e in self.entries if e.year == year)


def learning_archive(
    dataset: Dataset, person_id: str, *, policy: Policy = DEFAULT_POLICY
) -> LearningArchive:
    """Every learning record of one person, credited or not, with its statistics year."""
    expect("dataset", dataset, Dataset, what="a casedu Dataset")
    expect("person_id", person_id, str, what="a person's id")
    person = dataset.person(person_id)
    entries: list[ArchiveEntry] = []
    for attendance in dataset.attendance:
        if attendance.person != person_id:
            continue
        plan = dataset.plan_by_id[attendance.plan]
        entries.append(ArchiveEntry(
            year=plan_year(plan, policy), source=Source.CLASS, key=plan.id,
            title=plan.figures.name, start=plan.actual_start, end=plan.actual_end,
            hours=plan.class_hours, credited=attendance.confirmed,
            status="已确认" if attendance.confirmed else "未确认",
        ))
    for record in dataset.external_learning:
        if record.person != person_id:
            continue
        entries.append(ArchiveEntry(
            year=policy.year_of(record.start, record.end), source=Source.EXTERNAL, key=record.id,
            title=f"{record.category}：{record.title}", start=record.start, end=record.end,
            hours=record.hours, credited=record.approved,
            status=_EXTERNAL_STATUS[record.status.value],
        ))
    # (course, year) -> [seconds, first, last, title] of the xAPI sessions
    sessions: dict[tuple[str, int], list[Any]] = {}
    for online in dataset.online_learning:
        if online.person != person_id:
            continue
        if online.seconds is not None:  # a course's sessions of a year are one value (R3)
            found = sessions.get((online.course, online.date.year))
            if found is None:
                sessions[online.course, online.date.year] = [
                    online.seconds, online.date, online.date, online.title or online.course]
            else:
                found[0] += online.seconds
                found[1], found[2] = min(found[1], online.date), max(found[2], online.date)
            continue
        entries.append(ArchiveEntry(
            year=online.date.year, source=Source.ONLINE, key=online.course,
            title=online.title or online.course, start=online.date, end=online.date,
            hours=online.hours, credited=True, status="已记录",
        ))
    for (course, year), (seconds, first, last, title) in sessions.items():
        entries.append(ArchiveEntry(
            year=year, source=Source.ONLINE, key=course, title=title, start=first, end=last,
            hours=course_hours(ZERO, seconds), credited=True, status="已记录",
        ))
    entries.sort(key=lambda e: (e.start, e.source.value, e.key))
    return LearningArchive(person=person, department=dataset.department_name(person.department),
                           entries=tuple(entries))


_EXTERNAL_STATUS = {"pending": "待审核", "approved": "已通过", "rejected": "未通过"}
