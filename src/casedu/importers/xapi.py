"""Online-course hours from xAPI statements, as a learning record store exports them.

cmi5 courseware reports the time of a session in ``result.duration`` of its Terminated (and, when
the session was cut off, Abandoned) statement; Completed and Passed statements carry durations
that overlap it (cmi5 section 9.5.4), so only Terminated and Abandoned are credited. Voided
statements and repeated statement ids are skipped. Durations in years or months are refused: they
have no fixed length.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from casedu.dataset.json_text import JsonTextError, parse_json
from casedu.errors import (
    CaseduError,
    DatasetError,
    Problem,
    expect,
    shown,
)
from casedu.importers.iso8601 import duration_seconds, statement_day
from casedu.model import Account, Dataset, OnlineLearning
from casedu.policy import DEFAULT_POLICY
from casedu.progress import advance, task
from casedu.quantities import check_seconds, hours_of_seconds

__all__ = ["CREDITED_VERBS", "MAX_ARRAY_BYTES", "MAX_LINE_BYTES", "XapiResult",
           "duration_seconds", "parse_duration", "read_statements"]

#: The largest file of statements given as one JSON array (read whole); use JSON lines beyond.
MAX_ARRAY_BYTES = 64 * 1024 * 1024
#: The longest line of a JSON-lines file (one statement).
MAX_LINE_BYTES = 1024 * 1024
#: The most problems listed before reading stops.
MAX_PROBLEMS = 200

TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"
ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
CREDITED_VERBS = frozenset({TERMINATED, ABANDONED})


def parse_duration(text: str) -> Decimal:
    """An ISO 8601 duration in hours (to 28 digits; :func:`duration_seconds` gives the exact
    seconds); years and months are refused.

    >>> parse_duration("PT1H30M"), parse_duration("PT20M"), parse_duration("P1DT2H")
    (Decimal('1.5'), Decimal('0.3333333333333333333333333333'), Decimal('26'))
    >>> parse_duration("P1M")
    Traceback (most recent call last):
    ...
    casedu.errors.InvalidValueError: a duration in years or months has no fixed length: 'P1M'
    """
    hours = duration_seconds(text) / 3600
    return hours.normalize() if hours == hours.to_integral_value() else hours


@attrs.frozen
class XapiResult:
    """Online records made from statements, and what was skipped and why."""

    records: tuple[OnlineLearning, ...]
    skipped: tuple[str, ...]
    #: Statements already imported before (their statement id is on an online record).
    already: int = 0


def read_statements(path: str | os.PathLike[str], *, dataset: Dataset,
                    accounts: Mapping[str, Account], institute: str,
                    time_zone: str = DEFAULT_POLICY.time_zone) -> XapiResult:
    """Credited sessions of ``path`` (a JSON array, or JSON lines) as online records of the
    institute's people, dated in ``time_zone``, each with its exact duration (``seconds``; a
    course's sessions of a year are summed in seconds and rounded once, R3) and its own hours
    rounded half-up to 0.01 h. Statements already imported are skipped and counted. Problems
    are listed all at once."""
    expect("path", path, str, os.PathLike, what="a file's path (str or pathlib.Path)")
    source = os.fspath(path)
    zone = _zone(time_zone)
    imported = {r.session for r in dataset.online_learning if r.session is not None}
    entries: list[tuple[str, dict[str, Any] | Problem]] = []
    unreadable = 0
    with task(f"reading {Path(path).name}", unit="statements"):
        for place, item in _load(Path(path), source):
            entries.append((place, item))
            advance()
            unreadable += isinstance(item, Problem)
            if unreadable >= MAX_PROBLEMS:
                break
    statements = [s for _, s in entries if not isinstance(s, Problem)]
    voided = {_text(_dict(s.get("object")).get("id")) for s in statements
              if _verb(s) == VOIDED and _dict(s.get("object")).get("objectType") == "StatementRef"}
    seen: set[str] = set()
    records: list[OnlineLearning] = []
    skipped: list[str] = []
    problems: list[Problem] = []
    already = 0
    for place, statement in entries:  # in file order, so problems come in the order of lines
        if isinstance(statement, Problem):
            problems.append(statement)
            continue
        statement_id = _text(statement.get("id"))
        verb = _verb(statement)
        if statement_id is not None and statement_id in seen:
            skipped.append(f"{place}: statement {statement_id} repeated")
            continue
        if statement_id is not None:
            seen.add(statement_id)
        if verb == VOIDED or (statement_id is not None and statement_id in voided):
            skipped.append(f"{place}: voided")
            continue
        if verb not in CREDITED_VERBS:
            continue
        if statement_id is not None and statement_id in imported:
            already += 1
            continue
        try:
            records.append(_record(statement, dataset, accounts, institute, zone))
        except (ValueError, CaseduError) as error:
            problems.append(Problem(place, str(error)))
    if problems:
        raise DatasetError(source, problems)
    return XapiResult(tuple(records), tuple(skipped), already)


def _zone(name: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise DatasetError(name, [Problem("time_zone", f"no time zone {name!r}")]) from None


def _load(path: Path, source: str) -> Iterator[tuple[str, dict[str, Any] | Problem]]:
    """(place, statement or problem) of a JSON array or of JSON lines, by the first character."""
    try:
        stream = path.open("rb")
    except OSError as error:
        raise DatasetError(source, [Problem("", f"cannot read it: {error.strerror}")]) from None
    with stream:
        start = stream.read(4096)
        stream.seek(0)
        if start.startswith(b"\xef\xbb\xbf"):
            stream.read(3)
        if start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            yield from _array(stream, path, source)
        else:
            yield from _json_lines(stream, source)


def _array(stream: Any, path: Path, source: str) -> Iterator[tuple[str, Any]]:
    size = path.stat().st_size
    if size > MAX_ARRAY_BYTES:
        raise DatasetError(source, [Problem("", f"a JSON array of {size} bytes; casedu reads "
                                                f"arrays of at most {MAX_ARRAY_BYTES} bytes: "
                                                "export the statements as JSON lines")])
    try:
        items = parse_json(_decoded(stream.read(), "", source))
    except JsonTextError as error:
        raise DatasetError(source, [Problem(error.place, error.reason)]) from None
    if not isinstance(items, list):
        raise DatasetError(source, [Problem("", "statements are a JSON array or JSON lines")])
    for index, item in enumerate(items):
        place = f"statements[{index}]"
        yield place, _statement(item, place)


def _json_lines(stream: Any, source: str) -> Iterator[tuple[str, Any]]:
    number = 0
    while line := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        place = f"line {number}"
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            yield place, Problem(place, f"longer than {MAX_LINE_BYTES} bytes")
            while line and not line.endswith(b"\n"):  # skip the rest of the line
                line = stream.readline(MAX_LINE_BYTES)
            continue
        try:
            text = _decoded(line, place, source).rstrip("\r\n")
            if not text.strip():
                continue
            yield place, _statement(parse_json(text), place)
        except JsonTextError as error:
            # the parser counts within the line: "line 1 column 17" is column 17 of this line
            if error.place.startswith("line 1 column "):
                where = f"{place} {error.place.removeprefix('line 1 ')}"
            else:
                where = f"{place}: {error.place}" if error.place else place
            yield place, Problem(where, error.reason)
        except DatasetError as error:
            yield place, error.problems[0]


def _decoded(data: bytes, place: str, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DatasetError(source, [Problem(place, f"not UTF-8 text (byte {error.start})")]) \
            from None


def _statement(item: Any, place: str) -> dict[str, Any] | Problem:
    if not isinstance(item, dict):
        return Problem(place, "a statement is a JSON object")
    return item


def _dict(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one when the value is anything else (the check that needs
    it says what was missing)."""
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    """A JSON string (not a number kept as its text for refusal, such as ``NaN``)."""
    return value if type(value) is str else None


