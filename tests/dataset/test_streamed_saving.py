"""save_dataset writes the text a batch of records at a time: byte for byte the text of the JSON
value of the whole dataset, as it was written when that value was made whole first."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from casedu.dataset import dataset_to_json, dataset_to_json_value, load_dataset, save_dataset
from casedu.dataset import writing as dataset_format
from casedu.model import Dataset
from casedu.sample import large_sample_dataset
from tests.strategies import datasets


def whole_text(data: Dataset) -> str:
    """The text as made from the whole value (the format's definition)."""
    return json.dumps(dataset_to_json_value(data), ensure_ascii=False, indent=1) + "\n"


@pytest.fixture(params=[1, 2, 5_000], ids=["batches of 1", "batches of 2", "batches of 5000"])
def batch(request, monkeypatch):
    monkeypatch.setattr(dataset_format, "_BATCH", request.param)
    return request.param


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=datasets())
def test_the_text_is_that_of_the_whole_value(batch, data):
    assert dataset_to_json(data) == whole_text(data)


def test_a_saved_file_is_the_whole_value_s_text_and_loads_back(tmp_path, batch):
    data = large_sample_dataset()  # long texts with line breaks, tabs and quotes
    save_dataset(data, tmp_path / "d.json")
    assert (tmp_path / "d.json").read_bytes() == whole_text(data).encode("utf-8")
    assert load_dataset(tmp_path / "d.json") == data


def test_an_empty_dataset(tmp_path):
    save_dataset(Dataset(), tmp_path / "d.json")
    assert (tmp_path / "d.json").read_text(encoding="utf-8") == whole_text(Dataset())
    assert load_dataset(tmp_path / "d.json") == Dataset()


def test_a_failure_while_writing_leaves_no_file(tmp_path, monkeypatch):
    import casedu.dataset.converter as converter

    calls = []
    real = converter.unstructure_record

    def failing(record):
        calls.append(record)
        if len(calls) > 3:
            raise RuntimeError("disk gone")
        return real(record)

    monkeypatch.setattr(converter, "unstructure_record", failing)
    monkeypatch.setattr(dataset_format, "_BATCH", 1)
    data = large_sample_dataset()
    with pytest.raises(RuntimeError):
        save_dataset(data, tmp_path / "d.json")
    assert len(calls) == 4 and list(tmp_path.iterdir()) == []
