"""load_dataset reads the batches of a file in save_dataset's layout as columns
(casedu.dataset.columns): the records, and the problems of a bad file, are those of reading the
whole text and structuring every record, whatever the values and wherever a bad one is."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedu.dataset import columns, load_dataset, parse_dataset, save_dataset
from casedu.dataset import json_text as reader
from casedu.dataset.typed import Makers
from casedu.errors import DatasetError
from casedu.model import (
    Attendance,
    Dataset,
    ExternalLearning,
    ExternalStatus,
    Institute,
    OnlineLearning,
    Person,
    TrainingPlan,
    _fields,
)
from casedu.quantities import hours_of_seconds
from tests.builders import spec_example


def outcome(load):
    try:
        return "ok", load()
    except DatasetError as error:
        return "refused", [str(p) for p in error.problems]


@pytest.fixture
def read_as_columns(monkeypatch):
    """How many records the columns made, batch by batch (0 for a batch they left)."""
    made: list[int] = []
    real = columns._Reader.__call__

    def spied(self, *args):
        records = real(self, *args)
        made.append(0 if records is None else len(records))
        return records

    monkeypatch.setattr(columns._Reader, "__call__", spied)
    return made


# Texts of every kind a JSON string holds: Chinese, quotes and backslashes (written escaped),
# spaces inside, the characters the layout uses.
titles = st.text(alphabet='张王培训 abc{}[]:,"\\/\u00e9\U0001f600', min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and s != "")
identifiers = st.sampled_from(["p0", "p1", "p2", "P002670", "p-1.x", "个人3"])
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
hours = st.one_of(st.sampled_from([Decimal("0"), Decimal("2000"), Decimal("2.50"), Decimal("2.5"),
                                   Decimal("0.01"), Decimal("1999.99")]),
                  st.decimals(min_value=0, max_value=2000, places=2))
seconds = st.sampled_from([Decimal(1200), Decimal(18), Decimal("17.999999"), Decimal(86400),
                           Decimal(0), Decimal("0.000001")])


@st.composite
def online_records(draw):
    exact = draw(st.none() | seconds)
    return OnlineLearning(
        person=draw(identifiers), course=draw(st.sampled_from(["C1", "C107", "课程2"])),
        date=draw(dates), hours=hours_of_seconds(exact) if exact is not None else draw(hours),
        title=draw(st.none() | titles), seconds=exact,
        session=draw(st.none() | st.uuids().map(str)))


@st.composite
def external_records(draw, number):
    start = draw(dates)
    return ExternalLearning(
        id=f"E{number:07d}", person=draw(identifiers), category=draw(titles), title=draw(titles),
        start=start, end=start + dt.timedelta(days=draw(st.integers(0, 3))), hours=draw(hours),
        status=draw(st.sampled_from(ExternalStatus)),
        reviewer=draw(st.none() | st.just("admin")), review_note=draw(st.none() | titles))


@st.composite
def many_records(draw):
    """A dataset of many records of the three sections read as columns (enough for several
    batches: a batch starts at the third record of a section)."""
    people = [Person(id=i, institute="IOP", name="张伟", in_service=True, hours_required=True)
              for i in ["p0", "p1", "p2", "P002670", "p-1.x", "个人3"]]
    online = draw(st.lists(online_records(), min_size=3, max_size=60))
    count = draw(st.integers(3, 30))
    external = [draw(external_records(i)) for i in range(count)]
    return Dataset(institutes=[Institute(code="IOP", name="物理所")], people=people,
                   external_learning=external, online_learning=online)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=many_records(), chunk=st.sampled_from([64, 1 << 18]))
def test_saved_records_load_as_they_were_and_as_the_whole_text_reads(
        tmp_path_factory, read_as_columns, monkeypatch, data, chunk):
    monkeypatch.setattr(reader, "_CHUNK", chunk)
    path = tmp_path_factory.mktemp("d") / "d.json"
    save_dataset(data, path)
    read_as_columns.clear()
    loaded = load_dataset(path)
    assert loaded == data
    assert loaded == parse_dataset(path.read_bytes())
    assert all(type(r) is OnlineLearning for r in loaded.online_learning)


def test_the_columns_read_every_batch_of_a_saved_file(tmp_path, read_as_columns, monkeypatch):
    monkeypatch.setattr(reader, "_CHUNK", 1 << 14)
    people = [Person(id=f"p{i}", institute="IOP", name="张伟", in_service=True,
                     hours_required=True) for i in range(3)]
    online = [OnlineLearning(person=f"p{i % 3}", course="C1", date=dt.date(2026, 1, 1 + i % 28),
                             hours=Decimal("2.5")) for i in range(5000)]
    data = Dataset(institutes=[Institute(code="IOP", name="物理所")], people=people,
                   online_learning=online)
    path = tmp_path / "d.json"
    save_dataset(data, path)
    loaded = load_dataset(path)
    assert loaded == data
    # every record but the first and the last (read one at a time), in more than one batch
    assert len(read_as_columns) > 1 and sum(read_as_columns) == 5000 - 2
    # the values are shared: one object for each distinct text, date and number
    assert len({id(r.date) for r in loaded.online_learning}) == 28
    assert len({id(r.hours) for r in loaded.online_learning}) == 1
    assert all(r.person is loaded.people[int(r.person[1:])].id for r in loaded.online_learning)


def the_spec_with_many(section: str, record: dict, count: int = 40) -> dict:
    value = spec_example()
    value["people"] += [dict(value["people"][0], id=f"p{i}") for i in range(2, 12)]
    if section == "external_learning":
        value[section] = [dict(record, id=f"E{i}") for i in range(count)]
    elif section == "attendance":
        value[section] = [dict(record, person=f"p{2 + i}") for i in range(10)]
    else:
        value[section] = [dict(record) for _ in range(count)]
    return value


ONLINE = {"person": "p2", "course": "C1", "date": "2026-03-01", "hours": "2.5"}
EXTERNAL = {"id": "E", "person": "p2", "category": "学术会议", "title": "年会",
            "start": "2026-05-01", "end": "2026-05-02", "hours": "8", "status": "approved"}
ATTENDANCE = {"plan": None, "person": "p2", "status": "confirmed"}

BAD = [
    ("online_learning", ONLINE, {"hours": "-1"}),
    ("online_learning", ONLINE, {"hours": "2000.01"}),
    ("online_learning", ONLINE, {"hours": "1e3"}),
    ("online_learning", ONLINE, {"hours": "NaN"}),
    ("online_learning", ONLINE, {"hours": "2.5 "}),
    ("online_learning", ONLINE, {"date": "2026-02-30"}),
    ("online_learning", ONLINE, {"date": "2026-3-01"}),
    ("online_learning", ONLINE, {"person": " p2"}),
    ("online_learning", ONLINE, {"person": ""}),
    ("online_learning", ONLINE, {"person": "p9999"}),
    ("external_learning", EXTERNAL, {"person": "p9999"}),
    ("attendance", ATTENDANCE, {"person": "p9999"}),
    ("online_learning", ONLINE, {"course": "C\u202e1"}),
    ("online_learning", ONLINE, {"course": "C\u00001"}),
    ("online_learning", ONLINE, {"title": "\u200b"}),
    ("online_learning", ONLINE, {"seconds": "3600"}),
    ("online_learning", ONLINE, {"seconds": "9000", "hours": "2.49"}),
    ("external_learning", EXTERNAL, {"end": "2026-04-30"}),
    ("external_learning", EXTERNAL, {"status": "maybe"}),
    ("external_learning", EXTERNAL, {"status": "APPROVED"}),
    ("external_learning", EXTERNAL, {"id": "E1"}),  # twice
    ("external_learning", EXTERNAL, {"id": "E 1 "}),
    ("external_learning", EXTERNAL, {"category": " "}),
    ("external_learning", EXTERNAL, {"reviewer": ""}),
    ("attendance", ATTENDANCE, {"status": "yes"}),
    ("attendance", ATTENDANCE, {"plan": "tp-none"}),
    ("attendance", ATTENDANCE, {"person": "p3"}),  # twice on the plan
]


@pytest.mark.parametrize(("section", "record", "change"), BAD,
                         ids=[f"{s}-{c}" for s, _, c in BAD])
@pytest.mark.parametrize("at", [4, 7])
def test_a_bad_value_in_a_batch_is_refused_at_its_place(tmp_path, read_as_columns, section,
                                                         record, change, at):
    value = the_spec_with_many(section, record)
    if section == "attendance":
        for item in value[section]:
            item["plan"] = value["plans"][0]["id"]
    value[section][at].update(change)
    text = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    path = tmp_path / "d.json"
    path.write_bytes(text)
    streamed = outcome(lambda: load_dataset(path))
    assert streamed == outcome(lambda: parse_dataset(text, source=str(path)))
    assert streamed[0] == "refused"
    assert any(p.startswith(f"{section}[{at}]") for p in streamed[1]), streamed[1]


GOOD = [("online_learning", ONLINE), ("external_learning", EXTERNAL), ("attendance", ATTENDANCE),
        ("online_learning", {**ONLINE, "title": "课程 \u4e00", "session": "s1", "seconds": "9000"}),
        ("external_learning", {**EXTERNAL, "reviewer": "admin", "review_note": "好"})]


@pytest.mark.parametrize(("section", "record"), GOOD)
def test_good_batches_are_read_as_columns(tmp_path, read_as_columns, section, record):
    value = the_spec_with_many(section, record)
    if "session" in record:
        for i, item in enumerate(value[section]):
            item["session"] = f"s{i}"
    if section == "attendance":
        for item in value[section]:
            item["plan"] = value["plans"][0]["id"]
    text = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    path = tmp_path / "d.json"
    path.write_bytes(text)
    kind, data = outcome(lambda: load_dataset(path))
    assert (kind, data) == outcome(lambda: parse_dataset(text, source=str(path)))
    assert kind == "ok" and sum(read_as_columns) == len(value[section]) - 2


@pytest.mark.parametrize("change", [{"hours": 2.5}, {"hours": 3}, {"title": None},
                                    {"title": "a \"quoted\" \\ title"}])
def test_values_the_columns_leave_are_read_by_the_scanner(tmp_path, read_as_columns, change):
    value = the_spec_with_many("online_learning", ONLINE)
    value["online_learning"][5].update(change)
    text = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    path = tmp_path / "d.json"
    path.write_bytes(text)
    kind, data = outcome(lambda: load_dataset(path))
    assert (kind, data) == outcome(lambda: parse_dataset(text, source=str(path)))
    assert kind == "ok" and 0 in read_as_columns


@pytest.mark.parametrize("indent", [None, 0, 2, 4, "\t"])
def test_other_layouts_are_read_by_the_scanner_the_same(tmp_path, read_as_columns, indent):
    value = the_spec_with_many("online_learning", ONLINE)
    text = json.dumps(value, ensure_ascii=False, indent=indent).encode("utf-8")
    path = tmp_path / "d.json"
    path.write_bytes(text)
    kind, data = outcome(lambda: load_dataset(path))
    assert (kind, data) == outcome(lambda: parse_dataset(text, source=str(path)))
    assert kind == "ok" and len(data.online_learning) == 40


def test_records_out_of_their_fields_order_are_read_by_the_scanner(tmp_path, read_as_columns):
    value = the_spec_with_many("online_learning", dict(reversed(ONLINE.items())))
    text = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    path = tmp_path / "d.json"
    path.write_bytes(text)
    kind, data = outcome(lambda: load_dataset(path))
    assert (kind, data) == outcome(lambda: parse_dataset(text, source=str(path)))
    assert kind == "ok" and sum(read_as_columns) == 0


def _unchecked(cls, **fields):
    """A record made as the columns make it, before its post-init check."""
    record = object.__new__(cls)
    for name, value in fields.items():
        getattr(cls, name).__set__(record, value)
    return record


def _post_init_passes(record) -> bool:
    try:
        record.__attrs_post_init__()
    except ValueError:
        return False
    return True


DAY = dt.date(2026, 5, 2)


@pytest.mark.parametrize(("start", "end"), [(DAY, DAY), (DAY, DAY + dt.timedelta(1)),
                                            (DAY, DAY - dt.timedelta(1)),
                                            (dt.date.min, dt.date.max),
                                            (dt.date.max, dt.date.min)])
def test_the_batch_check_of_external_records_is_their_post_init_check(start, end):
    fields = dict(id="e", person="p", category="c", title="t", hours=Decimal(1),
                  status=ExternalStatus.APPROVED, reviewer=None, review_note=None)
    good = _unchecked(ExternalLearning, **fields, start=DAY, end=DAY)
    record = _unchecked(ExternalLearning, **fields, start=start, end=end)
    check = columns.BATCH_CHECKS[ExternalLearning]
    assert check([good, record]) == _post_init_passes(record)
    assert check([record]) == _post_init_passes(record)


@pytest.mark.parametrize(("hours", "exact"), [(Decimal("0.33"), Decimal(1200)),
                                              (Decimal("0.34"), Decimal(1200)),
                                              (Decimal("0.01"), Decimal(18)),
                                              (Decimal("0.00"), Decimal("17.999999"))])
def test_the_batch_check_of_online_records_holds_only_without_seconds(hours, exact):
    fields = dict(person="p", course="c", date=DAY, title=None, session=None)
    without = _unchecked(OnlineLearning, **fields, hours=hours, seconds=None)
    with_seconds = _unchecked(OnlineLearning, **fields, hours=hours, seconds=exact)
    check = columns.BATCH_CHECKS[OnlineLearning]
    assert check([without, without]) and _post_init_passes(without)
    # with seconds it says nothing: the post-init check runs for each record
    assert not check([without, with_seconds])
    assert _post_init_passes(with_seconds) == (hours == hours_of_seconds(exact))


def test_only_records_of_json_texts_are_read_as_columns():
    makers = Makers()
    assert columns.batch_reader(Person, makers) is None  # booleans
    assert columns.batch_reader(TrainingPlan, makers) is None  # an object inside
    for cls in (Attendance, ExternalLearning, OnlineLearning):
        assert columns.batch_reader(cls, makers) is not None


def _identifier_passes(value) -> bool:
    field = attrs.fields(ExternalLearning).id
    try:
        _fields.identifier(None, field, value)
    except ValueError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(
    ["a", "Z", "0", "-", "~", "!", " ", "\t", "\x7f", "\x85", "\u00a0", "\u200b", "\u202e",
     "\u3000", "张", "\n"]), max_size=6) | st.sampled_from(["x" * 255, "x" * 256]).map(
    lambda s: [s]), max_size=5).map(lambda vs: [v if isinstance(v, str) else v[0] for v in vs]))
def test_ids_said_to_pass_as_a_batch_each_pass_alone(values):
    if _fields.identifiers_pass(values):
        assert all(map(_identifier_passes, values))


@pytest.mark.parametrize(("values", "passes"), [
    (["E0000001", "P-1.x_~!"], True), (["x" * 255], True), (["x" * 256], False),
    ([""], False), (["a b"], False), (["a\x7f"], False), (["张"], False), (["a\u200b"], False),
    ([], True), ([1], False)])
def test_the_batch_check_of_ids_at_its_boundaries(values, passes):
    assert _fields.identifiers_pass(values) is passes
    if passes:
        assert all(map(_identifier_passes, values))


def test_ids_checked_as_a_batch_leave_their_table_not_whole():
    """A batch of external records' ids is checked without its table (the ids never repeat):
    the table then no longer says it holds every id of the records (Makers.values)."""
    makers = Makers()
    read = columns.batch_reader(ExternalLearning, makers)
    assert read is not None
    text = ",\n".join(json.dumps({**EXTERNAL, "id": f"E{i}"}, ensure_ascii=False, indent=1)
                      for i in range(3)) + ",\n"
    assert makers.values(ExternalLearning, "person") == []
    records = read(text, 0, len(text) - 2, ",\n")
    assert records is not None and [r.id for r in records] == ["E0", "E1", "E2"]
    assert makers.values(ExternalLearning, "id") is None
    assert makers.values(ExternalLearning, "person") == ["p2"]


@pytest.mark.parametrize("titled", [[5], [30], [5, 6, 7], [30, 31, 39], list(range(40))])
def test_pieces_with_and_without_optional_fields_are_all_read_as_columns(
        tmp_path, read_as_columns, monkeypatch, titled):
    """A piece is read by the expression without the optional fields until one needs them:
    whichever piece holds them, every batch is read as columns, as the whole text reads."""
    monkeypatch.setattr(columns, "_PIECE", 300)  # a few records a piece
    value = the_spec_with_many("online_learning", ONLINE)
    for i in titled:
        value["online_learning"][i]["title"] = f"课程{i}"
    text = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    path = tmp_path / "d.json"
    path.write_bytes(text)
    kind, data = outcome(lambda: load_dataset(path))
    assert (kind, data) == outcome(lambda: parse_dataset(text, source=str(path)))
    assert kind == "ok" and sum(read_as_columns) == len(value["online_learning"]) - 2
    assert [r.title for r in data.online_learning] == [
        f"课程{i}" if i in titled else None for i in range(40)]
