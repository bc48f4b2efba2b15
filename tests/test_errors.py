"""casedu's errors: a Problem is an immutable value."""

import pickle

import pytest

from casedu.errors import DatasetError, Problem


def test_a_problem_is_compared_and_hashed_by_its_place_and_message():
    one, same, other = (Problem("people[0].id", "must not be empty"),
                        Problem(place="people[0].id", message="must not be empty"),
                        Problem("people[1].id", "must not be empty"))
    assert one == same and hash(one) == hash(same) and one != other
    assert len({one, same, other}) == 2
    assert one != ("people[0].id", "must not be empty")
    assert repr(one) == "Problem(place='people[0].id', message='must not be empty')"
    assert str(Problem("", "no sheet")) == "no sheet"


def test_a_problem_cannot_be_changed():
    problem = Problem("people[0].id", "must not be empty")
    with pytest.raises(AttributeError):
        problem.place = "elsewhere"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del problem.message
    with pytest.raises(AttributeError):
        problem.extra = 1  # type: ignore[attr-defined]
    assert problem.place == "people[0].id"


def test_a_dataset_error_and_its_problems_survive_pickling():
    error = DatasetError("data.json", [Problem("people[0].id", "must not be empty")])
    again = pickle.loads(pickle.dumps(error.problems))
    assert again == error.problems
