"""培训项目执行情况表: the year's plans of an institute (the manual's 培训班统计表 export)."""

from __future__ import annotations

from casedu.errors import expect
from casedu.metrics import class_stats
from casedu.quantities import ZERO
from casedu.reports.context import ReportContext
from casedu.reports.document import Column, Document, Kind, Mark, Orientation, Row, Table

__all__ = ["COLUMNS", "class_stats_report"]

COLUMNS = (
    Column("index", "序号", Kind.INTEGER, width=5),
    Column("name", "培训名称", width=22, wrap=True, least=6),
    Column("premium", "是否精品", Kind.YES_NO, width=6),
    Column("audience", "培训对象", width=14, wrap=True),
    Column("content", "培训内容", width=22, wrap=True),
    Column("objectives", "目的目标", width=18, wrap=True),
    Column("period", "培训起止时间", Kind.DATE_RANGE, width=12, wrap=True),
    Column("location", "培训地点", width=12, wrap=True),
    Column("attendees", "参会人数", Kind.INTEGER, width=6),
    Column("staff", "工作人数", Kind.INTEGER, width=6),
    Column("expense", "经费开支（元）", Kind.MONEY, width=11),
    Column("effectiveness", "培训成效", width=18, wrap=True, spread=True),
    Column("contact", "联系人", width=8),
    Column("phone", "联系电话", width=13),
)


def class_stats_report(context: ReportContext) -> Document:
    """The institute's 培训项目执行情况表 of the year: values from the implementation where there is
    one, else from the plan; rows not implemented are marked (0 attendees and staff)."""
    expect("context", context, ReportContext, what="a ReportContext")
    rows: list[Row] = []
    attendees = staff = 0
    expense = ZERO
    for item in class_stats(context.dataset, context.institute_code, context.year,
                            policy=context.policy):
        f = item.figures
        attendees += f.attendees
        staff += f.staff
        expense += f.expense
        rows.append(Row(
            (len(rows) + 1, f.name, f.premium, f.audience, f.content, f.objectives,
             (f.start, f.end), f.location, f.attendees, f.staff, f.expense, item.effectiveness,
             f.contact, f.phone),
            marks=frozenset() if item.implemented else frozenset({Mark.NOT_IMPLEMENTED}),
        ))
    not_done = sum(1 for r in rows if Mark.NOT_IMPLEMENTED in r.marks)
    totals = Row((None, f"合计 {len(rows)} 项", None, None, None, None, None, None, attendees,
                  staff, expense, None, None, None), marks=frozenset({Mark.TOTAL}))
    notes = [f"本年度培训项目 {len(rows)} 项，已实施 {len(rows) - not_done} 项，"
             f"未实施 {not_done} 项。"]
    if not_done:
        notes.append("标记“未实施”（红色背景）的培训项目尚未实施，参会人数、工作人数按 0 计；"
                     "如确已实施，请负责人及时登记实施情况。")
    return Document(
        title="培训项目执行情况表", institute=context.institute.name, year=context.year,
        blocks=(Table(columns=COLUMNS, rows=tuple(rows), totals=totals),),
        orientation=Orientation.LANDSCAPE, notes=tuple(notes), footer=context.footer,
        name="class-stats",
    )
