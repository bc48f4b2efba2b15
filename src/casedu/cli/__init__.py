"""The ``casedu`` command: a thin shell over the library for administrators (SPEC section 7).

Exit status: 0 success, 1 bad data (the message names the file, the place and the field),
2 bad usage, 141 when a closed pipe stopped the output (128 + SIGPIPE, as a shell reports a Unix
tool stopped so). A user's mistake never prints a traceback.

Each group of commands is a module of this package with an ``add_commands(commands)``:
adding a group is a module and a line in :data:`GROUPS`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from casedu.__version__ import __version__
from casedu.cli import academy, data, export, migrate, serve, workflow, workspace
from casedu.cli.arguments import (
    EXIT_BAD_DATA,
    EXIT_USAGE,
    Commands,
    Handler,
    UsageError,
    add_verbosity,
)
from casedu.cli.progress import progress_bars
from casedu.cli.stores import closing_stores, resolve_target
from casedu.errors import CaseduError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["main"]

#: The groups of commands, in the order ``casedu --help`` lists them.
GROUPS = (data, export, workspace, migrate, workflow, serve, academy)


#: The exit status of a command whose reader closed the pipe: what a shell reports for a tool
#: that SIGPIPE stopped (``seq 1000000 | head -1`` under ``set -o pipefail``).
EXIT_CLOSED_PIPE = 128 + signal.SIGPIPE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader of standard output is gone (``| head -1``)
        return _closed_pipe()


def _main(argv: list[str]) -> int:
    parser = _parser(argv)
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # people after the options: ``report-backbone WS --year 2026 P1 P2``
            if getattr(args, "target", None) != "people" or any(e.startswith("-")
                                                                 for e in extra):
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
            args.people.extend(extra)
    except SystemExit:  # --help, --version, a usage error: their output, flushed here
        sys.stdout.flush()
        raise
    handler: Handler = args.handler
    bad_data: int = getattr(args, "bad_data_status", EXIT_BAD_DATA)
    try:
        with _logging(args.verbose), progress_bars(args.quiet), closing_stores():
            resolve_target(args)
            code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        raise
    except UsageError as error:
        getattr(args, "command_parser", parser).print_usage(sys.stderr)
        print(f"casedu: error: {_terminal(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except CaseduError as error:
        print(f"casedu: {_terminal(str(error))}", file=sys.stderr)
        return bad_data
    except OSError as error:  # a folder that does not exist, a file that cannot be written
        where = f"{error.filename}: " if error.filename else ""
        print(f"casedu: {_terminal(f'{where}{error.strerror or error}')}", file=sys.stderr)
        return bad_data
    except KeyboardInterrupt:
        print("casedu: interrupted", file=sys.stderr)
        return 130


@contextlib.contextmanager
def _logging(verbose: int) -> Iterator[None]:
    """casedu's events on standard error while the command runs: none by default, ``-v`` what
    it does (INFO), ``-vv`` in detail (DEBUG). ``logging`` is imported only then."""
    if not verbose:
        yield
        return
    import logging

    from casedu.logs import ROOT

    class TerminalFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return _terminal(super().format(record))

    logger = ROOT
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(TerminalFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                           "%H:%M:%S"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose == 1 else logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _terminal(text: str) -> str:
    """A message as the terminal shows it: its lines kept, every other control character
    escaped (a file name or an id from outside cannot move the cursor or retitle the window)."""
    from casedu.errors import visible

    return "\n".join(visible(line) for line in text.split("\n"))


def _closed_pipe() -> int:
    """End quietly: what is still buffered for standard output goes nowhere (the interpreter
    would flush it at exit into the closed pipe and print the error)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # standard output is no file (a test's capture)
        pass
    return EXIT_CLOSED_PIPE


EPILOG = """\
examples:
  casedu demo                                          a sample institute, every report
  casedu summary data.json --institute IOP --year 2026
  casedu backbone iop.casedu --institute IOP --year 2026 --person p0001
  casedu export class-stats data.json --institute IOP --year 2026 --output 培训项目.pdf
  casedu export summary data.json --institute IOP --year 2026 --format json --output -
  casedu init iop.casedu --from data.json && casedu import iop.casedu people 名单.xlsx

exit status:
  0  success
  1  bad data: the message names the file, the place and the field
  2  bad usage of the command
  141  the reader of the output went away (`| head -1`): the command stops without a word

shell completion (each command's --help shows an example of it):
  casedu --print-completion bash > ~/.local/share/bash-completion/completions/casedu
  casedu --print-completion zsh > ~/.zfunc/_casedu      (a folder on $fpath, before compinit)
  casedu --print-completion tcsh > ~/.casedu.tcsh && echo 'source ~/.casedu.tcsh' >> ~/.tcshrc
  casedu --print-completion fish > ~/.config/fish/completions/casedu.fish
"""


class _Version(argparse.Action):
    """``--version``."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"casedu {__version__}")
        parser.exit()


_SHELLS = ("bash", "zsh", "tcsh", "fish")


class _Completion(argparse.Action):
    """``--print-completion SHELL``: shtab writes the script, imported only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        import shtab

        print(shtab.complete(parser, str(values)))
        parser.exit()


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The ``casedu`` parser: each group adds its commands. When ``argv`` names a command, only
    its group's are made (a parser a command costs more than a workspace's summary reads
    besides); else every group's (``casedu --help``, a mistyped command, a completion)."""
    parser = argparse.ArgumentParser(
        prog="casedu",
        description="Training statistics of the CAS continuing-education portal "
        "(中国科学院继续教育网统计).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the installed version and exit")
    parser.add_argument("--print-completion", action=_Completion, choices=_SHELLS,
                        metavar="{bash,zsh,tcsh,fish}", help="print a shell completion script "
                        "(bash, zsh, tcsh or fish) and exit")
    add_verbosity(parser, default=None)
    commands = Commands(parser.add_subparsers(title="commands", metavar="COMMAND",
                                              required=True))
    for group in _groups_of(argv):
        group.add_commands(commands)
    return parser


#: What may come before the command without changing what the parser answers: ``-v``,
#: ``-vv``, ``-q`` and their long forms.
_BEFORE_THE_COMMAND = re.compile(r"-[vq]+|--verbose|--quiet")


def _groups_of(argv: Sequence[str]) -> Sequence[ModuleType]:
    """The group of the command that ``argv`` names, or every group when it names none that
    is known, or asks the parser itself for something first (``--help``, ``--version``)."""
    for word in argv:
        if _BEFORE_THE_COMMAND.fullmatch(word):
            continue
        if word.startswith("-"):
            break
        found = [group for group in GROUPS if word in group.COMMANDS]
        return found or GROUPS
    return GROUPS
