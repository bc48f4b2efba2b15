"""Files the pages hand out: the right media type, and a ``Content-Disposition`` whose name
survives in every browser (RFC 6266): an ASCII name for the oldest, and the Chinese name in
UTF-8 (RFC 5987, ``filename*``) for the others.

>>> answer = attachment(b"x", "统计表.xlsx", fallback="class-stats.xlsx")
>>> print(answer.headers["content-disposition"])
attachment; filename="class-stats.xlsx"; filename*=UTF-8''%E7%BB%9F%E8%AE%A1%E8%A1%A8.xlsx
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.responses import Response

__all__ = ["attachment", "media_type", "template_download"]

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
