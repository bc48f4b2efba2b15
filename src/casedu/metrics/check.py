"""What to fix before submitting the year (``casedu check``).

Each finding names the record and what to do. None of these make a dataset invalid; they make its
figures wrong or its submission impossible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from casedu.metrics.arguments import institute_year
from casedu.metrics.backbone import screen_backbone
from casedu.metrics.hours import YearHours, plan_year
from casedu.metrics.summary import annual_figures
from casedu.metrics.year_sums import year_hours
from casedu.model import Dataset, ExternalStatus, PlanStatus
from casedu.policy import DEFAULT_POLICY, Policy

__all__ = ["Finding", "changed_figures", "check_year"]


@attrs.frozen(kw_only=True)
class Finding:
    """One thing to fix: a stable ``code``, the record it concerns, and a message."""

    code: str
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.record}: {self.message}"


def changed_figures(dataset: Dataset, institute: str, year: int, *, policy: Policy,
                    hours: YearHours) -> list[str]:
    """The figures of a submitted summary that differ from what the data gives now (none for
    a summary not submitted): the summary no longer matches its data."""
    summary = dataset.summary(institute, year)
    if summary is None or not summary.submitted or summary.figures is None:
        return []
    current = annual_figures(dataset, institute, year, policy=policy, hours=hours).to_json()
    return sorted(k for k in current if current[k] != summary.figures.get(k))


def check_year(
    dataset: Dataset,
    institute: str,
    year: int,
    *,
    today: dt.date,
    policy: Policy = DEFAULT_POLICY,
    hours: YearHours | None = None,
) -> tuple[Finding, ...]:
    """The findings for ``institute`` and ``year``; ``today`` decides which plans are overdue."""
    institute_year(dataset, institute, year)
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    return tuple(_findings(dataset, institute, year, today, policy, hours))


def _findings(
    dataset: Dataset, institute: str, year: int, today: dt.date, policy: Policy,
    hours: YearHours,
) -> Iterator[Finding]:
    plans = [p for p in dataset.plans
             if p.institute == institute and plan_year(p, policy) == year]
    published = {p.id for p in plans if p.status is PlanStatus.PUBLISHED}
    for plan in plans:
        if plan.status is PlanStatus.PUBLISHED and not plan.implemented and plan.end < today:
            yield Finding(
                code="plan-not-implemented", record=f"plan {plan.id}",
                message=f"{plan.name!r} ended {plan.end.isoformat()} but is not implemented "
                "(未实施); implement it or the plan execution rate counts it as not done",
            )
        if plan.status is PlanStatus.DRAFT and plan.implemented:
            yield Finding(
                code="draft-implemented", record=f"plan {plan.id}",
                message=f"{plan.name!r} is implemented but still a draft (未发布); publish it, "
                "drafts never count among the year's plans",
            )
    plan_ids = {p.id for p in plans}
    unconfirmed: dict[str, int] = {}
    for att in dataset.attendance:
        if att.plan not in plan_ids:
            continue
        if att.confirmed and att.plan not in published:
            yield Finding(
                code="attendance-in-draft", record=f"plan {att.plan}",
                message=f"person {att.person} is confirmed in a plan that is not published",
            )
        if not att.confirmed and dataset.plan_by_id[att.plan].implemented:
            unconfirmed[att.plan] = unconfirmed.get(att.plan, 0) + 1
    for plan_id, count in sorted(unconfirmed.items()):
        yield Finding(
            code="attendance-not-confirmed", record=f"plan {plan_id}",
            message=f"{count} attendee(s) added but not confirmed (确认参加); "
            "their hours are not credited",
        )
    people = dataset.people_by_institute.get(institute, ())
    for person in people:
        if person.in_service and person.hire_date is None:
            yield Finding(
                code="no-hire-date", record=f"person {person.id}",
                message=f"{person.name} has no hire date (入职时间); "
                "a new hire cannot be told apart from an assessed person",
            )
    mine = {p.id for p in people}
    pending = sum(
        1 for r in dataset.external_learning
        if r.person in mine and r.status is ExternalStatus.PENDING
        and policy.year_of(r.start, r.end) == year
    )
    if pending:
        yield Finding(
            code="external-pending", record=f"institute {institute}",
            message=f"{pending} external-learning record(s) await review (外部学习审核); "
            "pending hours are not credited",
        )
    screen = screen_backbone(dataset, institute, year, policy=policy, hours=hours)
    for candidate in screen.reported_ineligible:
        yield Finding(
            code="backbone-not-eligible", record=f"person {candidate.person.id}",
            message=f"{candidate.person.name} is reported as a backbone talent but is not "
            f"eligible: {'; '.join(candidate.verdict.reasons)}",
        )
    summary = dataset.summary(institute, year)
    changed = changed_figures(dataset, institute, year, policy=policy, hours=hours)
    if changed:
        yield Finding(
            code="submitted-summary-outdated", record=f"summary {institute} {year}",
            message="the data changed after the summary was submitted (提交); it keeps its "
            f"figures, which now differ in: {', '.join(changed)}",
        )
    if summary is None or summary.total_investment is None:
        yield Finding(
            code="no-investment", record=f"summary {institute} {year}",
            message="the total investment (单位投入总经费) is not entered; "
            "the summary cannot be submitted without it",
        )
