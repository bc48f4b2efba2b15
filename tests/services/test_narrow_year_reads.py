"""The year-end pages read only what they show: a page of people's sums (职工学习总体情况统计),
the sums of the people the backbone screen can list with the single trainings of its page
only (骨干人才筛选上报表), the reported people's sums without single trainings (数据检查). On
every store, each gives what the full computation from every record gives: the same people,
hours, verdicts, reasons and single trainings, at the thresholds and around them, for an
empty institute, a last page that is partial and a page beyond the end."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import attrs
import pytest

from casedu.errors import ArgumentError, WorkflowError
from casedu.metrics import annual_figures, check_year, screen_backbone, staff_overview
from casedu.metrics.rollup import plan_counts
from casedu.model import Account, AnnualSummary, BackboneReport, Role, RoleGrant, SummaryStatus
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.services import Actor, MemoryStore, Workflow
from casedu.services.changes import Change
from casedu.services.reads import institute_hours
from tests.builders import attend, external, online, person, plan
from tests.engines import ENGINES
from tests.services.test_year_end_reads import _store
from tests.services.world import HASHER, PASSWORD, accounts, actor_of, world_dataset

NOW = dt.datetime(2026, 12, 20, 9, tzinfo=dt.UTC)
D = dt.date

#: People at the thresholds: (id, external hours, a class's hours, in service). The backbone
#: needs 100 h in all (exactly 100 qualifies) and one training over 40 h (exactly 40 does not);
#: a near miss is 90 h or more (exactly 90 is one).
EDGES = [
    ("b100", "60", "40.01", True),     # 100.01 h, longest 60: eligible
    ("b99", "59.99", "40", True),      # 99.99 h: a near miss
    ("bexact", "60", "40", True),      # exactly 100 h, longest 60: eligible
    ("b40", "40", "40", True),         # 80 h, longest exactly 40: neither
    ("b90", "50", "40", True),         # exactly 90 h: a near miss
    ("b89", "49.99", "40", True),      # 89.99 h: none
    ("bout", "80", "41", False),       # 121 h, not in service: a near miss, not eligible
    ("bsingle", "40", "64", True),     # 104 h, longest 64 (the class): eligible
]


def _data(seed: int = 3):
    """The world, with the edges above and forty people of random years (IOP), and an
    institute without people (IOE)."""
    data = world_dataset()
    draw = random.Random(seed)
    people, plans, attendance, records, courses = [], [], [], [], []
    for pid, given, held, serving in EDGES:
        people.append(person(pid, department="IOP-D1", in_service=serving))
        records.append(external(f"E-{pid}", pid, given))
        plans.append(plan(f"C-{pid}", hours=held, department="IOP-D1"))
        attendance.append(attend(f"C-{pid}", pid))
    for n in range(40):
        pid = f"r{n:02d}"
        people.append(person(pid, department=draw.choice(["IOP-D1", "IOP-D2"]),
                             hire_date=draw.choice([D(2010, 1, 1), D(2027, 2, 1), None])))
        for k in range(draw.randint(0, 3)):
            start = draw.choice([D(2025, 12, 30), D(2026, 4, 1), D(2026, 12, 31)])
            records.append(external(f"E-{pid}-{k}", pid, draw.choice(["8", "40", "40.5", "64"]),
                                    start=start, end=start + dt.timedelta(days=2)))
        for k in range(draw.randint(0, 2)):
            courses.append(online(pid, f"c{k}", draw.choice(["10", "30.5", "45"]),
                                  date=draw.choice([D(2026, 3, 1), D(2025, 3, 1)])))
        if draw.random() < 0.5:
            attendance.append(attend(draw.choice(["P1i", *(p.id for p in plans)]), pid,
                                     confirmed=draw.random() < 0.8))
    reports = [BackboneReport(institute="IOP", year=2026, person=p)
               for p in ("b100", "b89", "r03", "r07")]
    return attrs.evolve(
        data, people=(*data.people, *people), plans=(*data.plans, *plans),
        attendance=(*data.attendance, *attendance),
        external_learning=(*data.external_learning, *records),
        online_learning=(*data.online_learning, *courses),
        backbone_reports=(*data.backbone_reports, *reports),
        institutes=(*data.institutes, attrs.evolve(data.institutes[0], code="IOE",
                                                   name="IOE 研究所")))


@pytest.fixture(params=("memory", *ENGINES))
def every_engine(request):
    """The reads compared on every store in the fast run too (the workflow tests run on the
    servers in the full run only)."""
    from tests.services import world

    world.STORE_KIND["kind"] = request.param
    yield request.param
    world.STORE_KIND["kind"] = "memory"


def _flow(data, policy=None):
    options = {} if policy is None else {"policy": policy}
    return Workflow(_store(data), clock=lambda: NOW, hasher=HASHER, **options)


def _comparable(year):
    return (year.class_hours, year.external_hours, year.online_hours, year.total,
            year.max_single_hours, year.has_singles)


@pytest.mark.usefixtures("every_engine")
@pytest.mark.parametrize("policy", [Policy(), Policy(year_basis=YearBasis.END)])
def test_a_read_of_some_peoples_years_is_the_full_years_of_those_people(policy):
    data = _data()
    store = _store(data)
    whole = institute_hours(data, 2026, policy=policy, institute="IOP")
    everybody = [p.id for p in data.people if p.institute == "IOP"]
    chosen = ["b100", "b99", "r00", "r05", "r39", "x1", "nobody"]  # x1: another institute's
    for singles in (True, False):
        for people, least in ((chosen, None), (everybody, None), ([], None),
                              (None, Decimal(100)), (None, Decimal(90)), (chosen, Decimal(90)),
                              (None, Decimal(0)), (None, Decimal("100.01"))):
            read = store.year_hours(2026, policy=policy, institute="IOP", singles=singles,
                                    people=people, total_at_least=least)
            wanted = {p: y for p, y in whole.by_person.items()
                      if (people is None or p in people)
                      and (least is None or y.total >= least)}
            assert read.by_person.keys() == wanted.keys(), (people, least)
            for pid, year in wanted.items():
                assert _comparable(read.of(pid)) == _comparable(year)
                if singles:  # the single trainings over the threshold, each as the records'
                    assert read.of(pid).singles_over(policy.backbone_single_hours) == \
                        year.singles_over(policy.backbone_single_hours)
    # at the thresholds: exactly 100 h is read at 100, 99.99 h is not; 90 h is read at 90
    at = store.year_hours(2026, policy=policy, institute="IOP", singles=False,
                          total_at_least=Decimal(100)).by_person
    if policy.year_basis is YearBasis.START:
        assert {"b100", "bexact", "bsingle", "bout"} <= at.keys()
        assert not {"b99", "b90", "b89", "b40"} & at.keys()
    # another institute's person named is never read through IOP's
    assert "x1" not in store.year_hours(2026, institute="IOP", people=["x1"]).by_person
    assert store.year_hours(2026, institute="IOE", people=["b100"]).by_person == {}
    with pytest.raises(ArgumentError):
        store.year_hours(2026, institute="IOP", people="b100")
    with pytest.raises(ArgumentError):
        store.year_hours(2026, institute="IOP", people=[7])
    with pytest.raises(ArgumentError):
        store.year_hours(2026, institute="IOP", total_at_least=100.0)


def _listed(screen):
    return [*screen.eligible, *screen.reported_ineligible]


def _shown(candidate):
    return (candidate.to_record(), candidate.verdict.long_singles)


@pytest.mark.usefixtures("every_engine")
@pytest.mark.parametrize("size", [3, 50])
def test_the_backbone_screen_a_page_at_a_time_is_the_full_screen(size):
    data = _data()
    flow = _flow(data)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    whole = screen_backbone(data, "IOP", 2026)
    listed = _listed(whole)
    assert len(whole.eligible) >= 4 and whole.reported_ineligible  # b89 at least
    pages, offset = [], 0
    while True:
        found = flow.backbone_page(admin, 2026, limit=size, offset=offset)
        assert found.page.total == len(listed)
        assert len(found.screen.eligible) == len(whole.eligible)
        assert found.screen.reported_count == whole.reported_count
        assert [c.to_record() for c in found.screen.near_misses] == \
            [c.to_record() for c in whole.near_misses]
        pages.append(found.page.items)
        if not found.page.has_next:
            break
        offset += size
    assert [_shown(c) for items in pages for c in items] == [_shown(c) for c in listed]
    if size == 3:  # the last page partial; the eligible with their long single trainings
        assert 0 < len(pages[-1]) <= 3 and len(pages) == -(-len(listed) // 3)
        assert any(c.verdict.long_singles for items in pages for c in items)
    beyond = flow.backbone_page(admin, 2026, limit=size, offset=len(listed) + size)
    assert beyond.page.items == () and beyond.page.total == len(listed)


@pytest.mark.usefixtures("store_kind")
@pytest.mark.parametrize("ask", ["b", "r0", "b89", "人员", "  ", "nobody"])
def test_why_not_for_anyone_asked_about_is_the_full_screens(ask):
    data = _data()
    flow = _flow(data)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    whole = screen_backbone(data, "IOP", 2026)
    found = flow.backbone_page(admin, 2026, limit=5, ask=ask)
    wanted = [p.id for p in data.people if p.institute == "IOP"
              and (not ask.strip() or ask.strip() in p.id or ask.strip() in p.name)][:10]
    assert [c.person.id for c in found.asked] == wanted
    for candidate in found.asked:  # below the near misses too: r-people with few hours
        full = whole.candidate(candidate.person.id)
        assert candidate.to_record() == full.to_record()
        assert candidate.verdict.reasons == full.verdict.reasons
    # nobody is judged from a year that was not read
    unread = [p.id for p in data.people if p.institute == "IOP"
              and whole.candidate(p.id) not in _listed(whole) and p.id not in wanted
              and p.id not in {c.person.id for c in whole.near_misses}
              and p.id not in {r.person for r in data.backbone_reports}
              and whole.candidate(p.id).verdict.total_hours < 90]
    assert unread
    assert all(found.screen.candidate(p) is None for p in unread)


@pytest.mark.usefixtures("store_kind")
def test_a_policy_without_near_misses_reads_everybodys_year():
    data = _data()
    flow = _flow(data, Policy(near_miss_hours=Decimal(100), backbone_total_hours=Decimal(90)))
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    # the near misses' total is 0: everybody's year may be listed, and is read
    whole = screen_backbone(data, "IOP", 2026, policy=flow.policy)
    found = flow.backbone_page(admin, 2026, limit=500)
    assert [_shown(c) for c in found.page.items] == [_shown(c) for c in _listed(whole)]
    assert len(found.screen.near_misses) == len(whole.near_misses)
    for p in data.people:
        if p.institute == "IOP":
            assert found.screen.candidate(p.id).to_record() == \
                whole.candidate(p.id).to_record()


@pytest.mark.usefixtures("store_kind")
def test_an_empty_institutes_pages():
    data = _data()
    flow = _flow(data)
    account = Account(username="IOE", institute="IOE", password_hash=HASHER.hash(PASSWORD),
                      grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute="IOE"),),
                      must_change_password=False)
    flow.store.commit([Change(None, account)], [])
    admin = Actor(flow.store.get("accounts", ("IOE",)), Role.INSTITUTE_ADMIN)
    found = flow.backbone_page(admin, 2026, ask="b")
    assert (found.page.items, found.page.total, found.asked) == ((), 0, ())
    assert found.screen.eligible == () and found.screen.reported_count == 0
    assert [f.code for f in flow.check(admin, 2026)] == \
        [f.code for f in check_year(data, "IOE", 2026, today=NOW.date())]
    page = flow.overview_page(admin, 2026)
    assert (page.items, page.total) == ((), 0)


@pytest.mark.usefixtures("store_kind")
@pytest.mark.parametrize("submitted", [False, True])
def test_the_check_from_the_reported_peoples_sums_is_the_full_check(submitted):
    data = _data()
    if submitted:  # figures that differ from the data's: every person's year is compared
        figures = annual_figures(world_dataset(), "IOP", 2026)
        summary = AnnualSummary(institute="IOP", year=2026, status=SummaryStatus.SUBMITTED,
                                total_investment=Decimal("1000.00"),
                                figures={**figures.to_json(), **plan_counts(figures)},
                                submitted_on=D(2026, 12, 1))
        data = attrs.evolve(data, summaries=(*data.summaries, summary))
    flow = _flow(data)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    found = flow.check(admin, 2026)
    assert found == check_year(data, "IOP", 2026, today=NOW.date())
    codes = [f.code for f in found]
    assert "backbone-not-eligible" in codes  # b89 and others, with their reasons
    assert ("submitted-summary-outdated" in codes) is submitted


@pytest.mark.usefixtures("store_kind")
@pytest.mark.parametrize("role", [Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN])
def test_a_page_of_the_staff_overview_is_the_full_overviews(role):
    data = _data()
    flow = _flow(data)
    me = actor_of(flow, role)
    department = "IOP-D1" if role is Role.DEPARTMENT_ADMIN else None
    whole = staff_overview(data, "IOP", 2026, department=department)
    rows = []
    offset = 0
    while True:
        page = flow.overview_page(me, 2026, limit=7, offset=offset)
        assert page.total == len(whole)
        rows += page.items
        if not page.has_next:
            break
        offset += 7
    assert len(page.items) == len(whole) - 7 * (len(whole) // 7) or len(page.items) == 7
    full = {r.person.id: r.to_record() for r in whole}
    assert [r.to_record() for r in rows] == [full[p.id] for p in data.people if p.id in full]
    beyond = flow.overview_page(me, 2026, limit=7, offset=len(whole) + 7)
    assert beyond.items == () and beyond.total == len(whole)


class _OlderStore(MemoryStore):
    """A portal's store written to the protocol before ``people`` and ``total_at_least``."""

    def year_hours(self, year, *, policy=DEFAULT_POLICY, institute=None, singles=True):
        return super().year_hours(year, policy=policy, institute=institute, singles=singles)


