"""The dataset format v1 (SPEC section 6): the JSON file that portals and tests exchange, read
and written whole.

Reading is :mod:`casedu.dataset.reading`'s and writing :mod:`casedu.dataset.writing`'s, each
imported by the function here that uses it (``import casedu`` gives these functions without
loading either: docs/performance.md, "Start-up"); what the format is, its header and sections,
is :mod:`casedu.dataset.format`'s.

>>> text = '''{"format": "casedu.dataset", "version": 1,
...   "institutes": [{"code": "IOP", "name": "中国科学院物理研究所"}],
...   "people": [{"id": "p1", "institute": "IOP", "name": "张伟",
...               "in_service": true, "hours_required": true}]}'''
>>> data = parse_dataset(text)
>>> data.person("p1").name
'张伟'
>>> parse_dataset(text.replace('"p1"', '""'))
Traceback (most recent call last):
...
casedu.errors.DatasetError: <dataset>: 1 problem
  people[0].id: must be a non-empty string
"""

from __future__ import annotations

import os
from typing import Any

from casedu.dataset.format import FORMAT, VERSION
from casedu.errors import expect
from casedu.model import Dataset

__all__ = [
    "FORMAT",
    "VERSION",
    "dataset_from_json_value",
    "dataset_to_json",
    "dataset_to_json_value",
    "load_dataset",
    "parse_dataset",
    "save_dataset",
]


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Read and check a dataset file; :class:`DatasetError` lists every problem by its place.

    The file is read a piece at a time and each record is made as soon as its JSON object is
    read (:func:`casedu.dataset.json_text.read_object_streamed`): neither the whole text nor
    the whole JSON tree of an academy's year is ever held. The records are acyclic: the cyclic
    garbage collector is paused meanwhile, and the records handed to its oldest generation
    after (:func:`casedu.collector.collector_paused`). A file
    that is not well-formed JSON is read again whole, so that the problem is named exactly as
    :func:`parse_dataset` names it.
    """
    expect("path", path, str, os.PathLike, what="a file's path (str or pathlib.Path)")
    from casedu.dataset.reading import read_file

    return read_file(path)


def parse_dataset(text: str | bytes, *, source: str = "<dataset>") -> Dataset:
    """Check and build a dataset from its JSON text."""
    expect("text", text, str, bytes, what="JSON text (str or bytes)")
    from casedu.dataset.reading import read_text

    return read_text(text, source)


def dataset_from_json_value(value: Any, *, source: str = "<dataset>") -> Dataset:
    """Check and build a dataset from an already parsed JSON value (left as it was given)."""
    from casedu.dataset.reading import read_value

    return read_value(value, source)


def dataset_to_json_value(dataset: Dataset) -> dict[str, Any]:
    """The dataset as a JSON value of the format (optional keys left out when empty)."""
    expect("dataset", dataset, Dataset, what="a casedu Dataset")
    from casedu.dataset.writing import value_of

    return value_of(dataset)


def dataset_to_json(dataset: Dataset) -> str:
    """The dataset as JSON text, UTF-8 ready, Chinese kept readable."""
    expect("dataset", dataset, Dataset, what="a casedu Dataset")
    from casedu.dataset.writing import text_of

    return text_of(dataset)


def save_dataset(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write the dataset to ``path`` whole or not at all.

    The text is written a batch of records at a time
    (:func:`casedu.dataset.writing.json_pieces`): neither the JSON value of the whole dataset
    nor its text is ever held."""
    expect("dataset", dataset, Dataset, what="a casedu Dataset")
    expect("path", path, str, os.PathLike, what="a file's path (str or pathlib.Path)")
    from casedu.dataset.writing import write_file

    write_file(dataset, path)
