"""Online backups with SQLite's backup API, so a copy is consistent while the app is writing."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from posguide.store.db import check_integrity
from posguide.store.failures import translate_error
from posguide.timeutil import now

log = logging.getLogger("posguide.store.backup")

PREFIX = "posguide-"
SUFFIX = ".db"


def backup_database(conn: sqlite3.Connection, folder: Path, *, keep: int = 14) -> Path:
    """Copy the live database into ``folder`` and keep the ``keep`` newest copies.

    The copy is written under a temporary name, checked, then renamed: a half-written file is
    never mistaken for a backup.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{PREFIX}{stamp}{SUFFIX}"
    partial = target.with_suffix(".partial")
    try:
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            # The copy is a plain rollback-journal file: one file, easy to mail or restore.
            dest.execute("PRAGMA journal_mode = DELETE")
            check_integrity(dest, partial, full=True)
        finally:
            dest.close()
        partial.replace(target)
    except sqlite3.Error as err:
        partial.unlink(missing_ok=True)
        raise translate_error(err, target) from err
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("backup written: %s", target)
    prune_backups(folder, keep=keep)
    return target


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, oldest first (names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())


def prune_backups(folder: Path, *, keep: int) -> list[Path]:
    backups = list_backups(folder)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed
