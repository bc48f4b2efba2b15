"""How results show themselves in Jupyter (``_repr_html_``): small, escaped HTML tables.

The display of the notebooks, at the top beside the command line: the results below never
import it. Every ``_repr_html_`` of casedu asks :func:`casedu.results.notebook_html`, which
``import casedu`` plugs into :func:`html` here, imported when a notebook first shows a result.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape

from casedu.exporters.html import render_document_fragment
from casedu.metrics import AnnualFigures, BackboneScreen, LearningArchive
from casedu.model import Dataset
from casedu.quantities import decimal_text
from casedu.reports import Document

__all__ = ["html", "html_table"]

_LIMIT = 50


def html_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An HTML table of at most 50 rows, every text escaped.

    >>> html_table("t", ["a"], [["<x>"]])
    '<table><caption>t</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;x&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
        for row in rows[:_LIMIT]
    )
    if len(rows) > _LIMIT:
        body += f'<tr><td colspan="{len(headers)}">… {len(rows) - _LIMIT} more rows</td></tr>'
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


@functools.singledispatch
def html(result: object) -> str:
    """``result`` as a notebook shows it: each kind of result below has its table.

    >>> from casedu.sample import sample_dataset
    >>> html(sample_dataset()).startswith("<table><caption>casedu dataset</caption>")
    True
    """
    raise TypeError(f"casedu's notebook display draws no {type(result).__name__}")


@html.register
def figures_html(figures: AnnualFigures) -> str:
    """The ten figures of a summary."""
    rows = [[f.label, f.value_text(), "填写" if f.entered else "抽取"]
            for f in figures.figures()]
    return html_table(f"{figures.institute} {figures.year} 年度培训总结",
                      ["数据", "数值", "来源"], rows)


@html.register
def screen_html(screen: BackboneScreen) -> str:
    """The eligible people of a backbone screen."""
    rows = [[c.person.id, c.person.name, c.department, decimal_text(c.verdict.total_hours),
             decimal_text(c.verdict.max_single_hours), "是" if c.reported else ""]
            for c in screen.eligible]
    return html_table(f"{screen.institute} {screen.year} 骨干人才筛选：{len(rows)} 人符合条件",
                      ["人员编号", "姓名", "部门", "总学时", "最长单次", "已上报"], rows)


@html.register
def archive_html(archive: LearningArchive) -> str:
    """A person's archive."""
    rows = [[e.year, e.source.label, e.title, e.start.isoformat(), decimal_text(e.hours),
             e.status] for e in archive.entries]
    return html_table(f"学习档案 {archive.person.name}（{archive.person.id}）",
                      ["年度", "类别", "名称", "日期", "学时", "状态"], rows)


@html.register
def dataset_html(dataset: Dataset) -> str:
    """What a dataset holds."""
    sections = ("institutes", "departments", "people", "plans", "attendance",
                "external_learning", "online_learning", "backbone_reports", "summaries")
    return html_table("casedu dataset", ["section", "records"],
                      [[name, len(getattr(dataset, name))] for name in sections])


@html.register
def document_html(document: Document) -> str:
    """A report's title and its first rows, as the HTML exporter draws them."""
    return render_document_fragment(document)
