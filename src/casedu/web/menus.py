"""The menus, in the manual's words: 我的管理 (院级管理 for the academy admin, 培训计划, 培训实施,
培训统计, 系统管理) and
我的学习. An entry shows when its page exists and the active role is one the library lets
perform the entry's operation (:data:`casedu.services.OPERATIONS`); the scope of each record is
checked when the operation runs. A new page joins a menu by its route's name here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from casedu.web.visit import Visit

__all__ = ["LEARNING", "MANAGEMENT", "Entry", "Menu", "offered", "visible"]


@attrs.frozen
class Entry:
    """A menu entry: its label, the route it opens, the operation its page performs or reads
    under."""

    label: str
    route: str
    operation: str
    #: A page of one's own learning: shown only to an account that is a person of the roster.
    own: bool = False


@attrs.frozen
class Menu:
    """A menu and its entries."""

    label: str
    entries: tuple[Entry, ...]


#: 我的管理: the admin's side (管理员端).
MANAGEMENT = (
    Menu("院级管理", (Entry("院级汇总", "academy", "view_academy"),)),
    Menu("培训计划", (Entry("本机构计划", "plans", "list_plans"),)),
    Menu("培训实施", (Entry("培训班管理", "classes", "list_plans"),
                      Entry("外部学习审核", "external_review", "review_external"))),
    Menu("培训统计", (Entry("培训班统计表", "class_stats", "view_reports"),
                      Entry("职工学习总体情况统计", "staff_overview", "view_overview"),
                      Entry("骨干人才筛选上报表", "backbone", "report_backbone"),
                      Entry("年度培训总结", "summaries", "create_summary"))),
    Menu("系统管理", (Entry("人员管理", "people", "set_person"),
                      Entry("数据检查", "checks", "view_reports"),
                      Entry("审计日志", "audit", "list_audit"))),
)

#: 我的学习 → 个人空间.
LEARNING = (
    Menu("我的学习", (Entry("我的外部学习", "my_external", "submit_external", own=True),
                      Entry("我的档案", "my_archive", "view_archive", own=True))),
)


def visible(visit: Visit, menus: tuple[Menu, ...]) -> list[tuple[Menu, list[Entry]]]:
    """The menus with the entries this visit shows (menus without one left out)."""
    actor = visit.actor
    person = actor.account.person if actor is not None else None
    # the same for every visit of a role, with or without a person: the two sides' menus
    # kept by the portal
    key = (menus is MANAGEMENT, actor.role if actor is not None else None, person is not None)
    kept: dict[Any, Any] | None = getattr(visit.portal, "shown", None) \
        if menus is MANAGEMENT or menus is LEARNING else None
    if kept is not None and key in kept:
        return kept[key]  # type: ignore[no-any-return]
    shown = []
    for menu in menus:
        entries = [e for e in menu.entries
                   if visit.portal.has_route(e.route) and visit.may(e.operation)
                   and (person is not None or not e.own)]
        if entries:
            shown.append((menu, entries))
    if kept is not None:
        kept[key] = shown
    return shown


def offered(visit: Visit, route: str) -> bool:
    """Whether a page links to the menu page ``route`` for this visit: the page exists and the
    active role may perform its entry's operation (a link to it would otherwise lead to a
    refusal)."""
    for menu in (*MANAGEMENT, *LEARNING):
        for entry in menu.entries:
            if entry.route == route:
                return entry in dict(visible(visit, (menu,))).get(menu, [])
    return visit.portal.has_route(route)
