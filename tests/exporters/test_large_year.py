"""Paper at real size: a year of 300 plans, 800 people and 培训成效 of up to 2,000 characters
(casedu.sample.large_sample_dataset) printed as every report in every format."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import openpyxl
import pytest
from pypdf import PdfReader

from casedu.exporters import export
from casedu.exporters.cells import display, typed_cells
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.reports.summary import hours_bins
from casedu.sample import large_sample_dataset
from tests.exporters.test_pdf import has_font, needs_font

#: A real year's paper: the full run's (python -m pytest -m "").
pytestmark = pytest.mark.slow

FORMATS = ("xlsx", "ods", "pdf", "csv", "json", "html")
#: Values that must never be broken across lines: dates, amounts, phone numbers, percentages.
UNBREAKABLE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,3}(?:,\d{3})+\.\d{2}|\+86 10 \d{4} \d{4}|"
                         r"[\d()+-]{8,}\d|\d+\.\d+%")


@pytest.fixture(scope="module")
def context():
    return ReportContext(large_sample_dataset(), "DEMO", 2026)


@pytest.fixture(scope="module")
def documents(context):
    person = context.dataset.people[0].id
    return {name: build_report(name, context, person=person) for name in REPORTS}


@pytest.fixture(scope="module")
def files(documents, tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    written = {}
    for name, document in documents.items():
        for fmt in FORMATS:
            if fmt == "pdf" and not has_font():
                continue
            written[name, fmt] = export(document, fmt, folder / f"{name}.{fmt}")
    return written


def test_every_report_exports_in_every_format(files):
    for name in REPORTS:
        for fmt in FORMATS:
            path = files.get((name, fmt))
            if path is None:  # a pdf without a Chinese font on this machine
                continue
            assert path.stat().st_size > 500, (name, fmt)


def test_the_sample_is_of_real_size(context):
    plans = context.dataset.plans
    assert len(plans) == 300 and len(context.dataset.people) == 800
    assert min(len(p.name) for p in plans) >= 40 and max(len(p.name) for p in plans) <= 60
    long_texts = [len(p.effectiveness) for p in plans if p.effectiveness]
    assert min(long_texts) >= 300 and max(long_texts) == 2000


def pages_of(path):
    return [page.extract_text() for page in PdfReader(str(path)).pages]


@needs_font
@pytest.mark.parametrize("name", list(REPORTS))
def test_no_date_amount_or_phone_is_broken(files, documents, name):
    text = "\n".join(pages_of(files[name, "pdf"]))
    seen = 0
    for table in documents[name].tables:
        for row in (*table.rows, *((table.totals,) if table.totals else ())):
            for value, kind in typed_cells(table.columns, row):
                for token in UNBREAKABLE.findall(display(value, kind)):
                    assert token in text, (name, token)
                    seen += 1
    assert seen > 0 or name in ("summary", "staff-overview")


@needs_font
@pytest.mark.parametrize("name", list(REPORTS))
def test_the_last_page_carries_table_rows_with_the_signature(files, documents, name):
    pages = pages_of(files[name, "pdf"])
    last = pages[-1]
    assert "负责人（签字）" in last and "单位（盖章）" in last and "填表人" in last
    table = documents[name].tables[-1]
    final = table.totals if table.totals is not None else table.rows[-1]
    first_cell = display(*next(iter(typed_cells(table.columns, final))))
    squeezed = re.sub(r"\s", "", last)
    assert re.sub(r"\s", "", first_cell)[:6] in squeezed, (name, first_cell)
    assert not any("负责人（签字）" in page for page in pages[:-1])


@needs_font
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_font_is_embedded(files, name):
    reader = PdfReader(str(files[name, "pdf"]))
    assert reader.metadata.title.startswith(documents_title(name))
    assert reader.trailer["/Root"].get("/Lang") == "zh-CN"
    xmp = reader.xmp_metadata  # the XMP packet archives read, beside the document info
    assert xmp.dc_language == ["zh-CN"] and xmp.pdf_producer == "casedu"
    assert xmp.dc_title["x-default"].startswith(documents_title(name))
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = (descendants[0].get_object() if descendants else font)
            descriptor = described.get("/FontDescriptor")
            assert descriptor is not None, font.get("/BaseFont")
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                font.get("/BaseFont")


def documents_title(name):
    return REPORTS[name].title if name != "archive" else "学习档案"


@needs_font
def test_class_stats_takes_no_more_pages_than_a_spreadsheet_printed(files, tmp_path):
    """LibreOffice's print of the ods of the same year is the measure (plus 10%)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs libreoffice-calc for this test (.ci/run)")
        pytest.skip("LibreOffice is not installed")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(files["class-stats", "ods"])], check=True, capture_output=True,
                   timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    ods_pages = len(PdfReader(str(tmp_path / "class-stats.pdf")).pages)
    pdf_pages = len(PdfReader(str(files["class-stats", "pdf"])).pages)
    assert pdf_pages <= ods_pages * 1.1, (pdf_pages, ods_pages)
    # and far fewer than one plan a page, as before
    assert pdf_pages < 300


def test_two_row_headers_are_merged_down_in_the_spreadsheets(files):
    sheet = openpyxl.load_workbook(files["staff-overview", "xlsx"]).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    header = next(row for row in sheet.iter_rows() if row[0].value == "人员编号")
    top = header[0].row
    assert f"A{top}:A{top + 1}" in merged  # 人员编号 spans both header rows
    below = [c.value for c in next(sheet.iter_rows(min_row=top + 1, max_row=top + 1))]
    assert "人员编号" not in below and "姓名" not in below
    content = __import__("zipfile").ZipFile(files["staff-overview", "ods"]).read(
        "content.xml").decode()
    assert 'table:number-rows-spanned="2"' in content


def test_unimplemented_rows_carry_a_text_mark_in_every_format(files, context):
    not_done = [p for p in context.dataset.plans if not p.implemented]
    assert not_done
    for fmt in ("xlsx", "html"):
        path = files["class-stats", fmt]
        if fmt == "xlsx":
            sheet = openpyxl.load_workbook(path).active
            marked = [r[0].value for r in sheet.iter_rows() if str(r[0].value).startswith("【")]
        else:
            marked = re.findall("【未实施】", path.read_text(encoding="utf-8"))
        assert len(marked) == len(not_done), fmt
    content = __import__("zipfile").ZipFile(files["class-stats", "ods"]).read(
        "content.xml").decode()
    assert content.count("【未实施】") == len(not_done)


def test_bucket_labels_say_where_the_thresholds_fall(context, documents):
    labels = [label for label, _, _ in hours_bins(context.policy)]
    assert labels == ["0", "0–<40", "40–<80", "80–<100", "100–<150", "≥150"]
    (chart,) = [b for b in documents["summary"].blocks if hasattr(b, "labels")]
    assert chart.labels == tuple(labels)
    sheet = openpyxl.load_workbook(files_path(documents, "summary")).active
    assert len(sheet._charts) == 1  # the distribution drawn in the workbook too


def files_path(documents, name):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / f"{name}.xlsx"
    return export(documents[name], "xlsx", path)


def test_the_archive_total_says_what_it_counts(documents):
    (entries, _) = documents["archive"].tables
    assert entries.totals.cells[0] == "合计（仅计入学时的记录）"
