"""院级管理 → 院级汇总: the academy admin's roll-up of every institute, its filters, 导出, and
an institute's figures; nobody else sees it (the matrix: tests/web/matrix.py)."""

from __future__ import annotations

import re

from tests.web.files import file_name, pdf_text, xlsx_rows
from tests.web.site import Site


def _academy():
    site = Site()
    client = site.client()
    client.login("cas")
    return site, client


def _institutes(html: str) -> list[str]:
    return re.findall(r'<a href="/academy/([A-Z]+)\?year=2026">', html)


def test_the_menu_and_the_rollup_of_every_institute():
    _, client = _academy()
    home = client.get("/")
    assert "院级管理" in home.text and 'href="/academy"' in home.text
    page = client.get("/academy", params={"year": "2026"})
    assert page.status_code == 200
    assert _institutes(page.text) == ["IOP", "IOA", "CAS"]
    assert "合计（3 个研究所）" in page.text and "未创建" in page.text
    assert "共 3 个研究所，显示 3 个，其中已提交 0 个" in page.text


def test_the_filters_keep_the_institutes_asked_for():
    _, client = _academy()
    page = client.get("/academy", params={"year": "2026", "status": "draft"})
    assert _institutes(page.text) == [] and "没有符合条件的研究所" in page.text
    below = client.get("/academy", params={"year": "2026", "below": "90", "rate":
                                           "completion_rate"})
    # IOP: 2 of its 5 assessed completed (s1, s2: 101 h); CAS: its one person has none; IOA:
    # x1 completed, 100%
    assert _institutes(below.text) == ["IOP", "CAS"]
    assert 'value="90"' in below.text


def test_an_institutes_figures():
    _, client = _academy()
    page = client.get("/academy/IOA", params={"year": "2026"})
    assert page.status_code == 200
    assert "IOA 研究所（IOA）" in page.text and "未创建" in page.text
    assert "职工完训率" in page.text and "单位投入总经费（元）" in page.text
    assert client.get("/academy/NOPE", params={"year": "2026"}).status_code == 404


def test_the_download_is_the_report_as_filtered():
    _, client = _academy()
    answer = client.get("/academy/download", params={"year": "2026", "format": "xlsx",
                                                      "below": "90"})
    assert answer.status_code == 200 and file_name(answer) == "继续教育与培训工作汇总-2026.xlsx"
    rows = xlsx_rows(answer.content)
    names = [str(c) for r in rows for c in r if "研究所（" in str(c)]
    assert names == ["IOP 研究所（IOP）", "CAS 研究所（CAS）"]
    assert any(len(r) > 1 and r[1] == "合计（2 个研究所）" for r in rows)
    pdf = client.get("/academy/download", params={"year": "2026", "format": "pdf"})
    assert "继续教育与培训工作汇总" in pdf_text(pdf.content)


def test_an_institute_admin_is_refused():
    site = Site()
    client = site.client()
    client.login("IOP")
    assert 'href="/academy"' not in client.get("/").text
    assert client.get("/academy").status_code == 403
