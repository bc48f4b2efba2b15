"""The baselines that write and read files: what a straightforward script does with pandas and
the raw format libraries.

They write plain cells: faster to write, not what casedu promises (exact decimals, print
settings, marks). The comparison shows what casedu's care costs, or saves.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.academy import YEAR
from benchmarks.baselines import frames, pandas_figures
from casedu.exporters import export
from casedu.exporters.cells import display, typed_cells
from casedu.exporters.fonts import choose_font
from casedu.metrics import annual_figures, screen_backbone, year_hours
from casedu.model import Dataset
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.reports.class_stats import COLUMNS as CLASS_COLUMNS
from casedu.reports.document import Column, Document, Mark, Orientation, Row, Table

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
            (i + 1, f"科研安全与实验室管理专题培训第{i}期", i % 3 == 0, "全所职工及研究生",
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
    """The staff overview as casedu lays it out (:class:`casedu.exporters.sheetgrid.
    SheetLayout`: every cell with its format, the merges, widths, row heights, page breaks,
    frozen header, print titles, print area, page setup and footer), written by xlsxwriter in
    ``constant_memory`` mode."""
    import xlsxwriter

    from casedu.exporters.cells import NUMBER_FORMATS, looks_like_formula
    from casedu.exporters.sheetgrid import SheetLayout
    from casedu.exporters.xlsx.sheet import MARGINS, cell_style, footer_text

    target = path.with_suffix(".xlsx")
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = workbook.add_worksheet(document.title[:31])
    layout = SheetLayout(document)
    formats: dict[tuple[Any, ...], Any] = {}

    def cell_format(cell: Any, quoted: bool) -> Any:
        key = (cell.role, cell.kind, cell.red, cell.bold, quoted)
        found = formats.get(key)
        if found is None:
            style = cell_style(cell)
            spec: dict[str, Any] = {"font_name": style.font.name, "font_size": style.font.size,
                                    "bold": style.font.bold, "quote_prefix": quoted,
                                    "text_wrap": style.alignment.wrap}
            if style.font.color:
                spec["font_color"] = f"#{style.font.color}"
            if style.fill:
                spec["bg_color"] = f"#{style.fill}"
            if style.border:
                spec.update(border=1, border_color="#808080")
            if style.alignment.horizontal:
                spec["align"] = style.alignment.horizontal
            if style.alignment.vertical:
                spec["valign"] = {"center": "vcenter"}.get(style.alignment.vertical,
                                                           style.alignment.vertical)
            if style.number_format:
                spec["num_format"] = style.number_format
            found = formats[key] = workbook.add_format(spec)
        return found

    for i, width in enumerate(layout.units):
        sheet.set_column(i, i, width)
    if document.orientation is Orientation.LANDSCAPE:
        sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    left, right, top, bottom, _, footer = MARGINS
    sheet.set_margins(left=left, right=right, top=top, bottom=bottom)
    sheet.set_footer(footer_text(document), {"margin": footer})
    number = -1
    for number, row in enumerate(layout.rows()):
        sheet.set_row(number, row.height)
        for i, cell in enumerate(row.cells):
            if cell is None:
                continue
            value = cell.value
            if value is not None and not (cell.kind in NUMBER_FORMATS
                                          and isinstance(value, (int, Decimal))
                                          and not isinstance(value, bool)):
                value = display(value, cell.kind)
            quoted = isinstance(value, str) and looks_like_formula(value)
            look = cell_format(cell, quoted)
            if cell.across > 1 or cell.down > 1:
                sheet.merge_range(number, i, number + cell.down - 1, i + cell.across - 1,
                                  value if value is not None else "", look)
            elif value is None:
                sheet.write_blank(number, i, None, look)
            elif isinstance(value, str):
                sheet.write_string(number, i, value, look)
            else:
                sheet.write_number(number, i, value, look)
    if layout.print_titles is not None:
        sheet.repeat_rows(layout.print_titles[0] - 1, layout.print_titles[1] - 1)
    if layout.frozen is not None:
        sheet.freeze_panes(layout.frozen - 1, 0)
    sheet.print_area(0, 0, max(number, 0), layout.count - 1)
    sheet.set_h_pagebreaks([r - 1 for r in layout.breaks if r > 1])
    workbook.close()
    return target
