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


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "academy.json"
    save_dataset(world_dataset(), path)
    return path


def test_rollup_table_and_json(data_file, capsys):
    import json

    code, out, err = run(capsys, "rollup", data_file, "--year", "2026")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "继续教育与培训工作汇总 2026（3 / 3 个研究所）"
    assert [line.split()[0] for line in lines[3:6]] == ["IOP", "IOA", "CAS"]
    assert lines[6].startswith("合计 3")
    code, out, _ = run(capsys, "rollup", data_file, "--year", "2026", "--format", "json",
                       "--below", "90%", "--status", "missing")
    found = json.loads(out)
    assert [i["institute"] for i in found["institutes"]] == ["IOP", "CAS"]
    assert found["filters"] == {"status": ["missing"],
                                "below": {"rate": "completion_rate", "value": "0.9"}}
    assert found["totals"]["institutes"] == 2
    code, _, err = run(capsys, "rollup", data_file, "--year", "2026", "--below", "lots")
    assert code == 1 and "below" in err


def test_rollup_of_a_workspace_reads_the_sums_alone_and_gives_the_whole_figures(
        made, monkeypatch, capsys):
    import json

    import casedu.cli.academy as academy
    from casedu.metrics import academy_rollup
    from tests.metrics.test_rollup import submitted

    data = submitted(world_dataset(), "IOA")  # a frozen row beside live ones
    ws = made.parent / "submitted.casedu"
    with SqliteStore.open(ws, create=True) as store:
        store.replace_all(data)
    asked = []
    read = academy.read_for_figures

    def spy(*args, **kwargs):
        asked.append(kwargs.get("singles", True))
        return read(*args, **kwargs)

    monkeypatch.setattr(academy, "read_for_figures", spy)
    whole = academy_rollup(data, 2026)  # every record summed in memory, single trainings too
    for argv in (["--format", "json"], ["--format", "json", "--below", "90%"],
                 ["--format", "json", "--status", "submitted"]):
        code, out, err = run(capsys, "rollup", ws, "--year", "2026", *argv)
        assert (code, err) == (0, "")
        expected = academy_rollup(data, 2026, **({"below": "0.9"} if "--below" in argv else
                                                 {"status": ["submitted"]} if "--status" in argv
                                                 else {}))
        assert json.loads(out) == json.loads(json.dumps(expected.to_json()))
    assert json.loads(run(capsys, "rollup", ws, "--year", "2026", "--format", "json")[1])[
        "totals"] == json.loads(json.dumps(whole.to_json()))["totals"]
    code, table, _ = run(capsys, "rollup", ws, "--year", "2026")
    assert code == 0 and table.splitlines()[0] == "继续教育与培训工作汇总 2026（3 / 3 个研究所）"
    assert asked and set(asked) == {False}  # one row a person: no single training read


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "pdf", "csv", "json", "html"])
def test_export_rollup_in_every_format(data_file, tmp_path, capsys, fmt):
    out = tmp_path / f"汇总.{fmt}"
    code, text, err = run(capsys, "export", "rollup", data_file, "--year", "2026",
                          "--output", out)
    assert (code, err) == (0, "") and "3 institutes" in text
    body = out.read_bytes()
    if fmt in ("csv", "html", "json"):
        shown = body.decode("utf-8-sig")
        assert "IOA 研究所（IOA）" in shown and "合计（3 个研究所）" in shown
    if fmt == "html":  # each institute's row leads to its figures
        assert '<a href="#institute-IOA">' in shown and 'id="institute-IOA"' in shown
    if fmt == "xlsx":
        from tests.web.files import xlsx_rows

        assert any(c == "CAS 研究所（CAS）" for r in xlsx_rows(body) for c in r)
    if fmt == "pdf":
        from tests.web.files import pdf_text

        assert "继续教育与培训工作汇总" in pdf_text(body)


def test_export_rollup_usage(data_file, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    for extra in (["--institute", "IOP"], ["--year", "2025"]):
        code, _, err = run(capsys, "export", "rollup", data_file, "--year", "2026", *extra,
                           "--output", out)
        assert code == 2 and "rollup" in err
    code, _, err = run(capsys, "export", "summary", data_file, "--year", "2026",
                       "--output", out)
    assert code == 2 and "--institute" in err


def test_check_across_the_academy(tmp_path, capsys):
    from tests.metrics.test_rollup import submitted

    data = world_dataset()
    for code in ("IOP", "IOA", "CAS"):
        data = submitted(data, code)
    path = tmp_path / "academy.json"
    save_dataset(data, path)
    code, out, _ = run(capsys, "check", path, "--academy", "--year", "2026")
    assert (code, out) == (0, "academy 2026: all 3 institutes submitted, every summary "
                              "matches its data\n")
    save_dataset(world_dataset(), path)
    code, out, _ = run(capsys, "check", path, "--academy", "--year", "2026")
    assert code == 1
    assert out.splitlines()[0] == "not-created IOP: IOP 研究所 has no summary of 2026 (未创建)"
    code, _, err = run(capsys, "check", path, "--year", "2026")
    assert code == 2 and "--academy" in err
