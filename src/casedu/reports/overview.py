"""职工学习总体情况统计: every person's hours of the year by source."""

from __future__ import annotations

import attrs

from casedu.errors import expect
from casedu.metrics import staff_overview
from casedu.quantities import ZERO, decimal_text
from casedu.reports.context import ReportContext
from casedu.reports.document import Column, Document, Kind, Mark, Orientation, Row, Table, Typed

__all__ = ["staff_overview_report"]

COLUMNS = (
    Column("index", "序号", Kind.INTEGER, width=5),
    Column("person", "人员编号", width=10),
    Column("name", "姓名", width=10),
    Column("department", "部门", width=16, wrap=True),
    Column("in_service", "在职", Kind.YES_NO, width=5),
    Column("hours_required", "学时要求", Kind.YES_NO, width=8),
    Column("new_hire", "新入职", Kind.YES_NO, width=6),
    Column("class_hours", "培训班学时", Kind.HOURS, width=10, group="学时"),
    Column("external_hours", "外部学习学时", Kind.HOURS, width=12, group="学时"),
    Column("online_hours", "在线学习学时", Kind.HOURS, width=12, group="学时"),
    Column("total_hours", "总学时", Kind.HOURS, width=8, group="学时"),
    Column("assessed", "纳入考核", Kind.YES_NO, width=8),
    Column("completed", "完成100学时", Kind.TEXT, width=11),
)


def _columns(context: ReportContext) -> tuple[Column, ...]:
    """The columns, 完成N学时 at the policy's N."""
    required = decimal_text(context.policy.required_hours)
    return tuple(attrs.evolve(c, title=f"完成{required}学时") if c.key == "completed" else c
                 for c in COLUMNS)


def staff_overview_report(context: ReportContext) -> Document:
    """Every person of the institute, by department then id."""
    expect("context", context, ReportContext, what="a ReportContext")
    rows: list[Row] = []
    sums = [ZERO, ZERO, ZERO, ZERO]
    for item in staff_overview(context.dataset, context.institute_code, context.year,
                               policy=context.policy, hours=context.hours,
                               department=context.department):
        h = item.hours
        values = (h.class_hours, h.external_hours, h.online_hours, h.total)
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        completed = "—" if item.completed is None else ("是" if item.completed else "否")
        rows.append(Row((len(rows) + 1, item.person.id, item.person.name, item.department,
                         item.person.in_service, item.person.hours_required, item.new_hire,
                         *values, item.assessed, completed)))
    totals = Row((None, f"合计 {len(rows)} 人", None, None, None, None, None,
                  *(Typed(s, Kind.HOURS) for s in sums), None, None),
                 marks=frozenset({Mark.TOTAL}))
    required = decimal_text(context.policy.required_hours)
    scope = context.institute.name
    if context.department is not None:
        scope = f"{scope} {context.dataset.department_name(context.department)}"
    return Document(
        title="职工学习总体情况统计", year=context.year, institute=scope,
        blocks=(Table(columns=_columns(context), rows=tuple(rows), totals=totals),),
        orientation=Orientation.LANDSCAPE,
        notes=(f"纳入考核：在职、有学时要求且非本年度新入职；完成：年度学时不少于{required}。",),
        footer=context.footer, name="staff-overview",
    )

