"""The workspace survives its users: no command writes over one of its inputs, files that are
not workspaces are never modified, a damaged workspace is refused before anything is read or
written, stored values are checked when read, killed writers leave nothing behind, and two
first-time commands at once both succeed."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from casedu.dataset import save_dataset
from casedu.errors import ConflictError
from casedu.files import remove_stale_parts
from casedu.services import Workflow
from casedu.services.changes import Change
from casedu.store import SqliteStore, WorkspaceError
from tests.services.world import NOW, world_dataset
from tests.test_cli_workspace import run
from tests.test_cli_workspace import workspace as made  # noqa: F401 - a fixture


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workspace(made, capsys):  # noqa: F811 - the fixture imported above
    """The workspace of the command-line tests, its command-line account made."""
    assert run(capsys, "pending", made, "--institute", "IOP")[0] == 0
    return made


@pytest.mark.parametrize("argv", [
    ["dump", "{ws}", "--output", "{ws}"],
    ["dump", "{ws}", "--output", "{dir}/../{dirname}/iop.casedu"],
    ["backup", "{ws}", "--output", "{ws}"],
    ["export", "summary", "{ws}", "--institute", "IOP", "--year", "2026", "--format", "json",
     "--output", "{ws}"],
    ["init", "{dir}/data.json", "--from", "{dir}/data.json"],
])
def test_no_command_writes_over_one_of_its_inputs(workspace, capsys, argv):
    before = {p: digest(p) for p in workspace.parent.iterdir() if p.is_file()}
    values = {"ws": workspace, "dir": workspace.parent, "dirname": workspace.parent.name}
    code, _, err = run(capsys, *[a.format(**values) for a in argv])
    assert code == 2 and "an input of this command" in err
    after = {p: digest(p) for p in workspace.parent.iterdir() if p.is_file()}
    assert {p: d for p, d in after.items() if p.suffix != ".casedu-wal"} == \
        {p: d for p, d in before.items() if p.suffix != ".casedu-wal"}
    assert SqliteStore.open(workspace).state().accounts  # accounts are still there


@pytest.mark.parametrize("content", [b"", b"hello", b"SQLite format 3\x00" + b"\x00" * 100])
def test_files_that_are_not_workspaces_are_refused_untouched(tmp_path, capsys, content):
    path = tmp_path / "given.casedu"
    path.write_bytes(content)
    for argv in (["pending", path], ["dump", path, "--output", tmp_path / "o.json"],
                 ["summary", path, "--institute", "IOP", "--year", "2026"]):
        code, _, err = run(capsys, *argv)
        assert code == 1 and str(path) in err, err
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["given.casedu"]


def test_another_sqlite_database_is_refused_and_left_exactly_as_it_was(tmp_path, capsys):
    path = tmp_path / "portal.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE users (name TEXT)")
    db.commit()
    db.close()
    before = digest(path)
    code, _, err = run(capsys, "pending", path, "--institute", "IOP")
    assert code == 1 and "not a casedu workspace" in err
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portal.db"]  # no WAL made


def damage(path, offset_pages=3, size=4096):
    data = bytearray(path.read_bytes())
    start = min(offset_pages * 4096, len(data) - size)
    for i in range(start, start + size):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def settle(workspace):
    """Everything in the main file and no write-ahead log beside it: a workspace closed
    cleanly."""
    with SqliteStore.open(workspace) as store:
        store.state()
    db = sqlite3.connect(workspace)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert not (workspace.parent / f"{workspace.name}-wal").exists()


def unread_page(path):
    """The root page of the audit's index by institute, which no command here reads."""
    db = sqlite3.connect(path)
    (root,), = db.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                          "'audit_events_institute_row_id'").fetchall()
    db.close()
    return root - 1


