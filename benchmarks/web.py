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
import contextlib
import html
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
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
    from casedu.errors import ConflictError
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
            with contextlib.suppress(ConflictError):  # another run made them meanwhile
                store.commit(missing, [])
        return [(name, role) for name, role, _grant in wanted]
    finally:
        store.close()


@contextmanager
def server(url: str, schema: str | None, workers: int | None = None,
           log: Any = None) -> Iterator[tuple[str, int]]:
    """``casedu serve`` on a free port, in a process of its own (``workers``: its
    ``--workers``, None: its default); yields its address and process id. Its log (standard
    error, where every worker logs a page's error) goes to the binary file ``log`` (None: a
    temporary one), read when it does not start and, by :func:`server_errors`, after a run."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "casedu", "serve", url, "--port", str(port),
               *(("--schema", schema) if schema else ()),
               *(("--workers", str(workers)) if workers is not None else ())]
    # its log in a file (a pipe nobody reads would fill)
    with contextlib.ExitStack() as stack:
        if log is None:
            log = stack.enter_context(tempfile.TemporaryFile())
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        yield from _started(process, f"http://127.0.0.1:{port}", log)


def server_errors(log: Any) -> list[str]:
    """The server log's errors: each ``ERROR`` line with the traceback under it."""
    log.seek(0)
    found: list[str] = []
    keep = False
    for line in log.read().decode("utf-8", "replace").splitlines():
        if line.startswith("ERROR"):
            keep = True
            found.append(line)
        elif keep and (line.startswith((" ", "Traceback", "During", "The above"))
                       or (line and not line.startswith(("INFO", "WARNING")) and ":" in line)):
            found.append(line)
        else:
            keep = False
    return found


