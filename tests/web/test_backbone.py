"""培训统计 → 骨干人才筛选上报表: the eligible people with their figures, 上报 and 撤销 one or
many, why anyone asked about is not eligible, and 导出骨干人才培训表 then 下载."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pytest

from casedu.metrics import screen_backbone
from casedu.services import MemoryStore
from tests.builders import external, person
from tests.services.world import accounts, world_dataset
from tests.web.files import file_name, ods_rows, pdf_text, records, row_of, xlsx_rows
from tests.web.site import Site


def _world():
    """The small academy with more eligible people: b0…b3 at exactly 100 h with one training
    of 41 h, n0 at 100 h whose longest training is exactly 40 h (not over 40), n1 at 99.5 h."""
    data = world_dataset()
    people = [person(f"b{i}", department="IOP-D2") for i in range(4)]
    people += [person("n0", department="IOP-D1"), person("n1", department="IOP-D1")]
    records = [r for i in range(4) for r in (external(f"B{i}a", f"b{i}", 41),
                                             external(f"B{i}b", f"b{i}", 59))]
    records += [external("N0a", "n0", 40), external("N0b", "n0", 40), external("N0c", "n0", 20),
                external("N1a", "n1", "99.5")]
    return attrs.evolve(data, people=(*data.people, *people),
                        external_learning=(*data.external_learning, *records))


def _site():
    site = Site(MemoryStore(_world(), accounts()))
    client = site.client()
    client.login("IOP")
    return site, client


def _reported(site):
    return sorted(r.person for r in site.store.state().dataset.backbone_reports
                  if r.year == 2026)


def _listed(html):
    return re.findall(r'name="person" value="([^"]+)"', html)


def test_the_screen_lists_the_eligible_with_the_figures_that_make_them_eligible():
    _, client = _site()
    page = client.get("/stats/backbone")
    assert page.status_code == 200 and "<h1>骨干人才筛选上报表</h1>" in page.text
    screen = screen_backbone(_world(), "IOP", 2026)
    assert _listed(page.text) == [c.person.id for c in screen.eligible]
    assert _listed(page.text) == ["b0", "b1", "b2", "b3", "s1", "s2"]  # not n0 (40 h), n1
    row = page.text[page.text.index('value="b0"'):]
    row = row[:row.index("</tr>")]
    assert re.findall(r'class="number">([^<]*)<', row) == ["100", "59"]
    assert "会议B0a（41学时）" in row and "会议B0b（59学时）" in row and "未上报" in row
    assert "符合条件 6 人，已上报 1 人" in page.text


def test_report_one_then_many_then_revoke_many():
    site, client = _site()
    one = client.post("/stats/backbone/report", {"year": "2026", "one": "b0"})
    assert one.status_code == 303 and one.headers["location"] == \
        "/stats/backbone?year=2026&done=backbone_reported"
    assert _reported(site) == ["b0", "s2"]
    many = client.post("/stats/backbone/report", {"year": "2026", "person": ["b1", "b2", "s1"]})
    assert many.status_code == 303 and _reported(site) == ["b0", "b1", "b2", "s1", "s2"]
    page = client.get(many.headers["location"])
    assert "已上报。" in page.text and "已上报 5 人" in page.text
    back = client.post("/stats/backbone/revoke", {"year": "2026", "person": ["b1", "s2"]})
    assert back.status_code == 303 and _reported(site) == ["b0", "b2", "s1"]
    assert "已撤销上报。" in client.get(back.headers["location"]).text


def test_a_batch_with_someone_not_eligible_reports_nobody_and_says_why():
    site, client = _site()
    before = site.store.state()
    answer = client.post("/stats/backbone/report", {"year": "2026", "person": ["b3", "n0"]})
    assert answer.status_code == 400 and "n0" in answer.text and "40" in answer.text
    assert site.store.state() == before


@pytest.mark.parametrize(("form", "words"), [
    ({"year": "2026"}, "请勾选人员"),
    ({"year": "2026", "person": "nobody"}, "nobody"),
    ({"year": "2026", "one": "b0", "person": "b1"}, None),  # the row's button wins
    ({"person": "b0"}, "年度"),
])
def test_what_the_form_names_is_checked(form, words):
    site, client = _site()
    before = site.store.state()
    answer = client.post("/stats/backbone/report", form)
    if words is None:
        assert answer.status_code == 303 and _reported(site) == ["b0", "s2"]
        return
    assert answer.status_code == 400 and words in answer.text
    assert site.store.state() == before


def test_revoking_someone_not_reported_or_of_another_institute_changes_nothing():
    site, client = _site()
    before = site.store.state()
    assert client.post("/stats/backbone/revoke", {"year": "2026", "one": "b0"}).status_code \
        == 400
    assert client.post("/stats/backbone/revoke", {"year": "2026", "one": "x1"}).status_code \
        == 403
    assert site.store.state() == before


def test_anyone_asked_about_is_shown_with_why_not():
    _, client = _site()
    page = client.get("/stats/backbone?ask=人员n")
    asked = page.text[page.text.index("的筛选结果"):]
    n0 = asked[asked.index("人员n0"):]
    n0 = n0[:n0.index("</tr>")]
    assert "100" in n0 and "40 <span class=\"mark\">未超过</span>" in n0 and "不符合" in n0
    n1 = asked[asked.index("人员n1"):]
    n1 = n1[:n1.index("</tr>")]
    assert "99.5 <span class=\"mark\">未达到</span>" in n1
    other = client.get("/stats/backbone?ask=x1")  # another institute's: not found here
    assert "没有找到这个人员" in other.text


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "pdf"])
def test_the_backbone_table_is_exported_then_downloaded(fmt):
    _, client = _site()
    client.post("/stats/backbone/report", {"year": "2026", "person": ["b0", "b1"]})
    export = client.get("/stats/backbone/export?year=2026")
    assert export.status_code == 200 and "<h1>导出骨干人才培训表</h1>" in export.text
    assert "上报骨干人才 3 人" in export.text and 'action="/stats/backbone/download"' in export.text
    answer = client.get(f"/stats/backbone/download?year=2026&format={fmt}")
    assert answer.status_code == 200
    assert file_name(answer) == f"IOP-骨干人才培训情况表-2026.{fmt}"
    if fmt == "pdf":
        text = pdf_text(answer.content)
        assert "骨干人才培训情况表" in text and "人员b1" in text
        return
    rows = xlsx_rows(answer.content) if fmt == "xlsx" else ods_rows(answer.content)
    people = records(rows, "人员编号")
    assert [r["人员编号"] for r in people] == ["b0", "b1", "s2"]
    for row in people:
        hours = screen_backbone(_world(), "IOP", 2026).candidate(row["人员编号"]).verdict
        assert Decimal(str(row["年度总学时"])) == hours.total_hours
    assert row_of(rows, "骨干人才培训情况表")  # the title, once
