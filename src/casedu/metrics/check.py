"""What to fix before submitting the year (``casedu check``).

Each finding names the record and what to do. None of these make a dataset invalid; they make its
figures wrong or its submission impossible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

import attrs

from casedu.metrics.arguments import institute_year
from casedu.metrics.backbone import screen_backbone
from casedu.metrics.hours import YearHours, plan_year
from casedu.metrics.summary import annual_figures
from casedu.metrics.year_sums import year_hours
from casedu.model import (
    Attendance,
    AttendanceStatus,
    Dataset,
    ExternalStatus,
    PlanStatus,
    TrainingPlan,
)
from casedu.policy import DEFAULT_POLICY, Policy

__all__ = ["Finding", "YearRecords", "changed_figures", "check_year", "checked_people",
           "checked_plans", "year_records"]


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
    if checked_people(dataset, institute, year) is not None:
        return []
    assert summary is not None and summary.figures is not None
    current = annual_figures(dataset, institute, year, policy=policy, hours=hours).to_json()
    return sorted(k for k in current if current[k] != summary.figures.get(k))


def checked_people(dataset: Dataset, institute: str, year: int) -> frozenset[str] | None:
    """The people whose year's hours the check reads (:func:`check_year`): the institute's
    backbone talents reported for ``year`` (whose verdicts it checks), or everybody (None)
    when a submitted summary's figures are compared with the data's. A store reads only
    these (:meth:`casedu.services.Store.year_hours` with ``people``)."""
    summary = dataset.summary(institute, year)
    if summary is not None and summary.submitted and summary.figures is not None:
        return None
    return frozenset(r.person for r in dataset.reports_by_institute_year.get((institute, year),
                                                                              ()))


@attrs.frozen(kw_only=True)
class YearRecords:
    """What the check reads of the year's learning records, besides the roster and the
    hours: each of the year's plans' attendance counted by status, the confirmed attendance
    of those plans that are drafts, and how many external-learning records of the
    institute's people of the year await review. A store reads these by themselves
    (:meth:`casedu.services.Store.attendance_counts`); :func:`year_records` takes them from a
    dataset."""

    attendance: Mapping[str, Mapping[AttendanceStatus, int]]
    confirmed_in_drafts: tuple[Attendance, ...]
    pending_external: int


def checked_plans(dataset: Dataset, institute: str, year: int,
                  policy: Policy = DEFAULT_POLICY) -> tuple[TrainingPlan, ...]:
    """The plans the check looks at: the institute's plans of ``year`` (R1), drafts too, in
    the dataset's order."""
    return tuple(p for p in dataset.plans_by_institute.get(institute, ())
                 if plan_year(p, policy) == year)


def year_records(dataset: Dataset, institute: str, year: int,
                 policy: Policy = DEFAULT_POLICY) -> YearRecords:
    """The :class:`YearRecords` of ``institute`` and ``year`` in a dataset that holds the
    learning records."""
    plans = {p.id: p for p in checked_plans(dataset, institute, year, policy)}
    counts: dict[str, dict[AttendanceStatus, int]] = {}
    drafts = []
    for att in dataset.attendance:
        plan = plans.get(att.plan)
        if plan is None:
            continue
        mine = counts.setdefault(att.plan, {})
        mine[att.status] = mine.get(att.status, 0) + 1
        if att.confirmed and plan.status is PlanStatus.DRAFT:
            drafts.append(att)
    mine_people = {p.id for p in dataset.people_by_institute.get(institute, ())}
    pending = sum(
        1 for r in dataset.external_learning
        if r.person in mine_people and r.status is ExternalStatus.PENDING
        and policy.year_of(r.start, r.end) == year
    )
    drafts.sort(key=lambda a: a.plan)  # by plan, each plan's in the order they were added
    return YearRecords(attendance=counts, confirmed_in_drafts=tuple(drafts),
                       pending_external=pending)


def check_year(
    dataset: Dataset,
    institute: str,
    year: int,
    *,
    today: dt.date,
    policy: Policy = DEFAULT_POLICY,
    hours: YearHours | None = None,
    records: YearRecords | None = None,
) -> tuple[Finding, ...]:
    """The findings for ``institute`` and ``year``; ``today`` decides which plans are overdue.

    Pass ``hours`` and ``records`` when they are read already (a store sums and counts them
    itself): the dataset then needs only the roster (:meth:`casedu.services.Store.roster`),
    and ``hours`` only the years of :func:`checked_people`, without their single trainings.
    """
    institute_year(dataset, institute, year)
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    if records is None:
        records = year_records(dataset, institute, year, policy)
    return tuple(_findings(dataset, institute, year, today, policy, hours, records))


def _findings(
    dataset: Dataset, institute: str, year: int, today: dt.date, policy: Policy,
    hours: YearHours, records: YearRecords,
) -> Iterator[Finding]:
    plans = checked_plans(dataset, institute, year, policy)
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
    for att in records.confirmed_in_drafts:
        yield Finding(
            code="attendance-in-draft", record=f"plan {att.plan}",
            message=f"person {att.person} is confirmed in a plan that is not published",
        )
    implemented = {p.id for p in plans if p.implemented}
    for plan_id in sorted(implemented & set(records.attendance)):
        count = records.attendance[plan_id].get(AttendanceStatus.ADDED, 0)
        if count:
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
    if records.pending_external:
        yield Finding(
            code="external-pending", record=f"institute {institute}",
            message=f"{records.pending_external} external-learning record(s) await review "
            "(外部学习审核); pending hours are not credited",
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