def damage_every_page_but_the_first(path):
    size = path.stat().st_size
    for page in range(1, size // 4096):
        damage(path, page)


@pytest.mark.parametrize("argv", [
    ["dump", "{ws}", "--output", "{dir}/out.json"],
    ["backup", "{ws}", "--output", "{dir}/copy.casedu"],
    ["check-store", "{ws}"],
    ["import", "{ws}", "xapi", "{dir}/none.jsonl"],
    ["summary-create", "{ws}", "--year", "2026"],
    ["summary", "{ws}", "--institute", "IOP", "--year", "2026"],
])
def test_a_damaged_workspace_is_refused_with_what_to_do(workspace, capsys, argv):
    settle(workspace)
    damage_every_page_but_the_first(workspace)  # whatever a command reads is damaged
    before = digest(workspace)
    values = {"ws": workspace, "dir": workspace.parent}
    code, _, err = run(capsys, *[a.format(**values) for a in argv])
    assert code == 1 and "restore" in err and "backup" in err, err
    assert digest(workspace) == before
    assert not (workspace.parent / "out.json").exists()
    assert not (workspace.parent / "copy.casedu").exists()


@pytest.mark.parametrize("argv", [
    ["backup", "{ws}", "--output", "{dir}/copy.casedu"],
    ["check-store", "{ws}"],
])
def test_backup_and_check_store_read_every_page(workspace, capsys, argv):
    settle(workspace)
    damage(workspace, unread_page(workspace))
    code, _, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026")
    assert code == 0  # a command that does not read the page does not see it
    values = {"ws": workspace, "dir": workspace.parent}
    code, _, err = run(capsys, *[a.format(**values) for a in argv])
    assert code == 1 and "is damaged (" in err and "restore the backup" in err, err
    assert not (workspace.parent / "copy.casedu").exists()


def test_a_workspace_left_by_a_crash_is_checked_before_it_is_read(workspace, capsys):
    settle(workspace)
    page = unread_page(workspace)
    code, _, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026")
    assert code == 0
    # a writer killed before it closed the file leaves its write-ahead log beside it
    writer = textwrap.dedent(f"""
        import os, sqlite3
        db = sqlite3.connect({str(workspace)!r})
        db.execute("UPDATE summaries SET year = year")
        db.commit()
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", writer], check=True)
    assert (workspace.parent / f"{workspace.name}-wal").stat().st_size > 0
    damage(workspace, page)
    before = digest(workspace)
    code, _, err = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026")
    assert code == 1 and "is damaged (" in err and "restore the backup" in err, err
    assert digest(workspace) == before


def test_an_empty_log_left_by_a_reader_is_no_crash(workspace, capsys):
    settle(workspace)
    page = unread_page(workspace)
    (workspace.parent / f"{workspace.name}-wal").write_bytes(b"")  # as a read-only reader
    damage(workspace, page)
    code, _, err = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026")
    assert code == 0, err  # not checked: the page is not read
    code, _, err = run(capsys, "backup", workspace, "--output", workspace.parent / "c.casedu")
    assert code == 1 and "is damaged (" in err


def test_check_store_names_a_row_past_the_rules(workspace, capsys):
    code, out, _ = run(capsys, "check-store", workspace)
    assert code == 0 and "sound" in out
    _edit(workspace, "UPDATE external_learning SET hours = ? WHERE id = 'E1'", -5, checks=False)
    code, _, err = run(capsys, "check-store", workspace)
    assert code == 1 and "table external_learning row" in err and "hours: must be" in err, err


def _edit(ws, sql, *params, checks=True):
    db = sqlite3.connect(ws)
    try:
        if not checks:  # as a byte-level edit, or a tool that ignores them, would
            db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute(sql, params)
        db.commit()
    finally:
        db.close()


STORED = [
    ("UPDATE casedu_revision SET version_num = ?", ("x",), "revision 'x'"),
    ("UPDATE casedu_revision SET version_num = ?", ("-1",), "revision '-1'"),
    ("UPDATE external_learning SET start = ? WHERE id = 'E1'", ("2026-02-30",),
     "table external_learning row"),
    ("UPDATE external_learning SET hours = ? WHERE id = 'E1'", ("1e400",),
     "table external_learning row"),
    ("UPDATE external_learning SET hours = ? WHERE id = 'E1'", ("9" * 40,),
     "hours must be at most 2000"),
    ("UPDATE external_learning SET hours = ? WHERE id = 'E1'", ("5.5",),
     "table external_learning row"),
    ("UPDATE online_learning SET hours = ?", (2_000_500_000,), "hours must be at most 2000"),
    ("UPDATE plans SET \"end\" = ? WHERE id = 'P1'", ("2026-13-01",), "table plans row"),
    ("UPDATE people SET name = ? WHERE id = 's1'", ("张\u202e伟",),
     "invisible or control character U+202E"),
    ("UPDATE plans SET status = ? WHERE id = 'P1'", ("done",), "table plans row"),
    ("UPDATE accounts SET grants = ? WHERE username = 'IOP'", ("not json",),
     "table accounts"),
    ("UPDATE accounts SET locked_until = ? WHERE username = 'IOP'", ("tomorrow",),
     "table accounts"),
]
#: The edits the workspace's own CHECK constraints refuse: hours, dates and states.
GUARDED = ("hours", "start", "\"end\"", "status")


@pytest.mark.parametrize(("sql", "params", "expected"), STORED, ids=[e for _, _, e in STORED])
def test_stored_values_are_checked_when_read(workspace, capsys, sql, params, expected):
    assert SqliteStore.open(workspace).get("accounts", ("IOP",))  # made by casedu init
    if "online_learning" in sql:
        from tests.builders import online

        SqliteStore.open(workspace).commit([Change(None, online("s1", "c1", "2"))], [])
    if any(f"SET {column} =" in sql for column in GUARDED):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            _edit(workspace, sql, *params)
    _edit(workspace, sql, *params, checks=False)
    code, _, err = run(capsys, "dump", workspace, "--output", workspace.parent / "o.json")
    assert code == 1 and expected in err, err
    assert "Traceback" not in err
    with pytest.raises(WorkspaceError, match="restore its backup"):
        store = SqliteStore.open(workspace)
        store.state()
        store.events()
    # the figures are summed by SQLite without making records: a value edited past the
    # checks refuses them, naming its table and row (the accounts are no part of them). The
    # summary reads the year's kept sums, which never hold a learning record edited so (it is
    # refused where it would be summed: docs/database.md); the backbone screen reads the
    # records themselves
    code, _, err = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026")
    assert "Traceback" not in err
    if "accounts" in sql:
        return
    if "_learning" in sql and "casedu_revision" not in sql:
        assert code == 0, err
        code, _, err = run(capsys, "backbone", workspace, "--institute", "IOP", "--year",
                           "2026")
        assert "Traceback" not in err
    assert code == 1 and ("table " in err or "revision" in err), err


def test_a_version_1_workspace_with_unsound_values_is_not_migrated(tmp_path):
    from tests.store.test_workspace_file import version_1_workspace

    path = version_1_workspace(tmp_path / "old.casedu", "1e400")
    before = digest(path)
    with pytest.raises(WorkspaceError, match="external_learning row 1"):
        SqliteStore.open(path)
    assert digest(path) == before


def test_a_killed_writer_leaves_a_part_file_that_the_next_write_removes(tmp_path):
    target = tmp_path / "report.xlsx"
    script = textwrap.dedent(f"""
        import os, signal
        from casedu.files import atomic_output
        with atomic_output({str(target)!r}) as stream:
            stream.write(b"half")
            stream.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode == -signal.SIGKILL
    (left,) = tmp_path.glob(".report.xlsx.*.part")
    assert not target.exists()
    from casedu.files import atomic_output

    with atomic_output(target) as stream:
        stream.write(b"whole")
    assert target.read_bytes() == b"whole"
    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_a_part_file_of_a_living_writer_is_kept(tmp_path):
    target = tmp_path / "out.pdf"
    mine = tmp_path / f".out.pdf.{os.getpid()}.abc.part"
    mine.write_bytes(b"")
    parent = tmp_path / f".out.pdf.{os.getppid()}.abc.part"
    parent.write_bytes(b"")
    assert remove_stale_parts(target) == []
    gone = tmp_path / ".out.pdf.999999999.abc.part"
    gone.write_bytes(b"")
    assert remove_stale_parts(target) == [gone]


def test_stale_parts_are_found_by_name_not_by_pattern(tmp_path):
    """A dead writer's file and its SQLite companions go; a name with a pattern's characters
    is read as text, and what only looks like a part file stays."""
    target = tmp_path / "年报[1]*.xlsx"
    dead = [tmp_path / f".{target.name}.999999999.abc{end}"
            for end in (".part", ".part-wal", ".part-journal")]
    kept = [tmp_path / f".{target.name}.999999999.abc.partial",
            tmp_path / f".{target.name}.part",
            tmp_path / ".年报1x.xlsx.999999999.abc.part",  # what the pattern [1]* matched
            tmp_path / f"{target.name}.999999999.abc.part"]
    for path in (*dead, *kept):
        path.write_bytes(b"")
    assert sorted(remove_stale_parts(target)) == sorted(dead)
    assert all(path.exists() for path in kept)


def test_two_first_time_commands_at_once_both_succeed(tmp_path, capsys):
    """The first command of an operating-system user makes its account; a second command that
    made it in the same moment is not an error."""
    from casedu.cli import acting

    data = tmp_path / "data.json"
    save_dataset(world_dataset(), data)
    ws = tmp_path / "iop.casedu"
    assert run(capsys, "init", ws, "--from", data)[0] == 0

    class Racing(SqliteStore):
        raced = False

        def get(self, section, key):
            seen = super().get(section, key)
            if section == "accounts" and not Racing.raced:  # the other command makes the
                Racing.raced = True                          # account right after we looked
                other = SqliteStore.open(ws)
                acting._cli_actor(other, Workflow(other, clock=lambda: NOW), "IOP")
            return seen

    store = Racing(ws)
    flow = Workflow(store, clock=lambda: NOW)
    actor = acting._cli_actor(store, flow, "IOP")
    assert actor.username.startswith("cli:") and Racing.raced
    accounts = [a for a in SqliteStore.open(ws).state().accounts if a.startswith("cli:")]
    assert accounts == [actor.username]


def test_check_store_names_the_people_whose_sums_a_record_written_beside_casedu_left_behind(
        workspace, capsys):
    """A record changed beside casedu (a valid value) is not in the sums of its person's year
    until casedu sums them again: check-store names the person, and --sum-again sums them."""
    code, out, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026")
    assert code == 0
    before = out
    _edit(workspace, "UPDATE external_learning SET status = 'approved' WHERE status = 'pending'")
    _edit(workspace, "UPDATE external_learning SET hours = hours + 7000000 "
          "WHERE status = 'approved'")
    code, _, err = run(capsys, "check-store", workspace)
    assert code == 1 and "table year_sums: the sums of" in err and "--sum-again" in err, err
    code, out, err = run(capsys, "check-store", workspace, "--sum-again")
    assert code == 0 and "summed again" in out and "sound" in out, err
    code, out, _ = run(capsys, "check-store", workspace)
    assert code == 0 and "sound" in out
    code, out, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026")
    assert code == 0 and out != before


def test_a_first_time_command_whose_account_write_deadlocks_before_the_other_commits_succeeds(
        tmp_path, capsys):
    """On MariaDB, eight first-time commands at once can deadlock on the new account: the
    server refuses one writer (a conflict, nothing written) while the other's transaction is
    not yet committed, so the refused command does not yet see the account. It tries again
    rather than failing the command."""
    from casedu.cli import acting
    from casedu.services.unit_of_work import UnitOfWork

    data = tmp_path / "data.json"
    save_dataset(world_dataset(), data)
    ws = tmp_path / "iop.casedu"
    assert run(capsys, "init", ws, "--from", data)[0] == 0
    refused = []
    commit = UnitOfWork.commit

    def deadlocked_once(self):
        if self.action == "command_line_account" and not refused:
            refused.append(self.action)  # the other writer's account is not committed yet
            raise ConflictError("another writer holds these records (1213, 'Deadlock found "
                                "when trying to get lock'); nothing was written, try again")
        return commit(self)

    store = SqliteStore.open(ws)
    flow = Workflow(store, clock=lambda: NOW)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(UnitOfWork, "commit", deadlocked_once)
        actor = acting._cli_actor(store, flow, "IOP")
    assert refused == ["command_line_account"]
    assert actor.username.startswith("cli:")
    accounts = [a for a in SqliteStore.open(ws).state().accounts if a.startswith("cli:")]
    assert accounts == [actor.username]
