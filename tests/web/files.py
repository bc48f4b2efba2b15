"""Downloaded files opened as a person would: xlsx with openpyxl, ods with odfpy, pdf with
pypdf; each gives its rows of shown text, to check against the library's own figures."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote


def file_name(answer) -> str:
    """The Chinese file name of a download (``filename*``, RFC 5987)."""
    found = re.search(r"filename\*=UTF-8''([^;]+)", answer.headers["content-disposition"])
    assert found, answer.headers["content-disposition"]
    return unquote(found.group(1))


def xlsx_rows(body: bytes, sheet: int = 0) -> list[list]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body), read_only=True)
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def xlsx_sheets(body: bytes) -> list[str]:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(body), read_only=True).sheetnames


def ods_rows(body: bytes, sheet: int = 0) -> list[list[str]]:
    from odf import table, teletype, text
    from odf.opendocument import load

    doc = load(io.BytesIO(body))
    found = doc.spreadsheet.getElementsByType(table.Table)[sheet]
    rows = []
    for row in found.getElementsByType(table.TableRow):
        rows.append(["\n".join(teletype.extractText(p) for p in cell.getElementsByType(text.P))
                     for cell in row.getElementsByType(table.TableCell)])
    return rows


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def row_of(rows: list[list], first) -> list:
    """The row whose first cell is ``first``."""
    found = [r for r in rows if r and r[0] == first]
    assert len(found) == 1, (first, rows)
    return found[0]


def records(rows: list[list], key: str) -> list[dict]:
    """The table under the header row that has a column ``key``: each row as a dict by the
    header's titles (line breaks of a wrapped title taken out), up to the first empty row."""
    def title(cell) -> str:
        return str(cell or "").replace("\n", "")

    start = next(i for i, r in enumerate(rows) if key in [title(c) for c in r])
    header = [title(c) for c in rows[start]]
    found = []
    for row in rows[start + 1:]:
        if not any(c not in (None, "") for c in row):
            break
        found.append(dict(zip(header, row, strict=False)))
    return found
