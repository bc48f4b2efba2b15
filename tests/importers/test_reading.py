"""Hostile and broken files are refused before or while they are read."""

import io
import zipfile

import pytest

from casedu.importers import FileRefusedError, Limits, read_rows
from tests.importers.files import write_rows

ROWS = [["人员编号", "姓名"], ["p1", "张伟"], ["p2", 7]]


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".csv"])
def test_each_format_reads_rows_with_their_numbers(tmp_path, suffix):
    path = write_rows(tmp_path / f"r{suffix}", ROWS)
    rows = list(read_rows(path))
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[1].cells[:2] == ("p1", "张伟")
    assert str(rows[2].cells[1]) in ("7", "7.0")


def test_gbk_csv_is_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("人员编号,姓名\np1,张伟\n".encode("gbk"))
    assert list(read_rows(path))[1].cells == ("p1", "张伟")


def test_unknown_suffix(tmp_path):
    with pytest.raises(FileRefusedError, match=r"\.xlsx, \.ods and \.csv"):
        read_rows(tmp_path / "roster.xls")


def test_a_zip_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(FileRefusedError, match="zip bomb"):
        read_rows(path)


def test_too_many_entries_and_too_large(tmp_path):
    path = tmp_path / "many.ods"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(30):
            archive.writestr(f"f{i}", b"x")
    with pytest.raises(FileRefusedError, match="entries"):
        read_rows(path, limits=Limits(max_entries=10))
    with pytest.raises(FileRefusedError, match="uncompressed"):
        read_rows(path, limits=Limits(max_uncompressed=10))


def rewritten(source, target, entry, change):
    """A copy of the zip ``source`` with ``entry`` passed through ``change``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, change(data) if item.filename == entry else data)
    return target


def with_laughs(data):
    body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
    assert b">p1<" in body
    return LAUGHS + body.replace(b">p1<", b">&lol3;<")


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def test_an_xml_entity_bomb_in_xlsx_is_refused(tmp_path):
    good = write_rows(tmp_path / "good.xlsx", ROWS)
    # openpyxl writes inline strings, in the sheet itself
    bad = rewritten(good, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", with_laughs)
    with pytest.raises(FileRefusedError):
        list(read_rows(bad))


def test_an_xml_entity_bomb_in_ods_is_refused(tmp_path):
    good = write_rows(tmp_path / "good.ods", ROWS)
    bad = rewritten(good, tmp_path / "bomb.ods", "content.xml", with_laughs)
    with pytest.raises(FileRefusedError, match="not safe or not well-formed"):
        list(read_rows(bad))


def test_a_truncated_ods_is_refused_not_read_as_empty(tmp_path):
    good = write_rows(tmp_path / "good.ods", ROWS)
    cut = tmp_path / "cut.ods"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(FileRefusedError):
        list(read_rows(cut))


def test_an_ods_with_broken_xml_is_refused(tmp_path):
    good = write_rows(tmp_path / "good.ods", ROWS)
    bad = rewritten(good, tmp_path / "broken.ods", "content.xml",
                    lambda data: data[: len(data) // 2])
    with pytest.raises(FileRefusedError, match="well-formed"):
        list(read_rows(bad))


def test_formulas_are_errors_with_their_place(tmp_path):
    path = write_rows(tmp_path / "f.xlsx", [["人员编号", "姓名"], ["p1", "=HYPERLINK(1)"]])
    with pytest.raises(FileRefusedError, match="row 2 column B: a formula"):
        list(read_rows(path))
    ods = write_rows(tmp_path / "f.ods", ROWS)
    bad = rewritten(ods, tmp_path / "formula.ods", "content.xml", lambda data: data.replace(
        b'office:value-type="float"', b'table:formula="of:=1+1" office:value-type="float"', 1))
    with pytest.raises(FileRefusedError, match="row 3 column 2: a formula"):
        list(read_rows(bad))


def test_rows_are_counted_against_a_limit(tmp_path):
    path = write_rows(tmp_path / "long.csv", [["a"]] * 30)
    with pytest.raises(FileRefusedError, match="more than 10 rows"):
        list(read_rows(path, limits=Limits(max_rows=10)))


def test_openpyxl_uses_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
    assert isinstance(openpyxl.Workbook(), openpyxl.Workbook) and io
