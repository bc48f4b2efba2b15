"""我的管理 → 培训计划 → 本机构计划: the year's plans with their status, filtered and paged."""

from __future__ import annotations

from starlette.responses import Response

from casedu.web.routing import Pages
from casedu.web.visit import Visit

__all__ = ["pages"]

pages = Pages()

#: The filters' choices: (value of the query, what it means to list_plans, label).
PUBLISHED = {"": None, "draft": False, "published": True}
IMPLEMENTED = {"": None, "no": False, "yes": True}


@pages.view("/plans", "plans")
def plan_list(visit: Visit) -> Response:
    """本机构计划: filters 年度, 发布状态, 实施状态, 培训名称; 50 to a page."""
    published = visit.query("published", "")
    implemented = visit.query("implemented", "")
    page = visit.flow.list_plans(
        visit.me, visit.year, published=PUBLISHED.get(published or ""),
        implemented=IMPLEMENTED.get(implemented or ""), text=visit.query("name"),
        limit=visit.portal.settings.page_size, offset=visit.offset)
    return visit.render("plans/list.html", page=page, published=published,
                        implemented=implemented, name=visit.query("name", ""),
                        years=range(visit.today.year + 1, visit.today.year - 6, -1))
