"""培训统计 → 职工学习总体情况统计 (the people of the admin's scope, searched and paged, each
linking to their archive) and 我的学习 → 我的档案."""

from __future__ import annotations

import re

import attrs
import pytest

from casedu.metrics import learning_archive, staff_overview
from casedu.services import MemoryStore
from tests.builders import person
from tests.services.world import accounts, world_dataset
from tests.web.site import Site


def _client(username, store=None):
    site = Site(store)
    client = site.client()
    client.login(username)
    return client


def _people(html):
    return re.findall(r'<a href="/stats/staff/([^"]+)">', html)


@pytest.mark.parametrize(("username", "expected"), [
    ("IOP", ["a_inst", "a_dept", "a_class", "s1", "s2"]),
    ("dept1", ["a_inst", "a_dept", "s1"]),
])
def test_the_overview_lists_the_scope_with_each_persons_hours(username, expected):
    page = _client(username).get("/stats/staff")
    assert page.status_code == 200 and "<h1>职工学习总体情况统计</h1>" in page.text
    assert _people(page.text) == expected
    s1 = next(r for r in staff_overview(world_dataset(), "IOP", 2026) if r.person.id == "s1")
    row = page.text[page.text.index('href="/stats/staff/s1"'):]
    row = row[:row.index("</tr>")]
    cells = re.findall(r'<td class="number">([^<]*)</td>', row)
    assert cells == ["0", "101", "0", "101"] and s1.total == 101
    assert "x1" not in _people(page.text)


def test_the_overview_is_searched_and_comes_fifty_to_a_page():
    data = world_dataset()
    many = [person(f"m{i:03d}", department="IOP-D2", name=f"王{i:03d}") for i in range(120)]
    store = MemoryStore(attrs.evolve(data, people=(*data.people, *many)), accounts())
    client = _client("IOP", store)
    first = client.get("/stats/staff")
    assert len(_people(first.text)) == 50 and "共 125 条，第 1/3 页" in first.text
    assert 'href="/stats/staff?page=2"' in first.text
    third = client.get("/stats/staff?page=3")
    assert _people(third.text) == [f"m{i:03d}" for i in range(95, 120)]
    found = client.get("/stats/staff?name=王11")
    assert _people(found.text) == [f"m{i:03d}" for i in range(110, 120)]
    assert "共 10 条" in found.text and 'value="王11"' in found.text
    nobody = client.get("/stats/staff?name=没有")
    assert "没有符合条件的人员" in nobody.text


def test_the_archive_from_the_overview_has_each_years_hours():
    page = _client("IOP").get("/stats/staff/s1")
    assert page.status_code == 200 and "<h1>学习档案</h1>" in page.text
    archive = learning_archive(world_dataset(), "s1")
    assert f"2026 年度：{archive.total(2026)} 学时" in page.text
    for entry in archive.of_year(2026):
        assert entry.title in page.text and entry.status in page.text


def test_staff_see_their_own_archive_in_my_archive():
    client = _client("staff1")
    page = client.get("/learning/archive")
    assert page.status_code == 200 and "<h1>我的档案</h1>" in page.text
    assert "人员s1" in page.text and "2026 年度：101 学时" in page.text
    assert "返回职工学习总体情况统计" not in page.text
    assert client.get("/stats/staff/s2").status_code == 403
    home = client.get("/").text
    assert "我的档案" in home and "职工学习总体情况统计" not in home


def test_an_account_without_a_person_is_told_so():
    client = _client("IOA")
    page = client.get("/learning/archive")
    assert page.status_code == 400 and "未关联人员" in page.text
    # and its menus offer none of 我的学习 (an institute admin's account is not a person)
    home = client.get("/").text
    assert "本机构计划" in home
    assert "/learning/" not in home and "我的学习" not in home
