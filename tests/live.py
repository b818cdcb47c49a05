"""Moved to :mod:`tests.fixtures.web`; kept until the browser tests import from there."""

from tests.fixtures.web import serve

__all__ = ["serve"]
