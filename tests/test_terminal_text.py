"""Text that came from outside never reaches a terminal raw: the command line's tables, its
error messages and its log show every control character (ESC, BEL, CR, NUL, U+202E) escaped,
so a plan id or a file name cannot move the cursor, retitle the window or hide a line."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from casedu.cli.output import render_table
from tests.test_cli_workspace import run, workspace  # noqa: F401 - the fixture

CONTROLS = "\x1b[2J\x1b]0;owned\x07\rX\x00\u202e"


def _raw(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0
            or c == "\u202e"]


def test_a_table_shows_control_characters_escaped():
    table = render_table(["id", "name"], [[f"P1{CONTROLS}", "张伟"]])
    assert _raw(table) == []
    assert "P1\\x1b[2J\\x1b]0;owned\\x07\\x0dX\\x00\\u202e" in table


def test_casedu_audit_escapes_what_the_audit_holds(workspace, capsys):  # noqa: F811
    """An audit row written by an earlier casedu, or behind casedu's back, with raw controls."""
    code, _, _ = run(capsys, "review", workspace, "E1", "--approve", "--institute", "IOP")
    assert code == 0
    with sqlite3.connect(workspace) as db:
        db.execute("UPDATE audit_events SET record = ?, actor = ?", (f"plan {CONTROLS}",
                                                                     f"cli{CONTROLS}"))
    db.close()
    code, out, err = run(capsys, "audit", workspace, "--institute", "IOP")
    assert code == 0, err
    assert _raw(out) == [] and "plan \\x1b[2J" in out and "cli\\x1b[2J" in out


def test_an_error_message_escapes_what_it_names(tmp_path, capsys):
    name = tmp_path / f"ws{CONTROLS.replace(chr(0), '')}.casedu"  # argv holds no NUL
    code, out, err = run(capsys, "summary", name, "--institute", "IOP", "--year", "2026")
    assert code != 0 and out == ""
    assert _raw(err) == [] and "ws\\x1b[2J" in err


def test_the_log_escapes_what_it_names(workspace, capsys, caplog):  # noqa: F811
    with caplog.at_level(logging.DEBUG, logger="casedu"):
        run(capsys, "-vv", "summary", workspace, "--institute", f"IOP{CONTROLS[:-2]}",
            "--year", "2026")
    err = capsys.readouterr().err
    assert _raw(err) == []
    for record in caplog.records:
        assert _raw(record.getMessage()) == [], record.getMessage()


@pytest.mark.parametrize("newline", ["\n"])
def test_a_message_of_several_lines_keeps_its_lines(newline, tmp_path, capsys):
    data = tmp_path / "bad.json"
    data.write_text('{"format": "casedu.dataset", "version": 1, "people": [1, 2]}',
                    encoding="utf-8")
    code, _, err = run(capsys, "summary", data, "--institute", "IOP", "--year", "2026")
    assert code != 0 and err.count(newline) >= 2, err
