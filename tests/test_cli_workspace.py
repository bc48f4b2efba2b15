"""The administrator's path with the commands alone: roster to stamped reports."""

import json
from decimal import Decimal

import pytest

from casedu.cli import main
from casedu.dataset import load_dataset, save_dataset
from casedu.store import SqliteStore
from tests.importers.files import write_rows
from tests.services.world import world_dataset


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def workspace(tmp_path, capsys):
    data = tmp_path / "data.json"
    save_dataset(world_dataset(), data)
    ws = tmp_path / "iop.casedu"
    assert run(capsys, "init", ws, "--from", data)[0] == 0
    return ws


def test_init_dump_round_trip(workspace, tmp_path, capsys):
    out = tmp_path / "dump.json"
    code, text, _ = run(capsys, "dump", workspace, "--output", out)
    assert code == 0 and "accounts and the audit stay" in text
    assert load_dataset(out) == world_dataset()


def test_init_refuses_an_existing_file_and_a_bad_dataset(workspace, tmp_path, capsys):
    code, _, err = run(capsys, "init", workspace)
    assert code == 1 and "exists already" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "casedu.dataset", "version": 9}', encoding="utf-8")
    code, _, err = run(capsys, "init", tmp_path / "new.casedu", "--from", bad)
    assert code == 1 and "version" in err
    assert not (tmp_path / "new.casedu").exists()


@pytest.mark.parametrize("command", ["summary", "backbone"])
def test_an_unknown_institute_is_named_with_the_known_ones_as_for_a_dataset(
        workspace, tmp_path, capsys, command):
    data = tmp_path / "data.json"
    answers = [run(capsys, command, given, "--institute", "XYZ", "--year", "2026")
               for given in (workspace, data)]
    known = ", ".join(sorted(i.code for i in world_dataset().institutes))
    assert answers[0] == answers[1] == (1, "", f"casedu: no institute 'XYZ' (known: {known})\n")


def test_commands_read_a_workspace_as_data(workspace, capsys):
    code, out, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026",
                       "--format", "json")
    assert code == 0 and json.loads(out)["in_service_total"] == 5


def test_import_people_with_dry_run_then_for_real(workspace, tmp_path, capsys):
    roster = write_rows(tmp_path / "arp.xlsx", [["人员编号", "姓名", "部门"],
                                                 ["n1", "新人", "一处"]])
    code, out, _ = run(capsys, "import", workspace, "people", roster, "--institute", "IOP",
                       "--dry-run")
    assert code == 0 and "1 to add" in out and "nothing was changed" in out
    assert "n1" not in SqliteStore.open(workspace).state().dataset.person_by_id
    code, out, _ = run(capsys, "import", workspace, "people", roster, "--institute", "IOP")
    assert code == 0 and "1 records written" in out
    assert SqliteStore.open(workspace).state().dataset.person("n1").department == "IOP-D1"


def test_a_bad_file_changes_nothing_and_names_its_places(workspace, tmp_path, capsys):
    before = SqliteStore.open(workspace).state().dataset
    roster = write_rows(tmp_path / "arp.csv", [["人员编号", "姓名", "入职时间"],
                                                ["n1", "新人", "昨天"], ["n2", None, None]])
    code, _, err = run(capsys, "import", workspace, "people", roster, "--institute", "IOP")
    assert code == 1
    assert "row 2 column 入职时间 value '昨天'" in err and "row 3 column 姓名" in err
    assert "Traceback" not in err
    assert SqliteStore.open(workspace).state().dataset == before


def test_several_institutes_need_one_named(workspace, tmp_path, capsys):
    roster = write_rows(tmp_path / "arp.csv", [["人员编号", "姓名"], ["n1", "新人"]])
    code, _, err = run(capsys, "import", workspace, "people", roster)
    assert code == 1 and "--institute" in err


