"""The collector paused while records are made, and handed what stays to its oldest generation."""

from __future__ import annotations

import gc

import pytest

from casedu.collector import collector_paused


class _Record:
    __slots__ = ("value",)


def _generation_of(obj: object) -> int | None:
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation=generation)):
            return generation
    return None


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_in_the_block_and_as_it_was_after(collector_on):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with collector_paused(long_lived=True):
        pass
    assert not gc.isenabled()


def test_what_a_long_lived_block_made_is_in_the_oldest_generation(collector_on):
    with collector_paused(long_lived=True):
        record = _Record()
    assert _generation_of(record) == 2
    assert gc.get_freeze_count() == 0


def test_without_long_lived_what_the_block_made_stays_young(collector_on):
    with collector_paused():
        record = _Record()
    assert _generation_of(record) in (0, 1)


def test_an_exception_hands_nothing_on(collector_on):
    with pytest.raises(ValueError), collector_paused(long_lived=True):
        record = _Record()
        raise ValueError
    assert _generation_of(record) in (0, 1)
    assert gc.isenabled()


def test_objects_frozen_by_someone_else_stay_frozen(collector_on):
    theirs = _Record()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused(long_lived=True):
            ours = _Record()
        # nothing thawed: theirs is still in the permanent generation (which only loses the
        # frozen objects that died since, other threads' among them: never gains)
        assert _generation_of(theirs) is None
        assert 0 < gc.get_freeze_count() <= frozen
        # nothing frozen or handed on: ours is as young as any object made unpaused
        assert _generation_of(ours) in (0, 1)
    finally:
        gc.unfreeze()
