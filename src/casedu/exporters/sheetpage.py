"""The paper a spreadsheet prints on, and how wide its text is: shared by xlsx and ods.

A spreadsheet program lays out its cells' text itself, with its own fonts, so casedu cannot
measure what it will print; it models it, on the wide side, and leaves room:

- **Text width** (:func:`text_width`): a Chinese character, a full-width mark and anything
  outside ASCII is one em (the font's size) wide; a digit, a lowercase letter and most ASCII
  marks 0.65 em; a capital 0.8 em; an underscore (the blanks of the signature block) 0.5 em;
  a space, a dot, a comma, a colon, ``i``, ``l`` and the like
  0.35 em. Those are the widest of SimSun (Excel, WPS), DejaVu Sans and WenQuanYi Zen Hei
  (LibreOffice on Linux, which draws 宋体's Latin letters in DejaVu Sans): a line measured so
  is never narrower on paper than casedu thinks.
- **Room in a cell**: the column's width, less :data:`CELL_PADDING` on each side and
  :data:`SLACK_EM` of one character, so that a program breaking lines its own way (a word
  kept whole, a mark that may not start a line) still fits each of casedu's lines on one.
- **Column widths** in xlsx are in characters of the workbook's default font, which casedu
  sets to Arial 11: LibreOffice draws it in Liberation Sans (metrically Arial) and makes a
  character 6.1 pt; Excel and WPS make it 8 pixels, 6 pt. casedu fits the page at 6.1 pt a
  character and wraps the text at 6 pt. An ods gives widths in centimetres.
- **Line height**: 1.35 times the font's size (Excel's 13.5 pt for 10-point SimSun;
  LibreOffice takes 12.6 pt), and :data:`ROW_PADDING` more for the row.
- **A page**: A4 less the margins casedu sets (1.5 cm each side and at the top, 2 cm at the
  bottom, where the footer is), less :data:`PAGE_SLACK` for the programs' rounding.
"""

from __future__ import annotations

import enum
from functools import lru_cache
from itertools import repeat

import attrs

from casedu.exporters.linebreak import break_phrases
from casedu.reports.document import Document, Orientation

__all__ = [
    "BODY_SIZE",
    "CELL_PADDING",
    "HEADER_SIZE",
    "MAX_ROW_HEIGHT",
    "NOTE_SIZE",
    "PAGE_SLACK",
    "ROW_PADDING",
    "SLACK_EM",
    "STAMP_SIZE",
    "SUBTITLE_SIZE",
    "TITLE_SIZE",
    "UNIT_PT",
    "Paper",
    "Size",
    "footer_lines",
    "measure",
    "row_height",
    "text_width",
]

#: Points of an xlsx width unit as LibreOffice prints it (Arial 11's digit), and as Excel does.
UNIT_PT, UNIT_PT_EXCEL = 6.1, 6.0
#: Points kept free each side of a cell's text, and a character's more for the programs' own
#: line breaking.
CELL_PADDING, SLACK_EM = 3.0, 0.5
#: Line height as a multiple of the font's size, and the points a row adds to its lines.
LINE, ROW_PADDING = 1.35, 3.0
#: The tallest row Excel and WPS allow, in points.
MAX_ROW_HEIGHT = 409.0
#: Points of a page kept free for the programs' rounding of heights and margins.
PAGE_SLACK = 24.0
_CM = 72 / 2.54
#: The margins casedu sets, in points: the footer stands in the bottom one.
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 1.5 * _CM, 1.5 * _CM, 2.0 * _CM
FOOTER_FROM_EDGE = 0.8 * _CM


class Size(float, enum.Enum):
    """The font sizes of a sheet, in points: nothing prints smaller than 9 pt."""

    TITLE = 16.0
    SUBTITLE = 11.0
    HEADER = 10.5  # 五号, the titles of columns
    BODY = 9.0
    NOTE = 10.0
    STAMP = 11.0
    FOOTER = 9.0
    SPACER = 6.0  # the height of an empty row between blocks (no text)


