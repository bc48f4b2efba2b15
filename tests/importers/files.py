"""Writing the spreadsheets that the importer tests read."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P


def write_rows(path: Path, rows: list[list[object]]) -> Path:
    """Rows into an xlsx, ods or csv file, by the suffix."""
    if path.suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "人员"
        for row in rows:
            sheet.append(row)
        workbook.save(path)
    elif path.suffix == ".ods":
        document = OpenDocumentSpreadsheet()
        table = Table(name="人员")
        for values in rows:
            row = TableRow()
            for value in values:
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell = TableCell(valuetype="float", value=value)
                else:
                    cell = TableCell(valuetype="string")
                cell.addElement(P(text="" if value is None else str(value)))
                row.addElement(cell)
            table.addElement(row)
        document.spreadsheet.addElement(table)
        document.save(str(path))
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows(rows)
    return path
