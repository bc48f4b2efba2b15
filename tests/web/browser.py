"""A real browser for the pages: the app served by uvicorn on a free port in a thread, and
Debian's Chromium driven by Playwright (no browser download: ``/usr/bin/chromium``, or
``CASEDU_CHROMIUM``). ``CASEDU_SKIP_BROWSER=1`` skips these tests on a machine without it;
anywhere else a missing browser fails them.

Screenshots go to the test's folder, or to ``CASEDU_SCREENSHOTS`` (``docs/images/web`` to
refresh the pictures of docs/web.md).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CASEDU_CHROMIUM", "/usr/bin/chromium")


@contextmanager
def served(app) -> Iterator[str]:
    """``app`` served by uvicorn in a thread; yields its address."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def chromium():
    """Chromium, headless (``--no-sandbox`` when running as root, as in containers)."""
    if os.environ.get("CASEDU_SKIP_BROWSER") == "1":
        pytest.skip("CASEDU_SKIP_BROWSER=1: no browser on this machine")
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=args)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser window (its own cookies), 1280 × 800, in Chinese."""
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800},
                                   accept_downloads=True)
    window = context.new_page()
    window.set_default_timeout(15_000)
    try:
        yield window
    finally:
        context.close()


@pytest.fixture
def shoot(tmp_path):
    """``shoot(page, name)`` saves a full-page screenshot ``name.png`` and returns its path."""
    folder = Path(os.environ.get("CASEDU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(window, name: str) -> Path:
        path = folder / f"{name}.png"
        window.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000, f"{path} looks empty"
        return path

    return take
