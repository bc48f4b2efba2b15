"""我的管理 → 培训计划 → 本机构计划: the year's plans with their status, filtered and paged;
新建计划 (项目计划), 发布, 实施计划 (the plan's values as defaults, 提交 → 已实施), 培训成效."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.responses import Response

from casedu.errors import InvalidValueError, UnknownRecordError, WorkflowError
from casedu.model import TrainingPlan
from casedu.quantities import money_text
from casedu.web import forms
from casedu.web.routing import Pages
from casedu.web.visit import NOTICES, Visit

__all__ = ["pages"]

pages = Pages()

#: The filters' choices: the value of the query, and what it means to ``list_plans``.
PUBLISHED = {"": None, "draft": False, "published": True}
IMPLEMENTED = {"": None, "no": False, "yes": True}

NOTICES.update({"created": "已新建计划（未发布）。", "published": "计划已发布。",
                "implemented": "已提交：计划已实施。", "effectiveness": "培训成效已保存。"})

#: The fields of a plan as the forms name them, with their labels (the manual's words), in order.
TEXTS = (("audience", "培训对象"), ("content", "培训内容"), ("objectives", "目的目标"))
LINES = (("location", "培训地点"), ("contact", "联系人"), ("phone", "联系电话"))
#: Errors a form shows beside itself; anything else is the page of its status.
FORM_ERRORS = (InvalidValueError, WorkflowError, UnknownRecordError)


@pages.view("/plans", "plans")
def plan_list(visit: Visit) -> Response:
    """本机构计划: filters 年度, 发布状态, 实施状态, 培训名称; 50 to a page."""
    published = visit.query("published", "") or ""
    implemented = visit.query("implemented", "") or ""
    page = visit.flow.list_plans(
        visit.me, visit.year, published=PUBLISHED.get(published),
        implemented=IMPLEMENTED.get(implemented), text=visit.query("name"),
        limit=visit.portal.settings.page_size, offset=visit.offset)
    return visit.render("plans/list.html", page=page, published=published,
                        implemented=implemented, name=visit.query("name", ""),
                        years=visit.years)


@pages.view("/plans/new", "plan_new")
def new_form(visit: Visit) -> Response:
    """新建计划: 计划类型 项目计划, and the plan's fields."""
    return _new_page(visit, {}, None)


@pages.action("/plans/new", "plan_create")
def create(visit: Visit, form: FormData) -> Response:
    """A draft plan (未发布), which creates its class."""
    try:
        plan = visit.flow.create_plan(
            visit.me, name=forms.required(form, "name", "培训名称"),
            start=forms.day(form, "start", "开始日期"), end=forms.day(form, "end", "结束日期"),
            planned_participants=forms.count(form, "planned_participants", "计划参加人数"),
            hours=forms.decimal(form, "hours", "学时"),
            expense=forms.decimal(form, "expense", "经费开支"),
            premium=forms.flag(form, "premium", "是否精品"),
            department=forms.text(form, "department"),
            **{name: forms.text(form, name) for name, _ in (*TEXTS, *LINES)})
    except FORM_ERRORS as error:
        return _new_page(visit, form, error, status=400)
    return visit.redirect("plans", {"year": plan.start.year, "done": "created"})


def _new_page(visit: Visit, values: Any, error: Exception | None, status: int = 200) -> Response:
    departments = visit.flow.departments(visit.me)
    return visit.render("plans/new.html", status=status, values=values, error=error,
                        departments=departments, texts=TEXTS, lines=LINES)


@pages.action("/plans/{plan}/publish", "plan_publish")
def publish(visit: Visit, form: FormData) -> Response:
    """未发布 → 发布."""
    plan = visit.flow.publish_plan(visit.me, visit.param("plan"))
    return visit.redirect("plans", {"year": plan.start.year, "done": "published"})


@pages.view("/plans/{plan}/implement", "plan_implement")
def implement_form(visit: Visit) -> Response:
    """实施计划: the plan's values as the defaults of what actually happened."""
    plan = visit.flow.view_plan(visit.me, visit.param("plan"))
    return _implement_page(visit, plan, _defaults(plan), None)


@pages.action("/plans/{plan}/implement", "plan_implement_post")
def implement(visit: Visit, form: FormData) -> Response:
    """提交: 未实施 → 已实施; the implementation keeps the values that differ from the plan."""
    plan = visit.flow.view_plan(visit.me, visit.param("plan"))
    try:
        actual: dict[str, Any] = {
            "name": forms.required(form, "name", "培训名称"),
            "premium": forms.flag(form, "premium", "是否精品"),
            "start": forms.day(form, "start", "开始日期"),
            "end": forms.day(form, "end", "结束日期"),
            "hours": forms.decimal(form, "hours", "学时"),
            "expense": forms.decimal(form, "expense", "经费开支"),
            **{name: forms.text(form, name) for name, _ in (*TEXTS, *LINES)}}
        changed = {k: v for k, v in actual.items() if v != getattr(plan, k)}
        visit.flow.implement_plan(
            visit.me, plan.id, attendees=forms.count(form, "attendees", "参会人数"),
            staff=forms.count(form, "staff", "工作人数"), **changed)
    except FORM_ERRORS as error:
        return _implement_page(visit, plan, form, error, status=400)
    return visit.redirect("plans", {"year": plan.start.year, "done": "implemented"})


def _defaults(plan: TrainingPlan) -> dict[str, Any]:
    figures = plan.figures
    values: dict[str, Any] = {name: getattr(figures, name) for name in (
        "name", "audience", "content", "objectives", "location", "contact", "phone")}
    values.update(premium="1" if figures.premium else "", start=figures.start.isoformat(),
                  end=figures.end.isoformat(), hours=figures.hours,
                  expense=money_text(figures.expense), staff=figures.staff,
                  attendees=figures.attendees if plan.implemented else plan.planned_participants)
    return {k: ("" if v is None else v) for k, v in values.items()}


def _implement_page(visit: Visit, plan: TrainingPlan, values: Any, error: Exception | None,
                    status: int = 200) -> Response:
    return visit.render("plans/implement.html", status=status, plan=plan, values=values,
                        error=error, texts=TEXTS, lines=LINES)


@pages.view("/plans/{plan}/effectiveness", "plan_effectiveness")
def effectiveness_form(visit: Visit) -> Response:
    """培训成效: the training's summary, once it is implemented."""
    plan = visit.flow.view_plan(visit.me, visit.param("plan"))
    return visit.render("plans/effectiveness.html", plan=plan, text=plan.effectiveness or "",
                        error=None)


@pages.action("/plans/{plan}/effectiveness", "plan_effectiveness_post")
def set_effectiveness(visit: Visit, form: FormData) -> Response:
    """Save 培训成效."""
    text = forms.text(form, "effectiveness") or ""
    try:
        plan = visit.flow.set_effectiveness(visit.me, visit.param("plan"), text)
    except (InvalidValueError, WorkflowError) as error:
        plan = visit.flow.view_plan(visit.me, visit.param("plan"))
        return visit.render("plans/effectiveness.html", status=400, plan=plan, text=text,
                            error=error)
    return visit.redirect("plans", {"year": plan.start.year, "done": "effectiveness"})
