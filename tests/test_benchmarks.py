"""The benchmarks' pandas baseline is an independent implementation of the figures: it must
agree with casedu on an academy, and the quick benchmark must run."""

import time

import pytest

from benchmarks import baselines
from benchmarks.academy import YEAR, academy
from benchmarks.run import main
from casedu.metrics import annual_figures, screen_backbone, year_hours


@pytest.fixture(scope="module")
def small_academy():
    return academy(0.003)


def test_pandas_and_casedu_agree(small_academy):
    data = small_academy
    table = baselines.pandas_figures(baselines.frames(data))
    hours = year_hours(data, YEAR)
    for institute in data.institutes:
        ours = annual_figures(data, institute.code, YEAR, hours=hours)
        screen = screen_backbone(data, institute.code, YEAR, hours=hours)
        theirs = table.loc[institute.code]
        assert len(ours.in_service) == theirs["in_service"]
        assert len(ours.assessed) == theirs["assessed"]
        assert len(ours.completed) == theirs["completed"]
        assert len(screen.eligible) == theirs["eligible"]
        assert float(ours.total_hours) == pytest.approx(theirs["total_hours"])
        assert float(ours.plan_execution_rate) == pytest.approx(theirs["execution_rate"])


@pytest.mark.parametrize("baseline", ["plain Python", "pandas on integer codes"])
def test_the_exact_baselines_agree_with_casedu(small_academy, baseline):
    data = small_academy
    if baseline == "plain Python":
        table = baselines.plain_figures(baselines.plain_rows(data))
    else:
        table = baselines.pandas_coded_figures(baselines.coded_frames(data))
    hours = year_hours(data, YEAR)
    assert set(table) == {i.code for i in data.institutes}
    for institute in data.institutes:
        ours = annual_figures(data, institute.code, YEAR, hours=hours)
        screen = screen_backbone(data, institute.code, YEAR, hours=hours)
        theirs = table[institute.code]
        assert theirs["in_service"] == len(ours.in_service)
        assert theirs["assessed"] == len(ours.assessed)
        assert theirs["completed"] == len(ours.completed)
        assert theirs["eligible"] == len(screen.eligible)
        assert theirs["total_hours"] == ours.total_hours * baselines.UNITS


@pytest.mark.slow
def test_the_quick_benchmark_runs(capsys):
    assert main(["--quick", "--only", "figures"]) == 0
    out = capsys.readouterr().out
    assert "| summary + screen, every institute |" in out
    assert "pandas groupby on prebuilt frames" in out
    assert "casedu, columnar engine, columns made before" in out
    assert "pandas groupby on integer-coded frames" in out
    assert "pandas on integer-coded frames, coded from the same records" in out
    assert "plain Python dict loops, rows built from the same records" in out


