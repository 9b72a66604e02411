"""Putting a backup back: ``posguide db restore FILE``.

Nothing is changed until the backup has been checked in full (a copy of it, opened, upgraded if
older, every row read) and the current database has been kept as a safety copy. The current
database must not be open in posguide meanwhile: a window still holding the old file would go on
writing into it, unseen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from posguide.i18n import QT_TR_NOOP, Text
from posguide.store.backup import STAMP
from posguide.store.db import check_integrity, identify
from posguide.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseTooNewError,
    DiskFullError,
    ForeignDatabaseError,
    StoreError,
)
from posguide.store.failures import disk_full_error, translate_os_error, translated
from posguide.store.incidents import IncidentStore
from posguide.store.verify import check_rows
from posguide.timeutil import now

log = logging.getLogger("posguide.store.restore")
SAFETY_PREFIX = "before-restore-"
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreReport:
    incidents: int
    safety_copy: Path | None  # the database that was replaced; None when there was none


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _refuse(candidate: Path, why: Text) -> StoreError:
    return StoreError.about(
        QT_TR_NOOP("{path} cannot be restored: {why}. The current database has not been changed."),
        candidate,
        why=why,
    )


def _check_candidate(database: Path, candidate: Path) -> None:
    if candidate.is_dir():
        raise _refuse(candidate, Text(QT_TR_NOOP("it is a folder, not a backup file")))
    if not candidate.is_file():
        raise _refuse(candidate, Text(QT_TR_NOOP("there is no such file")))
    if database.exists() and candidate.samefile(database):
        raise _refuse(candidate, Text(QT_TR_NOOP("it is the database in use, not a backup")))


def _stage(database: Path, candidate: Path, staged: Path) -> None:
    """Copy ``candidate`` to ``staged`` beside the database and check the copy in full."""
    try:
        shutil.copyfile(candidate, staged)
        if _beside(candidate, "-wal").is_file():  # a copy taken with its write-ahead log
            shutil.copyfile(_beside(candidate, "-wal"), _beside(staged, "-wal"))
    except OSError as err:
        raise translate_os_error(err, database.parent) from err
    try:
        with IncidentStore.open(staged, integrity="full") as store:
            count = check_rows(store)
            store.db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        log.info("backup %s checked: %d incidents", candidate, count)
    except (DatabaseCorruptError, ForeignDatabaseError, DatabaseTooNewError) as err:
        raise _refuse(candidate, _REASONS[type(err)]) from err
    except DiskFullError as err:
        raise disk_full_error(database.parent) from err


_REASONS: dict[type[StoreError], Text] = {
    DatabaseCorruptError: Text(QT_TR_NOOP("it is damaged")),
    ForeignDatabaseError: Text(QT_TR_NOOP("it is not a posguide database")),
    DatabaseTooNewError: Text(
        QT_TR_NOOP("it was written by a newer posguide; update posguide first")
    ),
}


@contextlib.contextmanager
def _held(database: Path) -> Iterator[bool]:
    """Hold the current database so no one writes while it is copied and replaced. Yields
    whether it is a sound posguide file (then it is one file, checkpointed); a damaged or
    foreign file yields False and is copied as it lies."""
    conn = sqlite3.connect(database, timeout=1, isolation_level=None)
    try:
        try:
            with translated(database):
                identify(conn, database)
                check_integrity(conn, database, full=False)  # damaged: copied untouched
                # Leaving WAL needs every other connection closed: a posguide window still
                # open on this database makes this fail, which is what we want to know.
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("BEGIN EXCLUSIVE")
        except DatabaseLockedError as err:
            raise StoreError.about(
                QT_TR_NOOP(
                    "posguide is still open on this PC, or another program uses {path}: close "
                    "it and try again. Nothing was changed."
                ),
                database,
            ) from err
        except StoreError:
            yield False
            return
        yield True
    finally:
        conn.close()


def _keep_safety_copy(database: Path, folder: Path, whole: bool) -> Path:
    safety = folder / f"{SAFETY_PREFIX}{now().strftime(STAMP)}.db"
    sides = [] if whole else [s for s in _SIDE_FILES if _beside(database, s).is_file()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, target in [(database, safety)] + [
            (_beside(database, s), _beside(safety, s)) for s in sides
        ]:
            partial = _beside(target, ".partial")
            shutil.copyfile(source, partial)
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
            partial.replace(target)
    except OSError as err:
        raise translate_os_error(err, folder) from err
    return safety


def restore_database(database: Path, candidate: Path, folder: Path) -> RestoreReport:
    """Replace ``database`` by the backup ``candidate``, keeping the replaced database in
    ``folder`` as ``before-restore-STAMP.db``. Raises StoreError, having changed nothing, when
    the backup is not a healthy posguide database or the database is in use."""
    _check_candidate(database, candidate)
    staged = database.with_name(f".{database.name}.restore.{os.getpid()}.partial")
    try:
        _stage(database, candidate, staged)
        safety = None
        if database.exists():
            with _held(database) as sound:
                safety = _keep_safety_copy(database, folder, whole=sound)
            # Released first: Windows cannot replace a file that is still open.
            for suffix in _SIDE_FILES:  # an old log must never be replayed onto the backup
                _beside(database, suffix).unlink(missing_ok=True)
        staged.replace(database)
    except OSError as err:
        raise translate_os_error(err, database.parent) from err
    finally:
        for leftover in (staged, *(_beside(staged, s) for s in _SIDE_FILES)):
            leftover.unlink(missing_ok=True)
    with IncidentStore.open(database, integrity="none") as store:
        count = int(store.db.execute("SELECT count(*) FROM incidents").fetchone()[0])
    log.info("restored %s from %s; the one replaced is kept as %s", database, candidate, safety)
    return RestoreReport(count, safety)
