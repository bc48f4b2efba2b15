"""我的管理 → 培训统计: 培训班统计表 (the year's plans, January to December, 导出) and
职工学习总体情况统计 (the people in the admin's scope, each linking to their archive)."""

from __future__ import annotations

from starlette.responses import Response

from casedu.web.downloads import FORMATS, download, format_of
from casedu.web.report_view import shown_rows
from casedu.web.routing import Pages
from casedu.web.visit import Visit

__all__ = ["pages"]

pages = Pages()


@pages.view("/stats/classes", "class_stats")
def class_stats(visit: Visit) -> Response:
    """培训班统计表: the institute's plans of the year; a plan not implemented has a red
    background and the word 未实施."""
    document = visit.flow.report(visit.me, "class-stats", visit.year)
    table = document.tables[0]
    return visit.render("stats/classes.html", document=document, table=table,
                        rows=shown_rows(table), formats=FORMATS, years=visit.years)


@pages.view("/stats/classes/export", "class_stats_export")
def class_stats_export(visit: Visit) -> Response:
    """导出: the 培训项目执行情况表 as xlsx, ods or pdf."""
    wanted = format_of(visit.query("format"))
    year = visit.year
    document = visit.flow.report(visit.me, "class-stats", year)
    return visit.finish(download(
        [document], wanted, stem=f"{visit.me.grant.institute}-{document.title}-{year}",
        fallback=f"{visit.me.grant.institute}-class-stats-{year}"))


@pages.view("/stats/staff", "staff_overview")
def staff_overview(visit: Visit) -> Response:
    """职工学习总体情况统计: the people in the admin's scope with their year's hours, searched
    by 姓名, 编号 or 邮箱, 50 to a page, each linking to their archive."""
    page = visit.flow.overview_page(visit.me, visit.year, text=visit.query("name"),
                                    limit=visit.portal.settings.page_size,
                                    offset=visit.offset)
    return visit.render("stats/staff.html", page=page, name=visit.query("name", ""))


@pages.view("/stats/staff/{person}", "staff_archive")
def staff_archive(visit: Visit) -> Response:
    """A person's 学习档案, as their admin sees it."""
    archive = visit.flow.archive(visit.me, visit.param("person"))
    return visit.render("stats/archive.html", archive=archive, mine=False)
