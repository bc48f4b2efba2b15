"""The menus a role shows are worked out once per app and role (``Portal.shown``): every role
still sees its own menus, whichever role asked first, and a page's link to a menu's page
(``offered``) still follows the role."""

from __future__ import annotations

import re

from casedu.model import Role
from casedu.web.menus import LEARNING, MANAGEMENT, offered, visible
from tests.services.world import ACTORS
from tests.web.site import Site

_NAV = re.compile(r'<nav class="menus".*?</nav>', re.S)


def _menu_of(site, username):
    client = site.client()
    assert client.login(username).status_code == 303
    return _NAV.search(client.get("/").text).group(0)


def test_each_role_sees_its_own_menus_whichever_asked_first():
    roles = [Role.INSTITUTE_ADMIN, Role.STAFF, Role.DEPARTMENT_ADMIN, Role.ACADEMY_ADMIN]
    alone = {role: _menu_of(Site(), ACTORS[role]) for role in roles}  # each in its own app
    shared = Site()
    for role in [*roles, *reversed(roles)]:
        assert _menu_of(shared, ACTORS[role]) == alone[role]
    assert "人员管理" in alone[Role.INSTITUTE_ADMIN] and "人员管理" not in alone[Role.STAFF]
    assert len(set(alone.values())) == len(roles)


def test_a_link_to_a_menus_page_follows_the_role_after_the_menus_are_kept():
    site = Site()
    portal = site.app.app.state.portal

    class Visit:  # what visible and offered read of a visit
        def __init__(self, actor):
            self.actor, self.portal = actor, portal

        def may(self, operation):
            from casedu.services import OPERATIONS

            return self.actor.role in OPERATIONS.get(operation, ())

    from tests.services.world import actor_of

    admin, staff = (Visit(actor_of(site.app.app.state.portal.flow, role))
                    for role in (Role.INSTITUTE_ADMIN, Role.STAFF))
    assert visible(admin, MANAGEMENT) and not visible(staff, MANAGEMENT)
    assert visible(admin, MANAGEMENT) is visible(admin, MANAGEMENT)  # kept
    assert offered(admin, "external_review") and not offered(staff, "external_review")
    assert visible(staff, LEARNING) == visible(staff, LEARNING)
