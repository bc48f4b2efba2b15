"""The academy's roll-up (继续教育与培训工作汇总): one row per institute for a year, and the
academy's totals.

A row holds the institute's ten figures as it submitted them (提交: the frozen values), or, for
a draft (草稿) or a summary not made yet (未创建), the figures as the data gives them now, marked
not submitted. The totals sum the counts, the hours and the money, and recompute every rate
from the sums (the academy's completion rate is Σ completed / Σ assessed, never an average of
rates; R14 where a sum in a denominator is 0). The rules are in ``docs/academy.md``.

>>> from casedu.sample import sample_dataset
>>> rollup = academy_rollup(sample_dataset(), 2026)
>>> [(row.institute, row.status.label) for row in rollup.rows]
[('DEMO', '草稿')]
>>> rollup.totals.completion_rate == rollup.rows[0].completion_rate
True
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import ArgumentValueError, expect
from casedu.metrics.arguments import year_argument
from casedu.metrics.hours import YearHours
from casedu.metrics.summary import AnnualFigures, Figure, annual_figures, ten_figures
from casedu.metrics.year_sums import year_hours
from casedu.model import PLAN_COUNT_KEYS, AnnualSummary, Dataset
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import ZERO, decimal_text, hours_text, money_text, ratio, round_half_up
from casedu.results import Records, notebook_html, short_repr

__all__ = ["RATES", "AcademyRollup", "RollupRow", "RollupStatus", "RollupTotals",
           "academy_rollup", "plan_counts"]

#: The rates a roll-up filters on (institutes below a rate), with their labels.
RATES = {"completion_rate": "职工完训率", "plan_execution_rate": "年度计划执行率",
         "backbone_rate": "骨干人才完训率"}


class RollupStatus(enum.Enum):
    """An institute's summary of the year: 未创建, 草稿 or 已提交."""

    MISSING = "missing"
    DRAFT = "draft"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        """The status as the portal says it."""
        return {"missing": "未创建", "draft": "草稿", "submitted": "已提交"}[self.value]


@attrs.frozen(kw_only=True)
class RollupRow:
    """One institute's year in the roll-up. ``submitted`` rows hold the figures frozen at
    submission (rates as the summary keeps them, fractions to 4 places); the others the
    figures as the data gives them now (exact)."""

    institute: str
    name: str
    status: RollupStatus
    submitted_on: dt.date | None
    total_person_times: int
    plans_count: int
    implemented_count: int
    plan_execution_rate: Decimal | None
    completed_count: int
    required_count: int
    completion_rate: Decimal | None
    in_service_total: int
    backbone_reported: int
    #: R9's denominator: in-service total × the quota (4%), exact, not rounded.
    backbone_quota: Decimal
    backbone_rate: Decimal | None
    total_investment: Decimal | None
    total_hours: Decimal
    average_hours: Decimal | None

    @property
    def submitted(self) -> bool:
        """提交: the row holds the frozen figures."""
        return self.status is RollupStatus.SUBMITTED

    def to_record(self) -> dict[str, Any]:
        """The row as a record of plain, exact values."""
        record = attrs.asdict(self, recurse=False)
        record["status"] = self.status.value
        record["submitted"] = self.submitted
        return record

    def to_json(self, policy: Policy) -> dict[str, Any]:
        """The row as ``casedu rollup --format json`` gives it."""
        return {"institute": self.institute, "name": self.name, "status": self.status.value,
                "submitted": self.submitted,
                "submitted_on": None if self.submitted_on is None
                else self.submitted_on.isoformat(),
                **_figures_json(self, policy)}


@attrs.frozen(kw_only=True)
class RollupTotals:
    """合计: the sums of the rows shown, and their rates recomputed from the sums."""

    institutes: int
    submitted: int
    total_person_times: int
    plans_count: int
    implemented_count: int
    completed_count: int
    required_count: int
    in_service_total: int
    backbone_reported: int
    backbone_quota: Decimal
    #: Σ of the amounts entered; ``investment_missing`` institutes entered none.
    total_investment: Decimal
    investment_missing: int
    total_hours: Decimal
    policy: Policy = attrs.field(repr=False, eq=False)

    @property
    def plan_execution_rate(self) -> Decimal | None:
        """Σ implemented / Σ the year's plans (R14: None when no institute has a plan)."""
        return ratio(self.implemented_count, self.plans_count)

    @property
    def completion_rate(self) -> Decimal | None:
        """Σ completed / Σ assessed, never an average of the institutes' rates."""
        return ratio(self.completed_count, self.required_count)

    @property
    def backbone_rate(self) -> Decimal | None:
        """Σ reported / Σ quota (= Σ in-service × 4%)."""
        return ratio(self.backbone_reported, self.backbone_quota)

    @property
    def average_hours(self) -> Decimal | None:
        """Σ hours / Σ in-service, two decimals half-up."""
        average = ratio(self.total_hours, self.in_service_total)
        return None if average is None else round_half_up(average, self.policy.average_places)

    def to_record(self) -> dict[str, Any]:
        """The totals as a record of plain, exact values, the rates with them."""
        record = attrs.asdict(self, recurse=False)
        del record["policy"]
        for key in ("plan_execution_rate", "completion_rate", "backbone_rate",
                    "average_hours"):
            record[key] = getattr(self, key)
        return record

    def to_json(self) -> dict[str, Any]:
        """The totals as ``casedu rollup --format json`` gives them."""
        return {"institutes": self.institutes, "submitted": self.submitted,
                "investment_missing": self.investment_missing,
                **_figures_json(self, self.policy)}


