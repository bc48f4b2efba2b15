"""The route × role × scope matrix, as data: one row per route, in the order of the menus. A new
page joins the matrix by adding its rows here (a test fails while a route of the app has none).

Each row names the library's operation the route performs or reads under. What each role gets
follows from that operation's roles (``OPERATIONS``) and where the record is:

- ``in``: the acting admin's own scope (plan P1 of department IOP-D1, which class1 administers;
  person s1; external record E1);
- ``dept2``: another department of the same institute (P2, s2, E2): institute admin only;
- ``ioa``: another institute (PX, x1, EX): nobody;
- ``missing``: an id that does not exist: 404 for everyone.

Allowed: 200 for a page, 303 (on to the next page) for an action, whose ``done`` check then
holds. Refused: 403, nothing changed, the attempt in the audit as denied. Missing: 404, nothing
changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from casedu.model import Role
from casedu.services import OPERATIONS

INST, DEPT, CLASS, STAFF = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN,
                            Role.STAFF)
ROLES = (INST, DEPT, CLASS, STAFF)
#: The account that acts in each role (tests.services.world).
USERS = {INST: "IOP", DEPT: "dept1", CLASS: "class1", STAFF: "staff1"}
SCOPED = ("in", "dept2", "ioa", "missing")
TARGETS = {
    "in": {"plan": "P1", "person": "s1", "external": "E1"},
    "dept2": {"plan": "P2", "person": "s2", "external": "E2"},
    "ioa": {"plan": "PX", "person": "x1", "external": "EX"},
    "missing": {"plan": "nope", "person": "nobody", "external": "none"},
}


@attrs.frozen
class Row:
    """A route: its method and path (``{plan}``, ``{person}``, ``{external}`` are filled from
    the targets of each scope), the form it posts, the operation it performs, the scopes it is
    tried in (``("in",)`` for a route without a record in its path), and for an action what
    holds once it is done (``done(store, where)``)."""

    method: str
    path: str
    operation: str
    form: Mapping[str, Any] = attrs.field(factory=dict)
    wheres: tuple[str, ...] = SCOPED
    done: Callable[[Any, str], bool] | None = None

    def url(self, where: str) -> str:
        return self.path.format(**TARGETS[where])

    def fields(self, where: str) -> dict[str, Any]:
        return {k: (v.format(**TARGETS[where]) if isinstance(v, str) else v)
                for k, v in self.form.items()}


def outcome(row: Row, role: Role, where: str) -> str:
    """``ok``, ``refused`` or ``missing``: what the library's table and the scope say."""
    if where == "missing":
        return "missing"
    if role not in OPERATIONS[row.operation] or where == "ioa":
        return "refused"
    if where == "in" or role is INST:
        return "ok"
    return "refused"


ROWS: list[Row] = [
    # 培训计划 → 本机构计划
    Row("GET", "/plans", "list_plans", wheres=("in",)),
]

#: Routes outside the matrix, each tested on its own (tests/web/test_sessions.py): the login,
#: the password, the role switch, the logout, the home page and the style sheet.
OUTSIDE = {"home", "login", "login_post", "password", "password_post", "switch_role", "logout",
           "static"}
