"""Typed decoding: a record made straight from its JSON object's key-value pairs, each distinct
value checked once.

The dataset reader hands each JSON object of a section to a *maker* compiled for the section's
record class from its attrs fields, as cattrs compiles its structuring functions. The maker
asks, for each field, a table of the values already seen in that field: a value found there was
structured by the house converter (:mod:`casedu.dataset.converter`) and passed the field's
converter and validator before, so it passes again and is the same object, which also makes the
records share their repeated ids, dates and hours (a text is one object in every field). A
value not yet seen is structured and checked exactly as the record's class would do it, then
remembered. The record is then made with its fields set and its ``__attrs_post_init__`` run:
the checks that span fields (an end before a start).

The maker accepts nothing the whole reading would refuse: whenever anything is not as a good
record has it (a key missing, unknown or twice, a value of the wrong type, a value refused by
its check, a post-init check failing: any exception while it makes the record), it answers
None, and the object goes the whole way
(:class:`casedu.dataset.reading._Builder`), which names every problem at its place exactly as
before. Only the checks of a value already checked are skipped, and only through an identity:
a text by its exact ``str`` value, a ``Decimal`` by the object itself (``Decimal("2.50")`` and
``Decimal("2.5")`` are equal but not the same record field), never by numeric equality.

Why not a decoding library: cattrs, the house converter, structures a record in about 10 µs
with the model's validators run each time; msgspec decodes typed structs faster than any of
this but is not among the project's dependencies and holds the whole file's objects at about
four times the memory (docs/performance.md, "Loading a dataset file").
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from casedu import twins

__all__ = ["MISSING", "SLOW", "Compiler", "Maker", "Makers", "record_maker", "scalar_type"]

#: A compiled maker: the record of a JSON object's (key, value) pairs, or None to go the whole
#: way.
Maker = Callable[[list[tuple[str, Any]]], Any]
#: What compiles a class's maker, given what the maker answers for an object it makes no record
#: of (:meth:`Makers.of` of the class).
Compiler = Callable[[Maker], Maker | None]
#: A set of checks' values already checked: texts and booleans by value, decimals by the
#: object's id (with the object).
Tables = tuple[dict[Any, Any], dict[int, tuple[Any, Any]]]

#: The most values a table remembers: ids of a whole academy's people fit, while a field of
#: values that never repeat (an xAPI session's id) stops growing there.
CAP = 1 << 17
#: The most texts given one object for all their fields.
_TEXTS = 1 << 18

_SLOW: Any = type("Slow", (), {"__repr__": lambda self: "SLOW"})()


class _Refused(Exception):
    """A value its field's checks refuse: the maker answers that it made no record."""


class _Table(dict[Any, Any]):
    """A field's values already checked, texts and booleans by value: ``table[raw]`` is the
    checked value of ``raw``, learned on the first look-up (:meth:`Makers.learner`), or
    :class:`_Refused`. A subscript, one look-up a value in the makers' common case, is cheaper
    than ``get`` and a test of what it answered."""

    __slots__ = ("learn", "whole")
    #: Given the table (not held by it: a table that held itself in a closure would wait for
    #: the paused collector, and hold its values, after the reading).
    learn: Callable[[_Table, Any], Any]
    #: True while every value given for a raw value (not for a field left out) is among the
    #: table's values: False once one was given without being kept (the table full, a value
    #: that is not a text, None) or taken around the table (a batch of ids checked at once).
    whole: bool

    def __missing__(self, raw: Any) -> Any:
        value = self.learn(self, raw)
        if value is _SLOW:
            raise _Refused
        return value


_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
#: What a field's learner is asked for a field left out (its default), and what it answers for
#: a value refused (or a required field left out).
MISSING, SLOW = _MISSING, _SLOW

#: The field types a maker handles; a class with any other field (a nested record, a dict) has
#: no maker and is always structured the whole way.
_SCALARS = (str, int, bool, Decimal, dt.date)


