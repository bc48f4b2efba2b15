"""The app: the pages of every menu over one store, as an ASGI application.

>>> from casedu.sample import sample_dataset
>>> from casedu.services import MemoryStore
>>> app = create_app(MemoryStore(sample_dataset()))
>>> from starlette.testclient import TestClient
>>> with TestClient(app) as client:
...     page = client.get("/login")
>>> page.status_code, "用户名" in page.text, page.headers["x-content-type-options"]
(200, True, 'nosniff')
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from casedu.errors import expect
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.services import Store, Workflow
from casedu.web.guard import Guard, TooLarge
from casedu.web.portal import Portal
from casedu.web.settings import WebSettings

__all__ = ["create_app"]


def create_app(store_or_url: Store | str | os.PathLike[str] | None, *,
               policy: Policy | None = None, settings: WebSettings | None = None) -> ASGIApp:
    """The portal's pages over a store: a :class:`~casedu.services.Store` (casedu's SQL store, a
    :class:`~casedu.services.MemoryStore`, a portal's own), or a workspace file or database URL
    to open (None: the URL in ``CASEDU_DATABASE_URL``). ``policy`` holds the rules' numbers.

    The result is an ASGI application: serve it with uvicorn, or mount it in a portal under a
    path of its own (``Mount("/casedu", app=create_app(...))``; its links and cookies follow
    the path it is reached under)."""
    settings = settings if settings is not None else WebSettings()
    expect("settings", settings, WebSettings, what="a casedu.web.WebSettings")
    if policy is not None:
        expect("policy", policy, Policy, what="a casedu.Policy")
    owned = not isinstance(store_or_url, Store)
    store = _open(store_or_url)
    flow = Workflow(store, clock=settings.clock, policy=policy or DEFAULT_POLICY,
                    hasher=settings.hasher, session_limits=settings.session_limits)
    portal = Portal(flow, settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        close = getattr(store, "close", None)
        if owned and close is not None:
            close()

    app = Starlette(routes=routes(), lifespan=lifespan, exception_handlers={
        HTTPException: portal.http_error, TooLarge: portal.too_large,
        Exception: portal.server_error})
    app.state.portal = portal
    portal.attach(app)
    return Guard(app, max_body=settings.max_upload, hsts_subdomains=settings.hsts_subdomains,
                 error_page=portal.outside_page)


def routes() -> list[BaseRoute]:
    """Every page's route, menu by menu, and the style sheet."""
    from casedu.web.pages import MENUS

    found: list[BaseRoute] = [route for pages in MENUS for route in pages.routes]
    found.append(Mount("/static", StaticFiles(packages=[("casedu.web", "static")]),
                       name="static"))
    return found


def _open(store_or_url: Any) -> Store:
    from casedu.store import open_store

    if isinstance(store_or_url, Store):
        return store_or_url
    if store_or_url is None or isinstance(store_or_url, (str, os.PathLike)):
        return open_store(store_or_url)
    expect("store_or_url", store_or_url, str, os.PathLike,
           what="a Store, a workspace file or a database URL")
    raise AssertionError("unreachable")  # pragma: no cover
