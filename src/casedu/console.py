"""Plain-text tables for a terminal, aligned for Chinese (a Chinese character is two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "render_table"]

_WIDTHS: dict[str, int] = {}  # character -> columns, learnt as characters are met


def _char_width(char: str) -> int:
    width = _WIDTHS.get(char)
    if width is None:
        width = _WIDTHS[char] = 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal.

    >>> display_width("abc"), display_width("学时"), display_width("A学")
    (3, 4, 3)
    """
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 right: Sequence[bool] | None = None) -> str:
    """A table with a header and a rule, columns padded to their widest cell.

    >>> rows = [["张伟", "120"], ["Li", "8.5"]]
    >>> print(render_table(["姓名", "hours"], rows, right=[False, True]))
    姓名  hours
    ----  -----
    张伟    120
    Li      8.5
    """
    align = list(right) if right is not None else [False] * len(headers)
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if align[i] else cell + pad)
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    return "\n".join(out)
