"""The errors casedu raises.

Every error derives from :class:`CaseduError` and also from the builtin that fits it, so callers
may catch either ``CaseduError`` or, say, ``ValueError``.

>>> issubclass(DatasetError, ValueError) and issubclass(DatasetError, CaseduError)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "ArgumentValueError",
    "CaseduError",
    "ConflictError",
    "DatasetError",
    "ExporterError",
    "FileRefusedError",
    "FontNotFoundError",
    "FormatError",
    "InvalidValueError",
    "LoginFailedError",
    "PasswordChangeRequiredError",
    "PermissionDeniedError",
    "Problem",
    "SessionEndedError",
    "UnknownRecordError",
    "WorkflowError",
    "WorkspaceError",
    "expect",
    "shown",
    "visible",
]

#: The invisible format characters that reorder or hide what is shown: bidirectional
#: embeddings, overrides and isolates, zero-width characters, the byte-order mark, line and
#: paragraph separators, interlinear annotations, surrogates and tag characters. No text of the
#: model holds them (nor C0 and C1 controls); :func:`visible` escapes them.
INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f"
)
_HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}]")


def expect(name: str, value: object, *types: type, what: str = "") -> None:
    """Refuse an argument of the wrong type where it comes in, with :class:`ArgumentTypeError`
    (a ``TypeError``) naming the argument, what it must be and what it got.

    >>> import os
    >>> expect("path", 3.5, str, os.PathLike, what="a file's path")
    Traceback (most recent call last):
    ...
    casedu.errors.ArgumentTypeError: path must be a file's path, got 3.5 (float)
    """
    if isinstance(value, types) and not (isinstance(value, bool) and bool not in types):
        return
    wanted = what or " or ".join(t.__name__ for t in types)
    raise ArgumentTypeError(f"{name} must be {wanted}, got {shown(value)} "
                            f"({type(value).__name__})")


def shown(value: object) -> str:
    """A value for a message: its repr, cut when long (a 300 MB text, a deep list).

    >>> shown("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (102 characters)"
    >>> shown([[[]]])
    'a JSON list'
    >>> shown(10 ** 5000)
    '10000000000000000000000000000000000000000…1 (5001 characters)'
    """
    if isinstance(value, (list, dict)):
        return f"a JSON {'list' if isinstance(value, list) else 'object'}"
    try:
        text = repr(value)
    except RecursionError:  # pragma: no cover - lists and dicts are named above
        return f"a {type(value).__name__}"
    except ValueError:  # an int of more digits than Python turns into text (4,300)
        from decimal import Decimal

        text = str(Decimal(value)) if isinstance(value, int) else f"a {type(value).__name__}"
    return text if len(text) <= 60 else f"{text[:41]}…{text[0]} ({len(text)} characters)"


def visible(text: str, limit: int | None = None) -> str:
    """Text that came from outside as a terminal, a log or the audit may show it: every control
    and invisible character as its escape (an ESC cannot move the cursor, a NUL reaches no
    database), cut to ``limit`` characters with its length.

    >>> print(visible("P1\x1b[2J\x07"))
    P1\\x1b[2J\\x07
    >>> visible("x" * 100, limit=30)
    'xxxxxxxxxxxx… (100 characters)'
    """
    text = _HIDDEN.sub(_escape, text)
    if limit is not None and len(text) > limit:
        tail = f"… ({len(text)} characters)"
        text = text[:max(limit - len(tail), 0)] + tail
    return text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"


class CaseduError(Exception):
    """The root of every error casedu raises on purpose."""


class InvalidValueError(CaseduError, ValueError):
    """A value does not satisfy the model's rules (negative hours, end before start, ...).

    ``field`` names the offending field when there is one, so a loader can point at its place.

    >>> str(InvalidValueError("must not be empty", field="id"))
    'id: must not be empty'
    """

    def __init__(self, reason: str, *, field: str | None = None) -> None:
        self.reason = reason
        self.field = field
        super().__init__(f"{field}: {reason}" if field else reason)


class ArgumentError(CaseduError):
    """A caller's mistake, not the data's: an argument of the wrong type, out of range, or
    naming a record that is not there. A service answers it with a 4xx status, where a
    :class:`WorkspaceError` or a :class:`DatasetError` is a 5xx or the data's to fix.

    >>> issubclass(UnknownRecordError, ArgumentError), issubclass(WorkspaceError, ArgumentError)
    (True, False)
    """


class ArgumentTypeError(ArgumentError, TypeError):
    """A function was called with an argument of the wrong type (a year as text, a path where a
    dataset goes): refused where it comes in, never answered with wrong figures."""


class ArgumentValueError(ArgumentError, InvalidValueError):
    """An argument of the right type that cannot mean anything: a year out of range, a negative
    limit, a section or field the records do not have. Also an :class:`InvalidValueError`
    (``field`` names the argument)."""


class UnknownRecordError(ArgumentError, LookupError):
    """A record asked for by id does not exist (no person 'p9999', no institute 'XYZ')."""


class PermissionDeniedError(CaseduError):
    """The acting role may not perform an operation.

    Not a :class:`PermissionError`: that is an :class:`OSError`, and an ``except OSError``
    around file handling must not swallow a refused operation."""


class PasswordChangeRequiredError(PermissionDeniedError):
    """The account is still on its initial password: it may only change it."""


class LoginFailedError(CaseduError):
    """A login failed. The message never says whether the username or the password was wrong.
    (Not an :class:`OSError`, as :class:`PermissionDeniedError`.)"""


class SessionEndedError(LoginFailedError):
    """A session is no longer valid: logged out, timed out, ended by a password change, or its
    account locked or gone. The message says which; the remedy is to log in again."""


class WorkflowError(CaseduError, ValueError):
    """An operation does not fit the record's state (publishing an implemented plan again,
    editing a submitted summary, reporting an ineligible person, ...)."""


class ConflictError(CaseduError, RuntimeError):
    """The workspace changed under an operation (another process changed the same record);
    nothing was written, and the operation may be tried again: ``operation`` names it (the
    workflow method), and :func:`casedu.services.retry` runs it again."""

    #: The workflow operation that met the conflict, when a workflow raised it.
    operation: str | None = None


class WorkspaceError(CaseduError, RuntimeError):
    """A workspace cannot be used: not a workspace, damaged, or made by a newer casedu."""


class FileRefusedError(CaseduError, ValueError):
    """A file was refused before or while reading it (hostile, damaged, too large, formulas)."""


class ExporterError(CaseduError, RuntimeError):
    """An exporter is unknown, could not be loaded, or failed to write its file."""


class FormatError(ArgumentValueError, ExporterError):
    """The format asked for cannot be used: no such format, none given where the file's suffix
    names none, or a suffix that names another format than the one given. The caller's
    mistake, and an :class:`ExporterError` as every refusal of a format is."""


class FontNotFoundError(ExporterError, FileNotFoundError):
    """No font able to draw Chinese text was found for the PDF exporter."""


class Problem:
    """One problem of a dataset, at its place (immutable, compared and hashed by value).

    >>> str(Problem("attendance[12].person", "no person 'p9999'"))
    "attendance[12].person: no person 'p9999'"

    A plain class rather than an attrs one: ``import casedu`` loads this module alone, and attrs
    would double what that costs.
    """

    __slots__ = ("message", "place")
    place: str
    message: str

    def __init__(self, place: str, message: str) -> None:
        object.__setattr__(self, "place", place)
        object.__setattr__(self, "message", message)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Problem cannot be changed (setting {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Problem cannot be changed (deleting {name!r})")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Problem:
            return NotImplemented
        return (self.place, self.message) == (other.place, other.message)

    def __hash__(self) -> int:
        return hash((self.place, self.message))

    def __repr__(self) -> str:
        return f"Problem(place={self.place!r}, message={self.message!r})"

    def __reduce__(self) -> tuple[type[Problem], tuple[str, str]]:
        return Problem, (self.place, self.message)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class DatasetError(CaseduError, ValueError):
    """A dataset was refused; :attr:`problems` lists every problem found, each with its place.

    >>> err = DatasetError("data.json", [Problem("people[0].id", "must not be empty")])
    >>> print(err)
    data.json: 1 problem
      people[0].id: must not be empty
    """

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = [f"{source}: {count} problem{'s' if count != 1 else ''}"]
        lines.extend(f"  {problem}" for problem in self.problems)
        super().__init__("\n".join(lines))
