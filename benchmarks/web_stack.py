"""What uvicorn itself costs a page: its HTTP parser and event loop, without casedu's pages.

    python -m benchmarks.web_stack --requests 3000 --repeat 3

uvicorn serves a page of 20 KB from a Starlette app whose handler runs in a worker thread, as a
page of casedu's does, in a process of its own, for each parser (``h11``, pure Python;
``httptools``, C) and event loop (``asyncio``; ``uvloop``, C) installed. One client on a
kept-alive connection (a plain socket, so that the client's own cost is small) asks for the page
``--requests`` times; the figure is the server's processor time a request (its process, from
``/proc``: Linux), the least of ``--repeat`` runs, and the client's wall-clock time a request.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import socket
import subprocess
import sys
import textwrap
import time

#: The app: a Starlette route whose page is made in a worker thread, as casedu's are.
APP = textwrap.dedent("""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    PAGE = "<p>" + "x" * 20000 + "</p>"

    def page():
        return PAGE

    async def home(request):
        return HTMLResponse(await run_in_threadpool(page))

    app = Starlette(routes=[Route("/", home)])
    uvicorn.run(app, host="127.0.0.1", port={port}, http="{http}", loop="{loop}",
                log_level="warning", access_log=False)
""")
#: The page's length in bytes (the app makes it the same way).
PAGE_BYTES = len("<p>" + "x" * 20000 + "</p>")
REQUEST = (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: benchmark\r\nAccept: */*\r\n"
           b"Cookie: casedu_session=0123456789abcdef0123456789abcdef\r\n\r\n")


def processor_seconds(pid: int) -> float:
    """The processor seconds (user and system) process ``pid`` has used."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().decode().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ask(connection: socket.socket) -> int:
    """One request and its whole answer (the body by its Content-Length); its length."""
    connection.sendall(REQUEST)
    received = b""
    while b"\r\n\r\n" not in received:
        received += connection.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += connection.recv(65536)
    return length


def measure(http: str, loop: str, requests: int) -> tuple[float, float]:
    """The server's processor milliseconds and the client's wall-clock milliseconds a request."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", APP.format(port=port, http=http,
                                                                   loop=loop)])
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port))
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"uvicorn ({http}, {loop}) did not start") from None
                time.sleep(0.1)
        with connection:
            for _ in range(200):  # warm
                if ask(connection) != PAGE_BYTES:
                    raise SystemExit(f"uvicorn ({http}, {loop}) answered another page")
            spent, start = processor_seconds(server.pid), time.perf_counter()
            for _ in range(requests):
                ask(connection)
            wall = time.perf_counter() - start
            spent = processor_seconds(server.pid) - spent
    finally:
        server.terminate()
        server.wait(timeout=30)
    return spent / requests * 1000, wall / requests * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    parsers = [name for name in ("h11", "httptools") if importlib.util.find_spec(name)]
    loops = [name for name in ("asyncio", "uvloop")
             if name == "asyncio" or importlib.util.find_spec(name)]
    print(f"{args.requests} requests a run, least of {args.repeat} runs; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)
    figures: dict[tuple[str, str], list[tuple[float, float]]] = {
        (http, loop): [] for http in parsers for loop in loops}
    for _ in range(args.repeat):  # each setup in turn, so that the machine's load is shared
        for http, loop in figures:
            figures[http, loop].append(measure(http, loop, args.requests))
    print("| parser | event loop | server processor ms a request | client wall ms a request |")
    print("|---|---|---|---|")
    for (http, loop), runs in figures.items():
        print(f"| {http} | {loop} | {min(c for c, _w in runs):.3f} | "
              f"{min(w for _c, w in runs):.3f} |")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
