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


@pytest.fixture(autouse=True)
def _the_collector_put_back():
    """``casedu serve`` sets its process's collector (serving.tune_the_collector): put back."""
    import gc

    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


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
    assert main(["serve", str(_workspace(tmp_path)), "--port", "8123", "--workers", "1"]) == 0
    (app, options), = served
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert "workers" not in options  # one process: the app itself
    assert options["proxy_headers"] is False and options["root_path"] == ""
    assert "open http://127.0.0.1:8123/ in a browser" in capsys.readouterr().out
    with TestClient(app, follow_redirects=False) as http:
        client = Client(http)
        assert client.login("IOP", PASSWORD).status_code == 303
        assert client.get("/plans").status_code == 200


def test_serve_runs_a_few_pages_at_once_with_the_collector_set_for_serving(tmp_path, served):
    import gc

    from casedu.web import serving

    gc.set_threshold(700, 10, 10)
    assert main(["serve", str(_workspace(tmp_path)), "--workers", "1"]) == 0
    (app, _options), = served
    assert app.app.state.portal.settings.threads == serving.PAGES_AT_ONCE == 4
    assert gc.get_threshold() == serving.COLLECTOR == (50_000, 20, 100)


def test_a_worker_runs_a_few_pages_at_once_with_the_collector_set_for_serving(
        tmp_path, monkeypatch):
    import gc

    from casedu.web import serving

    _forget_the_store(monkeypatch)
    serving.name_the_store(_workspace(tmp_path))
    gc.set_threshold(700, 10, 10)
    app = serving.worker_app()
    assert app.app.state.portal.settings.threads == serving.PAGES_AT_ONCE
    assert gc.get_threshold() == serving.COLLECTOR


def test_serve_reads_the_database_url_from_the_environment(tmp_path, served, monkeypatch,
                                                           capsys):
    monkeypatch.setenv("CASEDU_DATABASE_URL", f"sqlite:///{_workspace(tmp_path)}")
    assert main(["serve", "--proxy-headers", "--root-path", "/casedu/", "--workers", "1"]) == 0
    (_, options), = served
    assert options["proxy_headers"] is True and options["root_path"] == "/casedu"
    assert options["forwarded_allow_ips"] == "127.0.0.1"
    out = capsys.readouterr().out
    assert "CASEDU_DATABASE_URL" in out and "/casedu/" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["serve", "--demo", "x.casedu"], "--demo makes its own workspace"),
    (["serve", "--port", "70000", "x.casedu"], "a port is 1 to 65535"),
    (["serve", "--workers", "0", "x.casedu"], "at least one process"),
])
def test_serve_refuses_bad_usage(argv, message, capsys, served):
    assert main(argv) == 2 and message in capsys.readouterr().err
    assert served == []


def test_serve_with_workers_hands_uvicorn_a_factory_and_names_the_store_for_it(
        tmp_path, served, monkeypatch, capsys):
    from casedu.web import serving

    _forget_the_store(monkeypatch)
    monkeypatch.chdir(tmp_path)
    _workspace(tmp_path)
    assert main(["serve", "iop.casedu", "--workers", "3"]) == 0
    (app, options), = served
    assert app == serving.WORKER_APP == "casedu.web.serving:worker_app"
    assert options["workers"] == 3 and options["factory"] is True
    assert "with 3 workers" in capsys.readouterr().out
    # a worker starts elsewhere: the store is named absolutely, in the environment it inherits
    assert os.environ["CASEDU_DATABASE_URL"] == str(tmp_path / "iop.casedu")
    monkeypatch.chdir("/")
    with TestClient(serving.worker_app(), follow_redirects=False) as http:
        client = Client(http)
        assert client.login("IOP", PASSWORD).status_code == 303
        assert client.get("/plans").status_code == 200


def test_serve_starts_a_worker_for_each_processor_unless_told(tmp_path, served, monkeypatch):
    _forget_the_store(monkeypatch)
    assert main(["serve", str(_workspace(tmp_path))]) == 0
    (_app, options), = served
    processors = len(os.sched_getaffinity(0))
    assert options.get("workers", 1) == processors


