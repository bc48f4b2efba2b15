"""Reading a dataset in the format (:mod:`casedu.dataset.format`): its records made from their
JSON objects (typed decoding, :mod:`casedu.dataset.typed`, else the house cattrs converter),
every problem named at its place, the references checked. :mod:`casedu.dataset` imports it
when a dataset is first read.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from casedu.collector import collector_paused
from casedu.dataset.columns import batch_reader
from casedu.dataset.converter import converter
from casedu.dataset.format import FORMAT, SECTIONS, VERSION
from casedu.dataset.json_text import STREAMED, JsonTextError, parse_json, read_object_streamed
from casedu.dataset.located import Located
from casedu.dataset.references import REFERRING, reference_problems
from casedu.dataset.typed import Compiler, Makers
from casedu.errors import DatasetError, InvalidValueError, Problem
from casedu.model import Dataset
from casedu.progress import task

__all__ = ["read_file", "read_text", "read_value", "structuring_problems"]

_SECTION_NAMES = {name for name, _ in SECTIONS}
_TYPES = dict(SECTIONS)


def read_file(path: str | os.PathLike[str]) -> Dataset:
    """:func:`casedu.dataset.load_dataset` once its argument is checked. The records are
    acyclic: the cyclic garbage collector is paused while they are made and checked
    (:func:`casedu.collector.collector_paused`)."""
    source = os.fspath(path)
    builder = _Builder()
    try:
        with collector_paused(long_lived=True):
            with (Path(path).open("rb") as stream,
                  task(f"reading {Path(path).name}", total=os.fstat(stream.fileno()).st_size,
                       unit="B")):
                # the makers and their tables of checked values are held by the reading
                # alone: let go as soon as it ends, before the reference checks
                value = read_object_streamed(stream, _SECTION_NAMES, builder.take,
                                             take_many=builder.take_many, **builder.readers())
                builder.reading_ended()
            if value is None:  # not well-formed: read it whole to say where
                builder = _Builder()
                raw = Path(path).read_bytes()
                # Each form is let go as soon as the next is made.
                text = _decoded(raw, source)
                del raw
                value = _parsed(text, source)
                del text
            return builder.dataset(value, source, consume=True)
    except OSError as error:
        raise DatasetError(source, [Problem("", f"cannot read the file: {error.strerror}")]) \
            from None


def read_text(text: str | bytes, source: str) -> Dataset:
    """:func:`casedu.dataset.parse_dataset` once its argument is checked."""
    value = _parsed(_decoded(text, source), source)
    return _dataset_of(value, source, consume=True)


def _decoded(text: str | bytes, source: str) -> str:
    if isinstance(text, str):
        return text
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DatasetError(source, [Problem("", f"not UTF-8 text (byte {error.start})")]) \
            from None


def _parsed(text: str, source: str) -> Any:
    try:
        return parse_json(text)
    except JsonTextError as error:
        raise DatasetError(source, [Problem(error.place, error.reason)]) from None


def read_value(value: Any, source: str) -> Dataset:
    """:func:`casedu.dataset.dataset_from_json_value`."""
    return _dataset_of(value, source, consume=False)


def _dataset_of(value: Any, source: str, *, consume: bool) -> Dataset:
    """With ``consume``, the value is the reader's own: each object is freed once it is a
    record, so the records reuse its memory (peak and resident size)."""
    return _Builder().dataset(value, source, consume=consume)


class _Builder:
    """Makes the records of a dataset's sections as their JSON objects come (all at once from
    a parsed value, or one by one from a streamed file), and the problems of each section."""

    def __init__(self) -> None:
        self._structure = converter.structure
        self.located = {name: Located() for name, _ in SECTIONS}
        self.unparsed: dict[str, set[str]] = {name: set() for name, _ in SECTIONS}
        self.problems: dict[str, list[Problem]] = {name: [] for name, _ in SECTIONS}
        self._makers: Makers | None = None
        #: The sections with a record made the whole way (not by a maker or the columns)
        self._structured: set[str] = set()
        self._current: str | None = None  # the section being read

    def readers(self) -> dict[str, Any]:
        """``records``: the record class of each section whose records are made as they are
        read, with what compiles its maker (:mod:`casedu.dataset.typed`); ``batches``: what
        reads a batch of them as columns, for the sections whose fields are all JSON texts
        (:mod:`casedu.dataset.columns`). All share one set of tables of checked values."""
        makers = self._makers = Makers()
        records: dict[str, tuple[type, Compiler]] = {
            name: (cls, functools.partial(makers.of, cls)) for name, cls in SECTIONS
            if makers.of(cls) is not None}
        batches = {name: reader for name, cls in SECTIONS
                   if (reader := batch_reader(cls, makers)) is not None}
        return {"records": records, "batches": batches}

    def reading_ended(self) -> None:
        """Keep, for each section whose records were all made by the makers or the columns,
        the values of its fields that the reference checks look for (:data:`REFERRING`) from
        the makers' tables (:meth:`Makers.values`), then let the makers go."""
        makers, self._makers = self._makers, None
        if makers is None:
            return
        for name, fields in REFERRING.items():
            if name in self._structured:
                continue
            for field in fields:
                values = makers.values(_TYPES[name], field)
                if values is not None:
                    self.located[name].values[field] = values

    def take_many(self, name: str, index: int, records: list[Any]) -> None:
        """Records made, the first the ``index``-th of the section ``name``."""
        if name != self._current:
            self._section(name)
        self.located[name].extend(index, records)

    def _section(self, name: str) -> None:
        """The records of the section ``name`` come: those of the one before are sealed
        (:meth:`Located.sealed`)."""
        if self._current is not None:
            self.located[self._current].sealed()
        self._current = name

    def take(self, name: str, index: int, item: Any) -> None:
        """The ``index``-th JSON value of the section ``name``, or its record already made."""
        if name != self._current:
            self._section(name)
        if type(item) is _TYPES[name]:
            self.located[name].add(index, item)
            return
        place = f"{name}[{index}]"
        if not isinstance(item, dict):
            self.problems[name].append(Problem(place, "must be a JSON object {...}"))
            return
        try:
            self.located[name].add(index, self._structure(item, _TYPES[name]))
            self._structured.add(name)
        except Exception as error:  # every structuring failure becomes a Problem
            self.problems[name].extend(structuring_problems(error, place))
            key = item.get("code" if name == "institutes" else "id")
            if isinstance(key, str):
                self.unparsed[name].add(key)

    def dataset(self, value: Any, source: str, *, consume: bool) -> Dataset:
        """The dataset of ``value`` (the file's object; a section already taken one by one is
        :data:`STREAMED`), or :class:`DatasetError` with every problem: the header's first,
        then each section's in the format's order, then the references'."""
        if not isinstance(value, dict):
            raise DatasetError(source, [Problem("", "a dataset is a JSON object {...}")])
        problems = list(_header_problems(value))
        for name, _ in SECTIONS:
            items = value.get(name)
            if isinstance(items, list):
                for index, item in enumerate(items):
                    self.take(name, index, item)
                    if consume:
                        items[index] = None
            elif items is not None and items is not STREAMED:
                problems.append(Problem(name, "must be a list [...]"))
            problems.extend(self.problems[name])
        problems.extend(reference_problems(self.located, self.unparsed))
        if problems:
            raise DatasetError(source, problems)
        return Dataset(**{name: self.located[name].taken() for name, _ in SECTIONS})


