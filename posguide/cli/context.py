"""What every sub-command needs: the data directory, the validated config, the store."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from posguide.config import ConfigError, ShopConfig, load_config
from posguide.logs import setup_logging
from posguide.paths import DataDir, resolve_data_dir
from posguide.store import IncidentStore, StoreError
from posguide.store.db import IntegrityMode


class CliError(Exception):
    """Usage or configuration error: exit code 2."""


class CliFailure(Exception):
    """A check failed or the work could not be done: exit code 1."""


@dataclass
class Context:
    data: DataDir
    config: ShopConfig

    def open_store(self, *, integrity: IntegrityMode = "quick") -> IncidentStore:
        try:
            return IncidentStore.open(
                self.data.database,
                integrity=integrity,
                max_photo_bytes=self.config.storage.max_photo_mb * 1024 * 1024,
            )
        except StoreError as err:
            raise CliFailure(str(err)) from err


def say(message: object) -> None:
    """One line on standard error: what went wrong and what to do."""
    print(f"posguide: {' '.join(str(message).split())}", file=sys.stderr)


def load_context(args: argparse.Namespace) -> Context:
    data = resolve_data_dir(getattr(args, "data_dir", None))
    named = getattr(args, "config", None)
    config_path = Path(named) if named else data.config
    # The data folder's own settings may be missing (a new PC: defaults); a file named on the
    # command line must be there, or the checks would run on settings nobody chose.
    if named and not config_path.exists():
        raise CliError(f"--config: there is no file {config_path}")
    try:
        data.ensure()
    except OSError as err:
        raise CliError(f"cannot use the data folder {data.root}: {err.strerror}") from err
    try:
        config = load_config(config_path)
    except ConfigError as err:
        raise CliError(str(err)) from err
    setup_logging(
        data.logs,
        level=config.logging.level,
        max_kb=config.logging.max_kb,
        keep=config.logging.keep,
        secrets=config.secrets(),
        on_problem=say,
    )
    return Context(data, config)
