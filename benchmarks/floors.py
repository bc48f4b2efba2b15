"""The floors of the database targets: the same figures by the shortest hand-written SQL, on the
engine's own driver (through SQLAlchemy's connection, with no statement building), each checked
to give casedu's figures before anything is timed.

- :func:`floor_hours`: every person's class, external and online hours of the year, one
  ``GROUP BY`` over the records (of all people, or starting from one institute's people).
- :func:`floor_approval`: an external-learning record approved by the four statements it
  needs in one transaction: the reviewer's account read, the record updated where it is still
  pending and its person is of the reviewer's institute, the person's sums of the year
  (``year_sums``) added to in place (one upsert of the rows of the year of its start and of
  its end), the audit event written.

The academy's online records have no xAPI sessions, so the floor sums their hours as given
(casedu also rounds the sessions' seconds of each course once: none here).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

__all__ = ["check_hours", "floor_approval", "floor_hours", "restore_approvals"]


def _names(store: Any) -> dict[str, str]:
    quote = store.engine.dialect.identifier_preparer
    return {name: quote.format_table(store.tables[name]) for name in (
        "people", "plans", "implementations", "attendance", "external_learning",
        "online_learning", "accounts", "audit_events")}


def _year(store: Any, year: int) -> dict[str, Any]:
    return {"low": dt.date(year, 1, 1).isoformat(), "high": dt.date(year, 12, 31).isoformat()}


def floor_hours(store: Any, year: int, institute: str | None = None
                ) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Every person's (class, external, online) hours of ``year`` who has any, of the people
    of ``institute`` when given (the query then starts from them)."""
    t = _names(store)
    quoted = store.engine.dialect.identifier_preparer.quote
    end, plan = quoted("end"), quoted("plan")
    if institute is None:
        who, on = "", ""
    else:
        who = f"JOIN {t['people']} pe ON pe.id = x.person AND pe.institute = :institute "
        on = who
    del end
    sql = f"""
        SELECT person, SUM(c), SUM(e), SUM(o) FROM (
          SELECT x.person AS person, COALESCE(i.hours, p.hours) AS c, 0 AS e, 0 AS o
            FROM {t['attendance']} x {on}
            JOIN {t['plans']} p ON p.id = x.{plan}
            LEFT JOIN {t['implementations']} i ON i.{plan} = p.id
           WHERE x.status = 'confirmed' AND COALESCE(i.start, p.start) BETWEEN :low AND :high
          UNION ALL
          SELECT x.person, 0, x.hours, 0 FROM {t['external_learning']} x {who}
           WHERE x.status = 'approved' AND x.start BETWEEN :low AND :high
          UNION ALL
          SELECT x.person, 0, 0, x.hours FROM {t['online_learning']} x {who}
           WHERE x.date BETWEEN :low AND :high
        ) hours GROUP BY person"""
    parameters = _year(store, year)
    if institute is not None:
        parameters["institute"] = institute
    scale = Decimal(10) ** 6 if store.dialect == "sqlite" else Decimal(1)
    with store.engine.connect() as conn:
        return {person: (Decimal(c) / scale, Decimal(e) / scale, Decimal(o) / scale)
                for person, c, e, o in conn.execute(sa.text(sql), parameters)}


def check_hours(floor: dict[str, tuple[Decimal, Decimal, Decimal]], hours: Any,
                people: list[str] | None = None) -> None:
    """casedu's year (a :class:`~casedu.metrics.hours.YearHours`) gives the floor's hours to
    every person (of ``people``, when given), or the benchmark stops."""
    zero = (Decimal(0),) * 3
    for person in people if people is not None else set(floor) | set(hours.by_person):
        year = hours.of(person)
        ours = (year.class_hours, year.external_hours, year.online_hours)
        if tuple(map(Decimal, ours)) != floor.get(person, zero):
            raise SystemExit(f"{person}: casedu's hours {ours} are not the floor's "
                             f"{floor.get(person, zero)}")


