"""A caller's mistake is an ArgumentError: a year out of range, an unknown institute, a read
that cannot mean anything. Never a WorkspaceError or a DatasetError, which are the data's."""

from __future__ import annotations

import pytest

import casedu
from casedu.metrics import annual_figures, year_hours
from casedu.sample import sample_dataset
from tests.engines import ENGINES, new_store


@pytest.fixture(scope="module")
def data():
    return sample_dataset()


@pytest.mark.parametrize(("call", "error"), [
    (lambda d: year_hours(d, 99999), casedu.ArgumentValueError),
    (lambda d: year_hours(d, 1899), casedu.ArgumentValueError),
    (lambda d: annual_figures(d, "DEMO", 10000), casedu.ArgumentValueError),
    (lambda d: annual_figures(d, "DEMO", "2026"), casedu.ArgumentTypeError),
    (lambda d: annual_figures(d, "NOPE", 2026), casedu.UnknownRecordError),
    (lambda d: d.person("p-none"), casedu.UnknownRecordError),
])
def test_a_callers_mistake_on_a_dataset(data, call, error):
    with pytest.raises(error) as info:
        call(data)
    assert isinstance(info.value, casedu.ArgumentError)
    assert not isinstance(info.value, (casedu.WorkspaceError, casedu.DatasetError))


def test_the_boundary_years_are_taken(data):
    assert year_hours(data, 1900).year == 1900 and year_hours(data, 9999).year == 9999


@pytest.mark.parametrize("kind", ENGINES)
def test_a_callers_mistake_on_a_store_of_every_engine(kind, tmp_path):
    with new_store(kind, tmp_path) as store:
        store.replace_all(sample_dataset())
        for call, error, says in [
            (lambda: store.year_hours(99999), casedu.ArgumentValueError, "99999"),
            (lambda: store.year_hours("2026"), casedu.ArgumentTypeError, "'2026'"),
            (lambda: store.year_hours(2026, institute=7), casedu.ArgumentTypeError, "institute"),
            (lambda: store.get("people", "p1"), casedu.ArgumentTypeError, "tuple"),
            (lambda: store.find("people", limit=-1), casedu.ArgumentValueError, "limit"),
            (lambda: store.find("nothing"), casedu.ArgumentValueError, "section"),
        ]:
            with pytest.raises(error, match=says) as info:
                call()
            assert isinstance(info.value, casedu.ArgumentError)
            assert not isinstance(info.value, casedu.WorkspaceError)
        # the same store answers the right question
        assert store.year_hours(2026).year == 2026


def test_every_argument_error_is_one_of_the_tree():
    for name in ("ArgumentTypeError", "ArgumentValueError", "UnknownRecordError"):
        assert issubclass(getattr(casedu, name), casedu.ArgumentError)
    # the builtins they were before stay theirs
    assert issubclass(casedu.ArgumentValueError, (casedu.InvalidValueError, ValueError))
    assert issubclass(casedu.UnknownRecordError, LookupError)
    assert issubclass(casedu.ArgumentTypeError, TypeError)
