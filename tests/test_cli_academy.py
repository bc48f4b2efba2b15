"""The academy's commands: casedu grant (the academy role)."""

import pytest

from casedu.cli import main
from casedu.dataset import save_dataset
from casedu.model import Role
from casedu.store import SqliteStore
from tests.services.world import world_dataset


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("academy")
    data = folder / "data.json"
    save_dataset(world_dataset(), data)
    ws = folder / "academy.casedu"
    assert main(["init", str(ws), "--from", str(data)]) == 0
    return ws


@pytest.fixture
def workspace(made, tmp_path):
    copy = tmp_path / "academy.casedu"
    copy.write_bytes(made.read_bytes())
    return copy


def test_grant_makes_an_academy_account_and_says_its_password_once(workspace, capsys):
    code, out, err = run(capsys, "grant", workspace, "--username", "cas-office", "--role",
                         "academy", "--institute", "CAS")
    assert (code, err) == (0, "")
    first, second = out.splitlines()
    assert first == "cas-office (CAS): academy_admin"
    password = second.rsplit(": ", 1)[1]
    with SqliteStore.open(workspace) as store:
        account = store.get("accounts", ("cas-office",))
        assert account.grant(Role.ACADEMY_ADMIN) is not None and account.must_change_password
        event = store.events(institute="CAS")[-1]
        assert (event.actor, event.action) == ("system", "grant_academy")
    from casedu.services import Workflow

    with SqliteStore.open(workspace) as store:
        assert Workflow(store).login("cas-office", password).role is Role.ACADEMY_ADMIN


def test_grant_to_an_existing_account_and_back(workspace, capsys):
    code, out, _ = run(capsys, "grant", workspace, "--username", "IOA", "--role", "academy")
    assert (code, out) == (0, "IOA (IOA): institute_admin, academy_admin\n")
    code, out, _ = run(capsys, "grant", workspace, "--username", "IOA", "--role", "academy",
                       "--revoke")
    assert (code, out) == (0, "IOA (IOA): institute_admin\n")


def test_grant_refusals(workspace, capsys):
    code, _, err = run(capsys, "grant", workspace, "--username", "nobody", "--role", "academy")
    assert code == 1 and "--institute" in err
    with pytest.raises(SystemExit) as exit_:  # no role an institute gives
        main(["grant", str(workspace), "--username", "IOA", "--role", "staff"])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err
