"""Reading JSON text that users and other systems send: strict where :func:`json.loads` is lax.

Duplicate keys are refused (``json.loads`` keeps the last one silently), numbers are exact
decimals with exponents kept aside for refusal at their place, ``NaN`` and ``Infinity`` are
refused, and nesting too deep for the parser is refused instead of escaping as a
``RecursionError`` (a value nested deeper than its format allows is refused by the reader that
expects a number or a text there).

>>> parse_json('{"hours": 2.5}')
{'hours': Decimal('2.5')}
>>> parse_json('{"version": 2, "version": 1}')
Traceback (most recent call last):
...
casedu.dataset.json_text.JsonTextError: the key 'version' appears twice
>>> parse_json('{"people": [{"id": "p1"}, {"id": "p2", "id": "p3"}]}')
Traceback (most recent call last):
...
casedu.dataset.json_text.JsonTextError: people[1]: the key 'id' appears twice
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any, BinaryIO

from casedu.dataset.columns import BatchReader
from casedu.dataset.typed import Compiler
from casedu.errors import CaseduError
from casedu.progress import advance
from casedu.quantities import RefusedNumber, json_integer, json_number

__all__ = ["STREAMED", "JsonTextError", "parse_json", "read_object_streamed"]


class JsonTextError(CaseduError, ValueError):
    """JSON text that casedu does not read, with its place (line and column) when known."""

    def __init__(self, place: str, reason: str) -> None:
        self.place = place
        self.reason = reason
        super().__init__(f"{place}: {reason}" if place else reason)


def parse_json(text: str) -> Any:
    """The JSON value of ``text``, or :class:`JsonTextError` naming the place."""
    decoder, duplicated = _decoder()
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as error:
        raise JsonTextError(f"line {error.lineno} column {error.colno}",
                            f"not JSON: {error.msg}") from None
    except RecursionError:
        raise JsonTextError("", "nested too deeply: casedu's formats nest a few levels, "
                            "this text hundreds") from None
    except ValueError as error:
        raise JsonTextError("", str(error)) from None
    if duplicated:
        where, key = duplicated[0]
        raise JsonTextError(_path_to(value, where), f"the key {key!r} appears twice")
    return value


def _decoder(makers: Mapping[str, Compiler] | None = None
             ) -> tuple[json.JSONDecoder, list[tuple[dict[str, Any], str]]]:
    """casedu's JSON decoder, and the list where it notes the first object with a key twice.

    With ``makers``, the decoder has a sibling for each of their keys, in its ``sections``
    attribute: it gives the record the maker compiled for the key makes of an object, and the
    object as the decoder gives it where the maker makes none (:mod:`casedu.dataset.typed`)."""
    duplicated: list[tuple[dict[str, Any], str]] = []
    # One object for each distinct text of the document: a year's records repeat their person
    # ids, course ids and titles hundreds of thousands of times (numbers are shared by
    # :func:`casedu.quantities.json_number`).
    texts: dict[str, str] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        value = {key: texts.setdefault(item, item) if type(item) is str else item
                 for key, item in items}
        if len(value) != len(items) and not duplicated:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicated.append((value, key))
                    break
                seen.add(key)
        return value

    def decoder_of(hook: Callable[[list[tuple[str, Any]]], Any]) -> json.JSONDecoder:
        return json.JSONDecoder(parse_float=json_number, parse_int=json_integer,
                                parse_constant=RefusedNumber, object_pairs_hook=hook)

    decoder = decoder_of(pairs)
    decoder.duplicated = duplicated  # type: ignore[attr-defined]
    decoder.sections = {name: decoder_of(maker_of(pairs) or pairs)  # type: ignore[attr-defined]
                        for name, maker_of in (makers or {}).items()}
    return decoder, duplicated


#: What :func:`read_object_streamed` gives for an array it handed on element by element.
STREAMED: Any = type("Streamed", (), {"__repr__": lambda self: "STREAMED"})()

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_CHUNK = 1 << 18  # bytes read at a time
#: An element larger than this (in characters) is not streamed: the whole reading handles it.
_LARGEST_ELEMENT = 64 << 20


class _NotStreamed(Exception):
    """The text is not what the streamed reading handles; the whole reading says why."""


def read_object_streamed(stream: BinaryIO, arrays: Collection[str],
                         take: Callable[[str, int, Any], None],
                         records: Mapping[str, tuple[type, Compiler]] | None = None,
                         take_many: Callable[[str, int, list[Any]], None] | None = None,
                         batches: Mapping[str, BatchReader] | None = None,
                         ) -> dict[str, Any] | None:
    """Read a JSON object from ``stream`` a piece at a time, as :func:`parse_json` reads it:
    each element of the arrays under the keys ``arrays`` is handed to ``take(key, index,
    element)`` as soon as it is read (and held nowhere else), so the text and the tree of a
    file of hundreds of megabytes never exist whole. Returns the object's other keys with
    their values, and each streamed key with :data:`STREAMED`.

    None when the text is not a well-formed JSON object of distinct keys (or is not UTF-8, or
    nests too deeply): :func:`parse_json` of the whole text then names the problem and its
    place, exactly. The elements handed on before that are to be thrown away.

    ``records`` gives, for some of the arrays, the class of their elements and what compiles its
    maker (:mod:`casedu.dataset.typed`): an element is then handed on as the record the maker
    made of it, or, when it did not, as the JSON value this function gives without ``records``.
    Records made are handed on many at a time to ``take_many(key, index, records)`` when
    given (the first at ``index``, the others after it). ``batches`` gives, for some of those
    arrays, what reads a batch of their records in the layout ``save_dataset`` writes
    (:mod:`casedu.dataset.columns`), tried before the scanner on each batch.
    """
    try:
        return _read_object(_Text(stream), arrays, take, records or {},
                            take_many or _one_by_one(take), batches or {})
    except (_NotStreamed, json.JSONDecodeError, UnicodeDecodeError, RecursionError,
            ValueError):
        return None


class _Text:
    """A file's text, decoded a chunk at a time: ``text[pos:]`` is what is not read yet."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self.text = ""
        self.pos = 0
        self.start = 0  # where the last value read started
        self.eof = False

    def more(self) -> bool:
        """Read the next chunk; False at the end of the file."""
        if self.eof:
            return False
        data = self.stream.read(_CHUNK)
        advance(len(data))  # the bytes of a file being read (casedu.progress)
        self.eof = not data
        self.text = self.text[self.pos:] + self.decoder.decode(data, final=self.eof)
        self.pos = 0
        return True

    def next_char(self) -> str:
        """The next character that is not whitespace ('' at the end), not consumed."""
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def expect(self, *chars: str) -> str:
        """Consume the next character, which must be one of ``chars``."""
        char = self.next_char()
        if char == "" or char not in chars:
            raise _NotStreamed
        self.pos += 1
        return char

    def value(self, decoder: json.JSONDecoder) -> Any:
        """The JSON value that starts at the next character."""
        self.next_char()
        return self.value_here(decoder)

    def value_here(self, decoder: json.JSONDecoder) -> Any:
        """The JSON value that starts right here (no whitespace before it)."""
        scan = decoder.scan_once  # type: ignore[attr-defined]  # raw_decode without its frame
        while True:
            try:
                value, end = scan(self.text, self.pos)
            except (StopIteration, json.JSONDecodeError):
                # cut by the chunk, or malformed: more text tells, up to a limit
                if len(self.text) - self.pos > _LARGEST_ELEMENT or not self.more():
                    raise _NotStreamed from None
                continue
            if end == len(self.text) and self.more():
                continue  # a number or literal may go on in the next chunk
            self.start, self.pos = self.pos, end
            return value


