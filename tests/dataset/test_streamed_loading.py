"""load_dataset reads a file a piece at a time: the same dataset, the same problems at the same
places as parse_dataset of the whole text, wherever the pieces are cut."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings

from casedu.dataset import dataset_to_json, load_dataset, parse_dataset
from casedu.dataset import json_text as reader
from casedu.errors import DatasetError
from tests.builders import spec_example
from tests.strategies import datasets


@pytest.fixture(params=[7, 1 << 20], ids=["7-byte pieces", "1-MiB pieces"])
def chunk(request, monkeypatch):
    monkeypatch.setattr(reader, "_CHUNK", request.param)
    return request.param


def outcome(load):
    try:
        return "ok", load()
    except DatasetError as error:
        return "refused", [str(p) for p in error.problems]


def same_as_parsing(path, text_bytes):
    path.write_bytes(text_bytes)
    streamed = outcome(lambda: load_dataset(path))
    whole = outcome(lambda: parse_dataset(text_bytes, source=str(path)))
    assert streamed == whole
    return streamed


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=datasets())
def test_a_saved_dataset_loads_equal_in_pieces(tmp_path_factory, chunk, data):
    path = tmp_path_factory.mktemp("d") / "d.json"
    path.write_text(dataset_to_json(data), encoding="utf-8")
    assert load_dataset(path) == data


def test_the_file_is_read_in_pieces_and_never_whole(tmp_path, monkeypatch):
    """The streamed reading is what runs for a good file: it reads no more than a piece at a
    time, and the whole reading is not called."""
    monkeypatch.setattr(reader, "_CHUNK", 4096)
    path = tmp_path / "d.json"
    from casedu.sample import sample_dataset

    path.write_text(dataset_to_json(sample_dataset()), encoding="utf-8")
    reads = []
    real_open = type(path).open

    def spying_open(self, *args, **kwargs):
        stream = real_open(self, *args, **kwargs)
        read = stream.read

        def counted(size=-1):
            reads.append(size)
            return read(size)

        stream.read = counted
        return stream

    monkeypatch.setattr(type(path), "open", spying_open)
    from casedu.dataset import reading as dataset_format

    monkeypatch.setattr(dataset_format, "parse_json", lambda text: pytest.fail("read whole"))
    assert load_dataset(path) == sample_dataset()
    assert len(reads) > 10 and max(reads) == 4096 and -1 not in reads


def _spec_text(**changes) -> str:
    value = spec_example()
    value.update(changes)
    return json.dumps(value, ensure_ascii=False, indent=1)


BAD_TEXTS = {
    "not an object": "[1, 2]",
    "empty": "",
    "only a brace": "{",
    "trailing comma in a section": _spec_text().replace("}\n ],\n \"departments\"",
                                                        "},\n ],\n \"departments\"", 1),
    "missing comma between sections": _spec_text().replace('],\n "people"', ']\n "people"', 1),
    "a key twice at the top": _spec_text()[:-2] + ',\n "version": 1\n}',
    "a key twice in a record": _spec_text().replace('"name": "张伟"',
                                                    '"name": "张伟", "name": "王芳"', 1),
    "text after the object": _spec_text() + " []",
    "NaN": _spec_text().replace('"hours": 2.5', '"hours": NaN', 1),
    "a section that is no list": _spec_text(people={"id": "p1"}),
    "a record that is no object": _spec_text(institutes=["IOP"]),
    "an unknown key": _spec_text(nickname="x"),
    "a wrong format": _spec_text(format="other"),
    "a bad reference": _spec_text().replace('"person": "p0001"', '"person": "p9999"', 1),
    "nested too deeply": _spec_text(summaries=json.loads("[" * 50 + "]" * 50)).replace(
        "[[", "[" * 5000).replace("]]", "]" * 5000),
    "an exponent": _spec_text().replace('"hours": 2.5', '"hours": 2.5e1', 1),
    "a string cut at the end": _spec_text()[:-40],
}


@pytest.mark.parametrize("name", sorted(BAD_TEXTS))
def test_a_bad_file_is_refused_as_its_whole_text_is(tmp_path, chunk, name):
    kind, problems = same_as_parsing(tmp_path / "d.json", BAD_TEXTS[name].encode("utf-8"))
    assert kind == "refused" and problems


def test_a_byte_order_mark_and_chinese_cut_between_pieces(tmp_path, chunk):
    text = "\ufeff" + _spec_text()
    kind, data = same_as_parsing(tmp_path / "d.json", text.encode("utf-8"))
    assert kind == "ok" and data.people[0].name == "张伟"


def test_bytes_that_are_not_utf8_are_refused_as_before(tmp_path, chunk):
    text = _spec_text().encode("utf-8")
    broken = text.replace("张伟".encode(), b"\xff\xfe", 1)
    kind, problems = same_as_parsing(tmp_path / "d.json", broken)
    assert kind == "refused" and any("not UTF-8" in p for p in problems)


def test_the_streamed_reader_alone():
    taken = []
    found = reader.read_object_streamed(
        io.BytesIO(b'{"a": [1, {"b": 2.50}], "c": {"d": [3]}, "e": []}'), {"a", "e"},
        lambda key, index, element: taken.append((key, index, element)))
    assert found == {"a": reader.STREAMED, "c": {"d": [3]}, "e": reader.STREAMED}
    assert [(k, i) for k, i, _ in taken] == [("a", 0), ("a", 1)]
    assert str(taken[1][2]["b"]) == "2.50"
    assert reader.read_object_streamed(io.BytesIO(b'{"a": [1,]}'), {"a"},
                                       lambda *_: None) is None


def test_places_stay_the_file_s_after_a_record_that_fails(tmp_path, chunk):
    value = spec_example()
    second = dict(value["people"][0], id="p0002", department="D9")
    value["people"] = [dict(value["people"][0], name=""), dict(value["people"][0]), second]
    value["people"][1]["id"] = "p0001b"
    text = json.dumps(value, ensure_ascii=False).encode("utf-8")
    kind, problems = same_as_parsing(tmp_path / "d.json", text)
    assert kind == "refused"
    assert any(p.startswith("people[0].name") for p in problems), problems
    assert any(p.startswith("people[2].department: no department 'D9'") for p in problems)
