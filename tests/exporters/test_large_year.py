"""Paper at real size: a year of 300 plans (three with 培训成效 of 2,000 characters), 800
people and a long institute name (casedu.sample.large_sample_dataset), every report printed
in every format: the PDF as casedu draws it, each xlsx and ods as LibreOffice prints it. The
pages are read back (pdftotext, pypdf) and checked: every text whole, nothing over anything,
nothing under 9 pt, no line starting with closing punctuation or ending with opening
punctuation, titles of columns whole or broken between their words, blanks to write on, page
numbers. LibreOffice is slow: the files are printed once per session (conftest.printed), and
these tests are marked ``slow``."""

from __future__ import annotations

import re
from collections import Counter

import openpyxl
import pytest

from casedu.exporters.linebreak import CLOSING, OPENING
from casedu.exporters.sheetgrid import CONTINUED, MARK
from casedu.exporters.sheetpage import row_height
from casedu.exporters.titles import title_lines, title_words
from casedu.reports import REPORTS
from casedu.reports.document import Kind
from tests.exporters.conftest import PRINTS
from tests.exporters.pages import (
    font_sizes,
    neighbour,
    overlapping,
    pages,
    source_texts,
    squeezed,
    text,
)

pytestmark = pytest.mark.slow
PRINTED = [(name, fmt) for name in REPORTS for fmt in PRINTS]
_CM = 72 / 2.54


def test_the_sample_is_of_real_size(large_context):
    data = large_context.dataset
    assert len(data.plans) == 300 and len(data.people) == 800
    assert min(len(p.name) for p in data.plans) >= 40 and max(len(p.name) for p in data.plans) <= 60
    long_texts = [len(p.effectiveness) for p in data.plans if p.effectiveness]
    assert min(long_texts) >= 300 and long_texts.count(2000) >= 3
    assert len(data.institutes[0].name) > 30


def test_every_report_exports_in_every_format(large_files):
    for (name, fmt), path in large_files.items():
        assert path.stat().st_size > 500, (name, fmt)


def _furniture(document) -> set[str]:
    """The characters a page may print more than once, or that casedu adds: titles of columns,
    labels, the footer, page numbers, the signature block, digits and marks."""
    parts = [document.footer, "第页共目录", CONTINUED, MARK, "标记序号合计", "学时人数"]
    stamp = document.stamp
    parts += [stamp.preparer_line(11), stamp.date_line(11), stamp.signer_line(11),
              stamp.unit_label, stamp.filing_label, document.institute]
    for table in document.tables:
        parts += [c.title for c in table.columns] + [c.group or "" for c in table.columns]
    for block in document.blocks:
        if hasattr(block, "labels"):
            parts += [block.title, *block.labels, block.value_label]
    chars = set("".join(parts))
    chars |= {c for c in map(chr, range(0x20, 0x7F))}  # digits and marks: page numbers
    chars |= set("，。、；：（）【】“”·—–…％")
    return chars


@pytest.mark.parametrize(("name", "fmt"), PRINTED)
def test_every_text_is_printed_whole(printed, large_documents, name, fmt):
    """Each character that only the report's own text uses is printed exactly as often as the
    text has it: no line lost at a page's foot, clipped in a row or printed twice."""
    document = large_documents[name]
    source = Counter(squeezed("".join(source_texts(document))))
    printed_text = Counter(squeezed(text(printed[name, fmt])))
    furniture = _furniture(document)
    wrong = {c: (n, printed_text[c]) for c, n in source.items()
             if c not in furniture and printed_text[c] != n}
    assert not wrong, dict(list(wrong.items())[:10])


@pytest.mark.parametrize(("name", "fmt"), PRINTED)
def test_nothing_is_printed_over_anything(printed, name, fmt):
    for number, page in enumerate(pages(printed[name, fmt]), start=1):
        pairs = overlapping(page)
        assert not pairs, (number, [(a.text, b.text) for a, b in pairs[:3]])
        for word in page.words:  # and everything on the paper, inside its margins
            assert word.x0 > 0 and word.x1 < page.width and word.y1 < page.height - 10, word


@pytest.mark.parametrize(("name", "fmt"), PRINTED)
def test_nothing_prints_under_9_points(printed, name, fmt):
    sizes = {size for size in font_sizes(printed[name, fmt]) if size > 0}
    assert sizes and min(sizes) >= 8.95, sorted(sizes)


