"""An operation reads only what it touches: never the whole store (approving one record read
every record of every institute, 2 min 16 s on the academy's workspace)."""


import contextlib

import pytest

from casedu.errors import CaseduError
from casedu.model import Role
from casedu.policy import DEFAULT_POLICY
from casedu.services import MemoryStore, Workflow
from tests.services.test_permissions import CALLS, CASES
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset


class Spy(MemoryStore):
    """A store in memory that notes every read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.reads = []
        self.narrowed = []  # each year_hours read's singles, people and total_at_least

    def state(self):
        self.reads.append(("state",))
        return super().state()

    def get(self, section, key):
        self.reads.append(("get", section, key))
        return super().get(section, key)

    def find(self, section, /, **where):
        self.reads.append(("find", section, tuple(sorted(where.items()))))
        return super().find(section, **where)

    def institute_data(self, institute):
        self.reads.append(("institute_data", institute))
        return super().institute_data(institute)

    def ids(self, section, prefix):
        self.reads.append(("ids", section, prefix))
        return super().ids(section, prefix)

    def roster(self, institute=None):
        self.reads.append(("roster", institute))
        return super().roster(institute)

    def year_hours(self, year, *, policy=DEFAULT_POLICY, institute=None, singles=True,
                   **narrowed):
        self.reads.append(("year_hours", institute))
        self.narrowed.append({"singles": singles, **narrowed})
        return super().year_hours(year, policy=policy, institute=institute, singles=singles,
                                  **narrowed)

    def attendance_counts(self, plans):
        self.reads.append(("attendance_counts", tuple(plans)))
        return super().attendance_counts(plans)

    def pending_external(self, institute, **options):
        self.reads.append(("pending_external", institute))
        return super().pending_external(institute, **options)

    def events(self, *, institute=None):
        self.reads.append(("events", institute))
        return super().events(institute=institute)


def spied(role):
    store = Spy(world_dataset(), accounts())
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    actor = actor_of(flow, role)
    store.reads.clear()
    return flow, store, actor


@pytest.mark.parametrize(("operation", "role", "where"), CASES,
                         ids=[f"{o}-{r.value}-{w}" for o, r, w in CASES])
def test_no_operation_reads_the_whole_store(operation, role, where):
    flow, store, actor = spied(role)
    with contextlib.suppress(CaseduError):  # allowed or refused: the reads are looked at
        CALLS[operation](flow, actor, where)
    if operation == "view_academy" and role is Role.ACADEMY_ADMIN:
        # the academy's roll-up reads every institute's roster and hours: that is what it is
        # for; never the records themselves
        assert {r for r in store.reads if r[0] != "get"} == {("roster", None),
                                                             ("year_hours", None)}
        return
    assert ("state",) not in store.reads
    # what an operation reads of an institute in bulk is its own institute's, never another's
    own = actor.grant.institute
    assert {r[1] for r in store.reads if r[0] in (
        "institute_data", "events", "roster", "year_hours", "pending_external")} <= {own}
    assert all(dict(r[2]).get("institute", own) == own
               for r in store.reads if r[0] == "find")


def test_an_approval_reads_the_records_it_touches_and_nothing_else():
    flow, store, actor = spied(Role.INSTITUTE_ADMIN)
    flow.approve_external(actor, "E1")
    kinds = {read[:2] for read in store.reads}
    assert kinds <= {("get", "accounts"), ("get", "external_learning"), ("get", "people")}
    assert len(store.reads) <= 6, store.reads


YEAR_END = {
    "create_summary": lambda f, a: f.create_summary(a, 2026),
    "backbone_screen": lambda f, a: f.backbone_screen(a, 2026),
    "report_backbone": lambda f, a: f.report_backbone(a, 2026, []),
    "check": lambda f, a: f.check(a, 2026),
    "summary report": lambda f, a: f.report(a, "summary", 2026),
    "backbone report": lambda f, a: f.report(a, "backbone", 2026),
    "staff-overview report": lambda f, a: f.report(a, "staff-overview", 2026),
    "staff_overview": lambda f, a: f.staff_overview(a, 2026),
}


@pytest.mark.parametrize("operation", YEAR_END)
def test_the_figures_read_the_roster_and_the_years_sums_once(operation):
    """The year-end figures read the institute's roster and its people's sums of the year
    (summed by the database on a SQL store), never the institute's learning records."""
    flow, store, actor = spied(Role.INSTITUTE_ADMIN)
    YEAR_END[operation](flow, actor)
    bulk = [r for r in store.reads if r[0] in ("institute_data", "roster", "year_hours",
                                               "state")]
    assert bulk == [("roster", "IOP"), ("year_hours", "IOP")]


def test_the_class_statistics_read_the_institutes_plans():
    flow, store, actor = spied(Role.INSTITUTE_ADMIN)
    flow.report(actor, "class-stats", 2026)
    assert {r[:2] for r in store.reads} == {("get", "accounts"), ("get", "institutes"),
                                            ("find", "plans")}


def test_the_archive_report_reads_the_persons_share():
    flow, store, actor = spied(Role.INSTITUTE_ADMIN)
    flow.report(actor, "archive", 2026, person="s1")
    assert not [r for r in store.reads if r[0] in ("institute_data", "roster", "state")]


def test_the_year_end_pages_read_the_sums_they_show():
    """职工学习总体情况统计 reads its page's people's sums; 骨干人才筛选上报表 the sums of the
    people it can list without their single trainings, and the single trainings of its page's
    people only; 数据检查 the reported people's sums, without single trainings."""
    flow, store, actor = spied(Role.INSTITUTE_ADMIN)
    page = flow.overview_page(actor, 2026, limit=2, offset=1)
    assert store.narrowed == [{"singles": False, "people": [r.person.id for r in page.items]}]
    store.narrowed.clear()
    found = flow.backbone_page(actor, 2026, limit=1)
    shown = [c.person.id for c in found.page.items]
    assert shown and all(not n["singles"] for n in store.narrowed[:-1])
    assert store.narrowed[0] == {"singles": False, "total_at_least": 90}
    assert store.narrowed[-1] == {"singles": True, "people": shown}
    store.narrowed.clear()
    flow.backbone_page(actor, 2026, limit=1, offset=50)  # beyond the end: no single read
    assert all(not n["singles"] for n in store.narrowed)
    store.narrowed.clear()
    flow.check(actor, 2026)
    assert store.narrowed == [{"singles": False, "people": frozenset({"s2"})}]
