import json

import pytest

from casedu import __version__
from casedu.cli import main
from tests.builders import spec_example


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(spec_example(), ensure_ascii=False), encoding="utf-8")
    return path


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_validate_counts_what_it_read(good, capsys):
    assert main(["validate", str(good)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "1 institute," in out and "1 person," in out and "1 plan," in out


def test_validate_lists_every_problem(tmp_path, capsys):
    value = spec_example()
    value["attendance"][0]["person"] = "p9999"
    value["people"][0]["in_service"] = "yes"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err
    assert "attendance[0].person: no person 'p9999'" in err
    assert "people[0].in_service: expected true or false" in err
    assert "Traceback" not in err


def test_bad_usage_exits_2(capsys, monkeypatch):
    monkeypatch.delenv("CASEDU_DATABASE_URL", raising=False)
    assert main(["validate"]) == 2  # no DATA, and none in the environment
    assert "usage: casedu validate" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
