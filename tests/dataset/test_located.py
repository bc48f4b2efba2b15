"""A section's records as they are read (casedu.dataset.located): sealing a section on the way
changes neither its records, nor their places, nor the tuple it becomes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casedu.dataset.located import Located

steps = st.lists(st.one_of(
    st.tuples(st.just("extend"), st.integers(0, 4), st.booleans()),
    st.tuples(st.just("add"), st.just(1), st.booleans()),
    st.tuples(st.just("sealed"), st.just(0), st.just(False))), max_size=20)


@given(steps)
def test_sealing_keeps_the_records_and_their_places(script):
    section = Located()
    expected: list[tuple[int, str]] = []
    index = 0
    for step, count, skip in script:
        index += skip  # a record refused there: the next is further on
        records = [f"r{index + k}" for k in range(count)]
        if step == "extend":
            section.extend(index, records)
        elif step == "add":
            section.add(index, records[0])
        else:
            section.sealed()
        expected += [(index + k, r) for k, r in enumerate(records)] if step != "sealed" else []
        index += count
    assert list(section) == expected
    assert list(section.records) == [r for _, r in expected]
    assert len(section) == len(section.records) == len(expected)
    assert section.taken() == tuple(r for _, r in expected)
    assert len(section) == 0 and list(section) == []


def test_a_sealed_section_is_one_tuple():
    section = Located()
    section.extend(0, ["a", "b"])
    section.extend(2, ["c"])
    section.sealed()
    taken = section._chunks[0]
    assert section._chunks == [("a", "b", "c")]
    assert section.taken() is taken  # not copied again