def _started(process: subprocess.Popen[bytes], address: str,
             log: Any) -> Iterator[tuple[str, int]]:
    try:
        deadline = time.monotonic() + 120
        while True:  # until a page comes (the workers listen once they made their app)
            try:
                with urllib.request.urlopen(f"{address}/login", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit("casedu serve did not start:\n"
                                 + log.read().decode()[-2000:]) from None
            time.sleep(0.2)
        yield address, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


#: The database servers' processes, by their command's name.
DATABASES = ("postgres", "mariadbd", "mysqld")


def processes() -> dict[int, tuple[int, str, float]]:
    """Every process of the machine (Linux: ``/proc``): its parent, its command's name and the
    processor seconds it has used (user and system)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                text = stat.read().decode("utf-8", "replace")
        except OSError:  # gone meanwhile
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        found[int(entry.name)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / tick)
    return found


def busy_seconds() -> float:
    """The processor seconds the whole machine has spent busy (``/proc/stat``: all but idle
    and waiting for the disk)."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


class MachineTime:
    """The processor seconds spent from its making to :meth:`spent` by the server (its process
    and its workers), the database server's processes, this process (the clients) and the
    whole machine. A process counts what it spent in between (one that started meanwhile, all
    it spent; one that ended meanwhile, nothing)."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.processes = processes()
        self.clients = time.process_time()
        self.machine = busy_seconds()

    def spent(self) -> dict[str, float]:
        now = processes()
        spent = {pid: cpu - (self.processes[pid][2] if pid in self.processes else 0.0)
                 for pid, (_parent, _name, cpu) in now.items()}
        children: dict[int, list[int]] = defaultdict(list)
        for pid, (parent, _name, _cpu) in now.items():
            children[parent].append(pid)
        served, waiting = 0.0, [self.server_pid]
        while waiting:
            pid = waiting.pop()
            served += spent.get(pid, 0.0)
            waiting.extend(children.get(pid, ()))
        return {"server": served,
                "database": sum(spent[pid] for pid, (_p, name, _c) in now.items()
                                if name in DATABASES),
                "clients": time.process_time() - self.clients,
                "machine": busy_seconds() - self.machine}


def descendants(pid: int) -> list[int]:
    """Process ``pid`` and every process it started, and theirs (Linux: ``/proc``)."""
    children: dict[int, list[int]] = defaultdict(list)
    for child, (parent, _name, _cpu) in processes().items():
        children[parent].append(child)
    found, waiting = [], [pid]
    while waiting:
        found.append(waiting.pop())
        waiting.extend(children.get(found[-1], ()))
    return found


def connections_per_process(server_pid: int, port: int) -> list[int]:
    """How many open connections to ``port`` each process of the server holds, the most
    first (Linux: ``/proc``): how the kernel shared the clients' kept-alive connections
    between the workers."""
    accepted = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as rows:
                lines = rows.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                accepted.add(f"socket:[{fields[9]}]")  # established, on the server's side
    counts = []
    for pid in descendants(server_pid):
        try:
            entries = list(os.scandir(f"/proc/{pid}/fd"))
        except OSError:
            continue
        held = 0
        for entry in entries:
            try:
                held += os.readlink(entry.path) in accepted
            except OSError:
                continue
        if held:
            counts.append(held)
    return sorted(counts, reverse=True)


class Walker:
    """One simulated admin: an httpx client with its own cookies."""

    def __init__(self, client: Any, username: str, role: str,
                 times: dict[str, list[float]], errors: list[str], think: float = 0.0) -> None:
        self.client, self.username, self.role = client, username, role
        self.times, self.errors = times, errors
        #: Seconds between a page's arrival and the next request (0: none, the closed loop),
        #: drawn evenly between half and one and a half times this, the same for every run.
        self.think = think
        self.draw = random.Random(username)
        #: GETs sent again (:meth:`get`).
        self.resent = 0

    async def get(self, path: str) -> Any:
        """GET ``path``; sent once more, as a browser does, when the server closed the kept-alive
        connection as the request went out (uvicorn closes one idle for 5 s: a user that
        logged in first waits for the others' logins), which is no answer of the page."""
        import httpx

        try:
            return await self.client.get(path)
        except httpx.RemoteProtocolError:
            self.resent += 1
            return await self.client.get(path)

    async def fetch(self, name: str, path: str) -> str:
        import httpx

        start = time.perf_counter()
        try:
            answer = await self.get(path)
        except httpx.HTTPError as error:  # no answer: an error of the page, not the end
            self.times[name].append(time.perf_counter() - start)
            self.errors.append(f"{self.username} {path}: {type(error).__name__}: {error}")
            return ""
        elapsed = time.perf_counter() - start
        self.times[name].append(elapsed)
        if answer.status_code != 200:
            self.errors.append(f"{self.username} {path}: {answer.status_code}")
        if self.think:  # reading the page before the next click
            await asyncio.sleep(self.think * self.draw.uniform(0.5, 1.5))
        return str(answer.text)

    async def login(self) -> str:
        """Log in and return the home page's menus ("" when the login failed: an error, and
        this user walks nothing)."""
        import httpx

        try:
            page = await self.get("/login")
            token = _CSRF.search(page.text)
            if token is None:
                self.errors.append(f"{self.username} /login: {page.status_code}, no CSRF token")
                return ""
            answer = await self.client.post("/login", data={
                "csrf": token.group(1), "username": self.username, "password": PASSWORD})
            if answer.status_code != 303:
                self.errors.append(f"{self.username} could not log in: {answer.status_code}")
                return ""
            home = await self.get("/")
        except httpx.HTTPError as error:
            self.errors.append(f"{self.username} login: {type(error).__name__}: {error}")
            return ""
        if home.status_code != 200:
            self.errors.append(f"{self.username} /: {home.status_code}")
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
        """Log out (after the walk and its figures: a failure here is only reported)."""
        import httpx

        try:
            page = await self.get("/")
            token = _CSRF.search(page.text)
            if token is not None:
                await self.client.post("/logout", data={"csrf": token.group(1)})
        except httpx.HTTPError as error:
            print(f"{self.username} could not log out: {type(error).__name__}: {error}",
                  file=sys.stderr)


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


async def simulate(address: str, accounts: list[tuple[str, str]], rounds: int,
                   server_pid: int, think: float = 0.0,
                   ) -> tuple[dict[str, list[float]], list[str], float, dict[str, float]]:
    """Every user logs in, then all walk at once; the pages' times, the errors, the walk's
    seconds and the processor seconds each part of the machine spent on it."""
    import httpx

    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    limits = httpx.Limits(max_connections=1)
    clients = [httpx.AsyncClient(base_url=address, limits=limits, timeout=900)
               for _ in accounts]
    walkers = [Walker(c, name, role, times, errors, think)
               for c, (name, role) in zip(clients, accounts, strict=True)]
    try:
        menus = [await w.login() for w in walkers]
        used = MachineTime(server_pid)
        start = time.perf_counter()
        walks = asyncio.gather(*(w.walk(m, rounds) for w, m in zip(walkers, menus, strict=True)))
        # how the kernel shared the connections between the workers, once every user is
        # walking (a user whose connection uvicorn closed while the others logged in makes a
        # new one): a process with more of them takes more of the pages
        await asyncio.sleep(0.5)
        shared = connections_per_process(server_pid, int(address.rsplit(":", 1)[1]))
        await walks
        seconds = time.perf_counter() - start
        spent = used.spent()
        for walker in walkers:
            await walker.logout()
    finally:
        for client in clients:
            await client.aclose()
    resent = sum(w.resent for w in walkers)
    if resent:
        print(f"{resent} GETs sent again on a new connection (the server had closed the "
              "kept-alive one)", flush=True)
    print("the clients' connections held by each process of the server, 0.5 s into the walk: "
          + (" / ".join(map(str, shared)) or "none found"), flush=True)
    return times, errors, seconds, spent


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
    parser.add_argument("--workers", type=int,
                        help="casedu serve --workers (left out: casedu serve's default)")
    parser.add_argument("--think", type=float, default=0.0, metavar="SECONDS",
                        help="a think time after each page, drawn evenly between half and one "
                             "and a half times this (default 0: the closed loop, each page "
                             "asked for as soon as the one before came; the goal is judged "
                             "on that)")
    args = parser.parse_args()
    url, schema = (args.url, args.schema) if args.url else the_store(args.scale)
    accounts = users(url, schema, args.users)
    print(f"{len(accounts)} users ({sum(r == 'institute' for _n, r in accounts)} institute "
          f"admins), {args.rounds} rounds, store {schema or url}, "
          f"{'casedu serve' if args.workers is None else f'casedu serve --workers {args.workers}'}"
          f", {f'think time {args.think:g} s' if args.think else 'no think time'}; load "
          f"average {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryFile() as log:
        with server(url, schema, args.workers, log) as (address, pid):
            times, errors, seconds, used = asyncio.run(
                simulate(address, accounts, args.rounds, pid, args.think))
        logged = server_errors(log)
    if not times:
        raise SystemExit("no page was served: " + "; ".join(errors[:5]))
    everything = [t * 1000 for values in times.values() for t in values]
    print("\n".join(table(times)))
    p95, p99 = percentile(everything, 0.95), percentile(everything, 0.99)
    count = len(everything)
    print(f"\n{count} pages in {seconds:.1f} s ({count / seconds:.1f} a second); p95 "
          f"{p95:.0f} ms (goal < {P95_MS:.0f}), p99 {p99:.0f} ms (goal < {P99_MS:.0f}), "
          f"errors {len(errors)}: "
          f"{'met' if p95 < P95_MS and p99 < P99_MS and not errors else 'NOT met'}")
    other = used["machine"] - used["server"] - used["database"] - used["clients"]
    print(f"processor time a page: server {used['server'] / count * 1000:.1f} ms, database "
          f"{used['database'] / count * 1000:.1f} ms, clients {used['clients'] / count * 1000:.1f}"
          f" ms, anything else {other / count * 1000:.1f} ms; the machine busy "
          f"{used['machine'] / seconds:.2f} of {os.cpu_count()} processors; load average "
          f"{os.getloadavg()[0]:.2f}")
    for error in errors[:20]:
        print("error:", error)
    if logged:
        print("the server's log of its errors:")
        print("\n".join(logged[:200]))


if __name__ == "__main__":
    main()
