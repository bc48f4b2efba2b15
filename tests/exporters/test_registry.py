"""Exporters are found through entry points; a plugin needs nothing but its declaration."""

import sys
import textwrap

import pytest

from casedu.cli import main
from casedu.errors import ExporterError
from casedu.exporters import Exporter, export, exporter_names, formats, get_exporter
from tests.exporters.test_pdf import needs_font
from tests.plugins import declare

PLUGIN = textwrap.dedent('''
    class TextExporter:
        name = "txt"
        suffix = ".txt"
        media_type = "text/plain"
        description = "plain text, one line per row"

        def write(self, document, stream):
            lines = [document.title]
            for table in document.tables:
                for row in table.rows:
                    lines.append("\\t".join("" if c is None else str(c) for c in row.cells))
            stream.write("\\n".join(lines).encode("utf-8"))

    class HalfExporter(TextExporter):
        name = "half"

        def write(self, document, stream):
            stream.write(b"partial")
            raise RuntimeError("disk on fire")

    NOT_AN_EXPORTER = object()
''')


@pytest.fixture
def plugin_path(tmp_path, monkeypatch):
    (tmp_path / "casedu_txt_plugin.py").write_text(PLUGIN, encoding="utf-8")
    declare(tmp_path, "casedu-txt-plugin", {
        "txt": "casedu_txt_plugin:TextExporter", "half": "casedu_txt_plugin:HalfExporter",
        "broken": "casedu_txt_plugin_missing:Nothing",
        "bogus": "casedu_txt_plugin:NOT_AN_EXPORTER", "csv": "casedu_txt_plugin:TextExporter",
    })
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("casedu_txt_plugin", None)


def test_builtin_formats_are_found():
    assert {"csv", "json", "html", "xlsx", "ods", "pdf"} <= set(exporter_names())
    for name in ("csv", "json", "html", "xlsx", "ods", "pdf"):
        assert isinstance(get_exporter(name), Exporter)


def test_a_plugin_is_found_and_exports(plugin_path, documents, tmp_path):
    assert "txt" in exporter_names()
    assert "casedu_txt_plugin" not in sys.modules  # listed without being imported
    path = export(documents["summary"], "txt", tmp_path / "out.txt")
    content = path.read_text(encoding="utf-8")
    assert content.startswith("继续教育与培训工作总结") and "职工完训率" in content


def test_broken_plugins_are_reported_by_name_and_do_not_break_others(plugin_path):
    found = {info.name: info for info in formats() if info.provider != "casedu-txt-plugin"
             or info.name != "csv"}
    assert found["txt"].exporter is not None and found["txt"].provider == "casedu-txt-plugin"
    assert found["broken"].exporter is None and "broken" in found["broken"].error
    assert "ModuleNotFoundError" in found["broken"].error
    assert found["bogus"].exporter is None and "not an exporter" in found["bogus"].error
    assert found["xlsx"].exporter is not None
    # a plugin cannot take a built-in name, and is told so
    assert found["csv"].provider == "casedu" and found["csv"].exporter is not None
    (taken,) = [i for i in formats() if i.name == "csv" and i.provider == "casedu-txt-plugin"]
    assert taken.exporter is None and "taken by casedu" in taken.error
    with pytest.raises(ExporterError, match="'broken'"):
        get_exporter("broken")


def test_a_failing_exporter_leaves_no_file(plugin_path, documents, tmp_path):
    target = tmp_path / "out.half"
    target.write_text("the old report", encoding="utf-8")
    with pytest.raises(ExporterError, match=r"exporter 'half' .*from casedu-txt-plugin.* "
                       r"failed to write: RuntimeError: disk on fire"):
        export(documents["summary"], "half", target)
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_formats_command_lists_plugins(plugin_path, capsys):
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "txt" in out and "casedu-txt-plugin" in out and "BROKEN" in out


def test_unknown_format():
    with pytest.raises(ExporterError, match="no format 'docx'"):
        get_exporter("docx")


def test_a_failing_plugin_is_a_message_by_name_and_the_demo_goes_on(plugin_path, tmp_path,
                                                                    capsys):
    from casedu.dataset import save_dataset
    from casedu.sample import sample_dataset

    data = tmp_path / "data.json"
    save_dataset(sample_dataset(), data)
    code = main(["export", "summary", str(data), "--institute", "DEMO", "--year", "2026",
                 "--format", "half", "--output", str(tmp_path / "s.half")])
    err = capsys.readouterr().err
    assert code == 1 and "'half'" in err and "disk on fire" in err
    assert "Traceback" not in err
    assert main(["demo", "--output", str(tmp_path / "demo")]) == 0
    captured = capsys.readouterr()
    assert "half" in captured.err  # skipped, said why
    assert (tmp_path / "demo" / "summary.xlsx").exists()


def test_the_message_offers_only_formats_that_work(plugin_path):
    with pytest.raises(ExporterError) as info:
        get_exporter("docx")
    offered = str(info.value).split("the formats are ")[1].split(", ")
    assert "txt" in offered and "broken" not in offered and "bogus" not in offered


@needs_font
def test_export_to_a_stream_or_as_bytes_and_names_in_any_case(documents, tmp_path):
    import io

    as_bytes = export(documents["summary"], "XLSX")
    assert as_bytes[:2] == b"PK"
    stream = io.BytesIO()
    assert export(documents["summary"], "Csv", stream) is stream
    assert stream.getvalue().startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "s.pdf", "wb") as handle:
        export(documents["summary"], "pdf", handle)
    assert (tmp_path / "s.pdf").read_bytes()[:4] == b"%PDF"


def test_the_typed_example_of_the_plugin_guide_passes_mypy_strict(tmp_path, documents):
    import re
    import subprocess
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[2] / "docs" / "plugins.md").read_text("utf-8")
    (code,) = re.findall(r"```python\n(# casedu_md\.py.*?)```", guide, re.S)
    module = tmp_path / "casedu_md.py"
    module.write_text(code, encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                              str(module)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    namespace: dict[str, object] = {}
    exec(compile(code, str(module), "exec"), namespace)  # and it works
    import io

    stream = io.BytesIO()
    namespace["MarkdownExporter"]().write(documents["summary"], stream)
    assert stream.getvalue().decode("utf-8").startswith("# 继续教育与培训工作总结")


def test_an_exporter_is_checked_each_time_unless_its_class_holds_every_member():
    """An object whose class holds every member is an exporter each time it is made; one
    that may lack a member (a slot not set, a property that fails) is asked each time."""
    from casedu.exporters.registry import register, unregister

    class Whole:
        name, suffix, media_type, description = "whole", ".w", "text/plain", "w"

        def write(self, document, stream):
            stream.write(b"w")

    class Slotted:
        __slots__ = ("name",)
        suffix, media_type, description = ".s", "text/plain", "s"

        def __init__(self, named=False):
            if named:
                self.name = "slotted"

        def write(self, document, stream):
            stream.write(b"s")

    register("whole", Whole)
    register("slotted", Slotted)
    try:
        assert isinstance(get_exporter("whole"), Whole)
        assert isinstance(get_exporter("whole"), Whole)
        assert isinstance(get_exporter("slotted", named=True), Slotted)
        for _ in range(2):
            with pytest.raises(ExporterError, match="not an exporter"):
                get_exporter("slotted")
        assert isinstance(get_exporter("slotted", named=True), Slotted)
    finally:
        unregister("whole")
        unregister("slotted")
