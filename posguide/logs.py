"""Logging: one rotating file the manager can send, loggers named by subsystem
(``posguide.store``, ``posguide.probes.network``, ...), card numbers and secrets never written."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Callable, Iterable
from pathlib import Path

from posguide.privacy import MaskingFormatter

LOG_FILE = "posguide.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class RedactingFormatter(MaskingFormatter):
    """Masks card numbers (see MaskingFormatter) and the config's secrets in the whole text."""

    def __init__(self, fmt: str = FORMAT, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        # Longest first, so a secret that contains another is removed whole.
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


class _FileHandler(logging.handlers.RotatingFileHandler):
    """Stops, quietly, once the disk refuses a write (full, unplugged): a log line is never
    worth failing the work or filling the console with logging's own tracebacks."""

    stopped = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.stopped:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        self.stopped = True


def setup_logging(
    folder: Path,
    *,
    level: str = "INFO",
    max_kb: int = 1024,
    keep: int = 5,
    secrets: Iterable[str] = (),
    on_problem: Callable[[str], None] | None = None,
) -> Path | None:
    """Send every ``posguide.*`` logger to a rotating file in ``folder``; returns its path.

    A folder this account cannot write (read-only, missing drive) gives no log file and None;
    ``on_problem`` hears why, once, and the program carries on without one."""
    path = folder / LOG_FILE
    root = logging.getLogger("posguide")
    for old in [h for h in root.handlers if getattr(h, "posguide_file", False)]:
        root.removeHandler(old)
        old.close()
    root.setLevel(level)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _FileHandler(path, maxBytes=max_kb * 1024, backupCount=keep, encoding="utf-8")
    except OSError as err:
        if on_problem is not None:
            reason = err.strerror or type(err).__name__
            on_problem(f"cannot write the log file {path} ({reason}); carrying on without a log")
        return None
    handler.setFormatter(RedactingFormatter(secrets=secrets))
    handler.posguide_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
