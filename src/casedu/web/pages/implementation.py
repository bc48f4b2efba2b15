"""我的管理 → 培训实施: 培训班管理 → 管理 → 培训通知 → 实际参会人员 (添加实际参会人员 by
其他人员添加 and 其他人员导入, 确认参加 and its undoing, the 学时 column), and 外部学习审核
(审核 通过 / 不通过, 审核创建/导入)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from casedu.errors import (
    DatasetError,
    FileRefusedError,
    InvalidValueError,
    UnknownRecordError,
    WorkflowError,
)
from casedu.importers import ImportPlan, plan_import
from casedu.services.imports import ImportBasis
from casedu.web import forms
from casedu.web.downloads import template_download
from casedu.web.routing import Pages
from casedu.web.visit import NOTICES, Visit

__all__ = ["pages"]

pages = Pages()

NOTICES.update({
    "added": "已添加实际参会人员。", "confirmed": "已确认参加，学时已计入学习档案。",
    "undone": "已取消确认，学时不再计入。", "imported": "已导入。",
    "approved": "审核通过，学时已计入学习档案。", "rejected": "审核不通过，已记录原因。",
    "entered": "已创建外部学习记录（审核通过）。"})

#: Rows of the people listed beside 审核创建 to find a person's 人员编号.
LOOKUP = 10
#: External learning's fields in the forms, with the manual's labels.
EXTERNAL = (("category", "类别"), ("title", "名称"))
#: The suffixes an uploaded file may have (the importers read them).
SUFFIXES = (".xlsx", ".ods", ".csv")
#: Errors a form shows beside itself; anything else is the page of its status.
FORM_ERRORS = (InvalidValueError, WorkflowError, UnknownRecordError)


# -- 培训班管理 ------------------------------------------------------------------------------


@pages.view("/classes", "classes")
def class_list(visit: Visit) -> Response:
    """培训班管理: the classes (a class per plan) of the year, each with 管理."""
    page = visit.flow.list_plans(visit.me, visit.year, text=visit.query("name"),
                                 limit=visit.portal.settings.page_size, offset=visit.offset)
    return visit.render("implementation/classes.html", page=page, years=visit.years,
                        name=visit.query("name", ""))


@pages.view("/classes/{plan}", "class_notice")
def notice(visit: Visit) -> Response:
    """管理 → 培训通知: the class as announced."""
    plan = visit.flow.view_plan(visit.me, visit.param("plan"))
    return visit.render("implementation/notice.html", plan=plan)


@pages.view("/classes/{plan}/attendees", "attendees")
def attendee_list(visit: Visit) -> Response:
    """实际参会人员: check boxes, 确认参加, the 学时 column once confirmed."""
    return _attendees_page(visit, None)


def _attendees_page(visit: Visit, error: Exception | str | None, status: int = 200) -> Response:
    plan_id = visit.param("plan")
    plan = visit.flow.view_plan(visit.me, plan_id)
    page = visit.flow.class_attendees(visit.me, plan_id, limit=visit.portal.settings.page_size,
                                      offset=visit.offset)
    return visit.render("implementation/attendees.html", status=status, plan=plan, page=page,
                        error=error)


@pages.action("/classes/{plan}/attendees/confirm", "attendees_confirm")
def confirm(visit: Visit, form: FormData) -> Response:
    """确认参加: the ticked people are credited the class's hours."""
    return _attendance(visit, form, "confirm")


@pages.action("/classes/{plan}/attendees/undo", "attendees_undo")
def undo(visit: Visit, form: FormData) -> Response:
    """取消确认: the ticked people's credit is taken back."""
    return _attendance(visit, form, "undo")


def _attendance(visit: Visit, form: FormData, what: str) -> Response:
    people = forms.values(form, "person")
    if not people:
        return _attendees_page(visit, "请先勾选人员。", status=400)
    operation = (visit.flow.confirm_attendance if what == "confirm"
                 else visit.flow.undo_confirmation)
    try:
        operation(visit.me, visit.param("plan"), people)
    except WorkflowError as error:
        return _attendees_page(visit, error, status=400)
    return visit.redirect("attendees", {"done": "confirmed" if what == "confirm" else "undone"},
                          plan=visit.param("plan"))


@pages.view("/classes/{plan}/attendees/add", "attendees_add")
def add_form(visit: Visit) -> Response:
    """其他人员添加: find people by a part of their name, id or email."""
    return _add_page(visit, None)


def _add_page(visit: Visit, error: Exception | str | None, status: int = 200) -> Response:
    plan_id = visit.param("plan")
    plan = visit.flow.view_plan(visit.me, plan_id)
    text = visit.query("q")
    page = (visit.flow.find_people(visit.me, text, plan_id=plan_id,
                                   limit=visit.portal.settings.page_size, offset=visit.offset)
            if text else None)
    return visit.render("implementation/add.html", status=status, plan=plan, page=page,
                        q=text or "", error=error)


