"""Column widths from the content and the page, one rule for every format that has pages
(the PDF measures with its font; the spreadsheets with the model of
:mod:`casedu.exporters.sheetpage`)."""

from __future__ import annotations

from casedu.exporters.cells import cell_of as _cell
from casedu.exporters.cells import display
from casedu.exporters.linebreak import Measure, longest_token
from casedu.exporters.titles import title_width
from casedu.reports.document import Row, Table

__all__ = ["fit_widths", "sample_rows"]

#: Rows sampled to measure the columns of a long table (evenly spread, first and last kept).
SAMPLE_ROWS = 2_000


def fit_widths(table: Table, available: float, measure: Measure, padding: float = 0,
               sample: int = SAMPLE_ROWS, exact: bool = True,
               title_measure: Measure | None = None,
               least: dict[int, float] | None = None, grow: bool = True) -> list[float]:
    """Column widths that fill ``available`` (in ``measure``'s units), from the content and the
    page, the same way for every format:

    - each column's *minimum* is its widest unbreakable token (a date, an amount, a phone
      number), so no such token is ever broken, and its title in at most two lines broken
      between its words (是否/精品, never 是否精/品: see
      :func:`~casedu.exporters.titles.title_lines`; ``title_measure`` measures titles, in
      their own size), and what ``least`` asks of it (a mark, a continuation's label);
    - each column's *natural* width is its widest line unbroken: no column is made wider;
    - between the two, columns get room in proportion to the text they hold (the mean width
      of their cells written on one line), so that every column takes about as many lines as
      the others: a 300-character 培训成效 gets the width, 联系电话 what it needs.

    ``sample`` rows are measured; without ``exact`` only the beginning of a long text is
    searched for its widest token and the widths are not refined row by row (for a
    spreadsheet, whose program wraps and lays out the rows itself). Without ``grow``, columns
    that all fit at their natural width keep it (a small table under a wide one).

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
    rows = sample_rows(table, sample)
    texts: list[list[float]] = []  # each column's cells, as the width of their text in one line
    # each text's least width, its widest line and its lines' widths summed, measured once
    # (a place, a name, a yes or no, a date repeat in a column)
    measured: dict[str, tuple[float, float, float]] = {}
    for i, column in enumerate(table.columns):
        title = column.title
        low = max(title_width(title, title_measure or measure), (least or {}).get(i, 0.0))
        high = max(low, (title_measure or measure)(title))
        total = 0.0
        sizes = []
        for row in rows:
            value, kind = _cell(table.columns, row, i)
            text = value if value.__class__ is str else display(value, kind)
            if not text:
                sizes.append(0.0)
                continue
            known = measured.get(text)
            if known is None:
                whole = measure(text) if len(text) <= SHORT_TEXT else 0.0  # a name stays whole
                longest = longest_token(text if exact else text[:2 * MEASURED], measure)
                lines = [_estimate(line, measure) for line in text.split("\n")] \
                    if "\n" in text else [_estimate(text, measure)]
                known = measured[text] = (min(max(longest, whole), cap), max(lines), sum(lines))
            lowest, widest, summed = known
            if lowest > low:
                low = lowest
            if widest > high:
                high = widest
            total += summed
            sizes.append(summed)
        texts.append(sizes)
        if column.wrap:  # a wrapped column holds its least characters a line, where it can
            low = max(low, min(high, column.least * measure("中")))
        minimum.append(low + padding)
        natural.append(min(max(high, low), available) + padding)
        mass.append(total / max(len(rows), 1) + padding)
    if sum(minimum) >= available:
        return [w * available / sum(minimum) for w in minimum]
    if sum(natural) <= available:
        if not grow:
            return natural
        extra = available - sum(natural)
        return [w + extra * w / sum(natural) for w in natural]
    mass = [max(m, low) for m, low in zip(mass, minimum, strict=True)]
    if exact:  # refined row by row next, from the bisection's widths (see _bisected)
        fitted = _bisected(mass, minimum, natural, available)
        # a spreadsheet program lays its rows out itself: balancing by the mean will do
        fitted = _fewer_lines(fitted, texts, minimum, natural, padding)
    else:
        fitted = _shared(mass, minimum, natural, available)
    # what the solving leaves over goes to the column with the most text: scaling every column
    # down instead would take a hair off a minimum and break a date after all
    heavy = max(range(len(fitted)), key=lambda i: mass[i])
    fitted[heavy] += available - sum(fitted)
    return fitted


def _shared(mass: list[float], minimum: list[float], natural: list[float],
            available: float) -> list[float]:
    """The widths that fill ``available``: each column ``k`` × its mass, within its minimum
    and natural width, for the ``k`` whose total is ``available``. The total grows with
    ``k``, in a straight line between the points where a column reaches its minimum or its
    natural width: the last point under ``available`` is found by bisection of those
    points, and ``k`` from the line after it."""
    columns = list(zip(mass, minimum, natural, strict=True))

    def widths(k: float) -> list[float]:
        return [min(max(k * m, low), high) for m, low, high in columns]

    points = sorted({low / m for m, low, _ in columns} | {high / m for m, _, high in columns})
    first, last = 0, len(points)  # points[:first] total under available, points[last:] not
    while first < last:
        middle = (first + last) // 2
        if sum(widths(points[middle])) < available:
            first = middle + 1
        else:
            last = middle
    below = points[first - 1] if first else 0.0
    above = points[first] if first < len(points) else below
    probe = (below + above) / 2  # inside the line: each column at its least, free, or most
    fixed = free = 0.0
    for m, low, high in columns:
        if probe * m <= low:
            fixed += low
        elif probe * m >= high:
            fixed += high
        else:
            free += m
    return widths((available - fixed) / free if free else probe)


def _bisected(mass: list[float], minimum: list[float], natural: list[float],
              available: float) -> list[float]:
    """:func:`_shared`'s widths found by 60 rounds of bisection, as the PDF's have always
    been: its refinement (:func:`_fewer_lines`) turns on hairs (starting from widths 10⁻¹³ pt
    apart, it gave 培训名称 13 characters a line instead of 12), so its start is kept."""
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
    return widths(low_k)


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


def sample_rows(table: Table, size: int) -> tuple[Row, ...]:
    """The rows of ``table`` (and its totals) measured for its widths: all when they are
    ``size`` or fewer, else ``size`` evenly spread and the last."""
    rows: tuple[Row, ...] = (*table.rows, *((table.totals,) if table.totals else ()))
    if len(rows) <= size:
        return rows
    step = len(rows) / size
    return (*(rows[int(i * step)] for i in range(size)), rows[-1])
