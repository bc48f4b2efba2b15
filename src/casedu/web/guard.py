"""What every response carries and every request is held to, whatever route answers it:
security headers (OWASP ASVS 5.0 V3.4), the size of a request's body, and the page of an error
that nothing else handled (never a traceback)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casedu.logs import logger

__all__ = ["CSP", "Guard", "TooLarge"]

_log = logger("web")

#: The pages load their style sheet and scripts from themselves only, run no inline script,
#: and are framed by nobody.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")

#: An error page as (status, body) for a request that went wrong outside any route.
ErrorPage = Callable[[Scope, int], Awaitable[tuple[bytes, str]]]


class TooLarge(Exception):
    """A request's body went past the limit while it was read."""


class Guard:
    """The outermost layer of the app: headers on every response, the body limit on every
    request, and the 500 page for anything a route let through."""

    def __init__(self, app: ASGIApp, *, max_body: int, hsts_subdomains: bool,
                 error_page: ErrorPage) -> None:
        self.app = app
        self.max_body = max_body
        self.hsts = "max-age=31536000" + ("; includeSubDomains" if hsts_subdomains else "")
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # where the app is mounted, as the request reached it (a portal's path, a proxy's prefix)
        scope["casedu.prefix"] = scope.get("root_path", "").rstrip("/")
        started = False
        static = scope["path"].startswith(f"{scope['casedu.prefix']}/static/")
        https = scope.get("scheme") == "https"

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                if https:
                    headers["Strict-Transport-Security"] = self.hsts
                if "cache-control" not in headers:
                    headers["Cache-Control"] = "max-age=3600" if static else "no-store"
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await self._error(scope, send_guarded, 413)
            return
        seen = 0

        async def receive_guarded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise TooLarge
            return message

        try:
            await self.app(scope, receive_guarded, send_guarded)
        except TooLarge:
            if not started:
                await self._error(scope, send_guarded, 413)
        except Exception:
            _log.exception("an error no page handled: %s %s", scope.get("method"),
                           scope.get("path"))
            if not started:
                await self._error(scope, send_guarded, 500)

    async def _error(self, scope: Scope, send: Send, status: int) -> None:
        body, content_type = await self.error_page(scope, status)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type.encode("latin-1")),
                                (b"content-length", str(len(body)).encode("ascii"))]})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
