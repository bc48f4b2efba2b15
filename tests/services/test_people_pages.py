"""A page of people with their year's hours (职工学习总体情况统计) and one person's archive read
as those people's share of the data: the same figures as the whole institute's, the same on
every store, within the actor's scope."""

from __future__ import annotations

import attrs
import pytest

from casedu.errors import InvalidValueError, PermissionDeniedError
from casedu.metrics import learning_archive, staff_overview, year_hours
from casedu.model import Role
from casedu.services import MemoryStore
from casedu.services.reads import institute_data, people_data
from tests.builders import attend, online, person
from tests.services import world
from tests.services.world import actor_of, new_flow, world_dataset

INST, DEPT, CLASS, STAFF = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN,
                            Role.STAFF)


def _busy_world():
    """The small academy, with people who attended classes of both institutes and learned
    online, so a share has plans, departments and institutes besides its people."""
    data = world_dataset()
    extra = [person(f"b{i}", department="IOP-D2" if i % 2 else "IOP-D1") for i in range(7)]
    attendance = [attend(plan, p.id) for p in extra for plan in ("P1i", "PXi")]
    learning = [online(p.id, f"c{i}", 3) for i, p in enumerate(extra)]
    return attrs.evolve(data, people=(*data.people, *extra),
                        attendance=(*data.attendance, *attendance),
                        online_learning=(*data.online_learning, *learning))


SHARES = [[], ["s1"], ["b1", "b2", "x1"], ["nobody"], ["s1", "s1", "b3"],
          [f"b{i}" for i in range(7)]]


@pytest.mark.usefixtures("store_kind")
def test_a_few_peoples_share_is_the_same_on_every_store():
    data = _busy_world()
    _flow, store = new_flow()
    if world.STORE_KIND["kind"] == "memory":
        store = MemoryStore(data)
    else:
        from tests.engines import reset

        reset(store)
        store.replace_all(data)
    for wanted in SHARES:
        assert store.people_data(wanted) == people_data(data, wanted), wanted


@pytest.mark.parametrize("wanted", SHARES[1:])
def test_a_share_gives_its_peoples_figures_as_the_whole_data_does(wanted):
    data = _busy_world()
    share = people_data(data, wanted)
    assert {p.id for p in share.people} == set(wanted) & {p.id for p in data.people}
    whole, part = year_hours(data, 2026), year_hours(share, 2026)
    for person_id in {p.id for p in share.people}:
        assert part.of(person_id) == whole.of(person_id)
        assert learning_archive(share, person_id) == learning_archive(data, person_id)
    assert {p.id for p in share.plans} == {a.plan for a in share.attendance}


@pytest.mark.usefixtures("store_kind")
@pytest.mark.parametrize(("role", "expected"), [
    (INST, ["a_inst", "a_dept", "a_class", "s1", "s2"]),
    (DEPT, ["a_inst", "a_dept", "s1"]),
])
def test_the_overview_page_holds_the_scopes_people_with_the_institutes_figures(role, expected):
    flow, _store = new_flow()
    actor = actor_of(flow, role)
    page = flow.overview_page(actor, 2026)
    assert [r.person.id for r in page.items] == expected and page.total == len(expected)
    whole = {r.person.id: r for r in staff_overview(world_dataset(), "IOP", 2026)}
    # the same figures (the page reads the hours without the single trainings)
    assert [r.to_record() for r in page.items] == [whole[i].to_record() for i in expected]
    assert [r.person for r in page.items] == [whole[i].person for i in expected]
    assert page.items[expected.index("s1")].total == 101


@pytest.mark.usefixtures("store_kind")
def test_the_overview_is_searched_and_paged():
    flow, _store = new_flow()
    admin = actor_of(flow, INST)
    first = flow.overview_page(admin, 2026, limit=2)
    assert [r.person.id for r in first.items] == ["a_inst", "a_dept"]
    assert first.total == 5 and first.pages == 3 and first.has_next
    last = flow.overview_page(admin, 2026, limit=2, offset=4)
    assert [r.person.id for r in last.items] == ["s2"] and not last.has_next
    found = flow.overview_page(admin, 2026, text="人员s")
    assert [r.person.id for r in found.items] == ["s1", "s2"]
    none = flow.overview_page(admin, 2026, text="没有这个人")
    assert none.items == () and none.total == 0 and none.pages == 1
    assert flow.overview_page(admin, 2026, text="  ").total == 5  # blank: no filter


