"""系统管理 → 人员管理: the scope's people searched (本年度新入职), 是否有学时要求 and 入职时间
saved in place, 导入 with the importer's dry run then 确认导入, and 创建账号."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import Workbook

from casedu.services import MemoryStore
from tests.services.world import accounts, world_dataset
from tests.web.site import Site, csrf_of

GOOD = ("人员编号,姓名,部门,入职时间,是否有学时要求\n"
        "n1,新人一,IOP-D1,2026-09-01,是\nn2,新人二,IOP-D2,,否\n")
BAD = "人员编号,姓名,部门,入职时间\nn1,新人一,IOP-D1,2026-13-01\nn2,,IOP-D1,2026-01-01\n"


def _site(username="IOP"):
    site = Site()
    client = site.client()
    client.login(username)
    return site, client


def _listed(html):
    """The 人员编号 of each row listed."""
    return re.findall(r'<tr>\s*<td>([^<]+)</td>', html)


def _editable(html):
    """The people whose row has its 保存."""
    return re.findall(r'id="person-\d+" action="/admin/people/([^"/]+)"', html)


def _upload(client, name, body):
    return client.post("/admin/people/import", {}, files={"file": (name, body)})


@pytest.mark.parametrize(("username", "expected"), [
    ("IOP", ["a_inst", "a_dept", "a_class", "s1", "s2"]),
    ("dept1", ["a_inst", "a_dept", "s1"]),
])
def test_the_people_of_the_scope_are_listed_and_searched(username, expected):
    _, client = _site(username)
    page = client.get("/admin/people")
    assert page.status_code == 200 and "<h1>人员管理</h1>" in page.text
    assert _listed(page.text) == expected
    # nobody sets their own flags: the admin's own row is shown without 保存
    own = {"IOP": "a_inst", "dept1": "a_dept"}[username]
    assert _editable(page.text) == [p for p in expected if p != own]
    assert _listed(client.get("/admin/people?name=人员s").text) == [p for p in expected
                                                                    if p.startswith("s")]
    assert ("导入人员" in page.text) == (username == "IOP")  # import_people: the institute's


def test_new_hires_of_the_year_are_those_hired_in_it():
    _, client = _site()
    client.post("/admin/people/s2", {"hours_required": "是", "hire_date": "2026-07-01"})
    assert _listed(client.get("/admin/people?hired=1&year=2026").text) == ["s2"]
    assert _listed(client.get("/admin/people?hired=1&year=2025").text) == []
    assert len(_listed(client.get("/admin/people?hired=1&year=2010").text)) == 4


def test_a_persons_flags_are_saved_in_place_and_the_list_kept():
    site, client = _site()
    answer = client.post("/admin/people/s1", {"hours_required": "否", "hire_date": "2026/3/1",
                                              "back": "name=人员s&page=1&evil=1"})
    assert answer.status_code == 303
    assert answer.headers["location"] == \
        "/admin/people?name=%E4%BA%BA%E5%91%98s&page=1&done=person_saved"
    s1 = site.store.get("people", ("s1",))
    assert s1.hours_required is False and s1.hire_date == dt.date(2026, 3, 1)
    cleared = client.post("/admin/people/s1", {"hours_required": "是", "hire_date": ""})
    assert cleared.status_code == 303 and site.store.get("people", ("s1",)).hire_date is None
    before = site.store.state()
    bad = client.post("/admin/people/s1", {"hours_required": "也许", "hire_date": ""})
    assert bad.status_code == 400 and "是否有学时要求" in bad.text
    assert client.post("/admin/people/a_inst", {"hours_required": "否"}).status_code == 403
    assert site.store.state().dataset == before.dataset


def test_an_import_shows_each_rows_error_with_its_place_and_imports_nothing():
    site, client = _site()
    before = site.store.state()
    answer = _upload(client, "名单.csv", BAD.encode())
    assert answer.status_code == 400 and "名单.csv 有 2 处错误" in answer.text
    assert "row 2 column 入职时间" in answer.text and "row 3 column 姓名" in answer.text
    assert "sheet &#39;名单&#39;" in answer.text and "casedu-uploads" not in answer.text
    assert not re.search(r"[0-9a-f]{64}", answer.text)  # the held file's name never shows
    assert "/admin/people/import/confirm" not in answer.text
    assert site.store.state() == before


def test_an_import_is_a_dry_run_then_confirmed():
    site, client = _site()
    before = site.store.state()
    check = _upload(client, "名单.csv", GOOD.encode())
    assert check.status_code == 200 and "新增 2 人，更新 0 人" in check.text
    assert site.store.state() == before  # the dry run wrote nothing
    token = re.search(r'name="token" value="([^"]+)"', check.text).group(1)
    done = client.post("/admin/people/import/confirm", {"token": token, "filename": "名单.csv"})
    assert done.status_code == 303
    assert done.headers["location"] == "/admin/people?done=people_imported"
    n2 = site.store.get("people", ("n2",))
    assert n2.name == "新人二" and n2.hours_required is False and n2.department == "IOP-D2"
    again = client.post("/admin/people/import/confirm", {"token": token})
    assert again.status_code == 400 and "请重新上传" in again.text


def test_a_workbook_imports_as_a_csv_does():
    _, client = _site()
    book = Workbook()
    sheet = book.active
    sheet.title = "人员"
    for row in (["人员编号", "姓名", "部门"], ["w1", "表里人", "IOP-D1"]):
        sheet.append(row)
    body = io.BytesIO()
    book.save(body)
    check = _upload(client, "roster.xlsx", body.getvalue())
    assert check.status_code == 200 and "表里人" in check.text


@pytest.mark.parametrize(("name", "words"), [("名单.txt", "请上传"), ("名单.csv", "请上传")])
def test_a_file_of_another_kind_or_an_empty_upload_is_refused(name, words):
    site, client = _site()
    before = site.store.state()
    if name.endswith(".txt"):
        answer = _upload(client, name, GOOD.encode())
    else:
        answer = client.post("/admin/people/import", {})
        words = "请选择文件"
    assert answer.status_code == 400 and words in answer.text
    assert site.store.state() == before


def test_a_confirmation_belongs_to_the_session_that_uploaded():
    site, client = _site()
    token = re.search(r'name="token" value="([^"]+)"',
                      _upload(client, "名单.csv", GOOD.encode()).text).group(1)
    other = site.client()
    other.login("IOP")
    before = site.store.state()
    stolen = other.post("/admin/people/import/confirm", {"token": token})
    assert stolen.status_code == 400 and site.store.state() == before


@pytest.mark.parametrize("username", ["dept1", "class1", "staff1"])
def test_only_the_institute_admin_confirms_an_import(username):
    site, client = _site(username)
    before = site.store.state().dataset
    answer = client.post("/admin/people/import/confirm", {"token": "x" * 22})
    assert answer.status_code == 403 and site.store.state().dataset == before
    assert site.store.events()[-1].outcome == "denied"


def test_accounts_are_created_with_the_manuals_usernames_and_initial_password():
    data = world_dataset()
    import attrs

    from tests.builders import person

    extra = [attrs.evolve(person("z1", department="IOP-D1", name="张伟"), email="zw@iop.ac.cn"),
             person("z2", department="IOP-D1", name="李娜")]
    store = MemoryStore(attrs.evolve(data, people=(*data.people, *extra)), accounts())
    site = Site(store)
    client = site.client()
    client.login("IOP")
    page = client.post("/admin/people/accounts")
    assert page.status_code == 200 and "已为 2 位" in page.text
    assert re.findall(r"<tr><td>([^<]+)</td><td>(z\d)</td><td>123456</td></tr>", page.text) == [
        ("zw@iop.ac.cn", "z1"), ("IOP-lina", "z2")]
    fresh = site.client()
    assert fresh.login("IOP-lina", "123456").headers["location"] == "/password"
    again = client.post("/admin/people/accounts")
    assert "都已有账号" in again.text
    assert csrf_of(again.text)


def test_a_persons_department_is_shown_by_its_name():
    _, client = _site()
    page = client.get("/admin/people").text
    rows = dict(re.findall(r'<td>(s\d)</td>.*?<td>(一处|二处|IOP-D\d)</td>', page, re.S))
    assert rows == {"s1": "一处", "s2": "二处"}
