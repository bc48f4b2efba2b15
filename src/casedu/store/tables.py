"""casedu's tables, declared once for SQLite, PostgreSQL and MariaDB/MySQL (SQLAlchemy Core).

Each record type's table follows its fields: text, numbers, dates, enums and flags become
columns of the matching SQL type, and the bounds of :mod:`casedu.quantities` become constraints,
so the database refuses what the model refuses whoever writes to it.

- Hours are ``NUMERIC(10, 6)``, money ``NUMERIC(12, 2)`` and an xAPI session's seconds
  ``NUMERIC(11, 6)`` where the engine has exact decimals (PostgreSQL, MariaDB); SQLite, which has
  none, keeps them as exact scaled integers (hours × 10**6, yuan × 100, seconds × 10**6).
  Either way ``SUM`` is exact, so one SQL expression sums the year's figures on all three
  engines (:mod:`casedu.store.aggregate`).
- Every table has a ``row_id`` that keeps the order records were added in; the record's own
  key is a unique key, and references are foreign keys to those keys.
- Text is ``utf8mb4`` with a binary collation on MariaDB/MySQL: ids and names compare exactly,
  as in Python (``P1`` is not ``p1``).
- ``prefix`` and ``schema`` put the tables beside a portal's own without clashing.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from decimal import Decimal
from typing import Any

import attrs
import sqlalchemy as sa

from casedu.model import Implementation, Role, TrainingPlan
from casedu.quantities import BOUNDS, yuan
from casedu.store.records import RECORD_TABLES, day_value, plain, scaled_value

__all__ = ["ADDED_IN", "HOURS_SCALE", "MONEY_SCALE", "RECORD_TABLES", "SECONDS_SCALE", "Hours",
           "Money", "Seconds", "Tables"]

HOURS_SCALE = 10**BOUNDS.hours_places
MONEY_SCALE = 100
SECONDS_SCALE = 10**BOUNDS.seconds_places

#: Each table's own key (its unique key); online records without a session have none.
KEYS: dict[str, tuple[str, ...]] = {
    "institutes": ("code",), "departments": ("id",), "people": ("id",), "plans": ("id",),
    "attendance": ("plan", "person"), "external_learning": ("id",),
    "online_learning": ("session",), "backbone_reports": ("institute", "year", "person"),
    "summaries": ("institute", "year"), "accounts": ("username",),
}

#: What each reference names: (table, column).
REFERENCES: dict[str, tuple[str, str]] = {
    "institute": ("institutes", "code"), "department": ("departments", "id"),
    "person": ("people", "id"), "plan": ("plans", "id"),
}

#: The revision that made each table added after the first (revision 0001 made the others):
#: each revision makes its own tables, so a database made new and one migrated step by step
#: hold the same.
ADDED_IN: dict[str, str] = {"sessions": "0002"}

#: Fields holding long text (培训内容, 培训成效, ...): up to 32,767 characters.
LONG_TEXT = frozenset({"audience", "content", "objectives", "effectiveness", "review_note"})
#: Decimal fields holding yuan; every other Decimal holds hours.
MONEY_FIELDS = frozenset({"expense", "total_investment"})
#: Count fields, bounded like any head count.
COUNT_FIELDS = frozenset({"planned_participants", "attendees", "staff", "total_person_times"})

_MYSQL = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_bin",
          "mysql_engine": "InnoDB", "mariadb_charset": "utf8mb4",
          "mariadb_collate": "utf8mb4_bin", "mariadb_engine": "InnoDB"}


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

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        return scaled_value(value, self.places, self.canonical,
                            scaled=dialect.name == "sqlite")

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

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        return day_value(value) if dialect.name == "sqlite" else value

    @property
    def python_type(self) -> type:
        return dt.date


def _id() -> sa.types.TypeEngine[str]:
    return sa.String(BOUNDS.identifier_length)


def _line() -> sa.types.TypeEngine[str]:
    return sa.String(BOUNDS.line_length)


def _long() -> sa.types.TypeEngine[str]:
    # MariaDB's TEXT holds 65,535 bytes: TEXT(n) is the smallest text type that holds n
    # characters, MEDIUMTEXT for 32,767 characters of four bytes
    return sa.Text().with_variant(sa.Text(BOUNDS.text_length), "mysql", "mariadb")


def _not_sqlite(ddl: Any, target: Any, bind: Any, tables: Any = None, state: Any = None, *,
                dialect: sa.Dialect, compiler: Any = None, checkfirst: bool = False) -> bool:
    """A constraint in the engine's own units: NUMERIC, not SQLite's scaled integers."""
    return bool(dialect.name != "sqlite")


def _bounded(column: str, low: Any, high: Any, scaled: int = 1) -> list[sa.CheckConstraint]:
    """``low <= column <= high``, in the units the engine stores (scaled on SQLite)."""
    return [
        sa.CheckConstraint(f"{column} >= {low} AND {column} <= {high}")
        .ddl_if(callable_=_not_sqlite),
        sa.CheckConstraint(f"{column} IS NULL OR ({column} >= {low * scaled} AND "
                           f"{column} <= {high * scaled} AND typeof({column}) = 'integer')")
        .ddl_if(dialect="sqlite"),
    ]


def _field_columns(table: str, record_type: type, skip: frozenset[str] = frozenset(),
                   nullable_all: bool = False) -> tuple[list[sa.Column[Any]], list[Any]]:
    """The columns of a record type's flat fields, and their constraints."""
    attrs.resolve_types(record_type)
    columns: list[sa.Column[Any]] = []
    checks: list[Any] = []
    for field in attrs.fields(record_type):
        name = field.name
        if name in skip:
            continue
        args = [t for t in typing.get_args(field.type) if t is not type(None)]
        optional = nullable_all or (bool(args) and type(None) in typing.get_args(field.type))
        kind = args[0] if optional and args else field.type
        quoted = f'"{name}"' if name == "end" else name
        column_type: Any
        if name in LONG_TEXT:
            column_type = _long()
        elif kind is str:
            column_type = _id() if (name in REFERENCES or name in ("id", "code", "session",
                                                                   "reviewer")) else _line()
        elif kind is bool:
            column_type = sa.Boolean(create_constraint=True, name=f"{table}_{name}_flag")
        elif kind is int:
            column_type = sa.Integer()
            if name in COUNT_FIELDS:
                checks.append(sa.CheckConstraint(f"{name} >= 0 AND {name} <= {BOUNDS.count}",
                                                 name=f"{table}_{name}_count"))
            elif name == "year":
                checks.append(sa.CheckConstraint(f"{name} >= 1 AND {name} <= 9999",
                                                 name=f"{table}_{name}_year"))
        elif kind is Decimal:
            if name in MONEY_FIELDS:
                column_type = Money()
                bound = BOUNDS.money
                scale = MONEY_SCALE
            elif name == "seconds":
                column_type = Seconds()
                bound = BOUNDS.session_hours * 3600
                scale = SECONDS_SCALE
            else:
                column_type = Hours()
                bound = BOUNDS.record_hours
                scale = HOURS_SCALE
            for i, check in enumerate(_bounded(name, 0, bound, scale)):
                check.name = f"{table}_{name}_bounds{i}"
                checks.append(check)
        elif kind is dt.date:
            column_type = Day()
            checks.append(sa.CheckConstraint(
                f"{quoted} IS NULL OR date(julianday({quoted})) IS {quoted}",
                name=f"{table}_{name}_date").ddl_if(dialect="sqlite"))
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            column_type = sa.String(20)
            values = ", ".join(f"'{member.value}'" for member in kind)
            checks.append(sa.CheckConstraint(f"{name} IN ({values})", name=f"{table}_{name}_in"))
        elif name == "figures":
            column_type = _long()
        else:
            raise TypeError(f"{record_type.__name__}.{name}: no column type for {kind!r}")
        columns.append(sa.Column(name, column_type, nullable=optional))
    return columns, checks


