"""The reports: each builds one format-neutral :class:`Document` that every exporter renders."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from casedu.errors import InvalidValueError, UnknownRecordError, expect
from casedu.reports.archive import archive_report
from casedu.reports.backbone import backbone_report
from casedu.reports.class_stats import class_stats_report
from casedu.reports.context import ReportContext, dataset_fingerprint
from casedu.reports.document import (
    Chart,
    Column,
    Document,
    Kind,
    Mark,
    Orientation,
    Paragraph,
    Row,
    Stamp,
    Table,
    Typed,
)
from casedu.reports.overview import staff_overview_report
from casedu.reports.rollup import rollup_report
from casedu.reports.summary import summary_report

__all__ = [
    "REPORTS",
    "Chart",
    "Column",
    "Document",
    "Kind",
    "Mark",
    "Orientation",
    "Paragraph",
    "ReportContext",
    "ReportKind",
    "Row",
    "Stamp",
    "Table",
    "Typed",
    "archive_report",
    "backbone_report",
    "build_report",
    "class_stats_report",
    "dataset_fingerprint",
    "rollup_report",
    "staff_overview_report",
    "summary_report",
]


@attrs.frozen
class ReportKind:
    """A report the command line knows: its name, its Chinese title, and whether it is about
    one person."""

    name: str
    title: str
    per_person: bool
    build: Callable[..., Document]


REPORTS: dict[str, ReportKind] = {
    kind.name: kind
    for kind in (
        ReportKind("class-stats", "培训项目执行情况表", False, class_stats_report),
        ReportKind("backbone", "骨干人才培训情况表", False, backbone_report),
        ReportKind("summary", "继续教育与培训工作总结", False, summary_report),
        ReportKind("staff-overview", "职工学习总体情况统计", False, staff_overview_report),
        ReportKind("archive", "学习档案", True, archive_report),
    )
}


def build_report(name: str, context: ReportContext, person: str | None = None) -> Document:
    """Build the report ``name`` (see :data:`REPORTS`); ``person`` for the archive."""
    expect("name", name, str, what="a report's name such as 'summary'")
    expect("context", context, ReportContext, what="a ReportContext")
    try:
        kind = REPORTS[name]
    except KeyError:
        raise UnknownRecordError(
            f"no report {name!r}; the reports are {', '.join(REPORTS)}"
        ) from None
    if kind.per_person:
        if person is None:
            raise InvalidValueError(f"the {name} report is about one person: name them")
        return kind.build(context, person)
    return kind.build(context)
