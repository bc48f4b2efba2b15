"""Only sane values get in: bounds, exponents, duplicate keys, nesting and invisible characters,
refused at their place in the dataset format (every reader builds the same model, so every
reader inherits them); and sums that stay exact at the bounds."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from casedu.dataset import parse_dataset
from casedu.errors import DatasetError
from casedu.metrics.year_sums import year_hours
from casedu.quantities import BOUNDS
from tests.builders import dataset, external, online, person, spec_example


def _text(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _refused(text: str) -> list[str]:
    with pytest.raises(DatasetError) as info:
        parse_dataset(text)
    return [str(p) for p in info.value.problems]


def _with(section: str, field: str, raw_json: str) -> str:
    """The SPEC example with ``section[0].field`` set to the JSON text ``raw_json``."""
    value = spec_example()
    value[section][0][field] = "@@"
    return _text(value).replace('"@@"', raw_json)


# (section, field, JSON text of the value, accepted?)
NUMBERS = [
    ("external_learning", "hours", "2000", True),
    ("external_learning", "hours", "2000.000001", False),
    ("external_learning", "hours", "9" * 40, False),
    ("external_learning", "hours", "1e400", False),
    ("external_learning", "hours", "1E2", False),
    ("external_learning", "hours", '"1e2"', False),
    ("external_learning", "hours", "0.000001", True),
    ("external_learning", "hours", "0.0000001", False),
    ("external_learning", "hours", "99.9999999999999999999999999999", False),
    ("external_learning", "hours", "-0.5", False),
    ("external_learning", "hours", "NaN", False),
    ("external_learning", "hours", "Infinity", False),
    ("external_learning", "hours", "-Infinity", False),
    ("external_learning", "hours", "true", False),
    # an online record is one course's hours on a date: bounded as every record (a session's
    # 24 h bound is its xAPI duration's, tests/hostile/test_xapi.py)
    ("online_learning", "hours", "24.01", True),
    ("online_learning", "hours", "30", True),
    ("online_learning", "hours", "2000", True),
    ("online_learning", "hours", "2000.000001", False),
    ("online_learning", "hours", "0", True),
    ("plans", "hours", "2000", True),
    ("plans", "hours", "2001", False),
    ("plans", "expense", '"9999999999.99"', True),
    ("plans", "expense", '"10000000000.00"', False),
    ("plans", "expense", '"0.001"', False),
    ("plans", "expense", "1e5", False),
    ("plans", "planned_participants", "10000000", True),
    ("plans", "planned_participants", "10000001", False),
    ("plans", "planned_participants", "1" + "0" * 30, False),
    # Longer than Python turns into an int by default (4,300 digits): refused at the place
    # like any other number out of bounds, not with the interpreter's words.
    ("plans", "planned_participants", "1" * 5000, False),
    ("plans", "planned_participants", "-" + "1" * 5000, False),
    ("external_learning", "hours", "1" * 5000, False),
    ("summaries", "year", "1" * 5000, False),
    ("summaries", "total_investment", '"9999999999.99"', True),
    ("summaries", "total_investment", '"99999999999.99"', False),
    ("summaries", "total_person_times", "10000001", False),
]


@pytest.mark.parametrize(("section", "field", "raw", "accepted"), NUMBERS,
                         ids=[f"{s}.{f}={r[:16]}" for s, f, r, _ in NUMBERS])
def test_numbers_at_and_beyond_their_bounds(section, field, raw, accepted):
    text = _with(section, field, raw)
    if accepted:
        data = parse_dataset(text)
        assert getattr(getattr(data, section)[0], field) is not None
    else:
        problems = _refused(text)
        assert len(problems) == 1
        assert problems[0].startswith(f"{section}[0].{field}: "), problems


@pytest.mark.parametrize("digits", [4300, 4301, 100_000])
def test_a_whole_number_of_thousands_of_digits_is_refused_with_its_place_and_kind(digits):
    (problem,) = _refused(_with("plans", "planned_participants", "7" * digits))
    assert problem.startswith("plans[0].planned_participants: expected a whole number")
    assert f"({digits} characters)" in problem and "sys.set_int_max_str_digits" not in problem


def test_a_refused_long_number_is_cut_in_the_message():
    (problem,) = _refused(_with("external_learning", "hours", "9" * 400))
    assert len(problem) < 200 and "400 characters" in problem


BAD_CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\r", "\u200b", "\u200d", "\u200e",
                  "\u202e", "\u202a", "\u2066", "\u2069", "\ufeff", "\u2028", "\u00ad",
                  "\U000e0041"]


@pytest.mark.parametrize("char", BAD_CHARACTERS, ids=[f"U+{ord(c):04X}" for c in BAD_CHARACTERS])
@pytest.mark.parametrize(("section", "field"), [
    ("people", "name"), ("institutes", "name"), ("plans", "effectiveness"),
    ("plans", "location"), ("online_learning", "title"), ("people", "id"),
])
def test_invisible_and_control_characters_are_refused_with_their_place(char, section, field):
    value = spec_example()
    value[section][0][field] = f"张{char}伟"
    problems = _refused(_text(value))
    assert any(p.startswith(f"{section}[0].{field}: holds the invisible or control character "
                            f"U+{ord(char):04X} at position 2") for p in problems), problems


@pytest.mark.parametrize(("field", "text", "accepted"), [
    ("effectiveness", "第一段\n第二段\t完", True),
    ("content", "一\n二", True),
    ("name", "一\n二", False),
    ("location", "礼堂\t二层", False),
    ("contact", "李\r\n娜", False),
])
def test_tab_and_newline_only_in_long_text(field, text, accepted):
    value = spec_example()
    value["plans"][0][field] = text
    if accepted:
        assert getattr(parse_dataset(_text(value)).plans[0], field) == text
    else:
        (problem,) = _refused(_text(value))
        assert problem.startswith(f"plans[0].{field}: holds the invisible or control")


@pytest.mark.parametrize(("field", "length", "accepted"), [
    ("name", BOUNDS.line_length, True), ("name", BOUNDS.line_length + 1, False),
    ("effectiveness", BOUNDS.text_length, True), ("effectiveness", BOUNDS.text_length + 1, False),
])
def test_text_lengths_at_their_bounds(field, length, accepted):
    value = spec_example()
    value["plans"][0][field] = "训" * length
    if accepted:
        assert len(getattr(parse_dataset(_text(value)).plans[0], field)) == length
    else:
        (problem,) = _refused(_text(value))
        assert problem == f"plans[0].{field}: has {length} characters; at most " \
            f"{BOUNDS.line_length if field == 'name' else BOUNDS.text_length}"


@pytest.mark.parametrize(("text", "expected"), [
    ('{"format": "casedu.dataset", "version": 2, "version": 1}',
     "the key 'version' appears twice"),
    ('{"format": "casedu.dataset", "version": 1, "people": [{"id": "a", "id": "b"}]}',
     "people[0]: the key 'id' appears twice"),
    ('{"format": "casedu.dataset", "version": 1, "plans": [{"implementation": '
     '{"staff": 1, "staff": 2}}]}', "plans[0].implementation: the key 'staff' appears twice"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    ('{"format": "casedu.dataset", "version": 1, "people": [[[[[[[[[[]]]]]]]]]]}',
     "people[0]: must be a JSON object {...}"),
    # found by the fuzzer: an implementation that is a list escaped as an AttributeError
    ('{"format": "casedu.dataset", "version": 1, "plans": [{"id": "p", "institute": "I", '
     '"name": "n", "premium": false, "start": "2026-01-01", "end": "2026-01-01", '
     '"planned_participants": 1, "hours": 1, "expense": 0, "status": "draft", "kind": '
     '"project", "implementation": [null, null]}]}',
     "plans[0].implementation: must be a JSON object {...}"),
    ('{"format": "casedu.dataset", "version": 1, "institutes": [{"code": "IOP", '
     '"name": [[[[[[["深"]]]]]]]}]}', "institutes[0].name: expected text, got a JSON list"),
])
def test_duplicate_keys_and_deep_nesting_are_refused(text, expected):
    problems = _refused(text)
    assert expected in problems[0] or expected in problems, problems


def test_sums_at_the_bounds_are_exact():
    # 2,000 records of the largest hours, with the most decimals: no digit is lost
    records = [external(f"e{i}", "p1", "1999.999999") for i in range(2000)]
    data = dataset(people=[person("p1")], external_learning=records)
    assert year_hours(data, 2026).of("p1").total == Decimal("3999999.998000")


def test_the_last_millionth_of_an_hour_decides_completion():
    short = [external("e1", "p1", "99.999999")]
    exact = [external("e1", "p1", "99.999999"), external("e2", "p1", "0.000001")]
    for records, total in ((short, Decimal("99.999999")), (exact, Decimal(100))):
        data = dataset(people=[person("p1")], external_learning=records)
        assert year_hours(data, 2026).of("p1").total == total


def test_online_sessions_at_their_bound_sum_exactly():
    sessions = [online("p1", "c1", "23.99", date=dt.date(2026, 1, 1)
                       + dt.timedelta(days=i)) for i in range(365)]
    data = dataset(people=[person("p1")], online_learning=sessions)
    assert year_hours(data, 2026).of("p1").total == Decimal("8756.35")


@pytest.mark.parametrize("hours", ["1999.999999", "2000", "0.000001", "1234.567891"])
def test_the_workspace_sums_exactly_what_python_sums_at_the_bounds(tmp_path, hours):
    from casedu.store import SqliteStore

    records = [external(f"e{i}", "p1", hours) for i in range(300)]
    sessions = [online("p1", f"c{i % 7}", "23.999999",
                       date=dt.date(2026, 1, 1 + i % 28))
                for i in range(200)]
    data = dataset(people=[person("p1")], external_learning=records, online_learning=sessions)
    store = SqliteStore.open(tmp_path / "ws.casedu", create=True)
    store.replace_all(data)
    in_sql, in_python = store.year_hours(2026).of("p1"), year_hours(data, 2026).of("p1")
    assert in_sql.total == in_python.total == Decimal(hours) * 300 + Decimal("23.999999") * 200
    assert in_sql.max_single_hours == in_python.max_single_hours
