"""The hostile tests' fixtures: ``store_kind`` runs a test on every store."""

from tests.engines import store_kind

__all__ = ["store_kind"]
