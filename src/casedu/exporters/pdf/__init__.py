"""pdf: a print-ready PDF drawn by reportlab platypus, with an embedded Chinese font.

A4 in the document's orientation; column widths fitted to the content and the page
(:func:`~casedu.exporters.widths.fit_widths`); text broken into lines as Chinese print does
(:mod:`~casedu.exporters.linebreak`: numbers, dates, amounts and phone numbers stay whole, no
line starts with closing punctuation); a row taller than what is left of a page is split across
pages with the header rows repeated; the last rows of the last table stay on the page of the
signature block; "第 N 页 / 共 M 页" and the footer line on every page; rows not implemented
carry the text mark 【未实施】 (it survives black-and-white printing) and a red fill. Every font
is embedded (the canvas starts in the document's font, so no base-14 font is referenced); the
document carries its title, author, subject and language (zh-CN).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate

from casedu.exporters.fonts import ChosenFont, choose_font
from casedu.exporters.pdf.page import (
    CONTENTS_LINES,
    MARGIN,
    NumberedCanvas,
    Section,
    SectionStart,
    xmp,
)
from casedu.exporters.pdf.story import Story
from casedu.reports.document import Document, Orientation

__all__ = ["PdfExporter"]


class PdfExporter:
    """Portable Document Format for printing, stamping and handing in.

    ``font`` names a TrueType font file with Chinese; without it one is searched for (see
    :mod:`casedu.exporters.fonts`). ``allow_unembedded_font`` falls back to reportlab's built-in
    STSong-Light, which viewers must supply, instead of failing when no font is found.
    """

    name = "pdf"
    suffix = ".pdf"
    media_type = "application/pdf"
    description = "PDF for printing (reportlab), embedded Chinese font, page N of M"

    def __init__(self, font: str | os.PathLike[str] | None = None,
                 allow_unembedded_font: bool = False) -> None:
        self._font_request = font
        self._allow_unembedded = allow_unembedded_font
        self._font: ChosenFont | None = None

    @property
    def font(self) -> ChosenFont:
        """The font in use, found on first use."""
        if self._font is None:
            self._font = choose_font(self._font_request,
                                     allow_unembedded=self._allow_unembedded)
        return self._font

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Lay out ``document`` and write the PDF to ``stream``."""
        self.write_many((document,), stream)

    def write_many(self, documents: Sequence[Document], stream: BinaryIO,
                   names: Sequence[str] | None = None) -> None:
        """Lay out several documents (an institute-year each) as one PDF, a section each,
        every section starting on a new page with its own title, signature block and page
        numbers (第 2 页 共 6 页 of that section), after a page of contents (目录)."""
        document = documents[0]
        font = self.font.name
        size = landscape(A4) if document.orientation is Orientation.LANDSCAPE else A4
        title = f"{document.title} {document.subtitle}" if len(documents) == 1 else \
            f"{document.title}（{'、'.join(names or [d.subtitle for d in documents])}）"
        author = "、".join(dict.fromkeys(d.institute for d in documents))
        subject = "；".join(f"{d.title}（{d.institute} {d.year}年度）" for d in documents)
        template = SimpleDocTemplate(
            stream, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN + 0.5 * cm, title=title, author=author,
            subject=subject, creator="casedu", producer="casedu", lang="zh-CN",
        )
        labels = names or [d.subtitle for d in documents]
        sections = [Section(f"{d.title}（{label}）", d.footer)
                    for d, label in zip(documents, labels, strict=True)]
        # several institute-years: the contents first, on pages kept for them
        contents = 0 if len(documents) == 1 else -(-len(documents) // CONTENTS_LINES)
        story: list[Flowable] = [PageBreak() for _ in range(contents)]
        for index, part in enumerate(documents):
            if index:
                story.append(PageBreak())
            story.append(SectionStart(index))
            # a frame keeps 6 points of padding each side
            story.extend(Story(part, font, template.width - 12).build())
        metadata = xmp(title=title, author=author, subject=subject)

        def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
            # the canvas starts in the document's font: no unembedded Helvetica is referenced
            kwargs["initialFontName"] = font
            canvas = NumberedCanvas(*args, font=font, sections=sections, contents=contents,
                                    **kwargs)
            canvas._doc.Catalog.Metadata = XMP(creator=lambda _doc: metadata.encode("utf-8"))
            return canvas

        template.build(story, canvasmaker=canvas_maker)
