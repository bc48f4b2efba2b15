"""A bit flipped in a workspace file: a text that is no UTF-8 any more, or a text that became a
BLOB (the low bit of a value's serial type), is refused as a damaged workspace naming the file
on every read, never a UnicodeDecodeError, a TypeError or a traceback."""

from __future__ import annotations

import sqlite3

import pytest

from casedu.errors import CaseduError
from casedu.policy import DEFAULT_POLICY
from casedu.store import SqliteStore
from casedu.store.reading import workspace_figures
from tests.services.world import accounts, world_dataset
from tests.store.test_workspace_file import _legacy
from tests.test_cli_workspace import run, workspace  # noqa: F401 - the fixture

#: (table, column, the row's condition): values the reads decode
PLACES = [("people", "name", "id = 's1'"), ("people", "id", "id = 's1'"),
          ("institutes", "name", "code = 'IOP'"), ("plans", "name", "id = 'P1'"),
          ("external_learning", "start", "id = 'E1'"), ("accounts", "grants", "username = 'IOP'"),
          ("audit_events", "after", "1 = 1"), ("audit_events", "at", "1 = 1"),
          ("casedu_revision", "version_num", "1 = 1")]
#: how the flip shows: a text of bytes that are no UTF-8, or the same bytes as a BLOB
FLIPS = {"not UTF-8": "CAST(X'E5BCA0FF7B' AS TEXT)", "a BLOB": "X'E5BCA0FF7B'",
         "a BLOB of UTF-8": "X'7B7D'"}


def _names_the_file(error, path):
    """The refusal names the user's file (not a copy of it) and quotes no damaged bytes."""
    message = str(error)
    assert str(path) in message and ".part" not in message, message
    assert "\ufffd" not in message, message


@pytest.mark.slow
@pytest.mark.parametrize("flip", list(FLIPS))
@pytest.mark.parametrize(("table", "column", "where"), PLACES,
                         ids=[f"{t}.{c}" for t, c, _ in PLACES])
def test_a_flipped_bit_is_a_damaged_workspace(workspace, capsys, table, column,  # noqa: F811
                                              where, flip):
    run(capsys, "review", workspace, "E2", "--approve", "--institute", "IOP")  # an audit row
    db = sqlite3.connect(workspace)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute(f'UPDATE {table} SET "{column}" = {FLIPS[flip]} WHERE {where}')
    db.commit()
    db.close()
    reads = {
        "state": lambda store: store.state(),
        "events": lambda store: store.events(),
        "year_hours": lambda store: store.year_hours(2026),
        "roster": lambda store: store.roster("IOP"),
        "find": lambda store: store.find("people", institute="IOP"),
        "get": lambda store: store.get("accounts", ("IOP",)),
    }
    for what, read in reads.items():
        try:
            with SqliteStore.open(workspace) as store:
                read(store)
        except CaseduError as error:
            _names_the_file(error, workspace)
        except Exception as error:
            pytest.fail(f"{what}: {type(error).__name__} escaped: {error}")
    try:
        workspace_figures(workspace, 2026, policy=DEFAULT_POLICY, institute="IOP")
    except CaseduError as error:
        _names_the_file(error, workspace)
    except Exception as error:
        pytest.fail(f"workspace_figures: {type(error).__name__} escaped: {error}")
    for command in (["summary", workspace, "--institute", "IOP", "--year", "2026"],
                    ["audit", workspace, "--institute", "IOP"],
                    ["dump", workspace, "--output", workspace.with_suffix(".json")]):
        _, _, err = run(capsys, *command)
        assert "Traceback" not in err and "UnicodeDecodeError" not in err, err


LEGACY = [("meta", "value", "key = 'schema_version'"), ("people", "name", "id = 's1'"),
          ("accounts", "grants", "username = 'IOP'"), ("institutes", "code", "code = 'IOP'")]


@pytest.mark.parametrize("flip", list(FLIPS))
@pytest.mark.parametrize(("table", "column", "where"), LEGACY,
                         ids=[f"{t}.{c}" for t, c, _ in LEGACY])
def test_a_flipped_bit_in_a_workspace_of_casedu_0_1_names_the_file(tmp_path, table, column,
                                                                   where, flip):
    path = tmp_path / "old.casedu"
    _legacy(path, world_dataset(), (), accounts())
    db = sqlite3.connect(path)
    db.execute(f'UPDATE {table} SET "{column}" = {FLIPS[flip]} WHERE {where}')
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(CaseduError) as info:
        SqliteStore.open(path).state()
    _names_the_file(info.value, path)
    assert path.read_bytes() == before
