"""What each import reads: its columns, and how a row becomes a record of the model."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from casedu.errors import UnknownRecordError, shown
from casedu.importers.fields import (
    Field,
    read_bool,
    read_count,
    read_date,
    read_decimal,
)
from casedu.model import (
    Account,
    Dataset,
    ExternalLearning,
    ExternalStatus,
    OnlineLearning,
    Person,
    PlanKind,
    PlanStatus,
    TrainingPlan,
)
from casedu.services.imports import NEW_ID

__all__ = ["KINDS", "ImportKind", "RowContext"]


def _read_status(value: Any) -> PlanStatus:
    text = str(value or "").strip().lower()
    if text in ("发布", "已发布", "published"):
        return PlanStatus.PUBLISHED
    if text in ("未发布", "draft", ""):
        return PlanStatus.DRAFT
    raise ValueError(f"expected 发布 or 未发布, got {shown(value)}")


@attrs.frozen
class RowContext:
    """What a row is read against: the workspace as it is, the institute, the class."""

    dataset: Dataset
    accounts: Mapping[str, Account]
    institute: str
    plan: str | None = None

    def department(self, value: str | None) -> str | None:
        """A department given by id or by name, within the institute."""
        if value is None:
            return None
        for dep in self.dataset.departments:
            if dep.institute == self.institute and value in (dep.id, dep.name):
                return dep.id
        raise ValueError(f"no department {shown(value)} in {self.institute}")

    def person(self, value: str) -> str:
        """A person given by id, username, email or name (a name must fit one person)."""
        if value in self.dataset.person_by_id:
            return value
        account = self.accounts.get(value) or self.accounts.get(value.lower())
        if account is not None and account.person is not None:
            return account.person
        by_email = [p for p in self.dataset.people if p.email and p.email.lower() == value.lower()]
        if len(by_email) == 1:
            return by_email[0].id
        named = [p for p in self.dataset.people if p.name == value]
        if len(named) == 1:
            return named[0].id
        if named:
            ids = ", ".join(p.id for p in named)
            raise ValueError(f"the name {shown(value)} fits {len(named)} people ({ids}); "
                             "use the id")
        raise ValueError(f"no person {shown(value)} (give the id, username, email or name)")


@attrs.frozen
class ImportKind:
    """One import: its name, the template's sheet title, its columns, and the row builder."""

    name: str
    title: str
    fields: tuple[Field, ...]
    build: Callable[[dict[str, Any], RowContext], Any]
    key: Callable[[Any], Any]
    instructions: str


def _person(values: dict[str, Any], ctx: RowContext) -> Person:
    return Person(
        id=values["id"], institute=ctx.institute, name=values["name"],
        department=ctx.department(values["department"]), email=values["email"],
        in_service=values["in_service"], hours_required=values["hours_required"],
        hire_date=values["hire_date"], category=values["category"],
    )


def _plan(values: dict[str, Any], ctx: RowContext) -> TrainingPlan:
    existing = ctx.dataset.plan_by_id.get(values["id"]) if values["id"] else None
    return TrainingPlan(
        id=values["id"] or NEW_ID, institute=ctx.institute, name=values["name"],
        kind=PlanKind.PROJECT, premium=values["premium"],
        department=ctx.department(values["department"]), audience=values["audience"],
        content=values["content"], objectives=values["objectives"], start=values["start"],
        end=values["end"], location=values["location"],
        planned_participants=values["planned_participants"], hours=values["hours"],
        expense=values["expense"], contact=values["contact"], phone=values["phone"],
        status=values["status"],
        implementation=existing.implementation if existing else None,
        effectiveness=existing.effectiveness if existing else None,
    )


def _attendee(values: dict[str, Any], ctx: RowContext) -> tuple[str, bool]:
    if ctx.plan is None or ctx.plan not in ctx.dataset.plan_by_id:
        raise UnknownRecordError(f"no plan {ctx.plan!r}: name the class with --plan ID")
    return ctx.person(values["who"]), values["confirmed"]


def _external(values: dict[str, Any], ctx: RowContext) -> ExternalLearning:
    return ExternalLearning(
        id="(new)", person=ctx.person(values["person"]), category=values["category"],
        title=values["title"], start=values["start"], end=values["end"] or values["start"],
        hours=values["hours"], status=ExternalStatus.APPROVED,
    )


def _online(values: dict[str, Any], ctx: RowContext) -> OnlineLearning:
    return OnlineLearning(person=ctx.person(values["person"]), course=values["course"],
                          title=values["title"], date=values["date"], hours=values["hours"])


