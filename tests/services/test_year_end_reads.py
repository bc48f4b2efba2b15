"""The reads the year-end pages are built from, the same on every store: an institute's roster,
its people's hours of the year, each plan's attendance counted by status, the external learning
of a year awaiting review; and the year-end figures built from them equal those built from the
whole data."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from casedu.errors import ArgumentError
from casedu.metrics import check_year, screen_backbone
from casedu.model import AttendanceStatus, ExternalStatus, Implementation, Role
from casedu.policy import Policy, YearBasis
from casedu.services import MemoryStore, Workflow
from casedu.services.reads import attendance_counts, pending_external, roster_data
from tests.builders import attend, external, online, person, plan
from tests.services.world import HASHER, accounts, actor_of, new_flow, world_dataset

ADDED, CONFIRMED = AttendanceStatus.ADDED, AttendanceStatus.CONFIRMED
END = Policy(year_basis=YearBasis.END)


def _data():
    """The world, with classes of several sizes and statuses and pending records on both sides
    of the year's first day."""
    data = world_dataset()
    people = [person(f"q{i}", department="IOP-D2" if i % 2 else "IOP-D1") for i in range(7)]
    plans = [plan("Pbig", hours=48, implementation=Implementation(attendees=7, staff=1)),
             plan("Pdraft", published=False),
             plan("Pold", start=dt.date(2025, 3, 2))]
    attendance = [attend("Pbig", p.id, confirmed=i != 3) for i, p in enumerate(people)]
    attendance += [attend("Pdraft", "q0"), attend("Pdraft", "q1", confirmed=False),
                   attend("Pold", "q2")]
    turn = [external(f"T{i}", "q4", 3, start=dt.date(2025, 12, 31), end=dt.date(2026, 1, 1),
                     status=ExternalStatus.PENDING) for i in range(2)]
    late = [external("T9", "q5", 3, start=dt.date(2026, 12, 31), end=dt.date(2027, 1, 2),
                     status=ExternalStatus.PENDING)]
    courses = [online("q0", "c1", 30), online("q0", "c1", 15, date=dt.date(2026, 7, 1)),
               online("q1", "c2", 50, date=dt.date(2025, 7, 1))]
    return attrs.evolve(
        data, people=(*data.people, *people), plans=(*data.plans, *plans),
        attendance=(*data.attendance, *attendance),
        external_learning=(*data.external_learning, *turn, *late),
        online_learning=(*data.online_learning, *courses))


def _store(data):
    from tests.services import world

    if world.STORE_KIND["kind"] == "memory":
        return MemoryStore(data, accounts())
    from tests.engines import reset

    _flow, store = new_flow()
    reset(store)
    store.replace_all(data, accounts=accounts())
    return store


@pytest.mark.usefixtures("store_kind")
def test_attendance_is_counted_by_plan_and_status_alike_on_every_store():
    data = _data()
    store = _store(data)
    plans = ["Pbig", "Pdraft", "Pold", "P1", "P1i", "nowhere"]
    found = store.attendance_counts(plans)
    assert found == attendance_counts(data, plans)
    # seven on the big class, the fourth not confirmed; a plan without any is left out
    assert found["Pbig"] == {CONFIRMED: 6, ADDED: 1}
    assert found["Pdraft"] == {CONFIRMED: 1, ADDED: 1}
    assert found["P1"] == {ADDED: 1}
    assert "P1i" not in found and "nowhere" not in found
    assert store.attendance_counts([]) == {} and store.attendance_counts(["\x00"]) == {}
    with pytest.raises(ArgumentError):
        store.attendance_counts("Pbig")


@pytest.mark.usefixtures("store_kind")
def test_the_pending_records_of_a_year_alike_on_every_store():
    data = _data()
    store = _store(data)
    for year, policy, wanted in ((2026, None, ["E1", "E2", "T9"]),
                                 (2025, None, ["T0", "T1"]),
                                 (2026, END, ["E1", "E2", "T0", "T1"]),
                                 (2027, END, ["T9"]), (2024, None, [])):
        options = {"year": year} | ({"policy": policy} if policy else {})
        records, total = store.pending_external("IOP", **options)
        assert (records, total) == pending_external(data, "IOP", **options)
        assert [r.id for r, _ in records] == wanted and total == len(wanted)
        assert store.pending_external("IOP", limit=0, **options) == ([], len(wanted))
    assert store.pending_external("IOP", department="IOP-D1", year=2025)[1] == 2  # q4's
    assert store.pending_external("IOP", department="IOP-D2", year=2025)[1] == 0
    with pytest.raises(ArgumentError):
        store.pending_external("IOP", year="2026")


@pytest.mark.usefixtures("store_kind")
def test_the_roster_and_the_years_hours_alike_on_every_store():
    data = _data()
    store = _store(data)
    for code in ("IOP", "IOA", "nowhere", None):
        assert store.roster(code) == roster_data(data, code)
    roster = store.roster("IOP")
    assert roster.attendance == roster.external_learning == roster.online_learning == ()
    assert {i.code for i in roster.institutes} == {"IOP", "IOA", "CAS"}  # every institute
    assert {p.institute for p in roster.people} == {"IOP"}
    hours = store.year_hours(2026, institute="IOP")
    whole = MemoryStore(data).year_hours(2026)
    assert set(hours.by_person) <= {p.id for p in roster.people}
    for p in roster.people:
        mine = hours.of(p.id)
        assert (mine.total, mine.max_single_hours) == (whole.of(p.id).total,
                                                        whole.of(p.id).max_single_hours)
    # q0: the big class (48 h), the draft's (32 h: a confirmation credits its hours, and the
    # check reports it) and c1's two records of the year (30 + 15, one single training)
    assert hours.of("q0").total == 48 + 32 + 45 and hours.of("q0").max_single_hours == 48
    assert hours.of("q1").total == 48  # c2 was in 2025
    assert store.year_hours(2026, institute="nowhere").by_person == {}


@pytest.mark.usefixtures("store_kind")
@pytest.mark.parametrize("today", [dt.date(2026, 1, 1), dt.date(2026, 12, 20)])
def test_the_year_end_figures_from_the_stores_reads_are_those_of_the_whole_data(today):
    """数据检查 and 骨干人才筛选上报表 read the roster, the sums and the counts; the same
    findings and the same screen as from every record."""
    data = _data()
    flow = Workflow(_store(data), clock=lambda: dt.datetime.combine(today, dt.time(9), dt.UTC),
                    hasher=HASHER)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    found = flow.check(admin, 2026)
    assert found == check_year(data, "IOP", 2026, today=today)
    codes = [f.code for f in found]
    assert {"attendance-in-draft", "attendance-not-confirmed", "external-pending"} <= set(codes)
    assert next(f for f in found if f.code == "external-pending").message.startswith("3 ")
    screen = flow.backbone_screen(admin, 2026)
    whole = screen_backbone(data, "IOP", 2026)
    assert [c.to_record() for c in screen.eligible] == [c.to_record() for c in whole.eligible]
    assert screen.reported_count == whole.reported_count