def _verb(statement: Mapping[str, Any]) -> str | None:
    return _text(_dict(statement.get("verb")).get("id"))


def _record(statement: Mapping[str, Any], dataset: Dataset, accounts: Mapping[str, Account],
            institute: str, zone: dt.tzinfo) -> OnlineLearning:
    for key in ("actor", "object", "result"):
        if key in statement and not isinstance(statement[key], dict):
            raise ValueError(f"{key} is {shown(statement[key])}, not a JSON object")
    statement_id = statement.get("id")
    if statement_id is not None and _text(statement_id) is None:
        raise ValueError(f"id is {shown(statement_id)}, not a text")
    person = _person(_dict(statement.get("actor")), dataset, accounts)
    if dataset.person(person).institute != institute:
        raise ValueError(f"person {person} is not of {institute}")
    activity = _dict(statement.get("object"))
    course = activity.get("id")
    if not isinstance(course, str) or not course:
        raise ValueError(f"the statement names no activity (object.id is {shown(course)})")
    names = _dict(activity.get("definition")).get("name")
    if names is not None and not isinstance(names, dict):
        raise ValueError(f"object.definition.name is {shown(names)}, not a language map")
    names = names or {}
    title = names.get("zh-CN") or names.get("zh") or next(iter(names.values()), None)
    if title is not None and not isinstance(title, str):
        raise ValueError(f"object.definition.name holds {shown(title)}, not a text")
    duration = _dict(statement.get("result")).get("duration")
    if duration is None:
        raise ValueError("a Terminated or Abandoned statement without result.duration")
    if _text(duration) is None:
        raise ValueError(f"result.duration is {shown(duration)}, not an ISO 8601 duration")
    seconds = duration_seconds(duration)
    try:
        check_seconds(seconds)
    except ValueError as error:
        raise ValueError(f"result.duration {shown(duration)}: {error}") from None
    day = statement_day(statement.get("timestamp"), zone)
    return OnlineLearning(person=person, course=course, title=title, date=day,
                          hours=hours_of_seconds(seconds), seconds=seconds, session=statement_id)


def _person(actor: Mapping[str, Any], dataset: Dataset, accounts: Mapping[str, Account]) -> str:
    name = _dict(actor.get("account")).get("name")
    if name is not None and not isinstance(name, str):
        raise ValueError(f"actor.account.name is {shown(name)}, not a text")
    if name:
        found = accounts.get(name) or accounts.get(name.lower())
        if found is not None and found.person is not None:
            return found.person
        if name in dataset.person_by_id:
            return name
    mbox = actor.get("mbox")
    if mbox is not None and not isinstance(mbox, str):
        raise ValueError(f"actor.mbox is {shown(mbox)}, not a text")
    mbox = mbox or ""
    if mbox.startswith("mailto:"):
        email = mbox[len("mailto:"):].lower()
        matches = [p.id for p in dataset.people if p.email and p.email.lower() == email]
        if len(matches) == 1:
            return matches[0]
    raise ValueError(f"no person for the actor {shown(name or mbox or 'without a name')}")
