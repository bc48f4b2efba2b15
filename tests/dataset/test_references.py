"""The reference checks of a dataset's records: duplicates of a key of several fields are found
bucket by bucket of its first field, with the same answer as comparing the whole keys."""

from __future__ import annotations

from operator import attrgetter
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from casedu.dataset.located import Located
from casedu.dataset.references import _distinct, _duplicates

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
