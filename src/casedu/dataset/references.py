"""The checks of a dataset that span records: duplicates and references, each by its place."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping
from operator import attrgetter
from typing import Any

from casedu.errors import Problem
from casedu.model import Dataset

__all__ = ["REFERRING", "reference_problems"]

Located = Iterable[tuple[int, Any]]  # iterated again for each check
LocatedSections = Mapping[str, Located]

#: The fields whose every value must be a key of another section, by section: where a section
#: holds ``values`` (a mapping of such a field to a collection that holds every value its
#: records have in it, and perhaps more), the check reads those instead of the records.
REFERRING: dict[str, tuple[str, ...]] = {
    "people": ("institute",), "plans": ("institute",), "attendance": ("plan", "person"),
    "external_learning": ("person",), "online_learning": ("person",),
}


def reference_problems(
    records: LocatedSections,
    unparsed_keys: dict[str, set[str]] | None = None,
) -> Iterator[Problem]:
    """Problems of duplicate keys and dangling references among the records that parsed.

    ``records`` maps each section name to its (index, record) pairs, so places stay those of the
    file even when some records of a section failed to parse. ``unparsed_keys`` holds, by
    section, the ids of records that are in the file but failed to parse: a reference to one of
    them is not reported again as dangling.
    """
    unparsed = unparsed_keys or {}
    yield from _duplicates(records["institutes"], "institutes", "code", ("code",))
    yield from _duplicates(records["departments"], "departments", "id", ("id",))
    yield from _duplicates(records["people"], "people", "id", ("id",))
    yield from _duplicates(records["plans"], "plans", "id", ("id",))
    yield from _duplicates(records["external_learning"], "external_learning", "id", ("id",))
    if any(map(attrgetter("session"), _records(records["online_learning"]))):
        yield from _duplicates([(i, r) for i, r in records["online_learning"] if r.session],
                               "online_learning", "session", ("session",))
    yield from _duplicates(records["attendance"], "attendance", "person", ("plan", "person"),
                           "the person is already on the plan")
    yield from _duplicates(records["backbone_reports"], "backbone_reports", "person",
                           ("institute", "year", "person"),
                           "the person is already reported for this institute and year")
    yield from _duplicates(records["summaries"], "summaries", "year", ("institute", "year"),
                           "the institute already has a summary of this year")

    institutes = {r.code for _, r in records["institutes"]} | unparsed.get("institutes", set())
    departments = {r.id: r for _, r in records["departments"]}
    people = {r.id: r for _, r in records["people"]}
    plans = {r.id for _, r in records["plans"]} | unparsed.get("plans", set())
    known_departments = set(departments) | unparsed.get("departments", set())
    known_people = set(people) | unparsed.get("people", set())

    for i, dep in records["departments"]:
        yield from _exists(institutes, dep.institute, f"departments[{i}].institute", "institute")
    for section in ("people", "plans"):
        if _all_exist(records[section], "institute", institutes) and \
                _departments_agree(records[section], departments):
            continue
        for i, rec in records[section]:
            yield from _exists(institutes, rec.institute, f"{section}[{i}].institute", "institute")
            if rec.department is None:
                continue
            dep = departments.get(rec.department)
            if rec.department not in known_departments:
                yield Problem(f"{section}[{i}].department", f"no department {rec.department!r}")
            elif dep is not None and dep.institute != rec.institute:
                yield Problem(
                    f"{section}[{i}].department",
                    f"department {rec.department!r} belongs to {dep.institute!r}, "
                    f"not to {rec.institute!r}",
                )
    attendance = records["attendance"]
    if not (_all_exist(attendance, "plan", plans)
            and _all_exist(attendance, "person", known_people)):
        for i, att in attendance:
            yield from _exists(plans, att.plan, f"attendance[{i}].plan", "plan")
            yield from _exists(known_people, att.person, f"attendance[{i}].person", "person")
    for section in ("external_learning", "online_learning"):
        if _all_exist(records[section], "person", known_people):
            continue
        for i, rec in records[section]:
            yield from _exists(known_people, rec.person, f"{section}[{i}].person", "person")
    for i, rep in records["backbone_reports"]:
        yield from _exists(institutes, rep.institute, f"backbone_reports[{i}].institute",
                           "institute")
        person = people.get(rep.person)
        if rep.person not in known_people:
            yield Problem(f"backbone_reports[{i}].person", f"no person {rep.person!r}")
        elif person is not None and person.institute != rep.institute:
            yield Problem(
                f"backbone_reports[{i}].person",
                f"person {rep.person!r} belongs to {person.institute!r}, not to {rep.institute!r}",
            )
    for i, summ in records["summaries"]:
        yield from _exists(institutes, summ.institute, f"summaries[{i}].institute", "institute")


def _exists(known: Any, key: str, place: str, what: str) -> Iterator[Problem]:
    if key not in known:
        yield Problem(place, f"no {what} {key!r}")


def _records(located: Located) -> Collection[Any]:
    """The records of a section, without their places."""
    records = getattr(located, "records", None)
    return records if records is not None else [r for _, r in located]


def _all_exist(located: Located, field: str, known: set[Any]) -> bool:
    """Whether every record's ``field`` is in ``known`` (a set): the usual answer, found in C,
    from the section's ``values`` of the field when it has them (:data:`REFERRING`: a few
    thousand distinct values, not millions of records), else from its records."""
    values = getattr(located, "values", {}).get(field)
    if values is not None and known.issuperset(values):
        return True
    return set(map(attrgetter(field), _records(located))) <= known


def _departments_agree(located: Located, departments: Mapping[str, Any]) -> bool:
    """Whether every record's department is None or one of ``departments`` of the record's
    institute: the usual answer, found from the distinct (department, institute) pairs."""
    pairs = set(map(attrgetter("department", "institute"), _records(located)))
    return all(department is None or (department in departments
                                      and departments[department].institute == institute)
               for department, institute in pairs)


def _duplicates(
    located: Located, section: str, field: str, names: tuple[str, ...],
    message: str | None = None
) -> Iterator[Problem]:
    """The records whose ``names`` fields are those of a record before them, each named at its
    place with the place of the first."""
    if _distinct(_records(located), names):
        return
    key = attrgetter(*names)
    first: dict[Hashable, int] = {}
    for i, record in located:
        k = key(record)
        if k in first:
            what = message or f"duplicate {field} {k!r}"
            yield Problem(f"{section}[{i}].{field}", f"{what} (first at {section}[{first[k]}])")
        else:
            first[k] = i


def _distinct(records: Collection[Any], names: tuple[str, ...]) -> bool:
    """Whether no two records have the same ``names`` fields: the usual answer, found in C. A
    key of several fields is checked bucket by bucket of its first field, so that no tuple of a
    key is held for each record (the academy's 600,000 attendance records: 48 MiB at the end of
    a load, against 5 for the buckets)."""
    if len(names) == 1:
        return len(set(map(attrgetter(names[0]), records))) == len(records)
    buckets: dict[Any, list[Any]] = {}
    for head, rest in zip(map(attrgetter(names[0]), records),
                          map(attrgetter(*names[1:]), records), strict=True):
        bucket = buckets.get(head)
        if bucket is None:
            buckets[head] = [rest]
        else:
            bucket.append(rest)
    return all(len(set(bucket)) == len(bucket) for bucket in buckets.values())


def check_dataset(dataset: Dataset) -> list[Problem]:
    """The reference problems of a dataset built in Python, by position in its tuples."""
    return list(reference_problems({
        name: list(enumerate(getattr(dataset, name)))
        for name in (
            "institutes", "departments", "people", "plans", "attendance", "external_learning",
            "online_learning", "backbone_reports", "summaries",
        )
    }))
