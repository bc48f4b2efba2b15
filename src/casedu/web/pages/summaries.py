"""我的管理 → 培训统计 → 年度培训总结: the list, 新建总结, the form (the system's figures grey and
read-only, 单位培训总人次 and 单位投入总经费 editable), 刷新数据, 提交, and several ticked then
导出 and 下载."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.responses import Response

from casedu.errors import InvalidValueError, UnknownRecordError, WorkflowError
from casedu.metrics import stored_figures
from casedu.model import AnnualSummary
from casedu.web.downloads import FORMATS, download, format_of
from casedu.web.forms import count, decimal, maybe
from casedu.web.routing import Pages
from casedu.web.visit import NOTICES, Visit

__all__ = ["pages"]

pages = Pages()

NOTICES.update({"summary_created": "已新建年度培训总结。", "summary_saved": "已保存。",
                "summary_refreshed": "已刷新数据。", "summary_submitted": "已提交，总结已冻结。"})

_TIMES, _MONEY = "单位培训总人次", "单位投入总经费"


@pages.view("/stats/summaries", "summaries")
def summary_list(visit: Visit) -> Response:
    """年度培训总结列表, with 新建总结 and 导出."""
    summaries = visit.flow.list_summaries(visit.me)
    return visit.render("summaries/list.html", summaries=summaries,
                        figures={s.year: _figures(visit, s) for s in summaries})


@pages.action("/stats/summaries/new", "summary_new")
def create(visit: Visit, form: FormData) -> Response:
    """新建总结: a draft of the year with the system's figures."""
    year = count(form, "year", "年度")
    visit.flow.create_summary(visit.me, year)
    return visit.redirect("summary", {"done": "summary_created"}, year=year)


@pages.view("/stats/summaries/export", "summaries_export")
def export(visit: Visit) -> Response:
    """导出: the ticked summaries, as they will print, and 下载."""
    years = _ticked(visit)
    documents = [visit.flow.report(visit.me, "summary", y) for y in years]
    return visit.render("summaries/export.html", years=years, documents=documents,
                        formats=FORMATS)


@pages.view("/stats/summaries/download", "summaries_download")
def download_summaries(visit: Visit) -> Response:
    """下载: the ticked summaries in one file (a sheet or a section each)."""
    wanted = format_of(visit.query("format"))
    years = _ticked(visit)
    documents = [visit.flow.report(visit.me, "summary", y) for y in years]
    code = visit.me.grant.institute
    span = "-".join(str(y) for y in years)
    return visit.finish(download(documents, wanted, stem=f"{code}-{documents[0].title}-{span}",
                                 fallback=f"{code}-summary-{span}"))


@pages.view("/stats/summaries/{year}", "summary")
def summary_form(visit: Visit) -> Response:
    """The summary of a year: the ten figures, two of them editable while it is a draft."""
    return _form(visit, visit.flow.view_summary(visit.me, _year(visit)))


@pages.action("/stats/summaries/{year}/save", "summary_save")
def save(visit: Visit, form: FormData) -> Response:
    """保存: 单位培训总人次 (empty: the system's) and 单位投入总经费."""
    year = _year(visit)
    _save(visit, form, year, always=True)
    return visit.redirect("summary", {"done": "summary_saved"}, year=year)


@pages.action("/stats/summaries/{year}/refresh", "summary_refresh")
def refresh(visit: Visit, form: FormData) -> Response:
    """刷新数据: the system's latest figures (with what was typed in the form, saved)."""
    year = _year(visit)
    if not _save(visit, form, year):
        visit.flow.refresh_summary(visit.me, year)
    return visit.redirect("summary", {"done": "summary_refreshed"}, year=year)


@pages.action("/stats/summaries/{year}/submit", "summary_submit")
def submit(visit: Visit, form: FormData) -> Response:
    """提交: what the form holds is saved, then the summary is frozen with its figures as of
    now. A summary the library does not take yet (no 单位投入总经费) comes back with why."""
    year = _year(visit)
    _save(visit, form, year)
    try:
        visit.flow.submit_summary(visit.me, year)
    except WorkflowError as error:
        return _form(visit, visit.flow.view_summary(visit.me, year), status=400,
                     error=f"未能提交：{error}")
    return visit.redirect("summary", {"done": "summary_submitted"}, year=year)


def _form(visit: Visit, summary: AnnualSummary, *, status: int = 200,
          error: str | None = None) -> Response:
    return visit.render("summaries/form.html", status=status, summary=summary,
                        figures=_figures(visit, summary), error=error)


def _figures(visit: Visit, summary: AnnualSummary) -> dict[str, object]:
    found = stored_figures(summary, visit.flow.policy) or ()
    return {f.key: f for f in found}


def _save(visit: Visit, form: FormData, year: int, *, always: bool = False) -> bool:
    """Save the two editable figures when the form changes them; whether it did."""
    if "total_investment" not in form and "total_person_times" not in form:
        return False
    times = maybe(count, form, "total_person_times", _TIMES)
    money = maybe(decimal, form, "total_investment", _MONEY)
    if not always:  # saved only when changed (a role that may not save is refused first)
        current = visit.flow.view_summary(visit.me, year)
        if (times, money) == (current.total_person_times, current.total_investment):
            return False
    visit.flow.edit_summary(visit.me, year, total_person_times=times, total_investment=money)
    return True


def _year(visit: Visit) -> int:
    text = visit.param("year")
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise UnknownRecordError(f"no summary of {text!r}")
    return int(text)


def _ticked(visit: Visit) -> list[int]:
    """The years ticked in the list, each a summary of the institute."""
    found = []
    for value in visit.request.query_params.getlist("year"):
        if not (value.isascii() and value.isdigit() and len(value) == 4):
            raise InvalidValueError(f"不是年度：{value!r}", field="年度")
        found.append(int(value))
    if not found:
        raise InvalidValueError("请勾选需要导出的年度培训总结", field="年度培训总结")
    years = sorted(set(found))
    for year in years:
        visit.flow.view_summary(visit.me, year)
    return years
