"""A workspace of casedu 0.1 that casedu refuses stays byte for byte what it was: checked first,
migrated in a copy and put in its place only when whole. Each of the seven ways such a file was
found to be changed before it was refused, through the library and through a command."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from casedu.errors import WorkspaceError
from casedu.store import SqliteStore
from tests.services.world import accounts, world_dataset
from tests.store.test_workspace_file import _legacy
from tests.test_cli_workspace import run

#: what, the SQL that spoils a sound workspace of casedu 0.1, what the refusal names
CASES = {
    "an unknown status": ("UPDATE external_learning SET status = 'maybe' WHERE id = 'E1'",
                          "external_learning"),
    "grants that are not JSON": ("UPDATE accounts SET grants = 'not json' "
                                 "WHERE username = 'IOP'", "accounts"),
    "an unknown role": ("UPDATE accounts SET grants = '[{\"role\": \"emperor\", \"institute\": "
                        "\"IOP\", \"department\": null, \"classes\": []}]' "
                        "WHERE username = 'IOP'", "accounts"),
    "a dangling reference": ("PRAGMA foreign_keys = OFF; UPDATE external_learning SET "
                             "person = 'nobody' WHERE id = 'E1'", "nobody"),
    "a newer schema": ("UPDATE meta SET value = '99' WHERE key = 'schema_version'", "99"),
    "an empty name": ("UPDATE people SET name = '' WHERE id = 's1'", "people"),
}


def _digest(folder):
    """Each file's digest; SQLite's empty write-ahead log and its index left by a reader of a
    file in WAL mode are no change of the workspace."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if not (p.name.endswith(("-wal", "-shm")) and p.with_name(p.name[:-4]).exists()
                    and (p.name.endswith("-shm") or p.stat().st_size == 0))}


def _old(folder, spoil: str):
    path = folder / "old.casedu"
    _legacy(path, world_dataset(), (), accounts())
    db = sqlite3.connect(path)
    db.executescript(spoil)
    db.close()
    return path


@pytest.mark.parametrize("what", [*CASES, "a revision table only"])
def test_a_refused_workspace_of_casedu_0_1_stays_byte_identical(what, tmp_path, capsys):
    folder = tmp_path / "ws"
    folder.mkdir()
    if what == "a revision table only":
        path, named = folder / "old.casedu", "did not finish"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE casedu_revision (version_num VARCHAR(32) NOT NULL)")
        db.commit()
        db.close()
    else:
        spoil, named = CASES[what]
        path = _old(folder, spoil)
    before = _digest(folder)
    with pytest.raises(WorkspaceError, match=named):
        SqliteStore.open(path)
    assert _digest(folder) == before  # the file as it was, and no copy or backup beside it
    for command in (["pending", path, "--institute", "IOP"],
                    ["summary", path, "--institute", "IOP", "--year", "2026"]):
        code, _, err = run(capsys, *command)
        assert code != 0 and "Traceback" not in err, err
        assert _digest(folder) == before
