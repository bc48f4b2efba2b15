"""The streamed xlsx against the workbook openpyxl writes of the same grid
(tests/exporters/openpyxl_xlsx.py): read back by openpyxl, every cell's value, type and format,
the merges, heights, widths, print settings, page breaks and charts are the same; and
LibreOffice opens the file."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from casedu.exporters.xlsx import XlsxExporter
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.sample import large_sample_dataset, sample_dataset
from tests.exporters.conftest import hostile_dataset
from tests.exporters.openpyxl_xlsx import XlsxExporter as OpenpyxlXlsx


def _documents():
    for label, data, institute in (("hostile", hostile_dataset(), "IOP"),
                                   ("sample", sample_dataset(), "DEMO"),
                                   ("large", large_sample_dataset(), "DEMO")):
        context = ReportContext(data, institute, 2026)
        person = data.people[0].id
        for name in REPORTS:
            yield f"{label}-{name}", build_report(name, context, person=person)


DOCUMENTS = dict(_documents())


def _written(exporter, documents, names=None) -> bytes:
    stream = io.BytesIO()
    exporter.write_many(documents, stream, names)
    return stream.getvalue()


def _color(color):
    return None if color is None else (color.rgb if color.type == "rgb" else color.type)


def _cell_facts(cell):
    font, fill, border, alignment = cell.font, cell.fill, cell.border, cell.alignment
    value = cell.value
    if isinstance(value, float):
        # openpyxl writes a Decimal's float with 16 digits, casedu the Decimal's own digits
        # (up to 17): the same number to 15 significant digits, which is all Excel keeps
        value = float(f"{value:.15g}")
    return (cell.coordinate, value, cell.data_type, cell.number_format,
            font.name, font.size, bool(font.bold), _color(font.color),
            fill.fill_type, _color(fill.fgColor) if fill.fill_type else None,
            border.left.style, border.top.style, _color(border.left.color),
            alignment.horizontal, alignment.vertical, bool(alignment.wrap_text),
            bool(cell.quotePrefix))


def sheet_facts(data: bytes):
    """What a reader sees of each sheet of the workbook ``data``."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    facts = []
    for sheet in workbook.worksheets:
        setup, footer = sheet.page_setup, sheet.oddFooter
        facts.append({
            "name": sheet.title,
            "cells": [_cell_facts(c) for row in sheet.iter_rows() for c in row
                      if (c.value is not None or c.has_style) and not isinstance(c, MergedCell)],
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "heights": {r: d.height for r, d in sheet.row_dimensions.items()
                        if d.height is not None},
            "widths": {c: d.width for c, d in sheet.column_dimensions.items() if d.customWidth},
            "frozen": sheet.freeze_panes,
            "titles": (sheet.print_title_rows or "").replace("$", ""),
            "page": (setup.orientation, str(setup.paperSize), setup.fitToWidth,
                     setup.fitToHeight, sheet.sheet_properties.pageSetUpPr.fitToPage,
                     sheet.print_options.horizontalCentered),
            "margins": (sheet.page_margins.left, sheet.page_margins.right,
                        sheet.page_margins.top, sheet.page_margins.bottom,
                        sheet.page_margins.header, sheet.page_margins.footer),
            "area": sheet.print_area,
            "breaks": [b.id for b in sheet.row_breaks.brk],
            "footer": (footer.left.text, footer.left.size, footer.right.text,
                       footer.right.size),
            "charts": [(type(c).__name__, c.anchor._from.col, c.anchor._from.row,
                        [str(s.val.numRef.f).replace("$", "") for s in c.series],
                        [str((s.cat.numRef or s.cat.strRef).f).replace("$", "")
                         for s in c.series])
                       for c in sheet._charts],
        })
    return facts


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_a_streamed_sheet_reads_back_as_openpyxl_wrote_it(name):
    document = DOCUMENTS[name]
    streamed = sheet_facts(_written(XlsxExporter(), [document]))
    reference = sheet_facts(_written(OpenpyxlXlsx(), [document]))
    assert streamed[0]["cells"], "no cells read back"
    for mine, theirs in zip(streamed, reference, strict=True):
        for key in theirs:
            assert mine[key] == theirs[key], key


