"""How wide text is in columns (a terminal's, a spreadsheet's): a Chinese character takes two."""

from __future__ import annotations

import unicodedata

__all__ = ["display_width"]

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
