"""Accounts: creation with the manual's usernames and initial passwords, login, password
change, role switching and grants (登录, 角色切换)."""

from __future__ import annotations

import datetime as dt
import secrets

import attrs

from casedu.errors import (
    InvalidValueError,
    LoginFailedError,
    PermissionDeniedError,
    UnknownRecordError,
    WorkflowError,
    expect,
)
from casedu.model import Account, Role, RoleGrant
from casedu.model.accounts import INITIAL_PASSWORD
from casedu.services.authorization import Actor, Target
from casedu.services.base import WorkflowBase
from casedu.services.passwords import check_new_password, context_words
from casedu.services.unit_of_work import UnitOfWork
from casedu.services.usernames import initial_password, staff_username

__all__ = ["LOCK_AFTER", "AccountOperations"]

#: Failed logins in a row before the account has to wait.
LOCK_AFTER = 5
_LOGIN_FAILED = ("login failed: wrong username or password, or too many failed attempts "
                 "(wait a few minutes)")
_PREFERENCE = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN, Role.STAFF,
               Role.ACADEMY_ADMIN)


class AccountOperations(WorkflowBase):
    """Accounts of an institute."""

    def bootstrap_institute_admin(self, institute: str) -> Account:
        """The institute admin's account: username = the institute code (所级简称), initial
        password ``<code>654321``, to be changed at the first login (the account holds no
        hash of it: docs/security.md). A system step, audited as ``system``."""
        expect("institute", institute, str, what="an institute's code such as 'IOP'")
        uow = self._system("bootstrap_admin")
        if uow.get("institutes", (institute,)) is None:
            raise UnknownRecordError(f"no institute {institute!r}")
        if uow.account(institute) is not None:
            raise InvalidValueError(f"the account {institute!r} exists already")
        account = uow.add(self._admin_account(institute))
        uow.commit()
        return account

    def bootstrap_institute_admins(self) -> list[Account]:
        """:meth:`bootstrap_institute_admin` for every institute that has no admin account yet
        (``casedu init``), in one transaction."""
        uow = self._system("bootstrap_admin")
        made = [uow.add(self._admin_account(i.code)) for i in uow.find("institutes")
                if uow.account(i.code) is None]
        if made:
            uow.commit()
        return made

    def _system(self, action: str) -> UnitOfWork:
        return UnitOfWork(self.store, actor="system", role=None, action=action,
                          clock=self.clock)

    @staticmethod
    def _admin_account(institute: str) -> Account:
        return Account(username=institute, institute=institute, password_hash=INITIAL_PASSWORD,
                       grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute=institute),))

    def create_accounts(self, actor: Actor) -> list[Account]:
        """Accounts for the institute's people who have none: the email as username, else
        ``CODE-<pinyin>`` numbered on a clash; initial password 123456, to be changed at the
        first login (no hash of it is kept: docs/security.md)."""
        target = Target(institute=actor.grant.institute, label="accounts")
        with self._operation(actor, "create_accounts", target) as uow:
            code = target.institute
            linked = {a.person for a in uow.find("accounts", institute=code)
                      if a.person is not None}
            taken = _Taken(uow)
            created = []
            for person in uow.find("people", institute=code):
                if person.id in linked:
                    continue
                username = staff_username(code, person.name, person.email, taken=taken)
                created.append(uow.add(Account(
                    username=username, institute=code, person=person.id,
                    grants=(RoleGrant(role=Role.STAFF, institute=code),),
                    password_hash=INITIAL_PASSWORD,
                )))
            return created

    def grant_role(self, actor: Actor, username: str, grant: RoleGrant) -> Account:
        """Give an account of the institute a role (部门管理员, 培训班管理员, ...). The academy
        role is no institute's to give: asking for it is refused and audited
        (:meth:`grant_academy` is the system's step)."""
        operation = "grant_academy" if grant.role is Role.ACADEMY_ADMIN else "grant_role"
        uow0 = self._peek()
        references = self._department_reference(uow0, grant.department) + tuple(
            self._plan_target(uow0, plan_id) for plan_id in sorted(grant.classes))
        target = Target(institute=actor.grant.institute, label=f"account {username}",
                        references=(Target(institute=grant.institute,
                                           label=f"the grant's institute {grant.institute}"),
                                    *references))
        with self._operation(actor, operation, target) as uow:
            account = uow.account(username)
            if account is None or account.institute != target.institute:
                raise PermissionDeniedError(f"no account {username!r} in {target.institute}")
            others = tuple(g for g in account.grants if g.role is not grant.role)
            return uow.replace(account, attrs.evolve(account, grants=(*others, grant)))

    def grant_academy(self, username: str, *, institute: str | None = None,
                      revoke: bool = False) -> tuple[Account, str | None]:
        """院级管理员: give the account ``username`` the academy role, which reads every
        institute and changes nothing (``revoke``: take it back). A system step, audited as
        ``system`` (``casedu grant``); no role of the portal may do it, and no dataset file
        holds it.

        An account that does not exist is made in ``institute`` (its home, which it needs)
        with a random initial password, returned once beside the account, to change at the
        first login; an existing account keeps its password (None is returned)."""
        expect("username", username, str, what="a username")
        uow = self._system("grant_academy")
        account = uow.account(username)
        if account is None:
            if revoke:
                raise UnknownRecordError(f"no account {username!r}")
            if institute is None:
                raise InvalidValueError(
                    f"no account {username!r}: name its institute (--institute CODE) to make "
                    "it", field="institute")
            expect("institute", institute, str, what="an institute's code such as 'IOP'")
            if uow.get("institutes", (institute,)) is None:
                raise UnknownRecordError(f"no institute {institute!r}")
            password = secrets.token_urlsafe(12)
            made = uow.add(Account(username=username, institute=institute,
                                   grants=(RoleGrant(role=Role.ACADEMY_ADMIN,
                                                     institute=institute),),
                                   password_hash=self.hasher.hash(password)))
            uow.commit()
            return made, password
        others = tuple(g for g in account.grants if g.role is not Role.ACADEMY_ADMIN)
        if revoke and not others:
            raise WorkflowError(f"{username} holds no role but the academy's: an account "
                                "keeps at least one role")
        grants = others if revoke else (
            *others, RoleGrant(role=Role.ACADEMY_ADMIN, institute=account.institute))
        if grants != account.grants:
            account = uow.replace(account, attrs.evolve(account, grants=grants))
            uow.commit()
        return account, None

    def login(self, username: str, password: str) -> Actor:
        """Check the password and act under the account's highest role. A failure says the
        same whatever was wrong; from the fifth failure in a row the account waits longer and
        longer before another try."""
        expect("username", username, str, what="a username")
        expect("password", password, str, what="a password")
        uow = UnitOfWork(self.store, actor=username, role=None, action="login",
                         clock=self.clock)
        account = uow.account(username) or uow.account(username.lower())
        if account is None:  # every failing path costs one hash, so none can be told by time
            self.hasher.dummy_verify(password)
            raise LoginFailedError(_LOGIN_FAILED)
        now = uow.now
        if account.locked_until is not None and now < account.locked_until:
            self.hasher.dummy_verify(password)
            raise LoginFailedError(_LOGIN_FAILED)
        if not self.hasher.check(password, account.password_hash,
                                 initial=initial_password(account.username, account.institute)):
            failures = account.failed_logins + 1
            locked = None
            if failures >= LOCK_AFTER:
                locked = now + dt.timedelta(minutes=min(2 ** (failures - LOCK_AFTER), 60))
            uow.replace(account, attrs.evolve(account, failed_logins=failures,
                                              locked_until=locked))
            uow.commit()
            raise LoginFailedError(_LOGIN_FAILED)
        # a hash of casedu 0.1's format, or of another cost, is made again while the password
        # is at hand
        stored = (self.hasher.hash(password) if self.hasher.needs_update(account.password_hash)
                  else account.password_hash)
        if account.failed_logins or account.locked_until or stored != account.password_hash:
            account = uow.replace(account, attrs.evolve(
                account, failed_logins=0, locked_until=None, password_hash=stored))
            uow.commit()
        role = next(r for r in _PREFERENCE if account.grant(r) is not None)
        return Actor(account, role)

    def change_password(self, actor: Actor, old: str, new: str) -> Actor:
        """Change the password; the only thing an account on its initial password may do."""
        expect("old", old, str, what="the current password")
        expect("new", new, str, what="the new password")
        uow = UnitOfWork(self.store, actor=actor.username, role=actor.role,
                         action="change_password", clock=self.clock)
        account = uow.account(actor.username)
        initial = initial_password(actor.username, actor.account.institute)
        if account is None or not self.hasher.check(old, account.password_hash,
                                                    initial=initial):
            raise LoginFailedError("the current password is wrong")
        person = (uow.get("people", (account.person,))
                  if account.person is not None else None)
        check_new_password(new, username=account.username, initial=initial,
                           context=context_words(
                               username=account.username, institute=account.institute,
                               name=person.name if person else None,
                               email=person.email if person else None,
                               dates=(person.hire_date,) if person else ()))
        account = uow.replace(account, attrs.evolve(
            account, password_hash=self.hasher.hash(new), must_change_password=False))
        uow.commit()
        return Actor(account, actor.role)

    def switch_role(self, actor: Actor, role: Role) -> Actor:
        """角色切换: act under another role the account holds."""
        account = self.store.get("accounts", (actor.username,)) or actor.account
        if account.grant(role) is None:
            raise PermissionDeniedError(f"{actor.username} does not hold the role {role.value}")
        return Actor(account, role)


class _Taken:
    """The usernames in use, asked one at a time (not every account of the store read)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __contains__(self, username: object) -> bool:
        return isinstance(username, str) and self._uow.account(username) is not None