@pages.action("/classes/{plan}/attendees/add", "attendees_add_post")
def add(visit: Visit, form: FormData) -> Response:
    """添加: the ticked people join the class (not yet confirmed)."""
    people = forms.values(form, "person")
    if not people:
        return _add_page(visit, "请先勾选人员。", status=400)
    try:
        visit.flow.add_attendees(visit.me, visit.param("plan"), people)
    except FORM_ERRORS as error:
        return _add_page(visit, error, status=400)
    return visit.redirect("attendees", {"done": "added"}, plan=visit.param("plan"))


@pages.view("/classes/{plan}/attendees/import", "attendees_import")
def import_form(visit: Visit) -> Response:
    """其他人员导入: a file of people (the template's columns), shown as a dry run first."""
    plan = visit.flow.view_plan(visit.me, visit.param("plan"))
    return visit.render("implementation/import.html", plan=plan, preview=None, problems=None,
                        error=None)


@pages.view("/classes/{plan}/attendees/template", "attendees_template")
def attendees_template(visit: Visit) -> Response:
    """下载模板: the import template of attendees."""
    visit.flow.view_plan(visit.me, visit.param("plan"))
    return visit.finish(template_download("attendees", "实际参会人员导入模板.xlsx"))


@pages.action("/classes/{plan}/attendees/import", "attendees_import_post")
def import_preview(visit: Visit, form: FormData) -> Response:
    """The dry run: who would be added (and confirmed), or each row's problem at its place."""
    plan_id = visit.param("plan")
    plan = visit.flow.view_plan(visit.me, plan_id)
    basis = visit.flow.import_basis(visit.me, "attendees", plan_id=plan_id)
    try:
        preview = _read_upload(form, "attendees", basis, plan_id)
    except (DatasetError, FileRefusedError, InvalidValueError) as error:
        return visit.render("implementation/import.html", status=400, plan=plan, preview=None,
                            problems=getattr(error, "problems", None), error=error)
    people = basis.dataset.person_by_id
    rows = [(people[person], confirmed) for person, confirmed in preview.added]
    return visit.render("implementation/import.html", plan=plan, preview=rows, problems=None,
                        error=None, unchanged=len(preview.unchanged))


@pages.action("/classes/{plan}/attendees/import/confirm", "attendees_import_confirm")
def import_confirm(visit: Visit, form: FormData) -> Response:
    """确认导入: the dry run's people join the class, the marked ones confirmed, all or none."""
    people = forms.values(form, "person")
    if not people:
        return _attendees_page(visit, "没有要导入的人员。", status=400)
    visit.flow.add_attendees(visit.me, visit.param("plan"), people,
                             confirm=forms.values(form, "confirm"))
    return visit.redirect("attendees", {"done": "imported"}, plan=visit.param("plan"))


# -- 外部学习审核 -----------------------------------------------------------------------------


@pages.view("/external", "external_review")
def review_list(visit: Visit) -> Response:
    """外部学习审核: the pending records, each with 通过 and 不通过 (with its reason)."""
    return _review_page(visit, None)


def _review_page(visit: Visit, error: Exception | str | None, status: int = 200) -> Response:
    page = visit.flow.review_queue(visit.me, limit=visit.portal.settings.page_size,
                                   offset=visit.offset)
    return visit.render("implementation/review.html", status=status, page=page, error=error)


@pages.action("/external/{external}/approve", "external_approve")
def approve(visit: Visit, form: FormData) -> Response:
    """审核 通过."""
    try:
        visit.flow.approve_external(visit.me, visit.param("external"))
    except WorkflowError as error:
        return _review_page(visit, error, status=400)
    return visit.redirect("external_review", {"done": "approved"})


@pages.action("/external/{external}/reject", "external_reject")
def reject(visit: Visit, form: FormData) -> Response:
    """审核 不通过, with the reason."""
    try:
        visit.flow.reject_external(visit.me, visit.param("external"),
                                   forms.text(form, "reason") or "")
    except (WorkflowError, InvalidValueError) as error:
        return _review_page(visit, error, status=400)
    return visit.redirect("external_review", {"done": "rejected"})


@pages.view("/external/create", "external_create")
def create_form(visit: Visit) -> Response:
    """审核创建/导入: a record for a person in scope (the people in scope listed to find
    their 人员编号), or a file of them."""
    return _create_page(visit, {}, None)


def _create_page(visit: Visit, values: object, error: Exception | str | None,
                 status: int = 200, **more: object) -> Response:
    text = visit.query("q")
    found = visit.flow.find_people(visit.me, text, limit=LOOKUP,
                                   offset=(max(visit.whole("page", 1), 1) - 1) * LOOKUP,
                                   operation="create_external")
    more.setdefault("preview", None)
    more.setdefault("problems", None)
    return visit.render("implementation/create.html", status=status, values=values, error=error,
                        found=found, q=text or "", fields=EXTERNAL, **more)


