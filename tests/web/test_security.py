"""What every answer carries (OWASP ASVS 5.0 V3.4), the error pages (no traceback, no internal
detail), the body limit, escaping, and the app mounted in a portal under a path of its own."""

from __future__ import annotations

import attrs
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from casedu.services import MemoryStore
from casedu.web import WebSettings, create_app
from tests.builders import plan
from tests.services.world import HASHER, PASSWORD, accounts, world_dataset
from tests.web.site import Client, Site, csrf_of

HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def _assert_guarded(answer, *, cache="no-store"):
    for name, value in HEADERS.items():
        assert answer.headers[name] == value, name
    csp = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "base-uri 'none'" in csp and "'unsafe-inline'" not in csp
    assert "script-src 'self'" in csp
    assert answer.headers["cache-control"] == cache


def test_pages_errors_and_the_style_sheet_carry_the_headers():
    client = Site().client()
    _assert_guarded(client.get("/login"))
    client.login("IOP")
    _assert_guarded(client.get("/plans"))
    _assert_guarded(client.get("/no-such-page"))
    style = client.get("/static/casedu.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    _assert_guarded(style, cache="max-age=3600")


def test_the_pages_use_no_inline_script_or_style():
    client = Site().client()
    client.login("IOP")
    for path in ("/login", "/", "/plans", "/password"):
        text = client.get(path, follow_redirects=True).text
        assert "<script" not in text and "style=" not in text and "<style" not in text


@pytest.mark.parametrize(("method", "path", "status", "title"), [
    ("GET", "/no-such-page", 404, "页面不存在"),
    ("GET", "/logout", 405, "请求方式有误"),
    ("DELETE", "/plans", 405, "请求方式有误"),
])
def test_an_unknown_page_or_method_gets_its_error_page(method, path, status, title):
    client = Site().client()
    client.login("IOP")
    answer = client.http.request(method, path)
    assert answer.status_code == status and title in answer.text
    assert "Traceback" not in answer.text and "starlette" not in answer.text.lower()
    if status == 405:
        assert "allow" in answer.headers


def test_a_form_that_cannot_be_read_is_a_bad_request():
    client = Site().client()
    client.login("IOP")
    answer = client.http.post("/logout", content=b"--x\r\nnot a part\r\n",
                              headers={"content-type": "multipart/form-data; boundary=x"})
    assert answer.status_code == 400 and "请求有误" in answer.text
    assert "Traceback" not in answer.text


def test_a_body_past_the_limit_is_refused_before_it_is_read():
    site = Site(settings={"max_upload": 2000})
    client = site.client()
    answer = client.http.post("/login", data={"username": "x" * 5000, "password": "y"})
    assert answer.status_code == 413 and "文件过大" in answer.text
    _assert_guarded(answer)


def test_a_streamed_body_past_the_limit_is_refused_while_it_is_read():
    site = Site(settings={"max_upload": 2000})
    client = site.client()

    def chunks():
        for _ in range(10):
            yield b"username=" + b"x" * 500

    answer = client.http.post("/login", content=chunks(),
                              headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413


class _Failing(MemoryStore):
    def find(self, section, /, **where):
        raise RuntimeError("secret detail: the table t_1 is gone at 10.0.0.7")


def test_an_unexpected_error_is_a_500_page_without_detail(caplog):
    store = _Failing(world_dataset(), accounts())
    site = Site(store)
    client = site.client()
    client.login("IOP")
    with caplog.at_level("ERROR", logger="casedu.web"):
        answer = client.get("/plans")
    assert answer.status_code == 500 and "系统出错" in answer.text
    assert "secret detail" not in answer.text and "Traceback" not in answer.text
    _assert_guarded(answer)
    assert "secret detail" in caplog.text  # the server's log keeps what happened


def test_text_from_the_store_is_escaped():
    hostile = attrs.evolve(plan("P9", department="IOP-D1"),
                           name='<script>alert("x")</script>&amp;')
    data = world_dataset()
    data = attrs.evolve(data, plans=(*data.plans, hostile))
    client = Site(MemoryStore(data, accounts())).client()
    client.login("IOP")
    text = client.get("/plans").text
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;amp;" in text


def test_the_app_mounted_in_a_portal_keeps_its_links_and_cookies_under_its_path():
    store = MemoryStore(world_dataset(), accounts())
    casedu = create_app(store, settings=WebSettings(hasher=HASHER))
    portal = Starlette(routes=[
        Route("/", lambda request: PlainTextResponse("the portal's own page")),
        Mount("/casedu", app=casedu)])
    client = Client(TestClient(portal, base_url="https://portal.example",
                               follow_redirects=False))
    login = client.http.get("/casedu/login")
    assert 'action="/casedu/login"' in login.text and "/casedu/static/casedu.css" in login.text
    answer = client.http.post("/casedu/login", data={
        "csrf": csrf_of(login.text), "username": "IOP", "password": PASSWORD})
    assert answer.status_code == 303 and answer.headers["location"] == "/casedu/"
    cookie = [v for k, v in answer.headers.multi_items() if k == "set-cookie"
              and v.startswith("__Secure-casedu_session=")]
    assert cookie and "Path=/casedu/" in cookie[0]
    page = client.http.get("/casedu/plans")
    assert page.status_code == 200 and 'href="/casedu/plans"' in page.text
    assert client.http.get("/").text == "the portal's own page"
    assert client.http.get("/casedu/nope").status_code == 404


def test_a_store_is_opened_from_a_workspace_path(tmp_path):
    from casedu.store import SqliteStore

    workspace = tmp_path / "iop.casedu"
    SqliteStore.open(workspace, create=True).replace_all(world_dataset(),
                                                         accounts=accounts())
    with TestClient(create_app(str(workspace), settings=WebSettings(hasher=HASHER)),
                    follow_redirects=False) as http:
        client = Client(http)
        assert client.login("IOP").status_code == 303
        assert client.get("/plans").status_code == 200


def test_settings_and_stores_of_the_wrong_kind_are_named():
    with pytest.raises(TypeError, match=r"settings must be a casedu\.web\.WebSettings"):
        create_app(MemoryStore(world_dataset()), settings={"page_size": 10})
    with pytest.raises(TypeError, match="store_or_url must be"):
        create_app(42)
    with pytest.raises(ValueError, match="page_size"):
        WebSettings(page_size=0)
