"""The year-end pages that read the year's sums, and the reads they are built from.

    python -m benchmarks.year_end_pages --scale 1.0 [--repeat 15]

The academy's store on PostgreSQL (``benchmarks.academy_store``) served by the app in this
process through Starlette's test client, one institute admin and one department admin of the
load benchmark (``benchmarks.web``: its accounts, made when missing). Each page of
职工学习总体情况统计 (pages 1 and 2), 骨干人才筛选上报表 (pages 1 and 2, and a 查询) and 数据检查 is
asked for ``--repeat`` times; the figures are the least processor time of this process (the
app and the client together) and the least wall time of one request, in milliseconds.

Then the operations these pages call, against the full computation they replace (the
institute's every year with its single trainings over the threshold, the screen and the check
made from it; the institute's sums for a page of the overview), each checked first to give the
same figures: the least processor time of ``--repeat`` calls (``--reads-only``: only these).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import re
import time
from collections.abc import Callable
from typing import Any

from benchmarks.web import PASSWORD, YEAR, the_store, users

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')

PAGES = {
    "institute": [
        ("职工学习总体情况统计", f"/stats/staff?year={YEAR}"),
        ("职工学习总体情况统计 page 2", f"/stats/staff?year={YEAR}&page=2"),
        ("骨干人才筛选上报表", f"/stats/backbone?year={YEAR}"),
        ("骨干人才筛选上报表 page 2", f"/stats/backbone?year={YEAR}&page=2"),
        ("骨干人才筛选上报表 查询", f"/stats/backbone?year={YEAR}&ask=1"),
        ("数据检查", f"/admin/checks?year={YEAR}"),
    ],
    "department": [
        ("职工学习总体情况统计 (department)", f"/stats/staff?year={YEAR}"),
    ],
}


def least(call: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """The least processor and wall milliseconds of ``repeat`` calls."""
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        call()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return min(cpu) * 1000, min(wall) * 1000


def pages(url: str, schema: str | None, repeat: int) -> None:
    """Each page's least processor and wall time."""
    from starlette.testclient import TestClient

    from casedu.store import open_store
    from casedu.web import create_app

    accounts = users(url, schema, 2)
    store = open_store(url, schema=schema)
    app = create_app(store)
    print("| page | processor ms | wall ms |\n|---|---|---|")
    for username, role in accounts:
        with TestClient(app, follow_redirects=False) as client:
            token = _CSRF.search(client.get("/login").text)
            assert token is not None
            answer = client.post("/login", data={"csrf": token.group(1), "username": username,
                                                 "password": PASSWORD})
            assert answer.status_code == 303, answer.status_code
            for name, path in PAGES[role]:
                first = client.get(path)
                assert first.status_code == 200, (path, first.status_code)
                cpu, wall = least(functools.partial(client.get, path), repeat)
                print(f"| {name} | {cpu:.1f} | {wall:.1f} |", flush=True)
    store.close()


