"""The pages, one module per menu, each with its :class:`~casedu.web.routing.Pages`; a new
menu's module joins :data:`MENUS`."""

from casedu.web.pages import (
    academy,
    account,
    admin,
    backbone,
    implementation,
    learning,
    people,
    plans,
    stats,
    summaries,
)

__all__ = ["MENUS"]

#: Every menu's pages, in the order of the menus.
MENUS = (account.pages, academy.pages, plans.pages, implementation.pages, stats.pages,
         backbone.pages, summaries.pages, people.pages, admin.pages, learning.pages)
