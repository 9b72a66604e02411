"""Where a command's output goes: never over posguide's own files, never half a file.

A file is written under a temporary name beside it and renamed into place once complete, so a
failure (a damaged row, a full disk) leaves the old file, or none, and no fragment. Standard
output gets nothing until the whole output exists, so a failure prints no partial report.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from posguide.cli.context import CliError, CliFailure
from posguide.paths import DataDir

Render = Callable[[TextIO], int]
_SPOOL_BYTES = 16 * 1024 * 1024


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def is_posguides_own(data: DataDir, out: Path) -> bool:
    """The database and its journal files, the settings, the logs and backups folders — by
    name, through links, or as another name (hard link) of the same file."""
    files = [data.database.with_name(data.database.name + s) for s in ("", "-wal", "-shm")]
    files += [data.database.with_name(data.database.name + "-journal"), data.config]
    real = out.resolve()
    if any(real == f.resolve() or _same_file(out, f) for f in files):
        return True
    return any(_inside(real, folder.resolve()) for folder in (data.backups, data.logs))


def check_target(data: DataDir, out: Path, *, force: bool) -> None:
    """Refuse an output file before any work is done (exit 2: the user picks another)."""
    if is_posguides_own(data, out):
        raise CliError(
            f"--out: {out} is one of posguide's own files (its database, settings, logs or "
            "backups); choose another file"
        )
    if out.is_dir():
        raise CliError(f"--out: {out} is a folder; choose a file name inside it")
    if out.exists() and not force:
        raise CliError(f"--out: {out} already exists; choose another name or add --force")


def os_reason(err: OSError) -> str:
    """What a refused file operation means, for a shop manager."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; free some space and try again"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "this account may not write there (read-only); choose another place"
    return err.strerror or str(err)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(out: Path, render: Render, *, encoding: str) -> int:
    """``render`` into ``out``, whole or not at all; returns what ``render`` returned."""
    try:
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    except OSError as err:
        raise CliFailure(f"cannot write {out}: {os_reason(err)}") from err
    temporary = Path(name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            count = render(handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o666 & ~_umask())  # as if created normally, not mkstemp's 0600
        temporary.replace(out)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise CliFailure(f"cannot write {out}: {os_reason(err)}") from err
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def write_stdout(render: Render) -> int:
    """``render`` to standard output (UTF-8), once it has all been produced."""
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        count = render(text)
        text.flush()
        text.detach()
        spool.seek(0)
        sys.stdout.flush()
        shutil.copyfileobj(spool, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return count
