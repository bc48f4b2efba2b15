"""An ods template holds what the xlsx template of the same kind holds, sheet by sheet (odfpy
writes the ods, openpyxl the xlsx), read back by casedu's own readers."""

from __future__ import annotations

import pytest

from casedu.importers import read_rows, write_template
from casedu.importers.kinds import KINDS


def sheets(path):
    found: dict[str, list[list[str]]] = {}
    for row in read_rows(path, all_sheets=True):
        cells = [str(c) for c in row.cells if c not in (None, "")]
        found.setdefault(row.sheet, []).append(cells)
    return {name: [r for r in rows if r] for name, rows in found.items()}


@pytest.mark.parametrize("kind", [*KINDS, "workbook"])
def test_the_ods_template_is_the_xlsx_template(kind, tmp_path):
    ods = sheets(write_template(kind, tmp_path / "t.ods"))
    xlsx = sheets(write_template(kind, tmp_path / "t.xlsx"))
    assert ods == xlsx
    first = next(iter(ods.values()))[0]
    assert first and all(header for header in first)  # the headers on the first row
    if kind != "workbook":
        assert list(ods)[1] == "说明 instructions"
