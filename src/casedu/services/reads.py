"""The targeted reads of the store port, defined over a dataset in memory.

An operation reads only what it touches: a record by its key, the records of a section that
match a few fields (``find``), an institute's share of the data (``institute_data``). These
functions are the reference meaning of those reads: :class:`~casedu.services.MemoryStore`
answers with them, and the SQL store is tested to give the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import ArgumentValueError, expect
from casedu.metrics.arguments import year_argument
from casedu.metrics.hours import YearHours
from casedu.metrics.year_sums import year_hours
from casedu.model import (
    Account,
    Attendance,
    AttendanceStatus,
    Dataset,
    ExternalLearning,
    ExternalStatus,
    Person,
)
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.services.changes import SECTION_TYPES, AuditEvent, record_key

__all__ = ["LEARNING", "ROSTER", "SECTIONS", "attendance_counts", "audit_page", "check_fields",
           "check_page", "class_attendees", "find_records", "get_record", "institute_data",
           "institute_hours", "matches", "matches_nothing", "page", "pending_external",
           "people_data", "person_matches", "record_ids", "roster_data", "search_people",
           "year_people"]

#: The sections of the store, in the order records depend on each other.
SECTIONS = ("institutes", "departments", "people", "plans", "attendance", "external_learning",
            "online_learning", "backbone_reports", "summaries", "accounts")

#: The sections of a person's learning records: ``find(section, institute=…)`` means the
#: institute of the record's person.
LEARNING = frozenset({"attendance", "external_learning", "online_learning"})

#: The sections of a roster: every section but the learning records.
ROSTER = tuple(section for section in SECTIONS[:-1] if section not in LEARNING)


_FIELDS: dict[str, set[str]] = {}


def check_section(section: str) -> None:
    """Refuse a section the store does not have."""
    if section not in SECTIONS:
        raise ArgumentValueError(f"no section {section!r}; the sections are {', '.join(SECTIONS)}",
                                field="section")


def check_read(section: str, key: tuple[Any, ...] | None = None, limit: int | None = None,
               offset: int = 0) -> None:
    """Refuse a read that cannot mean anything: an unknown section, a key that is not a tuple
    (``("P1",)``, not ``"P1"``), a negative or non-whole limit or offset."""
    expect("section", section, str, what="a section's name such as 'plans'")
    check_section(section)
    if key is not None:
        expect("key", key, tuple, what="a record's key as a tuple such as ('P1',)")
    check_page(limit, offset)


def check_page(limit: int | None, offset: int) -> None:
    """Refuse a negative or non-whole limit or offset."""
    if limit is not None:
        expect("limit", limit, int, what="a whole number of records")
        if limit < 0:
            raise ArgumentValueError(f"limit must be 0 or more, got {limit}", field="limit")
    expect("offset", offset, int, what="a whole number of records")
    if offset < 0:
        raise ArgumentValueError(f"offset must be 0 or more, got {offset}", field="offset")


def check_fields(section: str, where: Iterable[str]) -> None:
    """Refuse a field the records of ``section`` do not have (a store's own columns, such as
    ``row_id``, are none of theirs)."""
    fields = _FIELDS.get(section)
    if fields is None:
        fields = _FIELDS[section] = {f.name for f in attrs.fields(SECTION_TYPES[section])}
    for name in where:
        if name not in fields and not (name == "institute" and section in LEARNING):
            raise ArgumentValueError(f"{section} have no field {name!r}", field=name)


def matches_nothing(values: Iterable[Any]) -> bool:
    """Whether a text among ``values`` holds a NUL, which no record holds (the model refuses
    control characters): a store answers such a read with nothing, without asking its
    database (PostgreSQL refuses a NUL in any text)."""
    return any(isinstance(value, str) and "\x00" in value for value in values)


def matches(record: Any, where: Mapping[str, Any], person_institute: Any = None) -> bool:
    """Whether ``record`` has every value of ``where`` (enums compare with their values too).
    ``person_institute(id)`` gives a person's institute, for ``institute`` on learning records.
    """
    for name, wanted in where.items():
        if name == "institute" and not hasattr(record, "institute"):
            value = person_institute(record.person) if person_institute else None
        else:
            value = getattr(record, name)
        if value != wanted and getattr(value, "value", value) != wanted:
            return False
    return True


def page(records: Iterable[Any], limit: int | None, offset: int) -> list[Any]:
    """``limit`` records after the first ``offset`` ones (all of them for no limit)."""
    found = list(records)
    end = None if limit is None else offset + limit
    return found[offset:end]


def find_records(dataset: Dataset, accounts: Mapping[str, Account], section: str,
                 where: Mapping[str, Any], limit: int | None = None,
                 offset: int = 0) -> list[Any]:
    """The records of ``section`` matching ``where``, in the order they were added."""
    check_read(section, limit=limit, offset=offset)
    check_fields(section, where)
    if section == "accounts":
        records: Iterable[Any] = sorted(accounts.values(), key=lambda a: a.username)
    else:
        records = getattr(dataset, section)
    if section in LEARNING and "institute" in where:
        institute = dataset.person_by_id
        return page((r for r in records if matches(
            r, where, lambda p: getattr(institute.get(p), "institute", None))), limit, offset)
    return page((r for r in records if matches(r, where)), limit, offset)


def get_record(dataset: Dataset, accounts: Mapping[str, Account], section: str,
               key: tuple[Any, ...]) -> Any:
    """The record of ``section`` with ``key``, or None."""
    check_read(section, key)
    if section == "accounts":
        return accounts.get(key[0]) if len(key) == 1 else None
    if section == "people":
        return dataset.person_by_id.get(key[0]) if len(key) == 1 else None
    if section == "plans":
        return dataset.plan_by_id.get(key[0]) if len(key) == 1 else None
    for record in getattr(dataset, section):
        if record_key(record) == key:
            return record
    return None


def person_matches(person: Person, text: str) -> bool:
    """Whether ``text`` is part of the person's id, name or email, exactly as written (the
    same on every engine: no case folding, which the engines do each their own way)."""
    return text in person.id or text in person.name or (
        person.email is not None and text in person.email)


def search_people(dataset: Dataset, institute: str, *, department: str | None = None,
                  text: str | None = None, limit: int | None = None,
                  offset: int = 0) -> tuple[list[Person], int]:
    """A page of an institute's people (of one department, and matching ``text`` when given),
    in the order they were added, and how many match in all."""
    check_read("people", limit=limit, offset=offset)
    found = [p for p in dataset.people if p.institute == institute
             and (department is None or p.department == department)
             and (not text or person_matches(p, text))]
    return page(found, limit, offset), len(found)


def class_attendees(dataset: Dataset, plan: str, *, limit: int | None = None,
                    offset: int = 0) -> tuple[list[tuple[Attendance, Person]], int]:
    """A page of a class's attendance records (实际参会人员) with their people, in the order
    they were added, and how many the class has in all."""
    check_read("attendance", limit=limit, offset=offset)
    records = [a for a in dataset.attendance if a.plan == plan]
    people = dataset.person_by_id
    return [(a, people[a.person]) for a in page(records, limit, offset)], len(records)


def pending_external(dataset: Dataset, institute: str, *, department: str | None = None,
                     year: int | None = None, policy: Policy = DEFAULT_POLICY,
                     limit: int | None = None, offset: int = 0,
                     ) -> tuple[list[tuple[ExternalLearning, Person]], int]:
    """A page of the external learning records pending review (外部学习审核) of an institute's
    people (of one department, when given; of statistics year ``year`` by the policy's basis
    (R1), when given) with their people, in the order they were added, and how many are
    pending in all."""
    check_read("external_learning", limit=limit, offset=offset)
    if year is not None:
        year_argument(year)
    people = dataset.person_by_id

    def in_scope(record: ExternalLearning) -> bool:
        who = people.get(record.person)
        return (record.status is ExternalStatus.PENDING and who is not None
                and who.institute == institute
                and (department is None or who.department == department)
                and (year is None or policy.year_of(record.start, record.end) == year))

    found = [r for r in dataset.external_learning if in_scope(r)]
    return [(r, people[r.person]) for r in page(found, limit, offset)], len(found)


def attendance_counts(dataset: Dataset, plans: Iterable[str],
                      ) -> dict[str, dict[AttendanceStatus, int]]:
    """How many attendance records each of ``plans`` has in each status (实际参会人员 added and
    confirmed); a plan without any is left out."""
    expect("plans", plans, list, tuple, set, frozenset, what="a list of plan ids")
    wanted = set(plans)
    counts: dict[str, dict[AttendanceStatus, int]] = {}
    for record in dataset.attendance:
        if record.plan in wanted:
            mine = counts.setdefault(record.plan, {})
            mine[record.status] = mine.get(record.status, 0) + 1
    return counts


def audit_page(events: Iterable[AuditEvent], *, actor: str | None = None,
               action: str | None = None, record: str | None = None,
               outcome: str | None = None, limit: int | None = None,
               offset: int = 0) -> tuple[list[AuditEvent], int]:
    """A page of ``events`` (an institute's audit, oldest first), newest first: those of the
    actor ``actor``, the action ``action``, a record label starting with ``record`` (exactly as
    written) and the outcome ``outcome`` (``done``, ``denied``); and how many match in all."""
    check_page(limit, offset)
    found = [e for e in events
             if (actor is None or e.actor == actor) and (action is None or e.action == action)
             and (record is None or e.record.startswith(record))
             and (outcome is None or e.outcome == outcome)]
    found.reverse()
    return page(found, limit, offset), len(found)


def record_ids(dataset: Dataset, section: str, prefix: str) -> list[str]:
    """The ids of ``section`` that start with ``prefix``."""
    check_section(section)
    return [r.id for r in getattr(dataset, section) if r.id.startswith(prefix)]


def institute_data(dataset: Dataset, code: str) -> Dataset:
    """An institute's share of the data: everything its figures, screens, reports and archives
    read. Its people with all their learning records (and the plans they attended), its plans
    with everybody on them, its departments, backbone reports and summaries, and the institutes
    and departments those records name. Every figure of the institute is the same on this share
    as on the whole dataset (a property test holds it)."""
    own_people = {p.id for p in dataset.people if p.institute == code}
    own_plans = {p.id for p in dataset.plans if p.institute == code}
    attendance = [a for a in dataset.attendance if a.person in own_people or a.plan in own_plans]
    people_ids = own_people | {a.person for a in attendance}
    plan_ids = own_plans | {a.plan for a in attendance}
    people = [p for p in dataset.people if p.id in people_ids]
    plans = [p for p in dataset.plans if p.id in plan_ids]
    named = {p.department for p in people} | {p.department for p in plans}
    institutes = {code} | {p.institute for p in people} | {p.institute for p in plans}
    return Dataset(
        institutes=[i for i in dataset.institutes if i.code in institutes],
        departments=[d for d in dataset.departments if d.institute == code or d.id in named],
        people=people,
        plans=plans,
        attendance=attendance,
        external_learning=[r for r in dataset.external_learning if r.person in own_people],
        online_learning=[r for r in dataset.online_learning if r.person in own_people],
        backbone_reports=[r for r in dataset.backbone_reports if r.institute == code],
        summaries=[s for s in dataset.summaries if s.institute == code],
    )


def people_data(dataset: Dataset, people: Iterable[str]) -> Dataset:
    """A few people's share of the data: those people (ids not found are left out) with all
    their learning records, the plans they attended, and the departments and institutes those
    name. Every figure of one of these people (their hours of any year, their archive) is the
    same on this share as on the whole dataset; it is what a page of people reads."""
    wanted = set(people)
    found = [p for p in dataset.people if p.id in wanted]
    ids = {p.id for p in found}
    attendance = [a for a in dataset.attendance if a.person in ids]
    attended = {a.plan for a in attendance}
    plans = [p for p in dataset.plans if p.id in attended]
    named = {p.department for p in found} | {p.department for p in plans}
    codes = {p.institute for p in found} | {p.institute for p in plans}
    return Dataset(
        institutes=[i for i in dataset.institutes if i.code in codes],
        departments=[d for d in dataset.departments if d.id in named],
        people=found,
        plans=plans,
        attendance=attendance,
        external_learning=[r for r in dataset.external_learning if r.person in ids],
        online_learning=[r for r in dataset.online_learning if r.person in ids],
    )


def roster_data(dataset: Dataset, institute: str | None = None) -> Dataset:
    """What the figures read besides the learning records: every institute (its code and name,
    which a message about an unknown code shows), and the departments, people, plans, backbone
    reports and summaries of ``institute`` (of every institute, for None)."""
    if institute is None:
        return attrs.evolve(dataset, attendance=(), external_learning=(), online_learning=())

    def own(section: str) -> list[Any]:
        return [r for r in getattr(dataset, section) if r.institute == institute]

    return Dataset(institutes=dataset.institutes,
                   **{section: own(section) for section in ROSTER if section != "institutes"})


def institute_hours(dataset: Dataset, year: int, *, policy: Policy = DEFAULT_POLICY,
                    institute: str | None = None, people: Iterable[str] | None = None,
                    total_at_least: Decimal | None = None) -> YearHours:
    """Everybody's hours of ``year`` (R2, R3), or those of ``institute``'s people: the year's
    sums a store gives (:meth:`casedu.services.Store.year_hours`). ``people``: only the years
    of these people (of ``institute``, when given; an id not found has none);
    ``total_at_least``: only the years whose total hours (R2) reach it. Either leaves out
    years, never changes one."""
    if institute is not None:
        expect("institute", institute, str, what="an institute's code such as 'IOP'")
    wanted = year_people(people)
    if total_at_least is not None:
        expect("total_at_least", total_at_least, Decimal, int, what="hours as a Decimal")
    if institute is None:
        share = dataset if wanted is None else people_data(dataset, wanted)
    else:
        own = [p.id for p in dataset.people_by_institute.get(institute, ())
               if wanted is None or p.id in wanted]
        share = people_data(dataset, own)
    found = year_hours(share, year, policy=policy)
    if total_at_least is None:
        return found
    return attrs.evolve(found, by_person={person: mine for person, mine in found.by_person.items()
                                          if mine.total >= total_at_least})


def year_people(people: Iterable[str] | None) -> frozenset[str] | None:
    """The people a year's read is of (None: everybody), checked: a collection of ids, not
    one id's text (whose letters would be read as ids)."""
    if people is None:
        return None
    expect("people", people, list, tuple, set, frozenset,
           what="a collection of person ids such as ['p1']")
    wanted = frozenset(people)
    for person_id in wanted:
        expect("people", person_id, str, what="person ids such as 'p1'")
    return wanted
