"""The annual training summary (年度培训总结) as the institute admin keeps it."""

from __future__ import annotations

from decimal import Decimal

import attrs

from casedu.model import _fields
from casedu.model.enums import SummaryStatus

__all__ = ["AnnualSummary"]


@attrs.frozen(kw_only=True)
class AnnualSummary:
    """One institute's summary of one year.

    The admin enters ``total_investment`` (单位投入总经费, R12) and may override
    ``total_person_times`` (单位培训总人次, R11); every other figure is extracted by the system.
    """

    institute: str = attrs.field(validator=_fields.identifier)
    year: int = attrs.field(validator=_fields.year)
    total_investment: Decimal | None = attrs.field(
        default=None, validator=_fields.optional(_fields.money)
    )
    total_person_times: int | None = attrs.field(
        default=None, validator=_fields.optional(_fields.count)
    )
    status: SummaryStatus = SummaryStatus.DRAFT
