"""The year's hours summed by SQLite itself, for workspaces at academy scale.

Hours are stored as decimal text. They are summed exactly as scaled integers: the workspace's
largest number of decimals ``k`` is found first, every value becomes ``round(value × 10^k)``
(exact for ``k`` ≤ 6 and values below 10^9), and the sums are turned back into decimals.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from decimal import Decimal
from typing import Any

from casedu.metrics.hours import PersonYear, SingleTraining, Source, YearHours
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import ZERO

__all__ = ["MAX_PLACES", "sql_year_hours"]

#: Beyond this many decimals the scaled integers are not exact: the caller sums in Python.
MAX_PLACES = 6

_PLACES = """SELECT MAX(CASE WHEN instr({col}, '.') > 0
                    THEN length({col}) - instr({col}, '.') ELSE 0 END) FROM {table}"""

_PLANS = """
SELECT p.id AS id, COALESCE(i.name, p.name) AS name,
       COALESCE(i.start, p.start) AS start, COALESCE(i."end", p."end") AS "end",
       COALESCE(i.hours, p.hours) AS hours
FROM plans p LEFT JOIN implementations i ON i.plan = p.id"""


def places(db: sqlite3.Connection) -> int:
    """The most decimals any hours value of the workspace has."""
    found = 0
    for table, column in (("plans", "hours"), ("implementations", "hours"),
                          ("external_learning", "hours"), ("online_learning", "hours")):
        value = db.execute(_PLACES.format(table=table, col=column)).fetchone()[0]
        found = max(found, value or 0)
    return found


def sql_year_hours(db: sqlite3.Connection, year: int, *, policy: Policy = DEFAULT_POLICY,
                   k: int) -> YearHours:
    """Everybody's hours of ``year``. Each person's ``singles`` are those over the backbone
    threshold; ``longest`` gives the longest single training."""
    scale = 10**k
    unit = Decimal(1).scaleb(-k)
    date = "start" if policy.year_basis is YearBasis.START else '"end"'
    low, high = f"{year:04d}-01-01", f"{year:04d}-12-31"
    threshold = int(policy.backbone_single_hours * scale)

    def scaled(column: str) -> str:
        return f"CAST(ROUND(CAST({column} AS REAL) * {scale}) AS INTEGER)"

    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # class, ext, online, max
    long: dict[str, list[SingleTraining]] = defaultdict(list)

    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA cache_size = -262144")  # 256 MiB of page cache for the scans
    plans = f"SELECT * FROM ({_PLANS}) WHERE {date} BETWEEN ? AND ?"
    rows = db.execute(f"""
        SELECT a.person, SUM({scaled('y.hours')}), MAX({scaled('y.hours')})
        FROM attendance a JOIN ({plans}) y ON y.id = a.plan
        WHERE a.status = 'confirmed' GROUP BY a.person""", (low, high))
    _add(totals, rows, 0)
    long_plans = f"SELECT * FROM ({plans}) WHERE {scaled('hours')} > ?"
    rows = db.execute(f"""
        SELECT a.person, y.id, y.name, y.start, y."end", {scaled('y.hours')}
        FROM ({long_plans}) y JOIN attendance a ON a.plan = y.id
        WHERE a.status = 'confirmed'""", (low, high, threshold))
    _long(long, rows, Source.CLASS, unit)

    external = f"FROM external_learning WHERE status = 'approved' AND {date} BETWEEN ? AND ?"
    rows = db.execute(f"SELECT person, SUM({scaled('hours')}), MAX({scaled('hours')}) "
                      f"{external} GROUP BY person", (low, high))
    _add(totals, rows, 1)
    rows = db.execute(f"SELECT person, id, title, start, \"end\", {scaled('hours')} AS h "
                      f"{external} AND h > ?", (low, high, threshold))
    _long(long, rows, Source.EXTERNAL, unit)

    # Each person's courses of the year, summed once into a temporary table.
    db.execute("DROP TABLE IF EXISTS temp.year_courses")
    db.execute(f"""
        CREATE TEMP TABLE year_courses AS
        SELECT person, course, MIN(date) AS first, MAX(date) AS last,
               COALESCE(MAX(title), course) AS title, SUM({scaled('hours')}) AS h
        FROM online_learning WHERE date BETWEEN ? AND ? GROUP BY person, course""",
               (low, high))
    _add(totals, db.execute("SELECT person, SUM(h), MAX(h) FROM year_courses GROUP BY person"),
         2)
    rows = db.execute("SELECT person, course, title, first, last, h FROM year_courses "
                      "WHERE h > ?", (threshold,))
    _long(long, rows, Source.ONLINE, unit)
    db.execute("DROP TABLE temp.year_courses")

    by_person = {}
    for person, (class_h, external_h, online_h, longest) in totals.items():
        singles = tuple(
            s if isinstance(s.start, dt.date) else s._replace(
                start=dt.date.fromisoformat(s.start), end=dt.date.fromisoformat(s.end))
            for s in long.get(person, ()))
        by_person[person] = PersonYear(
            person=person, year=year, class_hours=Decimal(class_h) * unit,
            external_hours=Decimal(external_h) * unit, online_hours=Decimal(online_h) * unit,
            singles=singles, longest=Decimal(longest) * unit if longest else ZERO)
    return YearHours(year=year, policy=policy, by_person=by_person)


def _add(totals: dict[str, list[int]], rows: Any, source: int) -> None:
    for person, total, longest in rows:
        entry = totals[person]
        entry[source] = total
        entry[3] = max(entry[3], longest)


def _long(long: dict[str, list[SingleTraining]], rows: Any, source: Source,
          unit: Decimal) -> None:
    for person, key, title, start, end, hours in rows:
        long[person].append(SingleTraining(source, key, title, start, end,
                                           Decimal(hours) * unit))