def _figures_json(row: RollupRow | RollupTotals, policy: Policy) -> dict[str, Any]:
    def fraction(value: Decimal | None) -> str | None:
        return None if value is None else decimal_text(
            round_half_up(value, policy.fraction_places))

    return {
        "total_person_times": row.total_person_times,
        "plans_count": row.plans_count, "implemented_count": row.implemented_count,
        "plan_execution_rate": fraction(row.plan_execution_rate),
        "completed_count": row.completed_count, "required_count": row.required_count,
        "completion_rate": fraction(row.completion_rate),
        "in_service_total": row.in_service_total, "backbone_reported": row.backbone_reported,
        "backbone_quota": decimal_text(row.backbone_quota.normalize())
        if row.backbone_quota else "0",
        "backbone_rate": fraction(row.backbone_rate),
        "total_investment": None if row.total_investment is None
        else money_text(row.total_investment),
        "total_hours": hours_text(row.total_hours),
        "average_hours": None if row.average_hours is None else decimal_text(row.average_hours),
    }


@attrs.frozen(kw_only=True, repr=False)
class AcademyRollup(Records):
    """继续教育与培训工作汇总: the rows shown (after the filters), their totals, and what was
    asked."""

    year: int
    policy: Policy
    rows: tuple[RollupRow, ...]
    totals: RollupTotals
    #: The institutes of the academy before the filters.
    institutes: int
    statuses: frozenset[RollupStatus] | None = None
    below: tuple[str, Decimal] | None = None

    def to_records(self) -> list[dict[str, Any]]:
        """The rows, one record each (the totals: ``totals.to_record()``)."""
        return [row.to_record() for row in self.rows]

    def to_json(self) -> dict[str, Any]:
        """The pinned JSON of ``casedu rollup --format json``: the year, the filters, a row
        per institute and the totals; rates as fractions to 4 places, money with two
        decimals, null where not applicable (R14) or not entered."""
        return {
            "year": self.year,
            "filters": {
                "status": None if self.statuses is None
                else sorted(s.value for s in self.statuses),
                "below": None if self.below is None
                else {"rate": self.below[0], "value": decimal_text(self.below[1])},
            },
            "institutes": [row.to_json(self.policy) for row in self.rows],
            "totals": self.totals.to_json(),
        }

    def figures_of(self, row: RollupRow) -> tuple[Figure, ...]:
        """A row's ten figures with their names and kinds, as a summary shows them (the
        report's and the page's drill-down to one institute)."""
        return ten_figures(
            total_person_times=row.total_person_times, person_times_entered=False,
            plan_execution_rate=row.plan_execution_rate, completed_count=row.completed_count,
            required_count=row.required_count, completion_rate=row.completion_rate,
            in_service_total=row.in_service_total, backbone_rate=row.backbone_rate,
            total_investment=row.total_investment, total_hours=row.total_hours,
            average_hours=row.average_hours, policy=self.policy)

    def __repr__(self) -> str:
        return short_repr("AcademyRollup", year=self.year, rows=len(self.rows),
                          submitted=self.totals.submitted)

    def _repr_html_(self) -> str:
        return notebook_html(self)


def plan_counts(figures: AnnualFigures) -> dict[str, int]:
    """The counts a summary keeps beside its ten figures
    (:data:`casedu.model.PLAN_COUNT_KEYS`)."""
    return {"plans_count": len(figures.plans),
            "implemented_count": len(figures.implemented_plans)}


def academy_rollup(
    dataset: Dataset,
    year: int,
    *,
    policy: Policy = DEFAULT_POLICY,
    hours: YearHours | None = None,
    status: Iterable[RollupStatus | str] | None = None,
    below: Decimal | str | None = None,
    rate: str = "completion_rate",
) -> AcademyRollup:
    """The roll-up of ``year``: every institute of the dataset, in its order.

    ``status`` keeps the institutes whose summary has one of those statuses; ``below`` (a
    fraction such as ``Decimal("0.9")``) keeps those whose ``rate`` (:data:`RATES`) is under
    it; an institute whose rate is not applicable (R14) is not under any. The totals are those
    of the rows kept.
    """
    if not isinstance(dataset, Dataset):
        expect("dataset", dataset, Dataset, what="a casedu Dataset")
    year_argument(year)
    statuses = None if status is None else frozenset(_status(s) for s in status)
    threshold = None if below is None else _fraction(below)
    if rate not in RATES:
        raise ArgumentValueError(f"no rate {rate!r}; the rates are {', '.join(RATES)}",
                                 field="rate")
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    rows = []
    for institute in dataset.institutes:
        row = _row(dataset, institute.code, institute.name, year, policy, hours)
        if statuses is not None and row.status not in statuses:
            continue
        value = getattr(row, rate)
        if threshold is not None and (value is None or value >= threshold):
            continue
        rows.append(row)
    return AcademyRollup(year=year, policy=policy, rows=tuple(rows),
                         totals=rollup_totals(rows, policy), institutes=len(dataset.institutes),
                         statuses=statuses,
                         below=None if threshold is None else (rate, threshold))


