"""登录, 修改密码, 切换角色, 退出 through the pages: the session cookie and what ends a session."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from casedu.model import Role, RoleGrant
from casedu.services import MemoryStore, Workflow
from casedu.services.changes import Change
from casedu.services.sessions import session_key
from tests.services.world import HASHER, PASSWORD, accounts, world_dataset
from tests.web.site import Site, csrf_of

NEW = "zhe-shi-xin-mima-7"


def _cookie(answer, name="casedu_session"):
    found = [v for k, v in answer.headers.multi_items()
             if k == "set-cookie" and v.startswith(f"{name}=")]
    assert len(found) == 1, answer.headers
    return found[0]


def test_the_login_page_has_the_manuals_words_and_sets_no_session():
    answer = Site().client().get("/login")
    assert answer.status_code == 200
    for word in ("登录", "用户名", "密码"):
        assert word in answer.text
    assert "casedu_session" not in answer.headers.get("set-cookie", "")
    assert "casedu_login=" in answer.headers["set-cookie"]


def test_a_login_gives_a_new_random_session_id_in_a_cookie_the_page_cannot_read():
    site = Site()
    client = site.client()
    client.http.cookies.set("casedu_session", "fixed-by-an-attacker")
    answer = client.login("dept1")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = _cookie(answer)
    token = cookie.split(";")[0].split("=", 1)[1]
    assert token != "fixed-by-an-attacker" and len(token) >= 43
    attributes = [part.strip().lower() for part in cookie.split(";")[1:]]
    assert "httponly" in attributes and "samesite=lax" in attributes and "path=/" in attributes
    assert "secure" not in attributes  # plain http: a Secure cookie would never come back
    assert site.store.session(session_key(token)).username == "dept1"
    assert client.get("/plans").status_code == 200


def test_behind_https_the_cookie_is_secure_and_carries_the_host_prefix():
    site = Site(base_url="https://portal.example")
    client = site.client()
    answer = client.login("dept1")
    cookie = _cookie(answer, "__Host-casedu_session")
    assert "secure" in cookie.lower()
    page = client.get("/plans")
    assert page.status_code == 200
    assert page.headers["strict-transport-security"] == "max-age=31536000"


def test_a_failed_login_says_nothing_of_which_part_was_wrong():
    site = Site()
    unknown = site.client().login("nobody", "whatever-1")
    wrong = site.client().login("dept1", "whatever-1")
    assert unknown.status_code == wrong.status_code == 400
    assert "用户名或密码错误" in unknown.text and "用户名或密码错误" in wrong.text
    assert "set-cookie" not in wrong.headers or "casedu_session" not in wrong.headers["set-cookie"]


def test_a_login_without_the_forms_token_is_refused():
    site = Site()
    client = site.client()
    answer = client.http.post("/login", data={"username": "dept1", "password": PASSWORD})
    assert answer.status_code == 403 and "CSRF" in answer.text
    client.get("/login")
    answer = client.http.post("/login", data={"username": "dept1", "password": PASSWORD,
                                              "csrf": "not-the-cookies"})
    assert answer.status_code == 403


def test_logout_ends_the_session_on_the_server():
    site = Site()
    client = site.client()
    client.login("staff1")
    token = client.http.cookies.get("casedu_session")
    answer = client.post("/logout")
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert site.store.session(session_key(token)) is None
    assert 'casedu_session=""' in answer.headers["set-cookie"]
    replay = site.client()
    replay.http.cookies.set("casedu_session", token)
    again = replay.get("/")
    assert again.status_code == 303 and again.headers["location"] == "/login?ended=1"
    assert "会话已结束" in replay.get("/login?ended=1").text


def test_an_idle_session_times_out():
    site = Site()
    client = site.client()
    client.login("IOP")
    site.clock.now += dt.timedelta(minutes=29)
    assert client.get("/plans").status_code == 200
    site.clock.now += dt.timedelta(minutes=30)
    answer = client.get("/plans")
    assert answer.status_code == 303 and answer.headers["location"] == "/login?ended=1"


def test_the_first_login_on_an_initial_password_forces_the_password_change():
    store = MemoryStore(world_dataset(), [a for a in accounts() if a.username != "IOA"])
    Workflow(store, hasher=HASHER).bootstrap_institute_admin("IOA")
    site = Site(store)
    client = site.client()
    assert client.login("IOA", "IOA654321").headers["location"] == "/password"
    for path in ("/", "/plans"):
        answer = client.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/password"
    page = client.get("/password")
    assert "修改密码" in page.text and "初始密码" in page.text and "本机构计划" not in page.text
    mismatch = client.post("/password", {"old": "IOA654321", "new": NEW, "again": NEW + "x"})
    assert mismatch.status_code == 400 and "不一致" in mismatch.text
    weak = client.post("/password", {"old": "IOA654321", "new": "12345678",
                                      "again": "12345678"})
    assert weak.status_code == 400 and "this password is too common" in weak.text
    done = client.post("/password", {"old": "IOA654321", "new": NEW, "again": NEW})
    assert done.status_code == 303 and done.headers["location"] == "/?done=password"
    assert client.get("/plans").status_code == 200


def test_a_password_change_ends_the_other_sessions_and_renews_this_one():
    site = Site()
    here, there = site.client(), site.client()
    here.login("dept1")
    there.login("dept1")
    old = here.http.cookies.get("casedu_session")
    wrong = here.post("/password", {"old": "not-it-at-all", "new": NEW, "again": NEW})
    assert wrong.status_code == 400 and "原密码不正确" in wrong.text
    answer = here.post("/password", {"old": PASSWORD, "new": NEW, "again": NEW})
    assert answer.status_code == 303
    assert here.http.cookies.get("casedu_session") not in (None, old)
    assert here.get("/plans").status_code == 200
    assert there.get("/plans").headers["location"] == "/login?ended=1"
    assert "密码已修改" in here.get("/?done=password").text


def test_an_account_with_several_roles_switches_between_them():
    store = MemoryStore(world_dataset(), accounts())
    account = store.get("accounts", ("dept1",))
    store.commit([Change(account, attrs.evolve(account, grants=(
        *account.grants, RoleGrant(role=Role.STAFF, institute="IOP"))))], [])
    site = Site(store)
    client = site.client()
    client.login("dept1")
    home = client.get("/").text
    assert "切换角色" in home and "部门管理员" in home and "普通职工" in home
    assert client.post("/role", {"role": "staff"}).status_code == 303
    assert "（普通职工）" in client.get("/").text
    assert client.get("/plans").status_code == 403  # staff have no 本机构计划
    refused = client.post("/role", {"role": "institute_admin"})
    assert refused.status_code == 403
    assert client.post("/role", {"role": "emperor"}).status_code == 400
    assert client.post("/role", {"role": "department_admin"}).status_code == 303
    assert client.get("/plans").status_code == 200


def test_one_role_shows_no_switch_and_staff_see_no_management_menu():
    site = Site()
    client = site.client()
    client.login("staff1")
    home = client.get("/").text
    assert "切换角色" not in home and "我的管理" not in home and "退出" in home


@pytest.mark.parametrize("path", ["/", "/plans", "/password"])
def test_pages_behind_the_login_send_a_stranger_to_it(path):
    answer = Site().client().get(path)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"


def test_the_login_page_of_a_logged_in_user_goes_home():
    client = Site().client()
    client.login("IOP")
    assert client.get("/login").headers["location"] == "/"
    assert csrf_of(client.get("/").text)
