"""登录, 修改密码, 切换角色, 退出, and the home page (the menus the active role may use)."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.responses import Response

from casedu.errors import InvalidValueError, LoginFailedError
from casedu.model import Role
from casedu.web.cookies import LOGIN, SESSION
from casedu.web.forms import text
from casedu.web.routing import ANYONE, INITIAL, Pages
from casedu.web.visit import Visit

__all__ = ["pages"]

pages = Pages()

#: What the login page says, by what brought the user there.
_LOGIN_FAILED = "用户名或密码错误，或登录失败次数过多（请稍候再试）。"
_ENDED = "会话已结束（已退出、长时间未操作或密码已修改），请重新登录。"


@pages.view("/", "home")
def home(visit: Visit) -> Response:
    """The menus of the active role."""
    return visit.render("index.html")


@pages.view("/login", "login", who=ANYONE)
def login_form(visit: Visit) -> Response:
    """登录: 用户名, 密码."""
    if visit.actor is not None:
        return visit.redirect("home")
    return _login_page(visit, notice=_ENDED if visit.query("ended") else None)


@pages.action("/login", "login_post", who=ANYONE)
def login(visit: Visit, form: FormData) -> Response:
    """Open a session (a new token: none carried over from before the login)."""
    try:
        opened = visit.flow.start_session(text(form, "username") or "",
                                          text(form, "password", strip=False) or "")
    except LoginFailedError:
        return _login_page(visit, error=_LOGIN_FAILED, status=400,
                           username=text(form, "username") or "")
    assert opened.token is not None
    visit.cookies.update({SESSION: opened.token, LOGIN: None})
    if opened.actor.account.must_change_password:
        return visit.redirect("password")
    return visit.redirect("home")


def _login_page(visit: Visit, *, notice: str | None = None, error: str | None = None,
                status: int = 200, username: str = "") -> Response:
    if not visit.csrf:  # the login form's own token, before there is a session
        visit.csrf = visit.portal.login_token()
        visit.cookies[LOGIN] = visit.csrf
    return visit.render("account/login.html", status=status, notice=notice, error=error,
                        username=username)


@pages.view("/password", "password", who=INITIAL)
def password_form(visit: Visit) -> Response:
    """修改密码 (the only page of an account on its initial password)."""
    return visit.render("account/password.html", error=None)


@pages.action("/password", "password_post", who=INITIAL)
def change_password(visit: Visit, form: FormData) -> Response:
    """Every session of the account ends; this browser goes on in a new one."""
    new = text(form, "new", strip=False) or ""
    if new != (text(form, "again", strip=False) or ""):
        return visit.render("account/password.html", status=400,
                            error="两次输入的新密码不一致。")
    try:
        opened = visit.flow.change_session_password(
            visit.token or "", text(form, "old", strip=False) or "", new)
    except LoginFailedError:
        return visit.render("account/password.html", status=400, error="原密码不正确。")
    except InvalidValueError as error:
        return visit.render("account/password.html", status=400, error=error.reason)
    assert opened.token is not None
    visit.cookies[SESSION] = opened.token
    return visit.redirect("home", {"done": "password"})


@pages.action("/role", "switch_role")
def switch_role(visit: Visit, form: FormData) -> Response:
    """切换角色: the session goes on under another role the account holds."""
    try:
        role = Role(text(form, "role") or "")
    except ValueError:
        return visit.portal.error(visit, 400, "没有这个角色。")
    visit.flow.switch_session_role(visit.token or "", role)
    return visit.redirect("home")


@pages.action("/logout", "logout", who=INITIAL)
def logout(visit: Visit, form: FormData) -> Response:
    """退出: the session ends here and on the server."""
    if visit.token is not None:
        visit.flow.end_session(visit.token)
    visit.cookies[SESSION] = None
    return visit.redirect("login")
