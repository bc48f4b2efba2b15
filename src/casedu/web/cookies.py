"""The two cookies of the pages: the session's token, and the login form's CSRF token before
there is a session. Both ``HttpOnly``, ``SameSite=Lax``, limited to the app's path, and
``Secure`` behind https, where their names carry the ``__Host-`` prefix (the app at the site's
root) or ``__Secure-`` (mounted under a path) (OWASP ASVS 5.0 V3.3)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from starlette.requests import Request
from starlette.responses import Response

__all__ = ["LOGIN", "SESSION", "Cookies"]

#: The kinds of cookie, by what they carry.
SESSION, LOGIN = "session", "login"
_NAMES = {SESSION: "casedu_session", LOGIN: "casedu_login"}


@attrs.frozen
class Cookies:
    """Names, attributes and values of the cookies for a request. ``secure`` None: Secure when
    the request came by https."""

    secure: bool | None = None

    def is_secure(self, request: Request) -> bool:
        """Whether the cookies of this request are ``Secure``."""
        return self.secure if self.secure is not None else request.url.scheme == "https"

    def path(self, request: Request) -> str:
        """The app's own path: the cookies go nowhere else on the site."""
        return f"{request.scope.get('casedu.prefix', '')}/"

    def name(self, request: Request, kind: str) -> str:
        """The cookie's name, with the prefix browsers enforce on secure cookies."""
        name = _NAMES[kind]
        if not self.is_secure(request):
            return name
        return f"__Host-{name}" if self.path(request) == "/" else f"__Secure-{name}"

    def read(self, request: Request, kind: str) -> str | None:
        """The cookie's value, or None."""
        value = request.cookies.get(self.name(request, kind))
        return value or None

    def apply(self, request: Request, response: Response,
              changes: Mapping[str, str | None]) -> None:
        """Set (a value) or remove (None) each cookie of ``changes``, by kind."""
        for kind, value in changes.items():
            name, path = self.name(request, kind), self.path(request)
            secure = self.is_secure(request)
            if value is None:
                response.delete_cookie(name, path=path, secure=secure, httponly=True,
                                       samesite="lax")
            else:  # a session cookie: it lasts as long as the browser, the session less
                response.set_cookie(name, value, path=path, secure=secure, httponly=True,
                                    samesite="lax")
