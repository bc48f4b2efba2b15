"""Online-course hours from xAPI statements, as a learning record store exports them.

cmi5 courseware reports the time of a session in ``result.duration`` of its Terminated (and, when
the session was cut off, Abandoned) statement; Completed and Passed statements carry durations
that overlap it (cmi5 section 9.5.4), so only Terminated and Abandoned are credited. Voided
statements and repeated statement ids are skipped. Durations in years or months are refused: they
have no fixed length.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from casedu.errors import DatasetError, Problem
from casedu.model import Account, Dataset, OnlineLearning
from casedu.quantities import round_half_up

__all__ = ["CREDITED_VERBS", "XapiResult", "parse_duration", "read_statements"]

TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"
ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
CREDITED_VERBS = frozenset({TERMINATED, ABANDONED})

_DURATION = re.compile(
    r"P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?(?:(?P<weeks>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<days>\d+(?:\.\d+)?)D)?(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?"
    r"(?:(?P<minutes>\d+(?:\.\d+)?)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?")


def parse_duration(text: str) -> Decimal:
    """An ISO 8601 duration in hours, exactly; years and months are refused.

    >>> parse_duration("PT1H30M"), parse_duration("PT20M"), parse_duration("P1DT2H")
    (Decimal('1.5'), Decimal('0.3333333333333333333333333333'), Decimal('26'))
    >>> parse_duration("P1M")
    Traceback (most recent call last):
    ...
    ValueError: a duration in years or months has no fixed length: 'P1M'
    """
    match = _DURATION.fullmatch(text or "")
    if not match or text in ("P", "PT") or text.endswith("T"):
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    parts = {k: Decimal(v) for k, v in match.groupdict().items() if v is not None}
    if "years" in parts or "months" in parts:
        raise ValueError(f"a duration in years or months has no fixed length: {text!r}")
    hours = (parts.get("weeks", Decimal(0)) * 168 + parts.get("days", Decimal(0)) * 24
             + parts.get("hours", Decimal(0)) + parts.get("minutes", Decimal(0)) / 60
             + parts.get("seconds", Decimal(0)) / 3600)
    return hours.normalize() if hours == hours.to_integral_value() else hours


@attrs.frozen
class XapiResult:
    """Online records made from statements, and what was skipped and why."""

    records: tuple[OnlineLearning, ...]
    skipped: tuple[str, ...]


def read_statements(path: str | os.PathLike[str], *, dataset: Dataset,
                    accounts: Mapping[str, Account], institute: str) -> XapiResult:
    """Credited sessions of ``path`` (a JSON array, or JSON lines) as online records of the
    institute's people, hours rounded half-up to 0.01 h. Problems are listed all at once."""
    source = os.fspath(path)
    statements = list(_load(Path(path), source))
    voided = {s.get("object", {}).get("id") for _, s in statements
              if _verb(s) == VOIDED and s.get("object", {}).get("objectType") == "StatementRef"}
    seen: set[str] = set()
    records: list[OnlineLearning] = []
    skipped: list[str] = []
    problems: list[Problem] = []
    for place, statement in statements:
        statement_id = statement.get("id")
        verb = _verb(statement)
        if statement_id in seen:
            skipped.append(f"{place}: statement {statement_id} repeated")
            continue
        if statement_id is not None:
            seen.add(statement_id)
        if verb == VOIDED or statement_id in voided:
            skipped.append(f"{place}: voided")
            continue
        if verb not in CREDITED_VERBS:
            continue
        try:
            records.append(_record(statement, dataset, accounts, institute))
        except ValueError as error:
            problems.append(Problem(place, str(error)))
    if problems:
        raise DatasetError(source, problems)
    return XapiResult(tuple(records), tuple(skipped))


def _load(path: Path, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(source, [Problem("", f"cannot read it: {error}")]) from None
    stripped = text.lstrip()
    try:
        if stripped.startswith("["):
            items = json.loads(text, parse_float=Decimal)
            for index, item in enumerate(items):
                yield f"statements[{index}]", _object(item, f"statements[{index}]", source)
        else:
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    yield f"line {number}", _object(json.loads(line, parse_float=Decimal),
                                                    f"line {number}", source)
    except json.JSONDecodeError as error:
        raise DatasetError(source, [Problem(f"line {error.lineno}", f"not JSON: {error.msg}")]) \
            from None


def _object(item: Any, place: str, source: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise DatasetError(source, [Problem(place, "a statement is a JSON object")])
    return item


def _verb(statement: Mapping[str, Any]) -> str | None:
    verb = statement.get("verb")
    return verb.get("id") if isinstance(verb, dict) else None


def _record(statement: Mapping[str, Any], dataset: Dataset, accounts: Mapping[str, Account],
            institute: str) -> OnlineLearning:
    person = _person(statement.get("actor") or {}, dataset, accounts)
    if dataset.person(person).institute != institute:
        raise ValueError(f"person {person} is not of {institute}")
    activity = statement.get("object") or {}
    course = activity.get("id")
    if not course:
        raise ValueError("the statement names no activity (object.id)")
    names = (activity.get("definition") or {}).get("name") or {}
    title = names.get("zh-CN") or names.get("zh") or next(iter(names.values()), None)
    duration = (statement.get("result") or {}).get("duration")
    if duration is None:
        raise ValueError("a Terminated or Abandoned statement without result.duration")
    hours = round_half_up(parse_duration(duration), 2)
    stamp = statement.get("timestamp")
    try:
        day = dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"timestamp is not ISO 8601: {stamp!r}") from None
    return OnlineLearning(person=person, course=str(course), title=title, date=day, hours=hours)


def _person(actor: Mapping[str, Any], dataset: Dataset, accounts: Mapping[str, Account]) -> str:
    account = actor.get("account") or {}
    name = account.get("name")
    if name:
        found = accounts.get(name) or accounts.get(str(name).lower())
        if found is not None and found.person is not None:
            return found.person
        if name in dataset.person_by_id:
            return str(name)
    mbox = str(actor.get("mbox") or "")
    if mbox.startswith("mailto:"):
        email = mbox[len("mailto:"):].lower()
        matches = [p.id for p in dataset.people if p.email and p.email.lower() == email]
        if len(matches) == 1:
            return matches[0]
    raise ValueError(f"no person for the actor {name or mbox or actor!r}")
