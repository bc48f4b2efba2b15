"""The pages, one module per menu, each with its :class:`~casedu.web.routing.Pages`; a new
menu's module joins :data:`MENUS`."""

from casedu.web.pages import account, implementation, plans

__all__ = ["MENUS"]

#: Every menu's pages, in the order of the menus.
MENUS = (account.pages, plans.pages, implementation.pages)
