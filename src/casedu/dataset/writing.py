"""Writing a dataset in the format (:mod:`casedu.dataset.format`): the records through the house
cattrs converter, a batch at a time, the file whole or not at all. :mod:`casedu.dataset`
imports it when a dataset is first written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from casedu.dataset import converter
from casedu.dataset.format import FORMAT, SECTIONS, VERSION
from casedu.files import atomic_output
from casedu.model import Dataset
from casedu.progress import advance, task

__all__ = ["text_of", "value_of", "write_file"]


def value_of(dataset: Dataset) -> dict[str, Any]:
    """:func:`casedu.dataset.dataset_to_json_value` once its argument is checked."""
    unstructure = converter.unstructure_record
    value: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for name, _ in SECTIONS:
        records = getattr(dataset, name)
        items: list[dict[str, Any]] = []
        for start in range(0, len(records), 10_000):  # the progress of a large dump
            piece = records[start:start + 10_000]
            items.extend(unstructure(record) for record in piece)
            advance(len(piece))
        value[name] = items
    return value


def text_of(dataset: Dataset) -> str:
    """:func:`casedu.dataset.dataset_to_json` once its argument is checked."""
    return "".join(json_pieces(dataset))


def write_file(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """:func:`casedu.dataset.save_dataset` once its arguments are checked."""
    total = sum(len(getattr(dataset, name)) for name, _ in SECTIONS)
    with atomic_output(path) as stream, task(f"writing {Path(path).name}", total=total,
                                             unit="records"):
        for piece in json_pieces(dataset):
            stream.write(piece.encode("utf-8"))


#: Records turned into text at a time by :func:`json_pieces`.
_BATCH = 5_000


def json_pieces(dataset: Dataset) -> Iterator[str]:
    """The text of ``json.dumps(dataset_to_json_value(dataset), ensure_ascii=False, indent=1)
    + "\\n"``, in pieces of at most a batch of records: each batch is given to ``json.dumps``
    as a list (one level up), then moved one level in. Its line breaks are all of the layout:
    ``json.dumps`` writes a line break inside a string as ``\\n``."""
    unstructure = converter.unstructure_record
    yield f'{{\n "format": {json.dumps(FORMAT)},\n "version": {json.dumps(VERSION)}'
    for name, _ in SECTIONS:
        records = getattr(dataset, name)
        yield f',\n "{name}": '
        if not records:
            yield "[]"
            continue
        yield "[\n"
        for start in range(0, len(records), _BATCH):
            batch = [unstructure(record) for record in records[start:start + _BATCH]]
            text = json.dumps(batch, ensure_ascii=False, indent=1)
            advance(len(batch))  # the progress of a large save (casedu.progress)
            del batch
            # "[\n {\n  ...\n }\n]" → "  {\n   ...\n  }"
            yield (" " if not start else ",\n ") + text[2:-2].replace("\n", "\n ")
        yield "\n ]"
    yield "\n}\n"


