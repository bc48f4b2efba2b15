"""Column widths from the content and the page, one rule for every format that has pages.

Split from :mod:`casedu.exporters.cells`, which says how each value is shown.
"""

from __future__ import annotations

from casedu.exporters.cells import cell_of as _cell
from casedu.exporters.cells import display
from casedu.exporters.linebreak import Measure, break_lines, longest_token
from casedu.reports.document import Document, Row, Table
from casedu.text_width import display_width

__all__ = [
    "column_widths",
    "fit_widths",
    "header_lines",
    "sheet_width",
    "sheet_widths",
    "wrapped_lines",
]

#: Rows sampled to measure the columns of a long table (evenly spread, first and last kept).
SAMPLE_ROWS = 2_000


def fit_widths(table: Table, available: float, measure: Measure, padding: float = 0,
               sample: int = SAMPLE_ROWS, exact: bool = True) -> list[float]:
    """Column widths that fill ``available`` (in ``measure``'s units), from the content and the
    page, the same way for every format:

    - each column's *minimum* is its widest unbreakable token (a date, an amount, a phone
      number), so no such token is ever broken, and half its title, which breaks in the middle
      when it must (是否/精品, never 是否精/品: see :func:`header_lines`);
    - each column's *natural* width is its widest line unbroken: no column is made wider;
    - between the two, columns get room in proportion to the text they hold (the mean width
      of their cells written on one line), so that every column takes about as many lines as
      the others: a 300-character 培训成效 gets the width, 联系电话 what it needs.

    ``sample`` rows are measured; without ``exact`` only the beginning of a long text is
    searched for its widest token and the widths are not refined row by row (for a
    spreadsheet, whose program wraps and lays out the rows itself).

    >>> from casedu.reports.document import Column, Row
    >>> t = Table(columns=(Column("d", "日期"), Column("e", "培训成效", wrap=True)),
    ...           rows=(Row(("2026-01-08", "很长的一段文字" * 20)),))
    >>> [round(w) for w in fit_widths(t, 60, len)]
    [10, 50]
    """
    minimum: list[float] = []
    natural: list[float] = []
    mass: list[float] = []
    cap = available * 0.3  # no single token may claim more than this; longer ones are cut
    rows = _sample(table, sample)
    texts: list[list[float]] = []  # each column's cells, as the width of their text in one line
    for i, column in enumerate(table.columns):
        title = column.title
        low = max(measure(line) for line in header_lines(title, measure(title) / 2, measure))
        high = measure(title)
        total = 0.0
        sizes = []
        for row in rows:
            value, kind = _cell(table.columns, row, i)
            text = display(value, kind)
            if not text:
                sizes.append(0.0)
                continue
            whole = measure(text) if len(text) <= SHORT_TEXT else 0.0  # a name stays whole
            searched = text if exact else text[:2 * MEASURED]
            low = max(low, min(max(longest_token(searched, measure), whole), cap))
            lines = [_estimate(line, measure) for line in text.split("\n")]
            high = max(high, max(lines))
            total += sum(lines)
            sizes.append(sum(lines))
        texts.append(sizes)
        minimum.append(low + padding)
        natural.append(min(max(high, low), available) + padding)
        mass.append(total / max(len(rows), 1) + padding)
    if sum(minimum) >= available:
        return [w * available / sum(minimum) for w in minimum]
    if sum(natural) <= available:
        extra = available - sum(natural)
        return [w + extra * w / sum(natural) for w in natural]
    mass = [max(m, low) for m, low in zip(mass, minimum, strict=True)]
    # the widths for k: each column k × its mass, within its minimum and natural width; the
    # total grows with k, so k is found by bisection
    def widths(k: float) -> list[float]:
        return [min(max(k * m, low), high) for m, low, high in zip(mass, minimum, natural,
                                                                   strict=True)]

    low_k, high_k = 0.0, max(n / max(m, 1e-9) for n, m in zip(natural, mass, strict=True))
    for _ in range(60):
        middle = (low_k + high_k) / 2
        if sum(widths(middle)) < available:
            low_k = middle
        else:
            high_k = middle
    fitted = widths(low_k)
    if exact:  # a spreadsheet program lays its rows out itself: balancing by the mean will do
        fitted = _fewer_lines(fitted, texts, minimum, natural, padding)
    # what bisection leaves over goes to the column with the most text: scaling every column
    # down instead would take a hair off a minimum and break a date after all
    heavy = max(range(len(fitted)), key=lambda i: mass[i])
    fitted[heavy] += available - sum(fitted)
    return fitted


#: Beyond this many characters a line's width is estimated from its beginning: it serves only
#: to share room, and such a line wraps in any column.
MEASURED = 240


def _estimate(line: str, measure: Measure) -> float:
    if len(line) <= MEASURED:
        return measure(line)
    return measure(line[:MEASURED]) * len(line) / MEASURED


