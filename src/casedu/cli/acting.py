"""The acting admin of the workspace commands: the operating-system user, as the institute
admin who owns the workspace; the audit names them ``cli:<user>@<CODE>``."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from typing import TYPE_CHECKING

from casedu.errors import ConflictError, UnknownRecordError
from casedu.model import Account, Role, RoleGrant

if TYPE_CHECKING:  # the services and the store are imported by the commands that use them
    from casedu.services import Actor, Workflow
    from casedu.store import SqlStore

__all__ = ["acting_admin", "now"]


def now() -> dt.datetime:
    """The time of the commands' audit events and dates (UTC)."""
    return dt.datetime.now(dt.UTC)


def acting_admin(args: argparse.Namespace) -> tuple[SqlStore, Workflow, Actor]:
    """The store of WORKSPACE, its workflow, and the admin of ``--institute`` (or of its one
    institute)."""
    from casedu.cli.stores import open_target
    from casedu.services import Workflow

    store = open_target(args)
    flow = Workflow(store, clock=now)
    institute = args.institute or _only_institute(store)
    return store, flow, _cli_actor(store, flow, institute)


def _only_institute(store: SqlStore) -> str:
    codes: list[str] = [i.code for i in store.find("institutes", limit=20)]
    if len(codes) != 1:
        raise UnknownRecordError(
            f"the workspace holds {len(codes)} institutes ({', '.join(codes) or 'none'}): "
            "name one with --institute CODE")
    return codes[0]


def _cli_actor(store: SqlStore, flow: Workflow, institute: str) -> Actor:
    """The operating-system user, acting as the institute's admin."""
    from casedu.services import Actor, retry

    if store.get("institutes", (institute,)) is None:
        raise UnknownRecordError(f"no institute {institute!r} in {store.name}")
    username = f"cli:{getpass.getuser()}@{institute}"
    # first-time commands at once race to make the account: the loser of the race meets a
    # conflict, and on MariaDB (a deadlock) the winner may not have committed yet, so it
    # looks again a moment later rather than failing the command
    account = retry(_cli_account, attempts=ACCOUNT_ATTEMPTS,
                    longest_wait=0.5)(store, flow, institute, username)
    return Actor(account, Role.INSTITUTE_ADMIN)


ACCOUNT_ATTEMPTS = 12


def _cli_account(store: SqlStore, flow: Workflow, institute: str, username: str) -> Account:
    """The command line's account of ``username``, made when it is not there; a conflict
    (another command making it at the same moment) is raised when the account is still not
    to be seen after it."""
    from casedu.services.unit_of_work import UnitOfWork

    account: Account | None = store.get("accounts", (username,))
    if account is not None:
        return account
    uow = UnitOfWork(store, actor="system", role=None, action="command_line_account",
                     clock=flow.clock, institute=institute)
    try:
        made = uow.add(Account(
            username=username, institute=institute, must_change_password=False,
            grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute=institute),),
            password_hash="!",  # no password: this account cannot log in
        ))
        uow.commit()
    except ConflictError:  # another command made it at the same moment: use that one
        other: Account | None = store.get("accounts", (username,))
        if other is None:  # not committed yet: look again (retry)
            raise
        return other
    return made
