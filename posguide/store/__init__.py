"""The crash-safe incident store: SQLite, written as things happen."""

from posguide.store.backup import backup_database, list_backups
from posguide.store.daily import BackupReport, backup_if_due
from posguide.store.errors import (
    CardNumberError,
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    DiskFullError,
    ForeignDatabaseError,
    IncidentClosedError,
    NotFoundError,
    StoreError,
)
from posguide.store.incidents import IncidentStore
from posguide.store.models import Incident, IncidentDetail, ProbeRecord
from posguide.store.photos import PhotoError
from posguide.store.queries import IncidentFilter

__all__ = [
    "BackupReport",
    "CardNumberError",
    "DatabaseCorruptError",
    "DatabaseLockedError",
    "DatabaseReadOnlyError",
    "DatabaseTooNewError",
    "DiskFullError",
    "ForeignDatabaseError",
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
    "backup_if_due",
    "list_backups",
]