def test_a_store_of_the_older_protocol_is_read_whole_and_narrowed():
    data = _data()
    flow = Workflow(_OlderStore(data, accounts()), clock=lambda: NOW, hasher=HASHER)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    whole = screen_backbone(data, "IOP", 2026)
    found = flow.backbone_page(admin, 2026, limit=500, ask="r")
    assert [_shown(c) for c in found.page.items] == [_shown(c) for c in _listed(whole)]
    assert flow.check(admin, 2026) == check_year(data, "IOP", 2026, today=NOW.date())
    assert flow.overview_page(admin, 2026, limit=5).total == \
        len([p for p in data.people if p.institute == "IOP"])


@pytest.mark.usefixtures("every_engine")
def test_reporting_reads_the_named_peoples_sums_and_refuses_as_the_full_screen():
    data = _data()
    flow = _flow(data)
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    whole = screen_backbone(data, "IOP", 2026)
    with pytest.raises(WorkflowError) as refused:
        flow.report_backbone(admin, 2026, ["bexact", "b40", "b89"])
    reasons = "; ".join(whole.candidate("b40").verdict.reasons)
    assert f"b40 {whole.candidate('b40').person.name}: {reasons}" in str(refused.value)
    assert "b89 " in str(refused.value) and "bexact" not in str(refused.value)
    assert flow.report_backbone(admin, 2026, ["bexact", "bsingle", "b100"]) == \
        ["bexact", "bsingle"]  # b100 was reported already