@pytest.mark.parametrize("role", [CLASS, STAFF])
def test_the_overview_is_refused_outside_the_admins_and_audited(role):
    flow, store = new_flow()
    with pytest.raises(PermissionDeniedError, match="view_overview"):
        flow.overview_page(actor_of(flow, role), 2026)
    assert store.events()[-1].outcome == "denied"


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (501, 0), (50, -1)])
def test_a_page_of_the_overview_that_cannot_be_read_is_refused(limit, offset):
    flow, _ = new_flow()
    with pytest.raises(InvalidValueError):
        flow.overview_page(actor_of(flow, INST), 2026, limit=limit, offset=offset)


def test_the_archive_reads_the_persons_share_not_the_institutes():
    from tests.services.test_targeted_reads import Spy

    store = Spy(world_dataset(), world.accounts())
    from casedu.services import Workflow

    flow = Workflow(store, clock=lambda: world.NOW, hasher=world.HASHER)
    actor = actor_of(flow, STAFF)
    store.reads.clear()
    archive = flow.archive(actor, "s1")
    assert archive.total(2026) == 101
    assert not [r for r in store.reads if r[0] in ("institute_data", "state")]
    assert archive == learning_archive(institute_data(world_dataset(), "IOP"), "s1")


@pytest.mark.usefixtures("store_kind")
def test_ones_own_external_learning_and_one_record_within_the_archives_scope():
    flow, _ = new_flow()
    staff = actor_of(flow, STAFF)
    assert [r.id for r in flow.my_external(staff)] == ["Ls1", "E1"]
    assert flow.view_external(staff, "E1").person == "s1"
    assert flow.view_external(actor_of(flow, DEPT), "E1").id == "E1"
    with pytest.raises(PermissionDeniedError, match="view_archive"):
        flow.view_external(staff, "E2")
    with pytest.raises(PermissionDeniedError, match="outside the institute"):
        flow.view_external(actor_of(flow, INST), "EX")
    from casedu.errors import UnknownRecordError

    with pytest.raises(UnknownRecordError):
        flow.view_external(staff, "none")
    with pytest.raises(PermissionDeniedError, match="view_archive"):
        flow.my_external(actor_of(flow, CLASS))


@pytest.mark.usefixtures("store_kind")
def test_the_people_of_the_scope_are_listed_searched_and_new_hires_found():
    import datetime as dt

    flow, _ = new_flow()
    admin, dept = actor_of(flow, INST), actor_of(flow, DEPT)
    assert [p.id for p in flow.list_people(admin).items] == ["a_inst", "a_dept", "a_class",
                                                              "s1", "s2"]
    assert [p.id for p in flow.list_people(dept).items] == ["a_inst", "a_dept", "s1"]
    assert [p.id for p in flow.list_people(admin, text="人员s", limit=1, offset=1).items] \
        == ["s2"]
    flow.set_person(admin, "s2", hire_date=dt.date(2026, 7, 1))
    flow.set_person(admin, "s1", hire_date=dt.date(2026, 1, 1))
    assert [p.id for p in flow.list_people(admin, hired_in=2026).items] == ["s1", "s2"]
    assert [p.id for p in flow.list_people(dept, hired_in=2026).items] == ["s1"]
    page = flow.list_people(admin, hired_in=2026, text="s2")
    assert [p.id for p in page.items] == ["s2"] and page.total == 1
    assert flow.list_people(admin, hired_in=2025).total == 0
    with pytest.raises(PermissionDeniedError, match="list_people"):
        flow.list_people(actor_of(flow, STAFF))