def _lines(sizes: list[float], width: float, padding: float) -> list[int]:
    room = max(width - padding, 1e-9)
    return [-int(-size // room) for size in sizes]


def _fewer_lines(widths: list[float], texts: list[list[float]], minimum: list[float],
                 natural: list[float], padding: float) -> list[float]:
    """Improve widths by moving room between the column with the most text and each other
    column while the table's height (the sum over rows of each row's tallest cell, in lines)
    goes down: a row is as tall as its tallest cell, which balancing by the mean alone misses
    (a long 培训名称 in a row whose 培训成效 is short)."""
    if not texts or not texts[0]:
        return widths
    if len(texts[0]) > HEIGHT_SAMPLE:  # evenly spread rows are enough to choose widths
        step = len(texts[0]) / HEIGHT_SAMPLE
        picked = [int(i * step) for i in range(HEIGHT_SAMPLE)]
        texts = [[column[i] for i in picked] for column in texts]
    widths = list(widths)
    heavy = max(range(len(widths)), key=lambda i: sum(texts[i]))
    lines = [_lines(texts[i], widths[i], padding) for i in range(len(widths))]

    def height(candidate: list[list[int]]) -> int:
        return sum(max(column[r] for column in candidate) for r in range(len(candidate[0])))

    best = height(lines)
    step = sum(widths) / 40
    for _ in range(60):
        move = None
        for other in range(len(widths)):
            if other == heavy:
                continue
            for give, take in ((heavy, other), (other, heavy)):
                if widths[give] - step < minimum[give] or widths[take] + step > natural[take]:
                    continue
                trial = list(lines)
                trial[give] = _lines(texts[give], widths[give] - step, padding)
                trial[take] = _lines(texts[take], widths[take] + step, padding)
                found = height(trial)
                if found < best:
                    best, move = found, (give, take, trial)
        if move is None:
            step /= 2
            if step < sum(widths) / 640:
                break
            continue
        give, take, lines = move
        widths[give] -= step
        widths[take] += step
    return widths


#: A cell of at most this many characters (a name, 是/否) is never broken.
SHORT_TEXT = 4
#: Rows sampled to choose widths that make the table short (a row is as tall as its tallest
#: cell); the full sample of :data:`SAMPLE_ROWS` gives the minimum and natural widths.
HEIGHT_SAMPLE = 200


def header_lines(title: str, width: float, measure: Measure) -> list[str]:
    """A header title in as few lines as fit ``width``, of balanced length: 是否精品 in two
    lines is 是否 / 精品, never 是否精 / 品; a title with spaces breaks at them.

    >>> header_lines("是否精品", 2, len), header_lines("培训起止时间", 3, len)
    (['是否', '精品'], ['培训起', '止时间'])
    >>> header_lines("是否精品", 3, len), header_lines("参会人数", 4, len)
    (['是否', '精品'], ['参会人数'])
    """
    if measure(title) <= width:
        return [title]
    if " " in title.strip():
        return break_lines(title, width, measure)
    count = 2
    while True:
        size = -(-len(title) // count)
        lines = [title[i:i + size] for i in range(0, len(title), size)]
        if all(measure(line) <= width for line in lines) or size == 1:
            return lines
        count += 1


def _sample(table: Table, size: int) -> tuple[Row, ...]:
    rows: tuple[Row, ...] = (*table.rows, *((table.totals,) if table.totals else ()))
    if len(rows) <= size:
        return rows
    step = len(rows) / size
    return (*(rows[int(i * step)] for i in range(size)), rows[-1])


#: Rows sampled for the widths of a sheet: the spreadsheet program wraps what is wider.
SHEET_SAMPLE = 200


def column_widths(table: Table, available: int) -> list[int]:
    """Column widths of a sheet in Latin characters (a Chinese character counts two), fitted
    to ``available`` characters with :func:`fit_widths` (a cell's margins count two)."""
    return [max(4, round(w)) for w in fit_widths(table, available, sheet_width, padding=2,
                                                 sample=SHEET_SAMPLE, exact=False)]


def sheet_width(text: str) -> int:
    """About how many Latin characters wide ``text`` shows in a spreadsheet: a character of
    three or four UTF-8 bytes (Chinese, full-width punctuation) counts two. Computed by the
    codec, far faster than looking at each character, which a sheet's widths do not need.

    >>> sheet_width("培训 2026"), sheet_width("（北京）")
    (9, 8)
    """
    return len(text) + (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2


#: The printable width of a sheet in Latin characters of the default font at 100%: A4 with
#: the margins casedu sets, portrait and landscape.
SHEET_CHARACTERS = {"portrait": 100, "landscape": 150}


def sheet_widths(document: Document) -> list[int]:
    """The column widths of a sheet that holds all of ``document``'s tables, one under the
    other: each table fitted to the page (:func:`fit_widths`), each column as wide as the widest
    table needs it."""
    available = SHEET_CHARACTERS[document.orientation.value]
    widths: list[int] = []
    for table in document.tables:
        for i, width in enumerate(column_widths(table, available)):
            if i < len(widths):
                widths[i] = max(widths[i], width)
            else:
                widths.append(width)
    return widths or [40, 40]


def wrapped_lines(table: Table, widths: list[int], row: Row) -> int:
    """About how many lines the row's cells take at ``widths``, for row heights where the reader
    does not compute them (the spreadsheet program wraps the text itself)."""
    lines = 1
    for i in range(len(table.columns)):
        value, kind = _cell(table.columns, row, i)
        text = display(value, kind)
        if not text:
            continue
        room = max(widths[i] - 2, 2)
        count = sum(-(-display_width(part) // room) or 1 for part in text.split("\n"))
        lines = max(lines, count)
    return lines
