"""xlsx: an Excel workbook streamed row by row, ready to print.

A4 in the document's orientation, fitted to the page width, the header rows repeated on every
printed page and frozen on screen, page numbers in the footer, not-implemented rows filled red,
numbers stored as numbers with their formats, and user text that looks like a formula kept as text.

casedu writes the SpreadsheetML itself, straight into the zip entry, as its ods exporter does:
openpyxl's write-only mode made a Python object, a style copy and an XML element of every cell:
for the academy's staff overview it took about four times as long as this writer, and about
twice as long as xlsxwriter's ``constant_memory`` mode writing the same styled sheet, which this
writer takes half of (docs/performance.md). The parts around the sheets are
:mod:`casedu.exporters.xlsx.package`; the theme is openpyxl's. openpyxl reads xlsx, and the tests
read every file back with it and open it in LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from typing import BinaryIO

from casedu.exporters.sheets import unique_titles
from casedu.exporters.xlsx.package import package_parts
from casedu.exporters.xlsx.sheet import SheetWriter
from casedu.exporters.xlsx.styles import Styles
from casedu.reports.document import Document

__all__ = ["XlsxExporter"]


class XlsxExporter:
    """Office Open XML workbook (Excel, WPS, LibreOffice)."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    description = "Excel workbook, streamed (flat memory), A4, print titles, red unimplemented rows"

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Write ``document`` as one worksheet."""
        self.write_many((document,), stream)

    def write_many(self, documents: Sequence[Document], stream: BinaryIO,
                   names: Sequence[str] | None = None) -> None:
        """Write several documents (an institute-year each) as one workbook, a sheet each."""
        from openpyxl.writer.theme import theme_xml

        styles = Styles()
        sheets = []
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            titles = unique_titles(names or [d.title for d in documents])
            for number, (title, document) in enumerate(zip(titles, documents, strict=True),
                                                       start=1):
                with archive.open(f"xl/worksheets/sheet{number}.xml", "w",
                                  force_zip64=True) as part:
                    sheets.append(SheetWriter(part, styles, title, document).write())
            for name, text in package_parts(sheets, styles, theme_xml,
                                            dt.datetime.now(dt.UTC)).items():
                archive.writestr(name, text)
