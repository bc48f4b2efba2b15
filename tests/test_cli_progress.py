"""Long commands show tqdm bars on standard error when it is a terminal (a pseudo-terminal
here), nothing in a pipe, nothing with --quiet (issue: long work shows progress)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from casedu.cli import main
from casedu.dataset import save_dataset
from casedu.sample import SAMPLE_INSTITUTE, sample_dataset

#: tqdm's own variable: a bar from the first moment (casedu waits half a second by default,
#: so that a quick command shows none)
ENV = {**os.environ, "TQDM_DELAY": "0"}


def casedu(tmp_path: Path, *argv: object, terminal: bool) -> tuple[int, str, str]:
    """Run the command line in a process of its own with standard error on a pseudo-terminal
    of 100 columns (or a pipe); standard output is a pipe in both cases."""
    command = [sys.executable, "-m", "casedu", *map(str, argv)]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=tmp_path,
                              stdin=subprocess.DEVNULL, timeout=300)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=slave, env=ENV, cwd=tmp_path,
                          stdin=subprocess.DEVNULL) as process:
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the command ended and the terminal is closed
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        assert process.stdout is not None
        out = process.stdout.read().decode()
        code = process.wait(timeout=300)
    return code, out, b"".join(chunks).decode(errors="replace")



def in_process(monkeypatch, capsys, *argv: object, terminal: bool) -> tuple[int, str, str]:
    """Run ``casedu.cli.main`` here with standard error on a pseudo-terminal (read by a
    thread, so that a full terminal never blocks the command), or captured by pytest."""
    monkeypatch.setenv("TQDM_DELAY", "0")
    capsys.readouterr()
    if not terminal:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    terminal_stream = open(slave, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        monkeypatch.setattr(sys, "stderr", terminal_stream)
        code = main([str(a) for a in argv])
    finally:
        monkeypatch.undo()
        terminal_stream.close()
        reader.join(timeout=60)
        os.close(master)
    return code, capsys.readouterr().out, b"".join(chunks).decode(errors="replace")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A dataset file, a workspace made from it and an import file."""
    folder = tmp_path_factory.mktemp("progress")
    save_dataset(sample_dataset(2026), folder / "data.json")
    assert main(["init", str(folder / "ws.casedu"), "--from", str(folder / "data.json")]) == 0
    rows = ["人员编号,姓名"] + [f"n{i},某人{i}" for i in range(1_500)]
    (folder / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "statements.jsonl").write_text("", encoding="utf-8")  # read, with nothing in it
    return folder


def _command(folder: Path, name: str, new: Path) -> tuple[list[object], list[str]]:
    """A command writing into the folder ``new`` and the labels of the bars it shows."""
    scope = ["--institute", SAMPLE_INSTITUTE, "--year", "2026"]
    new.mkdir()
    return {
        "init": (["init", new / "new.casedu", "--from", folder / "data.json"],
                 ["reading data.json", "writing "]),
        "dump": (["dump", folder / "ws.casedu", "--output", new / "out.json"],
                 ["reading ", "writing out.json"]),
        "import": (["import", folder / "ws.casedu", "people", folder / "people.csv",
                    *scope[:2]], ["reading people.csv", " rows", "writing "]),
        "xapi": (["import", folder / "ws.casedu", "xapi", folder / "statements.jsonl",
                  *scope[:2], "--dry-run"], ["reading statements.jsonl", " statements"]),
        "export": (["export", "staff-overview", folder / "ws.casedu", *scope,
                    "--output", new / "staff.xlsx"], ["writing staff.xlsx", " rows"]),
        "demo": (["demo", "--output", new / "demo"], [f"writing {new / 'demo'}", " files"]),
    }[name]


COMMANDS = ["init", "dump", "import", "xapi", "export", "demo"]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_long_command_shows_its_bars_on_a_terminal(made, monkeypatch, capsys, name):
    argv, labels = _command(made, name, made / f"{name}-terminal")
    code, out, err = in_process(monkeypatch, capsys, *argv, terminal=True)
    assert code == 0, err
    for label in labels:
        assert label in err, (label, err)
    assert "%|" in err or "/s]" in err  # tqdm's bar or its count and rate
    assert "\r" not in out and "%|" not in out  # nothing of a bar in the command's output


@pytest.mark.parametrize("name", COMMANDS)
def test_nothing_of_a_bar_in_a_pipe(made, monkeypatch, capsys, name):
    argv, labels = _command(made, name, made / f"{name}-pipe")
    code, _, err = in_process(monkeypatch, capsys, *argv, terminal=False)
    assert code == 0, err
    assert "\r" not in err and "%|" not in err and "/s]" not in err, err
    assert labels[0] not in err


@pytest.mark.parametrize(("name", "where"), [("init", "-q"), ("export", "--quiet"),
                                             ("demo", "--quiet")])
def test_quiet_shows_nothing_on_a_terminal(made, monkeypatch, capsys, name, where):
    argv, _ = _command(made, name, made / f"{name}-quiet{where}")
    # before the command (casedu -q init ...) and after it (casedu init --quiet ...)
    argv = [where, *argv] if where == "-q" else [*argv, where]
    code, out, err = in_process(monkeypatch, capsys, *argv, terminal=True)
    assert code == 0, err
    assert "\r" not in err and "%|" not in err and "/s]" not in err, err
    assert out


@pytest.mark.slow  # two interpreters started on a busy machine
def test_the_command_line_on_a_real_terminal(made, tmp_path):
    """End to end: a process of its own, standard error a pseudo-terminal, then a pipe."""
    code, out, err = casedu(made, "init", tmp_path / "a.casedu", "--from", "data.json",
                            terminal=True)
    assert code == 0 and "reading data.json" in err and "made workspace" in out, err
    code, out, err = casedu(made, "init", tmp_path / "b.casedu", "--from", "data.json",
                            terminal=False)
    assert code == 0 and "made workspace" in out and "\r" not in err and "reading" not in err
