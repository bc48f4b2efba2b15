"""Who may do what: every operation's roles and scope, in one place, deny by default.

An institute admin acts inside their institute; a department admin inside their department; a
class admin on the classes they administer (and may create plans); staff on their own records.
The academy admin (院级管理员) reads every institute (every operation of :data:`READS`, and the
academy's roll-up) and changes nothing of theirs; nobody grants that role but the system
(:data:`SYSTEM_ONLY`).

An operation is checked against the record it names *and* every record that record references
(a plan's department, the people added to a class, the department of an imported person): each
must lie inside the acting grant's institute. And nobody judges a record about themselves:
approving or creating their own external learning, confirming their own attendance, reporting
themselves as a backbone talent or changing their own flags is refused (separation of duty).
"""

from __future__ import annotations

import attrs

from casedu.errors import PasswordChangeRequiredError, PermissionDeniedError
from casedu.model import Account, Role, RoleGrant

__all__ = ["NOT_ABOUT_ONESELF", "OPERATIONS", "READS", "SCOPED_LISTS", "SYSTEM_ONLY", "Actor",
           "Target", "authorize"]

INST, DEPT, CLASS, STAFF, ACADEMY = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN,
                                     Role.CLASS_ADMIN, Role.STAFF, Role.ACADEMY_ADMIN)

#: The operations that change nothing: the academy admin may perform each, in any institute.
READS = frozenset({"list_plans", "view_plan", "list_people", "list_new_hires", "view_archive",
                   "view_overview", "view_reports", "list_audit"})

#: Each operation and the roles that may perform it (within their scope).
OPERATIONS: dict[str, frozenset[Role]] = {
    # training plans and their classes
    "list_plans": frozenset({INST, DEPT, CLASS}),
    "view_plan": frozenset({INST, DEPT, CLASS}),
    "create_plan": frozenset({INST, DEPT, CLASS}),
    "edit_plan": frozenset({INST, DEPT, CLASS}),
    "publish_plan": frozenset({INST, DEPT, CLASS}),
    "unpublish_plan": frozenset({INST, DEPT, CLASS}),
    "implement_plan": frozenset({INST, DEPT, CLASS}),
    "edit_implementation": frozenset({INST, DEPT, CLASS}),
    "set_effectiveness": frozenset({INST, DEPT, CLASS}),
    "add_attendees": frozenset({INST, DEPT, CLASS}),
    "confirm_attendance": frozenset({INST, DEPT, CLASS}),
    "undo_confirmation": frozenset({INST, DEPT, CLASS}),
    # external learning
    "submit_external": frozenset({STAFF}),
    "edit_external": frozenset({STAFF}),
    "withdraw_external": frozenset({STAFF}),
    "review_external": frozenset({INST, DEPT}),
    "create_external": frozenset({INST, DEPT}),
    # people and archives
    "set_person": frozenset({INST, DEPT}),
    "list_people": frozenset({INST, DEPT}),
    "list_new_hires": frozenset({INST, DEPT}),
    "view_archive": frozenset({INST, DEPT, STAFF}),
    "view_overview": frozenset({INST, DEPT}),
    # the institute's reports: class statistics, backbone talents, the annual summary
    "view_reports": frozenset({INST}),
    # the year-end work of the institute admin
    "report_backbone": frozenset({INST}),
    "revoke_backbone": frozenset({INST}),
    "create_summary": frozenset({INST}),
    "refresh_summary": frozenset({INST}),
    "edit_summary": frozenset({INST}),
    "submit_summary": frozenset({INST}),
    "create_accounts": frozenset({INST}),
    "grant_role": frozenset({INST}),
    "list_audit": frozenset({INST}),
    # imports from files
    "import_people": frozenset({INST}),
    "import_plans": frozenset({INST, DEPT}),
    "import_online": frozenset({INST}),
    # the academy (院级汇总): every institute's year in one table
    "view_academy": frozenset({ACADEMY}),
    # granting the academy role: no role may; only the system does it (casedu grant)
    "grant_academy": frozenset(),
}
for _operation in READS:
    OPERATIONS[_operation] = OPERATIONS[_operation] | {ACADEMY}

#: Operations no role performs: the system does them (``casedu grant``).
SYSTEM_ONLY = frozenset(name for name, roles in OPERATIONS.items() if not roles)

