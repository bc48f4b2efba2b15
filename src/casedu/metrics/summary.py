"""The annual training summary (年度培训总结, R5-R15): the ten figures of the manual.

Every figure's formula is written out in ``docs/metrics.md``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs

from casedu.errors import expect
from casedu.metrics.arguments import institute_year
from casedu.metrics.hours import YearHours, plan_year
from casedu.metrics.year_sums import year_hours
from casedu.model import AnnualSummary, Dataset, Person, PlanStatus, TrainingPlan
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import (
    ZERO,
    decimal_text,
    hours_text,
    money_text,
    percent_text,
    ratio,
    round_half_up,
)
from casedu.results import Records, notebook_html, short_repr

__all__ = [
    "AnnualFigures",
    "Figure",
    "annual_figures",
    "stored_figures",
    "ten_figures",
    "year_plans",
]


@attrs.frozen(kw_only=True)
class Figure:
    """One line of the summary as the manual prints it: the figure, its value, where it comes
    from and whether the admin may change it."""

    key: str
    label: str  # the manual's name
    value: Decimal | int | None  # None: not applicable (R14) or not entered yet
    kind: str  # "count", "rate", "hours", "money", "average"
    source: str  # the manual's 来源
    entered: bool  # entered by the admin (True) or extracted by the system (False)
    editable: bool  # 是否可修改

    def value_text(self) -> str:
        """The value as the command line and a notebook show it: a rate as a percentage,
        money with separators, hours as the JSON gives them, — where there is none.

        >>> Figure(key="k", label="l", value=Decimal("12000.5"), kind="money", source="s",
        ...        entered=True, editable=True).value_text()
        '12,000.50'
        """
        if self.value is None:
            return "—"
        if self.kind == "count":
            return str(self.value)
        value = Decimal(self.value)  # the same number and digits
        if self.kind == "rate":
            return percent_text(value)
        if self.kind == "money":
            return money_text(value, grouped=True)
        if self.kind == "hours":
            return hours_text(value)  # as the JSON gives them: 24113, 58.5
        return decimal_text(value)  # an average


@attrs.frozen(kw_only=True, repr=False)
class AnnualFigures(Records):
    """All figures of an institute's year, with the people and plans behind each rate."""

    institute: str
    year: int
    policy: Policy
    total_person_times_system: int  # R11, sum of planned participants
    total_person_times_entered: int | None  # R11, the admin's override
    plans: tuple[TrainingPlan, ...]  # R10, the year's plans
    implemented_plans: tuple[TrainingPlan, ...]
    in_service: tuple[Person, ...]  # R8
    assessed: tuple[Person, ...]  # R6
    completed: tuple[Person, ...]  # R7
    backbone_reported: int
    total_investment: Decimal | None  # R12
    total_hours: Decimal  # R13

    @property
    def total_person_times(self) -> int:
        """R11 单位培训总人次: the admin's figure where entered, else the system's."""
        if self.total_person_times_entered is not None:
            return self.total_person_times_entered
        return self.total_person_times_system

    @property
    def not_implemented_plans(self) -> tuple[TrainingPlan, ...]:
        """The year's plans that are not implemented (below the line of R10)."""
        done = {p.id for p in self.implemented_plans}
        return tuple(p for p in self.plans if p.id not in done)

    @property
    def not_completed(self) -> tuple[Person, ...]:
        """Assessed staff below 100 hours (below the line of R7)."""
        done = {p.id for p in self.completed}
        return tuple(p for p in self.assessed if p.id not in done)

    @property
    def plan_execution_rate(self) -> Decimal | None:
        """R10 年度计划执行率 = implemented / the year's plans."""
        return ratio(len(self.implemented_plans), len(self.plans))

    @property
    def completion_rate(self) -> Decimal | None:
        """R7 职工完训率 = completed / assessed."""
        return ratio(len(self.completed), len(self.assessed))

    @property
    def backbone_quota(self) -> Decimal:
        """R9: in-service total × 4%, the denominator of the backbone rate."""
        return len(self.in_service) * self.policy.backbone_quota

    @property
    def backbone_rate(self) -> Decimal | None:
        """R9 骨干人才完训率 = reported / (in-service total × 4%), not capped."""
        return ratio(self.backbone_reported, self.backbone_quota)

    @property
    def average_hours(self) -> Decimal | None:
        """R13 单位职工平均学时 = total staff hours / in-service total, two decimals half-up."""
        average = ratio(self.total_hours, len(self.in_service))
        return None if average is None else round_half_up(average, self.policy.average_places)

    def figures(self) -> tuple[Figure, ...]:
        """The ten figures of the manual's table, in its order."""
        return ten_figures(
            total_person_times=self.total_person_times,
            person_times_entered=self.total_person_times_entered is not None,
            plan_execution_rate=self.plan_execution_rate, completed_count=len(self.completed),
            required_count=len(self.assessed), completion_rate=self.completion_rate,
            in_service_total=len(self.in_service), backbone_rate=self.backbone_rate,
            total_investment=self.total_investment, total_hours=self.total_hours,
            average_hours=self.average_hours, policy=self.policy,
        )

    #: A figure's kind (count, rate, hours, money) is a category in ``to_frame()``.
    categories: ClassVar[tuple[str, ...]] = ("kind",)

    def to_records(self) -> list[dict[str, Any]]:
        """The ten figures, one record each: key, label, value (exact), kind, source, entered,
        editable."""
        return [attrs.asdict(figure) for figure in self.figures()]

    def __repr__(self) -> str:
        return short_repr("AnnualFigures", institute=self.institute, year=self.year,
                          plans=len(self.plans), in_service=len(self.in_service),
                          assessed=len(self.assessed), completed=len(self.completed),
                          backbone_reported=self.backbone_reported,
                          total_hours=self.total_hours)

    def _repr_html_(self) -> str:
        return notebook_html(self)

    def to_json(self) -> dict[str, Any]:
        """The pinned JSON of ``casedu summary`` (SPEC section 7): rates as fractions rounded
        half-up to 4 places, hours and money as decimal strings, null where not applicable."""

        def fraction(value: Decimal | None) -> str | None:
            if value is None:
                return None
            return decimal_text(round_half_up(value, self.policy.fraction_places))

        def text(value: Decimal | None) -> str | None:
            return None if value is None else decimal_text(value)

        return {
            "institute": self.institute,
            "year": self.year,
            "total_person_times": self.total_person_times,
            "total_person_times_system": self.total_person_times_system,
            "plan_execution_rate": fraction(self.plan_execution_rate),
            "completed_count": len(self.completed),
            "required_count": len(self.assessed),
            "completion_rate": fraction(self.completion_rate),
            "in_service_total": len(self.in_service),
            "backbone_reported": self.backbone_reported,
            "backbone_rate": fraction(self.backbone_rate),
            "total_investment": (None if self.total_investment is None
                                 else money_text(self.total_investment)),
            "total_hours": hours_text(self.total_hours),
            "average_hours": text(self.average_hours),
        }


