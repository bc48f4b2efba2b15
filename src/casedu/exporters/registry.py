"""Finding exporters: the entry points of the group ``casedu.exporters``, loaded lazily, and
the formats :func:`register`-ed for this process; and the format a file's name asks for.
(:mod:`casedu.exporters.exporting` writes a document with the exporter found here.)

The built-in formats are entry points of casedu itself, so a plugin is found exactly like them.
A plugin that is broken (cannot be imported or made, or does not give an exporter) is reported
by name and does not stop the others; so is a registered format.

>>> "xlsx" in exporter_names()
True
"""

from __future__ import annotations

import functools
import os
import re
import sys
import types
import weakref
from collections.abc import Callable
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, TypeGuard

import attrs

from casedu.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    CaseduError,
    ExporterError,
    FormatError,
    UnknownRecordError,
    expect,
)
from casedu.exporters.base import ENTRY_POINT_GROUP, Exporter
from casedu.logs import logger

_log = logger("exporters")

__all__ = [
    "FormatInfo",
    "declared_formats",
    "exporter_names",
    "format_for",
    "format_of_suffix",
    "formats",
    "get_exporter",
    "register",
    "unregister",
    "usable_names",
]

#: The formats casedu ships, used when casedu runs from a source tree without its metadata.
BUILTIN = {
    "csv": "casedu.exporters.csv:CsvExporter",
    "html": "casedu.exporters.html:HtmlExporter",
    "json": "casedu.exporters.json:JsonExporter",
    "ods": "casedu.exporters.ods:OdsExporter",
    "pdf": "casedu.exporters.pdf:PdfExporter",
    "xlsx": "casedu.exporters.xlsx:XlsxExporter",
}
#: Who declares a format :func:`register` added, in messages and in ``casedu formats``.
REGISTERED = "casedu.exporters.register"
#: The formats registered in this process: name -> (target, loader).
_REGISTERED: dict[str, tuple[str, Callable[[], Any]]] = {}
#: A format's name: what a user types after --format and a file's suffix may say.
_NAME = re.compile(r"[a-z0-9][a-z0-9_+-]*")


@attrs.frozen
class FormatInfo:
    """One format as ``casedu formats`` lists it: its exporter, or the error that broke it."""

    name: str
    target: str  # module:attribute
    provider: str  # the distribution that declares it
    exporter: Exporter | None
    error: str | None


def declared_formats() -> dict[str, tuple[str, str, Callable[[], Any]]]:
    """name -> (target, provider, loader); the first declaration of a name wins, and the
    formats registered in this process come after every entry point.

    Reading the installed distributions' metadata takes tens of milliseconds, so it is done
    once for each ``sys.path`` (a plugin put on the path is still found). Names are lower case:
    ``XLSX`` is ``xlsx``."""
    declared = _declared_on(tuple(sys.path))[0]
    if not _REGISTERED:
        return declared
    found = dict(declared)
    for name, (target, load) in _REGISTERED.items():
        found.setdefault(name, (target, REGISTERED, load))
    return found


def _shadowed() -> list[FormatInfo]:
    """Declarations left out because their name was taken (a plugin calling itself ``csv``, a
    plugin installed after a format of its name was registered)."""
    declared, shadowed = _declared_on(tuple(sys.path))
    return shadowed + [
        FormatInfo(name, target, REGISTERED, None,
                   f"not used: the name {name!r} is taken by {declared[name][1]} "
                   f"({declared[name][0]}); register the format under another name")
        for name, (target, _) in _REGISTERED.items() if name in declared]


@functools.lru_cache(maxsize=8)
def _declared_on(path: tuple[str, ...]) -> tuple[dict[str, tuple[str, str, Callable[[], Any]]],
                                                  list[FormatInfo]]:
    """The declarations seen with ``path`` as ``sys.path`` (the cache key), and those left
    out."""
    found: dict[str, tuple[str, str, Callable[[], Any]]] = {}
    shadowed: list[FormatInfo] = []
    for name, target in BUILTIN.items():
        found[name] = (target, "casedu", _target_loader(target))
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        provider = ep.dist.name if ep.dist is not None else "?"
        name = ep.name.lower()
        if name in found and found[name][0] == ep.value:
            continue  # casedu's own declaration of a built-in format
        if name in found:  # a name already taken: the first declaration stays, and says so
            shadowed.append(FormatInfo(
                name, ep.value, provider, None,
                f"not used: the name {name!r} is taken by {found[name][1]} "
                f"({found[name][0]}); rename the entry point"))
            continue
        found[name] = (ep.value, provider, _entry_point_loader(ep))
    return found, shadowed


