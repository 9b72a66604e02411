"""The daily backup: at most one a day, made when posguide starts or a scheduler asks.

``backup_if_due`` never raises for what can happen on a shop PC (a full or read-only disk, a
locked or damaged database): it reports it, so the window can say so and carry on.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from posguide.store.backup import backup_database, clean_partials, list_backups, made_on
from posguide.store.db import BUSY_TIMEOUT_MS, identify
from posguide.store.errors import StoreError
from posguide.store.failures import translate_os_error, translated
from posguide.timeutil import now

log = logging.getLogger("posguide.store.backup")


@dataclass(frozen=True)
class BackupReport:
    """What the daily backup did. ``problem`` says why no copy could be made when one was due;
    ``latest`` is the newest good copy either way."""

    made: Path | None = None
    latest: Path | None = None
    problem: StoreError | None = None
    removed_partials: tuple[Path, ...] = field(default=())

    @property
    def due(self) -> bool:
        return self.made is not None or self.problem is not None


def backup_if_due(
    database: Path, folder: Path, *, keep: int, today: date | None = None
) -> BackupReport:
    """Back ``database`` up into ``folder`` unless a backup was already made ``today`` (local
    date). Checks the copy, removes interrupted ones, keeps the ``keep`` newest."""
    day = today or now().date()
    try:
        removed = tuple(clean_partials(folder)) if folder.is_dir() else ()
    except OSError as err:
        return _failed(translate_os_error(err, folder), folder)
    made_today = [b for b in list_backups(folder) if made_on(b) == day]
    if made_today:
        return BackupReport(latest=made_today[-1], removed_partials=removed)
    if not database.is_file():
        return BackupReport(removed_partials=removed)  # nothing recorded yet
    try:
        with translated(database):
            source = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            with translated(database):
                identify(source, database)  # reads only: a refused file stays as it is
            made = backup_database(source, folder, keep=keep)
        finally:
            source.close()
    except StoreError as err:
        return _failed(err, folder, removed)
    return BackupReport(made=made, latest=made, removed_partials=removed)


def _failed(err: StoreError, folder: Path, removed: tuple[Path, ...] = ()) -> BackupReport:
    log.warning("the daily backup was not made: %s", err)
    existing = list_backups(folder)
    return BackupReport(
        latest=existing[-1] if existing else None, problem=err, removed_partials=removed
    )
