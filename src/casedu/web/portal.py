"""What the pages of one app share: the workflow, the settings, the templates and the cookies;
opening a request's visit from its session cookie; the pages of errors."""

from __future__ import annotations

import datetime as dt
import functools
import re
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import jinja2
from anyio.lowlevel import RunVar
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import Scope

from casedu.errors import (
    ArgumentTypeError,
    CaseduError,
    ConflictError,
    DatasetError,
    FileRefusedError,
    InvalidValueError,
    LoginFailedError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
    SessionEndedError,
    UnknownRecordError,
    WorkflowError,
)
from casedu.logs import logger
from casedu.quantities import hours_text, money_text
from casedu.services import Workflow
from casedu.web.cookies import LOGIN, SESSION, Cookies
from casedu.web.menus import LEARNING, MANAGEMENT, visible
from casedu.web.messages import original, said
from casedu.web.routing import ANYONE
from casedu.web.settings import WebSettings
from casedu.web.visit import Visit

__all__ = ["ERRORS", "Portal", "compile_templates", "templates"]

_log = logger("web")

R = TypeVar("R")

#: Each error page's title and what it tells, in the portal's words; no internal detail.
ERRORS = {
    400: ("请求有误", "提交的内容未被接受，未作任何更改。"),
    403: ("无权操作", "当前角色无权进行此操作，未作任何更改。"),
    404: ("页面不存在", "找不到所请求的页面或记录。"),
    405: ("请求方式有误", "此页面不接受这种请求方式。"),
    409: ("数据已变更", "记录已被他人同时修改，未作任何更改：请刷新页面后重试。"),
    413: ("文件过大", "上传的内容超过了允许的大小，未作任何更改。"),
    500: ("系统出错", "服务器处理请求时出错，未作任何更改：请稍后重试，如仍出错请联系管理员。"),
}

#: The library's refusals of what a user entered or asked for, and their status.
_STATUS: tuple[tuple[type[CaseduError], int], ...] = (
    (PermissionDeniedError, 403), (UnknownRecordError, 404), (ConflictError, 409),
    (WorkflowError, 400), (InvalidValueError, 400), (ArgumentTypeError, 400),
    (DatasetError, 400), (FileRefusedError, 400),
)


class Portal:
    """The app's shared parts. ``app`` is set once the Starlette app is made."""

    def __init__(self, flow: Workflow, settings: WebSettings) -> None:
        self.flow = flow
        self.settings = settings
        self.cookies = Cookies(settings.secure_cookies)
        self.templates = templates()
        self.app: Starlette | None = None
        # the limiter of the page's threads, one for each event loop the app runs in
        self._limiter: RunVar[anyio.CapacityLimiter | None] = RunVar(
            f"casedu.web threads {id(self)}", None)
        self._names: set[str] = set()
        self._paths: dict[str, _Path] = {}
        #: The menus a role shows, by role (:func:`casedu.web.menus.visible`).
        self.shown: dict[Any, Any] = {}

    def attach(self, app: Starlette) -> None:
        """Remember the app (its routes' names make the links)."""
        self.app = app
        self._names = {getattr(r, "name", None) for r in app.routes} - {None}  # type: ignore[assignment]
        # a page's path by its route's name, its parts found once: Starlette's own look-up
        # tries every route in turn and splits the path at every link, and a page of fifty
        # rows makes hundreds of links
        self._paths = {r.name: _Path(r) for r in app.routes if isinstance(r, Route)}

    async def run(self, function: Callable[..., R], *args: Any) -> R:
        """``function(*args)`` in a worker thread: at most :attr:`WebSettings.threads` at once,
        the others in the order they came."""
        if self.settings.threads is None:
            return await run_in_threadpool(function, *args)
        limiter = self._limiter.get()
        if limiter is None:
            limiter = anyio.CapacityLimiter(self.settings.threads)
            self._limiter.set(limiter)
        return await anyio.to_thread.run_sync(functools.partial(function, *args),
                                              limiter=limiter)

    # -- links -----------------------------------------------------------------------------

    def has_route(self, name: str) -> bool:
        """Whether the app has a route ``name`` (a menu shows the pages that exist)."""
        return name in self._names

    def path(self, request: Request, name: str, **params: Any) -> str:
        """The path of route ``name`` where the app is mounted."""
        assert self.app is not None
        made = self._paths.get(name)
        found = made.of(params) if made is not None else self.app.url_path_for(name, **params)
        return f"{request.scope.get('casedu.prefix', '')}{found}"

    # -- the visit -------------------------------------------------------------------------

    def visit(self, request: Request, who: str) -> tuple[Visit, Response | None]:
        """The visit of ``request``, and where to send it instead when the route is not for
        it: the login when there is no session, 修改密码 while on the initial password."""
        token = self.cookies.read(request, SESSION)
        opened, ended = None, False
        if token is not None:
            try:
                opened = self.flow.resume_session(token)
            except SessionEndedError:
                ended = True
        if opened is None:
            visit = Visit(request, self, None, None, self.cookies.read(request, LOGIN) or "")
            if ended:
                visit.cookies[SESSION] = None
            if who == ANYONE:
                return visit, None
            return visit, visit.redirect("login", {"ended": "1"} if ended else None)
        visit = Visit(request, self, opened.session, opened.actor, opened.session.csrf, token)
        if opened.actor.account.must_change_password and who not in ("initial", ANYONE):
            return visit, visit.redirect("password")
        return visit, None

    def login_token(self) -> str:
        """A new CSRF token for the login form (before there is a session)."""
        return secrets.token_urlsafe(32)

    # -- errors ----------------------------------------------------------------------------

    def error(self, visit: Visit | None, status: int, detail: str | Exception | None = None,
              headers: dict[str, str] | None = None, *, prefix: str = "") -> Response:
        """The page of ``status``, with a line of ``detail`` for the user (``prefix``: where
        the app is mounted, for a page without a visit)."""
        title, text = ERRORS.get(status, ERRORS[500])
        html = self.templates.get_template("errors/error.html").render(
            visit=visit, status=status, title=title, text=text, detail=detail,
            prefix=visit.prefix if visit is not None else prefix)
        response = HTMLResponse(html, status_code=status, headers=headers)
        return visit.finish(response) if visit is not None else response

    def refusal(self, visit: Visit, error: Exception) -> Response:
        """The answer to an error the library raised for this visit."""
        if isinstance(error, PasswordChangeRequiredError):
            return visit.redirect("password")
        if isinstance(error, LoginFailedError):  # the session ended under the request
            visit.cookies[SESSION] = None
            return visit.redirect("login", {"ended": "1"})
        for kind, status in _STATUS:
            if isinstance(error, kind):
                _log.info("refused at %s: %s", visit.request.url.path, error)
                return self.error(visit, status, error)
        _log.error("the library could not serve %s: %s", visit.request.url.path, error)
        return self.error(visit, 500)

    async def http_error(self, request: Request, error: Exception) -> Response:
        """Starlette's own refusals: no route (404), a method the route does not take (405), a
        form that cannot be read (400)."""
        assert isinstance(error, HTTPException)
        visit, _ = await self.run(self.visit, request, ANYONE)
        status = error.status_code if error.status_code in ERRORS else 400
        return self.error(visit, status, headers=dict(error.headers or {}))

    async def too_large(self, request: Request, error: Exception) -> Response:
        """A body past :attr:`WebSettings.max_upload`."""
        return self.error(None, 413, f"上限为 {_size(self.settings.max_upload)}。",
                          prefix=request.scope.get("casedu.prefix", ""))

    async def server_error(self, request: Request, error: Exception) -> Response:
        """Anything else: logged, and the 500 page."""
        _log.error("an error no page handled at %s", request.url.path, exc_info=error)
        return self.error(None, 500, prefix=request.scope.get("casedu.prefix", ""))

    async def outside_page(self, scope: Scope, status: int) -> tuple[bytes, str]:
        """The page of an error met outside any route (for :class:`~casedu.web.guard.Guard`)."""
        detail = f"上限为 {_size(self.settings.max_upload)}。" if status == 413 else None
        response = self.error(None, status, detail, prefix=scope.get("casedu.prefix", ""))
        return bytes(response.body), "text/html; charset=utf-8"


