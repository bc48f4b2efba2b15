"""What the database itself refuses: a ``CHECK`` rule for every bound and every enumeration of
the model, on every engine.

The rules are made from :data:`casedu.quantities.BOUNDS` and the model's enumerations, here
and nowhere else, so a changed bound or a new role changes the constraint with it (and a
migration brings existing stores to it). Each rule serves twice:

- as a ``CHECK`` constraint of its table (:class:`casedu.store.tables.Tables`), so that a
  portal or a ``psql`` session writing beside casedu meets the refusals the model gives;
- as a guard before the database sums figures (:func:`guard_statement`): a row that slipped
  past them (a constraint dropped by hand, SQLite's ``ignore_check_constraints``, MariaDB's
  ``ALLOW_INVALID_DATES``, a store made before the rule existed) refuses the figures with its
  table, row and field, instead of being summed or skipped.

A rule is true or unknown (NULL) for every row the model accepts, as SQL's ``CHECK`` wants.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import sqlalchemy as sa

from casedu.quantities import BOUNDS

__all__ = ["Rule", "guard_statement", "refusal"]

#: The first revision of casedu's tables. A rule's ``since`` is the revision that brought it:
#: a store of an earlier revision does not hold it until the migration adds it.
FIRST = "0001"
#: The revision that made every bound a rule (lengths, ids, dates, the order of a period).
CHECKED = "0005"
#: The names SQLAlchemy gives MariaDB/MySQL (``mysql+pymysql://`` to a MariaDB is ``mysql``).
MYSQL = frozenset({"mysql", "mariadb"})


@attrs.frozen
class Rule:
    """One ``CHECK`` rule of a table: the ``field`` it is about, what it ``means`` (for a
    message), and how to ``build`` its expression from the table's columns on an engine."""

    table: str
    field: str
    kind: str
    means: str
    build: Callable[[sa.Table, str], Any]
    since: str = FIRST

    def name(self, prefix: str) -> str:
        """The constraint's name: ``<prefix><table>_<field>_<kind>``."""
        return f"{prefix}{self.table}_{self.field}_{self.kind}"


def _nullable(column: str, expression: Callable[[Any, str], Any],
              optional: bool) -> Callable[[sa.Table, str], Any]:
    def build(table: sa.Table, dialect: str) -> Any:
        value = table.c[column]
        made = expression(value, dialect)
        return sa.or_(value.is_(None), made) if optional else made
    return build


def _length(value: Any, dialect: str) -> Any:
    # MariaDB's LENGTH counts bytes; CHAR_LENGTH counts characters, as SQLite's and
    # PostgreSQL's LENGTH do
    return sa.func.char_length(value) if dialect in MYSQL else sa.func.length(value)


def _integer(value: Any, dialect: str) -> Any:
    """On SQLite, a value of an integer column that really is an integer (not ``'12.5'``)."""
    return sa.func.typeof(value) == "integer" if dialect == "sqlite" else sa.true()


def identifier_rule(table: str, column: str, optional: bool) -> Rule:
    """An id: 1 to :attr:`~casedu.quantities.Bounds.identifier_length` characters, no spaces
    around it (so that a key never holds two values differing only in trailing spaces)."""
    def expression(value: Any, dialect: str) -> Any:
        return sa.and_(_length(value, dialect).between(1, BOUNDS.identifier_length),
                       value == sa.func.trim(value))
    return Rule(table, column, "id", f"an id of 1 to {BOUNDS.identifier_length} characters "
                "without spaces around it", _nullable(column, expression, optional), CHECKED)


def length_rule(table: str, column: str, limit: int, optional: bool) -> Rule:
    """A text of at most ``limit`` characters."""
    return Rule(table, column, "length", f"at most {limit} characters",
                _nullable(column, lambda value, dialect: _length(value, dialect) <= limit,
                          optional), CHECKED)


def range_rule(table: str, column: str, low: Any, high: Any, optional: bool, *,
               scale: int = 1, kind: str = "range", what: str = "") -> Rule:
    """``low <= column <= high`` in the units the engine stores (scaled on SQLite), and on
    SQLite an integer."""
    def expression(value: Any, dialect: str) -> Any:
        number: Any = sa.Numeric()
        ends = [low, high]
        if dialect == "sqlite":  # scaled integers (and SQLite's driver binds no Decimal)
            number, ends = sa.BigInteger(), [int(end * scale) for end in ends]
        bare = sa.type_coerce(value, number)
        low_, high_ = (sa.literal(end, number) for end in ends)
        return sa.and_(bare.between(low_, high_), _integer(value, dialect))
    return Rule(table, column, kind, f"{what or column} from {low} to {high}",
                _nullable(column, expression, optional))


