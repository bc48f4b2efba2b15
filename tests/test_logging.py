"""casedu logs through ``logging.getLogger("casedu")`` and its areas' children, with a
``NullHandler``: a portal sees the events in its own logs; no secret and no personal data
beyond ids is ever logged; the command line shows them with ``-v`` and ``-vv``."""

import json
import logging
import uuid

import pytest

from casedu.dataset import save_dataset
from casedu.sample import sample_dataset
from tests.engines import server_url
from tests.importers.files import write_rows
from tests.test_cli_workspace import run

PASSWORD = "s3cret-Pw9"  # the servers of the tests trust their clients: any password connects
NAME = "司马秘密"  # a person's name: never in a log


class Kept(logging.Handler):
    """A portal's handler: keeps every record it is given."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def text(self):
        return "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in self.records)


@pytest.fixture
def portal_log():
    """A handler on the root logger, as a portal's logging configuration puts it."""
    root = logging.getLogger()
    handler, level = Kept(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def test_the_library_has_a_null_handler_and_no_other():
    import casedu  # noqa: F401

    handlers = logging.getLogger("casedu").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)
    assert all(isinstance(h, logging.NullHandler) for h in handlers)


def _data_with_a_name(tmp_path):
    data = sample_dataset()
    path = tmp_path / "dataset.json"
    save_dataset(data, path)
    return path


def test_a_portal_sees_the_events_in_its_own_log_without_secrets_or_names(
        tmp_path, capsys, portal_log, monkeypatch):
    import sqlalchemy as sa

    url = sa.make_url(server_url("postgresql")).set(password=PASSWORD) \
        .render_as_string(hide_password=False)
    prefix = f"g{uuid.uuid4().hex[:8]}_"
    data = _data_with_a_name(tmp_path)
    monkeypatch.setenv("CASEDU_DATABASE_URL", url)
    monkeypatch.setenv("CASEDU_TABLE_PREFIX", prefix)
    try:
        assert run(capsys, "init", "--from", data)[0] == 0
        roster = write_rows(tmp_path / "people.xlsx", [["人员编号", "姓名", "部门"],
                                                       ["N0001", NAME, None]])
        code, _, err = run(capsys, "import", "people", roster, "--institute", "DEMO")
        assert code == 0, err
        code, _, err = run(capsys, "export", "staff-overview", "--institute", "DEMO", "--year",
                           "2026", "--output", tmp_path / "overview.xlsx")
        assert code == 0, err
    finally:
        from casedu.store import SqlStore

        engine = sa.create_engine(url)
        SqlStore(engine, prefix=prefix, migrate=None).drop()
    _refuse()
    text = portal_log.text()
    names = {r.name for r in portal_log.records}
    assert {"casedu.store", "casedu.importers", "casedu.exporters",
            "casedu.services"} <= names, names
    assert "opened postgresql+psycopg://postgres:***@" in text
    assert "imported people into DEMO: 1 added" in text
    assert "exported xlsx" in text and " rows in " in text and " s" in text
    assert "refused implement_plan by IOA as institute_admin on plan P1" in text
    assert PASSWORD not in text and NAME not in text
    for record in portal_log.records:  # nothing hidden in the arguments either
        assert PASSWORD not in repr(record.args) and NAME not in repr(record.args)


def _refuse():
    """IOA's admin tries to implement a plan of IOP: refused, audited and logged."""
    from casedu.errors import PermissionDeniedError
    from casedu.model import Role
    from casedu.services import Actor
    from tests.services.world import new_flow

    flow, store = new_flow()
    with pytest.raises(PermissionDeniedError):
        flow.implement_plan(Actor(store.get("accounts", ("IOA",)), Role.INSTITUTE_ADMIN), "P1",
                            attendees=3)


def test_the_command_line_shows_the_events_with_verbose(tmp_path, capsys):
    data = _data_with_a_name(tmp_path)
    ws = tmp_path / "ws.casedu"
    code, _, err = run(capsys, "init", ws, "--from", data)
    assert code == 0 and "casedu.store" not in err  # quiet by default
    code, out, err = run(capsys, "summary", ws, "--institute", "DEMO", "--year", "2026",
                         "--format", "json", "-v")
    assert code == 0 and json.loads(out)["institute"] == "DEMO"
    code, _, err = run(capsys, "-v", "export", "summary", ws, "--institute", "DEMO", "--year",
                       "2026", "--output", tmp_path / "s.pdf")
    assert code == 0 and "INFO casedu.exporters: exported pdf" in err, err
    assert "DEBUG" not in err
    code, _, err = run(capsys, "dump", ws, "--output", tmp_path / "d.json", "-vv")
    assert code == 0 and "DEBUG casedu" in err, err


def test_verbose_logs_go_to_standard_error_only(tmp_path, capsys):
    ws = tmp_path / "ws.casedu"
    assert run(capsys, "init", ws, "--from", _data_with_a_name(tmp_path))[0] == 0
    code, out, err = run(capsys, "export", "summary", ws, "--institute", "DEMO", "--year",
                         "2026", "--format", "json", "--output", "-", "-vv")
    assert code == 0 and json.loads(out)  # the bytes alone on standard output
    assert "casedu.exporters" in err
