"""ISO 8601 as xAPI statements carry it: the duration of a session and the time it was recorded.

A duration (``result.duration``) becomes exact seconds: ``PT20M`` is 1,200 s, not 0.33 h, so that
a course's sessions add up exactly before their sum is rounded once
(:func:`casedu.quantities.hours_of_seconds`). Digits finer than a microsecond are cut: xAPI
itself compares durations to 0.01 s. Years and months have no fixed length and are refused.

A timestamp follows RFC 3339 and ISO 8601 as learning record stores send them, and is dated in
the institute's time zone: ``T`` and ``Z`` in either case, ``24:00:00`` as the end of its day (the
next day's 00:00), and a leap second (``23:59:60``) as the last second of its minute. A
timestamp without an offset is the institute's own local time.

>>> duration_seconds("PT20M"), duration_seconds("P1DT2H"), duration_seconds("PT1.5S")
(Decimal('1200'), Decimal('93600'), Decimal('1.5'))
>>> import zoneinfo
>>> statement_day("2026-12-31T24:00:00+08:00", zoneinfo.ZoneInfo("Asia/Shanghai"))
datetime.date(2027, 1, 1)
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_DOWN, Decimal, localcontext

from casedu.errors import InvalidValueError, shown
from casedu.quantities import plain

__all__ = ["duration_seconds", "statement_day"]

#: The longest duration text read: far beyond any session, short enough to stay cheap.
LONGEST_DURATION = 64

_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"  # ASCII digits only; ISO 8601 allows a comma as the point
_DURATION = re.compile(
    rf"P(?:(?P<years>{_NUMBER})Y)?(?:(?P<months>{_NUMBER})M)?(?:(?P<weeks>{_NUMBER})W)?"
    rf"(?:(?P<days>{_NUMBER})D)?(?:T(?:(?P<hours>{_NUMBER})H)?(?:(?P<minutes>{_NUMBER})M)?"
    rf"(?:(?P<seconds>{_NUMBER})S)?)?")
_SECONDS_IN = {"weeks": 604_800, "days": 86_400, "hours": 3_600, "minutes": 60, "seconds": 1}
_MICROSECOND = Decimal("0.000001")


def duration_seconds(text: str) -> Decimal:
    """An ISO 8601 duration as exact seconds, cut at the microsecond; years and months are
    refused.

    >>> duration_seconds("PT1H30M"), duration_seconds("PT0.333333333S")
    (Decimal('5400'), Decimal('0.333333'))
    >>> duration_seconds("P1M")
    Traceback (most recent call last):
    ...
    casedu.errors.InvalidValueError: a duration in years or months has no fixed length: 'P1M'
    """
    if not isinstance(text, str) or len(text) > LONGEST_DURATION:
        raise InvalidValueError(f"not an ISO 8601 duration: {shown(text)}")
    match = _DURATION.fullmatch(text)
    if not match or text in ("P", "PT") or text.endswith("T"):
        raise InvalidValueError(f"not an ISO 8601 duration: {shown(text)}")
    parts = {k: v.replace(",", ".") for k, v in match.groupdict().items() if v is not None}
    if "years" in parts or "months" in parts:
        raise InvalidValueError(f"a duration in years or months has no fixed length: {shown(text)}")
    # Exact whatever the text: 64 characters make a number of at most 70 digits.
    with localcontext() as context:
        context.prec = 4 * LONGEST_DURATION
        seconds = sum((Decimal(parts[unit]) * factor for unit, factor in _SECONDS_IN.items()
                       if unit in parts), Decimal(0))
        return plain(seconds.quantize(_MICROSECOND, rounding=ROUND_DOWN))


_TIMESTAMP = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?P<fraction>[.,][0-9]+)?)?"
    r"(?P<offset>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?")
#: The longest timestamp read (a date, a time to the nanosecond and an offset fit in 40).
LONGEST_TIMESTAMP = 40


def statement_day(text: object, zone: dt.tzinfo) -> dt.date:
    """The day, in ``zone`` (the institute's time zone), of an xAPI ``timestamp``; a
    ``ValueError`` saying what was wrong otherwise.

    >>> import zoneinfo
    >>> shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    >>> statement_day("2016-12-31T23:59:60Z", shanghai), statement_day("2025-12-31t16:00:00z",
    ...                                                                   shanghai)
    (datetime.date(2017, 1, 1), datetime.date(2026, 1, 1))
    """
    moment = _moment(text)
    # dated where the institute is: a naive time is taken as the institute's local time
    return (moment.astimezone(zone) if moment.tzinfo is not None else moment).date()


def _moment(text: object) -> dt.datetime:
    if type(text) is not str or len(text) > LONGEST_TIMESTAMP or not text.isascii():
        raise ValueError(f"timestamp is not ISO 8601: {shown(text)}")
    match = _TIMESTAMP.fullmatch(text)
    try:
        if match is None:  # another ISO 8601 form (basic, a week date, ...): Python reads it
            return dt.datetime.fromisoformat(text)
        return _extended(match)
    except (ValueError, OverflowError):
        raise ValueError(f"timestamp is not ISO 8601: {shown(text)}") from None


def _extended(match: re.Match[str]) -> dt.datetime:
    """A timestamp of the extended form, with the two times Python refuses: ``24:00:00``
    (the end of the day: the next day's 00:00) and a leap second (the last microsecond of its
    minute, so that it is dated as the second before it)."""
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    fraction = (match["fraction"] or ".0")[1:]
    offset = match["offset"]
    zone = None
    if offset in ("Z", "z"):
        zone = dt.UTC
    elif offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        zone = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)))
    day = dt.date.fromisoformat(match["date"])
    if hour == 24:
        if minute or second or fraction.strip("0"):
            raise ValueError("hour 24 is only 24:00:00, the end of the day")
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone)
    microsecond = int(fraction[:6].ljust(6, "0"))
    if second == 60:  # a leap second: the minute's 61st second
        second, microsecond = 59, 999_999
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, microsecond, zone)
