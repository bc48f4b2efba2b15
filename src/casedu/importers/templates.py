"""Empty import templates with an instructions sheet (``casedu template KIND``)."""

from __future__ import annotations

import os
from pathlib import Path

from casedu.errors import ExporterError, UnknownRecordError, expect
from casedu.files import atomic_output
from casedu.importers.kinds import KINDS

__all__ = ["write_template"]


def write_template(kind: str, path: str | os.PathLike[str]) -> Path:
    """Write the template of ``kind`` as xlsx, ods or csv (by the suffix of ``path``);
    ``workbook`` is a whole dataset, one sheet per record kind (xlsx or ods)."""
    expect("kind", kind, str, what="a template kind such as 'people'")
    expect("path", path, str, os.PathLike, what="a file's path (str or pathlib.Path)")
    target = Path(path)
    suffix = target.suffix.lower()
    if kind == "workbook":
        return _workbook_template(target, suffix)
    if kind not in KINDS:
        raise UnknownRecordError(f"no template {kind!r}; the templates are "
                                 f"{', '.join((*KINDS, 'workbook'))}")
    spec = KINDS[kind]
    headers = [f"{f.header}*" if f.required else f.header for f in spec.fields]
    notes = [
        ("列 column", "必填 required", "说明 help"),
        *((f.header, "是" if f.required else "否",
           f.help or ("/".join(f.aliases) if f.aliases else "")) for f in spec.fields),
    ]
    with atomic_output(target) as stream:
        if suffix == ".xlsx":
            from openpyxl import Workbook
            from openpyxl.styles import Font

            workbook = Workbook()
            sheet = workbook.active
            sheet.title = spec.title
            sheet.append(headers)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
            info = workbook.create_sheet("说明 instructions")
            info.append([spec.instructions])
            info.append([])
            for line in notes:
                info.append(list(line))
            workbook.save(stream)
        elif suffix == ".ods":
            _ods_template(stream, spec.title, headers, spec.instructions, notes)
        elif suffix == ".csv":
            import csv
            import io

            text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            csv.writer(text).writerow(headers)
            text.flush()
            text.detach()
        else:
            raise ExporterError(f"a template is .xlsx, .ods or .csv, not {suffix or 'no suffix'}")
    return target


def _ods_template(stream: object, title: str, headers: list[str], instructions: str,
                  notes: list[tuple[str, str, str]]) -> None:
    """A template and its instructions as two sheets."""
    _write_ods(stream, [(title, [headers]),
                        ("说明 instructions", [[instructions], [], *[list(n) for n in notes]])])


def _write_ods(stream: object, sheets: list[tuple[str, list[list[str]]]]) -> None:
    """Small sheets of text by odfpy, which serves here: a template is a few rows, where
    odfpy's whole document in memory costs milliseconds (reports and imports, at thousands of
    rows, use casedu's own streamed ods; docs/dependencies.md has the measurements)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets:
        table = Table(name=name)
        for values in rows:
            row = TableRow()
            for value in values:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                row.addElement(cell)
            table.addElement(row)
        document.spreadsheet.addElement(table)
    document.write(stream)


def _workbook_template(target: Path, suffix: str) -> Path:
    from casedu.importers.workbook import SHEETS

    sheets = [(title, [f"{f.header}*" if f.required else f.header for f in fields])
              for title, fields in SHEETS.items()]
    with atomic_output(target) as stream:
        if suffix == ".xlsx":
            from openpyxl import Workbook

            workbook = Workbook()
            workbook.remove(workbook.active)
            for title, headers in sheets:
                workbook.create_sheet(title).append(headers)
            workbook.save(stream)
        elif suffix == ".ods":
            _write_ods(stream, [(title, [headers]) for title, headers in sheets])
        else:
            raise ExporterError(f"a workbook template is .xlsx or .ods, not {suffix or 'none'}")
    return target
