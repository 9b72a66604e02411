"""Turning what SQLite and the operating system report into one sentence a shop manager can act on.

"disk I/O error" or "unable to open database file" say nothing to a cashier; the disk being full
(and how much is free), the folder being read-only, or a folder sitting where the file should be
do.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from posguide.i18n import QT_TR_NOOP
from posguide.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DiskFullError,
    StoreError,
)

# An I/O error with less than this free is a full disk: SQLite reports a failed WAL or -shm
# extension as SQLITE_IOERR, not SQLITE_FULL.
NEARLY_FULL_BYTES = 8 * 1024 * 1024
_MB = 1024 * 1024


def free_bytes(path: Path | str) -> int | None:
    """Bytes free for this account on the disk that holds ``path`` (or its nearest parent)."""
    place = Path(path)
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        return shutil.disk_usage(place).free
    except OSError:
        return None


def _writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)


def disk_full_error(path: Path | str) -> DiskFullError:
    free = free_bytes(path)
    return DiskFullError.about(
        QT_TR_NOOP(
            "The disk is full ({free} MB free) where posguide keeps {path}: free some space and "
            "try again. Nothing saved before was lost."
        ),
        path,
        free="?" if free is None else f"{free / _MB:.0f}",
    )


def read_only_error(path: Path | str) -> DatabaseReadOnlyError:
    return DatabaseReadOnlyError.about(
        QT_TR_NOOP(
            "posguide cannot write to {path}: the file or its folder is read-only for this "
            "account. Ask the manager to give this account write access (the installer does)."
        ),
        path,
    )


def folder_in_the_way_error(path: Path | str) -> StoreError:
    return StoreError.about(
        QT_TR_NOOP(
            "The incident database {path} is a folder, not a file. Move that folder away (or "
            "start posguide with another data folder) and try again."
        ),
        path,
    )


def corrupt_error(path: Path | str, why: str) -> DatabaseCorruptError:
    return DatabaseCorruptError.about(
        QT_TR_NOOP(
            "The incident database {path} is damaged ({why}). It has not been changed. "
            "Restore the newest copy from the backups folder, or send the file to support."
        ),
        path,
        why=why,
    )


def translate_error(err: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn a sqlite3 error into a StoreError whose message says what to do."""
    name = str(getattr(err, "sqlite_errorname", "") or "")
    text = str(err).lower()
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return disk_full_error(path)
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        free = free_bytes(path)
        if free is not None and free < NEARLY_FULL_BYTES:
            return disk_full_error(path)
    if "locked" in text or "busy" in text:
        return DatabaseLockedError.about(
            QT_TR_NOOP(
                "The incident database {path} is in use by another program and stayed locked. "
                "Close other posguide windows and try again; nothing was lost."
            ),
            path,
        )
    if Path(path).is_dir():
        return folder_in_the_way_error(path)
    if "readonly" in text or "read-only" in text:
        return read_only_error(path)
    if "unable to open" in text and not _writable(Path(path)):
        return read_only_error(path)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return corrupt_error(path, str(err))
    if "could not decode" in text:
        return corrupt_error(path, "a text value is not valid UTF-8")
    return StoreError.about(
        QT_TR_NOOP("The incident database {path} could not be used: {error}"),
        path,
        error=str(err),
    )


def translate_os_error(err: OSError, path: Path | str) -> StoreError:
    """A file operation beside the database (a backup, a restore) that the system refused."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full_error(path)
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return read_only_error(path)
    return StoreError.about(
        QT_TR_NOOP("posguide could not use {path}: {error}"),
        path,
        error=err.strerror or str(err),
    )


@contextmanager
def translated(path: Path | str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as err:
        raise translate_error(err, path) from err
    except UnicodeDecodeError as err:
        # SQLite's own message quoted bytes of a damaged schema that are not text.
        raise corrupt_error(path, "its structure holds bytes that are not text") from err
