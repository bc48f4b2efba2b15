"""load_dataset makes the records of most sections straight from their JSON objects, a batch of
them at a time, checking each distinct value once (casedu.dataset.typed): the records, and the
problems of a bad file, are those of reading the whole text and structuring every record."""

from __future__ import annotations

import json

import pytest

from casedu.dataset import json_text as reader
from casedu.dataset import load_dataset, parse_dataset
from casedu.dataset.converter import converter
from casedu.dataset.typed import Makers
from casedu.errors import DatasetError
from casedu.model import ExternalLearning, OnlineLearning, Person, TrainingPlan
from tests.builders import spec_example


@pytest.fixture(params=[7, 1 << 20], ids=["7-byte pieces", "1-MiB pieces"])
def chunk(request, monkeypatch):
    monkeypatch.setattr(reader, "_CHUNK", request.param)
    return request.param


def outcome(load):
    try:
        return "ok", load()
    except DatasetError as error:
        return "refused", [str(p) for p in error.problems]


def many_records(online: list[dict] | None = None) -> dict:
    """The SPEC example with 40 online records (and the people they name), as a file of many
    records: the batches are read only from the third record of a section on."""
    value = spec_example()
    record = value["online_learning"][0]
    people = value["people"]
    people += [dict(people[0], id=f"p{i}") for i in range(2, 12)]
    value["online_learning"] = online if online is not None else [
        dict(record, person=f"p{2 + i % 10}", hours=["2.5", "2.50", 3, "1"][i % 4])
        for i in range(40)]
    return value


def loaded_as_parsed(tmp_path, value: dict, *, indent: int | None = 1):
    text = json.dumps(value, ensure_ascii=False, indent=indent).encode("utf-8")
    path = tmp_path / "d.json"
    path.write_bytes(text)
    streamed = outcome(lambda: load_dataset(path))
    assert streamed == outcome(lambda: parse_dataset(text, source=str(path)))
    return streamed


@pytest.mark.parametrize("indent", [None, 1, 4])
def test_many_records_load_as_parsed_whatever_the_layout(tmp_path, chunk, indent):
    kind, data = loaded_as_parsed(tmp_path, many_records(), indent=indent)
    assert kind == "ok" and len(data.online_learning) == 40
    assert [str(r.hours) for r in data.online_learning[:4]] == ["2.5", "2.50", "3", "1"]
    assert data.online_learning[0].person is data.online_learning[10].person


BAD_RECORDS = {
    "a bad value": lambda r: r.update(hours="-1"),
    "a number where an id is": lambda r: r.update(person=1e5),
    "a key twice": None,  # written by hand below
    "an unknown key": lambda r: r.update(nickname="x"),
    "a missing key": lambda r: r.pop("course"),
    "a list where a text is": lambda r: r.update(course=["C1"]),
    "an object that looks like a record": lambda r: r.update(course=dict(r)),
    "no object": None,
    "a session's seconds not its hours": lambda r: r.update(seconds="3600"),
}


@pytest.mark.parametrize("name", sorted(BAD_RECORDS))
def test_a_bad_record_among_many_is_refused_at_its_place(tmp_path, chunk, name):
    value = many_records()
    records = value["online_learning"]
    if name == "no object":
        records[25] = "p2"
    elif BAD_RECORDS[name] is not None:
        BAD_RECORDS[name](records[25])
    if name == "a key twice":
        text = json.dumps(value, ensure_ascii=False, indent=1)
        marker = '"person": "p7"'  # record 25 is the only one of p7 with its hours
        assert marker in text
        value = None
        path = tmp_path / "d.json"
        cut = [i for i in range(len(text)) if text.startswith(marker, i)][2]
        text = text[:cut] + '"person": "p3", ' + text[cut:]
        path.write_bytes(text.encode("utf-8"))
        streamed = outcome(lambda: load_dataset(path))
        assert streamed == outcome(lambda: parse_dataset(text, source=str(path)))
        assert streamed[0] == "refused"
        return
    kind, problems = loaded_as_parsed(tmp_path, value)
    assert kind == "refused"
    assert any(p.startswith("online_learning[25]") for p in problems), problems


def test_a_number_is_not_an_id_it_spells_even_after_that_id(tmp_path, chunk):
    value = many_records()
    value["people"][1]["id"] = "1e5"
    value["online_learning"][3]["person"] = "1e5"
    text = json.dumps(value, ensure_ascii=False, indent=1)
    text = text.replace('"person": "p2"', '"person": 1e5', 1)
    path = tmp_path / "d.json"
    path.write_bytes(text.encode("utf-8"))
    kind, problems = outcome(lambda: load_dataset(path))
    assert (kind, problems) == outcome(lambda: parse_dataset(text, source=str(path)))
    assert kind == "refused" and any("person: expected text" in p for p in problems), problems