def _entry_point_loader(ep: EntryPoint) -> Callable[[], Any]:
    return ep.load


def _target_loader(target: str) -> Callable[[], Any]:
    def load() -> Any:
        module, _, attribute = target.partition(":")
        obj: Any = import_module(module)
        for part in attribute.split("."):
            obj = getattr(obj, part)
        return obj

    return load


def register(name: str, exporter: Any) -> None:
    """Add the format ``name`` for this process, as an entry point adds one for every process:
    ``register("docx", DocxExporter)`` in a notebook or a service, then
    ``export(document, "docx")``, ``export(document, "总结.docx")`` and, in the same process,
    ``casedu formats`` use it.

    ``exporter`` is what an entry point names: a class or any callable returning an exporter
    (called with the options of :func:`get_exporter`), or an exporter itself. It is checked
    when used, as a plugin is: one that cannot be made, is not an exporter or fails to write is
    an :class:`ExporterError` naming it, listed as broken by :func:`formats`, and every other
    format keeps working. A name that casedu or an installed plugin declares is refused;
    registering a name again replaces this process's own format of that name.

    >>> class Lines:
    ...     name, suffix, media_type, description = "lines", ".lines", "text/plain", "titles"
    ...     def write(self, document, stream):
    ...         stream.write(document.title.encode("utf-8"))
    >>> register("lines", Lines)
    >>> from casedu.exporters import export
    >>> from casedu.reports import Document
    >>> export(Document(title="总结", institute="所", year=2026, blocks=()), "lines").decode()
    '总结'
    >>> unregister("lines")
    """
    expect("name", name, str, what="a format's name such as 'docx'")
    key = name.lower()
    if not _NAME.fullmatch(key):
        raise ArgumentValueError(
            f"must be a format's name of letters, digits, '_', '+' and '-' such as 'docx', "
            f"got {name!r}", field="name")
    if not callable(exporter) and not isinstance(exporter, Exporter):
        raise ArgumentTypeError(
            f"exporter must be an exporter's class (or any callable that makes one) or an "
            f"exporter, got {type(exporter).__name__}: see docs/plugins.md")
    declared = _declared_on(tuple(sys.path))[0]
    if key in declared:
        target, provider, _ = declared[key]
        raise ExporterError(f"the format {name!r} is taken by {provider} ({target}): register "
                            "the format under another name")
    _REGISTERED[key] = (_target_of(exporter), lambda: exporter)


def unregister(name: str) -> None:
    """Remove a format :func:`register` added to this process."""
    expect("name", name, str, what="a format's name such as 'docx'")
    key = name.lower()
    if key not in _REGISTERED:
        if key in _declared_on(tuple(sys.path))[0]:
            raise UnknownRecordError(f"{name!r} is not registered in this process: it is "
                                     "declared by an entry point")
        raise UnknownRecordError(f"no format {name!r} registered in this process")
    del _REGISTERED[key]


def _target_of(exporter: Any) -> str:
    """``module:qualname`` of what was registered, as an entry point names its target."""
    source = exporter if callable(exporter) else type(exporter)
    module = getattr(source, "__module__", None) or "?"
    return f"{module}:{getattr(source, '__qualname__', type(source).__qualname__)}"


def exporter_names() -> list[str]:
    """The names of every declared format, without loading any of them."""
    return sorted(declared_formats())


def usable_names() -> list[str]:
    """The formats that load: what an error message offers instead of a format not found."""
    return [info.name for info in formats() if info.exporter is not None]


