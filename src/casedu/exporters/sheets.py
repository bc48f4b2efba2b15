"""What the spreadsheet formats (xlsx, ods) share: the sheets' names."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["column_name", "sheet_title", "unique_titles"]


def unique_titles(titles: Sequence[str]) -> list[str]:
    """Sheet titles, cleaned and made unique (``总结``, ``总结 2``).

    >>> unique_titles(["IOP 2026", "IOP 2026", "a/b"])
    ['IOP 2026', 'IOP 2026 2', 'a_b']
    """
    seen: set[str] = set()
    out = []
    for title in titles:
        base = candidate = sheet_title(title)
        number = 2
        while candidate in seen:
            candidate = f"{base[:28]} {number}"
            number += 1
        seen.add(candidate)
        out.append(candidate)
    return out


def sheet_title(title: str) -> str:
    """A worksheet name: at most 31 characters, none of ``[]:*?/\\``.

    >>> sheet_title("培训项目执行情况表"), sheet_title("a/b" * 20)
    ('培训项目执行情况表', 'a_ba_ba_ba_ba_ba_ba_ba_ba_ba_ba')
    """
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31] or "Sheet"


def column_name(index: int) -> str:
    """The letters of the column ``index`` (1 is A, 27 is AA).

    >>> column_name(1), column_name(26), column_name(27), column_name(16384)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