def test_one_is_not_true_even_after_true(tmp_path, chunk):
    value = many_records()
    value["people"][5]["in_service"] = 1
    kind, problems = loaded_as_parsed(tmp_path, value)
    assert kind == "refused"
    assert any(p.startswith("people[5].in_service: expected true or false") for p in problems)


def test_a_made_record_equals_the_one_its_class_makes():
    makers = Makers()
    make = makers.of(ExternalLearning)
    pairs = [("id", "e1"), ("person", "p1"), ("category", "学术会议"), ("title", "年会"),
             ("start", "2026-05-01"), ("end", "2026-05-02"), ("hours", "24"),
             ("status", "approved"), ("review_note", None)]
    made = make(pairs)
    assert type(made) is ExternalLearning
    assert made == converter.structure(dict(pairs), ExternalLearning)
    # the same values in another order, and a post-init check that refuses
    assert make(list(reversed(pairs))) == made
    assert make([*pairs[:4], ("start", "2026-05-03"), *pairs[5:]]) is None
    assert make([*pairs, ("id", "e2")]) is None


def test_only_records_of_plain_fields_have_makers():
    makers = Makers()
    assert makers.of(TrainingPlan) is None  # its implementation is a record of its own
    assert makers.of(Person) is not None and makers.of(OnlineLearning) is not None


def test_the_records_are_read_a_batch_at_a_time(tmp_path, monkeypatch):
    batches = []
    real = reader._batch

    def spied(*args):
        made = real(*args)
        batches.append(made)
        return made

    monkeypatch.setattr(reader, "_batch", spied)
    kind, data = loaded_as_parsed(tmp_path, many_records())
    assert kind == "ok"
    # the people after the first, up to their section's own end; then the online records but
    # the first and the last (the last cut of the text is before the last one)
    assert [len(b) for b in batches if b] == [10, 38]
    assert all(type(r) is OnlineLearning for r in data.online_learning)


def test_a_field_of_values_that_never_repeat_does_not_stop_the_sharing_of_others(
        tmp_path, monkeypatch):
    """Each field has its own table: the records' people ids, 10 values, fill a table of 4;
    their courses and dates are still one object each, and a person's id is one object in
    the people and in the records."""
    from casedu.dataset import typed

    monkeypatch.setattr(typed, "CAP", 4)
    kind, data = loaded_as_parsed(tmp_path, many_records())
    assert kind == "ok"
    records = data.online_learning
    assert len({id(r.course) for r in records}) == 1 and len({id(r.date) for r in records}) == 1
    person = {p.id: p.id for p in data.people}
    assert all(r.person is person[r.person] for r in records)


def test_a_record_made_through_its_twin_is_of_its_class_alone():
    """The record is made as an instance of a subclass whose slots take plain stores, then given
    its class: what comes out is an ExternalLearning, equal to the one cattrs makes, and frozen."""
    import attrs

    make = Makers().of(ExternalLearning)
    pairs = [("id", "e1"), ("person", "p1"), ("category", "学术会议"), ("title", "年会"),
             ("start", "2026-05-01"), ("end", "2026-05-02"), ("hours", "24"),
             ("status", "approved")]
    made = make(pairs)
    assert type(made) is ExternalLearning and made.__class__ is ExternalLearning
    assert made == converter.structure(dict(pairs), ExternalLearning)
    assert made.reviewer is None and made.review_note is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.hours = 0  # type: ignore[misc]


def test_without_a_twin_the_slots_are_set_through_their_descriptors(monkeypatch):
    from casedu import twins

    monkeypatch.setitem(twins._TWINS, OnlineLearning, None)
    make = Makers().of(OnlineLearning)
    pairs = [("person", "p1"), ("course", "c1"), ("date", "2026-03-02"), ("hours", "2.5")]
    made = make(pairs)
    assert type(made) is OnlineLearning
    assert made == converter.structure(dict(pairs), OnlineLearning)
    assert make([*pairs, ("seconds", "3600")]) is None  # its post-init check still runs


