"""Breaking text into lines the way Chinese print does (W3C clreq, JIS X 4051), for the exporters
that lay out their own lines (the PDF), measure columns and rows (every table format), or hand
a spreadsheet program text it will wrap.

Text is cut into unbreakable tokens: a number, date, amount, percentage, phone number, code or
Latin word stays whole (``386,275.00``, ``2026-01-08``, ``010-82644670``, ``98.6%``); each Chinese
character is a token of its own; a dash or an ellipsis of two characters (``——``, ``……``) is
never split, nor a blank to write on (``____``). Closing punctuation (the 点号 ``、，。：；？！``
and the closing 标号 ``）】」》”`` …) sticks to the token before it, so no line starts with it;
opening punctuation (``（【「《“`` …) sticks to the token after it, so no line ends with it.
Lines are filled greedily; only a token wider than the whole line is cut, and never before
closing punctuation.

>>> measure = len
>>> break_lines("培训时间为2026-01-08，地点在北京（怀柔）。", 10, measure)
['培训时间为', '2026-01-08，', '地点在北京（怀柔）。']
>>> break_lines("合计 386,275.00 元", 10, measure)
['合计', '386,275.00', '元']

Titles of columns and marks (:func:`title_lines`) are units of their own: they break only
between the words they are made of, into at most two lines of at least two characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Protocol, cast

__all__ = [
    "CLOSING",
    "MIN_LINES",
    "OPENING",
    "Measure",
    "UnitMeasure",
    "break_lines",
    "break_phrases",
    "line_spans",
    "longest_token",
    "tokens",
]

Measure = Callable[[str], float]

#: The fewest lines a text split across two pages leaves on either (no widow, no orphan).
MIN_LINES = 3

#: Characters that never end a line (clreq 3.1.7: opening quotes and brackets; and the plus
#: of a telephone number, +86).
OPENING = "([{（［｛【〔〖〘〈《「『“‘｟«+"
#: Characters that never start a line (clreq 3.1.7: the 点号 and the closing 标号, the middle
#: dot, the iteration marks; and their Latin kin). A dash or an ellipsis may start a line, but
#: is never split (``——``, ``……``).
CLOSING = ("、，。．：；？！）］｝】〕〗〙〉》」』”’｠»·・～〜々〻ー"
           ",.;:?!)]}%％‰℃°′″")
_JOINERS = ".,:/@_+-–~#&'’()\ue000"

_TOKEN = re.compile(
    f"[{re.escape(OPENING)}]*"
    f"(?:[0-9A-Za-z](?:[0-9A-Za-z]|[{re.escape(_JOINERS)}](?=[0-9A-Za-z]))*"
    r"|——|……|_+|\S)"
    f"[{re.escape(CLOSING)}]*"
)
_LATIN_TOKEN = re.compile(
    f"[{re.escape(OPENING)}]*"
    f"[0-9A-Za-z](?:[0-9A-Za-z]|[{re.escape(_JOINERS)}](?=[0-9A-Za-z]))*"
    f"[{re.escape(CLOSING)}]*"
)
_CJK_TOKEN = re.compile(f"[{re.escape(OPENING)}]*\\S[{re.escape(CLOSING)}]+")
#: Digit groups separated by single spaces (a phone number written ``+86 10 8264 9000``) are
#: glued by a private character while lines are broken, so they are never broken either.
_SPACED_DIGITS = re.compile(r"\+?\d+(?: \d+)+")
_GLUE = "\ue000"


def tokens(text: str) -> list[str]:
    """The unbreakable tokens of one line of text, without the spaces between them.

    >>> tokens("（共98.6%）参会 Li Lei (010)8264-9000")
    ['（共', '98.6%）', '参', '会', 'Li', 'Lei', '(010)8264-9000']
    >>> tokens("甲——乙……。")
    ['甲', '——', '乙', '……。']
    """
    return _TOKEN.findall(text)


def _glued(text: str) -> str:
    if " " not in text:  # (most texts: nothing to glue)
        return text
    return _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", _GLUE), text)


def _spans(paragraph: str, offset: int) -> Iterator[tuple[int, int, bool]]:
    """Each token of a line of text as (start, end, after a space), by offsets in the text."""
    glued = _glued(paragraph)
    spaced = False
    position = 0
    for match in _TOKEN.finditer(glued):
        start, end = match.span()
        yield start + offset, end + offset, spaced or (start > position)
        position = end
        spaced = False


def line_spans(text: str, width: float, measure_text: Measure) -> list[tuple[int, int]]:
    """Where :func:`break_lines` breaks ``text``: each line as (start, end) offsets into it, the
    spaces at a break belonging to no line. ``text[a:b]`` of every span, in order, holds every
    character of ``text`` but those spaces and the line breaks.

    >>> line_spans("甲乙，丙 丁", 2, len)
    [(0, 1), (1, 3), (3, 4), (5, 6)]

    A measure that adds up whole units per character (:class:`UnitMeasure`, the spreadsheets'
    model) breaks most paragraphs without measuring each token (:func:`_unit_lines`); the
    lines are the same.
    """
    lines: list[tuple[int, int]] = []
    # (not isinstance: a protocol's check reads its class's attributes every time)
    units = cast(UnitMeasure, measure_text) if hasattr(measure_text, "ascii_units") else None
    offset = 0
    for paragraph in text.split("\n"):
        found = None if units is None else _unit_lines(paragraph, offset, width, units)
        if found is None:
            _token_lines(text, paragraph, offset, width, measure_text, lines)
        else:
            lines.extend(found)
        offset += len(paragraph) + 1
    return lines


def _token_lines(text: str, paragraph: str, offset: int, width: float, measure_text: Measure,
                 lines: list[tuple[int, int]]) -> None:
    """The lines of one paragraph (at ``offset`` in ``text``), token by token."""
    space = measure_text(" ")
    first: int | None = None
    last = anchor = 0  # anchor: where the line's last token not starting with 、 starts
    used = 0.0
    for start, end, spaced in _spans(paragraph, offset):
        size = measure_text(text[start:end])
        gap = space if spaced and first is not None else 0.0
        closing = text[start] in CLOSING
        if first is not None and used + gap + size <= width:
            last, used = end, used + gap + size
            anchor = anchor if closing else start
            continue
        if first is not None and closing and (
                anchor == first or measure_text(text[anchor:end]) > width):
            # after a space, on a line of one token, or where the tokens it would take down
            # would not fit a line of their own: it hangs past the line's end (cutting them
            # would start a line with it all the same)
            last, used = end, used + gap + size
            continue
        if first is not None and closing:
            # closing punctuation after a space: the tokens from the anchor go down with it
            lines.append((first, _before_space(text, anchor)))
            first, start = None, anchor
            size = measure_text(text[start:end])
        elif first is not None:
            lines.append((first, last))
            first = None
        anchor = start
        if size <= width:
            first, last, used = start, end, size
            continue
        pieces = _cut(text, start, end, width, measure_text)
        lines.extend(pieces[:-1])
        first, last = anchor, _ = pieces[-1]
        used = measure_text(text[first:last])
    lines.append((first, last) if first is not None else (offset, offset))


class UnitMeasure(Protocol):
    """A measure whose width of a text is the sum of its characters' widths in whole units,
    ``unit`` long each: ``ascii_units[code]`` for an ASCII character, ``wide_units`` for any
    other (the spreadsheets' model, :mod:`casedu.exporters.sheetpage`)."""

    ascii_units: bytes
    wide_units: int
    unit: float

    def __call__(self, text: str) -> float: ...


#: What the unit lines leave to the token lines: a blank other than one space between
#: tokens, and closing punctuation after a space (where a line may hang or give back tokens).
_UNIT_UNSAFE = re.compile(f"\\s(?:(?<! )|[\\s{re.escape(CLOSING)}])")
_BLANK = re.compile(r"\s")
#: Characters that can belong to a token of several characters (besides ASCII and blanks).
_JOINING = frozenset(OPENING + CLOSING + _JOINERS + "—…")
#: Of those, the closing marks after which a token ends unless more closing marks follow
#: (、 ends 培训、 and 2026、 alike): the wide ones that join nothing.
_ENDS = frozenset(c for c in CLOSING if c >= "\x80" and c not in OPENING + _JOINERS + "—…")


@lru_cache(maxsize=8)
def _translation(ascii_units: bytes, wide_units: int) -> bytes:
    """A table for ``bytes.translate`` from a text encoded as ASCII, every other character
    replaced by ``?``, to each character's units."""
    table = bytearray(ascii_units[:128].ljust(256, bytes([wide_units])))
    table[ord("?")] = wide_units
    return bytes(table)


def _units_of(paragraph: str, units: UnitMeasure) -> bytes:
    """Each character's units, a byte each (made in C: encoded, then translated)."""
    if "?" in paragraph:  # a question mark of its own: not the stand-in for a wide character
        return bytes(units.ascii_units[ord(c)] if c < "\x80" else units.wide_units
                     for c in paragraph)
    table = _translation(units.ascii_units, units.wide_units)
    return paragraph.encode("ascii", "replace").translate(table)


def _unit_lines(paragraph: str, offset: int, width: float,
                units: UnitMeasure) -> list[tuple[int, int]] | None:
    """The lines of one paragraph as :func:`_token_lines` breaks it, found from the units of
    its characters (one byte each, so that a line's are summed in C): a line is first given
    as many characters as the line before held, then one character less or more until it
    fills the room; only the characters just before its end are looked at to know where a
    token ends. None where the paragraph needs the token lines (see :data:`_UNIT_UNSAFE`,
    and a token wider than a line)."""
    if not paragraph:
        return None
    if (" " in paragraph or not paragraph.isprintable()) and _BLANK.search(paragraph) \
            and (not paragraph.strip() or _UNIT_UNSAFE.search(paragraph)):
        return None  # (a paragraph with no blank is printable and has no space)
    each = _units_of(paragraph, units)
    wide = units.wide_units
    room = int(width / units.unit) + 1  # the most units a line holds
    while room >= 0 and room * units.unit > width:
        room -= 1
    start = 1 if paragraph[0] == " " else 0
    stop = len(paragraph) - (paragraph[-1] == " ")
    lines: list[tuple[int, int]] = []
    held = 0  # the characters the line before held: the next holds about as many
    while True:
        end = start + held
        if end > stop:
            end = stop
        used = sum(each[start:end])
        while used > room and end > start:  # too many
            end -= 1
            used -= each[end]
        while end < stop:
            more = (room - used) // wide
            if more > 1:  # so many characters fit even if every one is wide
                step = end + more
                if step > stop:
                    step = stop
                used += sum(each[end:step])
                end = step
            elif used + each[end] <= room:
                used += each[end]
                end += 1
            else:
                break
        if end >= stop:
            lines.append((start + offset, stop + offset))
            return lines
        if end <= start:  # not one character fits
            return None
        before, after = paragraph[end - 1], paragraph[end]
        if after not in CLOSING and before >= "\x80" and not before.isspace() and (
                before not in _JOINING or before in _ENDS):
            last = end  # most lines of Chinese: a token ends here for certain
        else:
            found = _token_end(paragraph, start, end)
            if found is None:
                return None
            last = found
        lines.append((start + offset, last + offset))
        held = end - start
        start = last + (paragraph[last] == " ")


#: Characters read past a line's end to know the token at it (a phone number's digits).
_LOOK = 64


def _token_end(paragraph: str, start: int, fit: int) -> int | None:
    """The last end of a token of the line from ``start`` at or before ``fit`` (and after
    ``start``). A token ends for certain after a character that only stands alone (a Chinese
    character) when no closing punctuation follows it: the tokens are read from the last such
    place, or from the line's start."""
    if fit <= start:
        return None
    at = fit
    if _alone(paragraph[at - 1]) and paragraph[at] not in CLOSING:  # most lines of Chinese
        return at
    while at > start and not (_alone(paragraph[at - 1]) and paragraph[at] not in CLOSING):
        at -= 1
    end = at if at > start else None
    window = paragraph[at:fit + _LOOK]
    for match in _TOKEN.finditer(_glued(window) if " " in window else window):
        if at + match.end() > fit:
            break
        end = at + match.end()
    return end


def _alone(char: str) -> bool:
    return char >= "\x80" and char not in _JOINING and not char.isspace()


def break_phrases(text: str, width: float, measure: Measure, separator: str = " · ") -> list[str]:
    """``text`` in lines broken where ``separator`` parts its phrases (a footer: the version,
    the rules, the fingerprint), a phrase wider than a line broken as :func:`break_lines` does.

    >>> break_phrases("casedu 1 · 规则: 甲乙 · 数据指纹 ab12", 12, len)
    ['casedu 1 ·', '规则: 甲乙 ·', '数据指纹 ab12']
    """
    lines: list[str] = []
    for phrase in text.split(separator):
        joined = f"{lines[-1]}{separator}{phrase}" if lines else phrase
        if lines and measure(joined) <= width:
            lines[-1] = joined
            continue
        if lines:  # the separator ends the line: a middle dot never starts one
            lines[-1] += separator.rstrip()
        lines.extend(break_lines(phrase, width, measure))
    return lines


def _before_space(text: str, end: int) -> int:
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return end


def break_lines(text: str, width: float, measure_text: Measure) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (as ``measure`` counts), keeping its
    own line breaks. A token wider than ``width`` is the only thing ever cut."""
    return [text[a:b] for a, b in line_spans(text, width, measure_text)]


def _cut(text: str, start: int, end: int, width: float,
         measure: Measure) -> list[tuple[int, int]]:
    """A token wider than a whole line, cut by characters (a very long URL or id), never
    before closing punctuation."""
    pieces: list[tuple[int, int]] = []
    first = start
    for i in range(start + 1, end):
        if measure(text[first:i + 1]) > width and text[i] not in CLOSING:
            pieces.append((first, i))
            first = i
    pieces.append((first, end))
    return pieces


def longest_token(text: str, measure: Measure) -> float:
    """The width of the widest unbreakable token of ``text``: the least a column can be.

    >>> longest_token("电话 010-82644670", len), longest_token("培训成效良好。", len)
    (12, 2)
    """
    glued = _glued(text)
    # the widest token is a run of Latin letters and digits, or a character with punctuation
    # stuck to it (a lone character is no wider than the title every column fits): found by
    # regular expressions, measured only then
    candidates = {*_LATIN_TOKEN.findall(glued), *_CJK_TOKEN.findall(glued)}
    if not candidates:
        candidates = {char for char in set(glued[:64]) if not char.isspace()}
    if glued is not text and _GLUE in glued:
        return max((measure(token.replace(_GLUE, " ")) for token in candidates), default=0)
    return max(map(measure, candidates), default=0)
