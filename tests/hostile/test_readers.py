"""No input takes the process down or escapes as a traceback: every spreadsheet reader raises
only a CaseduError naming the file and, where there is one, the place."""

from __future__ import annotations

import random
import subprocess
import sys
import zipfile
from decimal import Decimal

import pytest

from casedu.errors import CaseduError
from casedu.importers.reading import READER_ENV, FileRefusedError, Limits, read_rows
from tests.hostile.files import flip_inside_entry, rezipped, sheet_entry, valid


@pytest.fixture(params=["calamine", "openpyxl"])
def xlsx_reader(request, monkeypatch):
    monkeypatch.setenv(READER_ENV, request.param)
    return request.param


def far_cells(path, refs=("A1", "XFD1048576")):
    """An xlsx whose cells sit at ``refs`` (written by hand: no library needed)."""
    cells = "".join(f'<row r="{"".join(c for c in r if c.isdigit())}"><c r="{r}" '
                    f't="inlineStr"><is><t>x</t></is></c></row>' for r in refs)
    dimension = f"{refs[0]}:{refs[-1]}"
    return rezipped(valid(path.with_name("seed.xlsx")), path,
                    "xl/worksheets/sheet1.xml",
                    lambda _: (
                        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        f'main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData>'
                        '</worksheet>').encode())


@pytest.mark.parametrize(("refs", "message"), [
    (("A1", "XFD1048576"), "column XFD"),
    (("A1", "IW1"), "column IW"),
    (("A1", "A1048576"), "row 1048576"),
    (("A1", "AAAAAA1"), "column AAAAAA"),
    (("A1", "A99999999999"), "row 9999999999"),
])
def test_far_cells_are_refused_before_any_reader_allocates_them(tmp_path, xlsx_reader, refs,
                                                                message):
    path = far_cells(tmp_path / "far.xlsx", refs)
    with pytest.raises(FileRefusedError, match=message) as info:
        list(read_rows(path))
    assert str(path) in str(info.value)


def test_cells_just_inside_the_limits_are_read(tmp_path, xlsx_reader):
    limits = Limits(max_rows=2000)
    column = "IV"  # 256, the last column read
    path = far_cells(tmp_path / "edge.xlsx", ("A1", f"{column}{limits.max_rows}"))
    rows = list(read_rows(path, limits=limits))
    assert rows[-1].number == limits.max_rows and len(rows[-1].cells) == 256


def test_a_used_range_of_too_many_cells_is_refused(tmp_path, xlsx_reader):
    path = far_cells(tmp_path / "wide.xlsx", ("A1", "IV100000"))
    with pytest.raises(FileRefusedError, match="spans 100000 rows × 256 columns"):
        list(read_rows(path, limits=Limits(max_cells=1_000_000)))


def test_the_process_survives_the_file_that_aborted_it(tmp_path):
    """The file of the report: read in a child process, which must end normally."""
    path = far_cells(tmp_path / "far.xlsx")
    code = ("import sys\nfrom casedu.importers.reading import read_rows\n"
            "try:\n    list(read_rows(sys.argv[1]))\nexcept Exception as e:\n"
            "    print(type(e).__name__, e)\n")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.startswith("FileRefusedError") and "column XFD" in result.stdout


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_damaged_zips_are_refused(tmp_path, suffix, monkeypatch):
    damaged = flip_inside_entry(valid(tmp_path / f"seed{suffix}"), tmp_path / f"bad{suffix}")
    for reader in ("calamine", "openpyxl"):
        monkeypatch.setenv(READER_ENV, reader)
        with pytest.raises(FileRefusedError) as info:
            list(read_rows(damaged))
        assert str(damaged) in str(info.value)


@pytest.mark.parametrize("keep", [10, 100, 1000, -10])
@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_truncated_files_are_refused(tmp_path, suffix, keep, xlsx_reader):
    data = valid(tmp_path / f"seed{suffix}").read_bytes()
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(data[:keep])
    with pytest.raises(FileRefusedError, match="cut"):
        list(read_rows(path))


def ods_with(path, row_xml):
    seed = valid(path.with_name("seed.ods"))
    return rezipped(seed, path, "content.xml", lambda data: data.replace(
        b"</table:table>", row_xml.encode() + b"</table:table>", 1))


