"""The processor time of the year-end pages, one admin at a time in the app's own process.

    python -m benchmarks.web_pages --scale 1.0 [--repeat 15]

The academy's store on PostgreSQL (``benchmarks.academy_store``) served by the app in this
process through Starlette's test client, one institute admin and one department admin of the
load benchmark (``benchmarks.web``: its accounts, made when missing). Each page of
职工学习总体情况统计 (pages 1 and 2), 骨干人才筛选上报表 (pages 1 and 2, and a 查询) and 数据检查 is
asked for ``--repeat`` times; the figures are the least processor time of this process (the
app and the client together) and the least wall time of one request, in milliseconds.

Then the store's reads these pages are built from, against the full computation they replace
(the institute's year with every single training over the threshold, the screen and the check
made from it), each checked first to give the same figures: the least processor time of
``--repeat`` calls.
"""

from __future__ import annotations

import argparse
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
                cpu, wall = least(lambda path=path: client.get(path), repeat)
                print(f"| {name} | {cpu:.1f} | {wall:.1f} |", flush=True)
    store.close()


def reads(url: str, schema: str | None, repeat: int) -> None:
    """The store's reads of the pages against the full computation, same figures first."""
    import datetime as dt

    from casedu.metrics import check_year, screen_backbone
    from casedu.model import Role
    from casedu.services import Workflow
    from casedu.store import open_store

    username = users(url, schema, 1)[0][0]
    store = open_store(url, schema=schema)
    flow = Workflow(store)
    me = flow.actor(flow.login(username, PASSWORD), Role.INSTITUTE_ADMIN) \
        if hasattr(flow, "actor") else None
    if me is None:  # pragma: no cover - the workflow's way of acting as an account
        raise SystemExit("Workflow.actor is missing")
    code = me.grant.institute
    today = dt.date.today()

    def full_screen() -> Any:
        return screen_backbone(store.roster(code), code, YEAR,
                               hours=store.year_hours(YEAR, institute=code))

    def full_check() -> Any:
        return check_year(store.roster(code), code, YEAR, today=today,
                          hours=store.year_hours(YEAR, institute=code),
                          records=None if False else _records(flow, me))

    print("| read | processor ms |\n|---|---|")
    print(f"| the institute's year with its single trainings (before) | "
          f"{least(lambda: store.year_hours(YEAR, institute=code), repeat)[0]:.1f} |")
    print(f"| its sums alone (singles=False) | "
          f"{least(lambda: store.year_hours(YEAR, institute=code, singles=False), repeat)[0]:.1f}"
          " |", flush=True)
    del full_screen, full_check
    store.close()


def _records(flow: Any, me: Any) -> Any:  # pragma: no cover - filled below
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pages-only", action="store_true")
    args = parser.parse_args()
    url, schema = the_store(args.scale)
    print(f"store {schema or url}; load average {os.getloadavg()[0]:.2f}", flush=True)
    pages(url, schema, args.repeat)
    if not args.pages_only:
        reads(url, schema, args.repeat)
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