def test_the_startup_benchmark_runs_every_job(capsys):
    from benchmarks import startup

    assert startup.main(["--runs", "1"]) == 0
    out = capsys.readouterr().out
    for job in ("python -c pass", "import casedu", "casedu --help", "casedu summary WORKSPACE"):
        assert f"| {job} |" in out


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_start_up_floor_gives_the_summary_s_figures(tmp_path, year):
    """The floor of the academy's ``casedu summary`` (one query on sqlite3) prints the
    command's JSON, digit for digit, for a year with records and one without."""
    import subprocess
    import sys

    from benchmarks.startup import FLOOR
    from casedu.sample import sample_dataset
    from casedu.store import SqliteStore

    workspace = tmp_path / "ws.casedu"
    with SqliteStore.open(workspace, create=True) as store:
        store.replace_all(sample_dataset())
    floor = subprocess.run([sys.executable, "-c", FLOOR, str(workspace), "DEMO", str(year)],
                           capture_output=True, text=True, check=True).stdout
    command = subprocess.run([sys.executable, "-m", "casedu", "summary", str(workspace),
                              "--institute", "DEMO", "--year", str(year), "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
    assert floor == command
    assert ('"total_hours": "0"' in floor) is (year == 2025)  # the sample's year has hours


def test_the_loading_benchmark_loads_the_records_the_generator_makes(capsys):
    from benchmarks import loading

    assert loading.main(["--scale", "0.003", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "| load_dataset(file) |" in out and "| the generator's objects |" in out
    assert "| json.load(file) |" in out
    assert "9,000 records" in out


@pytest.mark.slow
def test_the_bulk_load_benchmark_checks_the_floor_holds_casedu_s_rows(tmp_path, capsys):
    from benchmarks import bulk_load
    from benchmarks.academy import academy
    from casedu.dataset import save_dataset

    save_dataset(academy(0.003), tmp_path / "a.json")
    assert bulk_load.main(["--file", str(tmp_path / "a.json"), "--runs", "1",
                           "--engines", "sqlite"]) == 0
    assert "| sqlite |" in capsys.readouterr().out


@pytest.mark.slow
def test_the_pdf_benchmark_reads_every_plan_back_from_every_contender(capsys):
    from benchmarks import pdf

    assert pdf.main(["--rows", "40", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "every plan in order" in out
    assert out.count("| casedu pdf") == 1 and "500-row Tables" in out and "one Table" in out


@pytest.mark.parametrize("people", [1, 10, 100])
def test_a_tiny_academy_is_made_with_as_many_classes_as_its_plans_and_people_allow(people):
    from benchmarks.academy import academy

    data = academy(people / 70_000)  # fewer pairs of a plan and a person than records wanted
    pairs = {(a.plan, a.person) for a in data.attendance}
    assert len(pairs) == len(data.attendance) > 0
    assert len(pairs) <= len(data.plans) * len(data.people) // 2


def test_the_odf_benchmark_reads_the_same_rows_and_says_what_a_cut_file_does():
    from benchmarks.odf import run

    report = run(rows=60, runs=1)
    assert "| casedu read_rows |" in report and "refused: FileRefusedError" in report
    # odfpy reads half a file without a word: what keeps it away from imports
    odfpy = next(line for line in report.splitlines() if line.startswith("| odfpy load"))
    assert odfpy.endswith("rows, no error |")
    assert "| people.ods |" in report and "| workbook.ods |" in report


def test_the_frames_benchmark_checks_each_form_against_the_exact_sums():
    pytest.importorskip("pyarrow")
    from benchmarks.frames import run

    report = run(rows=30_000, runs=1)
    line = {row.split(" | ")[0].lstrip("| "): row for row in report.splitlines()
            if row.startswith("| ") and not row.startswith("| form")}
    assert "| yes | 0 of 10,000 |" in line["decimal128 (to_frame)"]
    assert "| 0 of 10,000 |" not in line["float64"]  # three hours a person: some sums are off
    assert "describe (ArrowTypeError)" in report  # what pandas cannot do with decimal128 yet


def test_the_engines_benchmark_times_each_engine_against_its_floor(capsys):
    from benchmarks import engines

    assert engines.main(["--scale", "0.01", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "| columnar engine, making its columns |" in out
    assert "| pandas on integer codes, coding its frames |" in out
    assert "columnar / pandas on integer codes:" in out


def test_the_pages_benchmark_counts_the_processor_time_of_the_server_and_its_workers():
    """benchmarks.web's accounting: a process's time counts for the server when it is the
    server or started by it (a worker), whenever it started."""
    import os
    import signal
    import subprocess
    import sys

    from benchmarks.web import MachineTime, percentile, processes

    assert processes()[os.getpid()][0] == os.getppid()
    burn = ("import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
            "\ntime.sleep(30)")
    server = subprocess.Popen([sys.executable, "-c", f"import subprocess, sys, time\n"
                               f"subprocess.Popen([sys.executable, '-c', {burn!r}])\n"
                               f"time.sleep(30)"], start_new_session=True)
    try:
        used = MachineTime(server.pid)
        deadline = time.monotonic() + 60
        while used.spent()["server"] < 0.3 and time.monotonic() < deadline:
            time.sleep(0.1)
        spent = used.spent()
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # the server and its worker
        server.wait()
    assert spent["server"] >= 0.3  # the worker's, while it ran
    assert spent["machine"] >= spent["server"]
    assert percentile([5, 1, 4, 2, 3], 0.95) == 5 and percentile([5, 1, 4, 2, 3], 0.5) == 3


def test_the_serving_stack_benchmark_reads_whole_pages_and_counts_the_server_s_time():
    """benchmarks.web_stack: each request's whole page is read before the next goes out, and
    the server's processor time is its own process's."""
    pytest.importorskip("uvicorn")
    from benchmarks.web_stack import PAGE_BYTES, measure

    server_ms, wall_ms = measure("h11", "asyncio", 50)
    assert server_ms >= 0 and wall_ms > 0
    assert PAGE_BYTES > 20000


def test_the_pages_benchmark_counts_the_connections_each_process_of_the_server_holds():
    """benchmarks.web: the server's side of each connection to its port, by the process that
    holds it (not the client's side, not a listening socket)."""
    import socket
    import subprocess
    import sys

    from benchmarks.web import connections_per_process

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = (f"import socket, time\nserver = socket.create_server(('127.0.0.1', {port}))\n"
            "held = [server.accept()[0] for _ in range(3)]\nprint('ok', flush=True)\n"
            "time.sleep(30)")
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    clients = []
    try:
        deadline = time.monotonic() + 30
        while len(clients) < 3 and time.monotonic() < deadline:
            try:
                clients.append(socket.create_connection(("127.0.0.1", port)))
            except OSError:
                time.sleep(0.05)
        assert server.stdout is not None and server.stdout.readline() == "ok\n"
        assert connections_per_process(server.pid, port) == [3]
    finally:
        for client in clients:
            client.close()
        server.kill()
        server.wait()
