"""Writing files whole or not at all: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_output", "part_file", "remove_stale_parts", "same_file"]

#: A temporary file whose writer is gone is removed after this many seconds even when its
#: process id cannot be read from its name.
STALE_AFTER = 24 * 3600


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (through links and ``..`` too).

    >>> same_file("a/../b.txt", "b.txt")
    True
    """
    a, b = Path(first), Path(second)
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def part_file(target: Path) -> tuple[int, Path]:
    """A new temporary file beside ``target``, named ``.NAME.<pid>.<random>.part`` so that a
    later writer can tell when its writer is gone (killed): see :func:`remove_stale_parts`."""
    remove_stale_parts(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part",
                                dir=target.parent)
    return fd, Path(name)


def remove_stale_parts(target: Path) -> list[Path]:
    """Remove the temporary files left beside ``target`` by writers that were killed (their
    process is gone, or the file is over a day old). Returns what was removed."""
    removed: list[Path] = []
    # ``.NAME.*.part`` with a SQLite file's companions (``.part-wal``, ``.part-shm``,
    # ``.part-journal``), read in one pass over the folder (a name is text, not a pattern)
    prefix = f".{target.name}."
    try:
        with os.scandir(target.parent) as entries:
            candidates = [target.parent / entry.name for entry in entries
                          if entry.name.startswith(prefix) and _is_part(entry.name, prefix)]
    except OSError:
        return removed
    for part in candidates:
        if _writer_alive(part.with_name(part.name.rsplit("-", 1)[0])
                         if not part.name.endswith(".part") else part, target.name):
            continue
        with contextlib.suppress(OSError):
            part.unlink()
            removed.append(part)
    return removed


def _is_part(name: str, prefix: str) -> bool:
    """Whether ``name`` (which starts with ``prefix``) is ``prefix*.part`` or
    ``prefix*.part-*``."""
    rest = name[len(prefix):]
    return rest.endswith(".part") or ".part-" in rest


def _writer_alive(part: Path, name: str) -> bool:
    middle = part.name[len(name) + 2:-len(".part")]
    pid_text = middle.split(".", 1)[0]
    try:
        age = time.time() - part.stat().st_mtime
    except FileNotFoundError:  # a companion whose file is gone: judged by the process
        age = 0.0
    except OSError:
        return True  # not ours to judge
    if not (pid_text.isascii() and pid_text.isdigit()) or sys.platform == "win32":
        return age < STALE_AFTER
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # a writer of this process, perhaps on another thread
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return age < STALE_AFTER  # someone else's process: alive
    return age < STALE_AFTER


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a binary stream whose content replaces ``path`` only if the block succeeds.

    On any error the temporary file is removed and ``path`` is left as it was.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_output(target) as stream:
    ...     _ = stream.write(b"whole")
    >>> target.read_bytes()
    b'whole'
    """
    target = Path(path)
    fd, temp = part_file(target)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
