"""A file uploaded for an import, held between its dry run and 确认导入.

As django-import-export does between its two steps, the file is kept in a folder of its own
(``casedu-uploads`` in the system's temporary folder, shared by the server's workers) under a
name that only the session which uploaded it can ask for: the SHA-256 of the session's key and
a random token that the dry run's page carries. 确认导入 reads it again against the data of
that moment, then removes it; a file left for an hour is removed at the next upload.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from casedu.errors import InvalidValueError

__all__ = ["FOLDER", "KEEP", "SUFFIXES", "drop", "held", "hold"]

#: Where uploads wait for 确认导入.
FOLDER = Path(tempfile.gettempdir()) / "casedu-uploads"
#: How long an upload waits, in seconds.
KEEP = 3600
#: The files an import reads.
SUFFIXES = (".xlsx", ".ods", ".csv")

_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def hold(session_key: str, filename: str, data: bytes) -> str:
    """Keep ``data`` for the session; the token that finds it again."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidValueError(f"请上传 {'、'.join(SUFFIXES)} 文件，不是 {filename!r}",
                                field="文件")
    FOLDER.mkdir(mode=0o700, exist_ok=True)
    _sweep()
    token = secrets.token_urlsafe(16)
    path = FOLDER / f"{_name(session_key, token)}{suffix}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    return token


def held(session_key: str, token: str) -> Path:
    """The file the session's token names, or a refusal saying to upload it again."""
    if _TOKEN.fullmatch(token or ""):
        name = _name(session_key, token)
        for suffix in SUFFIXES:
            path = FOLDER / f"{name}{suffix}"
            if path.is_file() and time.time() - path.stat().st_mtime < KEEP:
                return path
    raise InvalidValueError("上传的文件已过期或已导入，请重新上传", field="文件")


def drop(path: Path) -> None:
    """Remove a held file (imported, or no longer wanted)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _name(session_key: str, token: str) -> str:
    return hashlib.sha256(f"{session_key}:{token}".encode()).hexdigest()


def _sweep() -> None:
    now = time.time()
    for path in FOLDER.iterdir():
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime >= KEEP:
                path.unlink()
