"""The pages under load: 20 admins at once walking the pages of an academy-sized store.

    python -m benchmarks.web --scale 1.0 --users 20 --rounds 3

The academy's store on PostgreSQL (``benchmarks.academy_store``: built once, found again) is
served by ``casedu serve`` in a process of its own, as an institute would run it. Each simulated
user is an institute admin or a department admin (half each, of different institutes) with an
``httpx`` client of its own: it logs in through the form, then walks, ``--rounds`` times, every
page of its menus (本机构计划, 培训班管理, 外部学习审核, the four pages of 培训统计, 人员管理,
数据检查, 审计日志 as its role has them) and, from them, the next page of each paged list, a
class's 实际参会人员 and a person's 学习档案, each page as soon as the one before has come. The
time of a page is from its request to the last byte of its answer, at the client; a page that is
not 200 is an error. The figures: per page and overall, the count, median, p95, p99 and largest
time, against the goal (p95 < 300 ms, p99 < 1 s, no error).

The benchmark adds to the store an admin account for each simulated user (``webload-<code>`` and
``webload-<department>``, once; their logins and logouts go to the audit as anyone's do).
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

YEAR = 2026
PASSWORD = "bench-mima-2026-web"
P95_MS, P99_MS = 300.0, 1000.0
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_MENU = re.compile(r'<nav class="menus".*?</nav>', re.S)
_LINK = re.compile(r'href="([^"#]+)"')


def the_store(scale: float) -> tuple[str, str | None]:
    """The academy's store on PostgreSQL: its URL and schema (built when missing)."""
    try:
        from benchmarks.academy_store import academy_store
    except ImportError:  # pragma: no cover - an older checkout
        raise SystemExit("the academy's store needs benchmarks/academy_store.py; "
                         "or name a store with --url") from None
    built = academy_store("postgresql", scale=scale)
    return built.url, built.schema


def users(url: str, schema: str | None, count: int) -> list[tuple[str, str]]:
    """``count`` admin accounts, half institute admins and half department admins, of
    different institutes; made in the store when missing. (username, role) each."""
    from casedu.model import Account, Role, RoleGrant
    from casedu.services import PasswordHasher
    from casedu.services.changes import Change
    from casedu.store import open_store

    store = open_store(url, schema=schema)
    try:
        institutes = sorted(i.code for i in store.find("institutes"))
        wanted: list[tuple[str, str, RoleGrant]] = []
        for n in range(count):
            code = institutes[n % len(institutes)]
            if n % 2 == 0:
                wanted.append((f"webload-{code}", "institute",
                               RoleGrant(role=Role.INSTITUTE_ADMIN, institute=code)))
            else:
                department = sorted(d.id for d in store.find("departments", institute=code))[0]
                wanted.append((f"webload-{department}", "department",
                               RoleGrant(role=Role.DEPARTMENT_ADMIN, institute=code,
                                         department=department)))
        hasher = PasswordHasher()
        missing = [Change(None, Account(username=name, institute=grant.institute,
                                        grants=(grant,), password_hash=hasher.hash(PASSWORD),
                                        must_change_password=False))
                   for name, _role, grant in wanted if store.get("accounts", (name,)) is None]
        if missing:
            store.commit(missing, [])
        return [(name, role) for name, role, _grant in wanted]
    finally:
        store.close()


