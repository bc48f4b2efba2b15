"""我的管理 → 系统管理 → 人员管理: the people of the admin's scope, searched (本年度新入职: 入职时间
in the year), 是否有学时要求 and 入职时间 edited in place; 导入 by file (the importer's dry run
first, each row's error with its place, then 确认导入); 创建账号 with the manual's usernames
and initial passwords."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

from starlette.datastructures import FormData
from starlette.responses import Response

from casedu.errors import DatasetError, FileRefusedError
from casedu.importers import apply_import, plan_import
from casedu.services.imports import ImportBasis
from casedu.services.usernames import STAFF_PASSWORD
from casedu.web import uploads
from casedu.web.forms import day, flag, maybe, required, text, upload
from casedu.web.routing import Pages
from casedu.web.visit import NOTICES, Visit

__all__ = ["pages"]

pages = Pages()

NOTICES.update({"person_saved": "已保存人员信息。", "people_imported": "已导入人员。"})

#: The list's filters that 保存 keeps.
_KEPT = ("name", "hired", "year", "page")


@pages.view("/admin/people", "people")
def people(visit: Visit) -> Response:
    """人员管理: 50 to a page, searched by 姓名, 编号 or 邮箱; 本年度新入职 lists those hired in
    the year chosen."""
    hired = visit.query("hired") == "1"
    page = visit.flow.list_people(visit.me, text=visit.query("name"),
                                  hired_in=visit.year if hired else None,
                                  limit=visit.portal.settings.page_size, offset=visit.offset)
    back = "&".join(f"{k}={v}" for k, v in visit.request.query_params.items() if k in _KEPT)
    departments = {d.id: d.name for d in visit.flow.departments(visit.me,
                                                                operation="list_people")}
    return visit.render("people/list.html", page=page, name=visit.query("name", ""),
                        hired=hired, back=back, departments=departments)


def _import_page(visit: Visit, *, status: int = 200, **values: object) -> Response:
    return visit.render("people/import.html", status, **{
        "plan": None, "problems": None, "filename": None, "token": None, "error": None,
        **values})


@pages.action("/admin/people/accounts", "people_accounts")
def create_accounts(visit: Visit, form: FormData) -> Response:
    """创建账号: an account for everyone of the institute who has none."""
    created = visit.flow.create_accounts(visit.me)
    return visit.render("people/accounts.html", created=created, password=STAFF_PASSWORD)


@pages.action("/admin/people/import", "people_import_check")
def import_check(visit: Visit, form: FormData) -> Response:
    """The importer's dry run: what would be added and updated, or each row's problem."""
    basis = visit.flow.import_basis(visit.me, "people")  # who may, before the file is read
    file = upload(form, "file", "文件")
    filename = Path(file.filename or "").name
    session = visit.session
    assert session is not None
    token = uploads.hold(session.key, filename, file.file.read())
    return _dry_run(visit, basis, uploads.held(session.key, token), filename, token)


@pages.action("/admin/people/import/confirm", "people_import_confirm")
def import_confirm(visit: Visit, form: FormData) -> Response:
    """确认导入: the file read again against today's data, and written in one transaction."""
    basis = visit.flow.import_basis(visit.me, "people")
    session = visit.session
    assert session is not None
    token = required(form, "token", "文件")
    path = uploads.held(session.key, token)
    filename = text(form, "filename") or path.name
    try:
        plan = plan_import("people", path, dataset=basis.dataset, accounts=basis.accounts,
                           institute=basis.institute)
    except (DatasetError, FileRefusedError):  # the data changed since the dry run
        return _dry_run(visit, basis, path, filename, token)
    apply_import(visit.flow, visit.me, plan)
    uploads.drop(path)
    return visit.redirect("people", {"done": "people_imported"})


@pages.action("/admin/people/{person}", "person_save")
def save(visit: Visit, form: FormData) -> Response:
    """保存: 是否有学时要求 and 入职时间 (empty: none) of one person."""
    visit.flow.set_person(visit.me, visit.param("person"),
                          hours_required=flag(form, "hours_required", "是否有学时要求"),
                          hire_date=maybe(day, form, "hire_date", "入职时间"))
    kept = {k: v for k, v in parse_qsl(text(form, "back") or "") if k in _KEPT}
    return visit.redirect("people", {**kept, "done": "person_saved"})


def _dry_run(visit: Visit, basis: ImportBasis, path: Path, filename: str,
             token: str) -> Response:

    def named(words: str) -> str:  # the name the user gave, never the folder's
        stem = Path(filename).stem
        return words.replace(str(path), filename).replace(path.name, filename).replace(
            path.stem, stem)

    try:
        plan = plan_import("people", path, dataset=basis.dataset, accounts=basis.accounts,
                           institute=basis.institute)
    except DatasetError as error:
        uploads.drop(path)
        problems = [(named(p.place), named(p.message)) for p in error.problems]
        return _import_page(visit, status=400, problems=problems, filename=filename)
    except FileRefusedError as error:
        uploads.drop(path)
        return _import_page(visit, status=400, filename=filename, error=named(str(error)))
    return _import_page(visit, plan=plan, filename=filename, token=token)