def reads(url: str, schema: str | None, repeat: int) -> None:
    """The store's reads of the pages against the full computation, same figures first."""
    import zoneinfo

    from casedu.metrics import check_year, screen_backbone, staff_overview
    from casedu.metrics.check import YearRecords, checked_plans
    from casedu.model import AttendanceStatus, PlanStatus, Role
    from casedu.services import Actor, Workflow
    from casedu.store import open_store

    username = users(url, schema, 1)[0][0]
    store = open_store(url, schema=schema)
    flow = Workflow(store)
    me = Actor(store.get("accounts", (username,)), Role.INSTITUTE_ADMIN)
    code, policy = me.grant.institute, flow.policy
    today = dt.datetime.now(zoneinfo.ZoneInfo(policy.time_zone)).date()

    def full_screen() -> Any:
        """The screen as the page read it before: every year of the institute, with its
        single trainings, and the page cut from the whole list."""
        screen = screen_backbone(store.roster(code), code, YEAR, policy=policy,
                                 hours=store.year_hours(YEAR, institute=code, policy=policy))
        return screen, [*screen.eligible, *screen.reported_ineligible]

    def full_check() -> Any:
        roster = store.roster(code)
        plans = checked_plans(roster, code, YEAR, policy)
        counts = store.attendance_counts([p.id for p in plans])
        drafts = [a for p in sorted(plans, key=lambda p: p.id)
                  if p.status is PlanStatus.DRAFT
                  and counts.get(p.id, {}).get(AttendanceStatus.CONFIRMED)
                  for a in store.find("attendance", plan=p.id,
                                      status=AttendanceStatus.CONFIRMED)]
        _, pending = store.pending_external(code, year=YEAR, policy=policy, limit=0)
        return check_year(roster, code, YEAR, today=today, policy=policy,
                          hours=store.year_hours(YEAR, institute=code, policy=policy),
                          records=YearRecords(attendance=counts,
                                              confirmed_in_drafts=tuple(drafts),
                                              pending_external=pending))

    def full_overview() -> Any:
        people, _total = store.search_people(code, limit=50)
        rows = {r.person.id: r for r in staff_overview(
            store.roster(code), code, YEAR, policy=policy,
            hours=store.year_hours(YEAR, institute=code, policy=policy, singles=False))}
        return [rows[p.id] for p in people]

    # the same figures first
    screen, listed = full_screen()
    for offset in (0, 50):
        page = flow.backbone_page(me, YEAR, offset=offset)
        assert [(c.to_record(), c.verdict.long_singles) for c in page.page.items] == \
            [(c.to_record(), c.verdict.long_singles) for c in listed[offset:offset + 50]]
        assert page.page.total == len(listed)
    assert flow.check(me, YEAR) == full_check()
    assert [r.to_record() for r in flow.overview_page(me, YEAR).items] == \
        [r.to_record() for r in full_overview()]
    print(f"{code}: {len(screen.eligible)} eligible, {len(screen.reported_ineligible)} reported "
          f"no longer eligible, {screen.reported_count} reported; the same figures both ways")
    print("| read | before ms | after ms |\n|---|---|---|")
    for name, before, after in (
            ("骨干人才筛选上报表", full_screen, lambda: flow.backbone_page(me, YEAR)),
            ("骨干人才筛选上报表 page 2", full_screen,
             lambda: flow.backbone_page(me, YEAR, offset=50)),
            ("数据检查", full_check, lambda: flow.check(me, YEAR)),
            ("职工学习总体情况统计", full_overview, lambda: flow.overview_page(me, YEAR))):
        print(f"| {name} | {least(before, repeat)[0]:.1f} | {least(after, repeat)[0]:.1f} |",
              flush=True)
    store.close()


def explain(url: str, schema: str | None) -> None:
    """PostgreSQL's plan of each new read of the pages, run (``EXPLAIN (ANALYZE, BUFFERS)``),
    with the parameters a page gives: a page's people, the near misses' total."""
    from sqlalchemy.ext.compiler import compiles
    from sqlalchemy.sql.expression import ClauseElement, Executable

    from casedu.model import Role
    from casedu.services import Actor, Workflow
    from casedu.store import open_store
    from casedu.store.aggregate import _statements
    from casedu.store.records import year_parameters

    class Explained(Executable, ClauseElement):
        inherit_cache = False

        def __init__(self, statement: Any) -> None:
            self.statement = statement

    @compiles(Explained)
    def _explained(element: Explained, compiler: Any, **kw: Any) -> str:
        return "EXPLAIN (ANALYZE, BUFFERS) " + compiler.process(element.statement, **kw)

    username = users(url, schema, 1)[0][0]
    store = open_store(url, schema=schema)
    flow = Workflow(store)
    me = Actor(store.get("accounts", (username,)), Role.INSTITUTE_ADMIN)
    code, policy = me.grant.institute, flow.policy
    shown = [c.person.id for c in flow.backbone_page(me, YEAR).page.items]
    tables: Any = store.tables
    with store.engine.connect() as conn:
        for title, by_people, by_total, extra in (
                ("a page's sums (50 people)", True, False, {"people": shown}),
                ("the sums reaching the near misses' total", False, True,
                 {"least": policy.backbone_total_hours - policy.near_miss_hours})):
            _guards, sums, singles, _own = _statements(tables, "start", by_institute=True,
                                                       by_people=by_people, by_total=by_total)
            parameters = {**year_parameters(YEAR, policy, code), **extra}
            print(f"-- {title}")
            for row in conn.execute(Explained(sums), parameters):
                print(row[0])
            if by_people:
                for n, statement in enumerate(singles):
                    print(f"-- a page's single trainings, statement {n + 1} of 3")
                    for row in conn.execute(Explained(statement), parameters):
                        print(row[0])
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pages-only", action="store_true")
    parser.add_argument("--reads-only", action="store_true")
    parser.add_argument("--explain", action="store_true",
                        help="only PostgreSQL's plans of the new reads")
    args = parser.parse_args()
    url, schema = the_store(args.scale)
    print(f"store {schema or url}; load average {os.getloadavg()[0]:.2f}", flush=True)
    if args.explain:
        explain(url, schema)
        return
    if not args.reads_only:
        pages(url, schema, args.repeat)
    if not args.pages_only:
        reads(url, schema, args.repeat)
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
