"""One request as a page sees it: who is acting (the session's actor), the CSRF token, and the
helpers a page uses to answer: render a template, redirect, build a link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import urlencode

import attrs
import jinja2
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from casedu.model import Role
from casedu.services.authorization import OPERATIONS, Actor
from casedu.services.session_types import Session
from casedu.web.cookies import Cookies
from casedu.web.settings import WebSettings

if TYPE_CHECKING:
    from casedu.services import Workflow

__all__ = ["NOTICES", "ROLE_NAMES", "Site", "Visit"]

R = TypeVar("R")

#: The roles as the portal names them (切换至"研究所管理员"角色).
ROLE_NAMES = {Role.INSTITUTE_ADMIN: "研究所管理员", Role.DEPARTMENT_ADMIN: "部门管理员",
              Role.CLASS_ADMIN: "培训班管理员", Role.STAFF: "普通职工",
              Role.ACADEMY_ADMIN: "院级管理员"}


#: What a page says after an action sent the browser to it (``?done=KEY``): fixed words, never
#: anything the user typed. A page's module adds its own.
NOTICES: dict[str, str] = {"password": "密码已修改，其他设备上的登录已全部退出。"}


class Site(Protocol):
    """What a visit and the routes use of the app's shared parts
    (:class:`casedu.web.portal.Portal`)."""

    flow: Workflow
    settings: WebSettings
    cookies: Cookies
    templates: jinja2.Environment

    def path(self, request: Request, name: str, **params: Any) -> str:
        """The path of route ``name`` where the app is mounted."""
        ...

    def has_route(self, name: str) -> bool:
        """Whether the app has a route ``name``."""
        ...

    def visit(self, request: Request, who: str) -> tuple[Visit, Response | None]:
        """The visit of a request, and where to send it instead."""
        ...

    def error(self, visit: Visit | None, status: int, detail: str | None = None,
              headers: dict[str, str] | None = None, *, prefix: str = "") -> Response:
        """The page of an error."""
        ...

    def refusal(self, visit: Visit, error: Exception) -> Response:
        """The answer to an error the library raised."""
        ...

    def login_token(self) -> str:
        """A new CSRF token for the login form."""
        ...

    async def run(self, function: Callable[..., R], *args: Any) -> R:
        """``function(*args)`` in a worker thread, as many at once as the settings say."""
        ...


@attrs.define
class Visit:
    """The request, the portal, and the session with its actor (None before login). ``csrf``
    is the token a form of this page posts back."""

    request: Request
    portal: Site
    session: Session | None
    actor: Actor | None
    csrf: str
    #: The session's token, as the browser carried it (None before login).
    token: str | None = None
    #: Cookies to set (a value) or remove (None) on the response.
    cookies: dict[str, str | None] = attrs.field(factory=dict)
    #: :attr:`csrf_field`, made once (a list page puts it in every row's form).
    _csrf_field: Markup | None = attrs.field(default=None, init=False, repr=False)

    # -- who -------------------------------------------------------------------------------

    @property
    def flow(self) -> Workflow:
        """The workflow: every change and every read of the pages goes through it."""
        return self.portal.flow

    @property
    def me(self) -> Actor:
        """The actor of a page that needs a login (the route is never reached without one)."""
        assert self.actor is not None, "a page behind the login has an actor"
        return self.actor

    @property
    def role_name(self) -> str:
        """The active role's name."""
        return ROLE_NAMES[self.me.role]

    @property
    def roles(self) -> list[tuple[str, str]]:
        """The roles the account holds, as (value, name), for 切换角色."""
        return [(g.role.value, ROLE_NAMES[g.role]) for g in self.me.account.grants]

    def may(self, operation: str) -> bool:
        """Whether the active role is one that may perform ``operation`` at all (the library's
        table, :data:`casedu.services.OPERATIONS`): what a menu or a button shows. The scope of
        each record is the workflow's to check when the operation runs."""
        return self.actor is not None and self.actor.role in OPERATIONS.get(operation, ())

    # -- the request -----------------------------------------------------------------------

    def param(self, name: str) -> str:
        """A part of the route's path (``{plan}``)."""
        return str(self.request.path_params[name])

    def query(self, name: str, default: str | None = None) -> str | None:
        """A value of the query string, trimmed; empty is ``default``."""
        value = self.request.query_params.get(name, "").strip()
        return value or default

    def whole(self, name: str, default: int) -> int:
        """A whole number of the query string (a year, a page); anything else is ``default``."""
        value = self.query(name)
        return int(value) if value is not None and value.isascii() and value.isdigit() \
            and len(value) <= 6 else default

    @property
    def today(self) -> dt.date:
        """Today in the institute's time zone (the policy's)."""
        import zoneinfo

        return self.flow.clock().astimezone(zoneinfo.ZoneInfo(self.flow.policy.time_zone)).date()

    @property
    def year(self) -> int:
        """The year a page shows: ``?year=``, else this year."""
        return self.whole("year", self.today.year)

    @property
    def years(self) -> range:
        """The years a page offers: next year, this year and the five before."""
        return range(self.today.year + 1, self.today.year - 6, -1)

    @property
    def offset(self) -> int:
        """The first row of the page ``?page=`` asks for."""
        return (max(self.whole("page", 1), 1) - 1) * self.portal.settings.page_size

    # -- answers ---------------------------------------------------------------------------

    def url(self, name: str, query: Mapping[str, Any] | None = None, **params: Any) -> str:
        """The path of the route ``name`` where the app is mounted, with a query string."""
        path = self.portal.path(self.request, name, **params)
        if not query:
            return path
        wanted = {k: v for k, v in (query or {}).items() if v not in (None, "")}
        return f"{path}?{urlencode(wanted)}" if wanted else path

    @property
    def prefix(self) -> str:
        """The path the app is mounted at ("" at the site's root)."""
        return str(self.request.scope.get("casedu.prefix", ""))

    @property
    def here(self) -> str:
        """This page's path where the app is mounted."""
        path, root = self.request.scope["path"], self.request.scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root):]
        return f"{self.prefix}{path}"

    def page_url(self, number: int) -> str:
        """This page with the same query, at page ``number``."""
        query = dict(self.request.query_params)
        query["page"] = str(number)
        return f"{self.here}?{urlencode(query)}"

    @property
    def csrf_field(self) -> Markup:
        """The hidden field that carries the CSRF token in a form this page posts."""
        if self._csrf_field is None:
            self._csrf_field = Markup('<input type="hidden" name="csrf" value="{}">').format(
                self.csrf)
        return self._csrf_field

    @property
    def notice(self) -> str | None:
        """What the last action did, when it sent the browser here."""
        return NOTICES.get(self.query("done") or "")

    def render(self, template: str, status: int = 200, **values: Any) -> Response:
        """The page ``template`` (under ``templates/``) with ``values`` and this visit."""
        html = self.portal.templates.get_template(template).render(visit=self, **values)
        return self.finish(HTMLResponse(html, status_code=status))

    def redirect(self, name: str, query: Mapping[str, Any] | None = None,
                 **params: Any) -> Response:
        """See Other: the route ``name`` after a form was posted (the browser GETs it)."""
        return self.finish(RedirectResponse(self.url(name, query, **params), status_code=303))

    def finish(self, response: Response) -> Response:
        """The response with this visit's cookies set or removed."""
        self.portal.cookies.apply(self.request, response, self.cookies)
        return response
