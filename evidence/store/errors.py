"""Errors the store raises; the web layer maps them to 404 / 409 / 422."""

from __future__ import annotations


class NotFound(LookupError):
    pass


class Conflict(RuntimeError):
    """A write based on a stale version. The message says what changed since that version."""

    def __init__(self, message: str, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


class Invalid(ValueError):
    """Input the store refuses; nothing was written."""
