"""How a page is declared: each menu's module has a :class:`Pages` and decorates its handlers.

A *view* answers GET and changes nothing; an *action* answers POST, and runs only with the CSRF
token of the visit's session. Both run behind the login unless ``who`` says otherwise: ``ANYONE``
(the login itself), ``INITIAL`` (what an account on its initial password may reach: 修改密码 and
退出). A handler is plain synchronous code (it runs in a worker thread): it calls one workflow
operation, or reads, and answers with ``visit.render(...)`` or ``visit.redirect(...)``. A
:class:`~casedu.errors.CaseduError` it lets through becomes the page of its status (403 for a
refusal, 404 for an unknown record, 400 for a value or state the library refused).

>>> pages = Pages()
>>> @pages.view("/hello", "hello")
... def hello(visit):
...     return visit.render("index.html")
>>> [(r.path, r.name, sorted(r.methods)) for r in pages.routes]
[('/hello', 'hello', ['GET', 'HEAD'])]
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from casedu.errors import CaseduError

if TYPE_CHECKING:
    from casedu.web.visit import Site, Visit

__all__ = ["ANYONE", "INITIAL", "SESSION", "Pages", "csrf_matches"]

#: Who reaches a route: anybody; a session on its initial password; a session (the default).
ANYONE, INITIAL, SESSION = "anyone", "initial", "session"

View = Callable[["Visit"], Response]
Action = Callable[["Visit", FormData], Response]
H = TypeVar("H", bound=Callable[..., Response])

#: Most files and fields one form may post.
MAX_FILES, MAX_FIELDS = 4, 5000


class Pages:
    """The routes of one menu's pages."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def view(self, path: str, name: str, *, who: str = SESSION) -> Callable[[H], H]:
        """Declare a GET page: ``handler(visit) -> Response``."""
        return self._declare(path, name, who, post=False)

    def action(self, path: str, name: str, *, who: str = SESSION) -> Callable[[H], H]:
        """Declare a POST action: ``handler(visit, form) -> Response``, run only with the
        session's CSRF token in the form's ``csrf`` field."""
        return self._declare(path, name, who, post=True)

    def _declare(self, path: str, name: str, who: str, *, post: bool) -> Callable[[H], H]:
        if who not in (ANYONE, INITIAL, SESSION):
            raise ValueError(f"who is one of {ANYONE}, {INITIAL}, {SESSION}, not {who!r}")

        def declare(handler: H) -> H:
            self.routes.append(Route(path, _endpoint(handler, who=who, post=post), name=name,
                                     methods=["POST"] if post else ["GET"]))
            return handler

        return declare


def csrf_matches(expected: str, given: object) -> bool:
    """Whether a form's CSRF token is the expected one (compared in constant time)."""
    return (isinstance(given, str) and bool(expected) and bool(given)
            and hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8")))


def _endpoint(handler: Callable[..., Response], *, who: str,
              post: bool) -> Callable[[Request], Awaitable[Response]]:
    if not post:  # the visit and the page in one turn of a worker thread
        def answer(portal: Site, request: Request) -> Response:
            visit, elsewhere = portal.visit(request, who)
            if elsewhere is not None:
                return elsewhere
            try:
                return _acting(visit, handler, visit)
            except CaseduError as error:
                return portal.refusal(visit, error)

        async def view(request: Request) -> Response:
            portal: Site = request.app.state.portal
            return await portal.run(answer, portal, request)

        view.__name__ = getattr(handler, "__name__", "view")
        view.__doc__ = handler.__doc__
        return view

    async def endpoint(request: Request) -> Response:
        portal: Site = request.app.state.portal
        visit, elsewhere = await portal.run(portal.visit, request, who)
        if elsewhere is not None:
            return elsewhere
        arguments: list[Any] = [visit]
        form: FormData | None = None
        if post:
            form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS,
                                      max_part_size=portal.settings.max_upload)
            if not csrf_matches(visit.csrf, form.get("csrf")):
                await form.close()
                return portal.error(visit, 403, "页面已过期或来源不明（CSRF 校验未通过），"
                                                "未作任何更改：请刷新页面后重试。")
            arguments.append(form)
        try:
            return await portal.run(_acting, visit, handler, *arguments)
        except CaseduError as error:
            return await portal.run(portal.refusal, visit, error)
        finally:
            if form is not None:
                await form.close()

    endpoint.__name__ = getattr(handler, "__name__", "endpoint")
    endpoint.__doc__ = handler.__doc__
    return endpoint


def _acting(visit: Visit, handler: Callable[..., Response], *arguments: Any) -> Response:
    """``handler(*arguments)``, its reads taking the account the visit's session was resumed
    with, read a moment before in this request (:meth:`casedu.services.Workflow.acting`)."""
    if visit.actor is None:
        return handler(*arguments)
    with visit.flow.acting(visit.actor):
        return handler(*arguments)
