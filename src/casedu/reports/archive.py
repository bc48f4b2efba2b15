"""学习档案: one person's learning records of a year, and their hours of every year."""

from __future__ import annotations

from casedu.errors import UnknownRecordError, expect
from casedu.metrics import learning_archive
from casedu.reports.context import ReportContext
from casedu.reports.document import (
    Column,
    Document,
    Kind,
    Mark,
    Orientation,
    Paragraph,
    Row,
    Table,
)

__all__ = ["archive_report"]

ENTRY_COLUMNS = (
    Column("index", "序号", Kind.INTEGER, width=5),
    Column("source", "类别", width=8),
    Column("title", "培训名称", width=34, wrap=True),
    Column("period", "起止时间", Kind.DATE_RANGE, width=22),
    Column("hours", "学时", Kind.HOURS, width=7),
    Column("status", "状态", width=7),
    Column("credited", "计入学时", Kind.YES_NO, width=8),
)

YEAR_COLUMNS = (
    Column("year", "年度", Kind.INTEGER, width=8),
    Column("hours", "计入学时", Kind.HOURS, width=10),
)


def archive_report(context: ReportContext, person_id: str) -> Document:
    """The person's archive for the context's year, with the credited hours of every year."""
    expect("context", context, ReportContext, what="a ReportContext")
    archive = learning_archive(context.dataset, person_id, policy=context.policy)
    person = archive.person
    if person.institute != context.institute_code:
        raise UnknownRecordError(
            f"person {person_id!r} is not on the roster of {context.institute_code!r}"
        )
    entries = archive.of_year(context.year)
    rows = tuple(
        Row((i, e.source.label, e.title, (e.start, e.end), e.hours, e.status, e.credited))
        for i, e in enumerate(entries, start=1)
    )
    total = archive.total(context.year)
    # the total counts credited records only, and says so: the column above lists the others
    totals = Row((None, "合计（仅计入学时的记录）", None, None, total, None, None),
                 marks=frozenset({Mark.TOTAL}))
    years = tuple(Row((y, archive.total(y))) for y in archive.years())
    header = Paragraph(
        f"姓名：{person.name}　人员编号：{person.id}　部门：{archive.department or '—'}"
        f"　在职：{'是' if person.in_service else '否'}"
    )
    return Document(
        title=f"学习档案（{person.name}）", institute=context.institute.name, year=context.year,
        blocks=(header,
                Table(columns=ENTRY_COLUMNS, rows=rows, totals=totals,
                      title=f"{context.year}年度学习记录"),
                Table(columns=YEAR_COLUMNS, rows=years, title="历年计入学时")),
        orientation=Orientation.PORTRAIT,
        notes=("未确认的参会、待审核或未通过的外部学习不计入学时。",),
        footer=context.footer, name=f"archive-{person.id}",
    )