PEOPLE = ImportKind(
    name="people", title="人员",
    fields=(
        Field("id", "人员编号", ("工号", "id"), required=True,
              help="the person's id in ARP; an existing id updates that person"),
        Field("name", "姓名", ("name",), required=True),
        Field("department", "部门", ("department",), help="the department's id or name"),
        Field("email", "邮箱", ("email", "电子邮箱")),
        Field("in_service", "是否在职", ("在职", "in_service"), read=read_bool, default=True,
              help="是/否 (default 是)"),
        Field("hours_required", "是否有学时要求", ("学时要求", "hours_required"),
              read=read_bool, default=True, help="是/否: 否 for students, factory staff …"),
        Field("hire_date", "入职时间", ("入职日期", "hire_date"), read=read_date,
              help="2026-03-02"),
        Field("category", "人员类别", ("类别", "category")),
    ),
    build=_person, key=lambda p: p.id,
    instructions="The ARP roster (在职人员): one person a row. An existing id is updated.",
)

PLANS = ImportKind(
    name="plans", title="培训计划",
    fields=(
        Field("id", "计划编号", ("id",), help="leave empty for a new plan"),
        Field("name", "培训名称", ("name",), required=True),
        Field("department", "部门", ("department",)),
        Field("premium", "是否精品", ("premium",), read=read_bool, default=False),
        Field("audience", "培训对象", ("audience",)),
        Field("content", "培训内容", ("content",)),
        Field("objectives", "目的目标", ("objectives",)),
        Field("start", "开始日期", ("start", "培训开始时间"), required=True, read=read_date),
        Field("end", "结束日期", ("end", "培训结束时间"), required=True, read=read_date),
        Field("location", "培训地点", ("location",)),
        Field("planned_participants", "计划参加人数", ("planned_participants",),
              required=True, read=read_count),
        Field("hours", "学时", ("hours",), required=True, read=read_decimal),
        Field("expense", "经费开支", ("经费", "expense"), read=read_decimal,
              default=read_decimal(0)),
        Field("contact", "联系人", ("contact",)),
        Field("phone", "联系电话", ("phone",)),
        Field("status", "状态", ("status",), read=_read_status, default=PlanStatus.DRAFT,
              help="发布/未发布 (default 未发布)"),
    ),
    build=_plan, key=lambda p: p.id,
    instructions="Training plans (项目计划), one a row. An existing id updates a plan that is "
    "not implemented.",
)

ATTENDEES = ImportKind(
    name="attendees", title="实际参会人员",
    fields=(
        Field("who", "参会人员", ("人员", "人员编号", "姓名", "用户名", "person"),
              required=True, help="the person's id, username, email or name"),
        Field("confirmed", "确认参加", ("confirmed",), read=read_bool, default=False,
              help="是 confirms attendance and credits the class hours"),
    ),
    build=_attendee, key=lambda a: a[0],
    instructions="The attendees of one class (--plan ID), one a row.",
)

EXTERNAL = ImportKind(
    name="external", title="外部学习",
    fields=(
        Field("person", "人员", ("人员编号", "姓名", "person"), required=True,
              help="the person's id, username, email or name"),
        Field("category", "类别", ("category",), required=True, help="学术会议, 进修, …"),
        Field("title", "名称", ("title", "学习内容"), required=True),
        Field("start", "开始日期", ("start",), required=True, read=read_date),
        Field("end", "结束日期", ("end",), read=read_date, help="default: the start date"),
        Field("hours", "学时", ("hours",), required=True, read=read_decimal),
    ),
    build=_external,
    key=lambda r: (r.person, r.category, r.title, r.start, r.end, r.hours),
    instructions="External learning (外部学习), one record a row; approved at once with the "
    "importing admin as reviewer (审核导入).",
)

ONLINE = ImportKind(
    name="online", title="在线学习",
    fields=(
        Field("person", "人员", ("人员编号", "姓名", "person"), required=True),
        Field("course", "课程编号", ("course",), required=True),
        Field("title", "课程名称", ("title",)),
        Field("date", "学习日期", ("date",), required=True, read=read_date),
        Field("hours", "学时", ("hours",), required=True, read=read_decimal),
    ),
    build=_online,
    key=lambda r: (r.person, r.course, r.date, r.hours, r.title),
    instructions="Online courseware hours (在线学习课件), one record a row.",
)

KINDS: dict[str, ImportKind] = {k.name: k for k in (PEOPLE, PLANS, ATTENDEES, EXTERNAL, ONLINE)}