def _read_object(text: _Text, arrays: Collection[str], take: Callable[[str, int, Any], None],
                 records: Mapping[str, tuple[type, Compiler]],
                 take_many: Callable[[str, int, list[Any]], None],
                 batches: Mapping[str, BatchReader]) -> dict[str, Any]:
    decoder, duplicated = _decoder({name: make for name, (_, make) in records.items()})
    found: dict[str, Any] = {}
    text.expect("{")
    if text.next_char() == "}":
        text.pos += 1
    else:
        while True:
            if text.next_char() != '"':
                raise _NotStreamed
            key = text.value(decoder)
            if key in found:
                raise _NotStreamed
            text.expect(":")
            if key in arrays and text.next_char() == "[":
                text.pos += 1
                found[key] = STREAMED
                _read_array(text, key, decoder, records.get(key), take, take_many,
                            batches.get(key))
            else:
                found[key] = text.value(decoder)
                if duplicated:
                    raise _NotStreamed
            if text.expect(",", "}") == "}":
                break
    if text.next_char() != "":
        raise _NotStreamed  # more after the object
    return found


def _one_by_one(take: Callable[[str, int, Any], None]) -> Callable[[str, int, list[Any]], None]:
    def take_many(key: str, index: int, values: list[Any]) -> None:
        for offset, value in enumerate(values):
            take(key, index + offset, value)

    return take_many


