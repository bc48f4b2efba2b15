"""继续教育与培训工作总结: the ten figures with their source, and the hours distribution."""

from __future__ import annotations

from decimal import Decimal

from casedu.errors import expect
from casedu.metrics import AnnualFigures, Figure, annual_figures, stored_figures
from casedu.model import AnnualSummary
from casedu.policy import Policy
from casedu.quantities import hours_text
from casedu.reports.context import ReportContext
from casedu.reports.document import (
    Chart,
    Column,
    Document,
    Kind,
    Orientation,
    Paragraph,
    Row,
    Table,
    Typed,
)

__all__ = ["hours_bins", "hours_distribution", "summary_report"]

COLUMNS = (
    Column("index", "序号", Kind.INTEGER, width=5),
    Column("figure", "数据", width=20),
    Column("value", "数值", Kind.TEXT, width=14),
    Column("source", "来源", width=40, wrap=True),
    Column("origin", "取得方式", width=10),
    Column("editable", "是否可修改", Kind.YES_NO, width=10),
)

_KIND = {"count": Kind.INTEGER, "rate": Kind.PERCENT, "hours": Kind.HOURS, "money": Kind.MONEY,
         "average": Kind.DECIMAL}

Bin = tuple[str, Decimal, Decimal | None]


def hours_bins(policy: Policy) -> tuple[Bin, ...]:
    """The bands of the hours distribution, (label, lowest included, highest excluded), around
    the policy's thresholds: the labels say on which side a boundary falls, so exactly 100 h
    (完成) is in ``100–<150``, and exactly 40 h in ``40–<80``.

    >>> from casedu.policy import DEFAULT_POLICY
    >>> [label for label, _, _ in hours_bins(DEFAULT_POLICY)]
    ['0', '0–<40', '40–<80', '80–<100', '100–<150', '≥150']
    """
    single, required = policy.backbone_single_hours, policy.required_hours
    edges = sorted({e for e in (single, 2 * single, required, required * Decimal("1.5"))
                    if e > 0})
    bins: list[Bin] = [("0", Decimal(0), Decimal("0.000001"))]
    low = Decimal("0.000001")
    shown = "0"
    for edge in edges:
        bins.append((f"{shown}–<{hours_text(edge)}", low, edge))
        low, shown = edge, hours_text(edge)
    bins.append((f"≥{shown}", low, None))
    return tuple(bins)


#: The unit a figure's label names, by its kind: an amount is in yuan (单位投入总经费（元）).
_UNITS = {"money": "（元）"}


def _rows(figures: tuple[Figure, ...]) -> tuple[Row, ...]:
    return tuple(
        Row((i, f.label + _UNITS.get(f.kind, ""), Typed(f.value, _KIND[f.kind]), f.source,
             "管理员填写" if f.entered else "系统抽取", f.editable))
        for i, f in enumerate(figures, start=1)
    )


def _submitted_report(context: ReportContext, summary: AnnualSummary) -> Document:
    """A submitted summary prints the figures it was submitted with, whatever changed since."""
    figures = stored_figures(summary, context.policy)
    assert figures is not None  # a submitted summary keeps its figures
    when = summary.submitted_on.isoformat() if summary.submitted_on else "—"
    return Document(
        title="继续教育与培训工作总结", institute=context.institute.name, year=context.year,
        blocks=(Table(columns=COLUMNS, rows=_rows(figures)),),
        orientation=Orientation.PORTRAIT,
        notes=(f"本总结已于 {when} 提交，以上为提交时的数据。",
               "比率或平均值的分母为 0 时记为“—”（不适用）。"),
        footer=context.footer, name="summary",
    )


def hours_distribution(context: ReportContext, figures: AnnualFigures) -> Chart:
    """How many people in service fall in each band of hours (lower bound included)."""
    bins = hours_bins(context.policy)
    counts = [0] * len(bins)
    for person in figures.in_service:
        total = context.hours.of(person.id).total
        for i, (_, low, high) in enumerate(bins):
            if total >= low and (high is None or total < high):
                counts[i] += 1
                break
    return Chart(title="在职职工年度学时分布", labels=tuple(b[0] for b in bins),
                 values=tuple(counts))


def summary_report(context: ReportContext) -> Document:
    """The annual summary as the manual's table, with where each figure comes from."""
    expect("context", context, ReportContext, what="a ReportContext")
    summary = context.dataset.summary(context.institute_code, context.year)
    if summary is not None and summary.submitted:
        return _submitted_report(context, summary)
    figures = annual_figures(context.dataset, context.institute_code, context.year,
                             policy=context.policy, hours=context.hours)
    rows = _rows(figures.figures())
    detail = (
        f"年度计划 {len(figures.plans)} 项，已实施 {len(figures.implemented_plans)} 项；"
        f"需完成{hours_text(context.policy.required_hours)}学时 {len(figures.assessed)} 人，"
        f"已完成 {len(figures.completed)} 人；"
        f"在职 {len(figures.in_service)} 人，上报骨干人才 {figures.backbone_reported} 人。"
    )
    notes = ["比率或平均值的分母为 0 时记为“—”（不适用）。"]
    if figures.total_investment is None:
        notes.append("单位投入总经费尚未填写，填写后方可提交。")
    return Document(
        title="继续教育与培训工作总结", institute=context.institute.name, year=context.year,
        blocks=(Table(columns=COLUMNS, rows=rows), Paragraph(detail),
                hours_distribution(context, figures)),
        orientation=Orientation.PORTRAIT, notes=tuple(notes), footer=context.footer,
        name="summary",
    )