class Makers:
    """The makers of one reading, sharing their tables of checked values."""

    def __init__(self) -> None:
        from casedu.dataset.converter import converter  # cattrs: imported on first reading

        self._hook = converter.get_structure_hook
        self._tables: dict[tuple[Any, ...], _Table] = {}
        #: The values checked by each set of checks (a field's type, converter and validator),
        #: whatever the field: a person's id is checked once, in the people, and found there
        #: for the person of each of their records.
        self._checked: dict[tuple[Any, Any, Any], Tables] = {}
        #: One object for each distinct text checked, whatever its field and section.
        self._texts: dict[str, str] = {}
        self._makers: dict[tuple[type, Any], Maker | None] = {}

    def of(self, cls: type, fail: Maker | None = None) -> Maker | None:
        """The maker of ``cls``, or None when its fields are not all plain values. Where the
        maker makes no record, it answers ``fail(items)`` (None without ``fail``)."""
        key = (cls, fail)
        if key not in self._makers:
            self._makers.setdefault(key, record_maker(cls, self, fail))
        return self._makers[key]

    def table(self, cls: type, field: attrs.Attribute[Any]) -> _Table:
        """The table of checked values of ``cls``'s ``field`` (:class:`_Table`). The fields of
        the same name and checks (type, converter, validator, default) share one, whatever
        their class: the ``person`` of the attendance, external and online records learns each
        person once. A record's own ``id``, whose values never repeat in its section, has a
        table of its own, which it fills alone."""
        key = _table_key(cls, field)
        table = self._tables.get(key)
        if table is None:
            # made whole before anyone else sees it: the store's makers serve a server's
            # threads, and a table put in its place before its learner was set was found
            # without one by another thread (the first pages of a new worker answered 500)
            table = _Table()
            table.learn = self.learner(cls, field)
            table.whole = True
            table = self._tables.setdefault(key, table)
        return table

    def values(self, cls: type, name: str) -> list[Any] | None:
        """Every value of the required field ``name`` of ``cls`` that a record made through
        these makers holds (and perhaps more: a value checked for a record not made), or None
        when the field's table does not know them all (:attr:`_Table.whole`)."""
        field = attrs.fields_dict(cls)[name]
        table = self._tables.get(_table_key(cls, field))
        if table is None or not table.whole or field.default is not attrs.NOTHING:
            return None
        return list(table.values())

    def learner(self, cls: type, field: attrs.Attribute[Any]
                ) -> Callable[[_Table, Any], Any]:
        """Structure and check one value of ``field`` as its class does, remembering it in
        the field's table (a text or boolean) when it passes; ``_SLOW`` when it does not (or
        is missing without a default). A value that passed the same checks in another field
        is taken from there, unchecked again."""
        structure = self._hook(field.type)
        type_: Any = field.type
        convert: Any = field.converter
        validate = field.validator
        default = field.default
        checked_texts, checked_decimals = self._checked.setdefault(
            (type_, convert, validate), ({}, {}))
        canonical = self._texts

        def learn(texts: _Table, raw: Any) -> Any:
            kind = type(raw)
            if kind is str or kind is bool:  # a table of these holds no int
                if kind is str:
                    raw = canonical.get(raw, raw)
                value = checked_texts.get(raw, _MISSING)
                if value is not _MISSING:
                    if len(texts) < CAP:
                        texts[raw] = value
                    else:
                        texts.whole = False
                    return value
            elif kind is Decimal:
                found = checked_decimals.get(id(raw))
                if found is not None and found[0] is raw:
                    texts.whole = False
                    return found[1]
            try:
                if raw is _MISSING:
                    factory = isinstance(default, attrs.Factory)  # type: ignore[arg-type]
                    if default is attrs.NOTHING or factory:
                        return _SLOW
                    value = default
                else:
                    value = structure(raw, type_)
                if convert is not None:
                    value = convert(value)
                if validate is not None:
                    validate(None, field, value)
            except Exception:  # refused: the whole way names why
                return _SLOW
            if type(value) is str:
                value = canonical.get(value, value)
                if len(canonical) < _TEXTS:
                    canonical.setdefault(value, value)
            if kind is str or kind is bool:
                if kind is str and len(canonical) < _TEXTS:
                    raw = canonical.setdefault(raw, raw)  # the table keeps no copy of its own
                if len(checked_texts) < CAP:
                    checked_texts[raw] = value
                if len(texts) < CAP:
                    texts[raw] = value
                else:
                    texts.whole = False
            elif raw is not _MISSING:
                texts.whole = False
                if kind is Decimal and len(checked_decimals) < CAP:
                    # the raw object kept: its id stays its own
                    checked_decimals[id(raw)] = (raw, value)
            return value

        return learn


def _table_key(cls: type, field: attrs.Attribute[Any]) -> tuple[Any, ...]:
    """What the fields that share a table of checked values have in common
    (:meth:`Makers.table`)."""
    key = (field.name, field.type, field.converter, field.validator, field.default)
    try:
        hash(key)
    except TypeError:  # a default that is not hashable
        return (cls, field.name)
    return (cls, field.name) if field.name == "id" else key


