"""我的管理 → 培训统计 → 骨干人才筛选上报表: the eligible people with the figures that make them
eligible, 上报 and 撤销 (one or many), why anyone asked about is not eligible, and
导出骨干人才培训表 then 下载."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.responses import Response

from casedu.errors import InvalidValueError
from casedu.web.downloads import FORMATS, download, format_of
from casedu.web.forms import count, text, values
from casedu.web.report_view import shown_rows
from casedu.web.routing import Pages
from casedu.web.visit import NOTICES, Visit

__all__ = ["pages"]

pages = Pages()

NOTICES.update({"backbone_reported": "已上报。", "backbone_revoked": "已撤销上报。"})

@pages.view("/stats/backbone", "backbone")
def screen(visit: Visit) -> Response:
    """骨干人才筛选上报表: the year's screen, 50 people to a page; ``?ask=`` shows the verdict
    of the people whose name, id or email holds the text."""
    ask = visit.query("ask")
    found = visit.flow.backbone_page(visit.me, visit.year, limit=visit.portal.settings.page_size,
                                     offset=visit.offset, ask=ask)
    return visit.render("backbone/list.html", screen=found.screen, page=found.page,
                        ask=ask or "", asked=list(found.asked), policy=visit.flow.policy)


@pages.action("/stats/backbone/report", "backbone_report")
def report(visit: Visit, form: FormData) -> Response:
    """上报: the ticked people, or the one whose row's button was pressed."""
    year, people = _chosen(form)
    visit.flow.report_backbone(visit.me, year, people)
    return visit.redirect("backbone", {"year": year, "done": "backbone_reported"})


@pages.action("/stats/backbone/revoke", "backbone_revoke")
def revoke(visit: Visit, form: FormData) -> Response:
    """撤销: the ticked people, or the one whose row's button was pressed."""
    year, people = _chosen(form)
    visit.flow.revoke_backbone(visit.me, year, people)
    return visit.redirect("backbone", {"year": year, "done": "backbone_revoked"})


@pages.view("/stats/backbone/export", "backbone_export")
def export(visit: Visit) -> Response:
    """导出骨干人才培训表: the 骨干人才培训情况表 as it will print, and 下载."""
    document = visit.flow.report(visit.me, "backbone", visit.year)
    table = document.tables[0]
    return visit.render("backbone/export.html", document=document, table=table,
                        rows=shown_rows(table), formats=FORMATS)


@pages.view("/stats/backbone/download", "backbone_download")
def download_table(visit: Visit) -> Response:
    """下载: the 骨干人才培训情况表 as xlsx, ods or pdf."""
    wanted = format_of(visit.query("format"))
    year = visit.year
    document = visit.flow.report(visit.me, "backbone", year)
    code = visit.me.grant.institute
    return visit.finish(download([document], wanted, stem=f"{code}-{document.title}-{year}",
                                 fallback=f"{code}-backbone-{year}"))


def _chosen(form: FormData) -> tuple[int, list[str]]:
    year = count(form, "year", "年度")
    one = text(form, "one")
    people = [one] if one is not None else values(form, "person")
    if not people:
        raise InvalidValueError("请勾选人员", field="人员")
    return year, people
