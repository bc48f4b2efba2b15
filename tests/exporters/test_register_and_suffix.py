"""A format registered for this process (a notebook's, a service's) works as an entry point's,
failures contained the same way; and ``export(document, "x.xlsx")`` takes the format from the
suffix by the command line's rule, refusing a mismatch as the command line does."""

from __future__ import annotations

import pytest

import casedu
from casedu.cli import main
from casedu.errors import ArgumentError, ExporterError, FormatError
from casedu.exporters import (
    export,
    export_many,
    exporter_names,
    format_for,
    formats,
    get_exporter,
    register,
    unregister,
)


class MarkdownExporter:
    """Reports as Markdown: a heading, then each table's title."""

    name = "md"
    suffix = ".md"
    media_type = "text/markdown"
    description = "Markdown"

    def write(self, document, stream):
        lines = [f"# {document.title}", *(f"## {t.title}" for t in document.tables)]
        stream.write("\n".join(lines).encode("utf-8"))


class BurningExporter(MarkdownExporter):
    name = "burn"

    def write(self, document, stream):
        stream.write(b"half a report")
        raise RuntimeError("disk on fire")


class UnmakeableExporter(MarkdownExporter):
    def __init__(self):
        raise ValueError("no licence key")


@pytest.fixture
def registered():
    """Formats registered by a test are gone after it."""
    names = []

    def add(name, exporter):
        register(name, exporter)
        names.append(name)

    yield add
    for name in names:
        if name in exporter_names():
            unregister(name)


# --- register ---------------------------------------------------------------------------

def test_a_registered_format_is_used_as_a_declared_one(registered, documents, tmp_path):
    assert "md" not in exporter_names()
    registered("md", MarkdownExporter)
    assert "md" in exporter_names() and isinstance(get_exporter("MD"), MarkdownExporter)
    assert export(documents["summary"], "md").startswith("# 继续教育与培训工作总结".encode())
    path = export(documents["summary"], tmp_path / "总结.md")  # by its suffix
    assert path.read_text(encoding="utf-8").startswith("# 继续教育与培训工作总结")
    (info,) = [i for i in formats() if i.name == "md"]
    assert info.exporter is not None and info.provider == "casedu.exporters.register"
    assert info.target.endswith("MarkdownExporter")


def test_the_command_line_of_the_same_process_lists_and_uses_it(registered, capsys, tmp_path):
    from casedu.dataset import save_dataset
    from casedu.sample import sample_dataset

    registered("md", MarkdownExporter)
    assert main(["formats"]) == 0
    assert "md" in capsys.readouterr().out
    data = tmp_path / "data.json"
    save_dataset(sample_dataset(), data)
    assert main(["export", "summary", str(data), "--institute", "DEMO", "--year", "2026",
                 "--output", str(tmp_path / "s.md")]) == 0
    assert (tmp_path / "s.md").read_text(encoding="utf-8").startswith("# ")


def test_an_exporter_object_registers_too(registered, documents):
    registered("md", MarkdownExporter())
    assert export(documents["summary"], "md")[:1] == b"#"


def test_a_failing_write_is_the_formats_error_and_leaves_no_file(registered, documents,
                                                                 tmp_path):
    registered("burn", BurningExporter)
    target = tmp_path / "out.burn"
    target.write_text("the old report", encoding="utf-8")
    with pytest.raises(ExporterError, match=r"exporter 'burn' \(.*BurningExporter, from "
                       r"casedu.exporters.register\) failed to write: RuntimeError: disk on fire"):
        export(documents["summary"], "burn", target)
    assert target.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["out.burn"]


@pytest.mark.parametrize(("exporter", "says"), [
    (UnmakeableExporter, "cannot be made: ValueError: no licence key"),
    (lambda: object(), "is not an exporter"),
])
def test_a_broken_registration_is_listed_broken_and_breaks_nothing_else(registered, exporter,
                                                                        says, documents):
    registered("broken", exporter)
    with pytest.raises(ExporterError, match=says):
        get_exporter("broken")
    (info,) = [i for i in formats() if i.name == "broken"]
    assert info.exporter is None and says in info.error
    assert export(documents["summary"], "csv")[:3] == b"\xef\xbb\xbf"
    with pytest.raises(ExporterError) as offered:
        get_exporter("docx")
    assert "broken" not in str(offered.value)  # only working formats are offered


def test_a_declared_name_is_not_taken(registered):
    with pytest.raises(ExporterError, match="'csv' is taken by casedu"):
        register("csv", MarkdownExporter)
    with pytest.raises(ExporterError, match=r"'XLSX'.*taken by casedu"):
        register("XLSX", MarkdownExporter)
    assert isinstance(get_exporter("csv"), casedu.exporters.Exporter)


def test_registering_again_replaces_this_process_own(registered, documents):
    registered("md", BurningExporter)
    register("md", MarkdownExporter)
    assert export(documents["summary"], "md")[:1] == b"#"
    unregister("md")
    assert "md" not in exporter_names()
    with pytest.raises(casedu.UnknownRecordError, match="no format 'md' registered"):
        unregister("md")
    with pytest.raises(casedu.UnknownRecordError, match="'csv' is not registered"):
        unregister("csv")


