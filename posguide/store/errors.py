"""Store errors: each carries a message a shop manager can act on, never a traceback."""

from __future__ import annotations


class StoreError(Exception):
    """Base class. ``str(err)`` is one clear sentence or two."""


class DatabaseLockedError(StoreError):
    pass


class DatabaseReadOnlyError(StoreError):
    pass


class DatabaseCorruptError(StoreError):
    pass


class DatabaseTooNewError(StoreError):
    pass


class IncidentClosedError(StoreError):
    pass


class NotFoundError(StoreError):
    pass
