"""A restore asked for while posguide has the database open (the console's backups tab): noted
in the data folder and carried out at the next start, before the database is opened.

The note is one line, the backup's path, in ``restore.pending``; it is removed whether the
restore worked or not, so a backup that cannot be used is reported once, never retried at every
start.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from posguide.store.errors import StoreError
from posguide.store.restore import RestoreReport, restore_database

NOTE = "restore.pending"


def ask_restore(root: Path, backup: Path) -> None:
    partial = root / f".{NOTE}.new"
    partial.write_text(str(backup.resolve()), encoding="utf-8")
    partial.replace(root / NOTE)


def pending_restore(root: Path) -> Path | None:
    try:
        text = (root / NOTE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def restore_if_asked(root: Path, database: Path) -> RestoreReport | StoreError | None:
    """Carry out a pending restore; None when none was asked for."""
    backup = pending_restore(root)
    if backup is None:
        return None
    try:
        return restore_database(database, backup, root / "backups")
    except StoreError as err:
        return err
    finally:
        with contextlib.suppress(OSError):
            (root / NOTE).unlink()
