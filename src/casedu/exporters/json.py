"""JSON: the document as data, for portals and scripts."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from casedu.exporters.cells import machine_value, typed_cells
from casedu.reports.document import Chart, Document, Mark, Paragraph, Row, Table

__all__ = ["JsonExporter", "document_json"]


class JsonExporter:
    """The document as one JSON object: exact decimals as strings, rates as fractions, marks as
    lists (``"marks": ["not_implemented"]``)."""

    name = "json"
    suffix = ".json"
    media_type = "application/json"
    description = "JSON, the report as data (decimals as strings)"

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Write ``document`` as UTF-8 JSON."""
        text = json.dumps(document_json(document), ensure_ascii=False, indent=1)
        stream.write(text.encode("utf-8"))
        stream.write(b"\n")


def document_json(document: Document) -> dict[str, Any]:
    """The JSON value of a document."""
    blocks: list[dict[str, Any]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            blocks.append(_table(block))
        elif isinstance(block, Paragraph):
            blocks.append({"type": "paragraph", "text": block.text})
        elif isinstance(block, Chart):
            blocks.append({"type": "chart", "title": block.title,
                           "labels": list(block.labels), "values": list(block.values)})
    return {
        "report": document.name,
        "title": document.title,
        "institute": document.institute,
        "year": document.year,
        "orientation": document.orientation.value,
        "blocks": blocks,
        "notes": list(document.notes),
        "signature": _signature(document),
        "footer": document.footer,
    }


def _signature(document: Document) -> dict[str, Any]:
    """The signature block: the filing unit, and the fields to fill in by hand (null here)."""
    stamp = document.stamp
    return {"filing_unit": document.institute,
            "fields": {label: None for label in (stamp.signer_label, stamp.preparer_label,
                                                 stamp.phone_label, stamp.unit_label, "日期")}}


def _table(table: Table) -> dict[str, Any]:
    def row_json(row: Row) -> dict[str, Any]:
        values = {
            column.key: machine_value(value, kind)
            for column, (value, kind) in zip(table.columns, typed_cells(table.columns, row),
                                             strict=True)
        }
        return {**values, "marks": sorted(m.value for m in row.marks if m is not Mark.TOTAL)}

    return {
        "type": "table",
        "title": table.title,
        "columns": [{"key": c.key, "title": c.title, "kind": c.kind.value}
                    for c in table.columns],
        "rows": [row_json(r) for r in table.rows],
        "totals": row_json(table.totals) if table.totals is not None else None,
    }