ODS_CELLS = [
    ('<table:table-row table:number-rows-repeated="lots"><table:table-cell office:value-type='
     '"string"><text:p>x</text:p></table:table-cell></table:table-row>',
     "row 4: number-rows-repeated is 'lots', not a count"),
    ('<table:table-row table:number-rows-repeated="-3"><table:table-cell office:value-type='
     '"string"><text:p>x</text:p></table:table-cell></table:table-row>',
     "number-rows-repeated is '-3'"),
    ('<table:table-row><table:table-cell table:number-columns-repeated="9e9" office:value-type='
     '"string"><text:p>x</text:p></table:table-cell></table:table-row>',
     "number-columns-repeated is '9e9'"),
    ('<table:table-row><table:table-cell office:value-type="float" office:value="abc">'
     '</table:table-cell></table:table-row>', "row 4 column 1: office:value 'abc' is not a"),
    ('<table:table-row><table:table-cell office:value-type="float" office:value="NaN">'
     '</table:table-cell></table:table-row>', "office:value 'NaN' is not a number of the digits"),
    # Decimal() reads every script's digits: office:value="4٠" was 40
    ('<table:table-row><table:table-cell office:value-type="float" office:value="4٠">'
     '</table:table-cell></table:table-row>',
     "row 4 column 1: office:value '4٠' is not a number of the digits 0-9 and a dot"),
    ('<table:table-row><table:table-cell office:value-type="float" office:value="４０">'
     '</table:table-cell></table:table-row>', "office:value '４０' is not a number of the digits"),
    ('<table:table-row table:number-rows-repeated="٣"><table:table-cell office:value-type='
     '"string"><text:p>x</text:p></table:table-cell></table:table-row>',
     "row 4: number-rows-repeated is '٣', not a count"),
    ('<table:table-row><table:table-cell/><table:table-cell office:value-type="date" '
     'office:date-value="2026-02-30"></table:table-cell></table:table-row>',
     "row 4 column 2: office:date-value '2026-02-30' is not a date"),
    ('<table:table-row><table:table-cell office:value-type="date" office:date-value="">'
     '</table:table-cell></table:table-row>', "office:date-value '' is not a date"),
    ('<table:table-row><table:table-cell office:value-type="float"></table:table-cell>'
     '</table:table-row>', "office:value '' is not a number"),
]


@pytest.mark.parametrize(("row", "message"), ODS_CELLS, ids=[m[:30] for _, m in ODS_CELLS])
def test_bad_ods_attributes_are_refused_with_their_place(tmp_path, row, message):
    path = ods_with(tmp_path / "bad.ods", row)
    with pytest.raises(FileRefusedError, match=r"bad\.ods") as info:
        list(read_rows(path))
    assert message in str(info.value)


def test_ods_numbers_as_they_are_written_are_read(tmp_path):
    path = ods_with(tmp_path / "n.ods", '<table:table-row><table:table-cell office:value-type='
                    '"float" office:value="1.5E3"/><table:table-cell office:value-type="float" '
                    'office:value="-0.25"/><table:table-cell office:value-type="currency" '
                    'office:value="1234567"/></table:table-row>')
    assert list(read_rows(path))[-1].cells == (1500, Decimal("-0.25"), 1234567)


def number_cells(path, values, prefix=""):
    """An xlsx of one row of number cells holding ``values`` as their XML text."""
    p = f"{prefix}:" if prefix else ""
    space = f' xmlns:{prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' \
        if prefix else ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    cells = "".join(f'<{p}c r="{chr(65 + i)}1"{kind}><{p}v>{v}</{p}v></{p}c>'
                    for i, (v, kind) in enumerate(values))
    return rezipped(valid(path.with_name("seed.xlsx")), path, "xl/worksheets/sheet1.xml",
                    lambda _: (f'<{p}worksheet{space}><{p}sheetData><{p}row r="1">{cells}'
                               f'</{p}row></{p}sheetData></{p}worksheet>').encode())


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize(("value", "kind"), [
    ("4٠", ""), ("٤٠", ' t="n"'), ("４０", ""), ("40,5", ""), ("4 0", ""), ("NaN", "")])
def test_xlsx_number_cells_of_other_digits_are_refused_naming_the_cell(tmp_path, xlsx_reader,
                                                                       prefix, value, kind):
    """openpyxl reads a number cell with float() and int(), which took ``4٠`` as 40."""
    path = number_cells(tmp_path / "n.xlsx", [("1", ""), (value, kind)], prefix)
    with pytest.raises(FileRefusedError) as info:
        list(read_rows(path))
    assert f"sheet1.xml cell B1: a number cell holds {value!r}, not a number of the digits 0-9" \
        in str(info.value)


def test_xlsx_numbers_as_they_are_written_are_read(tmp_path, xlsx_reader):
    path = number_cells(tmp_path / "n.xlsx", [("1.5E3", ""), ("-0.25", ' t="n"'), ("7", ""),
                                              ("٤٠", ' t="str"')])
    (row,) = read_rows(path)
    assert row.cells == (1500, -0.25, 7, "٤٠")


