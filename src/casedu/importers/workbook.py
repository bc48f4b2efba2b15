"""A whole dataset as one workbook, sheet by sheet in the import templates' columns.

The commands take such a workbook as DATA, so an institute can keep a year in a spreadsheet.
Its sheets: 研究所, 部门 (optional), 人员, 培训计划, 参会记录, 外部学习, 在线学习, 骨干人才,
年度总结, in the templates' columns (``casedu template workbook`` writes an empty one).
Every problem of every sheet is listed at once, then the dataset's own checks run as for a
JSON dataset.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from casedu.dataset.references import check_dataset
from casedu.errors import DatasetError, InvalidValueError, Problem, shown
from casedu.importers.fields import Field, read_bool, read_count, read_date, read_decimal
from casedu.importers.kinds import EXTERNAL, ONLINE, PEOPLE, PLANS
from casedu.importers.reading import Limits, SheetRow, read_rows
from casedu.model import (
    AnnualSummary,
    Attendance,
    AttendanceStatus,
    BackboneReport,
    Dataset,
    Department,
    ExternalLearning,
    ExternalStatus,
    Implementation,
    Institute,
    OnlineLearning,
    Person,
    PlanKind,
    PlanStatus,
    TrainingPlan,
)

__all__ = ["SHEETS", "read_workbook"]

_CODE = Field("institute", "所级简称", ("institute", "code"))


def _external_status(value: Any) -> ExternalStatus:
    text = str(value or "").strip().lower()
    for status, words in ((ExternalStatus.APPROVED, ("已通过", "通过", "approved", "")),
                          (ExternalStatus.PENDING, ("待审核", "pending")),
                          (ExternalStatus.REJECTED, ("未通过", "不通过", "rejected"))):
        if text in words:
            return status
    raise ValueError(f"expected 已通过, 待审核 or 未通过, got {shown(value)}")


_ACTUAL = (
    Field("implemented", "是否已实施", ("implemented",), read=read_bool, default=False),
    Field("attendees", "实际参会人数", ("attendees",), read=read_count),
    Field("staff", "实际工作人数", ("staff",), read=read_count, default=0),
    Field("actual_start", "实际开始日期", ("actual_start",), read=read_date),
    Field("actual_end", "实际结束日期", ("actual_end",), read=read_date),
    Field("actual_hours", "实际学时", ("actual_hours",), read=read_decimal),
    Field("actual_expense", "实际经费", ("actual_expense",), read=read_decimal),
    Field("effectiveness", "培训成效", ("effectiveness",)),
)

#: sheet title -> its columns
SHEETS: dict[str, tuple[Field, ...]] = {
    "研究所": (Field("code", "所级简称", ("code",), required=True),
            Field("name", "单位名称", ("name",), required=True)),
    "部门": (Field("id", "部门编号", ("id",), required=True), _CODE,
           Field("name", "部门名称", ("name",), required=True)),
    "人员": (_CODE, *PEOPLE.fields),
    "培训计划": (_CODE, *(f for f in PLANS.fields), *_ACTUAL),
    "参会记录": (Field("plan", "计划编号", ("plan",), required=True),
             Field("person", "参会人员", ("人员", "person"), required=True),
             Field("confirmed", "确认参加", ("confirmed",), read=read_bool, default=False)),
    "外部学习": (Field("id", "编号", ("id",)), *EXTERNAL.fields,
             Field("status", "状态", ("status",), read=_external_status,
                   default=ExternalStatus.APPROVED)),
    "在线学习": ONLINE.fields,
    "骨干人才": (_CODE, Field("year", "年度", ("year",), required=True, read=read_count),
             Field("person", "人员", ("人员编号", "person"), required=True),
             Field("reported_on", "上报日期", ("reported_on",), read=read_date)),
    "年度总结": (_CODE, Field("year", "年度", ("year",), required=True, read=read_count),
             Field("total_investment", "单位投入总经费", ("total_investment",),
                   read=read_decimal),
             Field("total_person_times", "单位培训总人次", ("total_person_times",),
                   read=read_count)),
}


def read_workbook(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Dataset:
    """The dataset a workbook holds; :class:`DatasetError` lists every problem."""
    source = os.fspath(path)
    sheets: dict[str, list[SheetRow]] = {}
    for row in read_rows(Path(path), limits=limits, all_sheets=True):
        sheets.setdefault(row.sheet, []).append(row)
    problems: list[Problem] = []
    if "研究所" not in {_canonical(n) for n in sheets}:
        problems.append(Problem("", "a dataset workbook has a sheet 研究所 (所级简称, 单位名称); "
                                "`casedu template workbook` writes one"))
        raise DatasetError(source, problems)
    tables = {_canonical(name): list(_values(rows, SHEETS[_canonical(name) or ""], problems))
              for name, rows in sheets.items() if _canonical(name) is not None}
    builder = _Builder(problems)
    dataset = builder.build(tables)
    for problem in check_dataset(dataset):
        problems.append(problem)
    if problems:
        raise DatasetError(source, problems)
    return dataset


def _canonical(sheet: str) -> str | None:
    for title in SHEETS:
        if sheet.strip().startswith(title):
            return title
    return None


def _values(rows: list[SheetRow], fields: tuple[Field, ...],
            problems: list[Problem]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each data row as (place, values by field key)."""
    header = next((r for r in rows if any(c not in (None, "") for c in r.cells)), None)
    if header is None:
        return
    columns: dict[int, Field] = {}
    for index, cell in enumerate(header.cells):
        field = next((f for f in fields if cell not in (None, "") and f.matches(cell)), None)
        if field is not None:
            columns[index] = field
    missing = [f.header for f in fields if f.required and f not in columns.values()]
    if missing:
        problems.append(Problem(f"sheet {header.sheet!r} row {header.number}",
                                f"missing column(s) {', '.join(missing)}"))
        return
    for row in rows:
        if row.number <= header.number or not any(c not in (None, "") for c in row.cells):
            continue
        values = {f.key: f.default for f in fields}
        place = f"sheet {row.sheet!r} row {row.number}"
        ok = True
        for index, field in columns.items():
            cell = row.cells[index] if index < len(row.cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                if field.required:
                    problems.append(Problem(f"{place} column {field.header}",
                                            "required, but empty"))
                    ok = False
                continue
            try:
                values[field.key] = field.read(cell)
            except ValueError as error:
                problems.append(Problem(f"{place} column {field.header} value {shown(cell)}",
                                        str(error)))
                ok = False
        if ok:
            yield place, values


@attrs.define
class _Builder:
    problems: list[Problem]
    codes: list[str] = attrs.field(factory=list)

    def build(self, tables: dict[str | None, list[tuple[str, dict[str, Any]]]]) -> Dataset:
        institutes = self._each(tables.get("研究所", []), lambda v: Institute(
            code=v["code"], name=v["name"]))
        self.codes = [i.code for i in institutes]
        departments = self._each(tables.get("部门", []), lambda v: Department(
            id=v["id"], institute=self._code(v), name=v["name"]))
        by_name: dict[tuple[str, str], str] = {(d.institute, d.name): d.id for d in departments}
        known = {d.id for d in departments}

        def department(values: dict[str, Any]) -> str | None:
            name: str | None = values.get("department")
            if name is None or name in known:
                return name
            code = self._code(values)
            if (code, name) not in by_name:
                by_name[(code, name)] = f"{code}-{name}"
                departments.append(Department(id=f"{code}-{name}", institute=code, name=name))
            return by_name[(code, name)]

        people = self._each(tables.get("人员", []), lambda v: Person(
            id=v["id"], institute=self._code(v), name=v["name"], department=department(v),
            email=v["email"], in_service=v["in_service"], hours_required=v["hours_required"],
            hire_date=v["hire_date"], category=v["category"]))
        names = {p.name: [q.id for q in people if q.name == p.name] for p in people}
        emails = {p.email.lower(): p.id for p in people if p.email}

        def person(value: str) -> str:
            if value in {p.id for p in people}:
                return value
            if value.lower() in emails:
                return str(emails[value.lower()])
            found = names.get(value, [])
            if len(found) == 1:
                return str(found[0])
            if found:
                raise ValueError(f"the name {shown(value)} fits {len(found)} people; use the id")
            return value  # an unknown id: the dataset's checks name it

        plans = self._each(tables.get("培训计划", []), lambda v: self._plan(v, department))
        attendance = self._each(tables.get("参会记录", []), lambda v: Attendance(
            plan=v["plan"], person=person(v["person"]),
            status=AttendanceStatus.CONFIRMED if v["confirmed"] else AttendanceStatus.ADDED))
        external = self._each(tables.get("外部学习", []), lambda v: ExternalLearning(
            id=v["id"] or f"EL-{v['_row']}", person=person(v["person"]),
            category=v["category"], title=v["title"], start=v["start"],
            end=v["end"] or v["start"], hours=v["hours"], status=v["status"]))
        online = self._each(tables.get("在线学习", []), lambda v: OnlineLearning(
            person=person(v["person"]), course=v["course"], title=v["title"], date=v["date"],
            hours=v["hours"]))
        reports = self._each(tables.get("骨干人才", []), lambda v: BackboneReport(
            institute=self._code(v), year=v["year"], person=person(v["person"]),
            reported_on=v["reported_on"]))
        summaries = self._each(tables.get("年度总结", []), lambda v: AnnualSummary(
            institute=self._code(v), year=v["year"], total_investment=v["total_investment"],
            total_person_times=v["total_person_times"]))
        return Dataset(institutes=institutes, departments=departments, people=people,
                       plans=plans, attendance=attendance, external_learning=external,
                       online_learning=online, backbone_reports=reports, summaries=summaries)

    def _code(self, values: dict[str, Any]) -> str:
        code = values.get("institute")
        if code:
            return str(code)
        if len(self.codes) == 1:
            return self.codes[0]
        raise ValueError("name the institute (所级简称): the workbook has several")

    def _plan(self, v: dict[str, Any], department: Callable[[dict[str, Any]], str | None]) \
            -> TrainingPlan:
        implementation = None
        if v["implemented"]:
            implementation = Implementation(
                attendees=v["attendees"] if v["attendees"] is not None
                else v["planned_participants"],
                staff=v["staff"], start=v["actual_start"], end=v["actual_end"],
                hours=v["actual_hours"], expense=v["actual_expense"])
        return TrainingPlan(
            id=v["id"] or f"TP-{v['_row']}", institute=self._code(v), name=v["name"],
            kind=PlanKind.PROJECT, premium=v["premium"], department=department(v),
            audience=v["audience"], content=v["content"], objectives=v["objectives"],
            start=v["start"], end=v["end"], location=v["location"],
            planned_participants=v["planned_participants"], hours=v["hours"],
            expense=v["expense"], contact=v["contact"], phone=v["phone"],
            status=v["status"] if v["status"] is not None else PlanStatus.DRAFT,
            implementation=implementation,
            effectiveness=v["effectiveness"] if implementation else None)

    def _each(self, rows: list[tuple[str, dict[str, Any]]],
              make: Callable[[dict[str, Any]], Any]) -> list[Any]:
        records = []
        for place, values in rows:
            values["_row"] = place.rsplit(" ", 1)[-1]
            try:
                records.append(make(values))
            except InvalidValueError as error:
                where = f"{place} ({error.field})" if error.field else place
                self.problems.append(Problem(where, error.reason))
            except ValueError as error:
                self.problems.append(Problem(place, str(error)))
        return records
