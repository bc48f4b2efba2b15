"""The baselines: what a straightforward script does with pandas and the raw format libraries.

They compute in floats and write plain cells: faster to write, not what casedu promises (exact
decimals, print settings, marks). The comparison shows what casedu's care costs, or saves.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.academy import YEAR
from casedu.exporters import export
from casedu.exporters.cells import display, typed_cells
from casedu.exporters.fonts import choose_font
from casedu.metrics import annual_figures, screen_backbone, year_hours
from casedu.model import Dataset
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.reports.class_stats import COLUMNS as CLASS_COLUMNS
from casedu.reports.document import Column, Document, Mark, Orientation, Row, Table

# -- figures ----------------------------------------------------------------------------------


def frames(data: Dataset) -> dict[str, pd.DataFrame]:
    """The records as pandas frames, hours as floats."""
    people = pd.DataFrame({
        "person": [p.id for p in data.people], "institute": [p.institute for p in data.people],
        "in_service": [p.in_service for p in data.people],
        "hours_required": [p.hours_required for p in data.people],
        "hire_year": [p.hire_date.year if p.hire_date else 0 for p in data.people]})
    plans = pd.DataFrame({
        "plan": [p.id for p in data.plans], "institute": [p.institute for p in data.plans],
        "year": [p.actual_start.year for p in data.plans],
        "hours": [float(p.class_hours) for p in data.plans],
        "published": [p.status.value == "published" for p in data.plans],
        "implemented": [p.implemented for p in data.plans],
        "planned": [p.planned_participants for p in data.plans]})
    attendance = pd.DataFrame({
        "plan": [a.plan for a in data.attendance], "person": [a.person for a in data.attendance],
        "confirmed": [a.confirmed for a in data.attendance]})
    external = pd.DataFrame({
        "person": [r.person for r in data.external_learning],
        "year": [r.start.year for r in data.external_learning],
        "hours": [float(r.hours) for r in data.external_learning],
        "approved": [r.approved for r in data.external_learning]})
    online = pd.DataFrame({
        "person": [r.person for r in data.online_learning],
        "course": [r.course for r in data.online_learning],
        "year": [r.date.year for r in data.online_learning],
        "hours": [float(r.hours) for r in data.online_learning]})
    reports = pd.DataFrame({"institute": [r.institute for r in data.backbone_reports],
                            "year": [r.year for r in data.backbone_reports]})
    return {"people": people, "plans": plans, "attendance": attendance, "external": external,
            "online": online, "reports": reports}


def sql_frames(path: Path) -> dict[str, pd.DataFrame]:
    """The same frames read from a workspace's tables."""
    db = sqlite3.connect(path)
    try:
        people = pd.read_sql("SELECT id AS person, institute, in_service, hours_required, "
                             "CAST(substr(COALESCE(hire_date, '0000'), 1, 4) AS INTEGER) "
                             "AS hire_year FROM people", db)
        plans = pd.read_sql(
            "SELECT p.id AS plan, p.institute, CAST(substr(COALESCE(i.start, p.start), 1, 4) "
            "AS INTEGER) AS year, CAST(COALESCE(i.hours, p.hours) AS REAL) AS hours, "
            "p.status = 'published' AS published, i.plan IS NOT NULL AS implemented, "
            "p.planned_participants AS planned FROM plans p "
            "LEFT JOIN implementations i ON i.plan = p.id", db)
        attendance = pd.read_sql("SELECT plan, person, status = 'confirmed' AS confirmed "
                                 "FROM attendance", db)
        external = pd.read_sql("SELECT person, CAST(substr(start, 1, 4) AS INTEGER) AS year, "
                               "CAST(hours AS REAL) AS hours, status = 'approved' AS approved "
                               "FROM external_learning", db)
        online = pd.read_sql("SELECT person, course, CAST(substr(date, 1, 4) AS INTEGER) "
                             "AS year, CAST(hours AS REAL) AS hours FROM online_learning", db)
        reports = pd.read_sql("SELECT institute, year FROM backbone_reports", db)
    finally:
        db.close()
    return {"people": people, "plans": plans, "attendance": attendance, "external": external,
            "online": online, "reports": reports}


