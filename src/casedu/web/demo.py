"""``casedu serve --demo``: a new workspace of the sample institute with an account for each role,
all on their initial passwords, as the manual hands them out.

>>> import tempfile, pathlib
>>> from casedu.services import PasswordHasher
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> workspace, accounts = make_demo(folder, year=2026, hasher=PasswordHasher(n=2**4))
>>> [(a.username, a.password, a.roles) for a in accounts][0]
('DEMO', 'DEMO654321', '研究所管理员')
>>> len(accounts)
4
"""

from __future__ import annotations

from pathlib import Path

import attrs

from casedu.model import Account, Dataset, Person, Role, RoleGrant
from casedu.model.accounts import INITIAL_PASSWORD
from casedu.sample import SAMPLE_INSTITUTE, sample_dataset
from casedu.services import PasswordHasher, Workflow
from casedu.services.usernames import STAFF_PASSWORD, admin_password, staff_username
from casedu.store import SqliteStore
from casedu.web.visit import ROLE_NAMES

__all__ = ["DemoAccount", "make_demo"]


@attrs.frozen
class DemoAccount:
    """A demo login: its username, its initial password and the roles it holds."""

    username: str
    password: str
    roles: str


def make_demo(folder: Path, *, year: int,
              hasher: PasswordHasher | None = None) -> tuple[Path, list[DemoAccount]]:
    """Make ``folder/demo.casedu`` holding the sample institute DEMO of ``year``: its admin
    (``bootstrap_institute_admin``), and a department admin, a class admin and a staff member
    who are people of the sample, with the manual's usernames and initial password."""
    hasher = hasher or PasswordHasher()
    dataset = sample_dataset(year)
    accounts = _people_accounts(dataset, year)
    workspace = folder / "demo.casedu"
    store = SqliteStore.open(workspace, create=True)
    try:
        store.replace_all(dataset, accounts=accounts)
        Workflow(store, hasher=hasher).bootstrap_institute_admin(SAMPLE_INSTITUTE)
    finally:
        store.close()
    shown = [DemoAccount(SAMPLE_INSTITUTE, admin_password(SAMPLE_INSTITUTE),
                         ROLE_NAMES[Role.INSTITUTE_ADMIN])]
    shown += [DemoAccount(a.username, STAFF_PASSWORD,
                          "、".join(ROLE_NAMES[g.role] for g in a.grants)) for a in accounts]
    return workspace, shown


def _people_accounts(dataset: Dataset, year: int) -> list[Account]:
    """A department admin of the first department, a class admin of its year's first two
    classes of the second, and a staff member; each also staff (their own 我的学习)."""
    code = SAMPLE_INSTITUTE
    first, second = dataset.departments[0].id, dataset.departments[1].id
    people = [p for p in dataset.people if p.email is not None and p.in_service]
    dept = next(p for p in people if p.department == first)
    klass = next(p for p in people if p.department == second)
    staff = next(p for p in people if p not in (dept, klass))
    classes = frozenset(p.id for p in dataset.plans if p.start.year == year
                        and p.department == second)
    staff_grant = RoleGrant(role=Role.STAFF, institute=code)
    wanted: list[tuple[Person, tuple[RoleGrant, ...]]] = [
        (dept, (RoleGrant(role=Role.DEPARTMENT_ADMIN, institute=code, department=first),
                staff_grant)),
        (klass, (RoleGrant(role=Role.CLASS_ADMIN, institute=code,
                           classes=frozenset(sorted(classes)[:2])), staff_grant)),
        (staff, (staff_grant,)),
    ]
    taken: set[str] = {code}
    made = []
    for person, grants in wanted:
        username = staff_username(code, person.name, person.email, taken=taken)
        taken.add(username)
        made.append(Account(username=username, institute=code, person=person.id,
                            grants=grants, password_hash=INITIAL_PASSWORD))
    return made
