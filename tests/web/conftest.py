"""The browser's fixtures for the page tests."""

from tests.web.browser import chromium, page, shoot

__all__ = ["chromium", "page", "shoot"]
