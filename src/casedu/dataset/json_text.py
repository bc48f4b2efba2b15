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

import json
from typing import Any

from casedu.errors import CaseduError
from casedu.quantities import RefusedNumber, json_number

__all__ = ["JsonTextError", "parse_json"]


class JsonTextError(CaseduError, ValueError):
    """JSON text that casedu does not read, with its place (line and column) when known."""

    def __init__(self, place: str, reason: str) -> None:
        self.place = place
        self.reason = reason
        super().__init__(f"{place}: {reason}" if place else reason)


def parse_json(text: str) -> Any:
    """The JSON value of ``text``, or :class:`JsonTextError` naming the place."""
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

    try:
        value = json.loads(text, parse_float=json_number, parse_constant=RefusedNumber,
                           object_pairs_hook=pairs)
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
