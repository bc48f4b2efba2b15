"""The academy's commands: the academy role (``grant``).

``casedu grant`` is the one way besides the library (:meth:`casedu.services.Workflow.
grant_academy`) to make an account the academy admin (院级管理员): no page of the portal and no
dataset file gives that role.
"""

from __future__ import annotations

import argparse

from casedu.cli.arguments import EXIT_OK, Commands, add_target

__all__ = ["add_commands"]

#: The roles ``casedu grant`` gives: the ones no institute may give.
GRANTED = {"academy": "院级管理员: reads every institute, changes nothing of theirs"}


def add_commands(commands: Commands) -> None:
    """Add the academy's commands to the ``casedu`` parser."""
    grant = commands.add("grant", "give an account the academy role (院级管理员)", _grant,
                         example=["casedu grant academy.casedu --username cas-office "
                                  "--role academy --institute IOP",
                                  "casedu grant academy.casedu --username cas-office "
                                  "--role academy --revoke"])
    add_target(grant, "workspace", "WORKSPACE", "the workspace file, or a database URL such "
               "as postgresql+psycopg://casedu@db/portal (env:NAME: the URL in an environment "
               "variable)")
    grant.add_argument("--username", required=True, metavar="NAME",
                       help="the account; made when it does not exist (then --institute)")
    grant.add_argument("--role", required=True, choices=sorted(GRANTED),
                       help="; ".join(f"{k}: {v}" for k, v in GRANTED.items()))
    grant.add_argument("--institute", metavar="CODE",
                       help="the home institute of an account made by the command")
    grant.add_argument("--revoke", action="store_true", help="take the role back")


def _grant(args: argparse.Namespace) -> int:
    from casedu.cli.acting import now
    from casedu.cli.stores import open_target
    from casedu.services import Workflow

    flow = Workflow(open_target(args), clock=now)
    account, password = flow.grant_academy(args.username, institute=args.institute,
                                           revoke=args.revoke)
    roles = ", ".join(g.role.value for g in account.grants)
    print(f"{account.username} ({account.institute}): {roles}")
    if password is not None:
        print(f"initial password (shown once; to change at the first login): {password}")
    return EXIT_OK
