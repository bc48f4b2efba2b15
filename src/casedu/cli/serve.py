"""``casedu serve``: the portal's pages in a browser (casedu[web]), served by uvicorn."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from casedu.cli.arguments import (
    EXIT_BAD_DATA,
    EXIT_OK,
    Commands,
    UsageError,
    add_store_options,
    count,
    location,
    shown,
)

if TYPE_CHECKING:  # Starlette, uvicorn and the pages are imported when the command runs
    from casedu.web.demo import DemoAccount

__all__ = ["COMMANDS", "add_commands"]

#: The commands this module adds, named without building their parsers (``casedu`` builds
#: the parsers of the group of the command it runs; a test holds the two equal).
COMMANDS = ("serve",)


def add_commands(commands: Commands) -> None:
    """Register ``serve`` on the ``casedu`` parser."""
    parser = commands.add("serve", "the portal's pages in a browser (casedu[web])", _serve,
                          example=["casedu serve --demo",
                                   "casedu serve iop.casedu --host 0.0.0.0 --port 8000"])
    parser.add_argument("workspace", metavar="WORKSPACE|URL", type=location, nargs="?",
                        help="the workspace file or database URL (env:NAME: a URL in an "
                             "environment variable); left out: CASEDU_DATABASE_URL")
    add_store_options(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default 127.0.0.1: this machine "
                             "only; 0.0.0.0: every network)")
    parser.add_argument("--port", type=int, default=8000, help="default 8000")
    parser.add_argument("--proxy-headers", action="store_true",
                        help="behind a reverse proxy: take the scheme (https) and the "
                             "client's address from its X-Forwarded-* headers")
    parser.add_argument("--forwarded-allow-ips", metavar="IPS", default="127.0.0.1",
                        help="the proxies whose X-Forwarded-* headers are trusted "
                             "(default 127.0.0.1)")
    parser.add_argument("--root-path", metavar="PATH", default="",
                        help="the path the proxy serves the pages under, such as /casedu")
    parser.add_argument("--workers", metavar="N", type=count,
                        help="processes serving the pages, each with its own connections to "
                             "the store (default: one for each processor, here "
                             f"{_processors()}; see docs/web.md, Workers)")
    parser.add_argument("--demo", action="store_true",
                        help="serve a new workspace of the sample institute, with an "
                             "account for each role (printed), removed when it stops")


def _serve(args: argparse.Namespace) -> int:
    if args.demo and args.workspace is not None:
        raise UsageError("--demo makes its own workspace: leave WORKSPACE out")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: a port is 1 to 65535")
    if args.workers == 0:
        raise UsageError("--workers 0: at least one process serves the pages")
    try:
        from casedu.web.serving import WORKER_APP, name_the_store, serve, served_app
    except ModuleNotFoundError as error:
        print(f"casedu serve needs the web extra ({error.name} is missing): "
              "pip install 'casedu[web]'", file=sys.stderr)
        return EXIT_BAD_DATA
    workers = args.workers if args.workers is not None else _processors()
    if not args.demo:
        from casedu.cli.stores import open_target, resolve_target, store_options

        name = _name(args.workspace)
        args.target = "workspace"  # left out: CASEDU_DATABASE_URL, with its prefix and schema
        resolve_target(args)
        store = open_target(args)  # opened here first: a store that cannot be served says so
        if workers == 1:
            app: object = served_app(store)
        else:  # each worker opens it again, from the environment
            store.close()
            name_the_store(args.workspace, **store_options(args, args.workspace))
            app = WORKER_APP
        _listen(serve, app, args, f"serving {name}", workers=workers)
        return EXIT_OK
    import datetime as dt
    import tempfile

    from casedu.web.demo import make_demo

    with tempfile.TemporaryDirectory(prefix="casedu-demo-") as folder:
        print("making the demo workspace (the sample institute DEMO)...", flush=True)
        workspace, accounts = make_demo(Path(folder), year=dt.date.today().year)
        if workers == 1:
            app = served_app(str(workspace))
        else:
            name_the_store(workspace)
            app = WORKER_APP
        _listen(serve, app, args, f"serving the demo workspace {workspace} (removed when "
                "the server stops)", accounts, workers=workers)
    return EXIT_OK


def _listen(serve: Callable[..., None], app: object, args: argparse.Namespace, what: str,
            accounts: list[DemoAccount] | None = None, *, workers: int = 1) -> None:
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"casedu serve: {what}" + (f" with {workers} workers" if workers > 1 else ""))
    print(f"open http://{host}:{args.port}{args.root_path}/ in a browser"
          + (" (https through the proxy)" if args.proxy_headers else ""))
    if accounts:
        width = max(len(a.username) for a in accounts) + 2
        print("log in as (each account changes its initial password at the first login):")
        print(f"  {'用户名'.ljust(width - 3)}  {'初始密码':<10}  角色")
        for account in accounts:
            print(f"  {account.username.ljust(width)}  {account.password:<12}  {account.roles}")
    print("Ctrl+C stops the server", flush=True)
    serve(app, host=args.host, port=args.port, proxy_headers=args.proxy_headers,
          forwarded_allow_ips=args.forwarded_allow_ips, root_path=args.root_path.rstrip("/"),
          workers=workers)
    print("casedu serve: stopped", flush=True)


def _processors() -> int:
    """The workers ``casedu serve`` starts when not told: one for each processor this process
    may run on (a process runs the pages' Python on one processor at a time)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _name(workspace: Path | str | None) -> str:
    from casedu.store import ENVIRONMENT

    if workspace is None:
        return f"the database of {ENVIRONMENT}"
    return shown(workspace)
