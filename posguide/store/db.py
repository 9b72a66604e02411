"""Opening the incident database safely: pragmas, schema version, integrity, clear errors.

A database that is locked, read-only, corrupt or from a newer posguide is reported and left
exactly as it is: this module never deletes, recreates or "repairs" an existing file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import sqlite_utils

from posguide.i18n import QT_TR_NOOP, Text
from posguide.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    StoreError,
)
from posguide.store.schema import SCHEMA_VERSION, migrate

log = logging.getLogger("posguide.store")

BUSY_TIMEOUT_MS = 5000
IntegrityMode = Literal["full", "quick", "none"]


def translate_error(err: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn a sqlite3 error into a StoreError whose message says what to do."""
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            Text(
                QT_TR_NOOP(
                    "The incident database {path} is in use by another program and stayed "
                    "locked. Close other posguide windows and try again; nothing was lost."
                ),
                path=str(path),
            )
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseReadOnlyError(
            Text(
                QT_TR_NOOP(
                    "posguide cannot write to {path}: the file or its folder is read-only for "
                    "this account. Ask the manager to give this account write access (the "
                    "installer does)."
                ),
                path=str(path),
            )
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return corrupt_error(path, str(err))
    return StoreError(
        Text(
            QT_TR_NOOP("The incident database {path} could not be used: {error}"),
            path=str(path),
            error=str(err),
        )
    )


def corrupt_error(path: Path | str, why: str) -> DatabaseCorruptError:
    return DatabaseCorruptError(
        Text(
            QT_TR_NOOP(
                "The incident database {path} is damaged ({why}). It has not been changed. "
                "Restore the newest copy from the backups folder, or send the file to support."
            ),
            path=str(path),
            why=why,
        )
    )


@contextmanager
def translated(path: Path | str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as err:
        raise translate_error(err, path) from err


def connect(
    path: Path,
    *,
    integrity: IntegrityMode = "quick",
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> sqlite_utils.Database:
    """Open (creating if absent) and migrate the database at ``path``."""
    path = Path(path)
    try:
        existed = path.exists()
    except PermissionError:
        existed = False
    if (existed or path.parent.exists()) and not os.access(
        path if existed else path.parent, os.R_OK
    ):
        raise DatabaseReadOnlyError(
            Text(
                QT_TR_NOOP(
                    "posguide cannot read {path}: permission denied for this account. Ask the "
                    "manager to give this account write access (the installer does)."
                ),
                path=str(path),
            )
        )
    if existed and not os.access(path, os.W_OK):
        raise translate_error(sqlite3.OperationalError("readonly database"), path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with translated(path):
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so each step commits exactly
        # when the recorder says, never at an implicit point.
        conn = sqlite3.connect(
            path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
    try:
        with translated(path):
            _configure(conn, busy_timeout_ms)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise DatabaseTooNewError(
                    Text(
                        QT_TR_NOOP(
                            "The incident database {path} was written by a newer posguide "
                            "(schema {version}, this one knows {known}). Update posguide; the "
                            "file has not been changed."
                        ),
                        path=str(path),
                        version=version,
                        known=SCHEMA_VERSION,
                    )
                )
            if existed and integrity != "none":
                check_integrity(conn, path, full=integrity == "full")
            if version < SCHEMA_VERSION:
                log.info("migrating %s from schema %d to %d", path, version, SCHEMA_VERSION)
                migrate(conn, version)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def _configure(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    # Reading the header here turns "file is not a database" into an error before any write.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("journal_mode is %s, not WAL", mode)
    # FULL: a committed step survives a power cut, not only a crash of the process.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def check_integrity(conn: sqlite3.Connection, path: Path | str, *, full: bool = True) -> None:
    pragma = "integrity_check" if full else "quick_check"
    with translated(path):
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    if rows != ["ok"]:
        raise corrupt_error(path, "; ".join(rows[:3]))


@contextmanager
def write_transaction(db: sqlite_utils.Database, path: Path | str) -> Iterator[sqlite3.Connection]:
    """One committed unit of work. IMMEDIATE takes the write lock up front, so a busy database
    waits (busy_timeout) at BEGIN instead of failing halfway."""
    conn = db.conn
    with translated(path):
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    with translated(path):
        conn.execute("COMMIT")
