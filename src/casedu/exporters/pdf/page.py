"""The page furniture of casedu's PDFs: the numbered pages, the footer, the metadata."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.renderbase import renderScaledDrawing
from reportlab.graphics.renderPDF import _PDFRenderer
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
)

__all__ = ["MARGIN", "Drawn", "Measure", "NumberedCanvas", "measure_of", "xmp"]

MARGIN = 1.5 * cm


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the end, then stamps "第 N 页 / 共 M 页" and the footer."""

    def __init__(self, *args: Any, font: str, footer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._font_name = font
        self._footer = footer

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(self._font_name, 7)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(MARGIN, 0.9 * cm, self._footer)
        self.setFont(self._font_name, 9)
        self.setFillColor(colors.black)
        self.drawRightString(width - MARGIN, 0.9 * cm,
                             f"第 {self._pageNumber} 页 / 共 {total} 页")
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
    ``stringWidth`` per call costs far more than a dictionary look-up per character)."""

    def __init__(self, font: str, size: float) -> None:
        self.font = font
        self.size = size
        self.widths: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        widths = self.widths
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = stringWidth(char, self.font, self.size)
            total += width
        return total


_MEASURES: dict[tuple[str, float], Measure] = {}


def measure_of(font: str, size: float) -> Measure:
    found = _MEASURES.get((font, size))
    if found is None:
        found = _MEASURES[(font, size)] = Measure(font, size)
    return found
