"""The institute admin's year-end work: backbone talents and the annual summary."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import InvalidValueError, UnknownRecordError, WorkflowError, expect
from casedu.metrics import (
    BackboneCandidate,
    BackboneScreen,
    Finding,
    annual_figures,
    assess,
    check_year,
    screen_backbone,
)
from casedu.metrics.check import YearRecords, checked_people, checked_plans
from casedu.metrics.rollup import plan_counts
from casedu.model import (
    AnnualSummary,
    AttendanceStatus,
    BackboneReport,
    PlanStatus,
    SummaryStatus,
)
from casedu.services.authorization import Actor, Target
from casedu.services.base import UNSET, WorkflowBase
from casedu.services.changes import Change, apply_changes
from casedu.services.paging import PAGE_SIZE, Page, check_window
from casedu.services.unit_of_work import UnitOfWork

__all__ = ["ASKED", "BackbonePage", "YearEndOperations"]

#: How many people one 查询人员 of the backbone screen gives the verdict of.
ASKED = 10


@attrs.frozen(kw_only=True)
class BackbonePage:
    """A page of 骨干人才筛选上报表 (:meth:`YearEndOperations.backbone_page`): the ``screen``
    (its lists and counts; a candidate of anyone it lists or was asked about), the ``page``
    of the people it lists (the eligible, then those reported no longer eligible), each with
    their single trainings over the threshold, and the verdicts ``asked`` for."""

    screen: BackboneScreen
    page: Page[BackboneCandidate]
    asked: tuple[BackboneCandidate, ...]


class YearEndOperations(WorkflowBase):
    """骨干人才筛选上报 and 年度培训总结."""

    def backbone_screen(self, actor: Actor, year: int) -> BackboneScreen:
        """骨干人才筛选上报表: everyone eligible, with their figures."""
        target = self._institute_target(actor, f"backbone screen {year}")
        uow = self._read(actor, "report_backbone", target)
        return self._screen(uow, target.institute, year)

    def backbone_page(self, actor: Actor, year: int, *, limit: int = PAGE_SIZE,
                      offset: int = 0, ask: str | None = None,
                      asked: int = ASKED) -> BackbonePage:
        """骨干人才筛选上报表 a page at a time: the eligible people and, after them, those
        reported who are no longer eligible (``limit`` of them from ``offset``, each with the
        single trainings over the threshold), and the verdict of the first ``asked`` people
        of the institute whose id, name or email holds ``ask`` (查询人员; a blank ``ask``: the
        first people of the institute). The same lists,
        counts and verdicts as :meth:`backbone_screen`, read narrowly: the kept sums of the
        people whose total reaches the near misses' (the database leaves out the others),
        of the people reported and of those asked about; the single trainings only of the
        page's people."""
        check_window(limit, offset)
        check_window(asked, 0)
        expect("year", year, int, what="a year such as 2026")
        if ask is not None:
            expect("ask", ask, str, what="a part of an id, a name or an email")
        target = self._institute_target(actor, f"backbone screen {year}")
        uow = self._read(actor, "report_backbone", target)
        code, policy = target.institute, self.policy
        roster = uow.roster(code)
        found = [] if ask is None else self.store.search_people(
            code, text=ask.strip() or None, limit=asked)[0]
        reported = {r.person for r in roster.reports_by_institute_year.get((code, year), ())}
        # everyone the screen can list reaches the near misses' total, or is reported
        least = policy.backbone_total_hours - policy.near_miss_hours
        hours = uow.year_hours(year, code, policy, singles=False, total_at_least=least)
        others = (reported | {p.id for p in found}) - hours.by_person.keys()
        if others:
            hours = attrs.evolve(hours, by_person={**hours.by_person, **uow.year_hours(
                year, code, policy, singles=False, people=others).by_person})
        read = None if least <= 0 else hours.by_person.keys() | others
        screen = screen_backbone(roster, code, year, policy=policy, hours=hours, read=read)
        listed = [*screen.eligible, *screen.reported_ineligible]
        shown = listed[offset:offset + limit]
        if shown:  # the page's single trainings: the same sums, with them
            singles = uow.year_hours(year, code, policy, people=[c.person.id for c in shown])
            shown = [attrs.evolve(c, verdict=assess(singles.of(c.person.id),
                                                    in_service=c.verdict.in_service,
                                                    policy=policy)) for c in shown]
        return BackbonePage(
            screen=screen, page=Page(items=shown, total=len(listed), offset=offset,
                                     limit=limit),
            asked=tuple(c for c in (screen.candidate(p.id) for p in found) if c is not None))

    def report_backbone(self, actor: Actor, year: int,
                        person_ids: Iterable[str]) -> list[str]:
        """上报: report people as backbone talents of ``year``, one or a batch; all or none.
        Someone not eligible refuses the batch, with the reasons. Returns the ids newly
        reported (people reported already are left as they are)."""
        wanted = list(dict.fromkeys(person_ids))
        target = self._institute_target(actor, f"backbone talents {year}", wanted)
        with self._operation(actor, "report_backbone", target) as uow:
            # the verdicts of the people named: their sums, no single training
            screen = screen_backbone(uow.roster(target.institute), target.institute, year,
                                     policy=self.policy, read=wanted,
                                     hours=uow.year_hours(year, target.institute, self.policy,
                                                          singles=False, people=wanted))
            refused = []
            for person_id in wanted:
                candidate = screen.candidate(person_id)
                if candidate is None:
                    refused.append(f"{person_id}: not on the roster of {target.institute}")
                elif not candidate.eligible:
                    refused.append(f"{person_id} {candidate.person.name}: "
                                   + "; ".join(candidate.verdict.reasons))
            if refused:
                raise WorkflowError("not eligible as backbone talents (骨干人才), nothing "
                                    "reported: " + " | ".join(refused))
            reported = []
            for person_id in wanted:
                candidate = screen.candidate(person_id)
                if candidate is not None and not candidate.reported:
                    uow.add(BackboneReport(institute=target.institute, year=year,
                                           person=person_id, reported_on=uow.now.date()))
                    reported.append(person_id)
            return reported

    def revoke_backbone(self, actor: Actor, year: int, person_ids: Iterable[str]) -> list[str]:
        """撤销: revoke reports, one or a batch; all or none."""
        wanted = list(dict.fromkeys(person_ids))
        target = self._institute_target(actor, f"backbone talents {year}", wanted)
        with self._operation(actor, "revoke_backbone", target) as uow:
            reports = {r.person: r for r in uow.find("backbone_reports",
                                                     institute=target.institute, year=year)}
            missing = [p for p in wanted if p not in reports]
            if missing:
                raise WorkflowError(f"not reported for {year}, nothing revoked: "
                                    f"{', '.join(missing)}")
            for person_id in wanted:
                uow.remove(reports[person_id])
            return wanted

    def check(self, actor: Actor, year: int) -> tuple[Finding, ...]:
        """数据检查: what ``casedu check`` reports for the institute's year, as of today in the
        institute's time zone (which plans are overdue)."""
        import zoneinfo

        expect("year", year, int, what="a year such as 2026")
        target = self._institute_target(actor, f"check {year}")
        uow = self._read(actor, "view_reports", target)
        today = uow.now.astimezone(zoneinfo.ZoneInfo(self.policy.time_zone)).date()
        code = target.institute
        roster = uow.roster(code)
        plans = checked_plans(roster, code, year, self.policy)
        counts = self.store.attendance_counts([p.id for p in plans])
        drafts = [a for p in sorted(plans, key=lambda p: p.id)
                  if p.status is PlanStatus.DRAFT
                  and counts.get(p.id, {}).get(AttendanceStatus.CONFIRMED)
                  for a in uow.find("attendance", plan=p.id, status=AttendanceStatus.CONFIRMED)]
        _, pending = self.store.pending_external(code, year=year, policy=self.policy, limit=0)
        records = YearRecords(attendance=counts, confirmed_in_drafts=tuple(drafts),
                              pending_external=pending)
        # the reported people's sums (everybody's to compare a submitted summary), no single
        # training: the verdicts' reasons need only the longest's hours
        people = checked_people(roster, code, year)
        hours = uow.year_hours(year, code, self.policy, singles=False, people=people)
        return check_year(roster, code, year, today=today, policy=self.policy, hours=hours,
                          records=records)

    def list_summaries(self, actor: Actor) -> list[AnnualSummary]:
        """年度培训总结列表: the institute's summaries, the latest year first."""
        target = self._institute_target(actor, "summaries")
        uow = self._read(actor, "view_reports", target)
        return sorted(uow.find("summaries", institute=target.institute),
                      key=lambda s: s.year, reverse=True)

    def view_summary(self, actor: Actor, year: int) -> AnnualSummary:
        """The institute's summary of ``year``, as its figures were last refreshed or
        submitted."""
        expect("year", year, int, what="a year such as 2026")
        target = self._institute_target(actor, f"summary {year}")
        uow = self._read(actor, "view_reports", target)
        summary: AnnualSummary | None = uow.get("summaries", (target.institute, year))
        if summary is None:
            raise UnknownRecordError(f"{target.institute} has no summary of {year}")
        return summary

    def create_summary(self, actor: Actor, year: int) -> AnnualSummary:
        """新建总结: a draft with the system figures."""
        target = self._institute_target(actor, f"summary {year}")
        with self._operation(actor, "create_summary", target) as uow:
            if uow.get("summaries", (target.institute, year)) is not None:
                raise WorkflowError(f"{target.institute} has a summary of {year} already")
            draft = AnnualSummary(institute=target.institute, year=year)
            return uow.add(self._with_figures(uow, draft))

    def refresh_summary(self, actor: Actor, year: int) -> AnnualSummary:
        """刷新数据: recompute the system figures of a draft."""
        with self._summary_operation(actor, "refresh_summary", year) as (uow, summary):
            return uow.replace(summary, self._with_figures(uow, summary))

    def edit_summary(self, actor: Actor, year: int, *, total_person_times: Any = UNSET,
                     total_investment: Any = UNSET) -> AnnualSummary:
        """The two editable figures: 单位培训总人次 (None puts back the system's) and
        单位投入总经费 (yuan)."""
        changes: dict[str, Any] = {}
        if total_person_times is not UNSET:
            changes["total_person_times"] = total_person_times
        if total_investment is not UNSET:
            changes["total_investment"] = (None if total_investment is None
                                           else _amount(total_investment))
        with self._summary_operation(actor, "edit_summary", year) as (uow, summary):
            edited = attrs.evolve(summary, **changes)
            return uow.replace(summary, self._with_figures(uow, edited))

    def submit_summary(self, actor: Actor, year: int) -> AnnualSummary:
        """提交: freeze the summary with its figures as of now; it needs the total investment."""
        with self._summary_operation(actor, "submit_summary", year) as (uow, summary):
            if summary.total_investment is None:
                raise WorkflowError("enter the total investment (单位投入总经费) before "
                                    "submitting")
            fresh = self._with_figures(uow, summary)
            submitted = attrs.evolve(fresh, status=SummaryStatus.SUBMITTED,
                                     submitted_on=uow.now.date())
            return uow.replace(summary, submitted)

    # -- helpers ---------------------------------------------------------------------------

    def _institute_target(self, actor: Actor, label: str,
                          people: Iterable[str] = ()) -> Target:
        references = self._people_references(self._peek(), people) if people else ()
        return Target(institute=actor.grant.institute, label=label, references=references)

    @contextmanager
    def _summary_operation(self, actor: Actor, operation: str,
                           year: int) -> Iterator[tuple[UnitOfWork, AnnualSummary]]:
        """An operation on the institute's draft summary of ``year``."""
        target = self._institute_target(actor, f"summary {year}")
        with self._operation(actor, operation, target) as uow:
            summary = uow.get("summaries", (target.institute, year))
            if summary is None:
                raise UnknownRecordError(f"{target.institute} has no summary of {year}: "
                                         "create it first")
            if summary.submitted:
                raise WorkflowError(f"the summary of {year} is submitted and frozen")
            yield uow, summary

    def _screen(self, uow: UnitOfWork, institute: str, year: int) -> BackboneScreen:
        """The institute's backbone screen from its roster and the year's sums."""
        return screen_backbone(uow.roster(institute), institute, year, policy=self.policy,
                               hours=uow.year_hours(year, institute, self.policy))

    def _with_figures(self, uow: UnitOfWork, summary: AnnualSummary) -> AnnualSummary:
        """The summary carrying the figures computed with its own entries."""
        code, year = summary.institute, summary.year
        dataset = uow.roster(code)
        current = dataset.summary(code, year)
        view, _ = apply_changes(dataset, {}, [Change(current, summary)])
        figures = annual_figures(view, code, year, policy=self.policy,  # hours alone
                                 hours=uow.year_hours(year, code, self.policy, singles=False))
        return attrs.evolve(summary, figures={**figures.to_json(), **plan_counts(figures)})


def _amount(value: Any) -> Decimal:
    """Yuan as a Decimal, an int or a decimal string of ASCII digits in plain notation."""
    from casedu.quantities import parse_decimal

    try:
        return parse_decimal(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field="total_investment") from None
