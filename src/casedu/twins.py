"""Frozen attrs records made at the cost of plain stores, where they are made by the hundred
thousand (a dataset file's records: :mod:`casedu.dataset.typed`; the Python engine's results:
:mod:`casedu.metrics.year_sums`, :mod:`casedu.metrics.backbone`).

A frozen attrs class refuses ``obj.field = value``; its ``__init__`` sets each slot through
``object.__setattr__``, a call of a method-wrapper each, and its slots' descriptors take a
call each too. The *twin* of a slotted class is a subclass that adds no slot and stores as a
plain class does. A record is made as an instance of the twin, its fields stored, then given
its own class (``obj.__class__ = cls``, which Python allows between classes of the same
slots): it is a record of its class like any other, and nothing ever sees the twin.

>>> import attrs
>>> @attrs.frozen(kw_only=True)
... class Point:
...     x: int
...     y: int = 0
>>> point = quick_maker(Point)(x=1)
>>> point == Point(x=1), type(point) is Point
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["quick_maker", "twin"]

T = TypeVar("T")

#: The twin of each class (:func:`twin`), made once.
_TWINS: dict[type, type | None] = {}
_MAKERS: dict[type, Callable[..., Any]] = {}


def twin(cls: type) -> type | None:
    """The twin of the slotted class ``cls``: a subclass that adds no slot and sets its slots
    as a plain class does, whose instances may be given the class ``cls``. None when Python
    refuses that for ``cls``."""
    if cls not in _TWINS:
        try:
            made = type(cls.__name__, (cls,), {
                "__slots__": (), "__module__": cls.__module__, "__init__": object.__init__,
                "__setattr__": object.__setattr__, "__delattr__": object.__delattr__})
            made().__class__ = cls
        except TypeError:
            made = None
        _TWINS[cls] = made
    return _TWINS[cls]


def quick_maker(cls: type[T]) -> Callable[..., T]:
    """A function that makes a ``cls`` of the fields given by keyword, as ``cls(**fields)``
    does, through its twin: for a frozen slotted attrs class whose ``__init__`` only stores
    (no validator, converter, ``__attrs_post_init__`` or factory that takes ``self``); for any
    other class, the class itself."""
    if cls not in _MAKERS:
        _MAKERS[cls] = _compiled(cls) or cls
    return _MAKERS[cls]


def _compiled(cls: type) -> Callable[..., Any] | None:
    made = twin(cls) if attrs.has(cls) and "__slots__" in vars(cls) else None
    if made is None or any(hasattr(cls, name) for name in (
            "__attrs_pre_init__", "__attrs_post_init__", "__attrs_init_subclass__")):
        return None
    namespace: dict[str, Any] = {"TWIN": made, "CLS": cls, "NOTHING": attrs.NOTHING}
    parameters, lines = [], []
    for i, field in enumerate(attrs.fields(cls)):
        default = field.default
        factory = isinstance(default, attrs.Factory)  # type: ignore[arg-type]
        if field.validator is not None or field.converter is not None or \
                (factory and default.takes_self) or not field.name.isidentifier():
            return None
        if not field.init:
            namespace[f"d{i}"] = default.factory if factory else default
            lines.append(f"    obj.{field.name} = d{i}{'()' if factory else ''}")
            continue
        name = field.alias
        if default is attrs.NOTHING:
            parameters.append(name)
        elif factory:
            namespace[f"f{i}"] = default.factory
            parameters.append(f"{name}=NOTHING")
            lines.append(f"    if {name} is NOTHING:")
            lines.append(f"        {name} = f{i}()")
        else:
            namespace[f"d{i}"] = default
            parameters.append(f"{name}=d{i}")
        lines.append(f"    obj.{field.name} = {name}")
    source = "\n".join([f"def make(*, {', '.join(parameters)}):", "    obj = TWIN()", *lines,
                        "    obj.__class__ = CLS", "    return obj"])
    exec(compile(source, f"<casedu quick maker of {cls.__name__}>", "exec"), namespace)
    maker: Callable[..., Any] = namespace["make"]
    return maker
