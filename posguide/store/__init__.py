"""The crash-safe incident store: SQLite, written as things happen."""

from posguide.store.backup import backup_database, list_backups
from posguide.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    IncidentClosedError,
    NotFoundError,
    StoreError,
)
from posguide.store.incidents import IncidentStore
from posguide.store.models import Incident, IncidentDetail, ProbeRecord
from posguide.store.photos import PhotoError
from posguide.store.queries import IncidentFilter

__all__ = [
    "DatabaseCorruptError",
    "DatabaseLockedError",
    "DatabaseReadOnlyError",
    "DatabaseTooNewError",
    "Incident",
    "IncidentClosedError",
    "IncidentDetail",
    "IncidentFilter",
    "IncidentStore",
    "NotFoundError",
    "PhotoError",
    "ProbeRecord",
    "StoreError",
    "backup_database",
    "list_backups",
]
