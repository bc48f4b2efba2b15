"""Exporters are found through entry points; a plugin needs nothing but its declaration."""

import sys
import textwrap

import pytest

from casedu.cli import main
from casedu.errors import ExporterError
from casedu.exporters import Exporter, export, exporter_names, formats, get_exporter

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
    info = tmp_path / "casedu_txt_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: casedu-txt-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(textwrap.dedent("""
        [casedu.exporters]
        txt = casedu_txt_plugin:TextExporter
        half = casedu_txt_plugin:HalfExporter
        broken = casedu_txt_plugin_missing:Nothing
        bogus = casedu_txt_plugin:NOT_AN_EXPORTER
        csv = casedu_txt_plugin:TextExporter
    """), encoding="utf-8")
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
    found = {info.name: info for info in formats()}
    assert found["txt"].exporter is not None and found["txt"].provider == "casedu-txt-plugin"
    assert found["broken"].exporter is None and "broken" in found["broken"].error
    assert "ModuleNotFoundError" in found["broken"].error
    assert found["bogus"].exporter is None and "not an exporter" in found["bogus"].error
    assert found["xlsx"].exporter is not None
    # a plugin cannot take a built-in name
    assert found["csv"].provider == "casedu"
    with pytest.raises(ExporterError, match="'broken'"):
        get_exporter("broken")


def test_a_failing_exporter_leaves_no_file(plugin_path, documents, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("the old report", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk on fire"):
        export(documents["summary"], "half", target)
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_formats_command_lists_plugins(plugin_path, capsys):
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "txt" in out and "casedu-txt-plugin" in out and "BROKEN" in out


def test_unknown_format():
    with pytest.raises(ExporterError, match="no exporter 'docx'"):
        get_exporter("docx")