def test_year_end_work(workspace, capsys):
    scope = ["--institute", "IOP"]
    code, out, _ = run(capsys, "pending", workspace, *scope)
    assert code == 0 and "E1" in out and "E2" in out and "EX" not in out
    assert run(capsys, "review", workspace, "E1", "--approve", *scope)[0] == 0
    code, out, _ = run(capsys, "review", workspace, "E2", "--reject", "材料不全", *scope)
    assert code == 0 and "rejected" in out
    code, _, err = run(capsys, "report-backbone", workspace, "--year", "2026", "a_inst", *scope)
    assert code == 1 and "0 h of 100 needed" in err
    assert run(capsys, "report-backbone", workspace, "--year", "2026", "s1", *scope)[0] == 0
    assert run(capsys, "revoke-backbone", workspace, "--year", "2026", "s2", *scope)[0] == 0
    assert run(capsys, "summary-create", workspace, "--year", "2026", *scope)[0] == 0
    code, _, err = run(capsys, "summary-submit", workspace, "--year", "2026", *scope)
    assert code == 1 and "total investment" in err
    code, out, _ = run(capsys, "summary-edit", workspace, "--year", "2026",
                       "--investment", "12000.50", "--person-times", "88", *scope)
    assert code == 0 and "12000.50" in out and "88" in out
    assert run(capsys, "summary-refresh", workspace, "--year", "2026", *scope)[0] == 0
    assert run(capsys, "summary-submit", workspace, "--year", "2026", *scope)[0] == 0
    code, out, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026",
                       "--format", "json")
    frozen = json.loads(out)
    assert frozen["total_investment"] == "12000.50" and frozen["total_person_times"] == 88
    assert run(capsys, "report-backbone", workspace, "--year", "2026", "s2", *scope)[0] == 0
    code, out, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2026",
                       "--format", "json")
    assert json.loads(out) == frozen  # submitted: later changes do not alter it
    code, out, _ = run(capsys, "audit", workspace, *scope, "--action", "review_external")
    assert code == 0 and out.count("review_external") == 2 and "cli:" in out


def test_export_from_a_workspace(workspace, tmp_path, capsys):
    out = tmp_path / "cs.csv"
    code, _, _ = run(capsys, "export", "class-stats", workspace, "--institute", "IOP",
                     "--year", "2026", "--format", "csv", "--output", out)
    assert code == 0 and "培训P1" in out.read_text(encoding="utf-8-sig")


def test_backup_and_template(workspace, tmp_path, capsys):
    copy = tmp_path / "copy.casedu"
    assert run(capsys, "backup", workspace, "--output", copy)[0] == 0
    assert SqliteStore.open(copy).state().dataset == SqliteStore.open(workspace).state().dataset
    for suffix in (".xlsx", ".ods", ".csv"):
        assert run(capsys, "template", "external", "--output", tmp_path / f"t{suffix}")[0] == 0
    code, _, err = run(capsys, "template", "external", "--output", tmp_path / "t.doc")
    assert code == 1 and ".xlsx, .ods or .csv" in err


def test_import_xapi(workspace, tmp_path, capsys):
    statement = {"id": "a", "actor": {"account": {"name": "s1"}},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/terminated"},
                 "object": {"id": "c1"}, "result": {"duration": "PT2H"},
                 "timestamp": "2026-05-01T08:00:00Z"}
    path = tmp_path / "lrs.json"
    path.write_text(json.dumps([statement]), encoding="utf-8")
    code, out, _ = run(capsys, "import", workspace, "xapi", path, "--institute", "IOP")
    assert code == 0 and "1 sessions" in out
    records = SqliteStore.open(workspace).state().dataset.online_learning
    assert [(r.person, r.hours) for r in records] == [("s1", Decimal("2.00"))]


def test_not_a_workspace(tmp_path, capsys):
    code, _, err = run(capsys, "pending", tmp_path / "missing.casedu")
    assert code == 1 and "casedu init" in err