def _read_array(text: _Text, key: str, decoder: json.JSONDecoder,
                record: tuple[type, Compiler] | None, take: Callable[[str, int, Any], None],
                take_many: Callable[[str, int, list[Any]], None],
                columns: BatchReader | None = None) -> None:
    """The elements of the array whose ``[`` was just read, handed on, and its ``]``.

    The elements of a section with a record maker are read a batch at a time, once the text
    between two elements is known (``,\\n  `` in a file of :func:`casedu.save_dataset`): the
    text read so far is cut after the last ``}`` followed by it, and the elements before the
    cut are read by one call into the scanner, as the array ``[...]`` they make. A cut that is
    not between two elements leaves a ``{`` or a string open, so that reading fails; and when
    it fails, or an element was not made into its record, the same elements are read again
    one at a time as below, and batches are not tried again in this array. With ``columns``,
    each batch is first read by it (:mod:`casedu.dataset.columns`), and by the scanner when it
    makes no records of it."""
    duplicated = decoder.duplicated  # type: ignore[attr-defined]
    record_type = record[0] if record is not None else None
    elements = decoder.sections.get(key, decoder)  # type: ignore[attr-defined]
    index = 0
    batches = record_type is not None  # False once a batch failed
    between: str | None = None  # the text between two elements, once seen
    if text.next_char() == "]":
        text.pos += 1
        return
    while True:
        made = _batch(text, elements, record_type, between, columns) \
            if between is not None else []
        if duplicated:
            raise _NotStreamed
        if made is None:
            batches, between = False, None
        if made:
            take_many(key, index, made)
            index += len(made)
            del made
        else:  # one element
            element = text.value_here(elements)
            if record_type is not None and type(element) is not record_type:
                # not made: read again as JSON, with no record made inside it
                text.pos = text.start
                element = text.value_here(decoder)
            if duplicated:
                raise _NotStreamed
            take(key, index, element)
            del element
            index += 1
        # most often a comma and the next element, all in the text read
        comma = _COMMA.match(text.text, text.pos)
        if comma is not None and comma.end() < len(text.text):
            if batches and between is None:
                between = comma.group()
            text.pos = comma.end()
            continue
        if text.expect(",", "]") == "]":
            return
        text.next_char()


def _batch(text: _Text, elements: json.JSONDecoder, record_type: type | None,
           between: str, columns: BatchReader | None = None) -> list[Any] | None:
    """The records of the elements from here to the last cut in the text read (see
    :func:`_read_array`), the text then at the end of the last one; [] when there is no cut,
    None when they are not all made records (the text left where it was)."""
    if len(text.text) - text.pos < _CHUNK:
        text.more()
    start = text.pos
    cut = text.text.rfind("}" + between, start)
    if cut < start:
        return []
    if columns is not None:
        made = columns(text.text, start, cut + 1, between)
        if made is not None:
            text.pos = cut + 1
            return made
    batch = "[" + text.text[start:cut + 1] + "]"
    try:
        values, end = elements.scan_once(batch, 0)  # type: ignore[attr-defined]
    except (StopIteration, ValueError, RecursionError):
        return None
    if set(map(type, values)) != {record_type}:
        return None
    # the array read ends at the cut, or before it at the section's own "]"
    text.pos = start + end - 2
    return values  # type: ignore[no-any-return]


def _path_to(root: Any, target: Any) -> str:
    """The place of ``target`` inside ``root`` (``people[3].implementation``); found by
    walking, which happens only when there is an error to report."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        value, path = stack.pop()
        if value is target:
            return path
        if isinstance(value, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))
    return ""  # pragma: no cover - the target is always inside the root
