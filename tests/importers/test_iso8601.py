"""ISO 8601 as xAPI statements carry it: durations exactly, in seconds, and timestamps as
learning record stores send them (RFC 3339's lowercase ``z``, ISO 8601's ``24:00:00``, a leap
second), each dated in the institute's time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest

from casedu.errors import InvalidValueError
from casedu.importers.iso8601 import duration_seconds, statement_day

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("text", "seconds"), [
    ("PT20M", Decimal(1200)), ("PT40M", Decimal(2400)), ("PT1H30M", Decimal(5400)),
    ("P1DT2H", Decimal(93600)), ("P1W", Decimal(604800)), ("PT1.5S", Decimal("1.5")),
    ("PT0.01S", Decimal("0.01")), ("PT1,5S", Decimal("1.5")), ("PT0.5H", Decimal(1800)),
    ("PT1.3333M", Decimal("79.998")), ("PT0S", Decimal(0)),
    ("PT1.123456S", Decimal("1.123456")),
    # finer than a microsecond: cut (xAPI compares durations to 0.01 s)
    ("PT1.1234567891S", Decimal("1.123456")),
])
def test_durations_are_exact_seconds(text, seconds):
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize(("text", "seconds"), [
    ("P" + "9" * 24 + "W", int("9" * 24) * 604800),
    ("PT" + "9" * 50 + "S", int("9" * 50)),
    ("PT" + "9" * 30 + "." + "9" * 20 + "H", Decimal(f"{int('9' * 30) * 3600 + 3599}.999999")),
])
def test_a_huge_duration_is_exact_too(text, seconds):
    """Exact however large: the session's bound refuses it, with its place, where the record
    is made (tests/hostile/test_xapi.py)."""
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize(("text", "message"), [
    ("P1M", "a duration in years or months has no fixed length"),
    ("P1Y", "a duration in years or months has no fixed length"),
    ("PT", "not an ISO 8601 duration"), ("P", "not an ISO 8601 duration"),
    ("P1DT", "not an ISO 8601 duration"), ("1 hour", "not an ISO 8601 duration"),
    ("PT٤٠M", "not an ISO 8601 duration"),   # Arabic-Indic digits
    ("PT４０M", "not an ISO 8601 duration"),  # full-width digits: no statement holds them
    ("-PT1H", "not an ISO 8601 duration"), ("PT1H" * 30, "not an ISO 8601 duration"),
    ("PT1.S", "not an ISO 8601 duration"), ("PT.5S", "not an ISO 8601 duration"),
])
def test_what_is_no_duration_of_a_session_is_refused(text, message):
    with pytest.raises(InvalidValueError, match=message):
        duration_seconds(text)


@pytest.mark.parametrize(("stamp", "day"), [
    # RFC 3339: "T" and "Z" may be lowercase
    ("2026-06-01T10:00:00z", dt.date(2026, 6, 1)),
    ("2026-06-01t10:00:00Z", dt.date(2026, 6, 1)),
    ("2025-12-31T16:00:00z", dt.date(2026, 1, 1)),
    ("2025-12-31T15:59:59.999z", dt.date(2025, 12, 31)),
    # ISO 8601: 24:00:00 is the end of that day, the next day's 00:00
    ("2026-12-31T24:00:00+08:00", dt.date(2027, 1, 1)),
    ("2026-12-31T24:00+08:00", dt.date(2027, 1, 1)),
    ("2026-12-31T24:00:00.000+08:00", dt.date(2027, 1, 1)),
    ("2026-12-31T24:00:00", dt.date(2027, 1, 1)),         # the institute's own time
    ("2026-12-31T24:00:00Z", dt.date(2027, 1, 1)),        # 08:00 in Beijing
    ("2026-12-30T24:00:00-08:00", dt.date(2026, 12, 31)),  # 16:00 on 31 December in Beijing
    ("2026-02-28T24:00:00+08:00", dt.date(2026, 3, 1)),
    # a leap second is the last second of its minute, dated with it
    ("2016-12-31T23:59:60Z", dt.date(2017, 1, 1)),        # 07:59:60 on 1 January in Beijing
    ("2016-12-31T23:59:60.5Z", dt.date(2017, 1, 1)),
    ("2016-12-31T23:59:60z", dt.date(2017, 1, 1)),
    ("2016-12-31T15:59:60Z", dt.date(2016, 12, 31)),      # 23:59:60 in Beijing
    ("2026-12-31T23:59:60+08:00", dt.date(2026, 12, 31)),
    ("2026-12-31T23:59:60", dt.date(2026, 12, 31)),
    ("2015-06-30T23:59:60Z", dt.date(2015, 7, 1)),
    # what was taken before stays taken
    ("2026-06-01T10:00:00+08:00", dt.date(2026, 6, 1)),
    ("2026-06-01T10:00:00.123456789Z", dt.date(2026, 6, 1)),
    ("2026-06-01 10:00:00Z", dt.date(2026, 6, 1)),
    ("2025-12-31T17:30:00Z", dt.date(2026, 1, 1)),
])
def test_timestamps_as_stores_send_them_are_dated_in_the_institutes_time_zone(stamp, day):
    assert statement_day(stamp, SHANGHAI) == day


def test_the_end_of_a_day_in_another_time_zone():
    london = zoneinfo.ZoneInfo("Europe/London")
    assert statement_day("2026-12-31T24:00:00+08:00", london) == dt.date(2026, 12, 31)
    assert statement_day("2016-12-31T23:59:60Z", london) == dt.date(2016, 12, 31)


@pytest.mark.parametrize("stamp", [
    "2026-06-01T24:00:01Z", "2026-06-01T24:01:00Z", "2026-06-01T24:00:00.5Z",
    "2026-06-01T25:00:00Z", "2026-06-01T23:60:00Z", "2026-06-01T23:59:61Z",
    "2026-06-31T10:00:00Z", "2026-06-01T10:00:00zz", "yesterday", "",
    "2026-06-01T1٠:00:00Z", "２０２６-06-01T10:00:00Z", "2026-06-01T10:00:00+٠8:00",
    "9999-12-31T24:00:00Z",
])
def test_what_is_no_timestamp_is_refused(stamp):
    with pytest.raises(ValueError, match="timestamp is not ISO 8601"):
        statement_day(stamp, SHANGHAI)
