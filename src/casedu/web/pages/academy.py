"""我的管理 → 院级管理 → 院级汇总: the academy admin's roll-up of every institute (状态, the ten
figures, 合计, the backbone quota), its filters (状态, below a rate), 导出, and each institute's
figures (the drill-down)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from casedu.errors import UnknownRecordError
from casedu.metrics import AcademyRollup, RollupRow, RollupStatus
from casedu.metrics.rollup import RATES
from casedu.reports import rollup_report
from casedu.web.downloads import FORMATS, download, format_of
from casedu.web.report_view import shown_rows
from casedu.web.routing import Pages
from casedu.web.visit import Visit

__all__ = ["pages"]

pages = Pages()

#: The rates the page filters on, as (value, label).
RATE_CHOICES = tuple(RATES.items())


@pages.view("/academy", "academy")
def rollup_page(visit: Visit) -> Response:
    """院级汇总: every institute's year, with the filters and 导出."""
    rollup, filters = _rollup(visit)
    document = rollup_report(rollup)
    table = document.tables[0]
    links = [visit.url("academy_institute", {"year": rollup.year}, code=row.institute)
             for row in rollup.rows]
    return visit.render("academy/rollup.html", rollup=rollup, table=table,
                        rows=shown_rows(table), links=links, notes=document.notes,
                        filters=filters, statuses=list(RollupStatus), rates=RATE_CHOICES,
                        formats=FORMATS)


@pages.view("/academy/download", "academy_download")
def rollup_download(visit: Visit) -> Response:
    """下载: the roll-up as the filters show it, in the format chosen."""
    wanted = format_of(visit.query("format"))
    rollup, _ = _rollup(visit)
    document = rollup_report(rollup)
    return visit.finish(download([document], wanted, stem=f"{document.title}-{rollup.year}",
                                 fallback=f"academy-rollup-{rollup.year}"))


@pages.view("/academy/{code}", "academy_institute")
def institute_page(visit: Visit) -> Response:
    """An institute's ten figures as the roll-up holds them (as submitted, or as the data
    gives them now)."""
    code = visit.param("code")
    rollup = visit.flow.academy_rollup(visit.me, visit.year)
    row = next((r for r in rollup.rows if r.institute == code), None)
    if row is None:
        raise UnknownRecordError(f"no institute {code!r}")
    return visit.render("academy/institute.html", row=row, figures=_figures(row, rollup),
                        rollup=rollup)


def _figures(row: RollupRow, rollup: AcademyRollup) -> Any:
    return rollup.figures_of(row)


def _rollup(visit: Visit) -> tuple[AcademyRollup, dict[str, Any]]:
    """The roll-up of ``?year=`` with the filters of the query (状态 may repeat; 低于 a
    percentage of the rate chosen)."""
    statuses = [s for s in visit.request.query_params.getlist("status") if s]
    below = visit.query("below")
    rate = visit.query("rate", "completion_rate") or "completion_rate"
    options: dict[str, Any] = {"rate": rate}
    if statuses:
        options["status"] = statuses
    if below is not None:
        options["below"] = below if below.endswith("%") else f"{below}%"
    rollup = visit.flow.academy_rollup(visit.me, visit.year, **options)
    filters = {"year": rollup.year, "status": statuses, "below": below or "", "rate": rate}
    return rollup, filters
