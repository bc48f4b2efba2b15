"""Backbone-talent reports (骨干人才上报)."""

from __future__ import annotations

import datetime as dt

import attrs

from casedu.model import _fields

__all__ = ["BackboneReport"]


@attrs.frozen(kw_only=True)
class BackboneReport:
    """An institute reported ``person`` as a backbone talent of ``year`` (on ``reported_on``)."""

    institute: str = attrs.field(validator=_fields.identifier)
    year: int = attrs.field(validator=_fields.year)
    person: str = attrs.field(validator=_fields.identifier)
    reported_on: dt.date | None = None
