"""Records from their stored rows, and stored values as every engine gives them back.

Nothing here imports SQLAlchemy: the store's tables (:mod:`casedu.store.tables`) and the
standard-library reading of a workspace file for the figures (:mod:`casedu.store.reading`)
share these functions, so both make the same records from the same rows.

>>> hours_value(1_500_000), money_value(1_200_050), day_value("2026-03-01")
(Decimal('1.5'), Decimal('12000.50'), datetime.date(2026, 3, 1))
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from casedu.metrics.hours import PersonYear, SingleTraining, Source, YearHours
from casedu.model import (
    AnnualSummary,
    Attendance,
    BackboneReport,
    Department,
    ExternalLearning,
    Implementation,
    Institute,
    OnlineLearning,
    Person,
    TrainingPlan,
)
from casedu.policy import Policy
from casedu.quantities import BOUNDS, plain, yuan

__all__ = ["RECORD_TABLES", "REMEMBERED", "ROSTER", "StoredValueError", "day_value", "flag_value",
           "hours_value", "money_value", "plain", "record_of", "records_of", "year_hours_of",
           "year_parameters"]

HOURS_PLACES = BOUNDS.hours_places
MONEY_PLACES = 2

#: The tables of the record types, in the order records depend on each other.
RECORD_TABLES: dict[str, type] = {
    "institutes": Institute,
    "departments": Department,
    "people": Person,
    "plans": TrainingPlan,
    "attendance": Attendance,
    "external_learning": ExternalLearning,
    "online_learning": OnlineLearning,
    "backbone_reports": BackboneReport,
    "summaries": AnnualSummary,
}

#: The sections of a roster (what the figures read besides the hours): all but the learning
#: records.
ROSTER = tuple(section for section in RECORD_TABLES
               if section not in ("attendance", "external_learning", "online_learning"))

#: The label of an implementation's column read beside its plan: ``implementation.hours``.
IMPLEMENTATION = "implementation."


class StoredValueError(ValueError):
    """A value read from the database that the model refuses."""


def scaled_value(value: Any, places: int, canonical: Any = plain, *,
                 scaled: bool = True) -> Any:
    """An exact decimal as stored: a scaled integer (SQLite, ``scaled``) or a decimal.
    Anything else is handed on as it is, for the model to refuse with its table, row and field."""
    if value is None:
        return None
    if scaled:
        if not isinstance(value, int | float):  # written outside casedu: the model refuses it
            return value
        value = Decimal(value).scaleb(-places)
    else:
        value = Decimal(value)
    if not value.is_finite():
        return value
    try:
        return canonical(value)
    except ArithmeticError:  # too large to be casedu's: the model refuses it
        return value


#: How many stored values of hours are remembered with the decimal made of each.
REMEMBERED = 4096
_HOURS: dict[int, Decimal] = {}


def hours_value(value: Any) -> Any:
    """Hours from SQLite's millionths of an hour; each stored value made once (a year's sums
    of an institute's 700 people repeat a few hundred values: 4,200 values, 335 distinct)."""
    if type(value) is not int:  # None, or a value written outside casedu (1.0 is not 1)
        return scaled_value(value, HOURS_PLACES)
    made = _HOURS.get(value)
    if made is None:
        made = scaled_value(value, HOURS_PLACES)
        if len(_HOURS) >= REMEMBERED:
            _HOURS.clear()
        _HOURS[value] = made
    return made


def money_value(value: Any) -> Any:
    """Yuan from SQLite's fen, with their fen: ``12000.50``."""
    return scaled_value(value, MONEY_PLACES, yuan)


def flag_value(value: Any) -> Any:
    """True or False from an engine without booleans (0 or 1); anything else (``7``, written
    outside casedu) is handed on as it is, for the model to refuse with its table, row and
    field.

    >>> flag_value(1), flag_value(0), flag_value(7)
    (True, False, 7)
    """
    if value is None or isinstance(value, bool):
        return value
    return {0: False, 1: True}.get(value, value) if isinstance(value, int) else value


def day_value(value: Any) -> Any:
    """A date from SQLite's ``YYYY-MM-DD`` text; other text is handed on as it is."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else value
        except ValueError:
            return value
    return value


_ENUMS: dict[type, dict[str, type[enum.Enum]]] = {}


def make(record_type: type, values: dict[str, Any]) -> Any:
    """A record from its column values: enums from their values, the model's checks run."""
    enums = _ENUMS.get(record_type)
    if enums is None:  # found whole before it is kept: another thread may look meanwhile
        attrs.resolve_types(record_type)
        enums = {}
        for field in attrs.fields(record_type):
            for kind in (field.type, *getattr(field.type, "__args__", ())):
                if isinstance(kind, type) and issubclass(kind, enum.Enum):
                    enums[field.name] = kind
        _ENUMS[record_type] = enums
    for name, kind in enums.items():
        if name in values:
            values[name] = kind(values[name])
    return record_type(**values)


