"""Columnar decoding: a batch of a section's records read as columns, in the layout
:func:`casedu.save_dataset` writes them.

The streamed reader (:mod:`casedu.dataset.json_text`) cuts a section's text into batches of
whole records (about a quarter of a megabyte each). A batch is split, 64 KiB of its text at
a time, by one compiled regular expression (``re.split``, in C) into its records' values: each
record an object of its class's keys in the order of its fields, as ``save_dataset`` writes
them, every value a JSON string without an escape or a control character, the optional fields
present or left out. The values are then taken a column at a time:

- **Each distinct value checked once, by the same checks.** A column's texts are looked up
  in its field's table of checked values, the very table the record makers use
  (:class:`casedu.dataset.typed.Makers`): a value not yet seen is structured by the house
  converter and passed through the field's converter and validator there, exactly as the
  record's class does it, or refused. A text between the quotes that holds no ``\\``, ``"``
  nor control character is the JSON string's value itself: it is the text the JSON scanner
  would give for it.
- **The records made without a frame each.** ``object.__new__`` of the class, then each slot
  set through its descriptor, a column at a time, by ``map`` in C.
- **The checks that span fields (``__attrs_post_init__``) made on the columns** where a batch
  form of the check is proven to say the same (:data:`BATCH_CHECKS`; tests compare both at
  their boundaries): an external record's end not before its start, for every record at once;
  an online record's hours against its seconds, which has nothing to check when no record of
  the batch holds seconds. Otherwise the post-init check runs for each record.

**Nothing is taken on trust.** The matches of the expression are proven to be the batch's whole
text, one record after another: the pieces of text the split leaves between them must all be
empty. A record's id, which never repeats in its section, is not looked up: a batch of ids is
checked at once where :func:`casedu.model._fields.identifiers_pass` says that each would pass
its check alone, and each alone otherwise. Anything else (another layout, a number where a text
is, an escape, a key missing, unknown, twice or out of order, a value refused, a post-init
check that fails) gives None: the batch is then read by the JSON scanner and the record makers
as before, and a bad record goes the whole way (cattrs, the validators), which names each
problem at its place exactly as before.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections import deque
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import islice, repeat
from typing import Any

import attrs

from casedu.dataset.typed import MISSING, SLOW, Makers, scalar_type
from casedu.model import ExternalLearning, OnlineLearning, _fields

__all__ = ["BATCH_CHECKS", "BatchReader", "batch_reader"]

#: A JSON string whose text between its quotes is its value: no escape, no control character.
_TEXT = r'"([^"\\\x00-\x1f]*)"'
_START, _END, _SECONDS = map(operator.attrgetter, ("start", "end", "seconds"))
#: The whitespace after a record's ``{``, taken from the batch's first record.
_OPENING = re.compile(r"\{(\s*)\"")
_WHITESPACE = frozenset(" \t\n\r")
#: The text of the records read by one expression's call, at most (characters).
_PIECE = 1 << 16

#: The batch forms of the post-init checks: ``check(records)`` is True only when the class's
#: ``__attrs_post_init__`` passes for every one of the records. (False says nothing: the
#: post-init check then runs for each record.)
BATCH_CHECKS: dict[type, Callable[[list[Any]], bool]] = {
    # ``_fields.date_order``: refused when ``end < start``
    ExternalLearning: lambda records: not any(map(operator.lt, map(_END, records),
                                                  map(_START, records))),
    # checks the hours against the seconds, and only when there are seconds
    OnlineLearning: lambda records: list(map(_SECONDS, records)).count(None) == len(records),
}

#: What reads a batch: ``read(text, start, end, between)`` gives the records of
#: ``text[start:end]`` (whole records, each followed by ``between`` but the last, which
#: ``text[end:]`` follows), or None.
BatchReader = Callable[[str, int, int, str], list[Any] | None]


def batch_reader(cls: type, makers: Makers) -> BatchReader | None:
    """The batch reader of ``cls``, whose values are looked up in ``makers``' tables; None
    when a field is not a text in JSON (a number, a boolean, an object), the first field is
    optional, or the class is not a slotted attrs class made by keyword."""
    if makers.of(cls) is None:  # the same classes as the record makers
        return None
    fields = attrs.fields(cls)
    if len(fields) < 2 or any(scalar_type(f.type) not in _TEXTS for f in fields):
        return None
    tables = [makers.table(cls, f) for f in fields]
    defaults = [table.learn(table, MISSING) for table in tables]
    if defaults[0] is not SLOW:  # the first field is required
        return None
    return _Reader(cls, fields, tables, defaults)


class _Reader:
    def __init__(self, cls: type, fields: Sequence[attrs.Attribute[Any]],
                 tables: list[Any], defaults: list[Any]) -> None:
        self.cls = cls
        self.names = [f.name for f in fields]
        self.tables = tables
        self.getters = [table.__getitem__ for table in tables]
        self.optional = [d is not SLOW for d in defaults]
        self.defaults = defaults
        self.setters = [getattr(cls, name).__set__ for name in self.names]
        #: The fields of a record's id: a section's ids never repeat (a duplicate is refused by
        #: the reference checks), so that their look-ups would only miss; each batch of them
        #: is checked at once where :func:`identifiers_pass` says that each would pass.
        self.ids = [f.name == "id" and f.type is str and f.converter is None
                    and f.validator is _fields.identifier for f in fields]
        self.post = getattr(cls, "__attrs_post_init__", None)
        self.check = BATCH_CHECKS.get(cls)
        self.patterns: dict[tuple[str, str, str, bool], re.Pattern[str]] = {}
        #: whether the class has optional fields, and whether a piece of this reading held one
        #: (the pieces after it are then read by the expression with them)
        self.optionals = any(self.optional)
        self.with_optional = False
        #: how many groups a record's expression has, with and without the optional fields
        self.width = {False: self.optional.count(False),
                      True: self.optional.count(False) + 2 * self.optional.count(True)}

    def pattern(self, opening: str, closing: str, between: str, optional: bool
                ) -> re.Pattern[str]:
        """The expression of one record followed by ``between``, a group for each required
        value; with ``optional``, two for each optional field (``, "key": "value"`` whole, None
        when left out, and its value), else the optional fields are left out."""
        key = (opening, closing, between, optional)
        if key not in self.patterns:
            parts = ["\\{"]
            for i, (name, is_optional) in enumerate(zip(self.names, self.optional,
                                                        strict=True)):
                literal = re.escape(f'{opening if i == 0 else "," + opening}"{name}": ')
                if not is_optional:
                    parts.append(literal + _TEXT)
                elif optional:
                    parts.append(f"({literal}{_TEXT})?")
            parts.append(re.escape(closing + "}" + between))
            self.patterns[key] = re.compile("".join(parts))
        return self.patterns[key]

    def __call__(self, text: str, start: int, end: int, between: str) -> list[Any] | None:
        opening = _OPENING.match(text, start)
        if opening is None or text[end - 1] != "}":
            return None
        close = end - 1  # the whitespace before the batch's last "}"
        while close > start and text[close - 1] in _WHITESPACE:
            close -= 1
        if text[end:end + len(between)] != between:
            return None
        closing = text[close:end - 1]
        # a few hundred records at a time: the values split out of them are let go before the
        # next are made, so that they do not leave holes among the records (resident memory)
        records: list[Any] = []
        marker = "}" + between
        while start < end:
            cut = text.rfind(marker, start, start + _PIECE)
            if cut < start:
                cut = text.find(marker, start, end + len(between))
            made = self._piece(text[start:cut + 1 + len(between)], opening.group(1), closing,
                               between)
            if made is None:
                return None
            records += made
            start = cut + 1 + len(between)
        return records

    def _piece(self, piece: str, opening: str, closing: str, between: str) -> list[Any] | None:
        # The expression without the optional fields first (the shorter split), then with
        # them, until a piece needs them: which one reads a piece is only a matter of speed,
        # since the split is proven to be the whole text either way. (Looking for the optional
        # keys in the piece took longer than the split: ``"`` and the space are everywhere.)
        for optional in (True,) if self.with_optional else (False, True)[:1 + self.optionals]:
            parts = self.pattern(opening, closing, between, optional).split(piece)
            step = self.width[optional] + 1
            # the records are the whole text: nothing before, between or after the matches
            gaps = parts[::step]
            if len(gaps) >= 2 and gaps.count("") == len(gaps):
                break
        else:
            return None
        self.with_optional = optional
        del piece, gaps
        try:
            return self._records(parts, step, optional)
        except Exception:  # a value refused, a post-init check: the scanner's way says where
            return None

    def _records(self, parts: list[Any], step: int, with_optional: bool) -> list[Any]:
        """The records of the values split out of a batch (see :meth:`pattern`): the value of
        the ``k``-th group of each record at ``parts[1 + k::step]``. Each column is looked up
        and stored as it is read, with no list of its own."""
        count = len(parts) // step
        records: list[Any] = list(map(object.__new__, repeat(self.cls, count)))
        g = 1
        for table, getter, setter, optional, default, is_id in zip(
                self.tables, self.getters, self.setters, self.optional, self.defaults, self.ids,
                strict=True):
            if is_id and not optional:
                column = parts[g::step]
                values: Any = map(getter, column)
                if _fields.identifiers_pass(column):
                    values = column
                    table.whole = False  # its values are not all in the table
                g += 1
            elif not optional:
                values = map(getter, islice(parts, g, None, step))
                g += 1
            elif not with_optional or parts[g::step].count(None) == count:  # left out
                values = repeat(default)
                g += 2 if with_optional else 0
            else:
                values = [default if p is None else getter(v) for p, v in
                          zip(islice(parts, g, None, step), islice(parts, g + 1, None, step),
                              strict=True)]
                g += 2
            deque(map(setter, records, values), 0)
        if self.post is not None and (self.check is None or not self.check(records)):
            deque(map(self.post, records), 0)
        return records


_TEXTS = frozenset({str, Decimal, dt.date})  # the scalar types a JSON text holds
