"""The one cattrs converter between the model and the dataset format's JSON values.

Structuring is strict: a string is never turned into a number or the other way round, ``true`` is
not a number, dates are ``YYYY-MM-DD`` only, and unknown keys are refused.

>>> import datetime as dt
>>> converter.structure("2026-03-02", dt.date)
datetime.date(2026, 3, 2)
>>> converter.unstructure(Decimal("11800.00"))
'11800.00'
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from decimal import Decimal
from typing import Any

import cattrs

from casedu.errors import shown
from casedu.quantities import RefusedNumber, decimal_text, parse_decimal

__all__ = ["converter"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only


def _structure_decimal(value: object, _type: object) -> Decimal:
    return parse_decimal(value)


def _structure_date(value: object, _type: object) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}")
    return _date_of(str(value))


@functools.lru_cache(maxsize=4096)
def _date_of(text: str) -> dt.date:
    """One date object for each day read (a year has 366; the records share them)."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(text)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"no such date: {text!r}") from None


def _structure_str(value: object, _type: object) -> str:
    if not isinstance(value, str) or isinstance(value, RefusedNumber):
        raise TypeError(f"expected text, got {shown(value)}")
    return value


def _structure_int(value: object, _type: object) -> int:
    if isinstance(value, RefusedNumber):
        raise TypeError(value.refusal("a whole number"))
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {shown(value)}")
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {shown(value)}")
    return value


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    allowed = [member.value for member in type_]
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"unknown value {shown(value)}; expected one of {choices}")
    return type_(value)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True,
                            omit_if_default=False)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_unstructure_hook(Decimal, decimal_text)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    return conv


converter: cattrs.Converter = _make_converter()


def unstructure_record(record: Any) -> dict[str, Any]:
    """A record as a JSON object, leaving out optional keys that are None."""
    raw = converter.unstructure(record)
    return _without_none(raw)


def _without_none(raw: dict[str, Any]) -> dict[str, Any]:
    # a summary's figures keep their nulls: their keys are fixed, a null is "not applicable"
    return {
        key: _without_none(value) if isinstance(value, dict) and key != "figures" else value
        for key, value in raw.items()
        if value is not None
    }
