"""How the pages behave: paging, uploads, sessions, cookies; the defaults suit an institute's
intranet (see docs/web.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from casedu.services.passwords import PasswordHasher
from casedu.services.session_types import SessionLimits

__all__ = ["WebSettings"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{attribute.name} is a whole number of at least 1, got {value!r}")


@attrs.frozen(kw_only=True)
class WebSettings:
    """The pages' settings. ``secure_cookies`` None marks the session cookie ``Secure`` when
    the request came by https (behind a proxy: with ``--proxy-headers``); True always marks it.
    ``hasher`` and ``clock`` are the workflow's (tests pass a cheap hasher and a fixed clock)."""

    #: Rows of a list page (people, plans, attendees).
    page_size: int = attrs.field(default=50, validator=_positive)
    #: The largest request body taken, in bytes: an uploaded file with its form.
    max_upload: int = attrs.field(default=10 * 2**20, validator=_positive)
    session_limits: SessionLimits = attrs.field(factory=SessionLimits)
    secure_cookies: bool | None = None
    #: ``Strict-Transport-Security`` on https responses: a year, and ``includeSubDomains`` when
    #: every host under the portal's domain is served by https too.
    hsts_subdomains: bool = False
    hasher: PasswordHasher | None = None
    clock: Callable[[], dt.datetime] | None = None
    #: How many requests of this app run their page at once (each in a thread of its own);
    #: the others wait their turn, first come first served. None: as many as anyio lets every
    #: synchronous call of the process run at once (40).
    threads: int | None = attrs.field(default=None, validator=attrs.validators.optional(
        _positive))
