"""The pages over the small academy of the workflow tests (two institutes, two departments, an
account per role), and a client that logs in as a browser does."""

from __future__ import annotations

import datetime as dt
import re

from starlette.testclient import TestClient

from casedu.services import MemoryStore
from casedu.web import WebSettings, create_app
from tests.services.world import HASHER, NOW, PASSWORD, accounts, world_dataset

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Clock:
    """A clock the tests move."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = _CSRF.search(html)
    assert found is not None, "the page has a form with its CSRF token"
    return found.group(1)


class Site:
    """The app over ``store`` (the small academy by default), with a clock the test moves."""

    def __init__(self, store=None, *, settings: dict | None = None,
                 base_url: str = "http://testserver") -> None:
        self.store = store if store is not None else MemoryStore(world_dataset(), accounts())
        self.clock = Clock()
        self.settings = WebSettings(hasher=HASHER, clock=self.clock, **(settings or {}))
        self.app = create_app(self.store, settings=self.settings)
        self.base_url = base_url

    def client(self) -> Client:
        """A new browser: no cookies yet."""
        return Client(TestClient(self.app, base_url=self.base_url, follow_redirects=False))


class Client:
    """One browser's cookies and the forms it posts."""

    def __init__(self, http: TestClient) -> None:
        self.http = http

    def get(self, path: str, **options):
        return self.http.get(path, **options)

    def post(self, path: str, data: dict | None = None, *, csrf: str | None = "auto",
             **options):
        """Post a form with this session's CSRF token (``csrf=None`` leaves it out)."""
        fields = dict(data or {})
        if csrf == "auto":
            csrf = self.csrf()
        if csrf is not None:
            fields["csrf"] = csrf
        return self.http.post(path, data=fields, **options)

    def csrf(self) -> str:
        """The token the pages of this session carry."""
        page = "/" if self.logged_in else "/login"
        return csrf_of(self.http.get(page, follow_redirects=True).text)

    @property
    def logged_in(self) -> bool:
        return any(c.name.endswith("casedu_session") for c in self.http.cookies.jar)

    def login(self, username: str, password: str = PASSWORD):
        """Log in through the form; returns the answer (303 on success)."""
        token = csrf_of(self.http.get("/login").text)
        return self.http.post("/login", data={"csrf": token, "username": username,
                                              "password": password})