@pages.action("/external/create", "external_create_post")
def create(visit: Visit, form: FormData) -> Response:
    """审核创建: approved at once, the admin as reviewer."""
    try:
        visit.flow.create_external(
            visit.me, forms.required(form, "person", "人员编号"),
            category=forms.required(form, "category", "类别"),
            title=forms.required(form, "title", "名称"),
            start=forms.day(form, "start", "开始日期"), end=forms.day(form, "end", "结束日期"),
            hours=forms.decimal(form, "hours", "学时"))
    except FORM_ERRORS as error:
        return _create_page(visit, form, error, status=400)
    return visit.redirect("external_create", {"done": "entered"})


@pages.view("/external/template", "external_template")
def external_template(visit: Visit) -> Response:
    """下载模板: the import template of external learning."""
    visit.flow.import_basis(visit.me, "external")
    return visit.finish(template_download("external", "外部学习导入模板.xlsx"))


@pages.action("/external/import", "external_import")
def external_preview(visit: Visit, form: FormData) -> Response:
    """审核导入, the dry run: the records that would be created, or each row's problem."""
    basis = visit.flow.import_basis(visit.me, "external")
    try:
        preview = _read_upload(form, "external", basis, None)
    except (DatasetError, FileRefusedError, InvalidValueError) as error:
        return _create_page(visit, {}, error, status=400,
                            problems=getattr(error, "problems", None))
    people = basis.dataset.person_by_id
    outside = [Outside(f"人员编号 {r.person}",
                       f"{people[r.person].name if r.person in people else r.person}"
                       "不在您管理的部门：部门管理员只能导入本部门人员的记录")
               for r in preview.added if basis.department is not None
               and (r.person not in people or people[r.person].department != basis.department)]
    if outside:  # refused whole by 确认导入: shown as the dry run's problems instead
        return _create_page(visit, {}, "本部门以外的人员", status=400, problems=outside)
    rows = [(record, people.get(record.person)) for record in preview.added]
    return _create_page(visit, {}, None, preview=rows)


@attrs.frozen
class Outside:
    """A row of a department admin's file about someone outside their department."""

    place: str
    message: str


@pages.action("/external/import/confirm", "external_import_confirm")
def external_confirm(visit: Visit, form: FormData) -> Response:
    """确认导入: the dry run's records, all approved, all or none."""
    fields = ("person", "category", "title", "start", "end", "hours")
    columns = {name: form.getlist(name) for name in fields}
    count = len(columns["person"])
    if count == 0 or any(len(values) != count for values in columns.values()):
        return _create_page(visit, {}, "没有要导入的记录。", status=400)
    rows = []
    try:
        for i in range(count):
            row = FormData([(name, columns[name][i]) for name in fields])
            rows.append({"person": forms.required(row, "person", "人员编号"),
                         "category": forms.required(row, "category", "类别"),
                         "title": forms.required(row, "title", "名称"),
                         "start": forms.day(row, "start", "开始日期"),
                         "end": forms.day(row, "end", "结束日期"),
                         "hours": forms.decimal(row, "hours", "学时")})
        visit.flow.create_external_batch(visit.me, rows)
    except FORM_ERRORS as error:
        return _create_page(visit, {}, error, status=400)
    return visit.redirect("external_create", {"done": "entered"})


# -- files ---------------------------------------------------------------------------------


def _read_upload(form: FormData, kind: str, basis: ImportBasis, plan: str | None) -> ImportPlan:
    """The uploaded file as an import's dry run (read from a temporary copy, then removed);
    its problems name the file as the user knows it, never the copy's path."""
    upload = forms.upload(form, "file", "文件")
    name = Path(upload.filename or "file").name
    with _saved(upload) as path:
        try:
            return plan_import(kind, path, dataset=basis.dataset, accounts=basis.accounts,
                               institute=basis.institute, plan=plan)
        except DatasetError as error:
            raise DatasetError(name, error.problems) from None
        except FileRefusedError as error:
            raise FileRefusedError(str(error).replace(str(path), name)) from None


@contextmanager
def _saved(upload: UploadFile) -> Iterator[Path]:
    """A copy of the upload under its own name (a csv's rows are named by it) in a folder of
    its own, removed afterwards."""
    name = "".join(c if c.isprintable() and c not in '\\/:*?"<>|' else "_"
                   for c in Path(upload.filename or "").name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidValueError(f"{name or '(no name)'}: 请上传 xlsx、ods 或 csv 文件",
                                field="文件")
    if not Path(name).stem.strip(". "):
        name = f"upload{suffix}"
    with tempfile.TemporaryDirectory(prefix="casedu-upload-") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            upload.file.seek(0)
            while chunk := upload.file.read(1 << 16):
                out.write(chunk)
        yield path
