"""An approval (审核通过) costs the statements it needs and no more, on every engine: the look
that finds the record with its person and the account, the record read again under its lock,
its update, its hours added to its person's sums in place, the audit event. Counted through
SQLAlchemy's events, so that a statement added to the path shows here."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from casedu.model import ExternalStatus, Role
from casedu.services import Actor, Workflow
from casedu.store.tables import SUM_COLUMNS
from casedu.store.year_sums import sums_select
from tests.engines import ENGINES, new_store
from tests.services.world import HASHER, NOW, accounts, world_dataset

pytestmark = pytest.mark.parametrize("kind", ENGINES)

#: What an approval sends, in order (SQLite's transactions begin by a statement of their own,
#: not counted).
EXPECTED = ["SELECT external_learning+people", "SELECT accounts",
            "SELECT external_learning+people FOR UPDATE", "UPDATE external_learning",
            "INSERT year_sums", "INSERT audit_events"]


def _kind_of(statement: str, prefix: str) -> str:
    words = " ".join(statement.split()).replace(prefix, "")
    verb = words.split()[0]
    if verb == "SELECT":
        table = words.split(" FROM ", 1)[1].split()[0]
        joined = "+people" if "JOIN people" in words else ""
        locked = " FOR UPDATE" if "FOR UPDATE" in words else ""
        return f"SELECT {table}{joined}{locked}"
    if verb == "UPDATE":
        return f"UPDATE {words.split()[1]}"
    if verb == "INSERT":
        return f"INSERT {words.split()[2]}"
    return words


def test_an_approval_sends_what_it_needs(kind, tmp_path):
    with new_store(kind, tmp_path) as store:
        store.replace_all(world_dataset(), accounts=accounts())
        flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
        admin = next(a for a in accounts() if a.username == "IOP")
        flow.approve_external(Actor(admin, Role.INSTITUTE_ADMIN), "E2")  # opens connections
        sent, ends = [], []

        def statement(conn, cursor, text, parameters, context, executemany):
            sent.append(text)

        sa.event.listen(store.engine, "before_cursor_execute", statement)
        sa.event.listen(store.engine, "commit", lambda conn: ends.append("commit"))
        try:
            approved = flow.approve_external(Actor(admin, Role.INSTITUTE_ADMIN), "E1")
        finally:
            sa.event.remove(store.engine, "before_cursor_execute", statement)
        prefix = store.tables.prefix
        kinds = [_kind_of(s.replace('"', "").replace("`", ""), prefix) for s in sent
                 if not s.lstrip().upper().startswith("BEGIN")]
        expected = list(EXPECTED)
        if kind == "sqlite":  # in process: a read a record; the writer holds the whole file
            expected[:3] = ["SELECT external_learning", "SELECT people", "SELECT accounts",
                            "SELECT external_learning"]
        assert kinds == expected
        assert ends == ["commit"]  # the look's reads are never committed, the write once
        assert approved.status is ExternalStatus.APPROVED
        # the sums added to in place are the person's records summed again
        sums = store.tables["year_sums"]
        names = ["person", "year", "basis", *SUM_COLUMNS]
        with store.engine.connect() as conn:
            kept = set(conn.execute(sa.select(*(sums.c[n] for n in names))).all())
            again = set(conn.execute(sums_select(store.tables)).all())
        assert kept == again
        assert {row[0] for row in kept} >= {"s1", "s2"}
