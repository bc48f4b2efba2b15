"""An account sees only the menu entries, links and buttons it may use: every role walks every
page it is offered (the links of its menus and of each page), and presses every button of each
(each form it is shown, posted as the page fills it in). No link leads to a refusal or to a
page that cannot be shown to this account, and no button answers 无权操作 (403). The routes
still authorize (tests/web/test_matrix.py); a page only leaves out what would be refused."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import attrs
import pytest

from casedu.model import Account, ExternalStatus
from casedu.services import MemoryStore
from tests.builders import attend, external
from tests.services.world import accounts, world_dataset
from tests.web.site import Site

#: Who walks: the account of each role of the small academy; the academy admin's also as
#: ``casedu grant`` makes it (no person of the roster) and at home in an institute with classes,
#: people and summaries (IOP), whose pages it reads.
WALKERS = {
    "institute admin": ("IOP", False, None), "department admin": ("dept1", False, None),
    "class admin": ("class1", False, None), "staff": ("staff1", False, None),
    "academy admin": ("cas", False, None), "academy admin without a person": ("cas", True, None),
    "academy admin at home in IOP": ("cas", True, "IOP"),
    "institute admin without a person": ("IOA", False, None),
}

#: Links that are no page to walk: leaving, the style sheet, the files a 下载 gives.
_SKIPPED = ("/logout", "/static/", "/download")
#: The most pages one walk opens (each list's first records are enough).
_PAGES = 120


class _Page(HTMLParser):
    """The links of a page, and each form it posts: its fields as the page fills them in and
    every button's action."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag: str, attributes: list) -> None:
        a = dict(attributes)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and a.get("method") == "post":
            self._form = {"action": a.get("action"), "fields": {}, "buttons": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea") and a.get("name"):
            kind = a.get("type", "text")
            if kind == "checkbox" or kind == "radio":
                self._form["fields"].setdefault(a["name"], a.get("value", "on"))
            elif kind != "file":
                self._form["fields"].setdefault(a["name"], a.get("value") or "")
        elif self._form is not None and tag == "option" and self._form["fields"]:
            last = list(self._form["fields"])[-1]
            if not self._form["fields"][last]:
                self._form["fields"][last] = a.get("value", "")
        elif self._form is not None and tag == "button":
            self._form["buttons"].append((a.get("formaction") or self._form["action"],
                                          a.get("name"), a.get("value")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def _site(username: str, personless: bool, home: str | None) -> Site:
    def changed(account: Account) -> Account:
        if account.username != username:
            return account
        if personless:
            account = attrs.evolve(account, person=None)
        if home:
            account = attrs.evolve(account, institute=home, grants=tuple(
                attrs.evolve(g, institute=home) for g in account.grants))
        return account

    # the admins' own records first in each list: a button on one's own record is refused
    world = world_dataset()
    own = [attend("P1", p, confirmed=False) for p in ("a_inst", "a_dept", "a_class")]
    mine = [external(f"O{p}", p, 5, status=ExternalStatus.PENDING) for p in ("a_inst", "a_dept")]
    world = attrs.evolve(world, attendance=(*own, *world.attendance),
                         external_learning=(*mine, *world.external_learning))
    return Site(MemoryStore(world, [changed(a) for a in accounts()]))


def _local(base: str, link: str) -> str | None:
    url = urlsplit(urljoin(base, link))
    if url.netloc not in ("", "testserver") or any(s in url.path for s in _SKIPPED):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


@pytest.mark.parametrize("walker", WALKERS)
def test_every_link_and_button_offered_is_one_the_account_may_use(walker):
    username, personless, home = WALKERS[walker]
    client = _site(username, personless, home).client()
    assert client.login(username).status_code == 303
    seen, queue, refused, forms = set(), ["/"], [], []
    while queue and len(seen) < _PAGES:  # every page offered, then every button of them
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        answer = client.get(path)
        if answer.status_code in (301, 302, 303, 307):
            continue
        if answer.status_code != 200:
            refused.append(f"GET {path}: {answer.status_code}")
            continue
        if "text/html" not in answer.headers.get("content-type", ""):
            continue
        page = _Page()
        page.feed(answer.text)
        queue += [link for link in (_local(path, h) for h in page.links) if link]
        forms += [(path, form) for form in page.forms]
    pressed = []
    for path, form in forms:
        for action, name, value in form["buttons"] or [(form["action"], None, None)]:
            target = _local(path, action)
            if target is None:
                continue
            fields = dict(form["fields"])
            if name:
                fields[name] = value
            fields.pop("csrf", None)
            pressed.append(target)
            if client.post(target, fields).status_code == 403:
                refused.append(f"POST {target} (from {path}): 403")
    assert not refused, f"{walker} is offered what it may not use:\n" + "\n".join(refused)
    assert len(seen) > 3  # the walk reached the pages of the menus
    if walker.startswith("academy admin"):  # it reads every institute and changes nothing
        assert set(pressed) <= {"/password"}, pressed  # but its own password