@contextmanager
def server(url: str, schema: str | None) -> Iterator[str]:
    """``casedu serve`` on a free port, in a process of its own; yields its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "casedu", "serve", url, "--port", str(port),
               *(("--schema", schema) if schema else ())]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("casedu serve did not start:\n"
                                     + process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)


class Walker:
    """One simulated admin: an httpx client with its own cookies."""

    def __init__(self, client: Any, username: str, role: str,
                 times: dict[str, list[float]], errors: list[str]) -> None:
        self.client, self.username, self.role = client, username, role
        self.times, self.errors = times, errors

    async def fetch(self, name: str, path: str) -> str:
        start = time.perf_counter()
        answer = await self.client.get(path)
        elapsed = time.perf_counter() - start
        self.times[name].append(elapsed)
        if answer.status_code != 200:
            self.errors.append(f"{self.username} {path}: {answer.status_code}")
        return answer.text

    async def login(self) -> str:
        page = await self.client.get("/login")
        token = _CSRF.search(page.text)
        if token is None:
            raise SystemExit("the login page has no CSRF token")
        answer = await self.client.post("/login", data={
            "csrf": token.group(1), "username": self.username, "password": PASSWORD})
        if answer.status_code != 303:
            raise SystemExit(f"{self.username} could not log in: {answer.status_code} "
                             f"{answer.text[-1500:]}")
        home = await self.client.get("/")
        menu = _MENU.search(home.text)
        return menu.group(0) if menu else ""

    async def walk(self, menu: str, rounds: int) -> None:
        links = [html.unescape(link) for link in _LINK.findall(menu)]
        for _ in range(rounds):
            for link in links:
                name = link.split("?")[0]
                text = await self.fetch(name, link)
                for follow, label in _follows(link, text):
                    await self.fetch(label, follow)

    async def logout(self) -> None:
        page = await self.client.get("/")
        token = _CSRF.search(page.text)
        if token is not None:
            await self.client.post("/logout", data={"csrf": token.group(1)})


def _follows(link: str, text: str) -> list[tuple[str, str]]:
    """From a page: its next page (a paged list), and the first record it links to (a class's
    实际参会人员, a person's 学习档案)."""
    found = []
    following = re.search(r'href="([^"]*[?&]page=2[^"]*)"', text)
    if following:
        found.append((html.unescape(following.group(1)), f"{link.split('?')[0]} page 2"))
    if link.startswith("/classes"):
        first = re.search(r'href="(/classes/[^"/?]+)"', text)
        if first:
            found.append((first.group(1) + "/attendees", "/classes/{plan}/attendees"))
    if link.startswith("/stats/staff"):
        first = re.search(r'href="(/stats/staff/[^"/?]+)"', text)
        if first:
            found.append((first.group(1), "/stats/staff/{person}"))
    return found


async def simulate(address: str, accounts: list[tuple[str, str]],
                   rounds: int) -> tuple[dict[str, list[float]], list[str], float]:
    import httpx

    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    limits = httpx.Limits(max_connections=1)
    clients = [httpx.AsyncClient(base_url=address, limits=limits, timeout=900)
               for _ in accounts]
    walkers = [Walker(c, name, role, times, errors)
               for c, (name, role) in zip(clients, accounts, strict=True)]
    try:
        menus = [await w.login() for w in walkers]
        start = time.perf_counter()
        await asyncio.gather(*(w.walk(m, rounds) for w, m in zip(walkers, menus, strict=True)))
        seconds = time.perf_counter() - start
        for walker in walkers:
            await walker.logout()
    finally:
        for client in clients:
            await client.aclose()
    return times, errors, seconds


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95: the value 95 % of the values are at or
    below)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def table(times: dict[str, list[float]]) -> list[str]:
    everything = [t for values in times.values() for t in values]
    lines = ["| page | requests | median ms | p95 ms | p99 ms | max ms |",
             "|---|---|---|---|---|---|"]
    for name, values in sorted(times.items(), key=lambda kv: -percentile(kv[1], 0.95)):
        lines.append(_row(name, values))
    lines.append(_row("**every page**", everything))
    return lines


def _row(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (f"| {name} | {len(ms)} | {statistics.median(ms):,.0f} | {percentile(ms, 0.95):,.0f}"
            f" | {percentile(ms, 0.99):,.0f} | {max(ms):,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01,
                        help="the academy's size (1.0: 70,000 people, 3,000,000 records)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="walks of the menus per user")
    parser.add_argument("--url", help="a store to use instead of the academy's (its URL)")
    parser.add_argument("--schema", help="with --url: the store's schema")
    args = parser.parse_args()
    url, schema = (args.url, args.schema) if args.url else the_store(args.scale)
    accounts = users(url, schema, args.users)
    print(f"{len(accounts)} users ({sum(r == 'institute' for _n, r in accounts)} institute "
          f"admins), {args.rounds} rounds, store {schema or url}", flush=True)
    with server(url, schema) as address:
        times, errors, seconds = asyncio.run(simulate(address, accounts, args.rounds))
    everything = [t * 1000 for values in times.values() for t in values]
    print("\n".join(table(times)))
    p95, p99 = percentile(everything, 0.95), percentile(everything, 0.99)
    print(f"\n{len(everything)} pages in {seconds:.1f} s ({len(everything) / seconds:.1f} a "
          f"second); p95 {p95:.0f} ms (goal < {P95_MS:.0f}), p99 {p99:.0f} ms (goal < "
          f"{P99_MS:.0f}), errors {len(errors)}: "
          f"{'met' if p95 < P95_MS and p99 < P99_MS and not errors else 'NOT met'}")
    for error in errors[:20]:
        print("error:", error)


if __name__ == "__main__":
    main()
