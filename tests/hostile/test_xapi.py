"""xAPI as learning record stores send it, and as a hostile one might: sessions by statement
id, re-imports skipped and counted, right line numbers, dates in the institute's time zone, and
every wrong JSON type refused at its place."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal

import pytest

from casedu.errors import DatasetError
from casedu.importers import read_statements
from casedu.model import Role
from casedu.services import MemoryStore, Workflow
from tests.services.world import HASHER, NOW, accounts, actor_of, new_flow, world_dataset

GOOD = {
    "id": "s-0", "actor": {"account": {"homePage": "https://www.casmooc.cn", "name": "staff1"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/terminated"},
    "object": {"id": "https://casmooc.cn/course/c42",
               "definition": {"name": {"zh-CN": "科研诚信"}}},
    "result": {"duration": "PT1H30M"}, "timestamp": "2026-06-01T10:00:00+08:00",
}


def statement(number=0, **changes):
    item = copy.deepcopy(GOOD)
    item["id"] = f"s-{number}"
    for path, value in changes.items():
        target = item
        *parents, last = path.split("__")
        for key in parents:
            target = target[key]
        target[last] = value
    return item


@pytest.fixture
def flow():
    return Workflow(MemoryStore(world_dataset(), accounts()), clock=lambda: NOW, hasher=HASHER)


def read(flow, path, **options):
    state = flow.store.state()
    return read_statements(path, dataset=state.dataset, accounts=state.accounts,
                           institute="IOP", **options)


def write_lines(path, items):
    path.write_text("\n".join(i if isinstance(i, str) else json.dumps(i, ensure_ascii=False)
                              for i in items) + "\n", encoding="utf-8")
    return path


def test_two_real_sessions_alike_in_everything_but_their_id_are_both_credited(flow, tmp_path):
    path = write_lines(tmp_path / "lrs.jsonl", [statement(1), statement(2)])
    result = read(flow, path)
    assert [r.session for r in result.records] == ["s-1", "s-2"]
    flow.import_online(actor_of(flow, Role.INSTITUTE_ADMIN), list(result.records))
    online = [r for r in flow.store.state().dataset.online_learning if r.person == "s1"]
    assert sum(r.hours for r in online) == Decimal("3.00")


def test_sessions_imported_are_summed_exactly_on_every_store(store_kind, tmp_path):
    """300 sessions of PT20M on one course are 100 h (each rounded alone: 99 h), however the
    store sums them; each record keeps its exact duration."""
    from casedu.metrics import year_hours

    flow, store = new_flow()
    before = year_hours(store.state().dataset, 2026).of("s1").online_hours
    stamps = [dt.datetime(2026, 1, 1, 9) + dt.timedelta(hours=7 * i) for i in range(300)]
    path = write_lines(tmp_path / "lrs.jsonl", [
        statement(i, result__duration="PT20M", timestamp=f"{stamp.isoformat()}+08:00")
        for i, stamp in enumerate(stamps)])
    records = read(flow, path).records
    assert {(r.seconds, r.hours) for r in records} == {(Decimal(1200), Decimal("0.33"))}
    flow.import_online(actor_of(flow, Role.INSTITUTE_ADMIN), list(records))
    data = store.state().dataset
    assert year_hours(data, 2026).of("s1").online_hours - before == 100
    if hasattr(store, "year_hours"):  # the SQL store sums them itself
        assert store.year_hours(2026).of("s1").online_hours - before == 100
    assert sum(r.seconds for r in data.online_learning if r.seconds) == 300 * 1200


def test_importing_the_same_file_twice_skips_what_is_there_and_says_how_many(flow, tmp_path):
    path = write_lines(tmp_path / "lrs.jsonl", [statement(1), statement(2)])
    admin = actor_of(flow, Role.INSTITUTE_ADMIN)
    flow.import_online(admin, list(read(flow, path).records))
    again = read(flow, path)
    assert (again.records, again.already) == ((), 2)
    path = write_lines(tmp_path / "more.jsonl", [statement(2), statement(3)])
    more = read(flow, path)
    assert ([r.session for r in more.records], more.already) == (["s-3"], 1)


def test_errors_of_json_lines_are_on_their_own_line(flow, tmp_path):
    path = write_lines(tmp_path / "lrs.jsonl", [
        statement(1), "", statement(3, result__duration="P1M"), '{"id": "broken",',
        statement(5, actor__account__name="ghost"), '{"id": "a", "id": "b"}'])
    with pytest.raises(DatasetError) as info:
        read(flow, path)
    problems = [str(p) for p in info.value.problems]
    assert problems[0].startswith("line 3: a duration in years or months")
    assert problems[1].startswith("line 4 column 17: not JSON")
    assert problems[2].startswith("line 5: no person for the actor 'ghost'")
    assert problems[3] == "line 6: the key 'id' appears twice"


@pytest.mark.parametrize(("stamp", "day"), [
    ("2025-12-31T17:30:00Z", dt.date(2026, 1, 1)),   # 01:30 on 1 January in Beijing
    ("2025-12-31T15:59:59Z", dt.date(2025, 12, 31)),  # 23:59:59 on 31 December in Beijing
    ("2025-12-31T16:00:00+00:00", dt.date(2026, 1, 1)),
    ("2026-01-01T01:30:00+08:00", dt.date(2026, 1, 1)),
    ("2026-01-01T01:30:00", dt.date(2026, 1, 1)),     # no offset: the institute's own time
    ("2026-06-30T23:30:00-05:00", dt.date(2026, 7, 1)),
    # as stores send them: RFC 3339's lowercase z, ISO 8601's 24:00, a leap second
    ("2025-12-31T16:00:00z", dt.date(2026, 1, 1)),
    ("2026-12-31T24:00:00+08:00", dt.date(2027, 1, 1)),
    ("2026-12-31T24:00:00Z", dt.date(2027, 1, 1)),
    ("2016-12-31T23:59:60Z", dt.date(2017, 1, 1)),
    ("2016-12-31T15:59:60Z", dt.date(2016, 12, 31)),
])
def test_sessions_are_dated_in_the_institutes_time_zone(flow, tmp_path, stamp, day):
    path = write_lines(tmp_path / "lrs.jsonl", [statement(1, timestamp=stamp)])
    (record,) = read(flow, path).records
    assert record.date == day


def test_another_time_zone_from_the_policy(flow, tmp_path):
    path = write_lines(tmp_path / "lrs.jsonl", [statement(1, timestamp="2025-12-31T17:30:00Z")])
    (record,) = read(flow, path, time_zone="Europe/London").records
    assert record.date == dt.date(2025, 12, 31)
    with pytest.raises(DatasetError, match="no time zone"):
        read(flow, path, time_zone="Mars/Olympus")


WRONG_TYPES = [
    ({"actor": ["s1"]}, "actor is a JSON list, not a JSON object"),
    ({"actor": "staff1"}, "actor is 'staff1', not a JSON object"),
    ({"actor": 7}, "actor is 7, not a JSON object"),
    ({"actor__account": "staff1"}, "no person for the actor"),
    ({"actor__account__name": 12}, "actor.account.name is 12, not a text"),
    ({"actor__account__name": None, "actor__mbox": ["a"]}, "actor.mbox is a JSON list"),
    ({"object": "c42"}, "object is 'c42', not a JSON object"),
    ({"object__id": 42}, "object.id is 42"),
    ({"object__id": ""}, "object.id is ''"),
    ({"object__definition": "课"}, None),  # a definition that is no object names nothing
    ({"object__definition__name": "科研诚信"}, "object.definition.name is '科研诚信', not a"),
    ({"object__definition__name": ["科研诚信"]}, "object.definition.name is a JSON list"),
    ({"object__definition__name": {"zh-CN": 5}}, "object.definition.name holds 5, not a text"),
    ({"result": "PT1H"}, "result is 'PT1H', not a JSON object"),
    ({"result__duration": 3600}, "result.duration is 3600, not an ISO 8601 duration"),
    ({"result__duration": ["PT1H"]}, "result.duration is a JSON list"),
    ({"result__duration": "PT1H" * 30}, "not an ISO 8601 duration"),
    ({"result__duration": "1 hour"}, "not an ISO 8601 duration: '1 hour'"),
    ({"result__duration": "P100000W"}, "result.duration 'P100000W': a session lasts at most "
                                       "24 h (86400 s), got 60480000000 s"),
    ({"result__duration": "P" + "9" * 24 + "W"}, "a session lasts at most 24 h (86400 s), got "
                                                "604799999999999999999999395200 s"),
    ({"result__duration": "PT" + "9" * 50 + "S"}, "a session lasts at most 24 h (86400 s), got "
                                                 "99999999999999999999…(50 characters) s"),
    ({"result__duration": "P" + "9" * 24 + "D"}, "a session lasts at most 24 h"),
    ({"result__duration": "PT24H"}, None),
    ({"result__duration": "PT24H0.01S"}, "a session lasts at most 24 h (86400 s), got 86400.01"),
    ({"result__duration": "PT24H36S"}, "a session lasts at most 24 h (86400 s), got 86436 s"),
    ({"result__duration": "PT٤٠M"}, "not an ISO 8601 duration: 'PT٤٠M'"),
    ({"timestamp": 20260601}, "timestamp is not ISO 8601: 20260601"),
    ({"timestamp": "yesterday"}, "timestamp is not ISO 8601: 'yesterday'"),
    ({"timestamp": None}, "timestamp is not ISO 8601: None"),
    ({"timestamp": "2026-06-01T24:00:01Z"}, "timestamp is not ISO 8601: '2026-06-01T24:00:01Z'"),
    ({"timestamp": "2026-06-01T23:59:61Z"}, "timestamp is not ISO 8601"),
    ({"timestamp": "9999-12-31T24:00:00Z"}, "timestamp is not ISO 8601"),
    ({"id": 5}, "id is 5, not a text"),
    ({"id": "s\u202e1"}, "invisible or control character U+202E"),
    ({"object__definition__name": {"zh-CN": "科研\x00诚信"}}, "control character U+0000"),
    ({"verb": "terminated"}, None),  # no verb object: not a credited statement, ignored
    ({"verb__id": ["x"]}, None),
]


@pytest.mark.parametrize(("changes", "message"), WRONG_TYPES,
                         ids=[m or "ignored" for _, m in WRONG_TYPES])
@pytest.mark.parametrize("layout", ["array", "lines"])
def test_wrong_json_types_are_refused_at_their_place(flow, tmp_path, changes, message, layout):
    items = [statement(0), statement(1, **changes)]
    path = tmp_path / ("lrs.json" if layout == "array" else "lrs.jsonl")
    if layout == "array":
        path.write_text(json.dumps(items), encoding="utf-8")
    else:
        write_lines(path, items)
    if message is None:
        result = read(flow, path)
        assert result.records[0].session == "s-0"
        return
    with pytest.raises(DatasetError) as info:
        read(flow, path)
    (problem,) = info.value.problems
    assert problem.place == ("statements[1]" if layout == "array" else "line 2")
    assert message in problem.message, problem.message


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0), ("\n\n", 0), ("[]", 0), ("\ufeff[]", 0), ("  \n[ ]", 0),
])
def test_empty_files_hold_no_sessions(flow, tmp_path, text, expected):
    path = tmp_path / "lrs.json"
    path.write_text(text, encoding="utf-8")
    assert len(read(flow, path).records) == expected


@pytest.mark.parametrize(("data", "message"), [
    (b"[1, 2]", "statements[0]: a statement is a JSON object"),
    (b'{"not": "an array"}\n[1]', "line 2: a statement is a JSON object"),
    (b"[" * 100_000, "nested too deeply"),
    (b'[{"id": "x"}] trailing', "not JSON"),
    (b"\xff\xfe[]", "not UTF-8"),
    (b'{"id": "a"}\n\xff\n', "line 2: not UTF-8"),
    (b'[{"verb": {"id": "http://adlnet.gov/expapi/verbs/terminated"}, "actor": {"account": '
     b'{"name": "staff1"}}, "object": {"id": "c"}, "result": {"duration": 1e400}}]',
     "result.duration is '1e400'"),
    (b'[{"verb": {"id": "http://adlnet.gov/expapi/verbs/terminated"}, "id": NaN}]',
     "id is 'NaN', not a text"),
])
def test_bytes_that_are_not_statements_are_refused(flow, tmp_path, data, message):
    path = tmp_path / "lrs.json"
    path.write_bytes(data)
    with pytest.raises(DatasetError) as info:
        read(flow, path)
    assert message in str(info.value), str(info.value)


def test_a_missing_file_is_named(flow, tmp_path):
    with pytest.raises(DatasetError, match="cannot read it"):
        read(flow, tmp_path / "none.json")


def test_a_very_long_line_is_refused_without_reading_it_whole(flow, tmp_path):
    from casedu.importers.xapi import MAX_LINE_BYTES

    path = tmp_path / "lrs.jsonl"
    path.write_bytes(b'{"id": "' + b"x" * (3 * MAX_LINE_BYTES) + b'"}\n'
                     + json.dumps(statement(1)).encode() + b"\n")
    with pytest.raises(DatasetError) as info:
        read(flow, path)
    assert [str(p) for p in info.value.problems] == [
        f"line 1: longer than {MAX_LINE_BYTES} bytes"]