def test_several_documents_are_several_sheets_as_before():
    documents = [DOCUMENTS["sample-summary"], DOCUMENTS["hostile-summary"],
                 DOCUMENTS["sample-class-stats"]]
    names = ["DEMO 2026", "IOP's 2026", "DEMO 2026"]
    streamed = sheet_facts(_written(XlsxExporter(), documents, names))
    assert [s["name"] for s in streamed] == ["DEMO 2026", "IOP's 2026", "DEMO 2026 2"]
    assert streamed == sheet_facts(_written(OpenpyxlXlsx(), documents, names))
    assert [len(s["charts"]) for s in streamed] == [1, 1, 0]


def test_every_part_is_well_formed_xml_and_named_in_the_content_types():
    data = _written(XlsxExporter(), [DOCUMENTS["hostile-summary"], DOCUMENTS["large-archive"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for name in names:
            ElementTree.fromstring(archive.read(name))  # raises on malformed XML
        types = archive.read("[Content_Types].xml").decode()
    for name in names:
        if not name.endswith(".rels") and name != "[Content_Types].xml":
            assert f'PartName="/{name}"' in types, name


def test_exact_numbers_are_written_as_typed():
    data = _written(XlsxExporter(), [DOCUMENTS["hostile-class-stats"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>11800.50</v>" in sheet  # the Decimal's own digits, not a float's
    row = next(r for r in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows()
               if r[1].value == "培训tp1")
    assert Decimal(str(row[10].value)) == Decimal("11800.5")


def test_text_with_control_characters_and_markup_survives():
    """A document is public: a caller may put any text in it, even what the model refuses."""
    from attrs import evolve

    from casedu.reports.document import Row, Table

    document = DOCUMENTS["hostile-class-stats"]
    table = next(b for b in document.blocks if isinstance(b, Table))
    strange = "a\x01b <c> & d\re\n\tf  ]]>"
    rows = [Row((strange, *table.rows[0].cells[1:])), *table.rows[1:]]
    blocks = tuple(evolve(b, rows=rows) if b is table else b for b in document.blocks)
    document = evolve(document, blocks=blocks, title="=1+1 & <b>")
    data = _written(XlsxExporter(), [document])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = {c.value for row in sheet.iter_rows() for c in row}
    assert "a\ufffdb <c> & d\re\n\tf  ]]>" in values and "=1+1 & <b>" in values
    assert sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix
    # (openpyxl's own writer keeps the carriage return only with lxml installed: no comparison)
    mine = sheet_facts(data)[0]
    theirs = sheet_facts(_written(OpenpyxlXlsx(), [document]))[0]
    assert [c for c in mine["cells"] if c[0] != "A5"] == [
        c for c in theirs["cells"] if c[0] != "A5"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_and_prints_the_pages_openpyxl_s_file_printed(tmp_path):
    from pypdf import PdfReader

    document = DOCUMENTS["large-class-stats"]
    pages = []
    for label, exporter in (("streamed", XlsxExporter()), ("openpyxl", OpenpyxlXlsx())):
        folder = tmp_path / label
        folder.mkdir()
        path = folder / "class-stats.xlsx"
        path.write_bytes(_written(exporter, [document]))
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo",
                        "--convert-to", "pdf", "--outdir", str(folder), str(path)],
                       check=True, capture_output=True, timeout=300)
        reader = PdfReader(folder / "class-stats.pdf")
        pages.append((len(reader.pages), reader.pages[0].extract_text()))
    (streamed, first), (reference, _) = pages
    assert streamed == reference and streamed > 1
    assert "培训项目执行情况表" in first
