"""``casedu serve``: a workspace, a URL or CASEDU_DATABASE_URL served by uvicorn; ``--demo``."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from casedu.cli import main
from casedu.store import SqliteStore
from tests.services.world import PASSWORD, accounts, world_dataset
from tests.web.site import Client


@pytest.fixture
def served(monkeypatch):
    """What ``casedu serve`` hands to uvicorn, instead of serving it."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    return calls


def _workspace(tmp_path: Path) -> Path:
    path = tmp_path / "iop.casedu"
    SqliteStore.open(path, create=True).replace_all(world_dataset(), accounts=accounts())
    return path


def test_serve_hands_the_workspaces_pages_to_uvicorn(tmp_path, served, capsys):
    assert main(["serve", str(_workspace(tmp_path)), "--port", "8123"]) == 0
    (app, options), = served
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert options["proxy_headers"] is False and options["root_path"] == ""
    assert "open http://127.0.0.1:8123/ in a browser" in capsys.readouterr().out
    with TestClient(app, follow_redirects=False) as http:
        client = Client(http)
        assert client.login("IOP", PASSWORD).status_code == 303
        assert client.get("/plans").status_code == 200


def test_serve_reads_the_database_url_from_the_environment(tmp_path, served, monkeypatch,
                                                           capsys):
    monkeypatch.setenv("CASEDU_DATABASE_URL", f"sqlite:///{_workspace(tmp_path)}")
    assert main(["serve", "--proxy-headers", "--root-path", "/casedu/"]) == 0
    (_, options), = served
    assert options["proxy_headers"] is True and options["root_path"] == "/casedu"
    assert options["forwarded_allow_ips"] == "127.0.0.1"
    out = capsys.readouterr().out
    assert "CASEDU_DATABASE_URL" in out and "/casedu/" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["serve", "--demo", "x.casedu"], "--demo makes its own workspace"),
    (["serve", "--port", "70000", "x.casedu"], "a port is 1 to 65535"),
])
def test_serve_refuses_bad_usage(argv, message, capsys, served):
    assert main(argv) == 2 and message in capsys.readouterr().err
    assert served == []


def test_serve_names_a_workspace_that_is_not_there(tmp_path, served, capsys):
    assert main(["serve", str(tmp_path / "none.casedu")]) == 1
    assert "none.casedu" in capsys.readouterr().err and served == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_demo_serves_a_new_sample_workspace_and_removes_it(tmp_path):
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "casedu", "serve", "--demo", "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env)
    lines: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "Ctrl+C" in line:
                break
        text = "".join(lines)
        assert f"open http://127.0.0.1:{port}/" in text
        assert re.search(r"DEMO\s+DEMO654321\s+研究所管理员", text)
        assert re.search(r"\S+@demo\.ac\.cn\s+123456\s+部门管理员、普通职工", text)
        folder = next(tmp_path.glob("casedu-demo-*"))
        assert (folder / "demo.casedu").is_file()
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login") as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert "用户名" in page
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, out
    assert "casedu serve: stopped" in out
    assert not list(tmp_path.glob("casedu-demo-*"))