def _add_to_sums(store: Any) -> str:
    """The upsert that adds an approved external-learning record (parameter ``id``) to its
    person's sums of the year of its start and of its end, in the engine's own words."""
    t = _names(store)
    sums = store.engine.dialect.identifier_preparer.format_table(store.tables["year_sums"])
    quoted = store.engine.dialect.identifier_preparer.quote
    year = {"sqlite": "CAST(substr(x.{0}, 1, 4) AS INTEGER)",
            "postgresql": "CAST(EXTRACT(YEAR FROM x.{0}) AS INTEGER)"}.get(
        store.dialect, "YEAR(x.{0})")
    rows = " UNION ALL ".join(
        f"SELECT x.person, {year.format(quoted(basis))}, '{basis}', 0, x.hours, 0, 0, x.hours, 0 "
        f"FROM {t['external_learning']} x WHERE x.id = :id" for basis in ("start", "end"))
    columns = ("person, year, basis, class_hours, external_hours, online_hours, "
               "class_longest, external_longest, online_longest")
    if store.dialect in ("mysql", "mariadb"):
        return (f"INSERT INTO {sums} ({columns}) {rows} ON DUPLICATE KEY UPDATE "
                "external_hours = external_hours + VALUES(external_hours), "
                "external_longest = GREATEST(external_longest, VALUES(external_longest))")
    larger = "MAX" if store.dialect == "sqlite" else "GREATEST"
    return (f"INSERT INTO {sums} ({columns}) SELECT * FROM ({rows}) AS added WHERE true "
            f"ON CONFLICT (person, year, basis) DO UPDATE SET "
            f"external_hours = {sums}.external_hours + excluded.external_hours, "
            f"external_longest = {larger}({sums}.external_longest, excluded.external_longest)")


def floor_approval(store: Any, username: str, record: str, at: dt.datetime) -> None:
    """Approve ``record`` as ``username`` in four statements; refused (SystemExit) when the
    record is not pending or not of the account's institute."""
    t = _names(store)
    with store.engine.begin() as conn:
        account = conn.execute(sa.text(
            f"SELECT institute, grants FROM {t['accounts']} WHERE username = :u"),
            {"u": username}).first()
        if account is None or not json.loads(account.grants):
            raise SystemExit(f"no account {username}")
        done = conn.execute(sa.text(
            f"UPDATE {t['external_learning']} SET status = 'approved', reviewer = :u "
            f"WHERE id = :id AND status = 'pending' AND person IN "
            f"(SELECT id FROM {t['people']} WHERE institute = :institute)"),
            {"u": username, "id": record, "institute": account.institute})
        if done.rowcount != 1:
            raise SystemExit(f"{record} is not pending in {account.institute}")
        conn.execute(sa.text(_add_to_sums(store)), {"id": record})
        after = {"id": record, "status": "approved", "reviewer": username}
        conn.execute(sa.text(
            f"INSERT INTO {t['audit_events']} (at, actor, role, action, record, after, "
            f"institute, outcome) VALUES (:at, :u, 'institute_admin', 'review_external', "
            f":record, :after, :institute, 'done')"),
            {"at": at.isoformat(), "u": username, "record": f"external_learning {record}",
             "after": json.dumps(after), "institute": account.institute})


def restore_approvals(store: Any, records: list[str], events_after: int) -> None:
    """Put ``records`` back to pending, sum their people's years again and remove the audit
    events after row ``events_after`` (the benchmark's approvals), so that the store stays
    the academy."""
    from casedu.store.year_sums import refresh

    t = _names(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text(
            f"UPDATE {t['external_learning']} SET status = 'pending', reviewer = NULL, "
            f"review_note = NULL WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)), {"ids": records})
        conn.execute(sa.text(f"DELETE FROM {t['audit_events']} WHERE row_id > :n"),
                     {"n": events_after})
        people = conn.execute(sa.text(
            f"SELECT DISTINCT person FROM {t['external_learning']} WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)), {"ids": records}).scalars().all()
        refresh(conn, store.tables, people)


def last_event(store: Any) -> int:
    """The row id of the newest audit event (0: none)."""
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text(
            f"SELECT COALESCE(MAX(row_id), 0) FROM {_names(store)['audit_events']}")).scalar_one())
