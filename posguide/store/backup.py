"""Online backups with SQLite's backup API, so a copy is consistent while the app is writing.

A copy is written as ``posguide-STAMP.PID.partial``, checked, then renamed to
``posguide-STAMP.db``: a half-written file is never mistaken for a backup, and a partial left by
a backup that was killed (its process is gone) is removed by the next one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

from posguide.store.db import check_integrity, identify
from posguide.store.failures import translate_error, translate_os_error
from posguide.timeutil import now

log = logging.getLogger("posguide.store.backup")

PREFIX = "posguide-"
SUFFIX = ".db"
PARTIAL = ".partial"
STAMP = "%Y%m%d-%H%M%S-%f"


def backup_database(conn: sqlite3.Connection, folder: Path, *, keep: int = 14) -> Path:
    """Copy the live database into ``folder``, check the copy, keep the ``keep`` newest."""
    target = folder / f"{PREFIX}{now().strftime(STAMP)}{SUFFIX}"
    partial = folder / f"{target.stem}.{os.getpid()}{PARTIAL}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        clean_partials(folder)
        _copy(conn, partial)
        partial.replace(target)
    except sqlite3.Error as err:
        _discard(partial)
        raise translate_error(err, target) from err
    except OSError as err:
        _discard(partial)
        raise translate_os_error(err, folder) from err
    except BaseException:
        _discard(partial)
        raise
    log.info("backup written: %s", target)
    prune_backups(folder, keep=keep)
    return target


def _discard(partial: Path) -> None:
    # On a read-only disk even removing a file that is not there fails; the error that matters
    # is the one being handled.
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


def _copy(conn: sqlite3.Connection, partial: Path) -> None:
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
        # The copy is a plain rollback-journal file: one file, easy to mail or restore.
        dest.execute("PRAGMA journal_mode = DELETE")
        check_integrity(dest, partial, full=True)
        identify(dest, partial)
    finally:
        dest.close()


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, oldest first (names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file() and made_on(p))


def made_on(backup: Path) -> date | None:
    """The day a backup was made, from its name; None for a file not named by posguide."""
    try:
        return datetime.strptime(backup.stem.removeprefix(PREFIX), STAMP).date()
    except ValueError:
        return None


def prune_backups(folder: Path, *, keep: int) -> list[Path]:
    backups = list_backups(folder)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def clean_partials(folder: Path) -> list[Path]:
    """Remove the partial copies of backups that were interrupted (their process is gone)."""
    import psutil  # here: the store opens before the first step page, psutil takes 25 ms

    removed = []
    for partial in folder.glob(f"{PREFIX}*{PARTIAL}"):
        writer = partial.stem.rpartition(".")[2]
        if writer.isdigit() and int(writer) != os.getpid() and psutil.pid_exists(int(writer)):
            continue  # another posguide is writing this one right now
        partial.unlink(missing_ok=True)
        removed.append(partial)
        log.info("removed an interrupted backup: %s", partial)
    return removed
