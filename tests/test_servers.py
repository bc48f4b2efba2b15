"""A run of the tests on a machine whose database servers do not answer: one line at the start
names each server and the command that starts it; its tests are skipped, or fail where the
servers are required (CI), each with that line and no driver's traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engines import START

ROOT = Path(__file__).resolve().parent.parent
#: A store test of every engine: SQLite, PostgreSQL, MariaDB.
ONE_TEST = "tests/store/test_sql_store.py::test_a_dataset_goes_in_and_comes_back_equal"


def closed_port() -> int:
    """A port of this machine that nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_without_servers(**environ: str) -> tuple[int, str, tuple[int, int]]:
    ports = closed_port(), closed_port()
    env = {name: value for name, value in os.environ.items()
           if name != "CASEDU_REQUIRE_SERVERS"}
    env.update(CASEDU_TEST_POSTGRESQL=f"postgresql+psycopg://postgres@127.0.0.1:{ports[0]}/test",
               CASEDU_TEST_MARIADB=f"mysql+pymysql://root@127.0.0.1:{ports[1]}/test", **environ)
    done = subprocess.run([sys.executable, "-m", "pytest", "-n0", "-rs", ONE_TEST],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr, ports


def start_line(output: str, name: str, port: int) -> str:
    """The line that names the server at the start, said once (the tests' own reports repeat
    its reason)."""
    lines = [line for line in output.splitlines()
             if line.startswith(f"{name} does not answer on 127.0.0.1:{port}")
             and "; its tests " in line]
    assert len(lines) == 1, output
    assert output.index(lines[0]) < output.index("test session starts"), output
    return lines[0]


@pytest.mark.slow
def test_a_local_run_without_servers_says_so_once_and_skips_their_tests():
    code, output, (pg, maria) = run_without_servers()
    assert code == 0, output
    postgresql = start_line(output, "PostgreSQL", pg)
    mariadb = start_line(output, "MariaDB", maria)
    assert START["postgresql"] in postgresql and START["mariadb"] in mariadb
    assert postgresql.endswith("its tests are skipped")
    assert "1 passed, 2 skipped" in output  # SQLite runs; the servers' tests are skipped
    skipped = [line for line in output.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 2 and all("does not answer" in line for line in skipped)
    assert "Traceback" not in output and "OperationalError" not in output


@pytest.mark.slow
def test_where_servers_are_required_their_tests_fail_with_the_same_line():
    code, output, (pg, maria) = run_without_servers(CASEDU_REQUIRE_SERVERS="1")
    assert start_line(output, "MariaDB", maria)
    assert code == 1, output
    assert start_line(output, "PostgreSQL", pg).endswith(
        "its tests fail (CASEDU_REQUIRE_SERVERS=1)")
    assert "1 passed, 2 errors" in output  # their stores cannot be made: CI fails
    assert output.count("ERROR at setup") == 2
    assert "Traceback" not in output and "OperationalError" not in output
