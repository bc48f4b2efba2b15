"""What a command loads before it runs: ``casedu --help`` builds the parser and nothing else, a
workspace's summary leaves the writers, the readers and the workflow alone.

These assert which modules are imported, not how long it takes (docs/performance.md measures
that); a module-level import added back to the command line fails them.
"""

import json
import subprocess
import sys

import pytest

import casedu.services
from casedu.cli.export import REPORT_NAMES
from casedu.cli.workspace import IMPORT_KINDS
from casedu.importers import KINDS
from casedu.reports import REPORTS

#: Loaded only by the commands that use them.
HEAVY = ("casedu.exporters", "casedu.importers", "casedu.reports", "casedu.metrics",
         "casedu.services.workflow", "casedu.services.passwords", "casedu.store",
         "cattrs", "shtab", "tqdm", "openpyxl", "reportlab", "odf", "zxcvbn")


def loaded_by(argv: list[str]) -> set[str]:
    """The modules imported while ``casedu ARGV`` runs in a fresh interpreter."""
    program = (
        "import sys\n"
        "from casedu.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = sorted(sys.modules)\n"
        "import json\n"
        "print(json.dumps(names), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy_in(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


def test_the_parser_names_the_reports_and_imports_as_their_modules_do():
    assert tuple(REPORTS) == REPORT_NAMES
    assert tuple(KINDS) == IMPORT_KINDS


def test_the_lazy_names_are_the_same_objects_as_their_modules_give():
    import casedu
    from casedu import model, policy

    assert casedu.Person is model.Person and casedu.DEFAULT_POLICY is policy.DEFAULT_POLICY
    from casedu import TrainingPlan, load_dataset  # the from-import form resolves them too

    assert TrainingPlan is model.TrainingPlan and callable(load_dataset)


def test_help_imports_no_reader_writer_figure_or_store():
    loaded = loaded_by(["--help"])
    assert heavy_in(loaded) == set()


def test_a_subcommand_help_imports_nothing_heavy_either():
    assert heavy_in(loaded_by(["export", "--help"])) == set()


def test_a_workspace_summary_loads_the_figures_but_no_writer_and_no_sqlalchemy(tmp_path,
                                                                              capsys):
    from casedu.cli import main
    from casedu.sample import sample_dataset
    from casedu.store import SqliteStore

    workspace = tmp_path / "ws.casedu"
    SqliteStore.open(workspace, create=True).replace_all(sample_dataset())
    loaded = loaded_by(["summary", str(workspace), "--institute", "DEMO", "--year", "2026"])
    assert {"casedu.store.reading", "casedu.metrics"} <= loaded
    assert heavy_in(loaded) & {"casedu.exporters", "casedu.importers", "casedu.reports",
                               "casedu.services.workflow", "casedu.services.passwords",
                               "openpyxl", "reportlab", "odf", "zxcvbn"} == set()
    assert not {m for m in loaded if m.split(".")[0] in ("sqlalchemy", "alembic")}
    # the figures it computes, not every figure's module (casedu.metrics' names on first use)
    metrics = {m.removeprefix("casedu.metrics.") for m in loaded
               if m.startswith("casedu.metrics.")}
    assert {"hours", "summary"} <= metrics
    assert metrics & {"archive", "backbone", "by_year", "check", "class_stats", "columnar",
                      "overview", "rollup", "rollup_check"} == set()
    assert main(["summary", str(workspace), "--institute", "DEMO", "--year", "2026"]) == 0
    assert "DEMO" in capsys.readouterr().out


@pytest.mark.parametrize("name", __import__("casedu.metrics").metrics.__all__)
def test_every_figure_name_resolves_on_first_use_to_its_module_s_object(name):
    program = (f"import importlib, casedu.metrics as m; value = m.{name}; "
               "print(importlib.import_module(value.__module__).__dict__["
               f"{name!r}] is value and {name!r} in dir(m))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "True"), done.stderr


def test_an_unknown_figure_name_is_an_attribute_error():
    import casedu.metrics

    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        casedu.metrics.Nothing  # noqa: B018


@pytest.mark.parametrize("name", casedu.services.__all__)
def test_every_service_name_resolves_on_first_use(name):
    program = f"import casedu.services as s; print(type(s.{name}).__name__)"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_unknown_service_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        casedu.services.Nothing  # noqa: B018
    assert "Workflow" in dir(casedu.services)


def test_import_casedu_loads_no_reading_writing_or_logging():
    """``import casedu`` gives the dataset's functions without their reader and writer, and
    logs nothing (docs/architecture.md, "Start-up")."""
    program = "import sys, casedu; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True)
    loaded = set(done.stdout.split())
    assert {"casedu.model", "casedu.policy", "casedu.dataset"} <= loaded
    assert loaded & {"casedu.dataset.reading", "casedu.dataset.writing",
                     "casedu.dataset.json_text", "casedu.dataset.converter", "casedu.files",
                     "casedu.logs", "cattrs", "logging"} == set()


def test_the_dataset_functions_bring_their_reader_and_writer(tmp_path):
    program = ("import sys, casedu\n"
               f"casedu.save_dataset(casedu.Dataset(), {str(tmp_path / 'd.json')!r})\n"
               f"casedu.load_dataset({str(tmp_path / 'd.json')!r})\n"
               "print(' '.join(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True)
    assert {"casedu.dataset.reading", "casedu.dataset.writing"} <= set(done.stdout.split())