def _header_problems(value: dict[str, Any]) -> Iterator[Problem]:
    if value.get("format") != FORMAT:
        yield Problem("format", f"expected {FORMAT!r}, got {value.get('format')!r}")
    version = value.get("version")
    if version != VERSION or isinstance(version, bool):
        yield Problem("version", f"this casedu reads version {VERSION}, got {version!r}")
    for key in sorted(set(value) - _SECTION_NAMES - {"format", "version"}):
        yield Problem(key, "unknown key")


def structuring_problems(error: BaseException, place: str) -> Iterator[Problem]:
    """Flatten a cattrs error tree into problems at their places."""
    if isinstance(error, cattrs.ClassValidationError):
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            yield from structuring_problems(sub, f"{place}.{note.name}")
        for sub in without:
            yield from structuring_problems(sub, place)
    elif isinstance(error, cattrs.IterableValidationError):
        with_index, without = error.group_exceptions()
        for sub, index_note in with_index:
            yield from structuring_problems(sub, f"{place}[{index_note.index}]")
        for sub in without:
            yield from structuring_problems(sub, place)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield Problem(f"{place}.{key}", "unknown key")
    elif isinstance(error, InvalidValueError):
        yield Problem(f"{place}.{error.field}" if error.field else place, error.reason)
    elif isinstance(error, KeyError):
        yield Problem(place, "required, but missing")
    elif isinstance(error, (ValueError, TypeError)):
        yield Problem(place, str(error))
    elif isinstance(error, AttributeError):  # cattrs met a list or a text where an object goes
        yield Problem(place, "must be a JSON object {...}")
    else:
        yield Problem(place, f"cannot be read ({type(error).__name__}: {error})")