def pandas_figures(f: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per institute: the summary's counts and rates and the number of eligible people."""
    plans, per_person = _year_per_person(f)
    people = f["people"].set_index("person").join(per_person).fillna({"sum": 0.0, "max": 0.0})
    people["in_service"] = people["in_service"].astype(bool)
    people["assessed"] = (people["in_service"] & people["hours_required"].astype(bool)
                          & (people["hire_year"] != YEAR))
    people["completed"] = people["assessed"] & (people["sum"] >= 100)
    people["eligible"] = people["in_service"] & (people["sum"] >= 100) & (people["max"] > 40)
    people["service_hours"] = people["sum"].where(people["in_service"], 0.0)
    table = _institute_table(people, plans, f["reports"])
    table["average_hours"] = (table["total_hours"] / table["in_service"]).round(2)
    return table


def _year_per_person(f: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plans of the year, and each person's hours of the year (``sum``) and longest single
    training (``max``): classes, approved external learning, online courses summed."""
    plans = f["plans"][f["plans"]["year"] == YEAR]
    attended = f["attendance"][f["attendance"]["confirmed"].astype(bool)].merge(
        plans[["plan", "hours"]], on="plan")
    ext = f["external"][(f["external"]["year"] == YEAR) & f["external"]["approved"].astype(bool)]
    courses = (f["online"][f["online"]["year"] == YEAR]
               .groupby(["person", "course"], sort=False)["hours"].sum().reset_index())
    singles = pd.concat([attended[["person", "hours"]], ext[["person", "hours"]],
                         courses[["person", "hours"]]])
    return plans, singles.groupby("person", sort=False)["hours"].agg(["sum", "max"])


def _institute_table(people: pd.DataFrame, plans: pd.DataFrame,
                     reports: pd.DataFrame) -> pd.DataFrame:
    """Per institute: the counts of its people and plans, and the summary's rates."""
    table = people.groupby("institute").agg(
        in_service=("in_service", "sum"), assessed=("assessed", "sum"),
        completed=("completed", "sum"), eligible=("eligible", "sum"),
        total_hours=("service_hours", "sum"))
    published = plans[plans["published"].astype(bool)]
    plan_table = published.groupby("institute").agg(
        plans=("plan", "count"), implemented=("implemented", "sum"), planned=("planned", "sum"))
    reported = reports[reports["year"] == YEAR].groupby("institute").size()
    table = table.join(plan_table).join(reported.rename("reported"))
    table["completion_rate"] = table["completed"] / table["assessed"]
    table["execution_rate"] = table["implemented"] / table["plans"]
    table["backbone_rate"] = table["reported"] / (table["in_service"] * 0.04)
    return table


#: The plain-Python baseline's hours: whole millionths (casedu keeps at most 6 decimals).
UNITS = 10**6


def coded_frames(data: Dataset) -> dict[str, pd.DataFrame]:
    """The records as pandas used well: people, plans and courses as integer codes, hours as
    int64 millionths (exact), the year's flags worked out once (as ``plain_rows`` has them)."""
    person = {p.id: i for i, p in enumerate(data.people)}
    institute = {inst.code: i for i, inst in enumerate(data.institutes)}
    plan = {p.id: i for i, p in enumerate(data.plans)}
    course: dict[str, int] = {}
    people = pd.DataFrame({
        "person": range(len(data.people)),
        "institute": [institute[p.institute] for p in data.people],
        "in_service": [p.in_service_in(YEAR) for p in data.people],
        "assessed": [p.in_service_in(YEAR) and p.hours_required and not p.is_new_hire(YEAR)
                     for p in data.people]})
    plans = pd.DataFrame({
        "plan": range(len(data.plans)), "institute": [institute[p.institute] for p in data.plans],
        "year": [p.actual_start.year for p in data.plans],
        "hours": [int(p.class_hours * UNITS) for p in data.plans],
        "published": [p.status.value == "published" for p in data.plans],
        "implemented": [p.implemented for p in data.plans],
        "planned": [p.planned_participants for p in data.plans]})
    attendance = pd.DataFrame({
        "plan": [plan[a.plan] for a in data.attendance],
        "person": [person[a.person] for a in data.attendance],
        "confirmed": [a.confirmed for a in data.attendance]})
    external = pd.DataFrame({
        "person": [person[r.person] for r in data.external_learning],
        "year": [r.start.year for r in data.external_learning],
        "hours": [int(r.hours * UNITS) for r in data.external_learning],
        "approved": [r.approved for r in data.external_learning]})
    online = pd.DataFrame({
        "person": [person[r.person] for r in data.online_learning],
        "course": [course.setdefault(r.course, len(course)) for r in data.online_learning],
        "year": [r.date.year for r in data.online_learning],
        "hours": [int(r.hours * UNITS) for r in data.online_learning]})
    reports = pd.DataFrame({"institute": [institute[r.institute] for r in data.backbone_reports],
                            "year": [r.year for r in data.backbone_reports]})
    return {"people": people, "plans": plans, "attendance": attendance, "external": external,
            "online": online, "reports": reports,
            "institutes": pd.DataFrame({"code": [i.code for i in data.institutes]})}


def pandas_coded_figures(f: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """What ``pandas_figures`` works out, over ``coded_frames``: the summary's counts, rates
    and eligible people of every institute; returned as ``plain_figures`` returns them."""
    plans, per_person = _year_per_person(f)
    people = f["people"].join(per_person, on="person").fillna({"sum": 0, "max": 0})
    need, single = 100 * UNITS, 40 * UNITS
    people["completed"] = people["assessed"] & (people["sum"] >= need)
    people["eligible"] = people["in_service"] & (people["sum"] >= need) & (people["max"] > single)
    people["service_hours"] = people["sum"].where(people["in_service"], 0)
    table = _institute_table(people, plans, f["reports"])
    codes = f["institutes"]["code"]
    keys = ("in_service", "assessed", "completed", "eligible", "total_hours")
    return {codes[i]: {key: int(row[key]) for key in keys} for i, row in table.iterrows()}


def plain_rows(data: Dataset) -> dict[str, list[tuple[Any, ...]]]:
    """The records as plain tuples with integer hours, built once (as the frames are)."""
    return {
        "people": [(p.id, p.institute, p.in_service_in(YEAR), p.hours_required,
                    p.is_new_hire(YEAR)) for p in data.people],
        "plans": [(p.id, p.actual_start.year, int(p.class_hours * UNITS)) for p in data.plans],
        "attendance": [(a.plan, a.person) for a in data.attendance if a.confirmed],
        "external": [(r.person, r.start.year, int(r.hours * UNITS))
                     for r in data.external_learning if r.approved],
        "online": [(r.person, r.course, r.date.year, int(r.hours * UNITS))
                   for r in data.online_learning],
    }


def plain_figures(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, dict[str, int]]:
    """Per institute: the people counted, assessed, completed and eligible, and the staff's
    hours (in millionths), by dict loops over integer hours: the strongest pure-Python way."""
    class_hours = {plan: hours for plan, year, hours in rows["plans"] if year == YEAR}
    total: dict[str, int] = {}
    longest: dict[str, int] = {}
    for plan, person in rows["attendance"]:
        hours = class_hours.get(plan)
        if hours is not None:
            total[person] = total.get(person, 0) + hours
            if hours > longest.get(person, 0):
                longest[person] = hours
    for person, year, hours in rows["external"]:
        if year == YEAR:
            total[person] = total.get(person, 0) + hours
            if hours > longest.get(person, 0):
                longest[person] = hours
    courses: dict[tuple[str, str], int] = {}
    for person, course, year, hours in rows["online"]:
        if year == YEAR:
            key = (person, course)
            courses[key] = courses.get(key, 0) + hours
    for (person, _), hours in courses.items():
        total[person] = total.get(person, 0) + hours
        if hours > longest.get(person, 0):
            longest[person] = hours
    need, single = 100 * UNITS, 40 * UNITS
    table: dict[str, dict[str, int]] = {}
    for person, institute, serving, required, new_hire in rows["people"]:
        counts = table.get(institute)
        if counts is None:
            counts = table[institute] = dict.fromkeys(
                ("in_service", "assessed", "completed", "eligible", "total_hours"), 0)
        if not serving:
            continue
        hours = total.get(person, 0)
        counts["in_service"] += 1
        counts["total_hours"] += hours
        if required and not new_hire:
            counts["assessed"] += 1
            counts["completed"] += hours >= need
        counts["eligible"] += hours >= need and longest.get(person, 0) > single
    return table


# -- exports ----------------------------------------------------------------------------------


def plain_cells(table: Table) -> list[list[Any]]:
    """The table's cells as a script would hold them: floats, dates and text."""
    out = []
    for row in table.rows:
        values = []
        for value, kind in typed_cells(table.columns, row):
            if isinstance(value, bool):
                values.append("是" if value else "否")
            elif isinstance(value, Decimal):
                values.append(float(value))
            elif isinstance(value, tuple):
                values.append(display(value, kind))
            else:
                values.append(value)
        out.append(values)
    return out


def openpyxl_write_only(columns: tuple[Column, ...], cells: list[list[Any]], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("sheet")
    sheet.append([c.title for c in columns])
    for row in cells:
        sheet.append(row)
    workbook.save(path.with_suffix(".xlsx"))


def xlsxwriter_constant_memory(columns: tuple[Column, ...], cells: list[list[Any]],
                               path: Path) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path.with_suffix(".xlsx")), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, [c.title for c in columns])
    for i, row in enumerate(cells, start=1):
        sheet.write_row(i, 0, row)
    workbook.close()


def pandas_to_excel(columns: tuple[Column, ...], cells: list[list[Any]], path: Path) -> None:
    frame = pd.DataFrame(cells, columns=[c.title for c in columns])
    frame.to_excel(path.with_suffix(".xlsx"), index=False, engine="xlsxwriter")


def csv_module(columns: tuple[Column, ...], cells: list[list[Any]], path: Path) -> None:
    with path.with_suffix(".csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([c.title for c in columns])
        writer.writerows(cells)


def odfpy_document(columns: tuple[Column, ...], cells: list[list[Any]], path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = OdfTable(name="sheet")
    for values in [[c.title for c in columns], *cells]:
        row = TableRow()
        for value in values:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text="" if value is None else str(value)))
            row.addElement(cell)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    document.save(str(path))


def class_stats_document(rows: int) -> tuple[Document, list[list[Any]], tuple[Column, ...]]:
    """A class statistics table of ``rows`` plans, as casedu's document and as plain cells."""
    table_rows = []
    for i in range(rows):
        day = dt.date(YEAR, 1 + i % 12, 1 + i % 28)
        table_rows.append(Row(
            (f"科研安全与实验室管理专题培训第{i}期", i % 3 == 0, "全所职工及研究生",
             "实验室安全、危化品管理、消防演练与应急处置", "提高全员安全意识与应急处置能力",
             (day, day + dt.timedelta(days=2)), "M楼报告厅", 30 + i % 50, 4,
             Decimal(1000 + i), "全员考核合格，满意度高", "李娜", "010-82649000"),
            marks=frozenset({Mark.NOT_IMPLEMENTED}) if i % 9 == 0 else frozenset()))
    table = Table(columns=CLASS_COLUMNS, rows=tuple(table_rows))
    document = Document(title="培训项目执行情况表", institute="中国科学院示范研究所", year=YEAR,
                        blocks=(table,), orientation=Orientation.LANDSCAPE, footer="benchmark")
    cells = [[display(v, k) for v, k in typed_cells(CLASS_COLUMNS, r)] for r in table_rows]
    return document, cells, CLASS_COLUMNS


def reportlab_table(columns: tuple[Column, ...], cells: list[list[Any]], path: Path,
                    chunk: int | None, fitted: Table | None = None) -> None:
    """The straightforward platypus layout of the same cells: wrapping text in Paragraphs, the
    header repeated; one Table, or Tables of ``chunk`` rows. The cells have casedu's padding
    and leading and, with ``fitted``, casedu's margins and the column widths casedu fits to that
    table's text (:func:`casedu.exporters.widths.fit_widths`), so that the two draw the same
    lines on about as many pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as PlatypusTable

    from casedu.exporters.widths import fit_widths

    font = choose_font(allow_unembedded=True).name
    style = ParagraphStyle("c", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    header = [Paragraph(c.title, style) for c in columns]
    body = [[Paragraph(str(v), style) if c.wrap else str(v) for c, v in zip(columns, row,
                                                                           strict=True)]
            for row in cells]
    if fitted is None:
        document = SimpleDocTemplate(str(path), pagesize=landscape(A4))
        widths = [c.width for c in columns]
        col_widths = [w * document.width / sum(widths) for w in widths]
    else:
        document = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=1.5 * cm,
                                     rightMargin=1.5 * cm, topMargin=1.5 * cm,
                                     bottomMargin=1.8 * cm)
        col_widths = fit_widths(fitted, document.width, lambda text: stringWidth(text, font, 8),
                                padding=6)
    table_style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font),
                              ("FONTSIZE", (0, 0), (-1, -1), 8),
                              ("GRID", (0, 0), (-1, -1), 0.4, "#808080"),
                              ("LEADING", (0, 0), (-1, -1), 10),
                              ("TOPPADDING", (0, 0), (-1, -1), 2),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                              ("LEFTPADDING", (0, 0), (-1, -1), 3),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")])
    size = chunk or len(body)
    story = [PlatypusTable([header, *body[i:i + size]], colWidths=col_widths, repeatRows=1,
                           style=table_style) for i in range(0, len(body), size)]
    document.build(story)


# -- import -----------------------------------------------------------------------------------


def roster_xlsx(data: Dataset, path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("人员")
    sheet.append(["人员编号", "姓名", "部门", "邮箱", "是否在职", "是否有学时要求", "入职时间",
                  "人员类别"])
    for p in data.people:  # departments by name, so one institute can take the whole roster
        sheet.append([p.id, p.name, data.department_name(p.department), p.email,
                      "是" if p.in_service else "否", "是" if p.hours_required else "否",
                      p.hire_date, p.category])
    workbook.save(path)
    return path


def openpyxl_read(path: Path) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


# -- the year-end job -------------------------------------------------------------------------

_YEAR_END_REPORTS = [name for name in REPORTS if not REPORTS[name].per_person]


def casedu_year_end(data: Dataset, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    hours = year_hours(data, YEAR)
    for institute in data.institutes:
        annual_figures(data, institute.code, YEAR, hours=hours)
        screen_backbone(data, institute.code, YEAR, hours=hours)
        context = ReportContext(data, institute.code, YEAR, fingerprint_override="bench",
                                hours_override=hours)
        for name in _YEAR_END_REPORTS:
            document = build_report(name, context)
            for fmt in ("xlsx", "pdf"):
                export(document, fmt, out / f"{institute.code}-{name}.{fmt}")


def script_year_end(data: Dataset, out: Path) -> None:
    """What a script does: pandas for the figures, to_excel and a plain reportlab table per
    report."""
    out.mkdir(parents=True, exist_ok=True)
    f = frames(data)
    figures = pandas_figures(f)
    plans = f["plans"]
    attended = f["attendance"][f["attendance"]["confirmed"]].merge(plans[["plan", "hours"]],
                                                                   on="plan")
    courses = (f["online"].groupby(["person", "course"])["hours"].sum().reset_index())
    singles = pd.concat([attended[["person", "hours"]],
                         f["external"][f["external"]["approved"]][["person", "hours"]],
                         courses[["person", "hours"]]])
    per_person = singles.groupby("person")["hours"].agg(["sum", "max"]).reset_index()
    people = f["people"].merge(per_person, on="person", how="left").fillna(0)
    plan_info = pd.DataFrame([{"institute": p.institute, "培训名称": p.figures.name,
                               "参会人数": p.figures.attendees, "工作人数": p.figures.staff,
                               "经费开支": float(p.figures.expense)} for p in data.plans])
    for code, group in people.groupby("institute"):
        tables = {
            "class-stats": plan_info[plan_info["institute"] == code],
            "backbone": group[(group["sum"] >= 100) & (group["max"] > 40)],
            "summary": figures.loc[[code]].T.reset_index(),
            "staff-overview": group,
        }
        for name, frame in tables.items():
            frame.to_excel(out / f"{code}-{name}.xlsx", index=False, engine="openpyxl")
            columns = tuple(Column(str(c), str(c)) for c in frame.columns)
            reportlab_table(columns, frame.astype(str).values.tolist(),
                            out / f"{code}-{name}.pdf", None)


def xlsxwriter_styled(document: Document, path: Path) -> Path:
    """The staff overview as casedu lays it out, by xlsxwriter in ``constant_memory`` mode: the
    same cells with the same formats (fonts, borders, number formats, header fill, red rows,
    wrapping, text that looks like a formula kept as text), widths, row heights, merged title
    and group header, frozen header, print titles, A4 in the document's orientation fitted to
    the width, centred, margins and footer. Only the first table of ``document`` is written,
    as the staff overview has one."""
    import xlsxwriter

    from casedu.exporters.cells import NUMBER_FORMATS, header_spans, marked_cells
    from casedu.exporters.widths import sheet_widths, wrapped_lines
    from casedu.reports.document import Kind

    target = path.with_suffix(".xlsx")
    table = document.tables[0]
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = workbook.add_worksheet(document.title[:31])
    base = {"font_name": "宋体", "font_size": 10}
    title = workbook.add_format({**base, "font_size": 16, "bold": True, "align": "center",
                                 "valign": "vcenter"})
    subtitle = workbook.add_format({**base, "font_size": 11, "bold": True, "align": "center"})
    header = workbook.add_format({**base, "bold": True, "bg_color": "#D9D9D9", "border": 1,
                                  "border_color": "#808080", "align": "center",
                                  "valign": "vcenter", "text_wrap": True})
    stamp = workbook.add_format({**base, "font_size": 11, "valign": "top"})
    formats: dict[tuple[Any, ...], Any] = {}

    def cell_format(kind: Kind, wrap: bool, red: bool, bold: bool, quoted: bool) -> Any:
        key = (kind, wrap, red, bold, quoted)
        found = formats.get(key)
        if found is None:
            spec: dict[str, Any] = {**base, "border": 1, "border_color": "#808080",
                                    "valign": "top", "bold": bold, "text_wrap": wrap,
                                    "quote_prefix": quoted}
            if kind in NUMBER_FORMATS:
                spec["num_format"] = NUMBER_FORMATS[kind]
                if kind is not Kind.DATE:
                    spec["align"] = "right"
            if red:
                spec.update(bg_color="#FFC7CE", font_color="#9C0006")
            found = formats[key] = workbook.add_format(spec)
        return found

    widths = sheet_widths(document)
    for i, width in enumerate(widths):
        sheet.set_column(i, i, width)
    if document.orientation is Orientation.LANDSCAPE:
        sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_footer(f"&L&7 {document.footer.replace('&', '&&')[:200]}"
                     "&R&9 第 &P 页 / 共 &N 页")
    last = len(table.columns) - 1
    sheet.set_row(0, 28)
    sheet.merge_range(0, 0, 0, last, document.title, title)
    sheet.merge_range(1, 0, 1, last, document.subtitle, subtitle)
    row = 3
    first_header = row
    if table.has_groups:
        for span in header_spans(table):
            if span.group is not None and span.last > span.first:
                sheet.merge_range(row, span.first, row, span.last, span.title, header)
            elif span.group is None:
                sheet.merge_range(row, span.first, row + 1, span.first, span.title, header)
            else:
                sheet.write_string(row, span.first, span.title, header)
        row += 1
        sheet.set_row(row, 30)
        for i, column in enumerate(table.columns):
            if column.group:
                sheet.write_string(row, i, column.title, header)
    else:
        sheet.set_row(row, 30)
        for i, column in enumerate(table.columns):
            sheet.write_string(row, i, column.title, header)
    sheet.repeat_rows(first_header, row)
    sheet.freeze_panes(row + 1, 0)
    for data_row in table.rows:
        row += 1
        red = Mark.NOT_IMPLEMENTED in data_row.marks
        bold = Mark.TOTAL in data_row.marks
        lines = wrapped_lines(table, widths, data_row)
        if lines > 1:
            sheet.set_row(row, 13.5 * lines + 2)
        for i, (column, (value, kind)) in enumerate(zip(table.columns,
                                                         marked_cells(table, data_row),
                                                         strict=True)):
            if value is None:
                sheet.write_blank(row, i, None, cell_format(kind, column.wrap, red, bold, False))
            elif kind in NUMBER_FORMATS and isinstance(value, (int, Decimal)) \
                    and not isinstance(value, bool):
                sheet.write_number(row, i, value, cell_format(kind, column.wrap, red, bold,
                                                              False))
            else:
                text = display(value, kind)
                quoted = text.startswith(("=", "+", "-", "@", "\t", "\r"))
                sheet.write_string(row, i, text, cell_format(kind, column.wrap, red, bold,
                                                              quoted))
    row += 2
    labels = document.stamp
    sheet.set_row(row, 20)
    sheet.write_string(row, 0, f"{labels.filing_label}：{document.institute}", stamp)
    right = max(last - 1, 2)
    sheet.set_row(row + 1, 40)
    sheet.write_string(row + 1, 0, labels.signer_label + "：", stamp)
    sheet.write_string(row + 1, right, labels.unit_label + "：", stamp)
    sheet.set_row(row + 2, 24)
    sheet.write_string(row + 2, 0, labels.preparer_line, stamp)
    sheet.write_string(row + 2, right, labels.date_label, stamp)
    workbook.close()
    return target