def test_a_number_cell_cut_between_two_reads_is_checked_whole(tmp_path, xlsx_reader):
    """A worksheet is streamed a megabyte at a time: a cell across the cut is looked at whole."""
    values = [(str(i), "") for i in range(25)]
    base = number_cells(tmp_path / "base.xlsx", values)
    with zipfile.ZipFile(base) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    head = xml.index(b'<c r="B1">')
    size = (1 << 20) - head - 7 - 14  # the cut falls inside B1's value: '<c r="B1"><v>1|٠'

    pad = b"<!--" + random.Random(1).randbytes(size).hex().encode()[:size] + b"-->"
    bad = xml[:head] + pad + xml[head:].replace(b"<v>1</v>", "<v>1٠</v>".encode(), 1)
    path = rezipped(base, tmp_path / "cut.xlsx", "xl/worksheets/sheet1.xml", lambda _: bad)
    with pytest.raises(FileRefusedError, match="cell B1: a number cell holds '1٠'"):
        list(read_rows(path))


def test_a_huge_repeat_of_a_row_stops_at_the_row_limit(tmp_path):
    row = ('<table:table-row table:number-rows-repeated="999999999"><table:table-cell '
           'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    path = ods_with(tmp_path / "many.ods", row)
    with pytest.raises(FileRefusedError, match="more than 1000 rows"):
        list(read_rows(path, limits=Limits(max_rows=1000)))


def test_a_huge_repeat_of_a_cell_is_capped(tmp_path):
    row = ('<table:table-row><table:table-cell table:number-columns-repeated="999999999" '
           'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    (last,) = [r for r in read_rows(ods_with(tmp_path / "wide.ods", row)) if r.number == 4]
    assert len(last.cells) == 1024


@pytest.mark.parametrize(("content", "message"), [
    ('a,"' + "x" * 131_073 + '"\n', "line 1: field larger than field limit"),
    ("a,b\n" + "y" * (2 << 20), "line 2 is longer than 1048576 characters"),
    ('a,"unterminated\n' + "z\n" * 10, None),
])
def test_csv_fields_and_lines_are_bounded(tmp_path, content, message):
    path = tmp_path / "big.csv"
    path.write_text(content, encoding="utf-8")
    if message is None:  # the csv module reads it to the end: rows, not a crash
        assert list(read_rows(path))
        return
    with pytest.raises(FileRefusedError, match=r"big\.csv") as info:
        list(read_rows(path))
    assert message in str(info.value)


def test_a_300_mb_field_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.write(b'id,name\n1,"')
        block = b"x" * (1 << 20)
        for _ in range(300):
            stream.write(block)
        stream.write(b'"\n')
    import tracemalloc

    tracemalloc.start()
    with pytest.raises(FileRefusedError, match="longer than"):
        list(read_rows(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


@pytest.mark.parametrize(("data", "expected"), [
    (b"\xff\xfe\x00\x00garbage", None),
    ("姓名,部门\n张伟,一处\n".encode("gb18030"), ("姓名", "部门")),
    (b"\xef\xbb\xbfa,b\n", ("a", "b")),
    (b"", None),
    (b"a,b\x00c\n", None),
])
def test_csv_bytes_of_any_kind_are_read_or_refused(tmp_path, data, expected):
    path = tmp_path / "any.csv"
    path.write_bytes(data)
    try:
        rows = list(read_rows(path))
    except CaseduError as error:
        assert "any.csv" in str(error)
        return
    if expected is not None:
        assert rows[0].cells == expected


def test_a_missing_file_says_so(tmp_path):
    for suffix in (".xlsx", ".ods", ".csv"):
        with pytest.raises(FileRefusedError, match="no such file"):
            read_rows(tmp_path / f"missing{suffix}")


def test_a_directory_named_like_a_spreadsheet_is_refused(tmp_path):
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(FileRefusedError, match="no such file"):
        read_rows(tmp_path / "dir.xlsx")


def test_an_xlsx_that_is_a_zip_of_nothing_is_refused(tmp_path, xlsx_reader):
    path = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(path, "w"):
        pass
    with pytest.raises(FileRefusedError, match=r"empty\.xlsx"):
        list(read_rows(path))


def test_sheet_xml_that_is_not_xml_is_refused(tmp_path, xlsx_reader):
    seed = valid(tmp_path / "seed.xlsx")
    path = rezipped(seed, tmp_path / "junk.xlsx", sheet_entry(seed), lambda _: b"\x00\x01<<<>")
    try:  # calamine reads what it cannot parse as an empty sheet; openpyxl refuses it
        assert list(read_rows(path)) == []
    except FileRefusedError as error:
        assert "junk.xlsx" in str(error)
