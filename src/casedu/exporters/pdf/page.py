"""The page furniture of casedu's PDFs: the numbered pages, the footer, the metadata."""

from __future__ import annotations

from typing import Any

import attrs
from reportlab.graphics.renderbase import renderScaledDrawing
from reportlab.graphics.renderPDF import _PDFRenderer
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

__all__ = ["CONTENTS_LINES", "MARGIN", "Drawn", "Measure", "NumberedCanvas", "Section",
           "SectionStart", "measure_of", "xmp"]

MARGIN = 1.5 * cm
#: The footer's size and where its first line stands.
FOOTER_SIZE, FOOTER_Y = 9.0, 1.2 * cm
#: Sections listed on one page of the contents.
CONTENTS_LINES = 30


@attrs.frozen
class Section:
    """One document of a PDF: its title for the contents, and its footer."""

    title: str
    footer: str


class SectionStart(Flowable):  # type: ignore[misc]
    """Marks the page it is drawn on as the first of section ``index``."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._section = self.index


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the end, then stamps each section's own "第 N 页 共 M 页" and
    footer (a section is a document: several institute-years in one PDF are numbered each from
    1), and writes the contents on the pages kept for them (:data:`CONTENTS`)."""

    def __init__(self, *args: Any, font: str, sections: list[Section], contents: int,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._font_name = font
        self._sections = sections
        self._contents = contents  # the pages kept for the contents, at the front
        self._section = -1  # the contents

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        of = [page["_section"] for page in self._pages]
        firsts = {s: of.index(s) for s in set(of)}
        counts = {s: of.count(s) for s in set(of)}
        for number, page in enumerate(self._pages):
            self.__dict__.update(page)
            section = of[number]
            if section < 0:
                self._draw_contents(number, firsts, counts)
            else:
                self._draw_footer(self._sections[section].footer,
                                  number - firsts[section] + 1, counts[section])
            super().showPage()
        super().save()

    def _draw_footer(self, footer: str, number: int, total: int) -> None:
        """The footer, broken into lines beside the page number, all at 9 pt."""
        from casedu.exporters.linebreak import break_phrases

        width, _ = self._pagesize
        self.saveState()
        self.setFont(self._font_name, FOOTER_SIZE)
        self.setFillColor(colors.black)
        label = f"第 {number} 页 共 {total} 页"
        self.drawRightString(width - MARGIN, FOOTER_Y, label)
        room = width - 2 * MARGIN - stringWidth(label, self._font_name, FOOTER_SIZE) - 12
        self.setFillColor(colors.HexColor("#404040"))
        lines = break_phrases(footer, room, measure_of(self._font_name, FOOTER_SIZE))
        for i, line in enumerate(lines[:2]):
            self.drawString(MARGIN, FOOTER_Y - i * (FOOTER_SIZE + 2), line)
        self.restoreState()

    def _draw_contents(self, number: int, firsts: dict[int, int],
                       counts: dict[int, int]) -> None:
        """The contents (目录): each section with the pages of the file it takes."""
        width, height = self._pagesize
        self.saveState()
        self.setFont(self._font_name, 18)
        top = height - MARGIN - 18
        if number == 0:
            self.drawCentredString(width / 2, top, "目录")
        self.setFont(self._font_name, 11)
        per_page = CONTENTS_LINES
        for index in range(number * per_page, min(len(self._sections), (number + 1) * per_page)):
            y = top - 36 - (index - number * per_page) * 20
            first = firsts.get(index, 0) + 1
            last = first + counts.get(index, 1) - 1
            self.drawString(MARGIN, y, f"{index + 1}．{self._sections[index].title}")
            self.drawRightString(width - MARGIN, y,
                                 f"第 {first}–{last} 页（共 {counts.get(index, 0)} 页）")
        self.restoreState()


class _Renderer(_PDFRenderer):  # type: ignore[misc]
    """reportlab's PDF renderer, starting in the document's font rather than Helvetica (which
    it would reference, unembedded, even when no text is drawn in it)."""

    def __init__(self, font: str) -> None:
        super().__init__()
        self._font = font

    def initState(self, x: float, y: float) -> None:  # reportlab's name
        self._tracker._combined[-1]["fontName"] = self._font
        super().initState(x, y)


class Drawn(Flowable):  # type: ignore[misc]
    """A chart drawn by :class:`_Renderer`."""

    def __init__(self, drawing: Drawing, font: str) -> None:
        super().__init__()
        self._drawing = drawing
        self._font = font
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        _Renderer(self._font).draw(renderScaledDrawing(self._drawing), self.canv, 0, 0)

def xmp(*, title: str, author: str, subject: str) -> str:
    """The document's XMP metadata packet: Dublin Core title, creator, description and language
    (zh-CN), and the producing tool, as archives and PDF/A checkers read them."""
    from xml.sax.saxutils import escape as esc

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{esc(title)}</rdf:li></rdf:Alt>'
        f'</dc:title><dc:creator><rdf:Seq><rdf:li>{esc(author)}</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{esc(subject)}</rdf:li>'
        '</rdf:Alt></dc:description><dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag>'
        '</dc:language><pdf:Producer>casedu</pdf:Producer><xmp:CreatorTool>casedu'
        '</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>'
        '<?xpacket end="w"?>'
    )


class Measure:
    """The width of a text in points, from a memo of each character's width (reportlab's
    ``stringWidth`` per call costs far more than a dictionary look-up per character), and of
    each short text's (a report's tokens, names and dates repeat: the line breaking measures
    the same ones on every row). A text's width is its characters' summed in order, memo or
    not, so the two give the same float."""

    def __init__(self, font: str, size: float) -> None:
        self.font = font
        self.size = size
        self.widths: dict[str, float] = {}  # characters' and short texts'

    def __call__(self, text: str) -> float:
        widths = self.widths
        total = widths.get(text)
        if total is not None:
            return total
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = stringWidth(char, self.font, self.size)
            total += width
        if len(text) <= _MEMO_LENGTH and len(widths) < _MEMO_TEXTS:
            widths[text] = total
        return total


#: The texts whose widths a measure remembers: up to so many characters, so many in all.
_MEMO_LENGTH, _MEMO_TEXTS = 24, 50_000


_MEASURES: dict[tuple[str, float], Measure] = {}


def measure_of(font: str, size: float) -> Measure:
    found = _MEASURES.get((font, size))
    if found is None:
        found = _MEASURES[(font, size)] = Measure(font, size)
    return found
