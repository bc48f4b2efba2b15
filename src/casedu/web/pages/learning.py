"""我的学习 → 个人空间: 我的外部学习 (新添记录 by category; edit or withdraw while pending) and
我的档案 (one's own archive with each year's hours)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.responses import Response

from casedu.errors import InvalidValueError
from casedu.model import ExternalLearning
from casedu.web.forms import day, decimal, required
from casedu.web.routing import Pages
from casedu.web.visit import NOTICES, Visit

__all__ = ["CATEGORIES", "pages"]

pages = Pages()

NOTICES.update({"external_new": "已新添记录，等待管理员审核。",
                "external_edited": "已修改记录。", "external_withdrawn": "已撤回记录。"})

#: The categories 新添记录 offers (选择对应的类别); a person's records of other categories
#: (imported ones) show beside them.
CATEGORIES = ("学术会议", "进修", "培训班", "讲座", "其他")

#: What an account without a person of the roster is told on the pages of 个人空间.
_NO_PERSON = "此账号未关联人员名单中的人员，没有个人学习记录。"

_STATUS = {"pending": "待审核", "approved": "已通过", "rejected": "未通过"}


@pages.view("/learning/external", "my_external")
def my_external(visit: Visit) -> Response:
    """我的外部学习: one's records by category (``?category=``), and 新添记录."""
    if visit.me.account.person is None:
        return visit.portal.error(visit, 400, _NO_PERSON)
    return _list(visit, visit.flow.my_external(visit.me))


@pages.action("/learning/external/new", "my_external_new")
def submit(visit: Visit, form: FormData) -> Response:
    """新添记录: a record of one's own, pending review."""
    try:
        values = _entry(form)
        record = visit.flow.submit_external(visit.me, **values)
    except InvalidValueError as error:
        return _list(visit, visit.flow.my_external(visit.me), status=400, error=str(error),
                     typed=_typed(form))
    return visit.redirect("my_external", {"category": record.category,
                                          "done": "external_new"})


@pages.view("/learning/external/{external}", "my_external_edit")
def edit_form(visit: Visit) -> Response:
    """A record of one's own: its review, and the form to change it while pending."""
    record = visit.flow.view_external(visit.me, visit.param("external"))
    return _edit(visit, record)


@pages.action("/learning/external/{external}/edit", "my_external_save")
def edit(visit: Visit, form: FormData) -> Response:
    """修改: a pending record of one's own."""
    record_id = visit.param("external")
    try:
        values = _entry(form)
    except InvalidValueError as error:
        record = visit.flow.view_external(visit.me, record_id)
        return _edit(visit, record, status=400, error=str(error), typed=_typed(form))
    record = visit.flow.edit_external(visit.me, record_id, **values)
    return visit.redirect("my_external", {"category": record.category,
                                          "done": "external_edited"})


@pages.action("/learning/external/{external}/withdraw", "my_external_withdraw")
def withdraw(visit: Visit, form: FormData) -> Response:
    """撤回: a pending record of one's own is taken back."""
    visit.flow.withdraw_external(visit.me, visit.param("external"))
    return visit.redirect("my_external", {"done": "external_withdrawn"})


@pages.view("/learning/archive", "my_archive")
def my_archive(visit: Visit) -> Response:
    """我的档案: every learning record of one's own, credited or not, and each year's hours."""
    person = visit.me.account.person
    if person is None:
        return visit.portal.error(visit, 400, _NO_PERSON)
    archive = visit.flow.archive(visit.me, person)
    return visit.render("stats/archive.html", archive=archive, mine=True)


def _list(visit: Visit, records: list[ExternalLearning], *, status: int = 200,
          error: str | None = None, typed: dict[str, str] | None = None) -> Response:
    category = visit.query("category")
    categories = list(dict.fromkeys([*CATEGORIES, *(r.category for r in records)]))
    shown = [r for r in records if category is None or r.category == category]
    typed = typed or {"category": category or CATEGORIES[0], "title": "", "start": "",
                      "end": "", "hours": ""}
    return visit.render("learning/external.html", status=status, records=shown,
                        categories=categories, category=category, error=error, typed=typed,
                        statuses=_STATUS)


def _edit(visit: Visit, record: ExternalLearning, *, status: int = 200,
          error: str | None = None, typed: dict[str, str] | None = None) -> Response:
    typed = typed or {"category": record.category, "title": record.title,
                      "start": record.start.isoformat(), "end": record.end.isoformat(),
                      "hours": str(record.hours)}
    categories = list(dict.fromkeys([*CATEGORIES, record.category]))
    return visit.render("learning/edit.html", status=status, record=record, error=error,
                        typed=typed, categories=categories, statuses=_STATUS)


def _entry(form: FormData) -> dict[str, Any]:
    """The fields of a record as the library takes them, each refused by its label."""
    return {"category": required(form, "category", "类别"),
            "title": required(form, "title", "名称"),
            "start": day(form, "start", "开始日期"), "end": day(form, "end", "结束日期"),
            "hours": decimal(form, "hours", "学时")}


def _typed(form: FormData) -> dict[str, str]:
    return {k: str(form.get(k) or "") for k in ("category", "title", "start", "end", "hours")}
