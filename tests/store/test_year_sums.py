"""The sums kept of each person's year (casedu.store.year_sums) always equal a recomputation from
the records: after random workflows of imports, attendance confirmed and undone, external
learning approved and rejected, plans implemented and edited, online records imported and
people removed, on every engine; and the year's hours read from them equal the in-memory
engine's, for everybody and for each institute, by either year basis."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedu.errors import CaseduError
from casedu.metrics import year_hours
from casedu.model import ExternalStatus, Role
from casedu.policy import Policy, YearBasis
from casedu.services import Workflow
from casedu.services.changes import Change
from casedu.store.tables import SUM_COLUMNS
from casedu.store.year_sums import sums_select
from tests.builders import attend, dataset, external, online, person, plan, session
from tests.engines import ENGINES, new_store
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset

pytestmark = pytest.mark.parametrize("kind", ENGINES)

D = dt.date
PLANS = ["P1", "P1i", "P2", "P2i"]
PEOPLE = ["s1", "s2", "a_dept", "p1", "p2"]
#: Days around the turn of the years, so that the year of the start and of the end differ.
DAYS = [D(2025, 12, 30), D(2026, 1, 2), D(2026, 6, 1), D(2026, 12, 31), D(2027, 1, 1)]
HOURS = [Decimal(h) for h in ("0", "0.5", "8", "40", "40.01", "64")]
SECONDS = [Decimal(s) for s in ("1", "17.999999", "18", "3600", "144000.5")]

operations = st.one_of(
    st.tuples(st.just("attend"), st.sampled_from(PLANS), st.sampled_from(PEOPLE)),
    st.tuples(st.just("undo"), st.sampled_from(PLANS), st.sampled_from(PEOPLE)),
    st.tuples(st.just("external"), st.sampled_from(PEOPLE), st.sampled_from(DAYS),
              st.integers(0, 3), st.sampled_from(HOURS), st.sampled_from(["approve", "reject",
                                                                           "leave"])),
    st.tuples(st.just("review"), st.sampled_from(["E1", "E2"]), st.booleans()),
    st.tuples(st.just("implement"), st.sampled_from(PLANS), st.sampled_from(DAYS),
              st.integers(0, 3), st.sampled_from(HOURS)),
    st.tuples(st.just("edit"), st.sampled_from(PLANS), st.sampled_from(DAYS),
              st.sampled_from(HOURS)),
    st.tuples(st.just("online"), st.sampled_from(PEOPLE), st.sampled_from(["c1", "c2"]),
              st.sampled_from(DAYS), st.sampled_from(HOURS), st.sampled_from([None, *SECONDS])),
    st.tuples(st.just("remove"), st.sampled_from(["p1", "p2"])),
)


def _world():
    data = world_dataset()
    return attrs.evolve(data, people=(*data.people, person("p1", department="IOP-D1"),
                                      person("p2", department="IOP-D2")))


_sessions = itertools.count()


def _run(flow, store, admin, step):
    kind = step[0]
    if kind == "attend":
        flow.add_attendees(admin, step[1], [step[2]], confirm=[step[2]])
    elif kind == "undo":
        flow.undo_confirmation(admin, step[1], [step[2]])
    elif kind == "external":
        _, who, start, days, hours, then = step
        made = flow.create_external(admin, who, category="学术会议", title="会议", start=start,
                                    end=start + dt.timedelta(days=days), hours=hours)
        if then == "approve":
            flow.approve_external(admin, made.id)
        elif then == "reject":
            flow.reject_external(admin, made.id, "不符")
    elif kind == "review":
        if step[2]:
            flow.approve_external(admin, step[1])
        else:
            flow.reject_external(admin, step[1], "不符")
    elif kind == "implement":
        _, plan, start, days, hours = step
        actual = {"start": start, "end": start + dt.timedelta(days=days), "hours": hours}
        if store.get("plans", (plan,)).implementation is None:
            flow.implement_plan(admin, plan, attendees=3, **actual)
        else:
            flow.edit_implementation(admin, plan, **actual)
    elif kind == "edit":
        flow.edit_plan(admin, step[1], start=step[2], end=step[2], hours=step[3])
    elif kind == "online":
        _, who, course, day, hours, seconds = step
        record = online(who, course, hours, date=day) if seconds is None else \
            session(who, course, seconds, date=day, statement=f"st-{next(_sessions)}")
        flow.import_online(admin, [record])
    elif kind == "remove":  # a person and every record of theirs, in one change
        who = step[1]
        changes = [Change(record, None) for section in (
            "attendance", "external_learning", "online_learning", "backbone_reports")
            for record in store.find(section, person=who)]
        found = store.get("people", (who,))
        if found is not None:
            store.commit([*changes, Change(found, None)], [])


def _kept(store):
    table = store.tables["year_sums"]
    names = ["person", "year", "basis", *SUM_COLUMNS]
    with store.engine.connect() as conn:
        kept = {tuple(row) for row in conn.execute(sa.select(*(table.c[n] for n in names)))}
        summed = {tuple(row) for row in conn.execute(sums_select(store.tables))}
    return kept, summed


def _same_hours(store):
    data = store.state().dataset
    for basis, year in itertools.product(YearBasis, (2025, 2026, 2027)):
        policy = Policy(year_basis=basis)
        memory = year_hours(data, year, policy=policy)
        for institute in (None, "IOP", "IOA"):
            sql = store.year_hours(year, policy=policy, institute=institute)
            # one row a person, no record read: the same hours and longest single training
            lean = store.year_hours(year, policy=policy, institute=institute, singles=False)
            people = [p.id for p in data.people if institute in (None, p.institute)]
            assert set(sql.by_person) <= set(people)
            assert set(lean.by_person) == set(sql.by_person)
            for who in people:
                mine = memory.of(who)
                for theirs in (sql.of(who), lean.of(who)):
                    assert (theirs.class_hours, theirs.external_hours, theirs.online_hours) \
                        == (mine.class_hours, mine.external_hours, mine.online_hours), who
                    assert theirs.has_singles == mine.has_singles, who
                    assert theirs.max_single_hours == mine.max_single_hours, who
                theirs = sql.of(who)
                over = policy.backbone_single_hours
                assert sorted((s.source.value, s.key, s.title, s.start, s.end, s.hours)
                              for s in theirs.singles_over(over)) == sorted(
                    (s.source.value, s.key, s.title, s.start, s.end, s.hours)
                    for s in mine.singles_over(over)), who


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(operations, min_size=1, max_size=12))
def test_the_sums_always_equal_the_records_summed_again(kind, tmp_path_factory, steps):
    with new_store(kind, tmp_path_factory.mktemp("ws")) as store:
        store.replace_all(_world(), accounts=accounts())
        flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
        admin = actor_of(flow, Role.INSTITUTE_ADMIN)
        kept, summed = _kept(store)
        assert kept == summed and kept
        for step in steps:
            with contextlib.suppress(CaseduError):  # refused: nothing written
                _run(flow, store, admin, step)
            kept, summed = _kept(store)
            assert kept == summed, step
        _same_hours(store)


def test_a_record_written_beside_casedu_is_found_and_summed_again(kind, tmp_path):
    """What the sums trust: every change goes through casedu. A record changed beside it (a
    valid value) leaves its person's sums behind; ``stale_sums`` (check-store) names the
    person, and ``sum_again`` brings the sums to the records."""
    with new_store(kind, tmp_path) as store:
        store.replace_all(_world(), accounts=accounts())
        assert store.stale_sums() == []
        table = store.tables["external_learning"]
        with store.engine.begin() as conn:
            conn.execute(table.update().where(table.c.id == "E2").values(status="approved"))
        assert store.stale_sums() == ["s2"]
        assert store.year_hours(2026).of("s2").external_hours == 101  # the sums as kept
        store.sum_again()
        assert store.stale_sums() == []
        assert store.year_hours(2026).of("s2").external_hours == 106
        sums = store.tables["year_sums"]
        with store.engine.begin() as conn:  # a row of the sums removed by hand
            conn.execute(sums.delete().where(sums.c.person == "s1"))
        assert store.stale_sums() == ["s1"]


def test_a_persons_sums_by_the_year_of_the_start_and_of_the_end(kind, tmp_path):
    """Each record in the year of its start and the year of its end, worked out by hand: a
    class and an external record across the turn of a year, the same online course in two
    years, xAPI seconds rounded once for the course; what is not confirmed or not approved
    counted nowhere, a person without records without a row."""
    data = dataset(
        people=[person("a"), person("b")],
        plans=[plan("P1", hours=40, start=D(2025, 12, 29), end=D(2026, 1, 2)),
               plan("P2", hours=8, start=D(2026, 3, 2)),
               plan("P3", hours=16, start=D(2026, 4, 1))],
        attendance=[attend("P1", "a"), attend("P2", "a"), attend("P3", "a", confirmed=False)],
        external_learning=[
            external("E1", "a", 24, start=D(2026, 12, 30), end=D(2027, 1, 3)),
            external("E2", "a", 6),
            external("E3", "a", 50, status=ExternalStatus.PENDING)],
        online_learning=[
            online("a", "c1", "1.5", date=D(2025, 12, 31)),
            online("a", "c1", 2, date=D(2026, 1, 2)), online("a", "c1", 3, date=D(2026, 2, 1)),
            session("a", "c2", 5400, date=D(2026, 3, 1), statement="s1"),
            session("a", "c2", "1800.5", date=D(2026, 3, 2), statement="s2")])
    expected = {  # (year, basis): class, external, online hours; their longest
        (2025, "start"): (40, 0, "1.5", 40, 0, "1.5"),
        (2026, "start"): (8, 30, 7, 8, 24, 5),
        (2025, "end"): (0, 0, "1.5", 0, 0, "1.5"),
        (2026, "end"): (48, 6, 7, 40, 6, 5),
        (2027, "end"): (0, 24, 0, 0, 24, 0),
    }
    with new_store(kind, tmp_path) as store:
        store.replace_all(data)
        kept, summed = _kept(store)
    assert kept == summed
    assert {(who, year, basis): values for who, year, basis, *values in kept} == {
        ("a", year, basis): [Decimal(str(v)) for v in values]
        for (year, basis), values in expected.items()}
