"""What the commands share: the registry they are added to, their arguments (DATA, WORKSPACE,
a year, an institute-year scope, a policy), reading DATA, the exit statuses and the usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casedu.dataset import load_dataset
from casedu.model import Dataset
from casedu.policy import DEFAULT_POLICY, Policy

if TYPE_CHECKING:  # the figures are imported by the commands that compute them
    from casedu.metrics import YearHours

#: What runs a command: its parsed arguments in, the exit status out.
Handler = Callable[[argparse.Namespace], int]

__all__ = [
    "DATABASE_ENV",
    "EXIT_BAD_DATA",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "PREFIX_ENV",
    "SCHEMA_ENV",
    "UNREADABLE",
    "Commands",
    "UsageError",
    "add_output_format",
    "add_people",
    "add_scope",
    "add_store_options",
    "add_target",
    "add_verbosity",
    "add_workspace",
    "date",
    "location",
    "path",
    "policy_of",
    "read_data",
    "read_for_figures",
    "refuse_overwrite",
    "shown",
    "table_prefix",
    "year",
]

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2
#: ``casedu check``'s status for data it cannot read (its 1 says the year has problems).
EXIT_UNREADABLE = 3

#: How a command's ``statuses`` name the status of data that cannot be read.
UNREADABLE = "the data cannot be read"


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


class Commands:
    """The commands of the ``casedu`` parser; each group of commands adds its own."""

    def __init__(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        self._subparsers = subparsers

    def add(self, name: str, help_text: str, handler: Handler, *,
            example: str | Sequence[str] = (),
            statuses: Sequence[tuple[int, str]] = ()) -> argparse.ArgumentParser:
        """The command ``name``, run by ``handler``: its parser, to add its arguments to.

        Its ``--help`` says ``help_text`` (one line of what it does) and shows the ``example``
        (a command line or several, each starting ``casedu NAME``). ``statuses`` are the
        command's own exit statuses (``check``'s), listed in its ``--help``; the status of data
        that cannot be read is then the one that says so."""
        examples = [example] if isinstance(example, str) else list(example)
        parts = []
        if examples:
            parts.append("example:\n" + "\n".join(f"  {line}" for line in examples))
        if statuses:
            parts.append("exit status:\n" + "\n".join(f"  {code}  {text}"
                                                      for code, text in statuses))
        epilog = "\n\n".join(parts) or None
        parser = self._subparsers.add_parser(
            name, help=help_text, description=help_text, epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        add_verbosity(parser, default=argparse.SUPPRESS)
        parser.set_defaults(handler=handler, command_parser=parser)
        unreadable = [code for code, text in statuses if text.startswith(UNREADABLE)]
        if unreadable:
            parser.set_defaults(bad_data_status=unreadable[0])
        return parser


def add_verbosity(parser: argparse.ArgumentParser, *, default: object) -> None:
    """``-v``/``-vv`` and ``-q``, before the command or after it (a command's ``default`` is
    SUPPRESS: not given there, the one before it stands)."""
    parser.add_argument("-v", "--verbose", action="count",
                        default=default if default is argparse.SUPPRESS else 0,
                        help="log what casedu does on standard error (-vv: in detail)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        default=default if default is argparse.SUPPRESS else False,
                        help="show no progress bars (shown on a terminal only)")


def location(text: str) -> Path | str:
    """A WORKSPACE or DATA argument: a file, or a database URL (``postgresql+psycopg://…``);
    ``env:NAME`` takes the URL from the environment variable NAME, so that a password stays
    off the command line (and out of ``ps``)."""
    if text.startswith("env:"):
        name = text[4:]
        value = os.environ.get(name, "")
        if not name or not value or "://" not in value:  # never shown: it may hold a password
            raise argparse.ArgumentTypeError(f"{text}: the environment variable {name or '?'} "
                                             "holds no database URL (scheme://user@host/db)")
        return value
    if "://" in text:
        return text
    from casedu.store import mistyped_url

    mistyped = mistyped_url(text)
    if mistyped is not None and not os.path.exists(text):  # nor a file: never shown whole
        raise argparse.ArgumentTypeError(f"{mistyped} is neither a file nor a database URL "
                                         "(a URL is written scheme://user:password@host/db)")
    return path(text)


def path(text: str) -> Path:
    """A file argument (argparse's ``type``)."""
    return Path(text)


def shown(target: Path | str) -> str:
    """A WORKSPACE or DATA as messages show it: a URL without its password."""
    from casedu.store import safe_url

    if not isinstance(target, str):
        return safe_url(str(target)) if safe_url(str(target)) != "the database URL given" \
            else str(target)

    return safe_url(target)


def refuse_overwrite(output: Path, *inputs: Path | str) -> None:
    """No command writes over one of its inputs (``dump ws --output ws``)."""
    from casedu.files import same_file

    for given in inputs:
        if not isinstance(given, str) and same_file(output, given):
            raise UsageError(f"--output {output} is {given}, an input of this command: "
                             "write to another file")


def year(text: str) -> int:
    """A statistics year (argparse's ``type``): four ASCII digits (int() would take every
    script's digits, spaces and underscores)."""
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    number = int(text)
    if not 1900 <= number <= 9999:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    return number


def date(text: str) -> dt.date:
    """A date as YYYY-MM-DD (argparse's ``type``)."""
    try:
        if not text.isascii():
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def count(text: str) -> int:
    """A head count of ASCII digits (argparse's ``type``)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 8):
        raise argparse.ArgumentTypeError(f"not a count: {text!r}")
    return int(text)


#: The database of a command that names none (``casedu.store.ENVIRONMENT``; a test holds them
#: equal, and naming it here keeps the store out of ``casedu --help``).
DATABASE_ENV = "CASEDU_DATABASE_URL"
#: casedu's table prefix on a database server when ``--prefix`` is not given.
PREFIX_ENV = "CASEDU_TABLE_PREFIX"
#: casedu's schema on PostgreSQL when ``--schema`` is not given.
SCHEMA_ENV = "CASEDU_DATABASE_SCHEMA"

#: What the help of a DATA or WORKSPACE says of leaving it out.
LEFT_OUT = f"left out: the database URL in {DATABASE_ENV}"


def add_target(parser: argparse.ArgumentParser, dest: str, metavar: str, help_text: str) -> None:
    """The command's DATA or WORKSPACE (``dest``), which may be left out for
    ``CASEDU_DATABASE_URL``, with ``--prefix`` and ``--schema``."""
    parser.add_argument(dest, metavar=metavar, type=location, nargs="?", default=None,
                        help=f"{help_text}; {LEFT_OUT}")
    parser.set_defaults(target=dest)
    add_store_options(parser)


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """``--prefix`` and ``--schema``: where casedu's tables are on a database server."""
    parser.add_argument("--prefix", type=table_prefix, metavar="PREFIX",
                        help="on a database server, casedu's tables are named PREFIX... "
                             f"(such as casedu_) beside a portal's own (default: {PREFIX_ENV})")
    parser.add_argument("--schema", metavar="SCHEMA",
                        help="on PostgreSQL, the schema that holds casedu's tables (default: "
                             f"{SCHEMA_ENV}, else the connection's search path)")


def table_prefix(text: str) -> str:
    if not (text and text.isascii() and text.replace("_", "").isalnum()):
        raise argparse.ArgumentTypeError(
            f"a table prefix is ASCII letters, digits and _ (such as casedu_), got {text!r}")
    return text


def add_people(parser: argparse.ArgumentParser) -> None:
    """``[WORKSPACE] PERSON...``, with ``--prefix`` and ``--schema``."""
    parser.add_argument("people", metavar="[WORKSPACE] PERSON", nargs="+",
                        help="the workspace file or database URL, then the people's ids; "
                             f"the workspace {LEFT_OUT}")
    parser.set_defaults(target="people")
    add_store_options(parser)


def add_scope(command: argparse.ArgumentParser, *, several: bool = False,
              institute: bool = True) -> None:
    """DATA, ``--institute``, ``--year`` (each repeatable with ``several``) and ``--policy``;
    ``institute=False``: ``--institute`` is not required by the parser (the command says when
    it is)."""
    add_target(command, "data", "DATA", "a dataset JSON file, a dataset workbook, a workspace, "
               "or a database URL (env:NAME: the URL in an environment variable)")
    again = " (may repeat: every institute-year in one file)" if several else ""
    command.add_argument("--institute", required=institute, metavar="CODE",
                         action="append" if several else "store",
                         help="the institute's code (所级简称), such as IOP" + again)
    command.add_argument("--year", required=True, type=year, metavar="Y",
                         action="append" if several else "store",
                         help="the statistics year" + again)
    command.add_argument("--policy", type=path, metavar="FILE",
                         help="a TOML file of the rules' numbers that differ from the "
                         "defaults (docs/rules.md)")


def policy_of(args: argparse.Namespace) -> Policy:
    """The policy of ``--policy``, or the default one."""
    return Policy.from_file(args.policy) if args.policy else DEFAULT_POLICY


def add_output_format(command: argparse.ArgumentParser) -> None:
    """``--format table|json``."""
    command.add_argument("--format", choices=("table", "json"), default="table",
                         help="a readable table (default) or the pinned JSON")


def add_workspace(parser: argparse.ArgumentParser) -> None:
    """WORKSPACE and ``--institute``: the workspace commands' first arguments."""
    add_target(parser, "workspace", "WORKSPACE", "the workspace file, or a database URL such "
               "as postgresql+psycopg://casedu@db/portal (env:NAME: the URL in an environment "
               "variable)")
    parser.add_argument("--institute", metavar="CODE",
                        help="the institute (needed when the workspace holds several)")


def read_for_figures(path: Path | str, year: int, policy: Policy | None = None,
                     institute: str | None = None, *, store: dict[str, Any] | None = None,
                     singles: bool = True) -> tuple[Dataset, YearHours | None]:
    """The DATA of ``summary`` and ``backbone``: a workspace or database gives its roster and
    sums the year's hours itself (of ``institute``'s people, when given; ``singles=False``:
    without the single trainings, for figures that need only the hours); a dataset file is
    read whole. ``store`` holds the prefix and schema of a database's tables."""
    policy = DEFAULT_POLICY if policy is None else policy
    if not isinstance(path, str) and _is_workspace(path):
        from casedu.store.reading import workspace_figures

        found = workspace_figures(path, year, policy=policy, institute=institute,
                                  singles=singles)
        if found is not None:
            return found
    if _is_workspace(path):
        from casedu.store import open_store

        with open_store(path, **(store or {})) as opened:
            return (opened.roster(institute),
                    opened.year_hours(year, policy=policy, institute=institute,
                                      singles=singles))
    return read_data(path, store=store), None


def _is_workspace(path: Path | str) -> bool:
    if isinstance(path, str):  # a database URL
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_data(path: Path | str, *, store: dict[str, Any] | None = None) -> Dataset:
    """Load the DATA argument of a command: a dataset JSON file, a workbook in the import
    templates' columns (xlsx or ods, see ``casedu template workbook``), a workspace, or a
    database URL (``store``: the prefix and schema of its tables)."""
    if _is_workspace(path):
        from casedu.store import open_store

        with open_store(path, **(store or {})) as opened:
            return opened.state().dataset
    assert not isinstance(path, str)
    if path.suffix.lower() in (".xlsx", ".ods"):
        from casedu.importers.workbook import read_workbook

        return read_workbook(path)
    return load_dataset(path)
