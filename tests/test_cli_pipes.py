"""A closed pipe ends a command quietly, as Unix tools end: no traceback, the status a shell
reports for a tool that a closed pipe stopped (128 + SIGPIPE)."""

import os
import signal
import subprocess
import sys

import pytest

from casedu.dataset import save_dataset
from casedu.sample import sample_dataset

CLOSED_PIPE = 128 + signal.SIGPIPE


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("pipes") / "data.json"
    save_dataset(sample_dataset(), path)
    return path


def _casedu(*argv):
    return [sys.executable, "-m", "casedu", *map(str, argv)]


def _into_closed_pipe(*argv):
    """Run casedu with its standard output a pipe whose reader has gone before it writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(_casedu(*argv), stdout=write, stderr=subprocess.PIPE,
                              timeout=120)
    finally:
        os.close(write)
    return done.returncode, done.stderr.decode()


@pytest.mark.parametrize("argv", [
    ("summary", "{data}", "--institute", "DEMO", "--year", "2026", "--format", "json"),
    ("export", "staff-overview", "{data}", "--institute", "DEMO", "--year", "2026", "--format",
     "csv", "--output", "-"),
    ("--help",),
    ("--print-completion", "bash"),
], ids=["summary-json", "export-to-stdout", "help", "completion"])
def test_a_closed_pipe_ends_the_command_quietly(data, argv):
    code, err = _into_closed_pipe(*(a.format(data=data) for a in argv))
    assert "Traceback" not in err and "BrokenPipeError" not in err and "Exception" not in err
    assert err == "" or err.startswith("warning:"), err
    # argparse drops what it cannot write of --help: quiet, and done
    assert code == (0 if argv == ("--help",) else CLOSED_PIPE)


def test_head_reads_the_first_line_and_the_command_stops(data, tmp_path):
    """`casedu export … --output - | head -1` in a real shell: head has its line, casedu stops
    without a word, and the pipeline's status is what a shell gives for a closed pipe."""
    command = " ".join(_casedu("export", "staff-overview", data, "--institute", "DEMO",
                               "--year", "2026", "--format", "csv", "--output", "-"))
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | head -1"],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.count("\n") == 1 and "," in done.stdout
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr, done.stderr
    assert done.returncode in (0, CLOSED_PIPE)


def test_an_open_pipe_is_read_whole(data):
    done = subprocess.run(_casedu("summary", data, "--institute", "DEMO", "--year", "2026",
                                  "--format", "json"), capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout.rstrip().endswith(b"}")
