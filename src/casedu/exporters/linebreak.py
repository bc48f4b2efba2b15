"""Breaking text into lines the way Chinese print does, for exporters that lay out their own
lines (the PDF) and measure columns (every table format).

Text is cut into unbreakable tokens: a number, date, amount, percentage, phone number, code or
Latin word stays whole (``386,275.00``, ``2026-01-08``, ``010-82644670``, ``98.6%``); each Chinese
character is a token of its own; closing punctuation (``，。）%`` …) sticks to the token before it,
so no line starts with it, and opening punctuation (``（《“`` …) sticks to the token after it, so
no line ends with it. Lines are filled greedily; only a token wider than the whole line is cut.

>>> measure = len
>>> break_lines("培训时间为2026-01-08，地点在北京（怀柔）。", 10, measure)
['培训时间为', '2026-01-08，', '地点在北京（怀柔）。']
>>> break_lines("合计 386,275.00 元", 10, measure)
['合计', '386,275.00', '元']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["Measure", "break_lines", "longest_token", "tokens"]

Measure = Callable[[str], float]

_OPENING = "([{（［｛【〔〖《〈「『“‘+"
_CLOSING = ")]}）］｝】〕〗》〉」』”’，。、；：？！,.;:?!%％·…—–~～"
_JOINERS = ".,:/@_+-–~#&'’()\ue000"

_TOKEN = re.compile(
    f"[{re.escape(_OPENING)}]*"
    f"(?:[0-9A-Za-z](?:[0-9A-Za-z]|[{re.escape(_JOINERS)}](?=[0-9A-Za-z]))*"
    r"|\S)"
    f"[{re.escape(_CLOSING)}]*"
)


_LATIN_TOKEN = re.compile(
    f"[{re.escape(_OPENING)}]*"
    f"[0-9A-Za-z](?:[0-9A-Za-z]|[{re.escape(_JOINERS)}](?=[0-9A-Za-z]))*"
    f"[{re.escape(_CLOSING)}]*"
)
_CJK_TOKEN = re.compile(f"[{re.escape(_OPENING)}]*\\S[{re.escape(_CLOSING)}]+")


def tokens(text: str) -> list[str]:
    """The unbreakable tokens of one line of text, without the spaces between them.

    >>> tokens("（共98.6%）参会 Li Lei (010)8264-9000")
    ['（共', '98.6%）', '参', '会', 'Li', 'Lei', '(010)8264-9000']
    """
    return _TOKEN.findall(text)


#: Digit groups separated by single spaces (a phone number written ``+86 10 8264 9000``) are
#: glued by a private character while lines are broken, so they are never broken either.
_SPACED_DIGITS = re.compile(r"\+?\d+(?: \d+)+")
_GLUE = "\ue000"


def _words(line: str) -> Iterable[list[str]]:
    """The space-separated words of a line, each as its tokens (joined without a space)."""
    glued = _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", _GLUE), line)
    for word in glued.split():
        yield tokens(word)


def break_lines(text: str, width: float, measure_text: Measure) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (as ``measure`` counts), keeping its
    own line breaks. A token wider than ``width`` is the only thing ever cut."""
    lines: list[str] = []

    def measure(part: str) -> float:
        return measure_text(part.replace(_GLUE, " "))

    space = measure(" ")
    for paragraph in text.split("\n"):
        current = ""
        used = 0.0
        for word in _words(paragraph):
            for position, token in enumerate(word):
                size = measure(token)
                gap = space if position == 0 and current else 0.0
                if current and used + gap + size <= width:
                    current += (" " if gap else "") + token
                    used += gap + size
                    continue
                if current:
                    lines.append(current)
                    current, used = "", 0.0
                if size <= width:
                    current, used = token, size
                    continue
                pieces = _cut(token, width, measure)
                lines.extend(pieces[:-1])
                current = pieces[-1]
                used = measure(current)
        lines.append(current)
    return [line.replace(_GLUE, " ") for line in lines]


def _cut(token: str, width: float, measure: Measure) -> list[str]:
    """A token wider than a whole line, cut by characters (a very long URL or id)."""
    pieces: list[str] = []
    current = ""
    for char in token:
        if current and measure(current + char) > width and char not in _CLOSING:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def longest_token(text: str, measure: Measure) -> float:
    """The width of the widest unbreakable token of ``text``: the least a column can be.

    >>> longest_token("电话 010-82644670", len), longest_token("培训成效良好。", len)
    (12, 2)
    """
    glued = _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", _GLUE), text)
    # the widest token is a run of Latin letters and digits, or a character with punctuation
    # stuck to it (a lone character is no wider than the half title every column fits): found
    # by regular expressions, measured only then
    candidates = {*_LATIN_TOKEN.findall(glued), *_CJK_TOKEN.findall(glued)}
    if not candidates:
        candidates = {char for char in glued[:64] if not char.isspace()}
    return max((measure(token.replace(_GLUE, " ")) for token in candidates), default=0)