@pytest.mark.parametrize(("name", "exporter", "error"), [
    (3, MarkdownExporter, casedu.ArgumentTypeError),
    ("", MarkdownExporter, casedu.ArgumentValueError),
    ("mark down", MarkdownExporter, casedu.ArgumentValueError),
    ("../md", MarkdownExporter, casedu.ArgumentValueError),
    ("md", 42, casedu.ArgumentTypeError),
    ("md", "casedu_md:MarkdownExporter", casedu.ArgumentTypeError),
])
def test_a_wrong_registration_is_the_callers_mistake(name, exporter, error):
    with pytest.raises(error):
        register(name, exporter)
    assert "md" not in exporter_names()


# --- the format from the suffix -----------------------------------------------------------

def test_the_format_comes_from_the_suffix(documents, tmp_path):
    path = export(documents["summary"], str(tmp_path / "总结.XLSX"))
    assert path.read_bytes()[:2] == b"PK"
    path = export(documents["summary"], tmp_path / "s.csv")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert export(documents["summary"], "XLSX", tmp_path / "t.xlsx").read_bytes()[:2] == b"PK"
    # a suffix that names no format takes the format given
    assert export(documents["summary"], "json", tmp_path / "s.dat").read_bytes()[:1] == b"{"
    book = export_many([documents["summary"], documents["summary"]], tmp_path / "both.ods",
                       names=["A", "B"])
    assert book.read_bytes()[:2] == b"PK"


# Each case: the format asked for (None: none), the file, and the format written or the
# refusal's words. The command line and export() answer every case alike.
CASES = [
    (None, "x.xlsx", "xlsx"),
    (None, "x.ODS", "ods"),
    ("csv", "x.csv", "csv"),
    ("CSV", "x.csv", "csv"),
    ("json", "x.dat", "json"),
    ("xlsx", "x.pdf", "names pdf"),
    ("pdf", "x.csv", "names csv"),
    (None, "x.doc", "is needed"),
    (None, "x", "is needed"),
    ("docx", "x.docx", "no format 'docx'"),
]


@pytest.fixture
def sample_file(tmp_path):
    from casedu.dataset import save_dataset
    from casedu.sample import sample_dataset

    path = tmp_path / "data.json"
    save_dataset(sample_dataset(), path)
    return path


@pytest.mark.parametrize(("given", "file", "expected"), CASES)
def test_export_and_the_command_line_share_the_rule(given, file, expected, documents,
                                                    sample_file, tmp_path, capsys):
    refused = expected not in exporter_names()
    library, command = tmp_path / "lib" / file, tmp_path / "cli" / file
    library.parent.mkdir()
    command.parent.mkdir()
    asked = [given] if given else []
    code = main(["export", "summary", str(sample_file), "--institute", "DEMO", "--year",
                 "2026", "--output", str(command), *(["--format", given] if given else [])])
    err = capsys.readouterr().err
    if refused:
        with pytest.raises(FormatError, match=expected) as info:
            export(documents["summary"], *asked, library)
        assert isinstance(info.value, ArgumentError) and isinstance(info.value, ExporterError)
        assert not library.exists() and not command.exists()
        # one rule, one message: each side names its own way of asking for a format
        with pytest.raises(FormatError) as python:
            format_for(library, given)
        with pytest.raises(FormatError) as cli:
            format_for(command, given, option="--format")
        assert str(info.value) == str(python.value)
        assert code == 2 and err.endswith(f"casedu: error: {cli.value}\n")
    else:
        written = export(documents["summary"], *asked, library)
        assert code == 0
        assert written.read_bytes()[:2] == command.read_bytes()[:2]
        assert format_for(library, given) == expected


def test_format_for_words_the_refusal_for_its_caller(tmp_path):
    with pytest.raises(FormatError) as python:
        format_for(tmp_path / "x.pdf", "xlsx")
    with pytest.raises(FormatError) as command:
        format_for(tmp_path / "x.pdf", "xlsx", option="--format")
    assert "format='xlsx', but" in str(python.value)
    assert "or use format='pdf'" in str(python.value)
    assert "--format xlsx, but" in str(command.value)
    assert "or use --format pdf" in str(command.value)


def test_bytes_and_streams_need_a_format_and_a_format_name_is_never_a_file(documents,
                                                                           tmp_path,
                                                                           monkeypatch):
    import io

    monkeypatch.chdir(tmp_path)
    with pytest.raises(FormatError, match="is needed"):
        export(documents["summary"], None, io.BytesIO())
    with pytest.raises(FormatError, match="is needed"):
        export(documents["summary"])
    assert export(documents["summary"], "csv")[:3] == b"\xef\xbb\xbf"  # bytes, no file "csv"
    assert list(tmp_path.iterdir()) == []
