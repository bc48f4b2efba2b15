"""A page of a list read on the server: what a page shows, and how many there are in all.

>>> page = Page(items=("a", "b"), total=102, offset=50, limit=50)
>>> page.number, page.pages, page.has_previous, page.has_next
(2, 3, True, True)
>>> Page(items=(), total=0, offset=0, limit=50).pages
1
"""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

from casedu.errors import InvalidValueError, expect

__all__ = ["PAGE_SIZE", "Page", "check_window"]

T = TypeVar("T")

#: Rows a page shows unless asked otherwise.
PAGE_SIZE = 50
#: The most rows one page may ask for.
MOST = 500


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """``items`` of a list of ``total``, from the ``offset``-th, at most ``limit`` of them."""

    items: tuple[T, ...] = attrs.field(converter=tuple)
    total: int
    offset: int
    limit: int

    @property
    def number(self) -> int:
        """This page's number, from 1."""
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        """How many pages the list fills (1 for an empty list)."""
        return max(1, -(-self.total // self.limit))

    @property
    def has_previous(self) -> bool:
        """Whether a page comes before this one."""
        return self.offset > 0

    @property
    def has_next(self) -> bool:
        """Whether a page comes after this one."""
        return self.offset + self.limit < self.total


def check_window(limit: int, offset: int) -> None:
    """Refuse a page that cannot be read: a limit outside 1 to 500, a negative offset."""
    expect("limit", limit, int, what="a whole number of rows")
    expect("offset", offset, int, what="a whole number of rows")
    if not 1 <= limit <= MOST:
        raise InvalidValueError(f"a page holds 1 to {MOST} rows, not {limit}", field="limit")
    if offset < 0:
        raise InvalidValueError(f"offset must be 0 or more, got {offset}", field="offset")
