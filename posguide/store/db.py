"""Opening the incident database safely: identity, integrity, pragmas, schema version.

A database that is locked, read-only, damaged, another program's or from a newer posguide is
reported and left exactly as it is: everything is checked by reading, and only a file found to be
ours and healthy is written to (WAL mode, migrations). This module never deletes, recreates or
"repairs" an existing file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import sqlite_utils

from posguide.i18n import QT_TR_NOOP
from posguide.store import schema
from posguide.store.errors import (
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    ForeignDatabaseError,
)
from posguide.store.failures import (
    corrupt_error,
    folder_in_the_way_error,
    read_only_error,
    translate_os_error,
    translated,
)

log = logging.getLogger("posguide.store")

BUSY_TIMEOUT_MS = 5000
IntegrityMode = Literal["full", "quick", "none"]


def too_new_error(path: Path | str, version: int) -> DatabaseTooNewError:
    return DatabaseTooNewError.about(
        QT_TR_NOOP(
            "The incident database {path} was written by a newer posguide (schema {version}, "
            "this one knows {known}). Update posguide; the file has not been changed."
        ),
        path,
        version=version,
        known=schema.SCHEMA_VERSION,
    )


def foreign_error(path: Path | str) -> ForeignDatabaseError:
    return ForeignDatabaseError.about(
        QT_TR_NOOP(
            "{path} is not a posguide incident database: it belongs to another program. It has "
            "not been changed. Move it away, or start posguide with another data folder."
        ),
        path,
    )


def _check_path(path: Path) -> None:
    """Refuse, before SQLite sees it, a path that cannot be the database file."""
    if path.is_dir():
        raise folder_in_the_way_error(path)
    try:
        existed = path.exists()
    except PermissionError:
        existed = False
    if (existed or path.parent.exists()) and not os.access(
        path if existed else path.parent, os.R_OK
    ):
        raise DatabaseReadOnlyError.about(
            QT_TR_NOOP(
                "posguide cannot read {path}: permission denied for this account. Ask the "
                "manager to give this account write access (the installer does)."
            ),
            path,
        )
    if existed and not os.access(path, os.W_OK):
        raise read_only_error(path)


def connect(
    path: Path,
    *,
    integrity: IntegrityMode = "quick",
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> sqlite_utils.Database:
    """Open (creating if absent) and migrate the database at ``path``."""
    path = Path(path)
    _check_path(path)
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise translate_os_error(err, path.parent) from err
    with translated(path):
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so each step commits exactly
        # when the recorder says, never at an implicit point.
        conn = sqlite3.connect(
            path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
    try:
        with translated(path):
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            version = identify(conn, path)
            if existed and integrity != "none":
                check_integrity(conn, path, full=integrity == "full")
            _configure(conn, busy_timeout_ms)
            if version < schema.SCHEMA_VERSION:
                found = schema.migrate(conn)
                if found > schema.SCHEMA_VERSION:  # a newer posguide upgraded it meanwhile
                    raise too_new_error(path, found)
                if found < schema.SCHEMA_VERSION:
                    log.info("migrated %s from schema %d", path, found)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def identify(conn: sqlite3.Connection, path: Path | str) -> int:
    """The schema version of a posguide database; refuses any other file. Only reads."""
    # Reading the header turns "file is not a database" into an error before any write.
    tables = {
        str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if application not in (0, schema.APPLICATION_ID):
        raise foreign_error(path)
    if version > schema.SCHEMA_VERSION:
        raise too_new_error(path, version)
    # Version 0 is a file posguide has just created, still empty; later ones have incidents.
    if (version == 0 and tables) or (version > 0 and "incidents" not in tables):
        raise foreign_error(path)
    return version


def _configure(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    # The first write to the file: only once it is known to be ours and healthy.
    mode = _wal(conn, busy_timeout_ms / 1000)
    if mode != "wal":
        log.warning("journal_mode is %s, not WAL", mode)
    # FULL: a committed step survives a power cut, not only a crash of the process.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _wal(conn: sqlite3.Connection, timeout_s: float) -> str:
    """Switch to WAL. SQLite answers a contended switch with SQLITE_BUSY at once, without its
    busy handler (processes opening an older file together), so wait here as it would."""
    deadline = time.monotonic() + timeout_s
    while True:
        mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        if mode == "wal":
            return mode
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as err:
            busy = getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY
            if not busy or time.monotonic() >= deadline:
                raise
        time.sleep(0.01)


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
