"""Store errors: each carries a message a shop manager can act on, never a traceback."""

from __future__ import annotations

from posguide.i18n import Text


class StoreError(Exception):
    """Base class. ``str(err)`` is one clear sentence or two, in English; ``err.text`` is the
    same message as translatable text, for the GUI."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(str(message))
        self.text = message if isinstance(message, Text) else Text("{message}", message=message)


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
