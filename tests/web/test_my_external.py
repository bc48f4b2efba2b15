"""我的学习 → 我的外部学习: one's own records by category, 新添记录 (pending review), and
修改 or 撤回 while pending; nobody else's."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from casedu.model import ExternalStatus
from tests.web.site import Site

ENTRY = {"category": "进修", "title": "国家重点实验室访问研修", "start": "2026/6/1",
         "end": "2026年6月5日", "hours": "36.5"}


def _site(username="staff1"):
    site = Site()
    client = site.client()
    client.login(username)
    return site, client


def _mine(site):
    return {r.id: r for r in site.store.state().dataset.external_learning if r.person == "s1"}


def test_the_list_shows_ones_own_records_by_category():
    _, client = _site()
    page = client.get("/learning/external")
    assert page.status_code == 200 and "<h1>我的外部学习</h1>" in page.text
    assert "会议E1" in page.text and "会议Ls1" in page.text and "会议E2" not in page.text
    assert page.text.count('aria-label="撤回') == 1  # only the pending one
    lectures = client.get("/learning/external?category=讲座")
    assert "会议E1" not in lectures.text and "没有外部学习记录" in lectures.text
    assert 'value="讲座" selected' in lectures.text  # 新添记录 in the category shown


def test_a_new_record_is_pending_with_its_values_read_as_the_importer_reads_cells():
    site, client = _site()
    answer = client.post("/learning/external/new", ENTRY)
    assert answer.status_code == 303 and "done=external_new" in answer.headers["location"]
    new = [r for r in _mine(site).values() if r.title == ENTRY["title"]]
    assert len(new) == 1 and new[0].status is ExternalStatus.PENDING
    assert (new[0].start.isoformat(), new[0].end.isoformat(), new[0].hours) == (
        "2026-06-01", "2026-06-05", Decimal("36.5"))
    assert "等待管理员审核" in client.get(answer.headers["location"]).text


@pytest.mark.parametrize(("field", "value", "words"), [
    ("end", "2026-05-30", "before it starts"),
    ("hours", "-3", "学时"),
    ("hours", "2001", "学时"),
    ("title", "", "名称"),
    ("start", "2026-02-30", "开始日期"),
])
def test_a_bad_entry_comes_back_with_why_and_what_was_typed(field, value, words):
    site, client = _site()
    before = site.store.state()
    answer = client.post("/learning/external/new", {**ENTRY, field: value})
    assert answer.status_code == 400 and words in answer.text
    assert site.store.state() == before
    if field != "title":
        assert f'value="{ENTRY["title"]}"' in answer.text


def test_a_pending_record_is_edited_then_withdrawn():
    site, client = _site()
    form = client.get("/learning/external/E1")
    assert form.status_code == 200 and 'value="会议E1"' in form.text and "待审核" in form.text
    saved = client.post("/learning/external/E1/edit", {**ENTRY, "title": "改过的"})
    assert saved.status_code == 303 and _mine(site)["E1"].title == "改过的"
    gone = client.post("/learning/external/E1/withdraw")
    assert gone.status_code == 303 and "E1" not in _mine(site)


def test_a_reviewed_record_shows_its_review_and_does_not_change():
    site, client = _site()
    page = client.get("/learning/external/Ls1")
    assert "已通过" in page.text and "不能修改或撤回" in page.text and "<form" not in \
        page.text[page.text.index("<main"):].replace('action="/logout"', "")
    before = site.store.state()
    assert client.post("/learning/external/Ls1/edit", ENTRY).status_code == 400
    assert client.post("/learning/external/Ls1/withdraw").status_code == 400
    assert site.store.state() == before


def test_nobody_changes_someone_elses_record():
    site, client = _site()
    before = site.store.state()
    assert client.get("/learning/external/E2").status_code == 403
    assert client.post("/learning/external/E2/edit", ENTRY).status_code == 403
    assert client.post("/learning/external/E2/withdraw").status_code == 403
    assert client.get("/learning/external/none").status_code == 404
    assert site.store.state().dataset == before.dataset


def test_an_admins_menu_has_no_external_learning_of_their_own_to_submit():
    _, client = _site("dept1")
    home = client.get("/").text
    assert "我的档案" in home and "我的外部学习" not in home
    assert client.post("/learning/external/new", ENTRY).status_code == 403
    assert re.search(r"submit_external", client.post("/learning/external/new", ENTRY).text)