TITLE_SIZE, SUBTITLE_SIZE, HEADER_SIZE = Size.TITLE.value, Size.SUBTITLE.value, Size.HEADER.value
BODY_SIZE, NOTE_SIZE, STAMP_SIZE = Size.BODY.value, Size.NOTE.value, Size.STAMP.value

#: Widths of the ASCII characters in twentieths of an em (see the module's text); any other
#: character is a whole em.
_NARROW = set(" .,:;!|'`il()[]{}-\"Ijft")
_CAPITALS = set("ABCDEFGHKLMNOPQRSTUVWXYZ@%&#mw")
_UNITS_PER_EM = 20


def _units(char: str) -> int:
    if char == "_":  # a blank to write on: half an em in every font
        return 10
    if char in _NARROW:
        return 7
    if char in _CAPITALS:
        return 16
    return 13


_ASCII_UNITS = {chr(code): _units(chr(code)) for code in range(128)}
_ASCII_BYTES = bytes(_ASCII_UNITS[chr(code)] for code in range(128))


def text_width(text: str, size: float) -> float:
    """The width of ``text`` on one line at ``size`` points, as the model above has it.

    >>> text_width("培训", 10), text_width("2026-01-08", 10)
    (20.0, 59.0)
    """
    units = sum(map(_ASCII_UNITS.get, text, repeat(_UNITS_PER_EM)))
    return units * size / _UNITS_PER_EM


@lru_cache(maxsize=16)
def measure(size: float) -> MeasureAt:
    """:func:`text_width` at ``size`` points, as a one-argument measure (one for each size)."""
    return MeasureAt(size)


class MeasureAt:
    """The text model at one size (a :class:`~casedu.exporters.linebreak.UnitMeasure`: whole
    units per character, so that lines can be broken by running sums), each text measured
    once (tokens repeat: a character, a number)."""

    __slots__ = ("_known", "ascii_units", "size", "unit", "wide_units")

    def __init__(self, size: float) -> None:
        self.size = size
        self.ascii_units = _ASCII_BYTES
        self.wide_units = _UNITS_PER_EM
        self.unit = size / _UNITS_PER_EM
        self._known: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        found = self._known.get(text)
        if found is None:
            found = text_width(text, self.size)
            if len(self._known) < 65_536:
                self._known[text] = found
        return found


def row_height(lines: int, size: float) -> float:
    """A row's height for ``lines`` lines of text at ``size`` points, rounded up to a quarter
    point (as the programs keep it).

    >>> row_height(1, 10), row_height(30, 10)
    (16.5, 408.0)
    """
    raw = lines * size * LINE + ROW_PADDING
    return -(-raw * 4 // 1) / 4


@attrs.frozen
class Paper:
    """A4 in an orientation, less the margins: the printable ``width`` and ``height`` in
    points, the page's whole ``page_width`` and ``page_height``."""

    orientation: Orientation

    @property
    def page_width(self) -> float:
        return 841.89 if self.orientation is Orientation.LANDSCAPE else 595.28

    @property
    def page_height(self) -> float:
        return 595.28 if self.orientation is Orientation.LANDSCAPE else 841.89

    @property
    def width(self) -> float:
        """The width the columns may take."""
        return self.page_width - 2 * MARGIN_SIDE

    @property
    def height(self) -> float:
        """The height rows may take on one page."""
        return self.page_height - MARGIN_TOP - MARGIN_BOTTOM - PAGE_SLACK

    def room(self, width: float, size: float) -> float:
        """The width of a line of text in a column of ``width`` points (see the module)."""
        return width * UNIT_PT_EXCEL / UNIT_PT - 2 * CELL_PADDING - SLACK_EM * size


def footer_lines(document: Document) -> list[str]:
    """The footer's text in lines of at most 60 % of the page's width at 9 pt, beside the page
    number."""
    width = Paper(document.orientation).width * 0.6
    return break_phrases(document.footer, width, measure(Size.FOOTER.value))[:3]
