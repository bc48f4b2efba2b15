"""继续教育与培训工作汇总: the academy's roll-up as a print-ready document, one row per
institute and the totals; for the html, each institute's ten figures under it, linked from its
row (the drill-down)."""

from __future__ import annotations

import hashlib

from casedu.__version__ import __version__
from casedu.errors import expect
from casedu.metrics.rollup import RATES, AcademyRollup, RollupRow, RollupStatus, RollupTotals
from casedu.quantities import decimal_text, hours_text, percent_text
from casedu.reports.document import (
    CellValue,
    Column,
    Document,
    Kind,
    Mark,
    Orientation,
    Row,
    Table,
    Typed,
)

__all__ = ["ACADEMY_NAME", "rollup_report"]

#: The academy, as the roll-up's title names it.
ACADEMY_NAME = "中国科学院"

QUOTA = "骨干人才"


def _columns(required: str, quota: str) -> tuple[Column, ...]:
    return (
        Column("index", "序号", Kind.INTEGER, width=5),
        Column("institute", "研究所", width=24, wrap=True, least=6, links=True),
        Column("status", "状态", width=12, wrap=True, least=5),
        Column("total_person_times", "培训总人次", Kind.INTEGER, width=9),
        Column("plan_execution_rate", "计划执行率", Kind.PERCENT, width=9),
        Column("completed_count", "完成人数", Kind.INTEGER, width=8,
               group=f"{required}学时"),
        Column("required_count", "需完成人数", Kind.INTEGER, width=8,
               group=f"{required}学时"),
        Column("completion_rate", "职工完训率", Kind.PERCENT, width=9,
               group=f"{required}学时"),
        Column("in_service_total", "在职人数", Kind.INTEGER, width=8),
        Column("backbone_reported", "上报", Kind.INTEGER, width=6, group=QUOTA),
        Column("backbone_quota", f"应报（{quota}）", Kind.DECIMAL, width=8, group=QUOTA),
        Column("backbone_rate", "完训率", Kind.PERCENT, width=8, group=QUOTA),
        Column("total_investment", "投入经费（元）", Kind.MONEY, width=14),
        Column("total_hours", "职工总学时", Kind.HOURS, width=10),
        Column("average_hours", "平均学时", Kind.DECIMAL, width=8),
    )


def _cells(row: RollupRow | RollupTotals) -> tuple[CellValue, ...]:
    return (row.total_person_times, row.plan_execution_rate, row.completed_count,
            row.required_count, row.completion_rate, row.in_service_total,
            row.backbone_reported, row.backbone_quota, row.backbone_rate, row.total_investment,
            row.total_hours, row.average_hours)


def _status(row: RollupRow) -> str:
    """已提交 with its date; 草稿 and 未创建 as they are (current figures, not submitted)."""
    if row.submitted_on is not None:
        return f"{row.status.label}\n{row.submitted_on.isoformat()}"
    return row.status.label


def anchor(code: str) -> str:
    """The id of an institute's figures in the html (its drill-down)."""
    return f"institute-{code}"


def rollup_report(rollup: AcademyRollup, *, detail: bool = False,
                  fingerprint: str | None = None) -> Document:
    """The roll-up as a document (A4 landscape). ``detail`` adds each institute's ten figures
    as a table of its own, linked from its row (the html's drill-down)."""
    expect("rollup", rollup, AcademyRollup, what="an AcademyRollup")
    policy = rollup.policy
    columns = _columns(hours_text(policy.required_hours),
                       percent_text(policy.backbone_quota, 0))
    rows = [Row((i, f"{r.name}（{r.institute}）", _status(r), *_cells(r)),
                link=f"#{anchor(r.institute)}" if detail else None)
            for i, r in enumerate(rollup.rows, start=1)]
    totals = rollup.totals
    total_row = Row((None, f"合计（{totals.institutes} 个研究所）",
                     f"已提交 {totals.submitted}", *_cells(totals)),
                    marks=frozenset({Mark.TOTAL}))
    blocks: list[Table] = [Table(columns=columns, rows=tuple(rows), totals=total_row)]
    if detail:
        blocks += [_detail(row, rollup) for row in rollup.rows]
    return Document(
        title="继续教育与培训工作汇总", institute=ACADEMY_NAME, year=rollup.year,
        blocks=tuple(blocks), orientation=Orientation.LANDSCAPE, notes=_notes(rollup),
        footer=_footer(rollup, fingerprint), name="rollup")


def _detail(row: RollupRow, rollup: AcademyRollup) -> Table:
    figures = rollup.figures_of(row)
    kinds = {"count": Kind.INTEGER, "rate": Kind.PERCENT, "hours": Kind.HOURS,
             "money": Kind.MONEY, "average": Kind.DECIMAL}
    when = (f"已提交（{row.submitted_on.isoformat()}），提交时的数据" if row.submitted
            and row.submitted_on else f"{row.status.label}，当前数据，尚未提交")
    return Table(
        columns=(Column("index", "序号", Kind.INTEGER, width=5),
                 Column("figure", "数据", width=24), Column("value", "数值", width=16)),
        rows=tuple(Row((i, f.label + ("（元）" if f.kind == "money" else ""),
                        Typed(f.value, kinds[f.kind])))
                   for i, f in enumerate(figures, start=1)),
        title=f"{row.name}（{row.institute}）· {when}", anchor=anchor(row.institute))


def _notes(rollup: AcademyRollup) -> tuple[str, ...]:
    policy = rollup.policy
    notes = [
        "状态为“已提交”的研究所为提交时冻结的数据；“未创建”“草稿”的研究所为当前数据，尚未提交。",
        "合计行：人次、人数、经费与学时为各行之和；比率由合计重新计算（职工完训率 = "
        f"Σ完成{hours_text(policy.required_hours)}学时人数 / Σ需完成人数），不是各所比率的平均；"
        "分母为 0 时记为“—”（不适用）。",
        f"骨干人才应报 = 单位在职总人数 × {percent_text(policy.backbone_quota, 0)}"
        "（不取整），骨干人才完训率 = 上报 / 应报。培训总人次即单位培训总人次，完成人数、需完成人数"
        f"即完成、需完成{hours_text(policy.required_hours)}学时人数，在职人数即单位在职总人数，"
        "投入经费即单位投入总经费，职工总学时、平均学时即单位职工总学时、平均学时。",
    ]
    if rollup.totals.investment_missing:
        notes.append(f"{rollup.totals.investment_missing} 个研究所尚未填写单位投入总经费，"
                     "不计入合计。")
    shown = []
    if rollup.statuses is not None:
        order = list(RollupStatus)
        shown.append("状态为" + "、".join(s.label for s in sorted(rollup.statuses,
                                                                key=order.index)))
    if rollup.below is not None:
        rate, value = rollup.below
        shown.append(f"{RATES[rate]}低于 {percent_text(value)}")
    if shown:
        notes.append(f"筛选：{'；'.join(shown)}（共 {rollup.institutes} 个研究所，显示 "
                     f"{len(rollup.rows)} 个；合计为显示的研究所之和）。")
    return tuple(notes)


def _footer(rollup: AcademyRollup, fingerprint: str | None) -> str:
    if fingerprint is None:
        text = repr([row.to_record() for row in rollup.rows])
        fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    quota = percent_text(rollup.policy.backbone_quota, 0)
    required = decimal_text(rollup.policy.required_hours)
    return (f"casedu {__version__} · 规则: 完成{required}学时; 骨干比例{quota} · "
            f"数据指纹 {fingerprint}")