def test_a_missing_output_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    code, _, err = run(capsys, "template", "people", "--output",
                       tmp_path / "no" / "such" / "t.xlsx")
    assert code == 1 and "Traceback" not in err and "No such file" in err


def test_a_missing_import_file_says_no_such_file(workspace, tmp_path, capsys):
    code, _, err = run(capsys, "import", workspace, "people", tmp_path / "名单.xlsx",
                       "--institute", "IOP")
    assert code == 1 and "名单.xlsx: no such file" in err and "zip" not in err


def test_an_import_in_a_pipe_prints_no_progress(workspace, tmp_path, capsys):
    rows = [["人员编号", "姓名"]] + [[f"n{i}", "某人"] for i in range(2_100)]
    path = write_rows(tmp_path / "p.csv", rows)
    code, _, err = run(capsys, "import", workspace, "people", path, "--institute", "IOP",
                       "--dry-run")
    assert code == 0 and "rows" not in err


@pytest.mark.parametrize(("url", "expected"), [
    ("postgresql+psycopg://casedu:pw@127.0.0.1:x/test", "not a database URL"),
    ("://", "not a database URL"),
    ("sqlite://", "a workspace is a file"),
    ("sqlite:///", "a workspace is a file"),
    ("nosuchdriver://host/db", "no driver"),
])
def test_a_url_that_names_no_database_is_refused_with_a_message(capsys, url, expected):
    code, _, err = run(capsys, "summary", url, "--institute", "IOP", "--year", "2026")
    assert code == 1 and expected in err and "Traceback" not in err, err
    assert ":pw@" not in err  # a password is never shown


@pytest.mark.parametrize("amount", ["1e5", "NaN", "Infinity", "12,000", " 12", "0x10", "",
                                    "٤٠", "４０", "12000.٥"])
def test_summary_edit_takes_an_amount_as_the_dataset_writes_it(workspace, capsys, amount):
    """In plain notation of ASCII digits (Decimal() reads every script's digits)."""
    scope = ("--institute", "IOP")
    assert run(capsys, "summary-create", workspace, "--year", "2026", *scope)[0] == 0
    code, out, err = run(capsys, "summary-edit", workspace, "--year", "2026",
                         "--investment", amount, *scope)
    assert (code, out) == (1, "")
    assert err == f"casedu: investment: not an amount of yuan such as 12000.50: {amount!r}\n"
    with SqliteStore.open(workspace) as store:
        assert store.state().dataset.summary("IOP", 2026).total_investment is None


@pytest.mark.parametrize("count", ["٤٠", "４０", " 40", "4_0", "-1"])
def test_summary_edit_takes_person_times_of_ascii_digits(workspace, capsys, count):
    scope = ("--institute", "IOP")
    assert run(capsys, "summary-create", workspace, "--year", "2026", *scope)[0] == 0
    with pytest.raises(SystemExit) as info:
        run(capsys, "summary-edit", workspace, "--year", "2026", "--person-times", count, *scope)
    assert info.value.code == 2
    assert "not a count" in capsys.readouterr().err


def test_init_gives_every_institute_its_admin_account(tmp_path, capsys):
    from casedu.model import Role
    from casedu.services import Workflow

    data = tmp_path / "data.json"
    save_dataset(world_dataset(), data)
    code, out, _ = run(capsys, "init", tmp_path / "ws.casedu", "--from", data)
    assert code == 0
    assert "admin account of each of 3 institutes (IOP, IOA, CAS)" in out and "654321" in out
    store = SqliteStore.open(tmp_path / "ws.casedu")
    for institute in ("IOP", "IOA"):
        account = store.get("accounts", (institute,))
        assert account.must_change_password
        assert account.grant(Role.INSTITUTE_ADMIN).institute == institute
    assert Workflow(store).login("IOA", "IOA654321").username == "IOA"
    assert sorted(e.record for e in store.events() if e.action == "bootstrap_admin") == [
        "accounts:CAS", "accounts:IOA", "accounts:IOP"]