def record_maker(cls: type, makers: Makers, fail: Maker | None = None) -> Maker | None:
    """Compile the maker of the attrs class ``cls`` (None when a field is not a plain value, or
    the class is not a slotted attrs class made by keyword); where it makes no record, it
    answers ``fail(items)``, or None without ``fail``.

    The maker reads the pairs in place when their keys come in the order of the class's fields
    (as :func:`casedu.save_dataset` writes them, optional fields left out or not), and through
    a dictionary of them otherwise. The record is made as an instance of the class's twin
    (:func:`casedu.twins.twin`), whose slots take plain stores, then given its own class."""
    if not attrs.has(cls) or hasattr(cls, "__attrs_pre_init__"):
        return None
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    twin = twins.twin(cls)
    namespace: dict[str, Any] = {"CLS": cls, "SLOW": _SLOW, "MISSING": _MISSING,
                                 "KNOWN": frozenset(f.name for f in fields),
                                 "new": object.__new__, "TWIN": twin, "FAIL": fail or _none,
                                 "post": getattr(cls, "__attrs_post_init__", None)}
    optional = []
    kinds = []
    for i, field in enumerate(fields):
        scalar = scalar_type(field.type)
        slot = getattr(cls, field.name, None)
        if scalar is None or not field.init or field.alias != field.name or \
                not isinstance(slot, types.MemberDescriptorType) or \
                not field.name.isidentifier() or field.name.startswith("__"):
            return None
        table = makers.table(cls, field)
        left_out = table.learn(table, _MISSING)
        nullable = table.learn(table, None) is None
        namespace.update({f"t{i}": table, f"set{i}": slot.__set__, f"c{i}": left_out})
        if left_out is not _SLOW:
            optional.append(i)
        kinds.append((scalar, nullable and left_out is None))
    # the shapes read in place: the required fields with any of the optional ones, in order
    subsets = [()] if len(optional) > 4 else \
        [tuple(j for k, j in enumerate(optional) if bits >> k & 1)
         for bits in range(1 << len(optional))]
    shapes: dict[int, list[tuple[int, ...]]] = {}
    for subset in subsets:
        present = tuple(i for i in range(len(fields)) if i not in optional or i in subset)
        shapes.setdefault(len(present), []).append(present)
    names = [field.name for field in fields]
    construct = functools.partial(_construct, cls, names, twin is not None)
    lines = ["def make(items):", "  try:", "    n = len(items)"]
    for count, presents in sorted(shapes.items()):
        lines += [f"    if n == {count}:"]
        if count:
            lines.append("        " + ", ".join(f"(k{j}, r{j})" for j in range(count))
                         + (" = items" if count > 1 else ", = items"))
        for present in presents:
            test = " and ".join(f"k{j} == {fields[i].name!r}" for j, i in enumerate(present))
            lines.append(f"        if {test or 'True'}:")
            raws = [f"r{present.index(i)}" if i in present else None for i in range(len(fields))]
            lines += construct(raws, kinds, "            ")
    lines += ["    d = dict(items)",
              "    if len(d) != n or not d.keys() <= KNOWN:",
              "        return FAIL(items)"]
    lines += [f"    raw{i} = d.get({field.name!r}, MISSING)" for i, field in enumerate(fields)]
    lines += construct([f"raw{i}" for i in range(len(fields))], kinds, "    ", dict_path=True)
    # any exception: a value refused (_Refused), a JSON list or object where a value is (not
    # hashable), the post-init check
    lines += ["  except Exception:",
              "    pass",
              "  return FAIL(items)"]
    exec(compile("\n".join(lines), f"<casedu maker of {cls.__name__}>", "exec"), namespace)
    # the function's globals are the namespace: taken out of it, so that no cycle keeps the
    # tables alive once the reading is done (the collector is paused meanwhile)
    maker: Maker = namespace.pop("make")
    return maker


def _none(_items: list[tuple[str, Any]]) -> None:
    return None


def _construct(cls: type, names: list[str], twin: bool, raws: list[str | None],
               kinds: list[tuple[type, bool]], pad: str, *, dict_path: bool = False
               ) -> list[str]:
    """The lines that make and return the record whose field ``i`` is read from ``raws[i]``
    (``c{i}``, its default, where None): each value looked up in its table (``t{i}[raw]``,
    :class:`_Table`), the record made through its twin, else by its slots' descriptors, and
    its post-init check run. In the dictionary's path a raw value may be ``MISSING``."""
    lines = []
    values = []
    for i, (raw, (scalar, nullable)) in enumerate(zip(raws, kinds, strict=True)):
        if raw is None:
            values.append(f"c{i}")
            continue
        if scalar is bool:  # 1 == True: only a bool is looked up in a table of bools
            allowed = [f"type({raw}) is not bool"] + [f"{raw} is not None"] * nullable + \
                [f"{raw} is not MISSING"] * dict_path
            lines += [f"{pad}if {' and '.join(allowed)}:", f"{pad}    return FAIL(items)"]
        # only a str equals a str: not a number, not a refused number (RefusedNumber)
        values.append(f"None if {raw} is None else t{i}[{raw}]" if nullable else
                      f"t{i}[{raw}]")
    if twin:
        lines.append(f"{pad}obj = TWIN()")
        lines += [f"{pad}obj.{name} = {value}" for name, value in zip(names, values, strict=True)]
        lines.append(f"{pad}obj.__class__ = CLS")
    else:
        lines.append(f"{pad}obj = new(CLS)")
        lines += [f"{pad}set{i}(obj, {value})" for i, value in enumerate(values)]
    if hasattr(cls, "__attrs_post_init__"):
        lines.append(f"{pad}post(obj)")
    return [*lines, f"{pad}return obj"]


def scalar_type(type_: Any) -> type | None:
    """The plain type of a field (``str | None`` is ``str``), None for anything else."""
    args = getattr(type_, "__args__", None)
    if isinstance(type_, types.UnionType) and args is not None:
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            return None
        type_ = rest[0]
    if isinstance(type_, type):
        import enum

        if issubclass(type_, enum.Enum):
            return str
        if type_ in _SCALARS:
            return type_
    return None
