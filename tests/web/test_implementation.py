"""培训实施 through the pages: 实际参会人员 (添加, 导入 with its dry run, 确认参加, the 学时
column, undoing), 外部学习审核 (通过, 不通过 with a reason) and 审核创建/导入; downloads carry
their media type and their Chinese name."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from urllib.parse import quote

import openpyxl

from tests.web.site import Site


def _admin(username="IOP", **settings):
    site = Site(settings=settings or None)
    client = site.client()
    client.login(username)
    return site, client


def _attendance(site, plan, person):
    return site.store.get("attendance", (plan, person))


def test_the_class_list_and_its_notice():
    _, client = _admin("class1")
    classes = client.get("/classes").text
    assert "培训班管理" in classes and 'href="/classes/P1"' in classes
    assert "培训P2" not in classes  # a class admin's classes only
    notice = client.get("/classes/P1").text
    assert "培训通知" in notice and "实际参会人员" in notice and "学时" in notice


def test_confirming_attendance_fills_the_hours_column_and_undoing_empties_it():
    site, client = _admin()
    before = client.get("/classes/P1/attendees").text
    row = re.search(r"<td>s1</td>.*?</tr>", before, re.S).group(0)
    assert "未确认" in row and '<td class="number"></td>' in row
    answer = client.post("/classes/P1/attendees/confirm", {"person": ["s1"]})
    assert answer.headers["location"] == "/classes/P1/attendees?done=confirmed"
    assert _attendance(site, "P1", "s1").confirmed
    after = client.get(answer.headers["location"]).text
    row = re.search(r"<td>s1</td>.*?</tr>", after, re.S).group(0)
    assert "已确认参加" in row and '<td class="number">32</td>' in row
    assert "学时已计入学习档案" in after
    assert client.post("/classes/P1/attendees/undo", {"person": ["s1"]}).status_code == 303
    assert not _attendance(site, "P1", "s1").confirmed


def test_confirming_nobody_or_someone_not_added_changes_nothing():
    site, client = _admin()
    before = site.store.state()
    nobody = client.post("/classes/P1/attendees/confirm", {})
    assert nobody.status_code == 400 and "请先勾选人员" in nobody.text
    stranger = client.post("/classes/P1/attendees/confirm", {"person": ["s2"]})
    assert stranger.status_code == 400 and "not added to plan P1" in stranger.text
    assert site.store.state() == before


def test_people_are_found_in_the_classes_institute_and_added():
    site, client = _admin("dept1")
    found = client.get("/classes/P1/attendees/add?q=人员").text
    assert 'value="s2"' in found and 'value="x1"' not in found  # not another institute's
    assert "查询结果：共 5 人" in found
    answer = client.post("/classes/P1/attendees/add", {"person": ["s2", "a_class"]})
    assert answer.status_code == 303
    assert _attendance(site, "P1", "s2") is not None and not _attendance(site, "P1", "s2").confirmed
    assert _attendance(site, "P1", "a_class") is not None


def _csv(text: str) -> dict:
    return {"file": ("实际参会人员.csv", text.encode("utf-8"), "text/csv")}


def test_an_import_shows_its_dry_run_then_adds_and_confirms_on_confirmation():
    site, client = _admin()
    before = site.store.state()
    preview = client.post("/classes/P1/attendees/import",
                          files=_csv("参会人员,确认参加\ns2,是\na_class,否\ns1,否\n"))
    assert preview.status_code == 200, preview.text[-1500:]
    assert "试导入：将添加 2 人，1 人已在名单中" in preview.text and "确认导入" in preview.text
    assert site.store.state() == before  # a dry run writes nothing
    hidden = re.findall(r'<input type="hidden" name="(person|confirm)" value="([^"]+)">',
                        preview.text)
    assert hidden == [("person", "s2"), ("confirm", "s2"), ("person", "a_class")]
    fields: dict = {}
    for name, value in hidden:
        fields.setdefault(name, []).append(value)
    answer = client.post("/classes/P1/attendees/import/confirm", fields)
    assert answer.headers["location"] == "/classes/P1/attendees?done=imported"
    assert _attendance(site, "P1", "s2").confirmed
    assert not _attendance(site, "P1", "a_class").confirmed


def test_a_refused_file_shows_each_rows_problem_by_its_place_and_writes_nothing():
    site, client = _admin()
    before = site.store.state()
    answer = client.post("/classes/P1/attendees/import",
                         files=_csv("参会人员,确认参加\nnobody,是\ns2,也许\n"))
    assert answer.status_code == 400
    assert "文件未被接受" in answer.text and "2 个问题" in answer.text
    assert "row 2" in answer.text and "row 3" in answer.text and "nobody" in answer.text
    assert "sheet &#39;实际参会人员&#39; row 2" in answer.text  # the file as the user named it
    assert "casedu-upload" not in answer.text and "/tmp" not in answer.text
    wrong = client.post("/classes/P1/attendees/import",
                        files={"file": ("名单.docx", b"PK\x03\x04", "application/msword")})
    assert wrong.status_code == 400 and "xlsx、ods 或 csv" in wrong.text
    missing = client.post("/classes/P1/attendees/import", {})
    assert missing.status_code == 400 and "请选择文件" in missing.text
    assert site.store.state() == before


def test_an_upload_past_the_limit_is_refused():
    _site, client = _admin(max_upload=4000)
    answer = client.post("/classes/P1/attendees/import",
                         files=_csv("参会人员\n" + "s2\n" * 2000))
    assert answer.status_code == 413 and "文件过大" in answer.text


def test_the_import_template_downloads_with_its_media_type_and_chinese_name():
    _, client = _admin()
    answer = client.get("/classes/P1/attendees/template")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="attendees-template.xlsx"; ')
    assert f"filename*=UTF-8''{quote('实际参会人员导入模板.xlsx')}" in disposition
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).worksheets[0]
    assert "参会人员*" in [c.value for c in sheet[1]]
    assert answer.headers["cache-control"] == "no-store"


def test_review_approves_or_rejects_with_a_reason():
    site, client = _admin("dept1")
    page = client.get("/external").text
    assert "人员s1（s1）" in page and "人员s2" not in page  # the department's only
    assert "审核创建/导入" in page
    empty = client.post("/external/E1/reject", {"reason": " "})
    assert empty.status_code == 400 and "reason" in empty.text
    assert site.store.get("external_learning", ("E1",)).status.value == "pending"
    assert client.post("/external/E1/reject", {"reason": "证明材料不全"}).status_code == 303
    rejected = site.store.get("external_learning", ("E1",))
    assert (rejected.status.value, rejected.review_note, rejected.reviewer) == (
        "rejected", "证明材料不全", "dept1")
    again = client.post("/external/E1/approve")
    assert again.status_code == 400 and "not pending" in again.text


def test_an_admin_creates_external_learning_approved_at_once():
    site, client = _admin()
    page = client.get("/external/create?q=人员s").text
    assert "查询结果：共 2 人" in page
    answer = client.post("/external/create", {
        "person": "s2", "category": "进修", "title": "高级研修", "start": "2026-09-01",
        "end": "2026-09-10", "hours": "48"})
    assert answer.status_code == 303
    made = [r for r in site.store.find("external_learning", person="s2") if r.title == "高级研修"]
    assert [(r.status.value, r.reviewer, r.hours) for r in made] == [
        ("approved", "IOP", Decimal("48"))]
    unknown = client.post("/external/create", {
        "person": "nobody", "category": "进修", "title": "研修", "start": "2026-09-01",
        "end": "2026-09-10", "hours": "48"})
    assert unknown.status_code == 400 and "no person &#39;nobody&#39;" in unknown.text
    assert 'value="研修"' in unknown.text


def test_an_external_import_is_dry_run_then_created():
    site, client = _admin()
    before = site.store.state()
    preview = client.post("/external/import", files=_csv(
        "人员,类别,名称,开始日期,结束日期,学时\ns1,学术会议,年会,2026-05-01,2026-05-03,24\n"
        "s2,进修,研修班,2026-06-01,2026-06-05,40\n"))
    assert preview.status_code == 200, preview.text[-1500:]
    assert "试导入：将创建 2 条记录" in preview.text
    assert site.store.state() == before
    fields: dict = {}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">',
                                  preview.text):
        fields.setdefault(name, []).append(value)
    answer = client.post("/external/import/confirm", fields)
    assert answer.status_code == 303
    titles = {r.title: r for r in site.store.state().dataset.external_learning
              if r.status.value == "approved" and r.reviewer == "IOP"}
    assert titles["年会"].hours == Decimal("24") and titles["研修班"].person == "s2"


def test_a_department_admins_batch_with_someone_of_another_department_is_refused_whole():
    site, client = _admin("dept1")
    before = site.store.state()
    answer = client.post("/external/import/confirm", {
        "person": ["s1", "s2"], "category": ["进修", "进修"], "title": ["一", "二"],
        "start": ["2026-06-01", "2026-06-01"], "end": ["2026-06-02", "2026-06-02"],
        "hours": ["8", "8"]})
    assert answer.status_code == 403
    assert site.store.state() == before


def test_a_department_admins_dry_run_flags_the_people_outside_their_department():
    site, client = _admin("dept1")
    before = site.store.state()
    preview = client.post("/external/import", files=_csv(
        "人员,类别,名称,开始日期,结束日期,学时\ns1,学术会议,年会,2026-05-01,2026-05-03,24\n"
        "s2,进修,研修班,2026-06-01,2026-06-05,40\n"))
    assert preview.status_code == 400
    text = preview.text
    assert "文件未被接受" in text and "人员编号 s2" in text and "不在您管理的部门" in text
    assert "人员编号 s1" not in text  # the department's own person is not flagged
    assert "确认导入" not in text
    assert site.store.state() == before
    # the same file is accepted from the institute admin, who manages both
    _site, admin = _admin()
    assert admin.post("/external/import", files=_csv(
        "人员,类别,名称,开始日期,结束日期,学时\ns1,学术会议,年会,2026-05-01,2026-05-03,24\n"
        "s2,进修,研修班,2026-06-01,2026-06-05,40\n")).status_code == 200