#: Reads of a list that the operation narrows to the actor's scope itself (a class admin's
#: plans are the classes they administer).
SCOPED_LISTS = frozenset({"list_plans"})

#: Operations that judge or credit a record about a person: nobody performs them about themselves.
#: The bulk paths are here with their single operations: import_people changes what set_person
#: changes, import_online credits hours as create_external does.
NOT_ABOUT_ONESELF = frozenset({
    "confirm_attendance", "undo_confirmation", "review_external",
    "create_external", "set_person", "report_backbone", "revoke_backbone",
    "import_people", "import_online",
})

_ROLE_NAMES = {INST: "institute admin (所级管理员)", DEPT: "department admin (部门管理员)",
               CLASS: "class admin (培训班管理员)", STAFF: "staff (普通职工)",
               ACADEMY: "academy admin (院级管理员)"}


@attrs.frozen
class Actor:
    """An account acting under one of its roles (角色切换)."""

    account: Account
    role: Role

    @property
    def username(self) -> str:
        """The account's username."""
        return self.account.username

    @property
    def grant(self) -> RoleGrant:
        """The grant of the active role."""
        grant = self.account.grant(self.role)
        if grant is None:
            raise PermissionDeniedError(f"{self.username} does not hold the role {self.role.value}")
        return grant


@attrs.frozen(kw_only=True)
class Target:
    """What an operation touches: the institute always; the department, class (plan id) or
    person where they matter; and the records it references, each checked too."""

    institute: str
    department: str | None = None
    plan: str | None = None
    person: str | None = None
    label: str = ""
    references: tuple[Target, ...] = ()

    def people(self) -> set[str]:
        """The people this target and its references are about."""
        found = {self.person} if self.person is not None else set()
        for reference in self.references:
            found |= reference.people()
        return found


def authorize(actor: Actor, operation: str, target: Target) -> None:
    """Raise :class:`PermissionDeniedError` naming the operation and the missing scope unless the
    actor's active role may perform ``operation`` on ``target``."""
    account = actor.account
    if account.must_change_password:
        raise PasswordChangeRequiredError(
            f"{account.username} is still on the initial password: change it first")
    allowed = OPERATIONS.get(operation, frozenset())
    grant = account.grant(actor.role)
    what = f"{operation} {target.label}".strip()
    who = f"{account.username} acting as {_ROLE_NAMES[actor.role]}"
    if grant is None:
        raise PermissionDeniedError(f"{who} may not {what}: the account does not hold that role")
    if operation in SYSTEM_ONLY:
        raise PermissionDeniedError(f"{who} may not {what}: no role may, the system does it "
                                    "(casedu grant)")
    if actor.role not in allowed:
        needed = " or ".join(_ROLE_NAMES[r] for r in sorted(allowed, key=lambda r: r.value))
        raise PermissionDeniedError(f"{who} may not {what}: it needs {needed or 'no role'}")
    missing = _missing_scope(actor.role, grant, account, operation, target)
    if missing:
        raise PermissionDeniedError(f"{who} may not {what}: {missing}")
    for reference in target.references:
        if actor.role is not ACADEMY and reference.institute != grant.institute:
            raise PermissionDeniedError(
                f"{who} may not {what}: it references {reference.label or 'a record'} of "
                f"{reference.institute}, outside the institute {grant.institute}")
    if operation in NOT_ABOUT_ONESELF and account.person is not None \
            and account.person in target.people():
        raise PermissionDeniedError(
            f"{who} may not {what}: it is about the account's own person {account.person}, "
            "and nobody approves, confirms or reports a record about themselves (separation "
            "of duty); ask another admin")


def _missing_scope(role: Role, grant: RoleGrant, account: Account, operation: str,
                   target: Target) -> str | None:
    if role is ACADEMY:  # reads only (OPERATIONS), of every institute
        return None
    if target.institute != grant.institute:
        return f"it is outside the institute {grant.institute}"
    if role is INST:
        return None
    if role is DEPT:
        if target.department != grant.department:
            return (f"it is outside the department {grant.department} "
                    f"(it belongs to {target.department or 'no department'})")
        return None
    if role is CLASS:
        if operation == "create_plan" or operation in SCOPED_LISTS or (
                target.plan is not None and target.plan in grant.classes):
            return None
        return "it needs the scope of a class the account administers"
    # staff: their own records only
    if account.person is None or target.person != account.person:
        return "staff act on their own records only"
    return None