def nonnegative_rule(table: str, column: str, since: str) -> Rule:
    """A sum of hours: 0 or more (in the units the engine stores: on SQLite an integer)."""
    def build(table_: sa.Table, dialect: str) -> Any:
        value = table_.c[column]
        number: Any = sa.BigInteger() if dialect == "sqlite" else sa.Numeric()
        bare = sa.type_coerce(value, number)
        return sa.and_(bare >= sa.literal_column("0", number), _integer(value, dialect))
    return Rule(table, column, "range", "0 or more hours", build, since)


def flag_rule(table: str, column: str, optional: bool) -> Rule:
    """True or false: 0 or 1 where the engine has no boolean type."""
    def expression(value: Any, dialect: str) -> Any:
        if dialect == "postgresql":
            return sa.true()
        return sa.type_coerce(value, sa.Integer()).in_([sa.literal_column("0"),
                                                        sa.literal_column("1")])
    return Rule(table, column, "flag", "true or false", _nullable(column, expression, optional))


def enum_rule(table: str, column: str, values: Iterable[str], optional: bool) -> Rule:
    """One of ``values`` (an enumeration's values)."""
    allowed = list(values)
    if not all(v.replace("_", "").isalnum() and v.isascii() for v in allowed):
        raise ValueError(f"{table}.{column}: values are ASCII words, got {allowed}")
    # written out, not bound: one statement text for every engine and for SQLite's compiled
    # statements (store/statements.json)
    words: list[Any] = [sa.literal_column(f"'{v}'") for v in allowed]
    return Rule(table, column, "in", f"one of {', '.join(allowed)}",
                _nullable(column, lambda value, _dialect: value.in_(words), optional))


def enum_values(kind: type[enum.Enum]) -> list[str]:
    """The values of an enumeration, as the tables store them."""
    return [str(member.value) for member in kind]


def date_rule(table: str, column: str, optional: bool) -> Rule:
    """A real calendar date of years 1 to 9999: on SQLite ``YYYY-MM-DD`` text that is a date,
    on MariaDB no date of ``ALLOW_INVALID_DATES`` (``2026-02-30``), on PostgreSQL no year
    Python cannot hold."""
    def expression(value: Any, dialect: str) -> Any:
        if dialect == "sqlite":  # date() of text that is no date is NULL: false, not unknown
            day = sa.func.date(sa.func.julianday(value))
            return sa.and_(day.isnot(None), day == value)
        if dialect in MYSQL:
            return sa.func.date_add(value, sa.text("INTERVAL 0 DAY")).isnot(None)
        return value.between(dt.date.min, dt.date.max)
    return Rule(table, column, "date", "a calendar date", _nullable(column, expression, optional),
                CHECKED)


def order_rule(table: str, first: str, last: str) -> Rule:
    """A period does not end before it starts."""
    def build(table_: sa.Table, _dialect: str) -> Any:
        start, end = table_.c[first], table_.c[last]
        return sa.or_(start.is_(None), end.is_(None), start <= end)
    return Rule(table, last, "order", f"not before {first}", build, CHECKED)


def guard_statement(table: sa.Table, rules: list[Rule], dialect: str,
                    where: Any = None) -> sa.Select[Any] | None:
    """The first row of ``table`` (of the rows ``where`` selects) that breaks one of
    ``rules``, with the field and what the rule means: ``(row_id, field, means)``; None when
    the table has no rule."""
    if not rules:
        return None
    broken = [(rule, sa.not_(rule.build(table, dialect))) for rule in rules]
    which = sa.case(*((condition, sa.literal(f"{rule.field}: must be {rule.means}"))
                      for rule, condition in broken))
    query = sa.select(table.c.row_id, which.label("broken")).where(
        sa.or_(*(condition for _, condition in broken)))
    if where is not None:
        query = query.where(where)
    return query.order_by(table.c.row_id).limit(1)


def refusal(section: str, row: Any) -> str:
    """The message of a row a guard found: its table, row and field."""
    return (f"table {section} row {row[0]}: {row[1]}; the stored value breaks a rule of "
            "casedu's tables (written outside casedu, or the rule was dropped)")
