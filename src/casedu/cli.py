"""The ``casedu`` command: a thin shell over the library for administrators (SPEC section 7).

Exit status: 0 success, 1 bad data (the message names the file, the place and the field),
2 bad usage. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from casedu import __version__
from casedu.dataset import load_dataset
from casedu.errors import CaseduError
from casedu.model import Dataset

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"casedu: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except CaseduError as error:
        print(f"casedu: {error}", file=sys.stderr)
        return EXIT_BAD_DATA
    except KeyboardInterrupt:
        print("casedu: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casedu",
        description="Training statistics of the CAS continuing-education portal "
        "(中国科学院继续教育网统计).",
    )
    parser.add_argument("--version", action="version", version=f"casedu {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    validate = commands.add_parser("validate", help="check a dataset file and count its records")
    validate.add_argument("data", metavar="DATA", type=Path, help="a dataset JSON file")
    validate.set_defaults(handler=_validate)
    return parser


def read_data(path: Path) -> Dataset:
    """Load the DATA argument of a command."""
    return load_dataset(path)


def _validate(args: argparse.Namespace) -> int:
    dataset = read_data(args.data)
    counts = [
        (len(dataset.institutes), "institute", "institutes"),
        (len(dataset.departments), "department", "departments"),
        (len(dataset.people), "person", "people"),
        (len(dataset.plans), "plan", "plans"),
        (len(dataset.attendance), "attendance record", "attendance records"),
        (len(dataset.external_learning), "external-learning record", "external-learning records"),
        (len(dataset.online_learning), "online-learning record", "online-learning records"),
        (len(dataset.backbone_reports), "backbone report", "backbone reports"),
        (len(dataset.summaries), "summary", "summaries"),
    ]
    parts = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    print(f"{args.data}: valid: {parts}")
    return EXIT_OK
