"""The records a store remembers by their rows (a roster read again by every year-end page), on
every engine: a row read again gives the record made before, a row that changed (through the
store, or written by hand) makes its record again, with the model's checks, and the store
forgets past its bound."""

from __future__ import annotations

import re

import attrs
import pytest

from casedu.errors import WorkspaceError
from casedu.quantities import BOUNDS
from casedu.services.changes import Change
from casedu.store import reads
from tests.engines import ENGINES, new_store, reopen
from tests.services.world import world_dataset
from tests.store.test_constraints import _write

pytestmark = pytest.mark.parametrize("kind", ENGINES)


@pytest.fixture
def store(kind, tmp_path):
    with new_store(kind, tmp_path) as made:
        made.replace_all(world_dataset())
        yield made


def _by_id(records):
    return {r.id: r for r in records}


def test_a_roster_read_again_is_the_same_records_made_once(store):
    first, again = store.roster("IOP"), store.roster("IOP")
    assert first == again
    assert all(a is b for a, b in zip(first.people, again.people, strict=True))
    assert all(a is b for a, b in zip(first.plans, again.plans, strict=True))
    # the lists read them too: a page of people, the plans of an institute
    page, _total = store.search_people("IOP", limit=2)
    assert [p.id for p in page] == [p.id for p in first.people[:2]]
    assert all(p is _by_id(first.people)[p.id] for p in page)
    assert all(p is _by_id(first.plans)[p.id] for p in store.find("plans", institute="IOP"))


def test_a_changed_row_makes_its_record_again(store):
    before = store.roster("IOP")
    person = before.people[0]
    changed = attrs.evolve(person, hours_required=not person.hours_required,
                           name=f"{person.name}改")
    store.commit([Change(person, changed)], [])
    after = store.roster("IOP")
    assert _by_id(after.people)[person.id] == changed
    assert _by_id(after.people)[person.id] != person
    # the others are the records made before
    assert all(p is _by_id(before.people)[p.id] for p in after.people if p.id != person.id)


#: Values of the remembered sections written by hand past the constraints, each refused by
#: the model (as tests/store/test_constraints.py writes them), and the engines that hold them.
BY_HAND = [
    ("a name longer than a line", "institutes", "name", "名" * (BOUNDS.line_length + 1),
     ("sqlite",)),
    ("a flag that is neither", "people", "in_service", 7, ("sqlite", "mariadb")),
    ("a count below zero", "implementations", "attendees", -1, ENGINES),
]


@pytest.mark.parametrize(("table", "column", "value", "engines"),
                         [pytest.param(*case[1:], id=case[0]) for case in BY_HAND])
def test_a_value_written_by_hand_is_refused_though_its_row_was_read_before(
        store, kind, table, column, value, engines):
    if kind not in engines:
        pytest.skip(f"{kind} cannot hold such a value at all")
    assert store.roster("IOP").people  # read, and remembered
    if (table, column) == ("people", "in_service"):  # the flag it had, written otherwise
        assert _by_id(store.roster("IOP").people)["s1"].in_service is True
    row = _write(store, kind, table, column, value, past_checks=True)
    where = "(of plan 'P1i'):" if table == "implementations" else f"row {row}:"
    with pytest.raises(WorkspaceError, match=rf"table {table} {re.escape(where)} .*{column}"):
        store.roster("IOP")


def test_the_store_forgets_past_its_bound_and_reads_the_same(store, kind, monkeypatch):
    monkeypatch.setattr(reads, "REMEMBER", 3)
    first = store.roster("IOP")
    assert sum(map(len, store._made.values())) <= 3
    again = store.roster("IOP")
    assert again == first
    assert sum(map(len, store._made.values())) <= 3
    # another store on the same tables remembers nothing of this one's
    other = reopen(store, kind)
    try:
        assert other.roster("IOP") == first
        assert not any(p is q for p, q in zip(other.roster("IOP").people, first.people,
                                               strict=True))
    finally:
        other.engine.dispose()
