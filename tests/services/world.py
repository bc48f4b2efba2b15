"""A small academy for workflow tests: two institutes, two departments, one actor per role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from casedu.model import (
    Account,
    AnnualSummary,
    BackboneReport,
    Department,
    ExternalStatus,
    Implementation,
    Role,
    RoleGrant,
)
from casedu.services import MemoryStore, PasswordHasher, Workflow
from tests.builders import attend, dataset, external, institute, person, plan

HASHER = PasswordHasher(n=2**4)
PASSWORD = "correct-horse-9"
NOW = dt.datetime(2026, 12, 20, 9, 30, tzinfo=dt.UTC)

#: The actor of each role, and what each "where" means for it.
ACTORS = {Role.INSTITUTE_ADMIN: "IOP", Role.DEPARTMENT_ADMIN: "dept1",
          Role.CLASS_ADMIN: "class1", Role.STAFF: "staff1", Role.ACADEMY_ADMIN: "cas"}


def world_dataset():
    impl = Implementation(attendees=3, staff=1)
    plans = []
    for suffix, inst, dep in (("1", "IOP", "IOP-D1"), ("2", "IOP", "IOP-D2"),
                              ("X", "IOA", "IOA-D1")):
        plans += [
            plan(f"P{suffix}", institute=inst, department=dep),
            plan(f"P{suffix}i", institute=inst, department=dep, implementation=impl),
            plan(f"P{suffix}d", institute=inst, department=dep, published=False),
        ]
    people = [
        person("a_inst", department="IOP-D1"), person("a_dept", department="IOP-D1"),
        person("a_class", department="IOP-D2"), person("s1", department="IOP-D1"),
        person("s2", department="IOP-D2"),
        person("a_cas", institute="CAS", department="CAS-D1"),
        person("x1", institute="IOA", department="IOA-D1"),
    ]
    long = [external(f"L{p}", p, 101) for p in ("s1", "s2", "x1")]
    pending = [external("E1", "s1", 5, status=ExternalStatus.PENDING),
               external("E2", "s2", 5, status=ExternalStatus.PENDING),
               external("EX", "x1", 5, status=ExternalStatus.PENDING)]
    return dataset(
        institutes=[institute("IOP"), institute("IOA"), institute("CAS")],
        departments=[Department(id="IOP-D1", institute="IOP", name="一处"),
                     Department(id="IOP-D2", institute="IOP", name="二处"),
                     Department(id="IOA-D1", institute="IOA", name="声学一处"),
                     Department(id="CAS-D1", institute="CAS", name="院机关")],
        people=people, plans=plans,
        attendance=[attend("P1", "s1", confirmed=False), attend("P2", "s2", confirmed=False),
                    attend("PX", "x1", confirmed=False)],
        external_learning=long + pending,
        backbone_reports=[BackboneReport(institute="IOP", year=2026, person="s2")],
        summaries=[AnnualSummary(institute="IOP", year=2025,
                                 total_investment=Decimal("1000.00"))],
    )


def accounts():
    def account(username, institute, person, *grants):
        return Account(username=username, institute=institute, person=person, grants=grants,
                       password_hash=HASHER.hash(PASSWORD), must_change_password=False)

    return [
        account("IOP", "IOP", "a_inst", RoleGrant(role=Role.INSTITUTE_ADMIN, institute="IOP")),
        account("IOA", "IOA", None, RoleGrant(role=Role.INSTITUTE_ADMIN, institute="IOA")),
        account("dept1", "IOP", "a_dept",
                RoleGrant(role=Role.DEPARTMENT_ADMIN, institute="IOP", department="IOP-D1")),
        account("class1", "IOP", "a_class",
                RoleGrant(role=Role.CLASS_ADMIN, institute="IOP",
                          classes=frozenset({"P1", "P1i", "P1d"}))),
        account("staff1", "IOP", "s1", RoleGrant(role=Role.STAFF, institute="IOP")),
        account("staff2", "IOP", "s2", RoleGrant(role=Role.STAFF, institute="IOP")),
        # the academy admin (院级管理员), at home in the academy's office; granted by the system
        account("cas", "CAS", "a_cas", RoleGrant(role=Role.ACADEMY_ADMIN, institute="CAS")),
    ]


#: The store the workflow tests run on: ``memory``, or an engine of :mod:`tests.engines`
#: (set by the ``store_kind`` fixture of the modules that run on every store).
STORE_KIND = {"kind": "memory"}
_SQL_STORES: dict = {}


def new_flow():
    kind = STORE_KIND["kind"]
    if kind == "memory":
        store = MemoryStore(world_dataset(), accounts())
    else:
        from tests.engines import reset, shared_store

        store = shared_store(kind)
        reset(store)
        store.replace_all(world_dataset(), accounts=accounts())
    return Workflow(store, clock=lambda: NOW, hasher=HASHER), store


def actor_of(flow, role):
    from casedu.services import Actor

    account = flow.store.get("accounts", (ACTORS[role],))
    return Actor(account, role)