def format_for(path: str | os.PathLike[str] | None, given: str | None = None, *,
               option: str = "format") -> str:
    """The format to write ``path`` in: the one ``given`` (any case), or else the one the
    file's suffix names. The one rule of :func:`export` and ``casedu export``: a format given
    and a suffix naming another is refused, and so is neither; a suffix naming no format
    (``.dat``) leaves the choice to ``given``, and so does no file at all (``path`` None: a
    stream, standard output, bytes). ``option`` is how the caller asks for a format
    (``--format`` on the command line), for the message.

    >>> format_for("总结.XLSX"), format_for("rows.dat", "CSV")
    ('xlsx', 'csv')
    >>> format_for("a.pdf", "xlsx")
    Traceback (most recent call last):
    ...
    casedu.errors.FormatError: format='xlsx', but a.pdf names pdf: write to a .xlsx file, or ...
    """
    def asked(name: str) -> str:
        return f"{option} {name}" if option.startswith("-") else f"{option}={name!r}"

    if path is not None:
        expect("path", path, str, os.PathLike, what="a file's path")
    implied = None if path is None else format_of_suffix(path)
    if given is None:
        if implied is None:
            what = "there is no file to name one" if path is None else \
                f"{os.fspath(path)} does not name a format by its suffix"
            raise FormatError(f"{option} is needed: {what} (the formats are "
                              f"{', '.join(usable_names())})")
        return implied
    expect(option, given, str, what="a format's name such as 'xlsx'")
    fmt = given.lower()
    if fmt not in declared_formats():
        raise _no_exporter(fmt)
    if path is not None and implied is not None and implied != fmt:
        raise FormatError(f"{asked(fmt)}, but {os.fspath(path)} names {implied}: write to a "
                          f".{fmt} file, or use {asked(implied)}")
    return fmt


def _no_exporter(name: str) -> FormatError:
    return FormatError(f"no format {name!r}; the formats are {', '.join(usable_names())}")


def format_of_suffix(path: str | os.PathLike[str]) -> str | None:
    """The format a file's suffix names (``report.XLSX`` → ``xlsx``), among the declared ones.

    >>> format_of_suffix("总结.xlsx"), format_of_suffix("notes.txt")
    ('xlsx', None)
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in declared_formats() else None


def get_exporter(name: str, **options: Any) -> Exporter:
    """Load the exporter ``name``, made with ``options`` (such as ``font=`` for pdf).

    Raises :class:`ExporterError` naming the format and what went wrong.
    """
    expect("name", name, str, what="a format's name such as 'xlsx'")
    declared = declared_formats()
    name = name.lower()
    if name not in declared:
        raise _no_exporter(name)
    target, provider, load = declared[name]
    try:
        factory = load()
    except Exception as error:  # a broken plugin must not take the others down
        raise ExporterError(
            f"exporter {name!r} ({target}, from {provider}) cannot be loaded: "
            f"{type(error).__name__}: {error}"
        ) from error
    try:
        exporter = factory(**options) if callable(factory) else factory
    except CaseduError:
        raise
    except TypeError as error:
        raise ExporterError(f"exporter {name!r} does not take these options: {error}") from error
    except Exception as error:  # as a failing import: this format's failure, nobody else's
        raise ExporterError(
            f"exporter {name!r} ({target}, from {provider}) cannot be made: "
            f"{type(error).__name__}: {error}") from error
    if not _is_exporter(exporter):
        raise ExporterError(
            f"exporter {name!r} ({target}, from {provider}) is not an exporter: it needs "
            "name, suffix, media_type, description and write(document, stream)"
        )
    return exporter


#: The classes whose every member of :class:`Exporter` is the class's own: any of their
#: objects is an exporter, without the protocol's check (which asks each member anew: 75 µs,
#: the better part of writing a small csv).
_EXPORTER_CLASSES: weakref.WeakSet[type] = weakref.WeakSet()
_MEMBERS = ("name", "suffix", "media_type", "description", "write")


def _is_exporter(exporter: object) -> TypeGuard[Exporter]:
    kind = type(exporter)
    if kind in _EXPORTER_CLASSES:
        return True
    if not isinstance(exporter, Exporter):
        return False
    if all(_plain_member(kind, member) for member in _MEMBERS):
        _EXPORTER_CLASSES.add(kind)
    return True


def _plain_member(kind: type, member: str) -> bool:
    """Whether ``member`` is a value or a function of the class itself, which every object
    of it has (not a slot or a property, which an object may lack)."""
    for base in kind.__mro__:
        if member in vars(base):
            found = vars(base)[member]
            return not hasattr(found, "__get__") or isinstance(found, types.FunctionType)
    return False


def formats() -> list[FormatInfo]:
    """Every declared format, loaded, with the error of each one that is broken."""
    infos = []
    for name, (target, provider, _) in sorted(declared_formats().items()):
        try:
            infos.append(FormatInfo(name, target, provider, _load(name), None))
        except ExporterError as error:
            infos.append(FormatInfo(name, target, provider, None, str(error)))
    return infos + _shadowed()


def _load(name: str) -> Exporter:
    return get_exporter(name)
