"""Keys and names compare exactly on every engine, as in Python: MariaDB's ``utf8mb4_bin`` is a
PAD SPACE collation that takes ``'DEMO '`` for ``'DEMO'``; casedu's tables use a NO PAD one."""

from __future__ import annotations

import attrs
import pytest

from casedu.errors import LoginFailedError
from casedu.sample import sample_dataset
from casedu.services import MemoryStore, Workflow
from tests.builders import person
from tests.engines import ENGINES, new_store
from tests.services.world import HASHER, NOW


@pytest.fixture(params=("memory", *ENGINES))
def store(request, tmp_path):
    data = sample_dataset()
    data = attrs.evolve(data, people=(*data.people, person("zh1", institute="DEMO", name="Zhang"),
                                      person("zh2", institute="DEMO", name="Zhang  ")))
    if request.param == "memory":
        yield MemoryStore(data)
        return
    with new_store(request.param, tmp_path) as made:
        made.replace_all(data)
        yield made


def test_a_key_with_trailing_spaces_is_another_key(store):
    assert store.get("people", ("P0003",)).id == "P0003"
    assert store.get("people", ("P0003 ",)) is None
    assert store.get("plans", ("TP2026001  ",)) is None
    assert store.find("institutes", code="DEMO ") == []
    assert store.find("people", institute="DEMO ") == []
    assert store.find("online_learning", institute="DEMO ") == []
    assert [p.id for p in store.find("people", name="Zhang")] == ["zh1"]
    assert [p.id for p in store.find("people", name="Zhang  ")] == ["zh2"]
    assert store.ids("plans", "TP2026001 ") == []


def test_login_takes_the_username_exactly(store):
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    flow.bootstrap_institute_admin("DEMO")
    assert flow.login("DEMO", "DEMO654321").username == "DEMO"
    for wrong in ("DEMO ", "DEMO  ", " DEMO"):
        with pytest.raises(LoginFailedError):
            flow.login(wrong, "DEMO654321")
