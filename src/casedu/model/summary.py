"""The annual training summary (年度培训总结) as the institute admin keeps it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import InvalidValueError
from casedu.model import _fields
from casedu.model.enums import SummaryStatus

__all__ = ["FIGURE_KEYS", "PLAN_COUNT_KEYS", "AnnualSummary"]

#: The keys of a summary's figures, as ``casedu summary --format json`` gives them.
FIGURE_KEYS = (
    "institute", "year", "total_person_times", "total_person_times_system",
    "plan_execution_rate", "completed_count", "required_count", "completion_rate",
    "in_service_total", "backbone_reported", "backbone_rate", "total_investment",
    "total_hours", "average_hours",
)


#: The counts a summary keeps beside its figures since casedu 0.3: the year's plans and the
#: implemented ones, so that the academy's plan execution rate (Σ implemented / Σ plans) is
#: recomputed from what each institute submitted. A summary of an earlier casedu has neither.
PLAN_COUNT_KEYS = ("plans_count", "implemented_count")


def _figures(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    counts = set(value) - set(FIGURE_KEYS) if isinstance(value, dict) else set()
    if not isinstance(value, dict) or not set(FIGURE_KEYS) <= set(value) \
            or counts not in (set(), set(PLAN_COUNT_KEYS)):
        raise InvalidValueError(
            f"must hold exactly the keys {', '.join(FIGURE_KEYS)} (and, kept since casedu "
            f"0.3, {' and '.join(PLAN_COUNT_KEYS)})", field=attribute.name)
    for key in counts:
        if isinstance(value[key], bool) or not isinstance(value[key], int) or value[key] < 0:
            raise InvalidValueError(f"{key} must be a whole number of plans",
                                    field=attribute.name)
    for key, item in value.items():
        if item is not None and (isinstance(item, bool) or not isinstance(item, (str, int))):
            raise InvalidValueError(f"{key} must be text, a whole number or null",
                                    field=attribute.name)
        if isinstance(item, str):
            _fields.check_text(item, f"{attribute.name}.{key}")


@attrs.frozen(kw_only=True)
class AnnualSummary:
    """One institute's summary of one year.

    The admin enters ``total_investment`` (单位投入总经费, R12) and may override
    ``total_person_times`` (单位培训总人次, R11); every other figure is extracted by the system.
    """

    institute: str = attrs.field(validator=_fields.identifier)
    year: int = attrs.field(validator=_fields.year)
    total_investment: Decimal | None = attrs.field(
        default=None, converter=_fields.fen, validator=_fields.optional(_fields.money)
    )
    total_person_times: int | None = attrs.field(
        default=None, validator=_fields.optional(_fields.count)
    )
    status: SummaryStatus = attrs.field(default=SummaryStatus.DRAFT,
                                        validator=_fields.one_of(SummaryStatus))
    #: The system figures as of the last refresh (刷新数据) or the submission: the keys of
    #: ``casedu summary --format json``. A submitted summary keeps them frozen.
    figures: dict[str, Any] | None = attrs.field(default=None, validator=_figures)
    submitted_on: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is SummaryStatus.SUBMITTED:
            if self.figures is None:
                raise InvalidValueError("a submitted summary keeps its figures", field="figures")
            if self.total_investment is None:
                raise InvalidValueError(
                    "a summary is submitted only with the total investment (单位投入总经费)",
                    field="total_investment",
                )

    @property
    def submitted(self) -> bool:
        """提交: the summary is frozen."""
        return self.status is SummaryStatus.SUBMITTED