def test_serve_on_one_processor_runs_the_app_in_its_own_process(tmp_path, served, monkeypatch):
    _forget_the_store(monkeypatch)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert main(["serve", str(_workspace(tmp_path))]) == 0
    (_app, options), = served
    assert "workers" not in options and "factory" not in options  # the app itself


def test_a_worker_opens_the_schema_and_prefix_the_environment_names(tmp_path, monkeypatch):
    from casedu.web import serving

    _forget_the_store(monkeypatch)
    workspace = _workspace(tmp_path)
    opened = []

    def open_store(target, **options):
        opened.append((target, options))
        return SqliteStore.open(workspace)

    monkeypatch.setattr("casedu.store.open_store", open_store)
    serving.name_the_store("postgresql+psycopg://casedu@db/portal", prefix="casedu_",
                           schema="stats")
    with TestClient(serving.worker_app()) as http:
        assert http.get("/login").status_code == 200
    assert opened == [("postgresql+psycopg://casedu@db/portal",
                       {"prefix": "casedu_", "schema": "stats"})]


def _forget_the_store(monkeypatch) -> None:
    """The names of the store left out of the environment, and put back after the test."""
    for name in ("CASEDU_DATABASE_URL", "CASEDU_TABLE_PREFIX", "CASEDU_DATABASE_SCHEMA"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


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
                                str(port), "--workers", "2"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env)
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
        _walk_with_one_session(f"http://127.0.0.1:{port}")
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, out
    assert out.count("Started server process") == 2  # two workers, each with its app
    assert "casedu serve: stopped" in out
    assert not list(tmp_path.glob("casedu-demo-*"))


def _walk_with_one_session(address: str) -> None:
    """A login, then pages asked on new connections (each may reach either worker): the
    session is the store's, so every worker knows it (on its initial password, every page
    sends the browser to 修改密码, never back to the login)."""
    import httpx

    with httpx.Client(base_url=address, follow_redirects=False) as http:
        client = Client(http)
        assert client.login("DEMO", "DEMO654321").status_code == 303
        for _ in range(8):
            answer = http.get("/plans", headers={"Connection": "close"})
            assert answer.status_code == 303
            assert answer.headers["location"].endswith("/password")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_logs_casedus_errors_in_every_worker(tmp_path, served, monkeypatch, workers):
    """uvicorn applies its logging configuration in its process and in each worker it starts:
    the one ``casedu serve`` hands it sends casedu's events (a 500 page's cause with its
    traceback) to standard error beside uvicorn's own, where the library alone prints none."""
    _forget_the_store(monkeypatch)
    assert main(["serve", str(_workspace(tmp_path)), "--workers", workers]) == 0
    (_app, options), = served
    config = options["log_config"]
    assert config["loggers"]["uvicorn"]["handlers"] == ["default"]  # uvicorn's own kept
    program = ("import json, logging.config, sys\n"
               "logging.config.dictConfig(json.loads(sys.argv[1]))\n"
               "from casedu.logs import logger\n"
               "try:\n"
               "    {}['plans']\n"
               "except KeyError:\n"
               "    logger('web').exception('an error no page handled at /plans')\n"
               "logger('web').info('refused at /plans: not yours')\n"
               "logger('store').debug('not shown')\n")
    import json

    done = subprocess.run([sys.executable, "-c", program, json.dumps(config)],
                          capture_output=True, text=True, timeout=60, check=True)
    assert "ERROR:" in done.stderr and "casedu.web: an error no page handled at /plans" \
        in done.stderr
    assert "Traceback" in done.stderr and "KeyError: 'plans'" in done.stderr
    assert "casedu.web: refused at /plans: not yours" in done.stderr
    assert "not shown" not in done.stderr
    # and without it, the library prints nothing (its NullHandler)
    bare = subprocess.run([sys.executable, "-c", program.split("\n", 2)[2]],
                          capture_output=True, text=True, timeout=60, check=True)
    assert "an error no page handled" not in bare.stderr
