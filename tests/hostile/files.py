"""Hostile files for the reader tests, made from valid ones."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.importers.files import write_rows

ROWS = [["人员编号", "姓名"], ["q1", "张伟"], ["q2", "王芳"]]


def valid(path: Path) -> Path:
    """A small valid xlsx, ods or csv (by the suffix)."""
    return write_rows(path, [list(r) for r in ROWS])


def rezipped(source: Path, target: Path, entry: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the zip ``source`` with ``entry`` passed through ``change``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, change(data) if info.filename == entry else data)
    return target


def sheet_entry(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return next(n for n in archive.namelist()
                    if n.startswith("xl/worksheets/") or n == "content.xml")


def flip_inside_entry(source: Path, target: Path) -> Path:
    """Flip bytes inside the compressed data of the first sheet: a Bad CRC-32 or a zlib error."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(sheet_entry(source))
    # the local header is 30 bytes plus the name and extra field
    name_length = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30],
                                  "little")
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    for i in range(middle, middle + 8):
        data[i] ^= 0xFF
    target.write_bytes(bytes(data))
    return target
