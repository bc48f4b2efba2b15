"""casedu's tables, declared once for SQLite, PostgreSQL and MariaDB/MySQL (SQLAlchemy Core).

Each record type's table follows its fields (:mod:`casedu.store.columns`), in column types that
hold the same values on every engine (:mod:`casedu.store.column_types`), and each field's bound
is a ``CHECK`` constraint (:mod:`casedu.store.checks`).

- Every table has a ``row_id`` that keeps the order records were added in; the record's own
  key is a unique key, and references are foreign keys to those keys.
- Text is ``utf8mb4`` with a binary collation on MariaDB/MySQL: ids and names compare exactly,
  as in Python (``P1`` is not ``p1``).
- ``prefix`` and ``schema`` put the tables beside a portal's own without clashing.
- Each revision of the tables (:mod:`casedu.store.migrations`) makes its own tables and
  columns, so :class:`Tables` declares them as any revision made them.
"""

from __future__ import annotations

from typing import Any

import attrs
import sqlalchemy as sa

from casedu.errors import InvalidValueError, shown
from casedu.model import Implementation, Role, TrainingPlan
from casedu.quantities import BOUNDS
from casedu.store.checks import (
    CHECKED,
    Rule,
    enum_rule,
    flag_rule,
    identifier_rule,
    length_rule,
    nonnegative_rule,
    range_rule,
)
from casedu.store.column_types import (
    HOURS_SCALE,
    MONEY_SCALE,
    SECONDS_SCALE,
    Day,
    Flag,
    Hours,
    HourSums,
    Money,
    Seconds,
    id_text,
    line_text,
    long_text,
    row_id_column,
)
from casedu.store.columns import REFERENCES, field_columns
from casedu.store.records import RECORD_TABLES
from casedu.store.revisions import (
    HEAD,
    PEOPLE_IN_ORDER,
    YEAR_INDEXES,
    YEAR_SUMS,
    revision_table_names,
)

# the column types are casedu.store.column_types'; named here too for the modules that take
# them with the tables
__all__ = ["ADDED_IN", "HOURS_SCALE", "KEYS", "MONEY_SCALE", "RECORD_TABLES", "SECONDS_SCALE",
           "SUM_COLUMNS", "Day", "Flag", "HourSums", "Hours", "Money", "Seconds", "Tables"]

#: Each table's own key (its unique key); online records without a session have none.
KEYS: dict[str, tuple[str, ...]] = {
    "institutes": ("code",), "departments": ("id",), "people": ("id",), "plans": ("id",),
    "attendance": ("plan", "person"), "external_learning": ("id",),
    "online_learning": ("session",), "backbone_reports": ("institute", "year", "person"),
    "summaries": ("institute", "year"), "accounts": ("username",),
}

#: The revision that made each table added after the first (revision 0001 made the others):
#: each revision makes its own tables, so a database made new and one migrated step by step
#: hold the same.
ADDED_IN: dict[str, str] = {"sessions": "0002", "year_sums": YEAR_SUMS}
#: The sums of :mod:`casedu.store.year_sums`: each source's hours and longest single training.
SUM_COLUMNS = ("class_hours", "external_hours", "online_hours", "class_longest",
               "external_longest", "online_longest")
#: The revision that added each column added to a table after the table was made.
COLUMNS_ADDED_IN: dict[tuple[str, str], str] = {("online_learning", "seconds"): "0004"}
#: The revision that added each role after the first ones: the roles' CHECK rules of an
#: earlier revision do not hold it (the academy admin, 院级管理员, came with 0006).
ROLES_ADDED_IN: dict[Role, str] = {Role.ACADEMY_ADMIN: "0006"}


