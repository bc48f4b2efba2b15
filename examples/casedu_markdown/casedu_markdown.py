"""A third-party export format for casedu: reports as Markdown tables.

It is found by nothing but the entry point its package declares (pyproject.toml beside this
file); ``pip install ./examples/casedu_markdown`` and ``casedu formats`` lists ``md``.
"""

from __future__ import annotations

from typing import BinaryIO

from casedu.exporters.cells import display, marked_cells
from casedu.reports import Document

__all__ = ["MarkdownExporter"]


class MarkdownExporter:
    """Reports as Markdown: the title, then each table with its marks as text."""

    name = "md"
    suffix = ".md"
    media_type = "text/markdown"
    description = "Markdown tables (example plugin)"

    def write(self, document: Document, stream: BinaryIO) -> None:
        lines = [f"# {document.title}", "", document.subtitle, ""]
        for table in document.tables:
            if table.title:
                lines += [f"## {table.title}", ""]
            lines.append("| " + " | ".join(c.title for c in table.columns) + " |")
            lines.append("|" + "---|" * len(table.columns))
            for row in table.rows:
                cells = (display(v, k).replace("|", "\\|").replace("\n", " ")
                         for v, k in marked_cells(table, row))
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        lines.append(document.footer)
        stream.write("\n".join(lines).encode("utf-8"))
