"""A record type of flat fields (text, numbers, dates, enums, each maybe None) made into rows by
one compiled function: the learning records' bulk loading into the SQL store
(:mod:`casedu.store.writes`) and into casedu 0.1's workspace (:mod:`casedu.store.legacy_rows`).
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["FlatRows", "compile_rows"]

#: The column names and a row maker.
FlatRows = tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]


def compile_rows(record_type: type, converters: dict[Any, Callable[[Any], Any] | None], *,
                 skip: frozenset[str] = frozenset()) -> FlatRows:
    """The column names and a row maker for a record type of flat fields, each field's value
    made by ``converters[its type]`` (None: as it is; enums give their values). One expression a
    field, compiled into one function (as attrs and cattrs make theirs): a loop over getters
    costs as much again at three million rows."""
    attrs.resolve_types(record_type)
    names: list[str] = []
    parts: list[str] = []
    scope: dict[str, Any] = {}
    for field in attrs.fields(record_type):
        if field.name in skip:
            continue
        kinds = [t for t in typing.get_args(field.type) if t is not type(None)] or [field.type]
        if len(kinds) != 1:
            raise TypeError(f"{record_type.__name__}.{field.name}: not a flat field")
        kind = kinds[0]
        value = f"record.{field.name}"
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            made = f"{value}.value"
        elif kind in converters:
            make = converters[kind]
            if make is None:
                made = value
            else:
                scope[f"make_{field.name}"] = make
                made = f"make_{field.name}({value})"
        else:
            raise TypeError(f"{record_type.__name__}.{field.name}: not a flat field")
        if made != value and field.type is not kind:  # optional: None stays None
            made = f"(None if {value} is None else {made})"
        names.append(field.name)
        parts.append(made)
    source = f"def row_of(record):\n    return ({', '.join(parts)},)\n"
    # The source names only the fields of casedu's own three record types: nothing read.
    exec(compile(source, f"<casedu row of {record_type.__name__}>", "exec"), scope)
    return tuple(names), scope["row_of"]
