"""The package as a user and a contributor install it: extras for what a user chooses, the
developers' tools in a dependency group, bounds where casedu leans on a library's insides, and
a version the changelog speaks of."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS: dict[str, list[str]] = PROJECT["project"]["optional-dependencies"]
GROUPS: dict[str, list[object]] = PROJECT.get("dependency-groups", {})
#: The developers' tools: a user who installs an extra never gets one of them.
TOOLS = {"pytest", "pytest-xdist", "hypothesis", "ruff", "mypy", "pandas", "xlsxwriter",
         "pypdf", "import-linter", "httpx"}


def names(requirements: list[str]) -> set[str]:
    return {Requirement(r).name.lower() for r in requirements}


def test_the_extras_are_what_a_user_chooses():
    assert {"postgresql", "mysql", "fast", "all"} <= set(EXTRAS)
    assert "test" not in EXTRAS and "dev" not in EXTRAS
    for extra, requirements in EXTRAS.items():
        assert not names(requirements) & TOOLS, f"the {extra} extra installs a developer's tool"


def test_all_names_every_other_extra():
    (requirement,) = EXTRAS["all"]
    parsed = Requirement(requirement)
    assert parsed.name == "casedu"
    assert parsed.extras == set(EXTRAS) - {"all"}


def test_the_developers_tools_are_a_dependency_group():
    tools = names([r for r in GROUPS["dev"] if isinstance(r, str)])
    assert {"pytest", "pytest-xdist", "hypothesis", "ruff", "mypy", "pandas",
            "xlsxwriter"} <= tools


def test_the_ci_and_the_readme_install_from_the_project_files():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q -e ".[all]" --group dev' in ci
    assert '"pip>=25.1"' in ci  # --group needs it; the venv's own pip may be older
    quick_start = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n")[1]
    commands = quick_start.split("```")[0].strip().splitlines()
    assert commands == ['pip install ".[web]" && casedu serve --demo',
                        'pip install -U pip && pip install -e ".[all]" --group dev && '
                        "python -m pytest"]


def private_reportlab_uses() -> list[str]:
    """Names of reportlab's insides casedu reaches: imports of an underscored name, and
    underscored attributes of reportlab's objects."""
    uses = []
    for path in (ROOT / "src" / "casedu").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "reportlab" not in text:
            continue
        uses += re.findall(r"from reportlab[\w.]* import (_\w+)", text)
        uses += re.findall(r"\b(?:canvas|canv)\._(?!_)\w+", text)
        uses += re.findall(r"self\._(?:startPage|pageNumber|pagesize|tracker|doc)\b", text)
    return uses


def test_reportlab_is_bounded_while_its_private_api_is_used():
    (reportlab,) = [Requirement(r) for r in PROJECT["project"]["dependencies"]
                    if Requirement(r).name == "reportlab"]
    if not private_reportlab_uses():
        pytest.skip("no private reportlab API is used")
    assert any(spec.operator == "<" for spec in reportlab.specifier), private_reportlab_uses()
    # the oldest release the PDF tests pass on: 4.2.0 has no pdfdoc.XMP, which the PDF uses
    assert "4.2.0" not in reportlab.specifier and "4.2.2" in reportlab.specifier


def test_the_version_is_the_changelogs():
    from importlib.metadata import version as installed

    import casedu

    version = casedu.__version__
    assert version == "0.3.0"
    assert installed("casedu") == version  # the metadata reads the same file
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, flags=re.MULTILINE)
    assert headings[0] == "Unreleased" and headings[-1] == "0.1.0"
    # a version is a section of its own once released; until then the changes to come say it
    unreleased = changelog.split("\n## [Unreleased]\n")[1].split("\n## [")[0]
    assert version in headings or f"The version is {version}." in unreleased
    sections = set(re.findall(r"^### (.+)$", changelog, flags=re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_the_fast_set_is_the_default_and_ci_runs_everything():
    import shlex

    options = PROJECT["tool"]["pytest"]["ini_options"]
    addopts = shlex.split(options["addopts"])
    assert addopts[addopts.index("-n") + 1] == "auto"  # in parallel, pytest-xdist
    assert addopts[addopts.index("-m") + 1] == "not slow" and "--strict-markers" in addopts
    assert [m.split(":")[0] for m in options["markers"]] == ["slow"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith('python -m pytest -m ""')
    assert "export CASEDU_REQUIRE_SERVERS=1" in ci
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '```sh\npython -m pytest -m ""\n```' in readme