class Tables:
    """casedu's tables in one :class:`sqlalchemy.MetaData`, under an optional ``schema`` and
    with an optional table-name ``prefix`` (``casedu_`` puts them beside a portal's own), for
    the engine ``dialect`` (None: every engine), as revision ``revision`` of casedu's tables
    made them (the newest by default; an earlier one for the migrations' tests)."""

    def __init__(self, *, prefix: str = "", schema: str | None = None,
                 dialect: str | None = None, revision: str | None = None) -> None:
        if prefix and not (prefix.replace("_", "").isalnum() and prefix.isascii()):
            raise InvalidValueError(f"a table prefix is ASCII letters, digits and _, got "
                                    f"{shown(prefix)}", field="prefix")
        self.prefix = prefix
        self.schema = schema
        #: The engine the tables are for (None: every engine). Options of other engines are
        #: left out: SQLAlchemy imports an engine's dialect to check its options, a tenth of a
        #: second each.
        self.dialect = dialect
        self.revision = revision or HEAD
        self.metadata = sa.MetaData(schema=schema)
        self.by_name: dict[str, sa.Table] = {}
        #: Each table's CHECK rules (:mod:`casedu.store.checks`), by the table's own name.
        self.rules: dict[str, list[Rule]] = {}
        self._checked = False
        for name, record_type in RECORD_TABLES.items():
            skip = frozenset({"implementation"}) if record_type is TrainingPlan else frozenset()
            columns, rules = field_columns(name, record_type, skip)
            self._table(name, columns, rules)
        columns, rules = field_columns("implementations", Implementation)
        self._table("implementations", [
            sa.Column("plan", id_text(), nullable=False), *columns],
            [identifier_rule("implementations", "plan", False), *rules],
            keys={"implementations": ("plan",)})
        self._table("accounts", [
            sa.Column("username", id_text(), nullable=False),
            sa.Column("institute", id_text(), nullable=False),
            sa.Column("person", id_text()),
            sa.Column("password_hash", sa.String(500), nullable=False),
            sa.Column("must_change_password", Flag(), nullable=False),
            sa.Column("failed_logins", sa.Integer(), nullable=False),
            sa.Column("locked_until", sa.String(40)),
            sa.Column("grants", long_text(), nullable=False),
        ], [identifier_rule("accounts", "username", False),
            identifier_rule("accounts", "institute", False),
            identifier_rule("accounts", "person", True),
            length_rule("accounts", "password_hash", 500, False),
            flag_rule("accounts", "must_change_password", False),
            range_rule("accounts", "failed_logins", 0, BOUNDS.count, False, kind="count"),
            length_rule("accounts", "locked_until", 40, True),
            length_rule("accounts", "grants", BOUNDS.text_length, False)])
        self._table("audit_events", [
            sa.Column("at", sa.String(40), nullable=False),
            sa.Column("actor", id_text(), nullable=False),
            sa.Column("role", sa.String(20)),
            sa.Column("action", sa.String(40), nullable=False),
            sa.Column("record", line_text(), nullable=False),
            sa.Column("before", long_text()),
            sa.Column("after", long_text()),
            sa.Column("institute", id_text()),
            sa.Column("outcome", sa.String(10), nullable=False),
            sa.Column("reason", long_text()),
        ], [length_rule("audit_events", "at", 40, False),
            length_rule("audit_events", "actor", BOUNDS.identifier_length, False),
            enum_rule("audit_events", "role", self.roles(), True),
            length_rule("audit_events", "action", 40, False),
            length_rule("audit_events", "record", BOUNDS.line_length, False),
            length_rule("audit_events", "before", BOUNDS.text_length, True),
            length_rule("audit_events", "after", BOUNDS.text_length, True),
            length_rule("audit_events", "institute", BOUNDS.identifier_length, True),
            enum_rule("audit_events", "outcome", ("done", "denied"), False),
            length_rule("audit_events", "reason", BOUNDS.text_length, True)],
            indexes=[("institute", "row_id")], references=False)
        if ADDED_IN["sessions"] <= self.revision:
            self._sessions()
        if ADDED_IN["year_sums"] <= self.revision:
            self._year_sums()
        # the lists operations read: by institute, by person, by plan; an institute's people
        # in the order they were added (a page of them, the roster), from revision 0009
        people_by = ("institute",) if self.revision < PEOPLE_IN_ORDER else ("institute",
                                                                             "row_id")
        for table, columns_ in (("people", people_by), ("plans", ("institute",)),
                                ("departments", ("institute",)),
                                ("external_learning", ("person", "status")),
                                ("accounts", ("institute",)), ("accounts", ("person",))):
            sa.Index(self.name(f"{table}_{'_'.join(columns_)}"),
                     *(self[table].c[c] for c in columns_))
        self._year_indexes()
        self._check_names()

    def roles(self) -> list[str]:
        """The roles the tables of this revision hold."""
        return [role.value for role in Role
                if ROLES_ADDED_IN.get(role, "0001") <= self.revision]

    def _year_indexes(self) -> None:
        """The indexes of a person's records, as the year's sums read them (revision 0007,
        :mod:`casedu.store.aggregate`): a person's attendance with its status and plan, and a
        person's online records of a period with the columns the sums read (PostgreSQL holds
        them in the index, ``INCLUDE``; SQLite as its last columns; MariaDB keys no course,
        whose 1,000 characters pass its key's length), and on PostgreSQL and SQLite the online
        records that have a title, by person and course. Before, an index of ``person`` alone."""
        attendance, online = self["attendance"], self["online_learning"]
        if self.revision < YEAR_INDEXES:
            sa.Index(self.name("attendance_person"), attendance.c.person)
            sa.Index(self.name("online_learning_person"), online.c.person)
            return
        sa.Index(self.name("attendance_person_status_plan"), attendance.c.person,
                 attendance.c.status, attendance.c.plan)
        included = ("course", "hours", "seconds")
        options: dict[str, Any] = {}
        if self._for("postgresql"):
            options["postgresql_include"] = list(included)
        keyed = [online.c.person, online.c.date]
        if self.dialect == "sqlite":
            keyed += [online.c[name] for name in included]
        sa.Index(self.name("online_learning_person_date"), *keyed, **options)
        # the titles of the courses that come back: the few records that have one
        titled = online.c.title.isnot(None)
        where: dict[str, Any] = {f"{engine}_where": titled
                                 for engine in ("sqlite", "postgresql") if self._for(engine)}
        if where:
            sa.Index(self.name("online_learning_titled"), online.c.person, online.c.course,
                     **where)

    def checked(self) -> Tables:
        """The tables with their CHECK constraints, for making or migrating them (only then:
        SQLAlchemy takes a tenth of a second to build them, which opening a store does not
        need). Returns the tables."""
        if self._checked:
            return self
        self._checked = True
        dialect = "mysql" if self.dialect == "mariadb" else self.dialect
        for name, rules in self.rules.items():
            table = self[name]
            for rule in rules:
                if dialect is None:  # every engine: each engine's own expression
                    for engine in ("sqlite", "postgresql", "mysql"):
                        check = sa.CheckConstraint(rule.build(table, engine),
                                                   name=f"{rule.name(self.prefix)}_{engine}")
                        table.append_constraint(check.ddl_if(dialect=engine))
                    continue
                table.append_constraint(sa.CheckConstraint(rule.build(table, dialect),
                                                           name=rule.name(self.prefix)))
        return self

    def engine_rules(self) -> str:
        """The engine the rules' expressions are made for (MariaDB's are MySQL's)."""
        return "mysql" if self.dialect == "mariadb" else self.dialect or "sqlite"

    def _sessions(self) -> None:
        """Sessions of logins (:mod:`casedu.services.sessions`): the token's SHA-256, never the
        token; times as UTC text that sorts as the times do."""
        schema = f"{self.schema}." if self.schema else ""
        self._table("sessions", [
            sa.Column("token_hash", sa.String(64), nullable=False),
            sa.Column("username", id_text(), nullable=False),
            sa.Column("role", sa.String(20), nullable=False),
            sa.Column("csrf", sa.String(64), nullable=False),
            sa.Column("started", sa.String(40), nullable=False),
            sa.Column("seen", sa.String(40), nullable=False),
        ], [length_rule("sessions", "token_hash", 64, False),
            identifier_rule("sessions", "username", False),
            enum_rule("sessions", "role", self.roles(), False),
            length_rule("sessions", "csrf", 64, False),
            length_rule("sessions", "started", 40, False),
            length_rule("sessions", "seen", 40, False)],
            keys={"sessions": ("token_hash",)}, indexes=[("username",)],
            constraints=[sa.ForeignKeyConstraint(
                ["username"], [f"{schema}{self.name('accounts')}.username"],
                name=self.name("sessions_username_fk"), ondelete="CASCADE")])

    def _year_sums(self) -> None:
        """Each person's year summed (:mod:`casedu.store.year_sums`), by the year of the
        records' start and of their end (the policy's year basis chooses one when read): the
        hours of each source and the longest single training of each, none of which depends on
        a policy's parameter. Kept by casedu in the transaction of every change of the records
        they sum; removed with their person."""
        sums: list[sa.Column[Any]] = [sa.Column(name, HourSums(), nullable=False)
                                      for name in SUM_COLUMNS]
        self._table("year_sums", [
            sa.Column("person", id_text(), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("basis", sa.String(5), nullable=False), *sums,
        ], [identifier_rule("year_sums", "person", False),
            attrs.evolve(range_rule("year_sums", "year", 1, 9999, False), since=YEAR_SUMS),
            attrs.evolve(enum_rule("year_sums", "basis", ("start", "end"), False),
                         since=YEAR_SUMS),
            *(nonnegative_rule("year_sums", name, YEAR_SUMS) for name in SUM_COLUMNS)],
            keys={"year_sums": ("person", "year", "basis")})

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

    def identifiers(self) -> list[str]:
        """Every name the tables make in the database: tables, their revision table, keys,
        indexes and constraints."""
        names = list(revision_table_names(self.prefix))
        for table in self.metadata.tables.values():
            names.append(table.name)
            names += [str(c.name) for c in table.constraints if isinstance(c.name, str)]
            names += [str(i.name) for i in table.indexes if isinstance(i.name, str)]
        names += [rule.name(self.prefix) for rules in self.rules.values() for rule in rules]
        return names

    def _check_names(self) -> None:
        """Refuse a prefix that makes a name longer than the engine holds (PostgreSQL cuts
        names after 63 bytes, so two of them could become one; MariaDB refuses past 64)."""
        limit = {"postgresql": 63, "mysql": 64, "mariadb": 64}.get(str(self.dialect), 63)
        if self.dialect == "sqlite":
            return
        longest = max(self.identifiers(), key=len)
        if len(longest) > limit:
            room = limit - (len(longest) - len(self.prefix))
            raise InvalidValueError(
                f"the table prefix {shown(self.prefix)} makes names of up to {len(longest)} "
                f"characters ({longest}); the database holds {limit}: use a prefix of at most "
                f"{room} characters", field="prefix")

    def _table(self, name: str, columns: list[sa.Column[Any]], rules: list[Rule], *,
               keys: dict[str, tuple[str, ...]] = KEYS,
               indexes: tuple[tuple[str, ...], ...] | list[tuple[str, ...]] = (),
               references: bool = True, constraints: list[Any] | None = None) -> sa.Table:
        key = keys.get(name, ())
        constraints = list(constraints or ())
        later = {column for (table_, column), made in COLUMNS_ADDED_IN.items()
                 if table_ == name and made > self.revision}
        columns = [column for column in columns if column.name not in later]
        rules = [rule for rule in rules if rule.field not in later]
        if key and name != "online_learning":
            constraints.append(sa.UniqueConstraint(*key, name=self.name(f"{name}_key")))
        for column in columns:
            target = REFERENCES.get(column.name) if references else None
            if target is not None and name != target[0]:
                ondelete = "CASCADE" if name in ("implementations", "year_sums") else None
                schema = f"{self.schema}." if self.schema else ""
                constraints.append(sa.ForeignKeyConstraint(
                    [column.name], [f"{schema}{self.name(target[0])}.{target[1]}"],
                    name=self.name(f"{name}_{column.name}_fk"), ondelete=ondelete))
        options = self._mysql_options() if self._for("mysql", "mariadb") else {}
        table = sa.Table(self.name(name), self.metadata, row_id_column(), *columns,
                         *constraints, **options)  # type: ignore[call-overload]
        self.rules[name] = [rule for rule in rules if rule.since <= self.revision]
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

    def collation(self) -> str:
        """The binary collation of MariaDB/MySQL that compares trailing spaces too (NO PAD):
        ``utf8mb4_bin`` is PAD SPACE and takes ``'DEMO '`` for ``'DEMO'``. Revisions before
        0005 made ``utf8mb4_bin``."""
        if self.revision < CHECKED:
            return "utf8mb4_bin"
        return "utf8mb4_nopad_bin" if self.dialect == "mariadb" else "utf8mb4_0900_bin"

    def _mysql_options(self) -> dict[str, str]:
        collation = self.collation()
        return {f"{engine}_{option}": value for engine in ("mysql", "mariadb")
                for option, value in (("charset", "utf8mb4"), ("collate", collation),
                                      ("engine", "InnoDB"))}