def _row_id() -> sa.Column[int]:
    return sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                     primary_key=True, autoincrement=True)


class Tables:
    """casedu's tables in one :class:`sqlalchemy.MetaData`, under an optional ``schema`` and
    with an optional table-name ``prefix`` (``casedu_`` puts them beside a portal's own)."""

    def __init__(self, *, prefix: str = "", schema: str | None = None,
                 dialect: str | None = None) -> None:
        if prefix and not (prefix.replace("_", "").isalnum() and prefix.isascii()):
            raise ValueError(f"a table prefix is ASCII letters, digits and _, got {prefix!r}")
        self.prefix = prefix
        self.schema = schema
        #: The engine the tables are for (None: every engine). Options of other engines are
        #: left out: SQLAlchemy imports an engine's dialect to check its options, a tenth of a
        #: second each.
        self.dialect = dialect
        self.metadata = sa.MetaData(schema=schema)
        self.by_name: dict[str, sa.Table] = {}
        for name, record_type in RECORD_TABLES.items():
            skip = frozenset({"implementation"}) if record_type is TrainingPlan else frozenset()
            columns, checks = _field_columns(self.name(name), record_type, skip)
            self._table(name, columns, checks)
        columns, checks = _field_columns(self.name("implementations"), Implementation)
        self._table("implementations", [
            sa.Column("plan", _id(), nullable=False), *columns], checks,
            keys={"implementations": ("plan",)})
        self._table("accounts", [
            sa.Column("username", _id(), nullable=False),
            sa.Column("institute", _id(), nullable=False),
            sa.Column("person", _id()),
            sa.Column("password_hash", sa.String(500), nullable=False),
            sa.Column("must_change_password", sa.Boolean(
                create_constraint=True, name=self.name("accounts_must_change_flag")),
                      nullable=False),
            sa.Column("failed_logins", sa.Integer(), nullable=False),
            sa.Column("locked_until", sa.String(40)),
            sa.Column("grants", _long(), nullable=False),
        ], [sa.CheckConstraint("failed_logins >= 0", name=self.name("accounts_failed_logins"))])
        self._table("audit_events", [
            sa.Column("at", sa.String(40), nullable=False),
            sa.Column("actor", _id(), nullable=False),
            sa.Column("role", sa.String(20)),
            sa.Column("action", sa.String(40), nullable=False),
            sa.Column("record", _line(), nullable=False),
            sa.Column("before", _long()),
            sa.Column("after", _long()),
            sa.Column("institute", _id()),
            sa.Column("outcome", sa.String(10), nullable=False),
            sa.Column("reason", _long()),
        ], [sa.CheckConstraint("outcome IN ('done', 'denied')", name=self.name("audit_outcome"))],
            indexes=[("institute", "row_id")], references=False)
        self._sessions()
        # the lists operations read: by institute, by person, by plan
        for table, columns_ in (("people", ("institute",)), ("plans", ("institute",)),
                                ("departments", ("institute",)),
                                ("attendance", ("person",)),
                                ("external_learning", ("person", "status")),
                                ("online_learning", ("person",)),
                                ("accounts", ("institute",)), ("accounts", ("person",))):
            sa.Index(self.name(f"{table}_{'_'.join(columns_)}"),
                     *(self[table].c[c] for c in columns_))

    def _sessions(self) -> None:
        """Sessions of logins (:mod:`casedu.services.sessions`): the token's SHA-256, never the
        token; times as UTC text that sorts as the times do."""
        schema = f"{self.schema}." if self.schema else ""
        roles = ", ".join(f"'{role.value}'" for role in Role)
        self._table("sessions", [
            sa.Column("token_hash", sa.String(64), nullable=False),
            sa.Column("username", _id(), nullable=False),
            sa.Column("role", sa.String(20), nullable=False),
            sa.Column("csrf", sa.String(64), nullable=False),
            sa.Column("started", sa.String(40), nullable=False),
            sa.Column("seen", sa.String(40), nullable=False),
        ], [sa.CheckConstraint(f"role IN ({roles})", name=self.name("sessions_role_in")),
            sa.ForeignKeyConstraint(["username"], [f"{schema}{self.name('accounts')}.username"],
                                    name=self.name("sessions_username_fk"),
                                    ondelete="CASCADE")],
            keys={"sessions": ("token_hash",)}, indexes=[("username",)])

    def made_in(self, revision: str) -> list[sa.Table]:
        """The tables a revision makes, in the order their references need."""
        names = {table.name: name for name, table in self.by_name.items()}
        return [table for table in self.metadata.sorted_tables
                if ADDED_IN.get(names[table.name], "0001") == revision]

    def _for(self, *engines: str) -> bool:
        return self.dialect is None or self.dialect in engines

    def name(self, name: str) -> str:
        """A table's (or index's) name with the prefix."""
        return f"{self.prefix}{name}"

    def __getitem__(self, name: str) -> sa.Table:
        return self.by_name[name]

    def _table(self, name: str, columns: list[sa.Column[Any]], checks: list[Any], *,
               keys: dict[str, tuple[str, ...]] = KEYS,
               indexes: tuple[tuple[str, ...], ...] | list[tuple[str, ...]] = (),
               references: bool = True) -> sa.Table:
        key = keys.get(name, ())
        constraints: list[Any] = []
        if key and name != "online_learning":
            constraints.append(sa.UniqueConstraint(*key, name=self.name(f"{name}_key")))
        for column in columns:
            target = REFERENCES.get(column.name) if references else None
            if target is not None and name != target[0]:
                ondelete = "CASCADE" if name == "implementations" else None
                schema = f"{self.schema}." if self.schema else ""
                constraints.append(sa.ForeignKeyConstraint(
                    [column.name], [f"{schema}{self.name(target[0])}.{target[1]}"],
                    name=self.name(f"{name}_{column.name}_fk"), ondelete=ondelete))
        table = sa.Table(self.name(name), self.metadata, _row_id(), *columns, *constraints,
                         *checks,  # type: ignore[call-overload]
                         **(_MYSQL if self._for("mysql", "mariadb") else {}))
        for columns_ in indexes:
            sa.Index(self.name(f"{name}_{'_'.join(columns_)}"),
                     *(table.c[c] for c in columns_))
        if name == "online_learning":  # most records have no session: the index holds the rest
            present = table.c.session.isnot(None)
            where = {f"{engine}_where": present for engine in ("sqlite", "postgresql")
                     if self._for(engine)}
            sa.Index(self.name(f"{name}_key"), table.c.session, unique=True, **where)
        self.by_name[name] = table
        return table  # type: ignore[no-any-return]
