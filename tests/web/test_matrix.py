"""Every route, every role, every scope (tests/web/matrix.py), through the test client: allowed,
refused (403, nothing changed, audited as denied), or not found; and every action refused
without its CSRF token, with a wrong one, after logout and for a locked account."""

from __future__ import annotations

import pytest
from starlette.routing import Route

from tests.services.world import PASSWORD
from tests.web.matrix import OUTSIDE, ROLES, ROWS, USERS, outcome
from tests.web.site import Site

CASES = [(row, role, where) for row in ROWS for role in ROLES for where in row.wheres]


def _id(case) -> str:
    row, role, where = case
    return f"{row.method} {row.path} {role.value} {where}"


def _send(client, row, where, **options):
    if row.method == "GET":
        return client.get(row.url(where), params=row.fields(where) or None)
    return client.post(row.url(where), row.fields(where), files=row.files or None, **options)


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_route_role_scope(case):
    row, role, where = case
    site = Site()
    client = site.client()
    assert client.login(USERS[role]).status_code == 303
    token = client.csrf() if row.method == "POST" else None
    before_state, before_events = site.store.state(), site.store.events()
    answer = _send(client, row, where, csrf=token)
    expected = outcome(row, role, where)
    assert "Traceback" not in answer.text
    if expected == "ok":
        wanted = 200 if row.method == "GET" else (row.ok_status or 303)
        assert answer.status_code == wanted, answer.text[-800:]
        if wanted == 200:
            assert site.store.state() == before_state
            assert not [e for e in site.store.events()[len(before_events):]
                        if e.outcome == "done" and not e.action.endswith("session")]
        elif row.done is not None:
            assert row.done(site.store, where)
        return
    assert site.store.state() == before_state
    new = site.store.events()[len(before_events):]
    if expected == "missing":
        assert answer.status_code == 404, answer.text[-800:]
        assert not [e for e in new if e.outcome == "done"]
        return
    assert answer.status_code == 403, answer.text[-800:]
    denied = [e for e in new if e.outcome == "denied"]
    assert denied and all(e.actor == USERS[role] for e in denied)
    assert all(e.outcome == "denied" for e in new)


ACTIONS = [row for row in ROWS if row.method == "POST"]


@pytest.mark.parametrize("row", ACTIONS, ids=[r.path for r in ACTIONS])
@pytest.mark.parametrize("how", ["missing", "wrong", "other session"])
def test_an_action_without_its_csrf_token_changes_nothing(row, how):
    site = Site()
    client, other = site.client(), site.client()
    client.login("IOP")
    other.login("IOP")
    token = {"missing": None, "wrong": "x" * 43, "other session": other.csrf()}[how]
    before_state, before_events = site.store.state(), site.store.events()
    answer = _send(client, row, "in", csrf=token)
    assert answer.status_code == 403 and "CSRF" in answer.text
    assert site.store.state() == before_state and site.store.events() == before_events


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.method} {r.path}" for r in ROWS])
def test_a_session_after_logout_reaches_nothing(row):
    site = Site()
    client = site.client()
    client.login("IOP")
    token = client.csrf()
    stolen = dict(client.http.cookies)
    assert client.post("/logout", csrf=token).status_code == 303
    replay = site.client()
    replay.http.cookies.update(stolen)
    before = site.store.state()
    answer = _send(replay, row, "in", csrf=token)
    assert answer.status_code == 303 and "/login" in answer.headers["location"]
    assert site.store.state() == before


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.method} {r.path}" for r in ROWS])
def test_the_session_of_a_locked_account_reaches_nothing(row):
    site = Site()
    client = site.client()
    client.login("IOP")
    token = client.csrf()
    for _ in range(5):
        assert site.client().login("IOP", "guessing").status_code == 400
    before = site.store.state().dataset
    answer = _send(client, row, "in", csrf=token)
    assert answer.status_code == 303 and "/login" in answer.headers["location"]
    assert site.store.state().dataset == before
    assert client.login("IOP", PASSWORD).status_code == 400  # locked: the login waits too


def test_every_route_has_its_rows():
    site = Site()
    routes = [(method, route) for route in site.app.app.routes
              if isinstance(route, Route) and route.name not in OUTSIDE
              for method in route.methods - {"HEAD"}]

    def reaches(row, method, route):
        return row.method == method and route.path_regex.match(row.url("in")) is not None

    without = [f"{method} {route.path}" for method, route in routes
               if not any(reaches(row, method, route) for row in ROWS)]
    assert not without, "routes without a row in tests/web/matrix.py"
    stray = [f"{row.method} {row.path}" for row in ROWS
             if not any(reaches(row, method, route) for method, route in routes)]
    assert not stray, "rows of no route"
