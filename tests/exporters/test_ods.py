"""The ods files, read back with odfpy and, where it is installed, opened by LibreOffice."""

import shutil
import subprocess
import zipfile

import pytest
from odf import table, teletype, text
from odf.namespaces import OFFICENS, TABLENS
from odf.opendocument import load

from casedu.exporters import export
from tests.exporters.conftest import HOSTILE


@pytest.fixture(scope="module")
def class_stats_path(documents, tmp_path_factory):
    path = tmp_path_factory.mktemp("ods") / "class-stats.ods"
    export(documents["class-stats"], "ods", path)
    return path


def cells_of(row):
    out = []
    for cell in row.getElementsByType(table.TableCell):
        kind = cell.getAttrNS(OFFICENS, "value-type")
        value = cell.getAttrNS(OFFICENS, "value")
        shown = "\n".join(teletype.extractText(p) for p in cell.getElementsByType(text.P))
        out.append((kind, value, shown, cell.getAttrNS(TABLENS, "style-name")))
    return out


def rows_of(path):
    doc = load(str(path))
    sheet = doc.spreadsheet.getElementsByType(table.Table)[0]
    return sheet, [cells_of(r) for r in sheet.getElementsByType(table.TableRow)]


def find(rows, value, column=0):
    return next(r for r in rows if len(r) > column and r[column][2] == value)


def test_values_are_typed(class_stats_path):
    _, rows = rows_of(class_stats_path)
    assert rows[0][0][2] == "培训项目执行情况表"
    done = find(rows, "培训tp1", 1)
    assert done[0][:2] == ("float", "1")  # 序号
    assert done[8][:2] == ("float", "38")
    assert done[10][:3] == ("float", "11800.50", "11,800.50")
    assert done[6][2] == "2026-03-02\n至 2026-03-08"


def test_marks_and_hostile_text(class_stats_path):
    _, rows = rows_of(class_stats_path)
    # the text mark survives black-and-white printing; the hostile name after it stays text
    hostile = find(rows, HOSTILE["name"], 1)  # the name alone
    assert hostile[-1][2] == "【未实施】"  # the mark in a cell of its own
    assert {c[0] for c in hostile if c[2] in HOSTILE.values()} == {"string"}
    assert {c[2] for c in hostile} >= set(HOSTILE.values())
    assert all(c[3].rsplit("_", 1)[1][0] == "1" for c in hostile)  # each style's red variant
    assert hostile[8][:2] == ("float", "0")


def test_header_rows_repeat_and_page_is_a4_landscape(class_stats_path):
    sheet, _ = rows_of(class_stats_path)
    header = sheet.getElementsByType(table.TableHeaderRows)
    assert len(header) == 1
    assert "培训名称" in str(header[0])
    with zipfile.ZipFile(class_stats_path) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        styles = archive.read("styles.xml").decode()
        settings = archive.read("settings.xml").decode()
    assert 'fo:page-width="29.7cm"' in styles and 'style:print-orientation="landscape"' in styles
    assert 'style:scale-to-X="1"' in styles
    assert "<text:page-number>" in styles and "<text:page-count>" in styles
    assert "VerticalSplitPosition" in settings
    with zipfile.ZipFile(class_stats_path) as archive:
        content = archive.read("content.xml").decode()
    # the print range, and lines broken as Chinese print breaks them
    assert "table:print-ranges=\"'培训项目执行情况表'.A1:'培训项目执行情况表'.N" in content
    assert 'style:line-break="strict"' in content


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(class_stats_path, tmp_path):
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
         "--outdir", str(tmp_path),
         str(class_stats_path)], capture_output=True, text=True, timeout=180, check=False)
    out = tmp_path / "class-stats.csv"
    assert out.exists(), result.stderr
    content = out.read_bytes().decode("utf-8", errors="replace")
    assert "培训项目执行情况表" in content and "11800.5" in content.replace(",", "")


def test_a_merged_cell_covers_the_columns_of_its_own_row(class_stats_path):
    """The title spans every column: the row holds it and a covered cell for each other
    column (OpenDocument's table model), and the rows under it start afresh."""
    sheet, _ = rows_of(class_stats_path)
    rows = sheet.getElementsByType(table.TableRow)
    columns = len(sheet.getElementsByType(table.TableColumn))
    title = rows[0]
    assert int(title.getElementsByType(table.TableCell)[0].getAttrNS(
        TABLENS, "number-columns-spanned")) == columns
    assert len(title.getElementsByType(table.CoveredTableCell)) == columns - 1
    records = [r for r in rows if cells_of(r) and cells_of(r)[0][0] == "float"]
    assert records and not any(r.getElementsByType(table.CoveredTableCell) for r in records)