def test_a_value_is_checked_once_whatever_the_fields_that_share_its_checks():
    """A person's id, checked in the people, is not checked again in each of their records;
    the answer of each record is the same as checking every value (the whole reading)."""
    seen: list[str] = []
    real = converter.get_structure_hook(str)

    def counting(value, type_):
        seen.append(value)
        return real(value, type_)

    makers = Makers()
    makers._hook = lambda type_: counting if type_ is str else converter.get_structure_hook(type_)
    person = makers.of(Person)
    online = makers.of(OnlineLearning)
    assert person([("id", "p1"), ("institute", "IOP"), ("name", "张伟"),
                   ("in_service", True), ("hours_required", True)]) is not None
    records = [online([("person", "p1"), ("course", f"c{i % 2}"), ("date", "2026-03-02"),
                       ("hours", "1")]) for i in range(10)]
    assert all(type(r) is OnlineLearning for r in records)
    assert seen.count("p1") == 1 and seen.count("c0") == 1
    assert records[0].person is records[9].person
    # a value refused in one field is never taken as checked in another
    assert online([("person", " p1"), ("course", "c0"), ("date", "2026-03-02"),
                   ("hours", "1")]) is None


def test_the_values_of_a_field_are_those_its_records_took():
    """Makers.values: every value of a required field that a made record holds, from the
    field's table; None where the table does not hold them all."""
    makers = Makers()
    make = makers.of(OnlineLearning)
    pairs = [("person", "p1"), ("course", "c1"), ("date", "2026-03-02"), ("hours", "2.5")]
    made = [make(pairs), make([("person", "p2"), *pairs[1:]]), make(pairs)]
    assert makers.values(OnlineLearning, "person") == ["p1", "p2"]
    assert all(r.person in makers.values(OnlineLearning, "person") for r in made)
    assert makers.values(OnlineLearning, "title") is None  # optional: its default is in none
    assert makers.values(Person, "id") is None  # nothing read


def test_a_value_not_kept_by_its_table_leaves_it_not_whole(monkeypatch):
    from decimal import Decimal

    from casedu.dataset import typed

    makers = Makers()
    make = makers.of(OnlineLearning)
    pairs = [("person", "p1"), ("course", "c1"), ("date", "2026-03-02"), ("hours", "2.5")]
    make(pairs)
    assert makers.values(OnlineLearning, "hours") == [Decimal("2.5")]
    make([*pairs[:3], ("hours", Decimal(3))])  # a JSON number: not kept by value
    assert makers.values(OnlineLearning, "hours") is None
    monkeypatch.setattr(typed, "CAP", 2)
    for person in ("p2", "p3"):
        assert make([("person", person), *pairs[1:]]) is not None
    assert makers.values(OnlineLearning, "person") is None  # p3 is in a record, not in the table


def test_a_record_made_the_whole_way_is_checked_from_the_records(tmp_path, monkeypatch):
    """A section's records made by cattrs (the maker answered none) took no value from the
    tables: its reference checks read the records, and a person who is nowhere is named."""
    from casedu.dataset import reading, typed

    real = typed.record_maker

    def record_maker(cls, makers, fail=None):
        maker = real(cls, makers, fail)
        if cls is not OnlineLearning or maker is None:
            return maker

        def make(items):
            return (fail or (lambda _items: None))(items) if ("person", "p-x") in items \
                else maker(items)
        return make

    monkeypatch.setattr(typed, "record_maker", record_maker)
    monkeypatch.setattr(reading, "batch_reader", lambda cls, makers: None)
    value = many_records()
    value["online_learning"][20]["person"] = "p-x"
    kind, problems = loaded_as_parsed(tmp_path, value)
    assert (kind, problems) == ("refused", ["online_learning[20].person: no person 'p-x'"])


def test_fields_of_the_same_name_and_checks_share_their_table():
    """The person of the attendance, external and online records is learned once, in one
    table; a record's own id has a table of its own in each class."""
    import attrs

    from casedu.model import Attendance

    makers = Makers()

    def table(cls, name):
        return makers.table(cls, attrs.fields_dict(cls)[name])

    persons = {id(table(cls, "person")) for cls in (Attendance, ExternalLearning, OnlineLearning)}
    assert len(persons) == 1
    assert table(Person, "id") is not table(TrainingPlan, "id")
    assert table(Person, "id") is not table(ExternalLearning, "id")
    assert table(OnlineLearning, "person") is not table(OnlineLearning, "course") \
        is not table(OnlineLearning, "session")
    make = makers.of(Attendance)
    assert make([("plan", "tp1"), ("person", "p1"), ("status", "confirmed")]) is not None
    assert makers.values(OnlineLearning, "person") == ["p1"]