def ten_figures(
    *,
    total_person_times: int,
    person_times_entered: bool,
    plan_execution_rate: Decimal | None,
    completed_count: int,
    required_count: int,
    completion_rate: Decimal | None,
    in_service_total: int,
    backbone_rate: Decimal | None,
    total_investment: Decimal | None,
    total_hours: Decimal,
    average_hours: Decimal | None,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[Figure, ...]:
    """The ten figures of the manual's table (年度培训总结表), in its order, with their sources;
    every number in a label comes from the policy (完成100学时人数 at 100 h)."""
    assessed_source = "系统抽取[不包括新入职员工和无继续教育学时要求的职工]"
    required = hours_text(policy.required_hours)
    quota = f"{hours_text(policy.backbone_quota * 100)}%"
    return (
        Figure(key="total_person_times", label="单位培训总人次", value=total_person_times,
               kind="count", entered=person_times_entered, editable=True,
               source="管理员修改" if person_times_entered
               else "系统抽取[各培训班中的计划参加人数]"),
        Figure(key="plan_execution_rate", label="年度计划执行率", value=plan_execution_rate,
               kind="rate", source="系统抽取", entered=False, editable=False),
        Figure(key="completed_count", label=f"完成{required}学时人数", value=completed_count,
               kind="count", source=assessed_source, entered=False, editable=False),
        Figure(key="required_count", label=f"需完成{required}学时人数", value=required_count,
               kind="count", source=assessed_source, entered=False, editable=False),
        Figure(key="completion_rate", label="职工完训率", value=completion_rate, kind="rate",
               source=f"完成{required}学时人数/需完成{required}学时人数", entered=False,
               editable=False),
        Figure(key="in_service_total", label="单位在职总人数", value=in_service_total,
               kind="count", source="系统抽取[与ARP保持一致]", entered=False, editable=False),
        Figure(key="backbone_rate", label="骨干人才完训率", value=backbone_rate, kind="rate",
               source=f"上报骨干人才数/(单位在职总人数*{quota})", entered=False,
               editable=False),
        Figure(key="total_investment", label="单位投入总经费", value=total_investment,
               kind="money", source="管理员填写", entered=True, editable=True),
        Figure(key="total_hours", label="单位职工总学时", value=total_hours, kind="hours",
               source="系统抽取", entered=False, editable=False),
        Figure(key="average_hours", label="单位职工平均学时", value=average_hours,
               kind="average", source="系统抽取", entered=False, editable=False),
    )


def stored_figures(summary: AnnualSummary,
                   policy: Policy = DEFAULT_POLICY) -> tuple[Figure, ...] | None:
    """The ten figures a summary keeps (as of its last refresh, or frozen at submission)."""
    expect("summary", summary, AnnualSummary, what="an AnnualSummary")
    values = summary.figures
    if values is None:
        return None

    def number(key: str) -> Decimal | None:
        value = values[key]
        return None if value is None else Decimal(value)

    return ten_figures(
        total_person_times=values["total_person_times"],
        person_times_entered=summary.total_person_times is not None,
        plan_execution_rate=number("plan_execution_rate"),
        completed_count=values["completed_count"], required_count=values["required_count"],
        completion_rate=number("completion_rate"), in_service_total=values["in_service_total"],
        backbone_rate=number("backbone_rate"), total_investment=number("total_investment"),
        total_hours=number("total_hours") or ZERO, average_hours=number("average_hours"),
        policy=policy,
    )


def year_plans(
    dataset: Dataset, institute: str, year: int, policy: Policy = DEFAULT_POLICY
) -> tuple[TrainingPlan, ...]:
    """R10: the institute's published plans of ``year`` (R1), by start date then id."""
    institute_year(dataset, institute, year)
    plans = (
        p for p in dataset.plans_by_institute.get(institute, ())
        if p.status is PlanStatus.PUBLISHED and plan_year(p, policy) == year
    )
    return tuple(sorted(plans, key=lambda p: (p.actual_start, p.id)))


def annual_figures(
    dataset: Dataset,
    institute: str,
    year: int,
    *,
    policy: Policy = DEFAULT_POLICY,
    hours: YearHours | None = None,
) -> AnnualFigures:
    """Compute the annual summary of ``institute`` for ``year`` from the dataset.

    The admin's entries (total investment, an override of total person-times) come from the
    dataset's summary of the institute and year, when it has one.
    """
    institute_year(dataset, institute, year)
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    people = dataset.people_by_institute.get(institute, ())
    in_service = tuple(p for p in people if p.in_service_in(year))
    assessed = tuple(p for p in in_service if p.hours_required and not p.is_new_hire(year))
    completed = tuple(p for p in assessed if hours.of(p.id).total >= policy.required_hours)
    plans = year_plans(dataset, institute, year, policy)
    summary = dataset.summary(institute, year)
    return AnnualFigures(
        institute=institute,
        year=year,
        policy=policy,
        total_person_times_system=sum(p.planned_participants for p in plans),
        total_person_times_entered=summary.total_person_times if summary else None,
        plans=plans,
        implemented_plans=tuple(p for p in plans if p.implemented),
        in_service=in_service,
        assessed=assessed,
        completed=completed,
        backbone_reported=len(dataset.reports_by_institute_year.get((institute, year), ())),
        total_investment=summary.total_investment if summary else None,
        total_hours=sum((hours.of(p.id).total for p in in_service), ZERO),
    )
