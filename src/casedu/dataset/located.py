"""A section's records as they are read: the batches they were made in, with their places in
the file, until they become the dataset's tuple.

>>> section = Located()
>>> section.extend(0, ["a", "b"])
>>> section.add(3, "d")  # the record at 2 was refused
>>> list(section), len(section.records)
([(0, 'a'), (1, 'b'), (3, 'd')], 3)
>>> section.taken(), len(section)
(('a', 'b', 'd'), 0)
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator, Sequence
from itertools import chain
from typing import Any

__all__ = ["Located"]


class Located:
    """A section's records with their places in the file.

    The records are kept in the lists they were made in (a batch of the reader's, about a
    megabyte of the file each), not copied into one: the dataset's tuple is then filled from
    them, each let go as soon as it is copied (:meth:`taken`), so that the largest section, 2.1
    million online records at academy scale, is never held twice (17 MiB). The (index, record)
    pairs are made as they are iterated, not kept (3,000,000 tuples would leave their memory in
    the allocator's arenas after the load); the indices are kept only once a record was
    refused."""

    __slots__ = ("_chunks", "_count", "_own", "indices", "values")

    def __init__(self) -> None:
        self._chunks: list[Sequence[Any]] = []
        self._own: list[Any] | None = None  # the last chunk, when records are added to it
        self._count = 0
        self.indices: array[int] | None = None  # None: the records are at 0, 1, 2, ...
        #: For some fields, a collection that holds every value the records have in the field
        #: (and perhaps more), known where they were made (the reference checks read it).
        self.values: dict[str, Collection[Any]] = {}

    def __len__(self) -> int:
        return self._count

    def add(self, index: int, record: Any) -> None:
        """The record at ``index`` of the section."""
        if self.indices is None and index != self._count:
            self.indices = array("q", range(self._count))
        if self.indices is not None:
            self.indices.append(index)
        if self._own is None:
            self._own = []
            self._chunks.append(self._own)
        self._own.append(record)
        self._count += 1

    def extend(self, index: int, records: list[Any]) -> None:
        """Records at ``index``, ``index + 1``, ...: the list is kept as it is (it is the
        caller's no longer)."""
        if self.indices is None and index == self._count:
            self._chunks.append(records)
            self._own = None
            self._count += len(records)
        else:
            for offset, record in enumerate(records):
                self.add(index + offset, record)

    @property
    def records(self) -> _Records:
        """The records without their places (how many, and each in order)."""
        return _Records(self._chunks, self._count)

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        indices = range(self._count) if self.indices is None else self.indices
        return zip(indices, chain.from_iterable(self._chunks), strict=True)

    def sealed(self) -> None:
        """The records read so far made into one tuple, the batches let go: done when the
        section's text ends, so that the next sections' batches reuse their memory (else it
        stays free in the process, about a tenth of what the records take)."""
        if len(self._chunks) > 1:
            self._chunks = [_joined(self._chunks)]
        self._own = None

    def taken(self) -> tuple[Any, ...]:
        """The records as one tuple; this section is empty after."""
        chunks = self._chunks
        self._chunks, self._own, self._count, self.indices = [], None, 0, None
        self.values = {}
        return _joined(chunks)


def _joined(chunks: list[Sequence[Any]]) -> tuple[Any, ...]:
    """The records of ``chunks`` as one tuple; ``chunks`` is emptied, each let go as soon as
    it is copied."""
    if len(chunks) == 1:
        return tuple(chunks.pop())
    chunks.reverse()

    def emptied() -> Iterator[Sequence[Any]]:
        while chunks:
            yield chunks.pop()  # held by the tuple's filling alone, then let go

    return tuple(chain.from_iterable(emptied()))


class _Records:
    """A section's records in order, and how many (what the reference checks read)."""

    __slots__ = ("_chunks", "_count")

    def __init__(self, chunks: list[Sequence[Any]], count: int) -> None:
        self._chunks = chunks
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        return chain.from_iterable(self._chunks)
