"""Accounts and roles (登录, 角色切换)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from casedu.errors import InvalidValueError
from casedu.model import _fields
from casedu.model.enums import Role

__all__ = ["INITIAL_PASSWORD", "Account", "RoleGrant"]

#: What an account still on the manual's initial password holds in place of a hash: that
#: password is public by construction (``<code>654321`` for an institute admin, ``123456`` for
#: staff), so a hash of it would protect nothing. Such an account logs in with it only to
#: change it, and the change stores the first hash (docs/security.md, "Accounts").
INITIAL_PASSWORD = "$initial$"


def _as_tuple(grants: Iterable[RoleGrant]) -> tuple[RoleGrant, ...]:
    return tuple(grants)


@attrs.frozen(kw_only=True)
class RoleGrant:
    """A role held within a scope: an institute, and for a department admin its department, for a
    class admin the classes (plan ids) they administer."""

    role: Role
    institute: str = attrs.field(validator=_fields.identifier)
    department: str | None = attrs.field(default=None,
                                         validator=_fields.optional(_fields.identifier))
    classes: frozenset[str] = frozenset()

    def __attrs_post_init__(self) -> None:
        if self.role is Role.DEPARTMENT_ADMIN and self.department is None:
            raise InvalidValueError("a department admin's grant names the department",
                                    field="department")


@attrs.frozen(kw_only=True)
class Account:
    """A login. ``password_hash`` is a salted slow hash, never the password, or
    :data:`INITIAL_PASSWORD` for an account on the manual's initial password (which must then
    be changed); an account on its initial password (``must_change_password``) may do nothing
    but change it."""

    username: str = attrs.field(validator=_fields.identifier)
    institute: str = attrs.field(validator=_fields.identifier)
    grants: tuple[RoleGrant, ...] = attrs.field(converter=_as_tuple)
    password_hash: str = attrs.field(repr=False)
    person: str | None = attrs.field(default=None, validator=_fields.optional(_fields.identifier))
    must_change_password: bool = True
    #: Failed logins in a row; from the fifth on the account waits longer after each.
    failed_logins: int = 0
    locked_until: dt.datetime | None = None

    def __attrs_post_init__(self) -> None:
        if not self.grants:
            raise InvalidValueError("an account holds at least one role", field="grants")
        if self.password_hash == INITIAL_PASSWORD and not self.must_change_password:
            raise InvalidValueError("an account on its initial password must change it",
                                    field="must_change_password")

    def grant(self, role: Role) -> RoleGrant | None:
        """The grant of ``role``, if the account holds it."""
        return next((g for g in self.grants if g.role is role), None)
