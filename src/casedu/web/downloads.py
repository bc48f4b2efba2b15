"""Files the pages hand out: the right media type, and a ``Content-Disposition`` whose name
survives in every browser (RFC 6266): an ASCII name for the oldest, and the Chinese name in
UTF-8 (RFC 5987, ``filename*``) for the others.

>>> answer = attachment(b"x", "统计表.xlsx", fallback="class-stats.xlsx")
>>> print(answer.headers["content-disposition"])
attachment; filename="class-stats.xlsx"; filename*=UTF-8''%E7%BB%9F%E8%AE%A1%E8%A1%A8.xlsx
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from starlette.responses import Response

from casedu.errors import InvalidValueError
from casedu.reports import Document

__all__ = ["FORMATS", "attachment", "download", "format_of", "media_type", "safe_names",
           "template_download"]

#: What 导出 offers, as (format, label): the spreadsheets the manual stamps, and a PDF.
FORMATS = (("xlsx", "Excel（xlsx）"), ("ods", "OpenDocument（ods）"), ("pdf", "PDF"))

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_SEPARATORS = re.compile(r"[\\/\x00-\x1f\x7f]")

def media_type(filename: str) -> str:
    """The media type of a file the pages hand out: its format's, as its exporter declares it
    (a plugin's too), by the name's suffix."""
    from casedu.exporters import get_exporter
    from casedu.exporters.registry import format_of_suffix

    name = format_of_suffix(filename)
    return get_exporter(name).media_type if name is not None else "application/octet-stream"


def attachment(content: bytes, filename: str, *, fallback: str) -> Response:
    """``content`` to be saved as ``filename``; ``fallback`` is its ASCII name."""
    media = media_type(filename)
    if not fallback.isascii() or any(c in fallback for c in '"\\\r\n;'):
        raise ValueError(f"a fallback file name is plain ASCII, not {fallback!r}")
    disposition = (f'attachment; filename="{fallback}"; '
                   f"filename*=UTF-8''{quote(filename, safe='')}")
    return Response(content, media_type=media,
                    headers={"Content-Disposition": disposition})


def template_download(kind: str, filename: str) -> Response:
    """The import template of ``kind`` (``casedu template KIND``) as an xlsx download."""
    from casedu.importers import write_template

    with tempfile.TemporaryDirectory(prefix="casedu-template-") as folder:
        path = write_template(kind, Path(folder) / f"{kind}.xlsx")
        content = path.read_bytes()
    return attachment(content, filename, fallback=f"{kind}-template.xlsx")


def format_of(value: str | None) -> str:
    """The format a 导出 form asked for (xlsx when none), or a refusal naming the choices."""
    wanted = (value or "xlsx").lower()
    if wanted not in dict(FORMATS):
        raise InvalidValueError(f"可选 {', '.join(name for name, _ in FORMATS)}，"
                                f"不是 {value!r}", field="格式")
    return wanted


def safe_names(filename: str, fallback: str) -> tuple[str, str]:
    """A file name and its ASCII fallback made of any text (an institute's code): a path
    separator or control character of the name becomes ``_``, and so does any character of the
    fallback but ASCII letters, digits, ``.``, ``-`` and ``_``.

    >>> safe_names('总结/2026.xlsx', 'I"OP 2026.xlsx')
    ('总结_2026.xlsx', 'I_OP_2026.xlsx')
    """
    return _SEPARATORS.sub("_", filename), _UNSAFE.sub("_", fallback)


def download(documents: Sequence[Document], format_name: str, *, stem: str,
             fallback: str) -> Response:
    """``documents`` (one report, or the same report of several years in one file, a sheet or
    a section each) rendered by the library's exporter of ``format_name``, named ``stem``
    (Chinese) or ``fallback`` (ASCII) with the format's suffix."""
    from casedu.exporters import export, export_many, get_exporter

    suffix = get_exporter(format_name).suffix
    body = export(documents[0], format_name) if len(documents) == 1 else export_many(
        list(documents), format_name, names=[f"{d.year}年度" for d in documents])
    assert isinstance(body, bytes)  # no target: the bytes
    name, plain = safe_names(f"{stem}{suffix}", f"{fallback}{suffix}")
    return attachment(body, name, fallback=plain)
