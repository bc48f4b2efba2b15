"""In a real browser: a staff member's external learning from 新添记录 to the department
admin's 通过 (外部学习审核) and to the hours in 我的档案; the pages of the admins
(职工学习总体情况统计, 学习档案, 人员管理, 数据检查, 审计日志) as each role sees them, and as
another institute's admin. Every page is screenshotted (docs/web.md)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from casedu.metrics import learning_archive
from tests.web.year_end_site import log_in, log_out, year_end_site


@pytest.fixture(scope="module")
def site():
    with year_end_site() as served:
        yield served


def test_external_learning_from_new_record_to_approval_to_the_archive(site, page, shoot):
    address, store, who = site
    log_in(page, address, who.staff)
    before = learning_archive(store.state().dataset, who.staff_person.id).total(2026)
    page.get_by_role("link", name="我的外部学习").first.click()
    page.wait_for_url(f"{address}/learning/external")
    page.get_by_role("link", name="进修").click()
    page.get_by_label("名称").fill("量子材料暑期学校")
    page.get_by_label("开始日期").fill("2026-06-01")
    page.get_by_label("结束日期").fill("2026-06-05")
    page.get_by_label("学时").fill("36.5")
    page.get_by_role("button", name="新添记录").click()
    page.wait_for_url(re.compile(r"done=external_new"))
    row = page.locator("tr", has_text="量子材料暑期学校")
    assert "待审核" in row.inner_text()
    shoot(page, "my-external")
    page.get_by_label("修改 量子材料暑期学校").click()
    page.get_by_label("学时").fill("38")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"done=external_edited"))
    assert "38" in page.locator("tr", has_text="量子材料暑期学校").inner_text()
    log_out(page, address)

    log_in(page, address, who.dept_admin)  # the department admin's 通过
    page.get_by_role("link", name="外部学习审核").first.click()
    page.wait_for_url(f"{address}/external")
    name = who.staff_person.name
    page.get_by_label(f"通过 {name} 量子材料暑期学校", exact=True).click()
    page.wait_for_url(re.compile(r"/external"))
    record = next(r for r in store.state().dataset.external_learning
                  if r.title == "量子材料暑期学校")
    assert record.status.value == "approved" and record.reviewer == who.dept_admin
    log_out(page, address)

    log_in(page, address, who.staff)
    page.get_by_role("link", name="我的档案").first.click()
    page.wait_for_url(f"{address}/learning/archive")
    after = learning_archive(store.state().dataset, who.staff_person.id).total(2026)
    assert after == before + Decimal(38)
    heading = page.get_by_role("heading", name=re.compile(r"^2026 年度"))
    assert heading.inner_text() == f"2026 年度：{after.normalize():f} 学时"
    assert "已通过" in page.locator("tr", has_text="量子材料暑期学校").inner_text()
    shoot(page, "my-archive")
    log_out(page, address)


def test_the_department_admin_sees_the_department_and_each_archive(site, page, shoot):
    address, _store, who = site
    log_in(page, address, who.dept_admin)
    page.get_by_role("link", name="职工学习总体情况统计").first.click()
    page.wait_for_url(f"{address}/stats/staff")
    departments = page.locator("tbody td:nth-child(3)").all_inner_texts()
    assert departments and len(set(departments)) == 1
    shoot(page, "staff-overview")
    page.get_by_role("link", name=who.staff_person.name).click()
    page.wait_for_url(f"{address}/stats/staff/{who.staff_person.id}")
    shoot(page, "archive")
    page.get_by_role("link", name="人员管理").first.click()
    page.wait_for_url(f"{address}/admin/people")
    assert page.get_by_role("button", name="创建账号").count() == 0  # the institute's alone
    log_out(page, address)


def test_the_institute_admins_people_checks_and_audit(site, page, shoot):
    address, _store, who = site
    log_in(page, address, who.admin)
    page.get_by_role("link", name="人员管理").first.click()
    page.wait_for_url(f"{address}/admin/people")
    page.get_by_label("新入职职工（入职时间在").check()
    page.get_by_label("入职年度").select_option("2026")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"hired=1"))
    shoot(page, "people-new-hires")
    first = page.locator("tbody tr").first
    name = first.locator("td").nth(1).inner_text()
    page.get_by_label(f"{name} 是否有学时要求").select_option("否")
    page.get_by_label(f"保存 {name}").click()
    page.wait_for_url(re.compile(r"done=person_saved"))
    assert page.get_by_label(f"{name} 是否有学时要求").input_value() == "否"
    page.goto(f"{address}/admin/people")
    page.get_by_label("文件").set_input_files(files=[{
        "name": "名单.csv", "mimeType": "text/csv",
        "buffer": "人员编号,姓名,部门,入职时间\nN9001,新同事,DEMO-D01,2026-13-01\n".encode()}])
    page.get_by_role("button", name="上传并检查").click()
    assert "1 处错误" in page.locator("main").inner_text()
    shoot(page, "people-import-errors")
    page.get_by_label("文件").set_input_files(files=[{
        "name": "名单.csv", "mimeType": "text/csv",
        "buffer": "人员编号,姓名,部门,入职时间\nN9001,新同事,DEMO-D01,2026-09-01\n".encode()}])
    page.get_by_role("button", name="上传并检查").click()
    shoot(page, "people-import")
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url(re.compile(r"done=people_imported"))
    page.get_by_role("button", name="创建账号").click()
    assert "DEMO-xintongshi" in page.locator("table").inner_text()
    shoot(page, "accounts")
    page.get_by_role("link", name="数据检查").first.click()
    page.wait_for_url(f"{address}/admin/checks")
    shoot(page, "checks")
    page.get_by_role("link", name="审计日志").first.click()
    page.wait_for_url(f"{address}/admin/audit")
    page.get_by_label("操作", exact=True).fill("import_people")
    page.get_by_role("button", name="查询").click()
    assert "import_people" in page.locator("tbody").inner_text()
    page.goto(f"{address}/admin/audit")
    shoot(page, "audit")
    log_out(page, address)


def test_another_institutes_admin_reaches_none_of_it(site, page, shoot):
    address, _store, who = site
    log_in(page, address, who.other)
    page.goto(f"{address}/stats/staff/{who.staff_person.id}")
    assert "无权操作" in page.locator("main").inner_text()
    shoot(page, "forbidden")
    page.goto(f"{address}/stats/backbone")
    assert who.staff_person.name not in page.locator("main").inner_text()
    page.goto(f"{address}/stats/classes")
    assert "没有记录" in page.locator("main").inner_text()
