"""骨干人才培训情况表: the reported backbone talents with their hours and long trainings."""

from __future__ import annotations

from casedu.errors import expect
from casedu.metrics import screen_backbone
from casedu.quantities import decimal_text
from casedu.reports.context import ReportContext
from casedu.reports.document import Column, Document, Kind, Orientation, Row, Table

__all__ = ["backbone_report"]

COLUMNS = (
    Column("index", "序号", Kind.INTEGER, width=5),
    Column("person", "人员编号", width=10),
    Column("name", "姓名", width=10),
    Column("department", "部门", width=16, wrap=True),
    Column("total_hours", "年度总学时", Kind.HOURS, width=10),
    Column("long_trainings", "单次超过40学时的培训", width=48, wrap=True),
    Column("reported_on", "上报日期", Kind.DATE, width=11),
)


def backbone_report(context: ReportContext) -> Document:
    """The people the institute reported for the year, in id order."""
    expect("context", context, ReportContext, what="a ReportContext")
    screen = screen_backbone(context.dataset, context.institute_code, context.year,
                             policy=context.policy, hours=context.hours)
    dates = {
        r.person: r.reported_on for r in context.dataset.backbone_reports
        if r.institute == context.institute_code and r.year == context.year
    }
    rows: list[Row] = []
    stale: list[str] = []
    for person_id in sorted(dates):
        candidate = screen.candidate(person_id)
        if candidate is None:  # pragma: no cover - reports are checked against the roster
            continue
        if not candidate.eligible:
            stale.append(candidate.person.name)
        singles = "\n".join(
            f"{s.title}（{s.start.isoformat()}至{s.end.isoformat()}，{decimal_text(s.hours)}学时）"
            for s in candidate.verdict.long_singles
        )
        rows.append(Row((len(rows) + 1, person_id, candidate.person.name, candidate.department,
                         candidate.verdict.total_hours, singles or "—", dates[person_id])))
    threshold = decimal_text(context.policy.backbone_single_hours)
    columns = (
        *COLUMNS[:5],
        Column("long_trainings", f"单次超过{threshold}学时的培训", width=48, wrap=True),
        *COLUMNS[6:],
    )
    notes = [
        f"上报骨干人才 {len(rows)} 人；筛选条件：培训总学时达到"
        f"{decimal_text(context.policy.backbone_total_hours)}小时，"
        f"至少有一次单次培训超过{threshold}小时。",
    ]
    if stale:
        notes.append("以下已上报人员当前不符合筛选条件，请核实：" + "、".join(stale))
    return Document(
        title="骨干人才培训情况表", institute=context.institute.name, year=context.year,
        blocks=(Table(columns=columns, rows=tuple(rows)),), orientation=Orientation.LANDSCAPE,
        notes=tuple(notes), footer=context.footer, name="backbone",
    )