def record_of(section: str, row: Mapping[Any, Any]) -> Any:
    """The record of a row of ``section`` (a plan's row carries its implementation's columns,
    labelled ``implementation.NAME``); a value the model refuses is a :class:`StoredValueError`
    naming the table and row."""
    try:
        values = {k: v for k, v in row.items() if v is not None and k != "row_id"
                  and not k.startswith(IMPLEMENTATION)}
        if section == "plans" and row.get(f"{IMPLEMENTATION}attendees") is not None:
            try:
                values["implementation"] = make(Implementation, {
                    k.split(".", 1)[1]: v for k, v in row.items()
                    if k.startswith(IMPLEMENTATION) and v is not None})
            except Exception as error:  # named by its plan: its row is the plan's
                raise StoredValueError(f"table implementations (of plan {row.get('id')!r}): "
                                       f"a stored value cannot be read ({error})") from None
        if section == "summaries" and "figures" in values:
            values["figures"] = json.loads(values["figures"])
        return make(RECORD_TABLES[section], values)
    except StoredValueError:
        raise
    except Exception as error:  # every failure to make a record is a stored bad value
        raise StoredValueError(f"table {section} row {row.get('row_id')}: a stored value "
                               f"cannot be read ({error})") from None


#: The compiled makers of the roster's record types (:mod:`casedu.dataset.typed`), made on
#: first use: each distinct value of a field is checked once in the process.
_MAKERS: dict[str, tuple[Any, tuple[str, ...]] | None] = {}
_CHECKED: list[Any] = []
#: Held while a maker is made (the first request of each kind may come in several threads).
_MAKING = threading.Lock()


def _maker(section: str) -> tuple[Any, tuple[str, ...]] | None:
    """The compiled maker of ``section``'s records and the names of their date fields, or
    None when the record type has none (a field that is a record or a mapping)."""
    if section in _MAKERS:
        return _MAKERS[section]
    with _MAKING:  # a server's threads ask at once: one makes it, the others wait for it
        if section not in _MAKERS:
            from casedu.dataset.typed import Makers

            if not _CHECKED:
                _CHECKED.append(Makers())
            record_type = RECORD_TABLES[section]
            made = _CHECKED[0].of(record_type)
            attrs.resolve_types(record_type)
            dates = tuple(f.name for f in attrs.fields(record_type)
                          if dt.date in (f.type, *getattr(f.type, "__args__", ())))
            _MAKERS[section] = None if made is None else (made, dates)
        return _MAKERS[section]


def records_of(section: str, columns: Sequence[str],
               rows: Iterable[Sequence[Any]]) -> list[Any]:
    """The records of ``rows`` of ``section`` (``columns`` names their values), exactly as
    :func:`record_of` makes them, with every check of the model, but each distinct value of a
    field checked once in the process: by the maker compiled for the record type, as a
    dataset file is read (:mod:`casedu.dataset.typed`). A row the maker does not make (a value
    it has not seen that a check refuses, anything unusual) goes the whole way, through
    :func:`record_of`, which names the table, row and field."""
    found = _maker(section)
    if found is None:
        return [record_of(section, dict(zip(columns, row, strict=True))) for row in rows]
    make, dates = found
    pairs = [(name, i) for i, name in enumerate(columns) if name != "row_id"]
    days = [j for j, (name, _) in enumerate(pairs) if name in dates]
    records = []
    for row in rows:
        items = [(name, row[i]) for name, i in pairs]
        for j in days:  # a date as the file has it: its checked text
            name, value = items[j]
            if type(value) is dt.date:
                items[j] = (name, value.isoformat())
        record = make(items)
        if record is None:
            record = record_of(section, dict(zip(columns, row, strict=True)))
        records.append(record)
    return records


def year_parameters(year: int, policy: Policy, institute: str | None) -> dict[str, Any]:
    """The parameters of the year's queries (:mod:`casedu.store.year_sums`)."""
    parameters: dict[str, Any] = {"year": year, "low": dt.date(year, 1, 1),
                                  "high": dt.date(year, 12, 31),
                                  "threshold": policy.backbone_single_hours}
    if institute is not None:
        parameters["institute"] = institute
    return parameters


def year_hours_of(sums: Iterable[Sequence[Any]],
                  singles: Iterable[Iterable[Sequence[Any]]] | None,
                  year: int, policy: Policy) -> YearHours:
    """The year's hours from each person's sums, ``(person, class_hours, external_hours,
    online_hours, class_longest, external_longest, online_longest)``, and the single
    trainings over the threshold of the classes, external learning and online courses, in
    that order, each ``(person, key, title, first, last, hours)``; None: not read (each
    person's year then refuses to give its single trainings, and gives the longest's
    hours)."""
    if singles is None:
        by_person = {
            person: PersonYear(person=person, year=year, class_hours=class_h,
                               external_hours=external_h, online_hours=online_h,
                               longest=max(class_l, external_l, online_l),
                               unread_singles=True)
            for person, class_h, external_h, online_h, class_l, external_l, online_l in sums}
        return YearHours(year=year, policy=policy, by_person=by_person)
    long: dict[str, list[SingleTraining]] = defaultdict(list)
    kinds = (Source.CLASS, Source.EXTERNAL, Source.ONLINE)
    for kind, rows in zip(kinds, singles, strict=True):
        for person, record, name, first, last, hours in rows:
            long[person].append(SingleTraining(kind, record, name, first, last, hours))
    by_person = {
        person: PersonYear(person=person, year=year, class_hours=class_h,
                           external_hours=external_h, online_hours=online_h,
                           singles=tuple(long.get(person, ())),
                           longest=max(class_l, external_l, online_l))
        for person, class_h, external_h, online_h, class_l, external_l, online_l in sums}
    return YearHours(year=year, policy=policy, by_person=by_person)
