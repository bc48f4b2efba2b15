"""The processor time of each page of the load benchmark's walk, one admin at a time, in the
app's own process: what a page costs the server, without the others' turns.

    python -m benchmarks.web_pages --scale 1.0 --repeat 15

The app (``create_app``) over the academy's store on PostgreSQL (``benchmarks.academy_store``)
is called as an ASGI application in this process, without a server or a network; an institute
admin and a department admin of the load benchmark (``benchmarks.web``) log in through the form
and ask for each page of their walk ``--repeat`` times. A page's figure is the least processor
time of this process (every thread: the event loop's and the page's) over its requests, in
milliseconds, and beside it the least wall-clock time (PostgreSQL's share is in that one, not
in the first). ``--calls``: each page's Python function calls and SQL statements in one
request instead, figures that do not move with the machine's load.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

from benchmarks.web import _CSRF, _LINK, _MENU, PASSWORD, _follows, the_store, users


class Browser:
    """One admin's cookies, and the app called straight as an ASGI application."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.cookies: dict[str, str] = {}

    async def request(self, method: str, path: str,
                      form: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
        target = urlsplit(path)
        body = urlencode(form).encode() if form is not None else b""
        headers = [(b"host", b"testserver")]
        if self.cookies:
            headers.append((b"cookie", "; ".join(f"{k}={v}" for k, v in
                                                 self.cookies.items()).encode()))
        if form is not None:
            headers += [(b"content-type", b"application/x-www-form-urlencoded"),
                        (b"content-length", str(len(body)).encode())]
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": method, "scheme": "http", "path": target.path, "raw_path":
                 target.path.encode(), "query_string": target.query.encode(),
                 "root_path": "", "headers": headers, "client": ("127.0.0.1", 5000),
                 "server": ("testserver", 80)}
        sent = False
        status, chunks, answered = 0, [], {}

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                for name, value in message["headers"]:
                    if name == b"set-cookie":
                        cookie = SimpleCookie(value.decode("latin-1"))
                        for key, morsel in cookie.items():
                            if morsel["max-age"] == "0" or not morsel.value:
                                self.cookies.pop(key, None)
                            else:
                                self.cookies[key] = morsel.value
                    answered[name.decode("latin-1")] = value.decode("latin-1")
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, send)
        return status, b"".join(chunks).decode("utf-8", "replace"), answered

    async def login(self, username: str) -> str:
        _status, page, _ = await self.request("GET", "/login")
        token = _CSRF.search(page)
        assert token is not None, "the login page has a CSRF token"
        status, _page, _ = await self.request("POST", "/login", {
            "csrf": token.group(1), "username": username, "password": PASSWORD})
        if status != 303:
            raise SystemExit(f"{username} could not log in: {status}")
        _status, home, _ = await self.request("GET", "/")
        menu = _MENU.search(home)
        return menu.group(0) if menu else ""


async def measure(app: Any, accounts: list[tuple[str, str]],
                  repeat: int) -> dict[str, tuple[float, float, int]]:
    """Each page's least processor and wall-clock milliseconds, and its status."""
    found: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for username, role in accounts:
        browser = Browser(app)
        menu = await browser.login(username)
        pages: list[tuple[str, str]] = []
        for link in (html.unescape(link) for link in _LINK.findall(menu)):
            _status, text, _ = await browser.request("GET", link)
            pages.append((f"{link.split('?')[0]} ({role})", link))
            pages += [(f"{label} ({role})", follow) for follow, label in _follows(link, text)]
        for _ in range(repeat):
            for name, path in pages:
                cpu, wall = time.process_time(), time.perf_counter()
                status, _text, _ = await browser.request("GET", path)
                found[name].append(((time.process_time() - cpu) * 1000,
                                    (time.perf_counter() - wall) * 1000, status))
    return {name: (min(c for c, _w, _s in values), min(w for _c, w, _s in values),
                   max(s for _c, _w, s in values)) for name, values in found.items()}


async def count(app: Any, accounts: list[tuple[str, str]],
                engine: Any) -> dict[str, tuple[int, int]]:
    """Each page's Python function calls and SQL statements in one request (after three), the
    page's work run in the event loop's thread so that one profiler sees all of it: figures
    that do not move with the machine's load."""
    import cProfile
    import pstats

    import anyio.to_thread
    import sqlalchemy as sa

    async def inline(func: Any, *args: Any, **_options: Any) -> Any:
        return func(*args)

    statements = [0]

    def executed(*_arguments: Any) -> None:
        statements[0] += 1

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    sa.event.listen(engine, "before_cursor_execute", executed)
    found: dict[str, tuple[int, int]] = {}
    for username, role in accounts:
        browser = Browser(app)
        menu = await browser.login(username)
        for link in (html.unescape(link) for link in _LINK.findall(menu)):
            _status, text, _ = await browser.request("GET", link)
            for name, path in [(f"{link.split('?')[0]} ({role})", link),
                               *((f"{label} ({role})", follow)
                                 for follow, label in _follows(link, text))]:
                for _ in range(3):
                    await browser.request("GET", path)
                statements[0] = 0
                profile = cProfile.Profile()
                profile.enable()
                await browser.request("GET", path)
                profile.disable()
                found[name] = (pstats.Stats(profile).total_calls,  # type: ignore[attr-defined]
                               statements[0])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", help="the pages whose path starts with this")
    parser.add_argument("--calls", action="store_true",
                        help="each page's Python function calls and SQL statements instead")
    args = parser.parse_args()
    from casedu.store import open_store
    from casedu.web import create_app
    from casedu.web.portal import compile_templates

    url, schema = the_store(args.scale)
    accounts = users(url, schema, 2)  # an institute admin and a department admin
    store = open_store(url, schema=schema)
    app = create_app(store)
    compile_templates()
    what = "one request (after three)" if args.calls else f"least of {args.repeat} requests"
    print(f"store {schema or url}; {what}; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)
    if args.calls:
        try:
            counted = asyncio.run(count(app, accounts, store.engine))
        finally:
            store.close()
        print("| page | Python function calls | SQL statements |\n|---|---|---|")
        for name, (calls, statements) in sorted(counted.items()):
            if args.only is None or name.startswith(args.only):
                print(f"| {name} | {calls:,} | {statements} |")
        return
    try:
        figures = asyncio.run(measure(app, accounts, args.repeat))
    finally:
        store.close()
    print("| page | processor ms | wall ms | status |\n|---|---|---|---|")
    for name, (cpu, wall, status) in sorted(figures.items()):
        if args.only is None or name.startswith(args.only):
            print(f"| {name} | {cpu:.1f} | {wall:.1f} | {status} |")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
