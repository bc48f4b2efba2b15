"""The year's hours summed by the database itself (GROUP BY), one expression for every engine.

Hours are exact in every engine (NUMERIC in PostgreSQL and MariaDB, scaled integers in SQLite;
see :mod:`casedu.store.tables`), so ``SUM`` and ``MAX`` are exact and the answer equals the
figures summed in Python over the same records (a property test runs it on all three engines).
Only the single trainings over the backbone threshold come back one by one.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from casedu.metrics.hours import PersonYear, SingleTraining, Source, YearHours
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import ZERO
from casedu.store.tables import Hours, HourSums, Tables

__all__ = ["sql_year_hours"]


def sql_year_hours(conn: sa.Connection, tables: Tables, year: int, *,
                   policy: Policy = DEFAULT_POLICY, institute: str | None = None) -> YearHours:
    """Everybody's hours of ``year`` (only the people of ``institute``, when given). Each
    person's ``singles`` are those over the backbone threshold; ``longest`` gives the longest
    single training."""
    import datetime as dt

    low, high = dt.date(year, 1, 1), dt.date(year, 12, 31)
    threshold = sa.literal(policy.backbone_single_hours, Hours())
    basis = "start" if policy.year_basis is YearBasis.START else "end"
    people, plans, implementations = tables["people"], tables["plans"], tables["implementations"]
    attendance, external, online = (tables["attendance"], tables["external_learning"],
                                    tables["online_learning"])

    def of_institute(column: Any) -> Any:
        if institute is None:
            return sa.true()
        return column.in_(sa.select(people.c.id).where(people.c.institute == institute))

    def total(column: Any) -> Any:
        return sa.func.sum(column, type_=HourSums())

    def largest(column: Any) -> Any:
        return sa.func.max(column, type_=HourSums())

    # a class as it was held: the implementation's figures over the plan's
    held = sa.select(
        plans.c.id,
        sa.func.coalesce(implementations.c.name, plans.c.name).label("name"),
        sa.func.coalesce(implementations.c.start, plans.c.start).label("start"),
        sa.func.coalesce(implementations.c.end, plans.c.end).label("end"),
        sa.func.coalesce(implementations.c.hours, plans.c.hours, type_=Hours()).label("hours"),
    ).select_from(plans.outerjoin(implementations, implementations.c.plan == plans.c.id)) \
        .subquery("held")
    classes = sa.select(attendance.c.person, held).join(held, held.c.id == attendance.c.plan) \
        .where(attendance.c.status == "confirmed", held.c[basis].between(low, high),
               of_institute(attendance.c.person)).subquery("classes")
    approved = sa.select(external).where(
        external.c.status == "approved", external.c[basis].between(low, high),
        of_institute(external.c.person)).subquery("approved")
    courses = sa.select(
        online.c.person, online.c.course,
        sa.func.min(online.c.date).label("first"), sa.func.max(online.c.date).label("last"),
        sa.func.coalesce(sa.func.max(online.c.title), online.c.course).label("title"),
        total(online.c.hours).label("hours"),
    ).where(online.c.date.between(low, high), of_institute(online.c.person)) \
        .group_by(online.c.person, online.c.course).subquery("courses")

    totals: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    long: dict[str, list[SingleTraining]] = defaultdict(list)
    for source, (query, key, title, start, end) in enumerate((
            (classes, "id", "name", "start", "end"),
            (approved, "id", "title", "start", "end"),
            (courses, "course", "title", "first", "last"))):
        # one pass a source: each person's total and longest ride on every row (a window), and
        # only the person's first row and the single trainings over the threshold come back
        by = query.c.person
        windowed = sa.select(
            query.c.person, query.c[key].label("key"), query.c[title].label("title"),
            query.c[start].label("first"), query.c[end].label("last"),
            sa.type_coerce(query.c.hours, HourSums()).label("hours"),
            total(query.c.hours).over(partition_by=by).label("total"),
            largest(query.c.hours).over(partition_by=by).label("longest"),
            sa.func.row_number().over(partition_by=by).label("n"),
        ).subquery("windowed")
        rows = sa.select(windowed).where((windowed.c.n == 1) | (windowed.c.hours > threshold))
        kind = (Source.CLASS, Source.EXTERNAL, Source.ONLINE)[source]
        for person, record, name, first, last, hours, summed, longest, _ in conn.execute(rows):
            entry = totals[person]
            entry[source] = summed
            entry[3] = max(entry[3], longest)
            if hours > policy.backbone_single_hours:
                long[person].append(SingleTraining(kind, record, name, first, last, hours))

    by_person = {
        person: PersonYear(person=person, year=year, class_hours=class_h,
                           external_hours=external_h, online_hours=online_h,
                           singles=tuple(long.get(person, ())), longest=longest)
        for person, (class_h, external_h, online_h, longest) in totals.items()}
    return YearHours(year=year, policy=policy, by_person=by_person)
