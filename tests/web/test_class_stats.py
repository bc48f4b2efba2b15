"""培训统计 → 培训班统计表: the year's plans of the institute, those not implemented marked in
colour and in words, and 导出 as xlsx, ods and pdf through the library's exporters."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from casedu.metrics import class_stats
from tests.services.world import world_dataset
from tests.web.files import file_name, ods_rows, pdf_text, records, xlsx_rows
from tests.web.site import Site

MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "ods": "application/vnd.oasis.opendocument.spreadsheet",
         "pdf": "application/pdf"}


def _admin():
    site = Site()
    client = site.client()
    client.login("IOP")
    return site, client


def _rows(html):
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return re.findall(r"<tr( class=\"[^\"]+\")?>(.*?)</tr>", body, re.S)


def test_the_years_plans_with_those_not_implemented_marked_in_colour_and_words():
    _, client = _admin()
    page = client.get("/stats/classes")
    assert page.status_code == 200 and "<h1>培训班统计表</h1>" in page.text
    rows = _rows(page.text)
    expected = class_stats(world_dataset(), "IOP", 2026)
    assert len(rows) == len(expected) + 1  # and the totals
    for (kind, cells), row in zip(rows, expected, strict=False):
        assert row.figures.name in cells
        marked = "【未实施】" in cells
        assert marked == (kind == ' class="not-implemented"') == (not row.implemented)
    assert "培训P1d" not in page.text  # a draft is not among the year's plans
    assert "培训PX" not in page.text  # another institute's
    assert "合计 4 项" in rows[-1][1]


def test_another_year_has_its_own_plans():
    _, client = _admin()
    page = client.get("/stats/classes?year=2025")
    assert page.status_code == 200 and "没有记录" in page.text
    assert 'value="2025" selected' in page.text


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "pdf"])
def test_the_export_is_the_librarys_file_with_its_chinese_name(fmt):
    _, client = _admin()
    answer = client.get(f"/stats/classes/export?format={fmt}&year=2026")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == MEDIA[fmt]
    assert file_name(answer) == f"IOP-培训项目执行情况表-2026.{fmt}"
    assert f'filename="IOP-class-stats-2026.{fmt}"' in answer.headers["content-disposition"]
    assert answer.headers["cache-control"] == "no-store"
    expected = class_stats(world_dataset(), "IOP", 2026)
    if fmt == "pdf":
        text = pdf_text(answer.content)
        assert "培训项目执行情况表" in text and text.count("未实施") >= 2
        return
    rows = xlsx_rows(answer.content) if fmt == "xlsx" else ods_rows(answer.content)
    table = {r["培训名称"]: r for r in records(rows, "培训名称")}
    for row in expected:
        found = table[row.figures.name]
        assert (found["标记"] or "") == ("" if row.implemented else "【未实施】")
        attendees, staff, expense = found["参会人数"], found["工作人数"], found["经费开支（元）"]
        assert (int(attendees), int(staff)) == (row.figures.attendees, row.figures.staff)
        assert Decimal(str(expense).replace(",", "")) == row.figures.expense


def test_a_format_that_is_not_offered_is_refused_by_name():
    _, client = _admin()
    answer = client.get("/stats/classes/export?format=docx")
    assert answer.status_code == 400 and "xlsx, ods, pdf" in answer.text


@pytest.mark.parametrize(("name", "fallback", "expected"), [
    ("总结-2026.xlsx", "summary-2026.xlsx",
     "attachment; filename=\"summary-2026.xlsx\"; "
     "filename*=UTF-8''%E6%80%BB%E7%BB%93-2026.xlsx"),
    # a code with a quote, a slash or a control character never breaks the header or a path
    ('所"/\\\r\n名.pdf', 'I"O/P\r\n.pdf',
     "attachment; filename=\"I_O_P__.pdf\"; filename*=UTF-8''%E6%89%80%22____%E5%90%8D.pdf"),
])
def test_the_file_name_is_carried_as_rfc_6266_and_5987_ask(name, fallback, expected):
    from casedu.web.downloads import attachment, safe_names

    safe, plain = safe_names(name, fallback)
    assert attachment(b"", safe, fallback=plain).headers["content-disposition"] == expected