class _Path:
    """The path of a route with its parameters' values, as Starlette's ``url_path_for`` makes
    it (each value through its convertor: a text holds no ``/`` and is not empty), from the
    route's parts found once."""

    def __init__(self, route: Route) -> None:
        self.route = route
        self.parts = re.split(r"\{([^{}]+)\}", route.path_format)  # text, name, text, ...
        self.names = frozenset(route.param_convertors)

    def of(self, params: dict[str, Any]) -> str:
        if not params and not self.names:
            return self.route.path_format
        if params.keys() != self.names:  # Starlette's refusal
            return str(self.route.url_path_for(self.route.name, **params))
        parts = self.parts.copy()
        for i in range(1, len(parts), 2):
            parts[i] = self.route.param_convertors[parts[i]].to_string(params[parts[i]])
        return "".join(parts)


def templates() -> jinja2.Environment:
    """The pages' templates: one environment for every app of the process, so that each
    template is compiled once (the same for every app: nothing in it is an app's own). The
    templates are casedu's files and change only with casedu: they are not looked at again
    once compiled."""
    global _TEMPLATES
    if _TEMPLATES is None:
        made = jinja2.Environment(
            loader=jinja2.PackageLoader("casedu.web", "templates"),
            autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, auto_reload=False, cache_size=-1)
        made.globals.update(management=lambda v: visible(v, MANAGEMENT),
                            learning=lambda v: visible(v, LEARNING))
        made.filters.update(hours=_hours, money=_money, day=_day, yesno=_yesno, said=said,
                            original=original)
        _TEMPLATES = made
    return _TEMPLATES


def compile_templates() -> None:
    """Compile every page's template now rather than at its first request (a server does it
    before it takes requests)."""
    environment = templates()
    for name in environment.list_templates(extensions=["html"]):
        environment.get_template(name)


_TEMPLATES: jinja2.Environment | None = None


def _size(count: int) -> str:
    return f"{count / 2**20:g} MB" if count >= 2**20 else f"{count} 字节"


def _hours(value: Decimal | None) -> str:
    return "" if value is None else hours_text(value)


def _money(value: Decimal | None) -> str:
    # yuan with two decimals, as casedu writes money everywhere (a value to type into a form
    # too, so without thousands separators)
    return "" if value is None else money_text(value)


def _day(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _yesno(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")
