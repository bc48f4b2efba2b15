"""The column types of casedu's tables, the same values on SQLite, PostgreSQL and MariaDB/MySQL.

Hours are ``NUMERIC(10, 6)``, money ``NUMERIC(12, 2)`` and an xAPI session's seconds
``NUMERIC(11, 6)`` where the engine has exact decimals (PostgreSQL, MariaDB); SQLite, which has
none, keeps them as exact scaled integers (hours × 10**6, yuan × 100, seconds × 10**6). Either
way ``SUM`` is exact, so one SQL expression sums the year's figures on all three engines
(:mod:`casedu.store.aggregate`). A stored value that is no value of its type (written outside
casedu) is handed on as it is, for the model to refuse with its table, row and field.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from casedu.quantities import BOUNDS, yuan
from casedu.store.records import REMEMBERED, day_value, flag_value, plain, scaled_value

__all__ = ["HOURS_SCALE", "MONEY_SCALE", "SECONDS_SCALE", "Day", "Flag", "HourSums", "Hours",
           "Money", "Seconds", "id_text", "line_text", "long_text", "row_id_column"]

HOURS_SCALE = 10**BOUNDS.hours_places
MONEY_SCALE = 100
SECONDS_SCALE = 10**BOUNDS.seconds_places


#: The values each kind of exact decimal has read, by the value as stored (an engine's sums
#: repeat a few hundred values: a look-up instead of making the same canonical decimal tens of
#: thousands of times, most of the time of reading the year's sums); at most REMEMBERED each
#: (the workspace's fast path remembers its hours so too: casedu.store.records.hours_value).
_SEEN: dict[tuple[type, bool], dict[Any, Any]] = defaultdict(dict)


class _Scaled(sa.types.TypeDecorator[Decimal]):
    """An exact decimal: NUMERIC where the engine has it, a scaled integer on SQLite."""

    impl = sa.Numeric
    cache_ok = True
    precision = 0
    places = 0

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.BigInteger())
        return dialect.type_descriptor(sa.Numeric(self.precision, self.places, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        value = Decimal(value)
        if dialect.name == "sqlite":
            return int(value.scaleb(self.places))
        return value

    def result_processor(self, dialect: sa.Dialect, coltype: Any) -> Any:
        """:meth:`process_result_value` as one closure over what it looks up (SQLAlchemy's
        way through a type decorator cost 7 µs a value: most of the time of reading
        everybody's year of sums), after the engine's own processing of the column when it
        has one."""
        inner = self.load_dialect_impl(dialect).result_processor(dialect, coltype)
        scaled = dialect.name == "sqlite"
        seen = _SEEN[type(self), scaled]
        places, canonical = self.places, self.canonical

        def process(value: Any) -> Any:
            if inner is not None:
                value = inner(value)
            kind = type(value)
            # only the stored type's own values: 1.0 (written outside casedu) is not 1
            if scaled and kind is int:
                key: Any = value
            elif not scaled and kind is Decimal and value.is_finite():
                key = str(value)  # a decimal's hash costs more than its text
            else:
                return scaled_value(value, places, canonical, scaled=scaled)
            made = seen.get(key)
            if made is None:
                made = scaled_value(value, places, canonical, scaled=scaled)
                if len(seen) >= REMEMBERED:
                    seen.clear()
                seen[key] = made
            return made

        return process

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        scaled = dialect.name == "sqlite"
        # only the stored type's own values: 1.0 (written outside casedu) is not 1
        known = type(value) is int if scaled else (
            type(value) is Decimal and value.is_finite())
        if not known:
            return scaled_value(value, self.places, self.canonical, scaled=scaled)
        seen = _SEEN[type(self), scaled]
        key = value if scaled else str(value)  # a decimal's hash costs more than its text
        made = seen.get(key)
        if made is None:
            made = scaled_value(value, self.places, self.canonical, scaled=scaled)
            if len(seen) >= REMEMBERED:
                seen.clear()
            seen[key] = made
        return made

    def canonical(self, value: Decimal) -> Decimal:
        """The value as every engine gives it back: hours without trailing zeros."""
        return plain(value)

    @property
    def python_type(self) -> type:
        return Decimal


class Hours(_Scaled):
    """Hours: ``NUMERIC(10, 6)``, or an integer of millionths of an hour on SQLite."""

    cache_ok = True
    precision, places = 10, BOUNDS.hours_places


class HourSums(Hours):
    """A sum of hours: wide enough for an institute's or the academy's year."""

    cache_ok = True
    precision = 28


class Seconds(_Scaled):
    """The exact duration of an xAPI session: ``NUMERIC(11, 6)`` seconds, or an integer of
    microseconds on SQLite."""

    cache_ok = True
    precision, places = 11, BOUNDS.seconds_places


class Money(_Scaled):
    """Yuan: ``NUMERIC(12, 2)``, or an integer of fen on SQLite."""

    cache_ok = True
    precision, places = 12, 2

    def canonical(self, value: Decimal) -> Decimal:
        """Yuan with their fen, as the reports print them: ``12000.50``."""
        return yuan(value)


class Flag(sa.types.TypeDecorator[bool]):
    """True or false: ``BOOLEAN`` on PostgreSQL, 0 or 1 elsewhere. A stored value that is
    neither (``7``, written outside casedu) is handed on as it is, for the model to refuse with
    its table, row and field: SQLAlchemy's own reading takes any number for true."""

    impl = sa.Boolean
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(create_constraint=False)

    def result_processor(self, dialect: sa.Dialect, coltype: Any) -> Any:
        return None if dialect.name == "postgresql" else flag_value

    @property
    def python_type(self) -> type:
        return bool


class Day(sa.types.TypeDecorator[dt.date]):
    """A date: ``DATE``, or ``YYYY-MM-DD`` text on SQLite. Text that is no date is handed on as
    it is, for the model to refuse with its table, row and field."""

    impl = sa.Date
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(10))
        return dialect.type_descriptor(sa.Date())

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if dialect.name == "sqlite" and isinstance(value, dt.date):
            return value.isoformat()
        return value

    def result_processor(self, dialect: sa.Dialect, coltype: Any) -> Any:
        """SQLite's text made a date; elsewhere the driver's date as it comes, without a call
        a value (a roster's dates: a tenth of its reading)."""
        if dialect.name == "sqlite":
            return super().result_processor(dialect, coltype)
        return self.load_dialect_impl(dialect).result_processor(dialect, coltype)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        return day_value(value) if dialect.name == "sqlite" else value

    @property
    def python_type(self) -> type:
        return dt.date


def id_text() -> sa.types.TypeEngine[str]:
    """An id's column type: a code, a key, a reference."""
    return sa.String(BOUNDS.identifier_length)


def line_text() -> sa.types.TypeEngine[str]:
    """A line of text: a name, a title."""
    return sa.String(BOUNDS.line_length)


def long_text() -> sa.types.TypeEngine[str]:
    """Long text: up to 32,767 characters."""
    # MariaDB's TEXT holds 65,535 bytes: TEXT(n) is the smallest text type that holds n
    # characters, MEDIUMTEXT for 32,767 characters of four bytes
    return sa.Text().with_variant(sa.Text(BOUNDS.text_length), "mysql", "mariadb")



def row_id_column() -> sa.Column[int]:
    """Every table's ``row_id``: the order its records were added in."""
    return sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     primary_key=True, autoincrement=True)

