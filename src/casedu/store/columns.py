"""A record type's fields as columns of its table, each with the rule the database checks
(:mod:`casedu.store.checks`): text, numbers, dates, enums and flags become columns of the
matching type (:mod:`casedu.store.column_types`), and the bounds of :mod:`casedu.quantities`
their constraints, so the database refuses what the model refuses whoever writes to it.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from decimal import Decimal
from typing import Any

import attrs
import sqlalchemy as sa

from casedu.quantities import BOUNDS
from casedu.store.checks import (
    Rule,
    date_rule,
    enum_rule,
    enum_values,
    flag_rule,
    identifier_rule,
    length_rule,
    order_rule,
    range_rule,
)
from casedu.store.column_types import (
    HOURS_SCALE,
    MONEY_SCALE,
    SECONDS_SCALE,
    Day,
    Flag,
    Hours,
    Money,
    Seconds,
    id_text,
    line_text,
    long_text,
)

__all__ = ["COUNT_FIELDS", "IDENTIFIERS", "LONG_TEXT", "MONEY_FIELDS", "REFERENCES",
           "field_columns"]

#: What each reference names: (table, column).
REFERENCES: dict[str, tuple[str, str]] = {
    "institute": ("institutes", "code"), "department": ("departments", "id"),
    "person": ("people", "id"), "plan": ("plans", "id"),
}

#: Fields holding long text (培训内容, 培训成效, ...): up to 32,767 characters.
LONG_TEXT = frozenset({"audience", "content", "objectives", "effectiveness", "review_note"})
#: Decimal fields holding yuan; every other Decimal holds hours.
MONEY_FIELDS = frozenset({"expense", "total_investment"})
#: Text fields holding ids (besides the references): an index holds them.
IDENTIFIERS = frozenset({"id", "code", "session", "reviewer"})
#: Count fields, bounded like any head count.
COUNT_FIELDS = frozenset({"planned_participants", "attendees", "staff", "total_person_times"})


def field_columns(table: str, record_type: type, skip: frozenset[str] = frozenset(),
                  nullable_all: bool = False) -> tuple[list[sa.Column[Any]], list[Rule]]:
    """The columns of a record type's flat fields, and their rules."""
    attrs.resolve_types(record_type)
    columns: list[sa.Column[Any]] = []
    rules: list[Rule] = []
    for field in attrs.fields(record_type):
        name = field.name
        if name in skip:
            continue
        args = [t for t in typing.get_args(field.type) if t is not type(None)]
        optional = nullable_all or (bool(args) and type(None) in typing.get_args(field.type))
        kind = args[0] if optional and args else field.type
        column_type: Any
        if name in LONG_TEXT or name == "figures":
            column_type = long_text()
            rules.append(length_rule(table, name, BOUNDS.text_length, optional))
        elif kind is str:
            if name in REFERENCES or name in IDENTIFIERS:
                column_type = id_text()
                rules.append(identifier_rule(table, name, optional))
            else:
                column_type = line_text()
                rules.append(length_rule(table, name, BOUNDS.line_length, optional))
        elif kind is bool:
            column_type = Flag()
            rules.append(flag_rule(table, name, optional))
        elif kind is int:
            column_type = sa.Integer()
            if name in COUNT_FIELDS:
                rules.append(range_rule(table, name, 0, BOUNDS.count, optional, kind="count"))
            elif name == "year":
                rules.append(range_rule(table, name, BOUNDS.first_year, BOUNDS.last_year,
                                        optional, kind="year"))
        elif kind is Decimal:
            if name in MONEY_FIELDS:
                column_type = Money()
                bound, scale, what = BOUNDS.money, MONEY_SCALE, "yuan"
            elif name == "seconds":
                column_type = Seconds()
                bound, scale, what = BOUNDS.session_hours * 3600, SECONDS_SCALE, "seconds"
            else:
                column_type = Hours()
                bound, scale, what = BOUNDS.record_hours, HOURS_SCALE, "hours"
            rules.append(range_rule(table, name, 0, bound, optional, scale=scale, what=what))
        elif kind is dt.date:
            column_type = Day()
            rules.append(date_rule(table, name, optional))
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            column_type = sa.String(20)
            rules.append(enum_rule(table, name, enum_values(kind), optional))
        else:
            raise TypeError(f"{record_type.__name__}.{name}: no column type for {kind!r}")
        columns.append(sa.Column(name, column_type, nullable=optional))
    names = {column.name for column in columns}
    if {"start", "end"} <= names:
        rules.append(order_rule(table, "start", "end"))
    return columns, rules
