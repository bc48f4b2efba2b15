"""The PDF files: text extracted with pypdf, fonts and pages checked."""

import re

import pytest
from pypdf import PdfReader

from casedu.errors import FontNotFoundError
from casedu.exporters import export, get_exporter
from casedu.exporters import fonts as font_module
from casedu.reports import Column, Document, Kind, Mark, Orientation, Row, Table


def pdf_text(path):
    reader = PdfReader(str(path))
    return reader, [page.extract_text() for page in reader.pages]


def has_font() -> bool:
    try:
        font_module.choose_font()
    except FontNotFoundError:
        return False
    return True


needs_font = pytest.mark.skipif(not has_font(), reason="no TrueType Chinese font installed")


@needs_font
def test_class_stats_pdf_text(documents, tmp_path):
    path = tmp_path / "cs.pdf"
    export(documents["class-stats"], "pdf", path)
    reader, pages = pdf_text(path)
    whole = "\n".join(pages)
    assert "培训项目执行情况表" in whole
    assert "培训名称" in whole and "经费开支" in whole
    assert "11,800.50" in whole
    assert "【未实施】" in whole
    assert "<b>粗体</b> & 更多" in whole.replace("\n", "")  # escaped, shown as typed
    assert re.search(r"第 1 页 共 \d+ 页", pages[0])

    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


@needs_font
def test_font_is_embedded(documents, tmp_path):
    path = tmp_path / "s.pdf"
    export(documents["summary"], "pdf", path)
    reader = PdfReader(str(path))
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    embedded.append(font["/BaseFont"])
    assert embedded, "no embedded TrueType font"


@needs_font
def test_header_repeats_on_every_page_and_numbers_pages(tmp_path):
    columns = (Column("name", "姓名列标题"), Column("hours", "学时", Kind.HOURS))
    from decimal import Decimal

    rows = tuple(Row((f"人员{i}", Decimal(i))) for i in range(400))
    doc = Document(title="长表", institute="测试所", year=2026,
                   blocks=(Table(columns=columns, rows=rows),),
                   orientation=Orientation.PORTRAIT, footer="fp")
    path = tmp_path / "long.pdf"
    export(doc, "pdf", path)
    _, pages = pdf_text(path)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        if "人员" in page:  # every page of the table, not the closing stamp page
            assert "姓名列标题" in page, number
        assert f"第 {number} 页 共 {len(pages)} 页" in page
    assert "人员399" in "".join(pages)


def test_missing_font_fails_with_the_fix(monkeypatch, documents, tmp_path):
    monkeypatch.setattr(font_module, "_candidates", lambda: iter(()))
    exporter = get_exporter("pdf")
    with pytest.raises(FontNotFoundError, match="fonts-wqy-zenhei"):
        exporter.write(documents["summary"], (tmp_path / "x.pdf").open("wb"))


def test_bad_font_file_is_named(tmp_path, documents):
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font")
    with pytest.raises(FontNotFoundError, match=r"bogus\.ttf"):
        get_exporter("pdf", font=bogus).write(documents["summary"],
                                              (tmp_path / "x.pdf").open("wb"))


def test_unembedded_fallback_still_extracts(monkeypatch, documents, tmp_path):
    monkeypatch.setattr(font_module, "_candidates", lambda: iter(()))
    path = tmp_path / "fallback.pdf"
    export(documents["summary"], "pdf", path, allow_unembedded_font=True)
    _, pages = pdf_text(path)
    assert "继续教育与培训工作总结" in pages[0]


def test_marks_are_visible_without_colour(documents):
    assert Mark.NOT_IMPLEMENTED.label == "未实施"


@needs_font
def test_a_remembered_split_is_reportlabs_own():
    """A text drawn again in a PDF is split into the same subsets' codes as reportlab splits
    it, in a document where the same texts came in the same order (new characters, repeats,
    a text of characters already given codes by others)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(font_module.choose_font().name)
    remembered, plain = PDFDocument(), PDFDocument()
    texts = ["培训", "培训2026", "培训", "训培", "新字 A", "培训2026", "", "A", "培训"]
    texts += [chr(0x4E00 + i) * 3 for i in range(300)] + ["培训", chr(0x4E00) + "培"]
    for text in texts:
        assert font.splitString(text, remembered) == TTFont.splitString(font, text, plain)
    assert font.splitString("培训", remembered) is not font.splitString("培训", remembered)
