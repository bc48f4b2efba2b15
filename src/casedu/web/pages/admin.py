"""我的管理 → 系统管理, casedu's own additions in the manual's style: 数据检查 (what ``casedu
check`` reports, each problem linking to the page where it is fixed) and 审计日志 (the
institute's audit, filtered)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import attrs
from starlette.responses import Response

from casedu.errors import InvalidValueError
from casedu.importers.fields import read_date
from casedu.metrics import Finding
from casedu.web.menus import offered
from casedu.web.routing import Pages
from casedu.web.visit import ROLE_NAMES, Visit

__all__ = ["FIXES", "pages"]

pages = Pages()

#: Each finding's title in the portal's words, and the page where it is fixed: (route, the
#: query that finds the record there, given the record's id and the year).
FIXES: dict[str, tuple[str, str, Any]] = {
    "plan-not-implemented": ("培训计划已结束但未实施", "plans",
                             lambda key, year: {"year": year, "implemented": "no"}),
    "draft-implemented": ("已实施的计划仍未发布", "plans",
                          lambda key, year: {"year": year, "published": "draft"}),
    "attendance-in-draft": ("未发布的计划中有已确认参加的人员", "plans",
                            lambda key, year: {"year": year, "published": "draft"}),
    "attendance-not-confirmed": ("已实施的培训班中有未确认参加的人员", "plans",
                                 lambda key, year: {"year": year, "implemented": "yes"}),
    "no-hire-date": ("人员没有入职时间", "people", lambda key, year: {"name": key}),
    "external-pending": ("外部学习记录待审核", "external_review", lambda key, year: {}),
    "backbone-not-eligible": ("已上报的骨干人才不再符合条件", "backbone",
                              lambda key, year: {"year": year, "ask": key}),
    "submitted-summary-outdated": ("已提交的年度培训总结与当前数据不一致", "summaries",
                                   lambda key, year: {}),
    "no-investment": ("年度培训总结未填写单位投入总经费", "summaries", lambda key, year: {}),
}

#: The audit's outcomes as the filter names them.
OUTCOMES = {"done": "成功", "denied": "被拒绝"}


@attrs.frozen
class Shown:
    """A finding with its title and the link to where it is fixed (None: no such page)."""

    finding: Finding
    title: str
    link: str | None
    page: str | None


@pages.view("/admin/checks", "checks")
def checks(visit: Visit) -> Response:
    """数据检查: the problems to fix before submitting the year."""
    year = visit.year
    findings = visit.flow.check(visit.me, year)
    routes = {route: offered(visit, route) for _title, route, _query in FIXES.values()}
    shown = [_shown(visit, f, year, routes) for f in findings]
    return visit.render("admin/checks.html", findings=shown)


@pages.view("/admin/audit", "audit")
def audit(visit: Visit) -> Response:
    """审计日志: the institute's audit, newest first, filtered by 操作人, 操作, 记录, 日期 and
    结果, 50 to a page."""
    since, until = _day(visit, "since", "开始日期"), _day(visit, "until", "结束日期")
    zone = zoneinfo.ZoneInfo(visit.flow.policy.time_zone)
    outcome = visit.query("outcome")
    page = visit.flow.audit_page(
        visit.me, actor_name=visit.query("actor"), action=visit.query("action"),
        record=visit.query("record"),
        since=None if since is None else dt.datetime.combine(since, dt.time(), zone),
        until=None if until is None else dt.datetime.combine(
            until + dt.timedelta(days=1), dt.time(), zone),
        outcome=outcome if outcome in OUTCOMES else None,
        limit=visit.portal.settings.page_size, offset=visit.offset)
    return visit.render("admin/audit.html", page=page, zone=zone, outcomes=OUTCOMES,
                        roles=ROLE_NAMES,
                        values={k: visit.query(k, "") for k in (
                            "actor", "action", "record", "since", "until", "outcome")})


def _shown(visit: Visit, finding: Finding, year: int, routes: dict[str, bool]) -> Shown:
    """``routes``: whether the visit is offered each page that fixes a finding."""
    title, route, query = FIXES.get(finding.code, (finding.code, None, None))
    key = finding.record.split(" ", 1)[-1]
    if route is None or query is None or not routes.get(route):
        return Shown(finding, title, None, None)
    labels = {"plans": "本机构计划", "people": "人员管理", "external_review": "外部学习审核",
              "backbone": "骨干人才筛选上报表", "summaries": "年度培训总结"}
    return Shown(finding, title, visit.url(route, query(key, year)), labels.get(route))


def _day(visit: Visit, name: str, label: str) -> dt.date | None:
    value = visit.query(name)
    if value is None:
        return None
    try:
        return read_date(value)
    except ValueError as error:
        raise InvalidValueError(str(error), field=label) from None
