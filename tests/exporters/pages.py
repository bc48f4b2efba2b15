"""What a printed PDF shows, read back for the tests: its words with their boxes
(``pdftotext -bbox``), its text, the size every text is drawn at (pypdf), and the documents'
own text to compare with."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import attrs
from pypdf import PdfReader

from casedu.exporters.cells import display, typed_cells
from casedu.reports.document import Chart, Document, Paragraph, Table

_XHTML = "{http://www.w3.org/1999/xhtml}"


@attrs.frozen
class Word:
    """A word as pdftotext finds it (a run of text without a space), with its box in points
    from the page's top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlaps(self, other: Word, share: float = 0.2) -> bool:
        """Whether the two boxes share more than ``share`` of the smaller one's area."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        if w <= 0 or h <= 0:
            return False
        smaller = min((self.x1 - self.x0) * self.height, (other.x1 - other.x0) * other.height)
        return w * h > share * smaller


@attrs.frozen
class Page:
    width: float
    height: float
    words: tuple[Word, ...]


def pages(path: Path) -> list[Page]:
    """Every page's words (``pdftotext -bbox``)."""
    done = subprocess.run([_tool("pdftotext"), "-bbox", str(path), "-"], check=True,
                          capture_output=True, timeout=600)
    root = ElementTree.fromstring(done.stdout)
    found = []
    for page in root.iter(f"{_XHTML}page"):
        words = tuple(Word(w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                           float(w.get("xMax")), float(w.get("yMax")))
                      for w in page.iter(f"{_XHTML}word"))
        found.append(Page(float(page.get("width")), float(page.get("height")), words))
    return found


def text(path: Path) -> str:
    """The whole text (``pdftotext``)."""
    done = subprocess.run([_tool("pdftotext"), str(path), "-"], check=True,
                          capture_output=True, timeout=600)
    return done.stdout.decode("utf-8")


def font_sizes(path: Path) -> Counter[float]:
    """How many texts are drawn at each size, in points on paper (pypdf: the font size scaled
    by the text and current matrices)."""
    sizes: Counter[float] = Counter()

    def visit(shown: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not shown.strip():
            return
        # the length of the text's vertical unit on paper: turned text (a chart's labels at
        # 45°) is as large as it is upright
        up = (tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        sizes[round(size * math.hypot(*up), 1)] += 1

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def overlapping(page: Page) -> list[tuple[Word, Word]]:
    """Pairs of words of the page whose boxes overlap."""
    words = sorted((w for w in page.words if w.text.strip()), key=lambda w: w.y0)
    pairs = []
    for i, word in enumerate(words):
        for other in words[i + 1:]:
            if other.y0 >= word.y1:
                break
            if word.overlaps(other):
                pairs.append((word, other))
    return pairs


def neighbour(page: Page, word: Word, side: str) -> bool:
    """Whether another word stands right beside ``word`` on its line (``left`` or ``right``):
    then ``word`` does not start (or end) that line."""
    gap = max(word.height, 4.0)
    for other in page.words:
        if other is word or abs(other.y0 - word.y0) > word.height / 2:
            continue
        if side == "left" and 0 <= word.x0 - other.x1 <= gap:
            return True
        if side == "right" and 0 <= other.x0 - word.x1 <= gap:
            return True
    return False


def source_texts(document: Document) -> Iterator[str]:
    """Every text of the document that is printed: title, subtitle, every cell of every table,
    the paragraphs, the chart's labels, the notes."""
    yield document.title
    yield document.subtitle
    for block in document.blocks:
        if isinstance(block, Table):
            if block.title:
                yield block.title
            for row in (*block.rows, *((block.totals,) if block.totals else ())):
                for value, kind in typed_cells(block.columns, row):
                    yield display(value, kind)
        elif isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Chart):
            yield from block.labels
    yield from document.notes


def squeezed(value: str) -> str:
    return re.sub(r"\s", "", value)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:  # pragma: no cover - CI installs poppler-utils
        raise RuntimeError(f"{name} is not installed (poppler-utils)")
    return found
