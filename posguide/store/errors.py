"""Store errors: each carries a message a shop manager can act on, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from posguide.i18n import Text


class StoreError(Exception):
    """Base class. ``str(err)`` is one clear sentence or two, in English; ``err.text`` is the
    same message as translatable text, for the GUI."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(str(message))
        self.text = message if isinstance(message, Text) else Text("{message}", message=message)

    @classmethod
    def about(cls, source: str, path: Path | str, **values: Any) -> Self:
        """The error ``source`` (a QT_TR_NOOP sentence with ``{path}``) says about ``path``."""
        return cls(Text(source, path=str(path), **values))


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


class DiskFullError(StoreError):
    pass


class ForeignDatabaseError(StoreError):
    """The file is an SQLite database, but another program's."""


class CardNumberError(StoreError):
    """A card number was given where an id (terminal, step, check...) belongs."""