def rollup_totals(rows: Iterable[RollupRow], policy: Policy = DEFAULT_POLICY) -> RollupTotals:
    """合计 of ``rows``: counts, hours and money summed, the quota as Σ in-service × 4%."""
    rows = list(rows)
    in_service = sum(r.in_service_total for r in rows)
    return RollupTotals(
        institutes=len(rows), submitted=sum(r.submitted for r in rows),
        total_person_times=sum(r.total_person_times for r in rows),
        plans_count=sum(r.plans_count for r in rows),
        implemented_count=sum(r.implemented_count for r in rows),
        completed_count=sum(r.completed_count for r in rows),
        required_count=sum(r.required_count for r in rows),
        in_service_total=in_service,
        backbone_reported=sum(r.backbone_reported for r in rows),
        backbone_quota=in_service * policy.backbone_quota,
        total_investment=sum((r.total_investment for r in rows
                              if r.total_investment is not None), ZERO),
        investment_missing=sum(r.total_investment is None for r in rows),
        total_hours=sum((r.total_hours for r in rows), ZERO),
        policy=policy,
    )


def _row(dataset: Dataset, code: str, name: str, year: int, policy: Policy,
         hours: YearHours) -> RollupRow:
    summary = dataset.summary(code, year)
    live = None
    if summary is None or not summary.submitted or summary.figures is None:
        live = annual_figures(dataset, code, year, policy=policy, hours=hours)
        status = RollupStatus.MISSING if summary is None else RollupStatus.DRAFT
        return RollupRow(
            institute=code, name=name, status=status, submitted_on=None,
            total_person_times=live.total_person_times,
            plans_count=len(live.plans), implemented_count=len(live.implemented_plans),
            plan_execution_rate=live.plan_execution_rate,
            completed_count=len(live.completed), required_count=len(live.assessed),
            completion_rate=live.completion_rate, in_service_total=len(live.in_service),
            backbone_reported=live.backbone_reported, backbone_quota=live.backbone_quota,
            backbone_rate=live.backbone_rate, total_investment=live.total_investment,
            total_hours=live.total_hours, average_hours=live.average_hours)
    return _frozen_row(dataset, summary, name, policy, hours)


def _frozen_row(dataset: Dataset, summary: AnnualSummary, name: str, policy: Policy,
                hours: YearHours) -> RollupRow:
    figures = summary.figures
    assert figures is not None

    def number(key: str) -> Decimal | None:
        value = figures[key]
        return None if value is None else Decimal(value)

    if all(key in figures for key in PLAN_COUNT_KEYS):
        counts = {key: int(figures[key]) for key in PLAN_COUNT_KEYS}
    else:  # a summary submitted before casedu kept the counts: the year's plans as they are
        counts = plan_counts(annual_figures(dataset, summary.institute, summary.year,
                                            policy=policy, hours=hours))
    in_service = int(figures["in_service_total"])
    return RollupRow(
        institute=summary.institute, name=name, status=RollupStatus.SUBMITTED,
        submitted_on=summary.submitted_on,
        total_person_times=int(figures["total_person_times"]), **counts,
        plan_execution_rate=number("plan_execution_rate"),
        completed_count=int(figures["completed_count"]),
        required_count=int(figures["required_count"]),
        completion_rate=number("completion_rate"), in_service_total=in_service,
        backbone_reported=int(figures["backbone_reported"]),
        backbone_quota=in_service * policy.backbone_quota,
        backbone_rate=number("backbone_rate"), total_investment=number("total_investment"),
        total_hours=number("total_hours") or ZERO, average_hours=number("average_hours"))


def _status(value: RollupStatus | str) -> RollupStatus:
    if isinstance(value, RollupStatus):
        return value
    for status in RollupStatus:
        if value in (status.value, status.label):
            return status
    raise ArgumentValueError(f"no status {value!r}; the statuses are missing (未创建), draft "
                             "(草稿) and submitted (已提交)", field="status")


def _fraction(value: Decimal | str) -> Decimal:
    """A rate's threshold: a fraction (``0.9``), or a percentage as text (``"90%"``)."""
    try:
        if isinstance(value, str):
            text = value.strip()
            number = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
        elif isinstance(value, Decimal | int) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            raise TypeError
    except (ArithmeticError, TypeError, ValueError):
        raise ArgumentValueError(f"below must be a rate such as 0.9 or '90%', got {value!r}",
                                 field="below") from None
    if not number.is_finite() or number < 0:
        raise ArgumentValueError(f"below must be a rate of 0 or more, got {value!r}",
                                 field="below")
    return number
