"""The reference checks of a dataset's records: duplicates of a key of several fields are found
bucket by bucket of its first field, with the same answer as comparing the whole keys."""

from __future__ import annotations

from operator import attrgetter
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from casedu.dataset.located import Located
from casedu.dataset.references import _departments_agree, _distinct, _duplicates

keys = st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("xyz"), st.integers(0, 2)),
                max_size=30)


@given(keys)
def test_distinct_agrees_with_the_whole_keys(rows):
    records = [SimpleNamespace(plan=a, person=b, year=c) for a, b, c in rows]
    for names in (("plan",), ("plan", "person"), ("plan", "person", "year")):
        whole = len(set(map(attrgetter(*names), records))) == len(records)
        assert _distinct(records, names) is whole


@given(keys)
def test_each_duplicate_is_named_at_its_place_with_the_first(rows):
    located = Located()
    located.extend(0, [SimpleNamespace(plan=a, person=b) for a, b, _ in rows])
    found = [str(p) for p in _duplicates(located, "attendance", "person", ("plan", "person"))]
    first: dict[tuple[str, str], int] = {}
    expected = []
    for i, (a, b, _) in enumerate(rows):
        if (a, b) in first:
            expected.append(f"attendance[{i}].person: duplicate person {(a, b)!r} "
                            f"(first at attendance[{first[(a, b)]}])")
        else:
            first[(a, b)] = i
    assert found == expected


departments = {"d1": SimpleNamespace(institute="A"), "d2": SimpleNamespace(institute="B")}
placed = st.lists(st.tuples(st.sampled_from([None, "d1", "d2", "d9"]), st.sampled_from("AB")),
                  max_size=12)


@given(placed)
def test_departments_agree_when_every_record_is_in_its_department_institute(rows):
    """The usual answer, found from the distinct pairs, is the answer record by record."""
    located = Located()
    located.extend(0, [SimpleNamespace(department=d, institute=i) for d, i in rows])
    each = all(d is None or (d in departments and departments[d].institute == i)
               for d, i in rows)
    assert _departments_agree(located, departments) is each
