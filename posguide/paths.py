"""Where posguide keeps its data on this PC.

One data directory per shop PC, so every cashier account sees the same history. On Windows that is
under ProgramData (the installer makes ``%ProgramData%\\posguide`` writable for Users);
elsewhere it is the per-user data directory. ``--data-dir`` and ``POSGUIDE_HOME`` override both,
in that order.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

APP_NAME = "posguide"
ENV_HOME = "POSGUIDE_HOME"


def default_data_dir() -> Path:
    import platformdirs  # not needed with --data-dir or POSGUIDE_HOME

    if sys.platform == "win32":
        # Shared by all accounts; the installer grants Users modify rights on this folder.
        return Path(platformdirs.site_data_dir(APP_NAME, appauthor=False))
    else:
        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class DataDir(NamedTuple):  # not a dataclass: the window's first page skips that import
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "posguide.db"

    @property
    def config(self) -> Path:
        return self.root / "posguide.toml"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def ensure(self) -> DataDir:
        """Make the data folder; ``logs`` and ``backups`` are made where they are written, so
        a problem with one of them (a file in its place) is said there, not a failed start."""
        self.root.mkdir(parents=True, exist_ok=True)
        return self


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> DataDir:
    """The data directory: explicit override, then $POSGUIDE_HOME, then the platform default."""
    if override:
        return DataDir(Path(override).expanduser().resolve())
    env = os.environ.get(ENV_HOME)
    if env:
        return DataDir(Path(env).expanduser().resolve())
    return DataDir(default_data_dir())