@pytest.mark.parametrize(("name", "fmt"), [p for p in PRINTED if p[1] != "xlsx"])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(printed, name, fmt):
    """On the PDF and the ods as printed. An xlsx cannot ask for Chinese line breaking:
    Excel and WPS apply it to every cell themselves, LibreOffice not to an xlsx's cells; the
    text casedu lays out across the page carries casedu's own breaks (next test)."""
    for number, page in enumerate(pages(printed[name, fmt]), start=1):
        for word in page.words:
            if word.text[:1] in CLOSING and not word.text[:1].isascii():
                assert neighbour(page, word, "left"), (number, word.text)
            if word.text[-1:] in OPENING and not word.text[-1:].isascii():
                assert neighbour(page, word, "right"), (number, word.text)


def test_an_xlsx_carries_casedus_line_breaks_in_the_text_it_lays_out(large_files):
    sheet = openpyxl.load_workbook(large_files["class-stats", "xlsx"]).active
    details = [c.value for row in sheet.iter_rows() for c in row[1:2]
               if isinstance(c.value, str) and c.value.startswith("培训成效：")]
    assert len(details) >= 250
    for detail in details:
        for line in detail.split("\n"):
            assert line and line[0] not in CLOSING and line[-1] not in OPENING, line


@pytest.mark.parametrize(("name", "fmt"), PRINTED)
def test_titles_of_columns_print_whole_or_between_their_words(printed, large_documents, name,
                                                              fmt):
    words = {w.text for w in pages(printed[name, fmt])[0].words}
    words |= {w.text for page in pages(printed[name, fmt])[1:3] for w in page.words}
    for table in large_documents[name].tables:
        for column in table.columns:
            if column.spread and fmt != "xlsx_or_ods":
                continue  # printed as the label of the text under each row
            title = column.title
            if title in words:
                continue
            lines = title_lines(title, 0, len)
            assert len(lines) == 2 and all(len(line) >= 2 for line in lines), title
            assert all(line in words for line in lines), (title, lines)
            # broken only between words: every line is made of whole words
            parts = title_words(title)
            assert lines[0] == "".join(parts[:len(lines[0])]) or lines[0] in {
                "".join(parts[:i]) for i in range(1, len(parts))}, (title, lines)


@pytest.mark.parametrize(("name", "fmt"), PRINTED)
def test_the_signature_block_has_blanks_to_write_on(printed, large_documents, name, fmt):
    stamp = large_documents[name].stamp
    last = pages(printed[name, fmt])[-1]
    blanks = [w for w in last.words if re.fullmatch("_+", w.text)]
    widths = sorted(w.x1 - w.x0 for w in blanks)
    wanted = sorted((stamp.signer_cm, stamp.preparer_cm, stamp.phone_cm, stamp.year_cm,
                     stamp.month_cm, stamp.day_cm))
    assert len(widths) == len(wanted), [w.text for w in last.words][-30:]
    for width, cm in zip(widths, wanted, strict=True):
        assert width >= cm * _CM * 0.97, (width / _CM, cm)
    labels = {w.text for w in last.words}
    for label in ("填表人：", "联系电话：", "年", "月", "日"):
        assert label in labels, label
    # and it is never a page of its own: the table's last rows print on its page
    assert any("合计" in w.text or "单位职工" in w.text or w.text in ("序号",) for w in last.words)


def test_class_stats_pdf_splits_rows_with_three_lines_each_side(large_documents, tmp_path,
                                                                 monkeypatch):
    """Every row split across pages leaves at least three lines on each side, and what goes
    on says which record it is (12（续）)."""
    from casedu.exporters import export
    from casedu.exporters.pdf import table as layout
    from tests.exporters.test_pdf import has_font

    if not has_font():
        pytest.skip("no TrueType Chinese font installed")
    splits = []
    original = layout.Prepared.split

    def split(self, lines):
        head, rest = original(self, lines)
        splits.append((head.lines, rest.lines, rest))
        return head, rest

    monkeypatch.setattr(layout.Prepared, "split", split)
    export(large_documents["class-stats"], "pdf", tmp_path / "cs.pdf")
    assert splits, "no row was split across pages"
    for head, rest, row in splits:
        assert head >= 3 and rest >= 3, (head, rest)
        first = "".join((row.cells[0] if row.cells and row.cells[0] else row.detail)[:2])
        assert CONTINUED in first, first


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_spreadsheet_pages_break_between_records_or_three_lines_in(printed, large_files, fmt):
    """A page of a printed spreadsheet starts with a record, or with the rest of one under
    its number and （续）; the xlsx says where (its row breaks), and a split leaves three
    lines or more on each side."""
    sheet = openpyxl.load_workbook(large_files["class-stats", "xlsx"]).active
    breaks = [b.id + 1 for b in sheet.row_breaks.brk]
    assert len(breaks) + 1 == len(pages(printed["class-stats", fmt]))
    three = row_height(3, 9)
    for row in breaks:
        first = sheet.cell(row=row, column=1).value
        if isinstance(first, str) and first.endswith(CONTINUED):
            assert sheet.row_dimensions[row].height >= three
            above = sheet.row_dimensions[row - 1].height
            assert above >= three or sheet.cell(row=row - 1, column=1).value is not None


