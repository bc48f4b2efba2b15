"""Training plans, their implementation and their classes (培训计划, 实施计划, 培训班)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import InvalidValueError
from casedu.model import _fields
from casedu.model.enums import PlanKind, PlanStatus

__all__ = ["Implementation", "PlanFigures", "TrainingPlan"]

# The plan fields an implementation may override (SPEC section 6).
_OVERRIDABLE = (
    "name", "premium", "audience", "content", "objectives", "start", "end",
    "location", "hours", "expense", "contact", "phone",
)



@attrs.frozen(kw_only=True)
class Implementation:
    """实施计划: what actually happened. Any plan field left ``None`` keeps the plan's value."""

    attendees: int = attrs.field(validator=_fields.count)  # 参会人数
    staff: int = attrs.field(validator=_fields.count)  # 工作人数
    name: str | None = attrs.field(default=None, validator=_fields.optional(_fields.text))
    premium: bool | None = attrs.field(default=None, validator=_fields.optional(_fields.flag))
    audience: str | None = attrs.field(default=None, validator=_fields.long_text)
    content: str | None = attrs.field(default=None, validator=_fields.long_text)
    objectives: str | None = attrs.field(default=None, validator=_fields.long_text)
    start: dt.date | None = attrs.field(default=None, validator=_fields.optional(_fields.date))
    end: dt.date | None = attrs.field(default=None, validator=_fields.optional(_fields.date))
    location: str | None = attrs.field(default=None, validator=_fields.line)
    hours: Decimal | None = attrs.field(default=None, validator=_fields.optional(_fields.hours))
    expense: Decimal | None = attrs.field(default=None, converter=_fields.fen,
                                          validator=_fields.optional(_fields.money))
    contact: str | None = attrs.field(default=None, validator=_fields.line)
    phone: str | None = attrs.field(default=None, validator=_fields.line)


@attrs.frozen(kw_only=True)
class PlanFigures:
    """A plan's figures as they stand: the implementation's where it sets them, else the plan's."""

    name: str
    premium: bool
    audience: str | None
    content: str | None
    objectives: str | None
    start: dt.date
    end: dt.date
    location: str | None
    hours: Decimal
    expense: Decimal
    contact: str | None
    phone: str | None
    attendees: int
    staff: int
    implemented: bool


@attrs.frozen(kw_only=True)
class TrainingPlan:
    """培训计划: a plan of kind 项目计划.

    Creating a plan creates its class (培训班); the class shares the plan's id.


    >>> plan = TrainingPlan(id="tp1", institute="IOP", name="安全培训", premium=False,
    ...     start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 6), planned_participants=40,
    ...     hours=Decimal(32), expense=Decimal("12000.00"), status=PlanStatus.PUBLISHED,
    ...     kind=PlanKind.PROJECT,
    ...     implementation=Implementation(attendees=38, staff=4, hours=Decimal(30)))
    >>> plan.figures.hours, plan.figures.attendees, plan.figures.start
    (Decimal('30'), 38, datetime.date(2026, 3, 2))
    """

    id: str = attrs.field(validator=_fields.identifier)
    institute: str = attrs.field(validator=_fields.identifier)
    name: str = attrs.field(validator=_fields.text)  # 培训名称
    premium: bool = attrs.field(validator=_fields.flag)  # 是否精品
    start: dt.date = attrs.field(validator=_fields.date)
    end: dt.date = attrs.field(validator=_fields.date)
    planned_participants: int = attrs.field(validator=_fields.count)  # 计划参加人数
    hours: Decimal = attrs.field(validator=_fields.hours)  # 学时
    expense: Decimal = attrs.field(converter=_fields.fen, validator=_fields.money)  # 经费开支
    status: PlanStatus = attrs.field(validator=_fields.one_of(PlanStatus))
    kind: PlanKind = attrs.field(validator=_fields.one_of(PlanKind))
    department: str | None = attrs.field(
        default=None, validator=_fields.optional(_fields.identifier)
    )
    audience: str | None = attrs.field(default=None, validator=_fields.long_text)  # 培训对象
    content: str | None = attrs.field(default=None, validator=_fields.long_text)  # 培训内容
    objectives: str | None = attrs.field(default=None, validator=_fields.long_text)  # 目的目标
    location: str | None = attrs.field(default=None, validator=_fields.line)  # 培训地点
    contact: str | None = attrs.field(default=None, validator=_fields.line)  # 联系人
    phone: str | None = attrs.field(default=None, validator=_fields.line)  # 联系电话
    implementation: Implementation | None = None
    effectiveness: str | None = attrs.field(default=None, validator=_fields.long_text)  # 培训成效

    def __attrs_post_init__(self) -> None:
        _fields.date_order(self.start, self.end)
        if self.implementation is not None:
            figures = self.figures
            if figures.end < figures.start:
                raise InvalidValueError(
                    f"actually ends {figures.end.isoformat()} "
                    f"before it actually starts {figures.start.isoformat()}",
                    field="implementation.end",
                )
        elif self.effectiveness is not None:
            raise InvalidValueError(
                "effectiveness (培训成效) is written only once the plan is implemented",
                field="effectiveness",
            )

    @property
    def implemented(self) -> bool:
        """已实施: the plan has its implementation."""
        return self.implementation is not None

    @property
    def figures(self) -> PlanFigures:
        """The plan's figures with the implementation's overrides; 0 attendees and staff if not
        implemented (the manual's export rule)."""
        impl = self.implementation
        values: dict[str, Any] = {name: getattr(self, name) for name in _OVERRIDABLE}
        if impl is not None:
            values.update(
                (name, getattr(impl, name))
                for name in _OVERRIDABLE
                if getattr(impl, name) is not None
            )
        return PlanFigures(
            **values,
            attendees=impl.attendees if impl is not None else 0,
            staff=impl.staff if impl is not None else 0,
            implemented=impl is not None,
        )

    @property
    def actual_start(self) -> dt.date:
        """The start that counts: the implementation's where it sets one (R1)."""
        impl = self.implementation
        return impl.start if impl is not None and impl.start is not None else self.start

    @property
    def actual_end(self) -> dt.date:
        """The end that counts: the implementation's where it sets one (R1)."""
        impl = self.implementation
        return impl.end if impl is not None and impl.end is not None else self.end

    @property
    def class_hours(self) -> Decimal:
        """The hours a confirmed attendee is credited (R2)."""
        impl = self.implementation
        return impl.hours if impl is not None and impl.hours is not None else self.hours