def test_xlsx_rows_names_marks_and_amounts(large_files, large_context):
    """Read with openpyxl: no row taller than 409 pt, the names exact and alone, the mark a
    cell of its own with the red fill, the amounts numbers formatted with separators."""
    data = large_context.dataset
    for name in REPORTS:
        sheet = openpyxl.load_workbook(large_files[name, "xlsx"]).active
        heights = [d.height for d in sheet.row_dimensions.values() if d.height]
        assert heights and max(heights) <= 409, name
    sheet = openpyxl.load_workbook(large_files["class-stats", "xlsx"]).active
    rows = [r for r in sheet.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    assert [r[0].value for r in rows] == list(range(1, 301))  # 序号
    assert sorted(r[1].value for r in rows) == sorted(p.name for p in data.plans)
    marked = [r for r in rows if r[-1].value == MARK]
    assert len(marked) == sum(1 for p in data.plans if not p.implemented)
    assert all(c.fill.fgColor.rgb.endswith("FFC7CE") for r in marked for c in r)
    header = [c.value for c in next(sheet.iter_rows(min_row=4, max_row=4))]
    expense = header.index("经费开支\n（元）")
    for row in rows:
        cell = row[expense]
        assert cell.data_type == "n" and cell.number_format == "#,##0.00"


def test_the_summary_chart_is_in_every_spreadsheet(large_files):
    import zipfile

    sheet = openpyxl.load_workbook(large_files["summary", "xlsx"]).active
    assert len(sheet._charts) == 1
    with zipfile.ZipFile(large_files["summary", "ods"]) as archive:
        names = archive.namelist()
        manifest = archive.read("META-INF/manifest.xml").decode()
        content = archive.read("content.xml").decode()
        (chart,) = [n for n in names if n.endswith("/content.xml") and n != "content.xml"]
        chart_xml = archive.read(chart).decode()
    assert "application/vnd.oasis.opendocument.chart" in manifest
    assert "<draw:object" in content and 'chart:class="chart:bar"' in chart_xml
    assert "在职职工年度学时分布" in chart_xml


def test_sections_of_one_pdf_are_numbered_each_with_contents(large_documents, tmp_path):
    from casedu.exporters import export_many
    from tests.exporters.test_pdf import has_font

    if not has_font():
        pytest.skip("no TrueType Chinese font installed")
    documents = [large_documents["backbone"], large_documents["summary"]]
    path = export_many(documents, "pdf", tmp_path / "two.pdf", names=["DEMO 2026", "DEMO 甲"])
    from pypdf import PdfReader

    texts = [page.extract_text() for page in PdfReader(str(path)).pages]
    assert "目录" in texts[0] and "DEMO 2026" in texts[0] and "DEMO 甲" in texts[0]
    numbers = [re.search(r"第 (\d+) 页 共 (\d+) 页", page) for page in texts[1:]]
    assert all(numbers)
    pairs = [(int(m.group(1)), int(m.group(2))) for m in numbers]
    first = pairs[0][1]
    assert pairs[:first] == [(i, first) for i in range(1, first + 1)]
    second = pairs[first][1]
    assert pairs[first:] == [(i, second) for i in range(1, second + 1)]
    assert re.search(rf"第 2–{first + 1} 页（共 {first} 页）", texts[0].replace(" ", " "))


def test_unimplemented_rows_carry_a_text_mark_in_every_format(large_files, large_context):
    import zipfile

    not_done = sum(1 for p in large_context.dataset.plans if not p.implemented)
    assert not_done
    html = large_files["class-stats", "html"].read_text(encoding="utf-8")
    assert html.count(MARK) == not_done
    content = zipfile.ZipFile(large_files["class-stats", "ods"]).read("content.xml").decode()
    assert content.count(MARK) == not_done


def test_two_row_headers_are_merged_down_in_the_spreadsheets(large_files):
    import zipfile

    sheet = openpyxl.load_workbook(large_files["staff-overview", "xlsx"]).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    header = next(row for row in sheet.iter_rows() if row[0].value == "序号")
    top = header[0].row
    assert f"A{top}:A{top + 1}" in merged  # 序号 spans both header rows
    content = zipfile.ZipFile(large_files["staff-overview", "ods"]).read("content.xml").decode()
    assert 'table:number-rows-spanned="2"' in content


def test_the_archive_total_says_what_it_counts(large_documents):
    (entries, _) = large_documents["archive"].tables
    assert entries.totals.cells[1] == "合计（仅计入学时的记录）"
    assert entries.columns[0].kind is Kind.INTEGER
